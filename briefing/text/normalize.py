"""Normalise text the way the spec says, keeping offsets back to the original.

Quote and source are normalised the same way before a quote is looked up:
Unicode NFKC, curly quotes and apostrophes to straight ones, every dash to
"-", every run of white space (line breaks included) to one space. Case is
kept. :func:`normalize_with_map` also returns an :class:`OffsetMap`, so that a
match in the normalised text can be reported at its line and column in the
original file (as eyecite keeps offsets through its cleaning steps).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u058a\u05be\u1806\u2e17\u301c\u3030"
_SINGLE = "\u2018\u2019\u201a\u201b\u2032\u02bc"
_DOUBLE = "\u201c\u201d\u201e\u201f\u2033"
_TRANSLATE = str.maketrans({**{c: "-" for c in _DASHES}, **{c: "'" for c in _SINGLE}, **{c: '"' for c in _DOUBLE}})
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_NON_ASCII = re.compile(f"[\\x00-\\x7f]?[{_COMBINING}]+|[^\\x00-\\x7f]+")
_OTHER_ASCII_SPACE = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"   # str.isspace() in ASCII, besides " " and LF
_OTHER_SPACE = re.compile("[\t\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_LF = re.compile("\n")
_TWO_SPACES = re.compile("  ")
_RUN = re.compile("[ \n]+")
_SPACE = re.compile(r"[^\S ]\s*| \s+")   # = \s{2,}|[^\S ] (a white-space run to fold), found faster


@dataclass
class OffsetMap:
    """Maps positions in a normalised text back to the text it came from.

    ``spans`` holds the changed segments as (new_start, new_end, old_start,
    old_end); outside them the two texts run in step.
    """

    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def add(self, new_start: int, new_end: int, old_start: int, old_end: int) -> None:
        """Record one changed segment (segments must be added in order)."""
        self.spans.append((new_start, new_end, old_start, old_end))
        self._starts.append(new_start)

    def to_old(self, index: int) -> int:
        """The position in the old text of position ``index`` of the new text."""
        at = bisect_right(self._starts, index) - 1
        if at < 0:
            return index
        new_start, new_end, old_start, old_end = self.spans[at]
        if index < new_end:
            return old_start
        return old_end + (index - new_end)


def _replace_spans(text: str, changes: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """``text`` with each (start, end, new) change applied, in order, and the map back to ``text``."""
    offsets = OffsetMap()
    parts: list[str] = []
    last = 0
    shift = 0
    for start, end, new in changes:
        parts.append(text[last:start])
        parts.append(new)
        offsets.add(start + shift, start + shift + len(new), start, end)
        shift += len(new) - (end - start)
        last = end
    if not parts:
        return text, offsets
    parts.append(text[last:])
    return "".join(parts), offsets


def _pass(text: str, pattern: re.Pattern[str], replace: "callable[[str], str]") -> tuple[str, OffsetMap]:
    changes = ((m.start(), m.end(), new) for m in pattern.finditer(text) if (new := replace(m.group())) != m.group())
    return _replace_spans(text, changes)


def _fold_unicode(segment: str) -> str:
    return unicodedata.normalize("NFKC", segment).translate(_TRANSLATE)


def _fold_space(segment: str) -> str:
    return " "


@lru_cache(maxsize=2048)   # one fact's text and quote are normalised by several checks
def normalize(text: str) -> str:
    """Normalise text for matching (NFKC, straight quotes, "-" dashes, single spaces)."""
    if not text.isascii():
        text = _NON_ASCII.sub(lambda m: _fold_unicode(m.group()), text)
    return _SPACE.sub(" ", text)


@dataclass
class Normalized:
    """A normalised text with the maps that lead back to the original."""

    text: str
    unicode_map: OffsetMap
    space_map: OffsetMap

    def to_original(self, index: int) -> int:
        """The position in the original text of ``index`` in the normalised text."""
        return self.unicode_map.to_old(self.space_map.to_old(index))


def normalize_with_map(text: str) -> Normalized:
    """Normalise like :func:`normalize`, keeping the way back to original offsets."""
    if text.isascii():
        folded, unicode_map = text, OffsetMap()
    else:
        folded, unicode_map = _pass(text, _NON_ASCII, _fold_unicode)
    spaced, space_map = _space_pass(folded)
    return Normalized(spaced, unicode_map, space_map)


def _space_pass(text: str) -> tuple[str, OffsetMap]:
    """``_pass(text, _SPACE, _fold_space)``, found by fast literal searches when it can be.

    When the only white space in ``text`` is " " and LF (most sources), every
    run to fold holds a line break or two spaces in a row; the regex engine
    finds those with a fast search instead of trying ``_SPACE`` at every
    position (most of the time of normalising a long source).
    """
    if any(c in text for c in _OTHER_ASCII_SPACE) if text.isascii() else _OTHER_SPACE.search(text):
        return _pass(text, _SPACE, _fold_space)
    return _replace_spans(text, _space_runs(text))


def _space_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """The runs of spaces and LFs to fold to one space: every one holds an LF or two spaces in a row."""
    seeds = sorted({m.start() for m in _LF.finditer(text)} | {m.start() for m in _TWO_SPACES.finditer(text)})
    last = 0
    for seed in seeds:
        if seed < last:
            continue                       # inside the run already folded
        start = seed
        while start > last and text[start - 1] == " ":
            start -= 1
        last = _RUN.match(text, seed).end()
        yield start, last, " "
