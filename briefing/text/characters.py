"""Which characters end a line, and which characters a fact base may never hold.

One rule for each, used everywhere: the YAML loaders (facts.yaml and
stakeholders.yaml), source files (paragraphs, line and column, the closest
passage), findings (kept on one line) and the DOCX writer (text XML can hold).

* A line ends at LF, CRLF, CR, U+2028 (line separator) or U+2029 (paragraph
  separator): old-Mac files and word-processor exports count their lines the
  way an editor shows them.
* A control character is a C0 or C1 control other than tab and LF, a
  bidirectional override or isolate, a line or paragraph separator, a lone
  surrogate, a byte order mark (U+FEFF) anywhere but the start of a file,
  or a non-character: invisible or unprintable on a page, and able
  to make printed text read differently from what was checked.
"""
from __future__ import annotations

import re
from bisect import bisect_right

#: A line end: CRLF first, so that it counts as one.
LINE_END = re.compile("\r\n|[\n\r\u2028\u2029]")
_LF = re.compile("\n")
#: The control characters a value may never hold (tab and LF are white space; a CR in a value is refused).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff\ufeff\ufffe\uffff]")
#: The same rule for the raw text of a YAML file, where a CR is part of a line end.
RAW_CONTROL = re.compile("(?!\r)" + CONTROL.pattern)
#: What a one-line field (a title, a name, an address) may not hold on top of the control characters.
LINE_BREAK = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")
#: Everything a one-line message must escape: the control characters, tab and line breaks.
UNPRINTABLE = re.compile(f"{CONTROL.pattern}|{LINE_BREAK.pattern}")


def first_control(text: str) -> str | None:
    """The first control character in ``text`` (see :data:`CONTROL`), or None."""
    found = CONTROL.search(text)
    return found.group() if found else None


def describe_char(char: str) -> str:
    """``"U+000D"``: a character as its code point, for a message."""
    return f"U+{ord(char):04X}"


def escape_unprintable(text: str) -> str:
    """``text`` with control characters and line breaks escaped (``\\n``, ``\\x00``), so it prints on one line."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def _line_ends(text: str) -> re.Pattern[str]:
    """The pattern that finds ``text``'s line ends: LF alone, when no other line end occurs in it.

    A one-character literal is found by a fast search; the full alternation is
    tried at every position, about twenty times slower on a long source.
    """
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return LINE_END
    return _LF


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts (the first is 0); every line end counts."""
    return [0, *(m.end() for m in _line_ends(text).finditer(text))]


def line_column(text: str, index: int, starts: list[int] | None = None) -> tuple[int, int]:
    """1-based line and column of character ``index`` of ``text`` (``starts`` from :func:`line_starts`)."""
    index = max(0, min(index, len(text)))
    starts = starts if starts is not None else line_starts(text)
    line = bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``, line end excluded; the last line may be empty."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _line_ends(text).finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans
