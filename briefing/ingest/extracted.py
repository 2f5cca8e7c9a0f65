"""What every extractor returns, how a file's format is recognised, and the dispatch to the extractors.

The derived text of a source is a function of its bytes only (and of
:data:`EXTRACTOR_VERSION`): same bytes, same text. Its paragraphs are lines
separated by a blank line, so the paragraph rule for plain text applies to it
unchanged. ``locations`` marks where each page (PDF) or paragraph and section
(HTML, DOCX) starts in that text, for citations.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from briefing.errors import BriefingError

#: Bump when an extractor changes what it produces: cached texts of older versions are re-derived.
EXTRACTOR_VERSION = 1

Kind = Literal["text", "pdf", "html", "docx"]
_SUFFIXES: dict[str, Kind] = {".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


class IngestError(BriefingError):
    """A source document cannot be turned into text (encrypted, corrupt, scanned, empty)."""


@dataclass(frozen=True)
class Metadata:
    """What a document states about itself; None where it states nothing."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None        # ISO date


@dataclass
class Extracted:
    """A document's derived text, where its pages or sections start, and its own metadata."""

    kind: Kind
    text: str
    #: (offset in ``text``, label) in increasing offset order, e.g. (0, "page 1").
    locations: list[tuple[int, str]] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    #: How many pages a PDF has (pages without text have no entry in ``locations``); 0 for other formats.
    pages: int = 0

    def location(self, start: int, end: int | None = None) -> str | None:
        """The label of the place that holds ``text[start:end]`` ("page 2", "pages 2-3")."""
        return location_of(self.locations, start, end)


def location_of(locations: list[tuple[int, str]], start: int, end: int | None = None) -> str | None:
    """The label covering ``start`` (and ``end``: a quote running onto the next page says "pages 2-3")."""
    if not locations:
        return None
    offsets = [offset for offset, _ in locations]
    first = max(bisect_right(offsets, start) - 1, 0)
    label = locations[first][1]
    if end is not None and end > start:
        last = max(bisect_right(offsets, end - 1) - 1, 0)
        other = locations[last][1]
        if last != first and label.startswith("page ") and other.startswith("page "):
            return f"pages {label[5:]}-{other[5:]}"
    return label


def kind_of(name: str) -> Kind:
    """The format a source file is read as, by its name's suffix (anything else is text)."""
    lower = name.lower()
    return next((kind for suffix, kind in _SUFFIXES.items() if lower.endswith(suffix)), "text")


def sniff(raw: bytes) -> Kind | None:
    """The format the bytes themselves show, when they show one (a download without a usable name)."""
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04") and b"word/" in raw[:65536]:
        return "docx"
    if head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html")) or b"<html" in head:
        return "html"
    return None


def clean(text: str) -> str:
    """Text without control characters: tabs become spaces, every line end becomes LF."""
    text = text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def extract(raw: bytes, kind: Kind, name: str) -> Extracted:
    """The derived text of ``raw`` read as ``kind``; ``name`` only appears in error messages."""
    if kind == "pdf":
        from briefing.ingest.pdf import extract_pdf
        return extract_pdf(raw, name)
    if kind == "html":
        from briefing.ingest.html import extract_html
        return extract_html(raw, name)
    if kind == "docx":
        from briefing.ingest.docx import extract_docx
        return extract_docx(raw, name)
    from briefing.ingest.text import extract_text
    return extract_text(raw, name)


def join_blocks(blocks: list[tuple[str, bool]], kind: Kind, metadata: Metadata) -> Extracted:
    """Join blocks (text, is it a heading) into one text, each block a paragraph, with their locations.

    Paragraphs are numbered from 1 through the document (headings are not
    counted); each is labelled with the heading it falls under.
    """
    parts: list[str] = []
    locations: list[tuple[int, str]] = []
    offset, number, heading = 0, 0, None
    for text, is_heading in blocks:
        if is_heading:
            heading = text
            locations.append((offset, paragraph_label(0, heading)))
        else:
            number += 1
            locations.append((offset, paragraph_label(number, heading)))
        parts.append(text)
        offset += len(text) + 2
    return Extracted(kind, "\n\n".join(parts), locations, metadata)


def paragraph_label(number: int, heading: str | None) -> str:
    """'section "Tariffs", paragraph 3' or 'paragraph 3' (HTML and DOCX citations)."""
    if heading:
        short = heading if len(heading) <= 60 else heading[:57].rstrip() + "..."
        return f'section "{short}", paragraph {number}' if number else f'section "{short}"'
    return f"paragraph {number}" if number else "start"
