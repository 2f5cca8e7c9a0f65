"""Pause Python's cyclic garbage collector where it only costs time.

Loading a fact base, proving it and laying out a PDF allocate millions of
objects that live until the command ends; the cyclic collector would scan them
again and again (about three quarters of YAML compose time, 10-17% of layout
and PDF writing) and find next to nothing to free. Reference counting still
frees every object that is not part of a cycle, so memory stays bounded by
what one run builds.

* :func:`paused_gc` pauses the collector for a block. With ``freeze=True`` the
  objects that survive it (the loaded project and its report, which the
  command keeps) are moved to the permanent generation, so that later
  collections never scan them again.
* :func:`collect_now` undoes the freezes and collects everything: a warm
  process (``briefing watch``) calls it while it waits, when the time is free,
  so cycles left by one run never pile up across runs.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc(freeze: bool = False) -> Iterator[None]:
    """Disable the cyclic collector inside the block; re-enable it after (if it was on).

    ``freeze`` moves every object alive at the end of the block to the
    permanent generation (``gc.freeze``), so later collections skip them.
    Nested pauses are fine: only the outermost one re-enables the collector.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def collect_now() -> int:
    """Unfreeze and collect all generations; return the number of objects found unreachable."""
    gc.unfreeze()
    return gc.collect()
