"""A suggestion's name and place: its id, made from its subject, and its topic, from the sections.

**Ids.** An id is up to five content words of the candidate's subject ("US total goods
trade with Pakistan" -> ``us-total-goods-trade-pakistan``), then its period or
date (``-2024``, ``-2025-04-22``) or the speaker's name for a statement; a
taken id gets ``-2``, ``-3``, ...

**Topics.** A fact's topic is the briefing section whose keywords its quote
uses most. A section's words are its key and the words of its heading, each
widened by the shipped topic keywords (a section headed "Trade and tariffs"
also takes "exports", "deficit", "duties"...). Ties go to the section that
comes first; a quote that uses none gets the first section. A briefing
without sections gets the shipped topic whose keywords the quote uses most,
else ``general``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from briefing.suggest.lexicon import countries, topic_keywords
from briefing.suggest.passages import subject_words


def slug(words: Iterable[str]) -> str:
    """Words as an id fragment: ASCII lower case, hyphens, nothing else."""
    text = "-".join(words)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return re.sub(r"-{2,}", "-", text)


class IdMaker:
    """Hands out ids not yet used by the fact base or by earlier suggestions."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def make(self, subject: str, suffix: str | None = None, fallback: str = "fact") -> str:
        """A new id from ``subject``'s content words and ``suffix``."""
        head = slug(subject_words(subject)[:5]) or fallback
        base = slug([head, suffix]) if suffix else head
        base = base[:80].strip("-") or fallback
        ident, n = base, 2
        while ident in self.taken:
            ident, n = f"{base}-{n}", n + 1
        self.taken.add(ident)
        return ident


_WORD = re.compile(r"[a-z][a-z-]*")


@lru_cache(maxsize=64)
def _section_words(key: str, heading: str) -> frozenset[str]:
    own = set(_WORD.findall(f"{key.replace('-', ' ')} {heading}".lower())) - {"and", "the", "of", "in", "at", "on"}
    own -= set(countries())          # "Pakistan at the United Nations": every quote names Pakistan
    table = topic_keywords()
    widened = set(own)
    for word in own:
        widened.update(table.get(word, ()))
        if word.endswith("s"):
            widened.update(table.get(word[:-1], ()))
    return frozenset(widened)


def topic_for(quote: str, sections: dict[str, str]) -> str:
    """The topic key for a fact with ``quote``, from the briefing's ``sections`` (key -> heading)."""
    said = _WORD.findall(quote.lower())
    if sections:
        scores = [(sum(w in _section_words(key, heading) for w in said), -i, key)
                  for i, (key, heading) in enumerate(sections.items())]
        return max(scores)[2]
    scores = [(sum(w in set(words) for w in said), key) for key, words in topic_keywords().items()]
    best = max(scores)
    return best[1] if best[0] else "general"
