"""Benchmark `briefing check` on a synthetic project beside a plain YAML parse.

    python benchmarks/bench_check.py [--facts 10000] [--sources 1000] [--runs 3]

Prints the best wall time of: PyYAML's C loader parsing facts.yaml
(yaml.load with CSafeLoader, in-process), `briefing check` in a fresh process
(imports included), and the default project's `briefing check`.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from generate import make_project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = [sys.executable, "-m", "briefing"]


def best(runs: int, action) -> float:
    """The best wall time of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def run_check(facts: Path) -> None:
    """Run `briefing check` in a fresh process; fail loudly unless it proves everything."""
    done = subprocess.run(BRIEFING + ["check", str(facts)], capture_output=True, text=True, cwd=facts.parent)
    if done.returncode != 0:
        raise SystemExit(f"briefing check failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def main() -> None:
    """Generate the project, time both, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--facts", type=int, default=10000)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    with tempfile.TemporaryDirectory() as tmp:
        facts = make_project(Path(tmp), args.facts, args.sources)
        size = facts.stat().st_size
        text = facts.read_text(encoding="utf-8")
        parse = best(args.runs, lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        check = best(args.runs, lambda: run_check(facts))
        print(f"synthetic project: {args.facts} facts over {args.sources} sources, facts.yaml {size / 1e6:.1f} MB")
        print(f"plain parse (yaml.load, CSafeLoader, in-process): {parse:.3f} s")
        print(f"briefing check (fresh process, imports included):  {check:.3f} s  = {check / parse:.2f}x the parse")
    default = best(args.runs, lambda: run_check(ROOT / "facts.yaml"))
    print(f"briefing check on the default project:             {default:.3f} s")
    helped = best(args.runs, lambda: subprocess.run(BRIEFING + ["--help"], capture_output=True, check=True))
    print(f"briefing --help:                                   {helped:.3f} s")


if __name__ == "__main__":
    main()
