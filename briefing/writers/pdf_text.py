"""Read a PDF's text back as a reader sees it (pypdfium2, the PDFium engine of Chrome's viewer).

The output audit must see every figure exactly as printed, so the text of a
page is rebuilt from PDFium's characters with three rules a plain text dump
gets wrong:

* **Footnote calls stay apart.** A digit set at another size or on another
  baseline than the character before it (a superscript call, ``2024.`` then a
  raised ``3``) starts a new word: ``2024. 3``, never ``2024.3``.
* **Letter-spaced text is one word.** PDFium inserts a space wherever the gap
  between two glyphs looks wide, so ``letter-spacing: 0.3em`` reads
  ``$ 9 . 8``: a generated space narrower than :data:`LETTER_GAP` ems between
  glyphs of one line and size is dropped, and the figure reads ``$9.8``.
  Real space characters always stay.
* **Line-end hyphens are read.** PDFium marks a hyphen-minus that ends a line
  and joins it to the next (``U+FFFE``): it prints ``-`` (``trade-offs``,
  ``2024-25``). A hyphenation hyphen (``U+2010`` or a soft hyphen) between
  letters at a line end is dropped and the word joined (``bil‐`` / ``lion``
  reads ``billion``); between digits it stays a hyphen. Any other line break is
  a newline.

Small capitals that WeasyPrint synthesizes reuse the capital glyphs, so a
PDF's character map can give them back in mixed case ("auguSt 9"): a month
name in any case that a number follows is read in its usual case ("August 9"),
so that the audit sees the date a reader sees.
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

from briefing.text.date_values import MONTHS

#: A generated space narrower than this many ems between two glyphs of the same
#: line and size is letter-spacing, not a word space (a word space in 0.3em
#: letter-spaced text is about 0.7em; between letters, 0.2-0.3em).
LETTER_GAP = 0.45
#: A change of font size by more than this share, or of baseline by more than
#: this share of the size, separates a digit from the character before it.
SIZE_CHANGE = 0.12
BASELINE_CHANGE = 0.12
_LINE_MARKERS = ("\ufffe", "\x02")      # PDFium: a hyphen-minus at a line end, joined to the next line
_HYPHENATION = ("\u2010", "\u00ad")     # the hyphen WeasyPrint draws when it hyphenates; a soft hyphen
_MONTH_BEFORE_NUMBER = re.compile(rf"(?i)\b(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b"
                                  r"(?=\.?\s\d)")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"


@dataclass(frozen=True)
class _Glyph:
    left: float
    right: float
    size: float
    baseline: float


class _Page:
    """One page's characters from PDFium, with their geometry fetched on demand."""

    def __init__(self, textpage: object) -> None:
        import pypdfium2.raw as pdfium_c

        self._c = pdfium_c
        self._raw = textpage.raw  # type: ignore[attr-defined]
        count = pdfium_c.FPDFText_CountChars(self._raw)
        text = textpage.get_text_range() if count > 0 else ""  # type: ignore[attr-defined]
        if len(text) != count:   # one string per character, whatever PDFium's text did
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(self._raw, i) or 0xFFFD) for i in range(count))
        self.text = text
        self._glyphs: dict[int, _Glyph] = {}
        self._box = pdfium_c.FS_RECTF()
        self._x, self._y = ctypes.c_double(), ctypes.c_double()

    def generated(self, index: int) -> bool:
        """True if PDFium made this character up (a space or line break it inferred)."""
        return bool(self._c.FPDFText_IsGenerated(self._raw, index))

    def glyph(self, index: int) -> _Glyph:
        """The advance box, size and baseline of character ``index``."""
        glyph = self._glyphs.get(index)
        if glyph is None:
            c = self._c
            c.FPDFText_GetLooseCharBox(self._raw, index, self._box)
            c.FPDFText_GetCharOrigin(self._raw, index, self._x, self._y)
            glyph = _Glyph(self._box.left, self._box.right, c.FPDFText_GetFontSize(self._raw, index), self._y.value)
            self._glyphs[index] = glyph
        return glyph


def _apart(a: _Glyph, b: _Glyph) -> bool:
    """True if ``b`` is set at another size or on another baseline than ``a``."""
    size = max(a.size, b.size, 1e-6)
    return abs(a.size - b.size) > SIZE_CHANGE * size or abs(a.baseline - b.baseline) > BASELINE_CHANGE * size


def _gap(page: _Page, before: int, after: int) -> float | None:
    """The gap in ems between two characters of one line, size and baseline (None if they differ)."""
    a, b = page.glyph(before), page.glyph(after)
    if _apart(a, b):
        return None
    return (b.left - a.right) / max(a.size, b.size, 1e-6)


def _letter_spacing(page: _Page, before: int, after: int, neighbours: tuple[int, int]) -> bool:
    """True if the generated space between characters ``before`` and ``after`` is letter-spacing.

    It is when the gap is narrow (under LETTER_GAP ems) and the glyphs beside
    it are spaced alike: in SVG text, which has no space glyphs, a word gap is
    as narrow, but the letters around it touch.
    """
    gap = _gap(page, before, after)
    if gap is None or not -0.05 < gap < LETTER_GAP:
        return False
    beside = [_gap(page, *pair) for pair in (neighbours[0:1] + (before,), (after,) + neighbours[1:2])
              if len(pair) == 2 and pair[0] >= 0 and pair[-1] >= 0]
    return any(other is not None and other > 0.6 * gap for other in beside)


def _next_real(text: str, start: int) -> int:
    """The index of the next character on this line that is not a space, or -1."""
    for index in range(start, len(text)):
        if text[index] in "\r\n":
            return -1
        if not text[index].isspace():
            return index
    return -1


def page_text(page: _Page) -> str:
    """The text of one page as a reader sees it (see the module docstring)."""
    text = page.text
    out: list[str] = []
    last = previous = -1           # the last two real characters of the current word (letter-spaced or not)
    spaced = False                 # a word space was read after ``last``
    index, count = 0, len(text)
    while index < count:
        char = text[index]
        if char in "\r\n":
            stop = index
            while stop < count and text[stop] in "\r\n":
                stop += 1
            following = text[stop] if stop < count else ""
            out.append(_line_end(out, following))
            last = previous = -1
            spaced = False
            index = stop
            continue
        if char.isspace() and page.generated(index):
            stop = index
            while stop < count and text[stop].isspace() and text[stop] not in "\r\n" and page.generated(stop):
                stop += 1
            if not (last >= 0 and stop < count and not text[stop].isspace()
                    and _letter_spacing(page, last, stop, (previous, _next_real(text, stop + 1)))):
                out.append(" ")
                spaced = True
            index = stop
            continue
        if char in _LINE_MARKERS:
            out.append("-")
        else:
            if last >= 0 and (char.isdigit() or text[last].isdigit()) and not char.isspace() \
                    and not text[last].isspace() and _apart(page.glyph(last), page.glyph(index)):
                out.append(" ")
            out.append(char)
        if char.isspace():
            last = previous = -1
        else:
            last, previous = index, (-1 if spaced else last)
        spaced = False
        index += 1
    return "".join(out)


def _line_end(out: list[str], following: str) -> str:
    """What a line break reads as, given the text so far and the first character of the next line.

    A dash joins the lines only when it ends a word or number ("2024-", "US–"),
    not when it stands alone (a table cell's "—").
    """
    if len(out) < 2 or out[-1][-1:] not in _DASHES + "".join(_HYPHENATION) or not out[-2][-1:].isalnum():
        return "\n"
    hyphen = out.pop()
    if hyphen in _HYPHENATION and out[-1][-1:].isalpha() and following.isalpha():
        return ""                  # hyphenation: the word goes on, without the hyphen
    return "-" if hyphen in _HYPHENATION else hyphen   # a dash that ends a word joins what follows


def _months_in_usual_case(text: str) -> str:
    """``auguSt 9`` -> ``August 9``: small capitals can come back from a PDF in mixed case."""
    return _MONTH_BEFORE_NUMBER.sub(lambda match: match.group().capitalize(), text)


def pdf_pages_text(data: bytes, first: int = 0, stop: int | None = None) -> tuple[list[str], int]:
    """The text of pages ``first`` to ``stop`` (exclusive) of a PDF, and its page count."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        count = len(document)
        texts: list[str] = []
        for number in range(first, min(count, count if stop is None else stop)):
            pdf_page = document[number]
            textpage = pdf_page.get_textpage()
            try:
                texts.append(_months_in_usual_case(page_text(_Page(textpage))))
            finally:
                textpage.close()
                pdf_page.close()
        return texts, count
    finally:
        document.close()
