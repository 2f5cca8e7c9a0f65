"""Benchmark `briefing suggest` on a 5 KB article and `briefing coverage` on the default project.

    python benchmarks/bench_suggest.py [--runs 3] [--facts CURATED_FACTS_FILE]

Prints the best wall time and CPU time of each command in a fresh process
(imports included): `suggest` on security-trade-un-role.txt (5.4 KB) against the
default fact base and against an empty one (every candidate new, so every
one is proven and named), and `coverage` on the default project. Then the
recall and precision of the suggestions against the curated facts (the
default fact base, or ``--facts``: any curated base over its own sources).
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from briefing.suggest.quality import empty_copy, measure  # noqa: E402

BRIEFING = [sys.executable, "-m", "briefing"]
ARTICLE = "security-trade-un-role"


def best(runs: int, args: list[str], cwd: Path) -> tuple[float, float]:
    """The best wall time and CPU time (user + system) of ``runs`` fresh `briefing ARGS` processes.

    The CPU time does not grow when other processes share the machine. Fails
    loudly on a non-zero exit.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(BRIEFING + args, cwd=cwd, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"briefing {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return min(walls), min(cpus)


def main() -> None:
    """Time the commands, measure the quality, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--facts", type=Path, default=ROOT / "facts.yaml",
                        help="the curated fact base to measure recall and precision against")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    size = (ROOT / "sources" / f"{ARTICLE}.txt").stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        empty = empty_copy(ROOT / "facts.yaml", Path(tmp))
        rows = [
            (f"suggest {ARTICLE} ({size:,} bytes), default base", best(args.runs, ["suggest", ARTICLE], ROOT)),
            (f"suggest {ARTICLE} ({size:,} bytes), empty base",
             best(args.runs, ["suggest", ARTICLE, "--facts", str(empty)], ROOT)),
            ("coverage, default project", best(args.runs, ["coverage"], ROOT)),
            ("check, default project (for comparison)", best(args.runs, ["check"], ROOT)),
        ]
    for what, (wall, cpu) in rows:
        print(f"{what:<62} {wall:.2f} s wall, {cpu:.2f} s CPU")
    quality = measure(args.facts.resolve())
    print(f"quality against {args.facts}:")
    kept = quality.matching + quality.quoted
    print(f"recall {len(quality.found)}/{len(quality.curated)} = {quality.recall:.0%}; "
          f"precision {kept}/{quality.suggested} = {quality.precision:.0%} "
          f"(strict {quality.matching}/{quality.suggested} = {quality.strict_precision:.0%}; "
          f"broad {kept + quality.broad}/{quality.suggested} = {quality.broad_precision:.0%})")
    for line in quality.unmatched:
        print(f"  not in the curated base: {line}")


if __name__ == "__main__":
    main()
