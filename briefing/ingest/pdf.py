"""PDF sources: the text layer page by page (pypdfium2), as a reader sees it.

Lines come from pdfium's text rectangles, with their position on the page,
which gives three things plain text extraction loses:

* running headers, footers and page numbers: a line at the top or bottom edge
  of a page that is a page number, or that recurs at the edges of at least half
  the pages (digits ignored), is dropped, so a sentence that runs from one page
  to the next reads as one;
* paragraphs: more space than between lines, or a short line that ends a
  sentence, ends a paragraph; other lines are joined with a space;
* words hyphenated at a line end ("bilat-" / "eral") are joined. When the PDF
  marks hyphenation with its own character (U+2010, a soft hyphen), a plain
  "-" at a line end is a real hyphen and stays ("supply-" / "chain" is
  "supply-chain"); otherwise it stays when the hyphenated spelling occurs
  elsewhere in the document and the joined one does not, or when the next
  line starts with a capital.

Ligatures ("ﬁ") are resolved by the quote normalisation (NFKC) like any other
text. A PDF with no text layer (a scan), an encrypted or a corrupt PDF is an
:class:`IngestError` that says what to do.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

from briefing.ingest.extracted import Extracted, IngestError, Metadata, clean

if TYPE_CHECKING:
    import pypdfium2

_SOFT = "\u00ad\u2010"
_PDFIUM_HYPHEN = str.maketrans({"\x02": "-", "\ufffe": "-"})   # pdfium's mark for a "-" that ends a line
_HYPHENS = "-" + _SOFT
_PAGE_NUMBER = re.compile(r"^\W*(?:(?:page|p\.|pg\.?)\s*)?(?:\d+|[ivxlcdm]+)(?:\s*(?:of|/|-)\s*\d+)?\W*$", re.I)
_CLOSES = re.compile(r"""[.!?:;"')\]\u201d\u2019]$""")
_WORD_END = re.compile(r"(\w+)[" + re.escape(_HYPHENS) + r"]$")
_WORD_START = re.compile(r"^(\w+)")
_TOKENS = re.compile(r"\w+(?:-\w+)*")
_EDGE = 2            # how many lines at the top and at the bottom of a page may be running heads


@dataclass
class Line:
    """One line of text on a page, with its box in PDF points (y grows upwards)."""

    page: int
    text: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        """The height of the line's box."""
        return self.top - self.bottom


def extract_pdf(raw: bytes, name: str) -> Extracted:
    """The text of a PDF, paragraph by paragraph, with where each page starts."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise IngestError(f"{name} is encrypted (it needs a password to open): save an unprotected "
                              "copy and add that") from None
        raise IngestError(f"{name} is not a readable PDF ({error}): download it again, or save the "
                          "document as PDF again from its application") from None
    try:
        pages = [_page_lines(document, index) for index in range(len(document))]
        title = (document.get_metadata_dict().get("Title") or "").strip() or None
    finally:
        document.close()
    if not any(any(ch.isalnum() for line in page for ch in line.text) for page in pages):
        raise IngestError(f"{name} has no text layer (a scanned document?): run OCR on it, or add a text "
                          "version of the same document")
    body = _drop_running_lines(pages)
    text, starts = _assemble(body)
    return Extracted("pdf", text, starts, Metadata(title=clean(title) if title else None), pages=len(pages))


def _page_lines(document: "pypdfium2.PdfDocument", index: int) -> list[Line]:
    """The lines of one page in reading order: pdfium's rectangles, merged when on one line."""
    page = document[index]
    textpage = page.get_textpage()
    lines: list[Line] = []
    try:
        for rect_index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(rect_index)
            text = clean(textpage.get_text_bounded(left, bottom, right, top).translate(_PDFIUM_HYPHEN))
            text = text.replace("\n", " ")
            if not text.strip():
                continue
            last = lines[-1] if lines else None
            if last and min(last.top, top) - max(last.bottom, bottom) > 0.5 * min(last.height, top - bottom):
                gap = " " if left - last.right > 1 and not last.text.endswith(" ") and not text.startswith(" ") else ""
                last.text += gap + text
                last.left, last.right = min(last.left, left), max(last.right, right)
                last.bottom, last.top = min(last.bottom, bottom), max(last.top, top)
            else:
                lines.append(Line(index + 1, text, left, bottom, right, top))
    finally:
        textpage.close()
        page.close()
    for line in lines:
        line.text = " ".join(line.text.split())
    return lines


def _edge_lines(page: list[Line]) -> list[Line]:
    """The lines nearest the top and the bottom edge of a page (candidates for running heads)."""
    by_height = sorted(page, key=lambda line: -line.top)
    return by_height[:_EDGE] + by_height[_EDGE:][-_EDGE:]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _drop_running_lines(pages: list[list[Line]]) -> list[Line]:
    """All lines in reading order, without page numbers and headers or footers that recur."""
    seen: dict[str, int] = {}
    for page in pages:
        for shape in {_shape(line.text) for line in _edge_lines(page)}:
            seen[shape] = seen.get(shape, 0) + 1
    threshold = max(2, math.ceil(len(pages) / 2))
    body: list[Line] = []
    for page in pages:
        edges = {id(line) for line in _edge_lines(page)}
        for line in page:
            if id(line) in edges and (_PAGE_NUMBER.match(line.text) or seen[_shape(line.text)] >= threshold):
                continue
            body.append(line)
    return body


def _breaks(before: Line, after: Line, pitch: float, right: dict[int, float]) -> bool:
    """True when a paragraph ends between two consecutive lines (``pitch``: the usual line spacing)."""
    ends_sentence = bool(_CLOSES.search(before.text))
    if before.page != after.page or after.bottom > before.top:          # next page or next column
        return ends_sentence or before.right < right[before.page] - 3 * pitch   # a heading stands alone
    if before.bottom - after.bottom > 1.45 * pitch:                     # more space than between lines
        return True
    return ends_sentence and before.right < right[before.page] - 1.5 * pitch


def _join(before: str, line: str, vocabulary: set[str], soft_marks: bool) -> tuple[str, str]:
    """The previous line as it now ends, and what follows it: a space and ``line``, or the rest of a word
    hyphenated at the line end."""
    end, start = _WORD_END.search(before), _WORD_START.match(line)
    if not end or not start:
        return before, " " + line
    head, tail, mark = end.group(1), start.group(1), before[-1]
    hyphenated, joined = f"{head}-{tail}".lower(), f"{head}{tail}".lower()
    keep = hyphenated in vocabulary and joined not in vocabulary
    if mark == "-" and soft_marks:          # this PDF marks its hyphenation apart: "-" is a real hyphen
        keep = True
    if not keep and (mark in _SOFT or tail[0].islower()):
        return before[:-1], line
    return before[:-1] + "-", line


def _assemble(lines: list[Line]) -> tuple[str, list[tuple[int, str]]]:
    """One text of paragraphs separated by blank lines, and the offset where each page starts."""
    if not lines:
        return "", []
    steps = [a.bottom - b.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and a.bottom > b.bottom]
    pitch = median(steps) if steps else median(line.height for line in lines)
    right: dict[int, float] = {}
    for line in lines:
        right[line.page] = max(right.get(line.page, 0.0), line.right)
    vocabulary = {token.lower() for line in lines for token in _TOKENS.findall(line.text)}
    soft_marks = any(line.text[-1:] in _SOFT for line in lines)
    parts: list[str] = []
    starts: list[tuple[int, str]] = []
    length, previous = 0, None
    for line in lines:
        if previous is None:
            piece = line.text
        elif _breaks(previous, line, pitch, right):
            piece = "\n\n" + line.text
        else:
            last, piece = _join(parts[-1], line.text, vocabulary, soft_marks)
            length += len(last) - len(parts[-1])
            parts[-1] = last
        if previous is None or line.page != previous.page:
            starts.append((length + len(piece) - len(line.text), f"page {line.page}"))
        parts.append(piece)
        length += len(piece)
        previous = line
    return "".join(parts), starts
