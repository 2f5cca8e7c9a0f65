"""Benchmark `briefing check` against a plain YAML parse of the same file, as paired ratios.

    python benchmarks/bench_check.py [--pairs 5] [--big-pairs 3]

Both sides run in a fresh process each time (interpreter start and imports
included on both): `briefing check FACTS` and `python -c` parsing the same
facts.yaml with ``yaml.load(..., Loader=yaml.CSafeLoader)``. Runs alternate
(ABBA) and the median of the per-pair ratios is printed, for a synthetic
base of 10,000 facts over 1,000 sources and one of 50,000 facts (about
13 MB). Then the default project's check and ``--help`` (medians).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import make_project  # noqa: E402
from paired import Paired, machine, paired, run_process  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = [sys.executable, "-m", "briefing"]
PARSE = "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"


def compare(facts: Path, pairs: int) -> Paired:
    """Paired runs of `briefing check` (A) and the plain parse (B) of ``facts``."""
    return paired(lambda: run_process(BRIEFING + ["check", str(facts)], facts.parent),
                  lambda: run_process([sys.executable, "-c", PARSE, str(facts)], facts.parent), pairs)


def report(label: str, facts: Path, result: Paired) -> None:
    """Print one comparison."""
    size = facts.stat().st_size / 1e6
    peak_a = max(run.peak_kib for run in result.a) / 1024
    peak_b = max(run.peak_kib for run in result.b) / 1024
    print(f"{label} (facts.yaml {size:.1f} MB), check vs plain parse: {result.summary()}; "
          f"peak memory {peak_a:.0f} MiB vs {peak_b:.0f} MiB")


def main() -> None:
    """Generate the projects, time both sides, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--big-pairs", type=int, default=3)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        ten = make_project(Path(tmp) / "ten", 10_000, 1_000)
        report("10,000 facts / 1,000 sources", ten, compare(ten, args.pairs))
        big = make_project(Path(tmp) / "fifty", 50_000, 1_000)
        report("50,000 facts / 1,000 sources", big, compare(big, args.big_pairs))
    default = [run_process(BRIEFING + ["check"], ROOT) for _ in range(args.pairs)]
    helped = [run_process(BRIEFING + ["--help"], ROOT) for _ in range(args.pairs)]
    print(f"default project check: median {Paired.median(default):.3f} s wall, "
          f"{statistics.median(r.cpu for r in default):.3f} s CPU (goal < 0.4 s); --help: median "
          f"{Paired.median(helped):.3f} s wall, {statistics.median(r.cpu for r in helped):.3f} s CPU (goal < 0.3 s)")


if __name__ == "__main__":
    main()
