"""The output audit: no number or date reaches a page unless a proven fact states it.

After rendering, the text of each output is extracted (the PDF with PDFium,
as a reader sees it, the DOCX with python-docx, the HTML with the standard
parser). The footnotes and
the appendix print verbatim quotes, source titles, sha256 digests and
line:column locations; those are checked against the verification record and
taken out. Every number and date left must be one a proven fact states, part
of the briefing's metadata, or page numbering. Anything else is an error that
names the output and the text around it.
"""
from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from briefing.text.normalize import normalize
from briefing.text.dates import find_dates
from briefing.errors import RenderError
from briefing.text.quantities import figures_in

if TYPE_CHECKING:
    from briefing.document.model import Document

_PAGE = re.compile(r"\bPage \d+ of \d+\b|\b\d+ / \d+\b")
_LOCATION = re.compile(r"\b(?:line \d+(?::\d+)?(?:, column \d+)?|\d+:\d+|pages? \d+(?:-\d+)?|paragraph \d+)\b")
_SHA = re.compile(r"\b[0-9a-f]{64}\b|\b[0-9a-f]{12,}…?")


def allowed_figures(doc: Document) -> tuple[set[Decimal], set[Any]]:
    """The numbers and dates the document may print: its facts' and its metadata's."""
    values: set[Decimal] = set()
    dates: set[Any] = {doc.meta.as_of}
    texts = [doc.meta.title, doc.meta.subtitle or "", doc.meta.author or "", doc.meta.marking,
             doc.meta.as_of_display]
    for fact in doc.facts:
        texts += [fact.text, fact.figure or "", fact.label or "", fact.said or ""]
        if fact.date:
            dates.add(fact.date)
            values.update({Decimal(fact.date.year), Decimal(fact.date.day)})
    for person in doc.people:
        texts += [person.name, person.role, person.country or ""]
    for chart in doc.charts:
        texts += [chart.title, chart.caption] + [bar.label for bar in chart.bars] + [b.display for b in chart.bars]
    texts += [bullet.text for bullet in doc.summary]   # proven by the check: only its facts' figures
    if doc.changes is not None:   # the old figures of the "What changed" box, from the last proven version
        texts += [c.old for c in doc.changes.changed] + [t for _, t in doc.changes.removed] + [doc.changes.since]
    if doc.draft:   # a draft prints the check's own messages ("similarity 99%"); they are not facts
        texts += [p for fact in doc.facts for p in fact.problems] + [p for b in doc.summary for p in b.problems]
    for text in texts:
        normal = normalize(text)
        values.update(figure.value for figure in figures_in(normal))
        dates.update(m.date for m in find_dates(normal, None) if m.date)
    values.update({Decimal(doc.meta.as_of.year), Decimal(doc.meta.as_of.day)})
    citations = [c for fact in doc.facts for c in fact.citations] + [p.citation for p in doc.people]
    published = {c.published for c in citations} | {s.published for s in doc.sources}
    dates.update(d for d in published if d is not None)
    return values, dates


def _verbatim(doc: Document) -> list[str]:
    """Strings printed verbatim from the record (quotes, titles, publishers), longest first."""
    strings: set[str] = set()
    for fact in doc.facts:
        for citation in fact.citations:
            strings.update({citation.quote, citation.source_title, citation.publisher or "", citation.url or "",
                            citation.location or ""})
    for person in doc.people:
        strings.update({person.citation.quote, person.citation.source_title, person.citation.location or ""})
    for source in doc.sources:
        strings.update({source.title, source.publisher or "", source.url or "", source.path, source.sha256,
                        source.short_title})
        strings.update(ref.quote for ref in source.refs)
        strings.update(ref.location for ref in source.refs if ref.location)
    strings.update(mark.note for mark in doc.notes)
    return sorted((normalize(s).strip() for s in strings if s and s.strip()), key=len, reverse=True)


def _strip_record(text: str, doc: Document) -> str:
    """``text`` without the record printed verbatim (quotes, titles, digests, locations, page numbers).

    Linear in the text and the record: every occurrence of every verbatim
    string is found in one Aho-Corasick pass, once exactly and once with
    spaces ignored (a quote broken across lines or pages), and the union of
    those spans is taken out.
    """
    text = normalize(text)
    items = _verbatim(doc)
    text = _blank(text, _occurrences(text, items))
    if any(ch.isdigit() for ch in text):
        # Quotes broken across lines or pages: match them with spacing ignored.
        squashed, where = _squash(text)
        wrapped = [item.replace(" ", "") for item in items if any(ch.isdigit() for ch in item)]
        spans = [(where[start], where[end - 1] + 1) for start, end in _occurrences(squashed, wrapped)]
        text = _blank(text, spans)
    text = _SHA.sub(" ", text)
    text = _LOCATION.sub(" ", text)
    return _PAGE.sub(" ", text)


def _occurrences(text: str, items: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of every item in ``text``, overlapping ones included."""
    items = [item for item in items if item]
    if not items or not text:
        return []
    from ahocorasick_rs import AhoCorasick

    return [(start, end) for _, start, end in AhoCorasick(items).find_matches_as_indexes(text, overlapping=True)]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the union of ``spans`` replaced by one space per stretch."""
    if not spans:
        return text
    parts: list[str] = []
    kept = 0
    for start, end in sorted(spans):
        if start > kept:
            parts += [text[kept:start], " "]
        elif not parts:
            parts.append(" ")
        kept = max(kept, end)
    parts.append(text[kept:])
    return "".join(parts)


def _squash(text: str) -> tuple[str, list[int]]:
    """``text`` without spaces, and for each kept character its index in ``text``."""
    where = [index for index, ch in enumerate(text) if ch != " "]
    return "".join(text[index] for index in where), where


def audit_text(text: str, doc: Document, where: str) -> list[str]:
    """Problems: numbers and dates in ``text`` that no proven fact or metadata states."""
    values, dates = allowed_figures(doc)
    remainder = _strip_record(text, doc)
    problems: list[str] = []
    covered: list[tuple[int, int]] = []
    for mention in find_dates(remainder, None):
        covered.append((mention.start, mention.end))
        if mention.date is not None and mention.date not in dates and mention.precision == "day":
            problems.append(f"{where} prints the date \"{mention.text}\" ({_around(remainder, mention.start)}), "
                            "which no proven fact states")
    footnote_count = max(len(doc.notes), sum(len(f.citations) for f in doc.facts) + len(doc.people)) + 10
    for figure in figures_in(remainder):
        if any(start <= figure.start < end for start, end in covered):
            continue
        value = Decimal(figure.value)
        if value in values:
            continue
        if value == value.to_integral_value() and 0 <= value <= footnote_count:
            continue  # footnote calls, list and table numbering
        problems.append(f"{where} prints \"{figure.text}\" ({_around(remainder, figure.start)}), "
                        "which no proven fact states")
    return problems


def _around(text: str, at: int) -> str:
    return "…" + text[max(0, at - 40): at + 40].strip() + "…"


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(data: bytes) -> str:
    """The visible text of an HTML output."""
    parser = _TextOf()
    parser.feed(data.decode("utf-8"))
    return " ".join(parser.parts)


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, as a reader sees it (:mod:`briefing.writers.pdf_text`)."""
    return pdf_part_text(data)[0]


def pdf_part_text(data: bytes, part: int = 0, parts: int = 1) -> tuple[str, int]:
    """The text of the ``part``-th of ``parts`` runs of pages, and the PDF's page count.

    Pages are read with PDFium as a reader sees them: footnote calls apart
    from the figure before them, letter-spaced digits joined into one number,
    line-end hyphens read. Two processes can each read one part of the same PDF.
    """
    from briefing.writers.pdf_text import pdf_pages_text

    count = pdf_pages_text(data, 0, 0)[1] if parts > 1 else None
    if count is None:
        texts, count = pdf_pages_text(data)
    else:
        size = -(-count // parts)
        texts, _ = pdf_pages_text(data, part * size, (part + 1) * size)
    return "\n".join(texts), count


def docx_text(data: bytes) -> str:
    """The text of a DOCX body, tables, headers and footers (not footnotes or comments)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


EXTRACTORS = {"pdf": pdf_text, "docx": docx_text, "html": html_text}


def raise_problems(problems: list[str]) -> None:
    """Raise the audit's RenderError listing ``problems``, if there are any."""
    if problems:
        listed = "\n  ".join(problems[:20])
        raise RenderError(f"output audit failed; nothing was written:\n  {listed}\n"
                          "Every figure on a page must come from a proven fact: fix the template or the facts.")
