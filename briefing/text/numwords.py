"""Counts: whole numbers in digits or in words ("eight", "twenty-six", "a dozen").

Number words are only ever counts; digit counts come from the shared scan of
:mod:`briefing.quantities`, so "$7.3 billion" is never a count of its own.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

from briefing.text.quantities import Count, _scan

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_BIG = {"thousand": 10**3, "million": 10**6, "billion": 10**9}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_UPTO99 = rf"(?:(?:{_alt(_TENS)})(?:[\s-](?:{_alt(w for w in _UNITS if _UNITS[w] < 10)}))?|{_alt(_UNITS)})"
_HUNDREDS = rf"(?:(?:(?:a|{_UPTO99})\s)?hundred(?:(?:\sand)?\s{_UPTO99}\b)?|{_UPTO99})"
# Longest alternative first; word boundaries keep "eight" out of "eighteen" and "one" out of "someone".
_NUMBER_WORDS = re.compile(
    rf"(?i)(?:(?:(?:an?|{_HUNDREDS})\s)?(?:thousand|million|billion)(?:(?:\sand)?\s{_HUNDREDS}\b)?"
    rf"|(?:(?:an?|{_UPTO99})\s)?dozen|{_HUNDREDS})\b"
)
_MULTIPLIERS = ("hundred", "dozen", "thousand", "million", "billion")
_WORDS = (*_UNITS, *_TENS, *_MULTIPLIERS)
_ARTICLE = re.compile(r"(?<![\w])(?i:an?) $")


def _word_starts(text: str) -> list[int]:
    # str.find per word is far faster than one big case-insensitive alternation.
    low = text.lower()
    if len(low) != len(text):  # a rare character changes length when lower-cased
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    starts = []
    for word in _WORDS:
        i = low.find(word)
        while i != -1:
            j = i + len(word)
            if not (i and low[i - 1].isalnum()) and not (j < len(low) and low[j].isalnum()):
                starts.append(i)
            i = low.find(word, j)
    return sorted(starts)


def _number_word_matches(text: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    reached = 0
    for start in _word_starts(text):
        if start < reached:
            continue
        first = start
        if text[start:start + 8].lower().startswith(_MULTIPLIERS):  # "a dozen", "a hundred"
            if article := _ARTICLE.search(text, max(reached, start - 3), start):
                first = article.start()
        m = _NUMBER_WORDS.match(text, first) or _NUMBER_WORDS.match(text, start)
        if m is not None:
            found.append(m)
            reached = m.end()
    return found


def _word_value(words: str) -> int:
    total = current = 0
    for token in re.split(r"[\s-]+", words.lower()):
        if token in ("a", "an"):
            current = 1
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "dozen":
            current = (current or 1) * 12
        elif token in _BIG:
            total += (current or 1) * _BIG[token]
            current = 0
    return total + current


@lru_cache(maxsize=4096)
def _counts(text: str) -> tuple[Count, ...]:
    atoms = _scan(text).atoms
    found = [
        Count(int(a.value), text[a.start:a.end], a.start, a.end)
        for a in atoms if a.pct is None and a.code is None and not a.linked and a.value == a.value.to_integral()
    ]
    starts = [a.start for a in atoms]
    for m in _number_word_matches(text):
        i = bisect_right(starts, m.start()) - 1
        inside = (i >= 0 and atoms[i].end > m.start()) or (i + 1 < len(atoms) and atoms[i + 1].start < m.end())
        if not inside:  # the "billion" of "$7.3 billion" is not a count of its own
            found.append(Count(_word_value(m[0]), m[0], m.start(), m.end()))
    return tuple(sorted(found, key=lambda c: c.start))


def find_counts(text: str) -> list[Count]:
    """Whole numbers in digits ("26", "1,200", "2 million") or words ("eight", "twenty-six", "a dozen")."""
    return list(_counts(text))
