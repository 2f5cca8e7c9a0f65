"""`briefing render`: check, build the document, write PDF/DOCX/HTML atomically.

The run is all-or-nothing: every output is rendered and audited in memory and
written to a temporary file beside its target; only when all succeeded are
they renamed into place, so a failure leaves the previous files in ``out/``
intact and no temporary files behind. An unchanged project (same inputs and
options as the manifest records, outputs untouched) is not rendered again.
"""
from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

from briefing.errors import RenderError
from briefing.load.project import load_project
from briefing.outputs.manifest import (
    Manifest,
    OutputRecord,
    digest_inputs,
    read_manifest,
    sha256_file,
    version_of,
    write_manifest,
)
from briefing.commands.report import print_report
from briefing.load.sources import resolve_source_path

def _inputs(project: Any, dirs: list[Path]) -> dict[str, str]:
    paths = [project.facts_path]
    for source in project.sources.values():
        path, _ = resolve_source_path(project.root, source.path)
        if path is not None:
            paths.append(path)
    for folder in dirs:
        if folder.is_dir():
            paths.extend(p for p in folder.iterdir() if p.is_file() and p.suffix in (".j2", ".css", ".docx", ".svg",
                                                                                      ".png", ".ttf", ".otf", ".woff"))
    return digest_inputs(project.root, paths)


def _up_to_date(out_dir: Path, version: str, wanted: list[tuple[str, str]]) -> Manifest | None:
    manifest = read_manifest(out_dir)
    if manifest is None or manifest.version != version:
        return None
    for template, fmt in wanted:
        record = manifest.output(template, fmt)
        target = out_dir / record.path if record else None
        if record is None or target is None or not target.is_file() or sha256_file(target) != record.sha256:
            return None
    return manifest


def _pages(count: int | None) -> str:
    return f"  ({count} page{'s' * (count != 1)})" if count else ""


def factsheet_document(doc: Any) -> Any:
    """The one-page factsheet's content: key figures, timeline and the top facts, and only their sources."""
    from briefing.document.model import Section

    shown = {f.id for f in doc.key_figures + doc.top_facts} | {entry.fact.id for entry in doc.timeline}
    sources = tuple(dataclasses.replace(source, refs=tuple(r for r in source.refs if r.fact_id in shown))
                    for source in doc.sources)
    return dataclasses.replace(doc, sections=(Section("top", "What to know", doc.top_facts),), people=(),
                               statements=(), charts=(), facts=tuple(f for f in doc.facts if f.id in shown),
                               sources=tuple(s for s in sources if s.refs))


def render_project(facts_path: Path, formats: list[str], templates: list[str], out_dir: Path | None,
                   draft: bool, paper: str | None, force: bool, display: str) -> int:
    """Render the project; return the exit status (0 written or up to date, 1 errors)."""
    from briefing.writers.html import template_dirs

    project = load_project(facts_path, display=display)
    # A draft never replaces the proven briefing: by default it goes to out/draft/.
    out = out_dir or (project.root / "out" / "draft" if draft else project.root / "out")
    dirs = template_dirs(project.root)
    options = {"formats": sorted(formats), "templates": sorted(templates), "draft": draft, "paper": paper,
               "epoch": os.environ.get("SOURCE_DATE_EPOCH")}
    inputs = _inputs(project, dirs)
    version = version_of(inputs, options)
    wanted = [(t, f) for t in templates for f in formats]
    if not force and not project.findings:
        manifest = _up_to_date(out, version, wanted)
        if manifest is not None:
            print(f"Up to date: {display} has not changed since the last render (version {version}).")
            for record in manifest.outputs:
                print(f"  {out / record.path}{_pages(record.pages)}")
            return 0
    from briefing.verify.facts import verify

    report = verify(project)
    if not report.ok and not draft:
        print_report(report)
        print("Nothing rendered: fix the errors above, or render with --draft to review a marked draft.")
        return 1
    from briefing.document.compose import build_document

    doc = build_document(report, draft=draft, paper=paper)
    outputs = _render_all(doc, templates, formats, dirs)
    records = _commit(out, outputs)
    manifest = Manifest(version=version, draft=draft, title=doc.meta.title, as_of=doc.meta.as_of.isoformat(),
                        marking=doc.meta.marking, inputs=inputs, options=options,
                        key_figures=[{"id": f.id, "label": f.label or "", "figure": f.figure or "", "text": f.text}
                                     for f in doc.key_figures],
                        outputs=records)
    write_manifest(out, manifest)
    if report.findings:  # warnings, or in a draft the errors that make it one
        print_report(report)
    for record in records:
        print(f"wrote {out / record.path}{_pages(record.pages)}")
    if draft:
        print("DRAFT: every page is marked DRAFT - NOT VERIFIED; `briefing send` refuses drafts.", file=sys.stderr)
    return 0


def _side_outputs(doc: Any, html: str, template: str, formats: list[str],
                  dirs: list[Path]) -> tuple[dict[str, bytes], list[str]]:
    """The DOCX and HTML of one template and their audit problems (runs beside WeasyPrint)."""
    from briefing.writers.audit import EXTRACTORS, audit_text

    produced: dict[str, bytes] = {}
    if "docx" in formats:
        from briefing.writers.docx import reference_docx, write_docx

        produced["docx"] = write_docx(doc, reference_docx(dirs))
    if "html" in formats:
        produced["html"] = html.encode("utf-8")
    problems: list[str] = []
    for fmt, data in produced.items():
        problems += audit_text(EXTRACTORS[fmt](data), doc, f"{template}.{fmt}")
    return produced, problems


def _pdf_text(data: bytes, part: int, parts: int) -> tuple[str, int]:
    from briefing.writers.audit import pdf_part_text

    return pdf_part_text(data, part, parts)


class _Inline:
    """Runs jobs in this process: the fallback where fork is not available."""

    def submit(self, job: Any, *args: Any) -> Any:
        from concurrent.futures import Future

        future: Future[Any] = Future()
        try:
            future.set_result(job(*args))
        except BaseException as error:  # noqa: BLE001 - re-raised by future.result()
            future.set_exception(error)
        return future

    def shutdown(self) -> None:
        """Nothing to stop."""


def _worker() -> Any:
    """One helper process (forked, so it starts with everything imported) or inline jobs."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return _Inline()
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))


def _render_all(doc: Any, templates: list[str], formats: list[str],
                dirs: list[Path]) -> list[tuple[OutputRecord, bytes]]:
    """Render every output; DOCX, HTML and half the PDF audit run in a second process.

    WeasyPrint's layout is the long pole, so the Word draft is written and
    audited beside it, and the PDF's text is read back in two halves at once.
    """
    import hashlib

    from briefing.writers.audit import audit_text, raise_problems
    from briefing.writers.html import render_html

    results: list[tuple[OutputRecord, bytes]] = []
    worker = _worker()
    progress = _progress(len(templates) * len(formats))
    try:
        for template in templates:
            variant = factsheet_document(doc) if template == "factsheet" else doc
            html = render_html(variant, template, dirs)
            side = worker.submit(_side_outputs, variant, html, template, formats, dirs)
            produced: dict[str, bytes] = {}
            problems: list[str] = []
            pages = None
            if "pdf" in formats:
                from briefing.writers.pdf import write_pdf

                data = write_pdf(variant, html, dirs)
                _advance(progress, f"{template}.pdf")
                rest = worker.submit(_pdf_text, data, 1, 2)   # each process reads half the pages
                text, pages = _pdf_text(data, 0, 2)
                text += " " + rest.result()[0]
                problems += audit_text(text, variant, f"{template}.pdf")
                produced["pdf"] = data
            others, side_problems = side.result()
            for fmt in others:
                _advance(progress, f"{template}.{fmt}")
            produced.update(others)
            raise_problems(problems + side_problems)
            for fmt in formats:
                data = produced[fmt]
                results.append((OutputRecord(template, fmt, f"{template}.{fmt}", hashlib.sha256(data).hexdigest(),
                                             pages if fmt == "pdf" else None), data))
    finally:
        if progress is not None:
            progress.stop()
        worker.shutdown()
    return results


def _progress(total: int) -> Any:
    if total < 2 or not sys.stdout.isatty():
        return None
    from rich.progress import Progress

    progress = Progress(transient=True)
    progress.start()
    progress.add_task("rendering", total=total)
    return progress


def _advance(progress: Any, label: str) -> None:
    if progress is not None:
        task = progress.task_ids[0]
        progress.update(task, advance=1, description=f"rendered {label}")


def _commit(out: Path, outputs: list[tuple[OutputRecord, bytes]]) -> list[OutputRecord]:
    """Write every output to a temp file, then rename all into place."""
    temps: list[tuple[Path, Path]] = []
    try:
        out.mkdir(parents=True, exist_ok=True)   # inside the try: --out may name a file or an unwritable place
        for record, data in outputs:
            target = out / record.path
            tmp = out / f".{record.path}.tmp-{os.getpid()}"
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            temps.append((tmp, target))
        for tmp, target in temps:
            os.replace(tmp, target)
    except OSError as error:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise RenderError(f"could not write to {out} ({error.strerror}); the previous files are unchanged") from None
    return [record for record, _ in outputs]
