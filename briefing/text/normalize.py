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

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u058a\u05be\u1806\u2e17\u301c\u3030"
_SINGLE = "\u2018\u2019\u201a\u201b\u2032\u02bc"
_DOUBLE = "\u201c\u201d\u201e\u201f\u2033"
_TRANSLATE = str.maketrans({**{c: "-" for c in _DASHES}, **{c: "'" for c in _SINGLE}, **{c: '"' for c in _DOUBLE}})
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_NON_ASCII = re.compile(f"[\\x00-\\x7f]?[{_COMBINING}]+|[^\\x00-\\x7f]+")
_SPACE = re.compile(r"\s{2,}|[^\S ]")


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


def _pass(text: str, pattern: re.Pattern[str], replace: "callable[[str], str]") -> tuple[str, OffsetMap]:
    offsets = OffsetMap()
    parts: list[str] = []
    last = 0
    shift = 0
    for match in pattern.finditer(text):
        old = match.group()
        new = replace(old)
        if new == old:
            continue
        start, end = match.span()
        parts.append(text[last:start])
        parts.append(new)
        offsets.add(start + shift, start + shift + len(new), start, end)
        shift += len(new) - len(old)
        last = end
    if not parts:
        return text, offsets
    parts.append(text[last:])
    return "".join(parts), offsets


def _fold_unicode(segment: str) -> str:
    return unicodedata.normalize("NFKC", segment).translate(_TRANSLATE)


def _fold_space(segment: str) -> str:
    return " "


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
    spaced, space_map = _pass(folded, _SPACE, _fold_space)
    return Normalized(spaced, unicode_map, space_map)
