"""Ctrl-C and SIGTERM: the command stops as if interrupted, cleans up, and exits with one line.

SIGINT raises :class:`KeyboardInterrupt` and SIGTERM :class:`Terminated` in
the main process, so every ``finally`` runs (a render removes its
unfinished version folder and temporary files) and the CLI prints one line
(exit 130 or 143), never a traceback. A helper process forked by a render
inherits the handler; there it exits at once, quietly (Ctrl-C signals the
whole process group, and the parent does the reporting).
"""
from __future__ import annotations

import os
import signal


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C (every ``finally`` cleans up), then exit 143."""


_MAIN_PID = os.getpid()


def _on_signal(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM: unwind the main process; a forked helper (PDF layout, DOCX) just exits, quietly.

    A helper inherits this handler when it is forked, and Ctrl-C signals the
    whole process group: without this, each helper would print its own
    KeyboardInterrupt traceback while the render is stopping.
    """
    if os.getpid() != _MAIN_PID:
        os._exit(128 + signum)
    raise KeyboardInterrupt if signum == signal.SIGINT else Terminated


def catch_signals() -> dict[int, object]:
    """Install the handler for SIGINT and SIGTERM; return the handlers it replaced (for :func:`restore`).

    Only the main thread may do this; elsewhere (``main()`` called from a
    test's thread) nothing changes.
    """
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    previous: dict[int, object] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[signum] = signal.signal(signum, _on_signal)
        except (ValueError, OSError):
            break
    return previous


def restore(previous: dict[int, object]) -> None:
    """Put back the handlers :func:`catch_signals` replaced (``main()`` may run inside another program)."""
    for signum, handler in previous.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]
