"""The future-tense rule for dates: does a weekday or a year-less date point forward from publication?

A sentence is in the future tense when it holds a marker from the lexicon
(``future``: "will", "'ll", "is set to", "is scheduled to", "going to", ...);
a clause of it that has no marker but a past-tense verb stays in the past.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from briefing.text.lexicon import lexicon


@lru_cache(maxsize=1)
def _markers() -> re.Pattern[str]:
    """One pattern for every marker, on lower-cased text; "'ll" is glued to its subject ("I'll")."""
    words = sorted((m.lower() for m in lexicon()["future"]), key=len, reverse=True)
    glued = "|".join(re.escape(w) for w in words if w.startswith("'"))
    loose = "|".join(re.escape(w) for w in words if not w.startswith("'"))
    return re.compile(rf"(?:(?<![a-z0-9_])(?:{loose})|{glued})(?![a-z0-9_])")


def at_word_start(text: str, i: int) -> bool:
    """Whether position ``i`` of ``text`` starts a word."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


def is_future(text: str) -> bool:
    """Whether a sentence is in the future tense: it holds a marker such as "will", "'ll" or "is to"."""
    return _markers().search(text.lower()) is not None


_CLAUSE_BREAK = re.compile(r'[,;:"()]| - ')
_LOWER_WORD = re.compile(r"\b[a-z]+\b")  # lower case only: names such as "Ahmed" are not verbs
_PAST = frozenset("said met held told made gave took came went spoke wrote began saw was were had did left".split())
_NOT_PAST = frozenset("need speed indeed proceed succeed exceed seed feed bed red shed hundred".split())


class Tense:
    """The future-tense rule, sharpened by clause.

    A sentence with a future marker is future tense, except in a clause that
    has none but has a past-tense verb: in "X and Y will discuss plans - the
    two countries announced on Friday" the Friday is in the past.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentence = is_future(text)
        self.breaks: list[int] | None = None

    def future_at(self, start: int) -> bool:
        """Whether the clause around ``start`` is in the future tense."""
        if not self.sentence:
            return False
        if self.breaks is None:
            self.breaks = [b for m in _CLAUSE_BREAK.finditer(self.text) for b in (m.start(), m.end())]
        i = bisect_left(self.breaks, start)
        lo = self.breaks[i - 1] if i else 0
        hi = self.breaks[i] if i < len(self.breaks) else len(self.text)
        clause = self.text[lo:hi]
        if is_future(clause):
            return True
        words = _LOWER_WORD.findall(clause)
        return not any(w in _PAST or (w.endswith("ed") and w not in _NOT_PAST) for w in words)
