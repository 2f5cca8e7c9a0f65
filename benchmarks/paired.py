"""Paired timing for the benchmarks: alternate the two sides run by run and report the median ratio.

The machine the benchmarks run on is shared, so its load changes from one
second to the next. Timing side A five times and then side B five times would
compare two different machines; alternating A and B (ABBA order) and taking
the median of the per-pair ratios compares each run with its neighbour.
"""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Run:
    """One timed run: wall seconds, CPU seconds (user + system, children included) and peak memory in KiB."""

    seconds: float
    cpu: float = 0.0
    peak_kib: int = 0


@dataclass(frozen=True)
class Paired:
    """Both sides' runs and the median of their per-pair ratios (A / B)."""

    a: list[Run]
    b: list[Run]

    @property
    def ratio(self) -> float:
        """The median of A_i / B_i (wall time)."""
        return statistics.median(x.seconds / y.seconds for x, y in zip(self.a, self.b))

    @property
    def cpu_ratio(self) -> float:
        """The median of A_i / B_i (CPU time)."""
        return statistics.median(x.cpu / y.cpu for x, y in zip(self.a, self.b) if y.cpu > 0)

    def summary(self) -> str:
        """Both medians and both ratios, for a line of output."""
        return (f"{self.median(self.a):.2f} s vs {self.median(self.b):.2f} s wall: paired median ratio "
                f"{self.ratio:.2f}x (CPU {self.cpu_ratio:.2f}x)")

    @staticmethod
    def median(runs: list[Run]) -> float:
        """The median wall time of ``runs``."""
        return statistics.median(run.seconds for run in runs)


def run_process(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` in a fresh process; its wall time and peak memory. Fails loudly if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            out.seek(0)
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n"
                             f"{out.read().decode()[-2000:]}{err.read().decode()[-2000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, int(usage.ru_maxrss))


def run_call(action: Callable[[], object]) -> Run:
    """Time ``action`` in this process (its CPU time: this process and the children it waited for)."""
    before = _cpu()
    start = time.perf_counter()
    action()
    return Run(time.perf_counter() - start, _cpu() - before)


def _cpu() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def paired(a: Callable[[], Run], b: Callable[[], Run], pairs: int) -> Paired:
    """Run A and B ``pairs`` times each, alternating which goes first (ABBA)."""
    runs_a: list[Run] = []
    runs_b: list[Run] = []
    for index in range(pairs):
        if index % 2 == 0:
            runs_a.append(a())
            runs_b.append(b())
        else:
            runs_b.append(b())
            runs_a.append(a())
    return Paired(runs_a, runs_b)


def machine() -> str:
    """One line naming the machine and the load on it."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.platform()}; load average {load:.1f} (shared: figures are paired ratios)")
