"""`briefing render`: check, build the document, write PDF/DOCX/HTML as one version of out/.

The run is all-or-nothing: every output is rendered and audited in memory;
only when all succeeded are they written, with the manifest, into a fresh
version folder, and out/ is switched to it with one rename
(outputs/versions.py). A failure or a kill at any instant leaves out/ showing
the previous version whole, and the next run removes what a killed run left.
An unchanged project (same inputs and options as the manifest records,
outputs untouched) is not rendered again.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from briefing.check import check
from briefing.errors import RenderError
from briefing.gcpause import paused_gc
from briefing.load.templates import template_dirs
from briefing.outputs.manifest import (
    MANIFEST_NAME,
    Manifest,
    OutputRecord,
    read_manifest,
    sha256_file,
    manifest_bytes,
    version_of,
)
from briefing.verify.facts import Report
from briefing.commands.pdf_worker import PdfWorker, start_pdf_worker

if TYPE_CHECKING:
    from briefing.document.model import Document


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


@dataclass
class RenderResult:
    """What one `briefing render` did: refused, skipped as up to date, or wrote ``records``."""

    report: Report
    out_dir: Path
    version: str
    draft: bool
    records: list[OutputRecord] = field(default_factory=list)
    skipped: bool = False
    warnings: list[str] = field(default_factory=list)   # about where the outputs go (a system folder as root)
    audit_problems: list[str] = field(default_factory=list)   # a draft's audit reports, never refuses

    @property
    def refused(self) -> bool:
        """True when errors stopped the render (only a draft renders with errors)."""
        return not self.report.ok and not self.draft

    @property
    def exit_code(self) -> int:
        """0 written or up to date, 1 refused because of errors."""
        return 1 if self.refused else 0


#: Told ``(file name, how many done, how many in all)`` as each output is rendered; the CLI shows it.
RenderProgress = Callable[[str, int, int], None]


def _no_progress(label: str, done: int, total: int) -> None:
    """Show nothing."""


def render_project(facts_path: Path, formats: list[str], templates: list[str], out_dir: Path | None,
                   draft: bool, paper: str | None, force: bool, display: str | None = None,
                   progress: RenderProgress = _no_progress, appendix: bool = True,
                   comments: bool = False) -> RenderResult:
    """Check the project, then render it unless it is unchanged since the last render.

    ``progress`` is told as each output is rendered. ``appendix`` False leaves
    the provenance appendix out (the record stays attached to the PDF);
    ``comments`` adds provenance comments to the DOCX. A draft always renders:
    its output audit reports (``audit_problems``) and does not refuse.

    Raises RenderError when a writer or the output audit fails (nothing in
    ``out/`` is replaced then); errors in the fact base are in the result.
    The PDF process is forked first, so WeasyPrint's import overlaps the check.
    """
    with start_pdf_worker() as pdf_worker:
        return _render_project(facts_path, formats, templates, out_dir, draft, paper, force, display, progress,
                               pdf_worker, appendix, comments)


def _render_project(facts_path: Path, formats: list[str], templates: list[str], out_dir: Path | None,
                    draft: bool, paper: str | None, force: bool, display: str | None,
                    progress: RenderProgress, pdf_worker: PdfWorker, appendix: bool = True,
                    comments: bool = False) -> RenderResult:
    from briefing.outputs.place import check_out_folder

    # A draft never replaces the proven briefing: by default it goes to out/draft/.
    out = out_dir or (facts_path.parent / "out" / "draft" if draft else facts_path.parent / "out")
    warnings = check_out_folder(out, explicit=out_dir is not None, project=facts_path.parent)   # before anything
    report = check(facts_path, display)
    options = {"formats": sorted(formats), "templates": sorted(templates), "draft": draft, "paper": paper,
               "epoch": os.environ.get("SOURCE_DATE_EPOCH"), "appendix": appendix, "comments": comments}
    version = version_of(report.digests, options)
    result = RenderResult(report, out, version, draft, warnings=warnings)
    if result.refused:
        return result
    wanted = [(t, f) for t in templates for f in formats]
    if not force:
        from briefing.outputs.versions import tidy

        tidy(out)
        manifest = _up_to_date(out, version, wanted)
        if manifest is not None:
            result.records, result.skipped = list(manifest.outputs), True
            return result
    from briefing.document.compose import build_document

    from briefing.deliver.body import MailContent
    from briefing.outputs.history import facts_printed, with_changes

    doc = build_document(report, draft=draft, paper=paper)
    doc = with_changes(doc, out_dir or facts_path.parent / "out", version)   # against the proven out/, drafts too
    with paused_gc(freeze=True):   # layout's millions of objects: no cyclic GC scans (briefing.gcpause)
        outputs = _render_all(doc, templates, formats, template_dirs(report.project.root), progress,
                              pdf_worker, appendix, comments, result.audit_problems)
    result.records = [record for record, _ in outputs]
    manifest = Manifest(version=version, draft=draft, title=doc.meta.title, as_of=doc.meta.as_of.isoformat(),
                        marking=doc.meta.marking, inputs=report.digests, options=options,
                        key_figures=[{"id": f.id, "label": f.label or "", "figure": f.figure or "", "text": f.text}
                                     for f in doc.key_figures],
                        outputs=result.records, facts=facts_printed(doc),
                        mail=MailContent.from_document(doc).as_dict())
    _commit(out, outputs, manifest)
    return result


def _side_outputs(doc: Document, html: str, template: str, formats: list[str],
                  dirs: list[Path], comments: bool = False) -> tuple[dict[str, bytes], list[str]]:
    """The DOCX and HTML of one template and their audit problems (runs beside WeasyPrint)."""
    from briefing.writers.audit import EXTRACTORS, audit_text

    produced: dict[str, bytes] = {}
    if "docx" in formats:
        from briefing.writers.docx import reference_docx, write_docx

        produced["docx"] = write_docx(doc, reference_docx(dirs), comments=comments)
    if "html" in formats:
        produced["html"] = html.encode("utf-8")
    problems: list[str] = []
    for fmt, data in produced.items():
        problems += audit_text(EXTRACTORS[fmt](data), doc, f"{template}.{fmt}")
    return produced, problems


def _pdf_text(data: bytes, part: int, parts: int) -> tuple[str, int]:
    from briefing.writers.audit import pdf_part_text

    return pdf_part_text(data, part, parts)


def _render_all(doc: Document, templates: list[str], formats: list[str], dirs: list[Path],
                progress: RenderProgress, pdf_worker: PdfWorker | None = None, appendix: bool = True,
                comments: bool = False, reported: list[str] | None = None) -> list[tuple[OutputRecord, bytes]]:
    """Render every output; DOCX, HTML and half the PDF audit run in a second process.

    WeasyPrint's layout is the long pole, so the Word draft is written and
    audited beside it, and the PDF's text is read back in two halves at once.
    """
    import hashlib

    from briefing.document.variants import for_template
    from briefing.writers.audit import audit_text, raise_problems
    from briefing.writers.html import render_html

    results: list[tuple[OutputRecord, bytes]] = []
    from briefing.commands.worker import helper

    worker = helper()
    total, done = len(templates) * len(formats), 0
    try:
        for template in templates:
            variant = for_template(doc, template, appendix)
            html = render_html(variant, template, dirs)
            side = worker.submit(_side_outputs, variant, html, template, formats, dirs, comments)
            produced: dict[str, bytes] = {}
            problems: list[str] = []
            pages = None
            if "pdf" in formats:
                data = (pdf_worker or PdfWorker()).write_pdf(variant, html, dirs, template)
                if pdf_worker is None or not pdf_worker.forked:
                    # Laid out here, WeasyPrint's layout is cyclic garbage now (hundreds of MB for a long
                    # briefing): free it before the PDF is read back, so the two peaks do not add up.
                    gc.collect()
                done += 1
                progress(f"{template}.pdf", done, total)
                rest = worker.submit(_pdf_text, data, 1, 2)   # each process reads half the pages
                text, pages = _pdf_text(data, 0, 2)
                text += " " + rest.result()[0]
                problems += audit_text(text, variant, f"{template}.pdf")
                produced["pdf"] = data
            others, side_problems = side.result()
            for fmt in others:
                done += 1
                progress(f"{template}.{fmt}", done, total)
            produced.update(others)
            if doc.draft:   # a draft always renders: its audit reports and does not refuse
                (reported if reported is not None else []).extend(problems + side_problems)
            else:
                raise_problems(problems + side_problems)
            for fmt in formats:
                data = produced[fmt]
                results.append((OutputRecord(template, fmt, f"{template}.{fmt}", hashlib.sha256(data).hexdigest(),
                                             pages if fmt == "pdf" else None), data))
    finally:
        worker.shutdown()
    return results


def _commit(out: Path, outputs: list[tuple[OutputRecord, bytes]], manifest: Manifest) -> None:
    """Publish every output and the manifest as one version of ``out`` (see outputs/versions.py)."""
    from briefing.outputs.versions import commit

    files = {record.path: data for record, data in outputs}
    files[MANIFEST_NAME] = manifest_bytes(manifest)
    try:
        commit(out, files, manifest.version)
    except OSError as error:
        reason = error.strerror or str(error)
        raise RenderError(f"could not write to {out} ({reason}); the previous files are unchanged") from None
