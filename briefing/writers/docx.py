"""The editable Word draft: a DOCX built on a reference document's styles.

As with Pandoc's reference documents, ``templates/reference.docx`` supplies
every style (Title, Heading 1, List Bullet, Quote, Table Grid, footnote text,
Caption...), page margins and the footnotes part; its body is dropped, and the
body uses only named styles, so an editor's restyle reaches every paragraph.
Each endnote mark of the Document becomes a real Word footnote holding the same
note ("Dar–Rubio second call, line 12:1"), in reading order, so Word numbers
them as the PDF does. Provenance comments (the verbatim quotes) are opt-in
(``comments=True``, ``briefing render --comments``); the quotes are printed once
in the appendix either way.  The output is byte-for-byte reproducible.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

import briefing.writers.docx_notes as notes
from briefing.document.model import Document, FactItem, Mark, build_time
from briefing.errors import RenderError
from briefing.writers.docx_reference import open_reference, reference_docx  # noqa: F401 - imported from here too
from briefing.writers.docx_styles import StyleIds

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

DRAFT_BANNER = "DRAFT - NOT VERIFIED"
_clean = notes.clean_text


@dataclass
class _Ctx:
    """State of one write: the Word document, its footnotes, the facts already noted."""

    word: "WordDocument"
    doc: Document
    footnotes: notes.Footnotes
    comments: bool = False
    noted: set[str] = field(default_factory=set)
    styles: StyleIds = field(init=False)   # style names, looked up once
    shelf: notes.CommentShelf = field(default_factory=notes.CommentShelf)

    def __post_init__(self) -> None:
        self.styles = StyleIds(self.word)


def write_docx(doc: Document, reference: Path, comments: bool = False) -> bytes:
    """Render ``doc`` as a Word document on ``reference``'s styles; deterministic bytes.

    ``comments`` adds a provenance comment (the verbatim quotes) to each fact.
    """
    word = open_reference(reference)
    note_part = notes.prepare_reference(word)
    ctx = _Ctx(word, doc, notes.Footnotes(note_part.blob if note_part is not None else None), comments=comments)
    midnight = dt.datetime.combine(doc.meta.as_of, dt.time(), tzinfo=dt.timezone.utc)
    try:
        _page(ctx)
        _title_block(ctx)
        _bottom_line(ctx)
        _changes(ctx)
        _key_figures(ctx)
        _charts(ctx)
        _sections(ctx)
        _timeline(ctx)
        _people(ctx)
        _sources(ctx)
        _provenance(ctx)
    except KeyError as exc:  # a style missing from a user's reference document
        raise RenderError(f"The Word reference document {reference} lacks a style: {exc}. "
                          "Start from templates/reference.docx and restyle it.") from exc
    if ctx.noted:
        notes.finish_comments(word, midnight, ctx.footnotes.next_id, ctx.shelf)
    _properties(ctx, midnight)
    replacements = notes.store_footnotes(word, note_part, ctx.footnotes)
    buffer = io.BytesIO()
    word.save(buffer)
    return notes.normalise_zip(buffer.getvalue(), build_time(doc.meta.as_of), replacements)


# ---------------------------------------------------------------- content


def _style(ctx: _Ctx, name: str, fallback: str | None = None) -> str | None:
    """``name`` if the reference defines it, else ``fallback`` (custom styles only)."""
    return name if ctx.styles.has(name) else fallback


def _para(ctx: _Ctx, text: str = "", style: str | None = None) -> "Paragraph":
    return ctx.styles.paragraph(_clean(text), style)


def _run(ctx: _Ctx, paragraph: "Paragraph", text: str, style: str | None) -> "Run":
    return ctx.styles.run(paragraph, text, style)


def _heading(ctx: _Ctx, text: str, level: int = 1) -> None:
    _para(ctx, text, "Title" if level == 0 else f"Heading {level}")


def _marks(ctx: _Ctx, paragraph: "Paragraph", marks: tuple[Mark, ...]) -> list["Run"]:
    """One Word footnote per mark, holding the mark's note; consecutive marks read "7,8"."""
    return [notes.add_footnote_reference(paragraph, ctx.footnotes.add(mark.note), i > 0)
            for i, mark in enumerate(marks)]


def _fact_runs(ctx: _Ctx, paragraph: "Paragraph", fact: FactItem, marks: tuple[Mark, ...]) -> list["Run"]:
    """Write a fact into ``paragraph``: its text, who reports a claim, draft marks, then its footnotes.

    With ``--comments`` the fact's first printing also gets a comment quoting its sources.
    """
    runs = [paragraph.add_run(_clean(fact.text))]
    if fact.attribution:
        runs.append(_run(ctx, paragraph, f" \u2014 {fact.attribution}", _style(ctx, "Subtle Emphasis")))
    if not fact.proven:
        problems = "; ".join(fact.problems) or "not proven"
        mark = _run(ctx, paragraph, _clean(f" [UNPROVEN: {problems}]"), _style(ctx, "Unproven"))
        mark.bold = None if _style(ctx, "Unproven") else True
    refs = _marks(ctx, paragraph, marks)
    if ctx.comments and fact.id not in ctx.noted:
        ctx.noted.add(fact.id)
        notes.add_comment(ctx.word, [runs[0], *refs[-1:]], fact, ctx.shelf)
    return runs


def _page(ctx: _Ctx) -> None:
    """Paper size (A4 or Letter), then the header and footer."""
    from docx.shared import Inches, Mm

    section = ctx.word.sections[0]
    letter = ctx.doc.meta.paper == "Letter"
    section.page_width, section.page_height = (Inches(8.5), Inches(11)) if letter else (Mm(210), Mm(297))
    banner = DRAFT_BANNER if ctx.doc.draft else None
    notes.header_footer(section, _clean(ctx.doc.meta.marking), banner, _style(ctx, "Unproven"))


def _title_block(ctx: _Ctx) -> None:
    meta = ctx.doc.meta
    _para(ctx, meta.title, "Title")
    if meta.subtitle:
        _para(ctx, meta.subtitle, "Subtitle")
    _para(ctx, f"As of {meta.as_of_display}", _style(ctx, "Subtitle"))
    marking = _para(ctx, "", _style(ctx, "Marking"))
    marking.add_run(_clean(meta.marking)).bold = None if _style(ctx, "Marking") else True
    if meta.author:
        _para(ctx, meta.author)
    if ctx.doc.draft:
        _run(ctx, _para(ctx, ""), DRAFT_BANNER, _style(ctx, "Unproven")).bold = True


def _table(ctx: _Ctx, headers: list[str], widths: list[float], rows: int) -> "Table":
    """A Table Grid table: a repeating header row, rows that never split across pages."""
    from docx.shared import Cm

    table = ctx.word.add_table(rows=rows + 1, cols=len(headers))
    table.style = ctx.word.styles["Table Grid"]
    for cell, header in zip(table.rows[0].cells, headers):
        cell.paragraphs[0].add_run(_clean(header))
    for index, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        etree.SubElement(trpr, notes.w("cantSplit"))   # CT_TrPr: cantSplit before tblHeader
        if index == 0:
            etree.SubElement(trpr, notes.w("tblHeader"))
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    return table


def _bottom_line(ctx: _Ctx) -> None:
    if not ctx.doc.summary:
        return
    _heading(ctx, "Bottom line")
    for bullet in ctx.doc.summary:
        para = _para(ctx, bullet.text, "List Bullet")
        if not bullet.proven:
            _run(ctx, para, f" [UNPROVEN: {'; '.join(bullet.problems)}]", _style(ctx, "Unproven"))


def _changes(ctx: _Ctx) -> None:
    box = ctx.doc.changes
    if box is None or box.empty:
        return
    _heading(ctx, f"What changed since {box.since}", 2)
    lines = ([f"New: {fact.text}" for fact in box.new]
             + [f"Changed: {c.label}: {c.old} \u2192 {c.new}" for c in box.changed]
             + [f"Removed: {text or ident}" for ident, text in box.removed])
    for line in lines:
        _para(ctx, line, "List Bullet")


def _key_figures(ctx: _Ctx) -> None:
    facts = ctx.doc.key_figures
    if not facts:
        return
    _heading(ctx, "Key figures")
    table = _table(ctx, ["Figure", "What it measures"], [4.0, 12.0], len(facts))
    for row, fact in zip(table.rows[1:], facts):
        row.cells[0].paragraphs[0].add_run(_clean(fact.figure or fact.label or "")).bold = True
        row.cells[1].paragraphs[0].add_run(_clean(fact.label or fact.text))


def _charts(ctx: _Ctx) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from briefing.writers.charts import chart_png

    section = ctx.word.sections[0]
    width = min(section.page_width - section.left_margin - section.right_margin, Cm(16))
    for number, chart in enumerate(ctx.doc.charts, start=1):
        para = _para(ctx)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.keep_with_next = True
        para.paragraph_format.space_before = Pt(6)  # flush against a table, LibreOffice hides its border
        run = para.add_run()
        run.add_picture(io.BytesIO(chart_png(chart, width_px=1200)), width=width)
        for doc_pr in run._r.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
            doc_pr.set("descr", _clean(chart.alt_text))
            doc_pr.set("title", _clean(chart.alt_text))
        _para(ctx, f"Figure {number}. {chart.title}. {chart.caption}", "Caption")


def _sections(ctx: _Ctx) -> None:
    for section in ctx.doc.sections:
        _heading(ctx, section.title)
        for fact in section.facts:
            if fact.kind == "statement":   # a quotation, with its speaker and role
                para = _para(ctx, "", "Quote")
                _fact_runs(ctx, para, fact, fact.marks)
                if fact.said and not fact.said_in_text:
                    para.add_run(_clean(f" \u201c{fact.said}\u201d"))
                para.add_run(_clean(f"\n\u2014 {fact.speaker_line or 'Unattributed'}"))
            else:
                _fact_runs(ctx, _para(ctx, "", "List Bullet"), fact, fact.marks)


def _timeline(ctx: _Ctx) -> None:
    entries = ctx.doc.timeline
    if not entries:
        return
    _heading(ctx, "Timeline")
    table = _table(ctx, ["Date", "Event"], [3.4, 12.6], len(entries))
    for row, entry in zip(table.rows[1:], entries):
        row.cells[0].paragraphs[0].add_run(_clean(entry.display))
        _fact_runs(ctx, row.cells[1].paragraphs[0], entry.fact, entry.marks)


def _people(ctx: _Ctx) -> None:
    people = ctx.doc.people
    if not people:
        return
    _heading(ctx, "Who\u2019s who")
    table = _table(ctx, ["Name", "Role", "Country"], [4.5, 8.5, 3.0], len(people))
    for row, person in zip(table.rows[1:], people):
        name = row.cells[0].paragraphs[0]
        name.add_run(_clean(person.name)).bold = True
        _marks(ctx, name, person.marks)
        row.cells[1].paragraphs[0].add_run(_clean(person.role))
        row.cells[2].paragraphs[0].add_run(_clean(person.country or ""))


def _sources(ctx: _Ctx) -> None:
    if not ctx.doc.sources:
        return
    _heading(ctx, "Sources")
    for source in ctx.doc.sources:
        para = _para(ctx, "", "List Bullet")
        para.add_run(_clean(source.short_title + ": ")).bold = True
        para.add_run(_clean(source.title)).italic = True
        rest = [source.publisher, source.published_display if source.published else None, source.url]
        para.add_run(_clean("".join(f". {item}" for item in rest if item) + "."))


def _provenance(ctx: _Ctx) -> None:
    if not (ctx.doc.sources and ctx.doc.appendix):
        return
    _heading(ctx, "Appendix: provenance")
    _para(ctx, "Every fact was proven against a verbatim quote in a stored copy of its source; each quote is "
               "printed once, with the notes that cite it.")
    for source in ctx.doc.sources:
        if not source.quotes:
            continue
        _heading(ctx, source.short_title, 2)
        _para(ctx, f"{source.title}. Publisher: {source.publisher or 'not stated'}. Published: "
                   f"{source.published_display}. File: {source.path}. SHA-256: {source.sha256}")
        table = _table(ctx, ["Notes", "Verbatim quote", "Where"], [2.0, 11.6, 2.4], len(source.quotes))
        for row, entry in zip(table.rows[1:], source.quotes):
            row.cells[0].paragraphs[0].add_run(_clean(", ".join(str(n) for n in entry.notes)))
            row.cells[1].paragraphs[0].add_run(_clean(f"\u201c{entry.quote}\u201d"))
            row.cells[2].paragraphs[0].add_run(_clean(entry.where))


def _properties(ctx: _Ctx, midnight: dt.datetime) -> None:
    meta, props = ctx.doc.meta, ctx.word.core_properties
    props.title = _clean(meta.title)
    props.author = _clean(meta.author or "briefing")
    props.subject = _clean(ctx.doc.subject)
    props.keywords = _clean(", ".join(meta.keywords))
    props.language = _clean(meta.language)
    props.category = props.comments = props.content_status = props.identifier = props.version = ""
    props.created = props.modified = midnight
    props.last_modified_by = "briefing"
    props.revision = 1
