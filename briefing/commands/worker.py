"""The render's helper process: forked beside the main one, and gone when the main one goes.

`briefing render` writes the Word draft and reads back half the PDF in a
second process while WeasyPrint lays out the PDF. That process must never
outlive the render: killed with SIGKILL or SIGTERM, the render takes its
helper with it. Two mechanisms, so that either suffices:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the helper
  when its parent dies;
* everywhere, a pipe whose only write end the parent holds: a thread in the
  helper waits on the read end and exits the helper at end of file, which is
  what the kernel delivers when the parent is gone.

Where fork is not available, or on one core, jobs run inline.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, Callable

PR_SET_PDEATHSIG = 1


class Inline(Executor):
    """Runs each job in this process at once: the fallback where fork is not available."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``fn(*args)`` now; its result or exception is in the returned future."""
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - re-raised by future.result()
            future.set_exception(error)
        return future


def killed_with_parent(parent: int) -> None:
    """In a forked child: on Linux, have the kernel kill it when ``parent`` dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass                         # the caller's pipe still holds
    if os.getppid() != parent:           # the parent died before prctl took effect
        os._exit(1)


def _die_with_parent(parent: int, read_end: int, write_end: int, use_prctl: bool) -> None:
    """In the helper: arrange to exit as soon as ``parent`` is gone."""
    os.close(write_end)                  # only the parent may hold it, or the end of file never comes
    if use_prctl:
        killed_with_parent(parent)
    elif os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        try:
            while os.read(read_end, 1):
                pass
        except OSError:
            pass
        os._exit(1)                      # end of file: the parent is gone

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class Helper(Executor):
    """One forked helper process that dies with its parent (see the module docstring)."""

    def __init__(self, use_prctl: bool = True) -> None:
        import multiprocessing

        self._read, self._write = os.pipe()
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_die_with_parent,
                                         initargs=(os.getpid(), self._read, self._write, use_prctl))

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``fn(*args)`` in the helper."""
        return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop the helper and close the pipe."""
        try:
            self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)
        finally:
            for fd in (self._read, self._write):
                try:
                    os.close(fd)
                except OSError:
                    pass


def helper() -> Executor:
    """A helper process that dies with this one, or inline jobs where fork or a second core is missing."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return Inline()
    return Helper()
