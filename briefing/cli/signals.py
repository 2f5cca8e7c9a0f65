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


def catch_signals() -> None:
    """Install the handler for SIGINT and SIGTERM (in the main thread; elsewhere Python refuses, and nothing changes)."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(signum, _on_signal)
        except (ValueError, OSError):   # not the main thread (main() called from a test's thread)
            return
