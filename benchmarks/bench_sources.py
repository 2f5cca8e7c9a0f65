"""Benchmark sources in other formats: adding a 50-page PDF, and `check` on PDF and HTML sources.

    python benchmarks/bench_sources.py [--runs 5]

1. `briefing sources add` of a 50-page PDF (the default sources set in
   WeasyPrint, with header, footer and hyphenation), in a fresh process and a
   fresh project each run (cold cache): best and every run. Target: under 2 s.
2. `briefing check` on the default project with its five sources turned into
   three PDFs and two saved web pages (derived text cached), against the same
   project in plain text, in fresh processes, run in pairs (documents, then
   text): every paired ratio and their median. Target: the same speed.
"""
from __future__ import annotations

import argparse
import html
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = [sys.executable, "-m", "briefing"]
CSS = """@page { size: A5; margin: 2cm 1.8cm; @top-center { content: "Reprint for the desk"; font-size: 8pt; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
body { font-family: serif; font-size: 10.5pt; hyphens: auto; text-align: justify; } p { margin: 0 0 .6em; }"""


def _paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def write_pdf(paragraphs: list[str], path: Path) -> int:
    """Set ``paragraphs`` as an A5 PDF at ``path``; return its page count."""
    from weasyprint import HTML

    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    document = HTML(string=f"<html lang='en'><head><style>{CSS}</style></head><body>{body}</body></html>").render()
    document.write_pdf(path)
    return len(document.pages)


def fifty_pages(path: Path) -> int:
    """A PDF of at least 50 pages from the default sources, repeated; return its page count."""
    corpus = [p for source in sorted((ROOT / "sources").glob("*.txt")) for p in _paragraphs(source)]
    pages = write_pdf(corpus, path)
    repeat = -(-50 // pages)
    return write_pdf(corpus * repeat, path)


def run(args: list[str], cwd: Path) -> float:
    """Run briefing in a fresh process; its wall time; fail loudly on a non-zero exit."""
    start = time.perf_counter()
    done = subprocess.run(BRIEFING + args, capture_output=True, text=True, cwd=cwd)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"briefing {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def documents_project(target: Path) -> Path:
    """The default project with sources turned into PDFs (even positions) and saved web pages (odd)."""
    target.mkdir()
    shutil.copy2(ROOT / "facts.yaml", target / "facts.yaml")
    (target / "sources").mkdir()
    facts = (target / "facts.yaml").read_text(encoding="utf-8")
    for index, source in enumerate(sorted((ROOT / "sources").glob("*.txt"))):
        paragraphs = _paragraphs(source)
        if index % 2 == 0:
            out = target / "sources" / f"{source.stem}.pdf"
            write_pdf(paragraphs, out)
        else:
            out = target / "sources" / f"{source.stem}.html"
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            out.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(paragraphs[0])}"
                           f"</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main>"
                           f"<article>{body}</article></main><footer>Copyright. Privacy policy.</footer></body></html>",
                           encoding="utf-8")
        facts = facts.replace(f"sources/{source.name}", f"sources/{out.name}")
    (target / "facts.yaml").write_text(facts, encoding="utf-8")
    return target


def main() -> None:
    """Build the documents, time both measurements, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = work / "report-50.pdf"
        pages = fifty_pages(big)
        from briefing.ingest.extracted import extract
        start = time.perf_counter()
        extract(big.read_bytes(), "pdf", big.name)
        in_process = time.perf_counter() - start
        adds = []
        for number in range(options.runs):
            project = work / f"add-{number}"
            run(["init", str(project)], work)
            adds.append(run(["sources", "add", str(big)], project))
        print(f"sources add, {pages}-page PDF ({big.stat().st_size:,} bytes), fresh process, cold cache: "
              f"best {min(adds):.2f} s, runs {', '.join(f'{t:.2f}' for t in adds)} (target: under 2 s); "
              f"extraction alone in-process {in_process:.2f} s")
        documents = documents_project(work / "documents")
        text = work / "text"
        text.mkdir()
        shutil.copy2(ROOT / "facts.yaml", text / "facts.yaml")
        shutil.copytree(ROOT / "sources", text / "sources")
        cold = run(["check"], documents)                 # derives and caches the text
        pairs = [(run(["check"], documents), run(["check"], text)) for _ in range(options.runs)]
        ratios = [d / t for d, t in pairs]
        print(f"check, default project: first run on PDF + HTML sources (cache cold) {cold:.2f} s")
        print("check, paired runs (PDF + HTML cached / plain text): "
              + ", ".join(f"{d:.2f}/{t:.2f} = {d / t:.2f}x" for d, t in pairs))
        print(f"median ratio {statistics.median(ratios):.2f}x; best {min(d for d, _ in pairs):.2f} s vs "
              f"{min(t for _, t in pairs):.2f} s (target: the same speed)")


if __name__ == "__main__":
    main()
