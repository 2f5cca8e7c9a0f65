"""A process that imports WeasyPrint while the project is checked, then writes the PDF.

Importing WeasyPrint (Pango, HarfBuzz, its CSS machinery) takes about half a
second, as long as checking, composing and writing the HTML of the default
project together. Threads cannot overlap the two (both hold the GIL), a
second process can: :func:`start_pdf_worker` forks one as a render starts,
before the check, and it imports WeasyPrint while the first process proves the
facts. :meth:`PdfWorker.write_pdf` then sends it the Document and the HTML
and gets the PDF's bytes back (a few hundred kilobytes).

Where ``fork`` is missing, on one core, or when WeasyPrint is already imported
(a warm ``briefing watch`` process), the worker writes the PDF in this
process. A worker that was never used (the render was skipped or refused) is
killed; it has written nothing. Like the render's helper
(:mod:`briefing.commands.worker`), it dies with the render: the kernel kills
it when its parent dies (Linux), and it exits at the end of its pipe.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from briefing.document.model import Document
from briefing.errors import RenderError


def _serve(jobs: Connection, parents_end: Connection, parent: int) -> None:
    """In the worker: import WeasyPrint, then write one PDF per request until told to stop."""
    from briefing.commands.worker import killed_with_parent

    killed_with_parent(parent)   # a killed render takes its PDF process with it (Linux)
    parents_end.close()          # and everywhere, the parent's exit reads as end of file here
    import weasyprint  # noqa: F401 - the point: imported while the parent checks

    from briefing.writers.pdf import write_pdf

    while True:
        try:
            job = jobs.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", write_pdf(*job))
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
            reply = ("error", error)
        try:
            jobs.send(reply)
        except Exception:  # noqa: BLE001 - an exception that does not pickle: send its message
            jobs.send(("error", RenderError(f"{type(reply[1]).__name__}: {reply[1]}")))


MAX_LAYOUT_SECONDS = 86_400.0   # a day: a longer limit is no limit, and overflows the timer


def layout_limit(html: str) -> float:
    """Seconds the PDF layout of ``html`` may take: BRIEFING_LAYOUT_TIMEOUT, else 120 s plus 0.25 s per KB."""
    configured = os.environ.get("BRIEFING_LAYOUT_TIMEOUT", "").strip()
    try:
        seconds = float(configured) if configured else 0.0
    except ValueError:
        seconds = 0.0
    if math.isfinite(seconds) and 0 < seconds <= MAX_LAYOUT_SECONDS:
        return seconds
    return 120.0 + 0.25 * len(html) / 1024   # unset, not a number, infinite or over a day: the default


class PdfWorker:
    """Writes PDFs in a pre-warmed process, or in this one (see the module docstring)."""

    def __init__(self, process: Any = None, jobs: Connection | None = None) -> None:
        self._process = process
        self._jobs = jobs
        self._used = False

    @property
    def forked(self) -> bool:
        """True if a second process writes the PDFs."""
        return self._process is not None

    def write_pdf(self, doc: Document, html: str, dirs: list[Path], template: str = "briefing") -> bytes:
        """:func:`briefing.writers.pdf.write_pdf`, in the worker; its errors are raised here."""
        if self._jobs is None:
            from briefing.writers.pdf import write_pdf

            return write_pdf(doc, html, dirs, template)
        self._used = True
        limit = layout_limit(html)
        try:
            self._jobs.send((doc, html, dirs, template))
            if not self._jobs.poll(limit):
                self._stop_now()
                raise RenderError(f"laying out {template} took longer than {limit:.0f} s, so it was stopped and "
                                  f"nothing was written: check the CSS of the {template} templates (a rule such as "
                                  "`* { columns: 2 }` can make the layout run for ever), or set "
                                  "BRIEFING_LAYOUT_TIMEOUT to allow more seconds")
            status, value = self._jobs.recv()
        except (EOFError, OSError) as error:
            raise RenderError(f"the PDF process stopped unexpectedly ({error or 'no reply'})") from None
        if status == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def _stop_now(self) -> None:
        process = self._process
        if process is not None and process.is_alive():
            process.kill()
            process.join(timeout=5)

    def close(self) -> None:
        """Stop the worker: told to finish if it was used, killed if it only imported."""
        if self._process is None:
            return
        process, self._process = self._process, None
        try:
            if self._used and process.is_alive():
                self._jobs.send(None)  # type: ignore[union-attr]
                process.join(timeout=5)
        except (OSError, ValueError):
            pass
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
        if self._jobs is not None:
            self._jobs.close()
            self._jobs = None

    def __enter__(self) -> "PdfWorker":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def start_pdf_worker() -> PdfWorker:
    """Fork the PDF process now, so WeasyPrint is imported by the time the HTML is ready."""
    if ("weasyprint" in sys.modules or (os.cpu_count() or 1) < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return PdfWorker()
    context = multiprocessing.get_context("fork")
    mine, theirs = context.Pipe()
    process = context.Process(target=_serve, args=(theirs, mine, os.getpid()), daemon=True, name="briefing-pdf")
    process.start()
    theirs.close()
    return PdfWorker(process, mine)
