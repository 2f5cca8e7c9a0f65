"""The cyclic collector is paused while loading, proving and rendering, and memory stays bounded."""
from __future__ import annotations

import gc
import resource
from pathlib import Path

import pytest

from briefing import gcpause
from briefing.check import check

ROOT = Path(__file__).resolve().parent.parent


def test_paused_gc_pauses_and_restores_the_collector() -> None:
    assert gc.isenabled()
    with gcpause.paused_gc():
        assert not gc.isenabled()
        with gcpause.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()        # only the outermost pause re-enables
    assert gc.isenabled()


def test_paused_gc_restores_the_collector_after_an_error() -> None:
    try:
        with gcpause.paused_gc(freeze=True):
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()


def test_freeze_moves_the_survivors_out_of_the_collected_generations() -> None:
    kept = []
    with gcpause.paused_gc(freeze=True):
        kept.extend([index] for index in range(10_000))
    assert gc.get_freeze_count() >= 10_000
    assert gcpause.collect_now() >= 0
    assert gc.get_freeze_count() == 0


def test_check_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    from briefing.verify import facts

    real = facts.verify

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr("briefing.check.verify", spy)
    report = check(ROOT / "facts.yaml")
    assert report.ok and seen == [False]
    assert gc.isenabled()


def test_repeated_checks_leave_no_frozen_garbage_and_bounded_memory() -> None:
    """Freezing keeps what lives; a dropped report is freed (no cycles pile up in the frozen set)."""
    gcpause.collect_now()
    counts, peaks = [], []
    for _ in range(5):
        report = check(ROOT / "facts.yaml")
        assert report.ok
        del report
        counts.append(gc.get_freeze_count())
        peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    assert max(counts[1:]) - min(counts[1:]) <= 100, counts
    assert peaks[-1] - peaks[1] < 20_000, peaks     # kilobytes: no growth run after run
    gcpause.collect_now()
