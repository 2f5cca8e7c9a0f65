"""Find a quote in its source, or the closest passage when it is not there.

A quote is found when its normalised form occurs in the source's normalised
text (case matters); the first occurrence is cited. When it is not found, the
closest passage of that source is located with rapidfuzz (only for quotes
that failed, since it is the expensive step), with its similarity and the
words that differ, so the curator can fix the quote in seconds.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from briefing.text.normalize import normalize
from briefing.load.sources import SourceText


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a quote occurs: offsets in the normalised source, line and column in the file."""

    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Closest:
    """The passage of a source most like a quote that was not found."""

    passage: str
    score: float          # 0-100
    line: int
    column: int
    differences: tuple[str, ...]

    def describe(self) -> str:
        """One sentence for a finding: where, how similar, and what differs."""
        diff = "; ".join(self.differences[:4]) or "the words are the same but spacing or punctuation differs"
        return (f"closest passage (line {self.line}, column {self.column}, {self.score:.0f}% similar): "
                f"\"{_clip(self.passage)}\"; {diff}")


def find_quote(source: SourceText, quote: str) -> QuoteMatch | None:
    """The first place ``quote`` occurs in ``source`` after normalisation, or None."""
    needle = normalize(quote).strip()
    if not needle:
        return None
    start = source.normalized.find(needle)
    if start < 0:
        return None
    line, column = source.position(start)
    return QuoteMatch(start, start + len(needle), line, column)


def closest_passage(source: SourceText, quote: str) -> Closest | None:
    """The most similar passage of ``source`` to ``quote``, its score and differing words."""
    from rapidfuzz import fuzz

    needle = normalize(quote).strip()
    haystack = source.normalized
    if not needle or not haystack:
        return None
    alignment = fuzz.partial_ratio_alignment(needle, haystack)
    if alignment is None:
        return None
    start, end = alignment.dest_start, alignment.dest_end
    while start > 0 and not haystack[start - 1].isspace():
        start -= 1
    while end < len(haystack) and not haystack[end].isspace():
        end += 1
    start, end = _trim_to_quote(needle, haystack, start, end)
    passage = haystack[start:end]
    line, column = source.position(start)
    score = fuzz.ratio(needle, passage)
    return Closest(passage, score, line, column, tuple(word_differences(needle, passage)))


def _key(word: str) -> str:
    """A word as compared: punctuation around it does not count."""
    return word.strip(_PUNCTUATION) or word


_PUNCTUATION = ".,;:!?\"'()[]"


def _trim_to_quote(needle: str, haystack: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``haystack[start:end]`` to the words that line up with the quote's first and last words."""
    spans = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", haystack[start:end])]
    if not spans:
        return start, end
    words = [_key(haystack[a:b]) for a, b in spans]
    ops = difflib.SequenceMatcher(a=[_key(w) for w in needle.split()], b=words, autojunk=False).get_opcodes()
    first = ops[0][4] if ops and ops[0][0] == "insert" else 0
    last = ops[-1][3] if ops and ops[-1][0] == "insert" else len(spans)
    if first >= last:
        return spans[0][0], spans[-1][1]
    return spans[first][0], spans[last - 1][1]


def word_differences(quote: str, passage: str) -> list[str]:
    """Human-readable differences between the words of a quote and of a passage."""
    ours, theirs = quote.split(), passage.split()
    result: list[str] = []
    matcher = difflib.SequenceMatcher(a=[_key(w) for w in ours], b=[_key(w) for w in theirs], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        mine, source = " ".join(ours[a0:a1]), " ".join(theirs[b0:b1])
        if tag == "replace":
            result.append(f"the quote has \"{mine}\" where the source has \"{source}\"")
        elif tag == "delete":
            result.append(f"the quote adds \"{mine}\"")
        elif tag == "insert" and 0 < a0 < len(ours):
            result.append(f"the quote leaves out \"{source}\"")
    return result


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
