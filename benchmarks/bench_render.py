"""Benchmark `briefing render` on the default project beside WeasyPrint alone.

    python benchmarks/bench_render.py [--runs 3]

Prints the best wall time of: the default render (PDF + DOCX + HTML, fresh
process, --force so nothing is skipped); WeasyPrint alone turning the same
HTML into a PDF in a fresh process (import included); and a second render
with nothing changed (the skip).
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEASYPRINT_ALONE = """
import sys, weasyprint
html = open(sys.argv[1], encoding="utf-8").read()
options = {"pdf_variant": "pdf/ua-1"} if sys.argv[4] == "ua" else {}
weasyprint.HTML(string=html, base_url=sys.argv[2]).write_pdf(sys.argv[3], **options)
"""


def timed(command: list[str], cwd: Path) -> float:
    """Wall time of one command; fail loudly if it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    """Copy the default project, time the three runs, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copy2(ROOT / "facts.yaml", project / "facts.yaml")
        shutil.copytree(ROOT / "sources", project / "sources")
        briefing = [sys.executable, "-m", "briefing", "render"]
        full = min(timed(briefing + ["--force"], project) for _ in range(args.runs))
        html = project / "out" / "briefing.html"
        alone, tagged = (min(timed([sys.executable, "-c", WEASYPRINT_ALONE, str(html), str(ROOT / "templates"),
                                    str(project / "alone.pdf"), variant], project) for _ in range(args.runs))
                         for variant in ("plain", "ua"))
        skip = min(timed(briefing, project) for _ in range(args.runs))
    print(f"briefing render (PDF + DOCX + HTML, fresh process): {full:.3f} s = {full / alone:.2f}x WeasyPrint alone")
    print(f"WeasyPrint alone, same HTML (fresh process):        {alone:.3f} s")
    print(f"WeasyPrint alone, same HTML, PDF/UA-1 as briefing:  {tagged:.3f} s "
          f"(briefing = {full / tagged:.2f}x)")
    print(f"second render, nothing changed (skipped):           {skip:.3f} s")


if __name__ == "__main__":
    main()
