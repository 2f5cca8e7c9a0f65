"""Benchmark `briefing render` against WeasyPrint alone on the same HTML, as paired ratios.

    python benchmarks/bench_render.py [--pairs 5] [--scale-pairs 2] [--no-scale]
    python benchmarks/bench_render.py --memory [--sizes 300,1000,2000]

Every figure alternates its two sides run by run (ABBA) and prints the median
of the per-pair ratios, because the machine is shared:

1. the default render (PDF + DOCX + HTML, fresh process, ``--force``) against
   WeasyPrint alone turning the render's own HTML into a PDF in a fresh
   process (import included), with the same font subsetter on both sides
   (:func:`briefing.writers.subset.use_fast_subsetting`) and the same PDF/UA-1
   variant; also against plain WeasyPrint defaults;
2. a re-render in a warm process, as ``briefing watch`` does after a save,
   against the same WeasyPrint-alone run;
3. the render of 1,000 synthetic facts against 60, as time per fact;
4. a second render with nothing changed (the skip), median.

``--memory`` prints instead, for synthetic projects of 300, 1,000 and 2,000
facts (one fresh ``render --force`` each): seconds, seconds per fact, and the
peak resident memory of each process of the render (main, PDF process,
helper), sampled from /proc every 20 ms, with the peak of their sum (which
counts pages the forked processes share twice). A long briefing is laid out in
parts (briefing.writers.pdf_parts), so the PDF process's peak should stay near
the same value from 1,000 facts on.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import make_project  # noqa: E402
from paired import Run, machine, paired, run_call, run_process  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = [sys.executable, "-m", "briefing"]
WEASYPRINT_ALONE = """
import sys, weasyprint
from briefing.writers.subset import use_fast_subsetting
use_fast_subsetting()
html = open(sys.argv[1], encoding="utf-8").read()
options = {"pdf_variant": "pdf/ua-1"} if sys.argv[4] == "ua" else {}
weasyprint.HTML(string=html, base_url=sys.argv[2]).write_pdf(sys.argv[3], **options)
"""


def _copy_default(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "facts.yaml", target / "facts.yaml")
    shutil.copytree(ROOT / "sources", target / "sources")
    return target


def _alone(project: Path, variant: str) -> Run:
    return run_process([sys.executable, "-c", WEASYPRINT_ALONE, str(project / "out" / "briefing.html"),
                        (ROOT / "templates").as_uri() + "/", str(project / "alone.pdf"), variant], project)


def _render(project: Path) -> Run:
    return run_process(BRIEFING + ["render", "--force"], project)


def default_render(project: Path, pairs: int) -> None:
    """Figures 1, 2 and 4 on the default project."""
    _render(project)                       # out/briefing.html for WeasyPrint alone
    tagged = paired(lambda: _render(project), lambda: _alone(project, "ua"), pairs)
    plain = paired(lambda: _render(project), lambda: _alone(project, "plain"), pairs)
    peak_a = max(run.peak_kib for run in tagged.a) / 1024
    peak_b = max(run.peak_kib for run in tagged.b) / 1024
    print(f"default render (PDF+DOCX+HTML, fresh process) vs WeasyPrint alone (same HTML, same subsetter, "
          f"PDF/UA-1): {tagged.summary()} (goal <= 1.1x); peak memory {peak_a:.0f} MiB vs {peak_b:.0f} MiB")
    print(f"default render vs WeasyPrint alone with its defaults (not tagged): {plain.summary()}")

    import weasyprint  # noqa: F401 - the warm process of `briefing watch`

    from briefing.commands.render import render_project

    def warm() -> Run:
        return run_call(lambda: render_project(project / "facts.yaml", ["pdf", "docx", "html"], ["briefing"],
                                               None, False, None, True))

    warm()
    watch = paired(warm, lambda: _alone(project, "ua"), pairs)
    print(f"warm re-render (as in briefing watch) vs WeasyPrint alone: {watch.summary()} (goal < 1.0x)")
    skips = [run_process(BRIEFING + ["render"], project) for _ in range(pairs)]
    print(f"second render, nothing changed (skipped): median {statistics.median(r.seconds for r in skips):.3f} s "
          f"wall, {statistics.median(r.cpu for r in skips):.3f} s CPU (goal < 0.5 s)")


def scale(root: Path, pairs: int) -> None:
    """Figure 3: time per fact at 1,000 facts against 60."""
    small = make_project(root / "sixty", 60, 10).parent
    large = make_project(root / "thousand", 1_000, 100).parent
    result = paired(lambda: _render(large), lambda: _render(small), pairs)
    per_fact = statistics.median((x.seconds / 1_000) / (y.seconds / 60) for x, y in zip(result.a, result.b))
    per_fact_cpu = statistics.median((x.cpu / 1_000) / (y.cpu / 60) for x, y in zip(result.a, result.b))
    print(f"render of 1,000 facts vs 60 facts: {result.summary()}; time per fact at 1,000 / at 60 = "
          f"{per_fact:.2f} (CPU {per_fact_cpu:.2f}; paired medians; goal <= 1.2)")


def _tree_rss(root: int) -> dict[int, int]:
    """Resident KiB of ``root`` and each of its descendants (Linux /proc)."""
    found: dict[int, int] = {}
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        found[pid] = int(line.split()[1])
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                    todo += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue
    return found


def sampled_render(project: Path) -> tuple[float, float, list[int], int]:
    """One fresh ``render --force``: wall and CPU seconds, the three largest processes' peak RSS (MiB), peak sum."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(BRIEFING + ["render", "--force"], cwd=project, stdout=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    total = 0
    while process.poll() is None:
        sample = _tree_rss(process.pid)
        for pid, kib in sample.items():
            peaks[pid] = max(peaks.get(pid, 0), kib)
        total = max(total, sum(sample.values()))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if process.returncode != 0:
        raise SystemExit(f"render of {project} failed ({process.returncode})")
    return seconds, cpu, sorted((kib // 1024 for kib in peaks.values()), reverse=True)[:3], total // 1024


def memory(root: Path, sizes: list[int]) -> None:
    """Peak memory and time of a render at each size of synthetic project."""
    for facts in sizes:
        project = make_project(root / f"facts{facts}", facts, max(1, facts // 10)).parent
        seconds, cpu, peaks, total = sampled_render(project)
        print(f"{facts:>6,} facts: {seconds:6.1f} s wall ({1000 * seconds / facts:5.1f} ms/fact), {cpu:6.1f} s CPU "
              f"({1000 * cpu / facts:5.1f} ms/fact); peak RSS of the largest processes "
              f"{' / '.join(f'{mib} MiB' for mib in peaks)}; peak of their sum {total} MiB")


def main() -> None:
    """Copy the default project, time each pair, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--scale-pairs", type=int, default=2)
    parser.add_argument("--no-scale", action="store_true", help="skip the 1,000-fact render (about a minute each)")
    parser.add_argument("--memory", action="store_true", help="peak memory per process at --sizes facts")
    parser.add_argument("--sizes", default="300,1000,2000", help="project sizes for --memory (facts)")
    args = parser.parse_args()
    print(machine())
    if args.memory:
        with tempfile.TemporaryDirectory() as tmp:
            memory(Path(tmp), [int(size) for size in args.sizes.split(",")])
        return
    with tempfile.TemporaryDirectory() as tmp:
        default_render(_copy_default(Path(tmp) / "default"), args.pairs)
        if not args.no_scale:
            scale(Path(tmp), args.scale_pairs)


if __name__ == "__main__":
    main()
