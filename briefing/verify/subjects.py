"""What a figure measures: the text's subject words against the quote's.

Subjects are the lexicon's ``subjects`` (trade, exports, deficit, tariff,
dead, injured, troops, ...), in families whose concepts exclude each other.

* A text subject the quote does not state, while the quote states another
  concept of its family, is a contradiction ("deficit" for "total goods trade").
* The subject nearest the figure, in its clause, is what the figure
  measures: "injured at least 11" against "killing at least 11 people and
  wounding 34 others" is a contradiction though the quote names both
  (the quote's "wounding" measures its 34).
* A text subject of another family than the quote's subject of the figure,
  which neither the quote nor its paragraph states, is a contradiction
  ("exports" for "foreign direct investment"); a subject neither supported
  nor contradicted is a warning.
"""
from __future__ import annotations

import re
from typing import Callable

from briefing.verify.rules import Problem
from briefing.verify.wording import Analysis, Hit

Spans = list[tuple[int, int]]
_CLAUSE = re.compile(r"[,;:()\"]|(?<![A-Z])[.!?]\s|\s-\s|\b(?:and|as|while|whereas|but|although|though|because|"
                     r"when|after|before)\b")
#: How many words a subject may follow its figure by ("$1.1 billion of goods exports").
AFTER = 3
_SENTENCE = re.compile(r"[;\"]|(?<![A-Z])[.!?]\s")


def said(hits: list[Hit]) -> str:
    """The words of some hits, quoted and listed once each."""
    return ", ".join(dict.fromkeys(f"'{h.text}'" for h in hits))


def unsupported(word: str) -> Problem:
    """A text word that the quote neither supports nor contradicts (a warning carrying the word)."""
    return Problem("text-word-unsupported", f"the quote neither supports nor contradicts '{word}'", "text", (word,))


def _outside(hits: list[Hit], names: Spans) -> list[Hit]:
    return [h for h in hits if not any(s < h.end and h.start < e for s, e in names)]


def _concept(hit: Hit) -> tuple[str, str]:
    return hit.entry.group, hit.entry.key


def anchor(analysis: Analysis, hits: list[Hit], figure: tuple[int, int], boundary: re.Pattern[str] = _CLAUSE
           ) -> list[Hit]:
    """The subjects nearest a figure (character offsets) within its clause (or sentence); several when tied."""
    start, end = figure
    text = analysis.text
    opens = max([m.end() for m in boundary.finditer(text, 0, start)] or [0])
    stop = boundary.search(text, end)
    closes = stop.start() if stop else len(text)
    near: list[tuple[int, Hit]] = []
    for hit in hits:
        if opens <= hit.start and hit.end <= start:
            gap = sum(1 for t in analysis.tokens if hit.end <= t.start and t.end <= start)
        elif end <= hit.start and hit.end <= closes:
            gap = sum(1 for t in analysis.tokens if end <= t.start and t.end <= hit.start)
            if gap > AFTER:
                continue
        else:
            continue
        near.append((gap, hit))
    least = min((gap for gap, _ in near), default=0)
    return [hit for gap, hit in near if gap == least]


def subject_problems(text: Analysis, quote: Analysis, names: tuple[Spans, Spans], context: Callable[[], Analysis],
                     figures: tuple[Spans, Spans], mirrored: frozenset[str] = frozenset()) -> list[Problem]:
    """What a figure measures: each text subject in the quote, or a sibling of its family there instead.

    Words inside names ("the US Trade Representative") measure nothing. A
    subject the quote leaves unsaid may be said by its paragraph
    (``context``). ``figures`` are where the fact's figure stands in the
    text and in the quote; ``mirrored`` holds concepts that the text may say
    for each other (one trade flow told from either side: exports, imports).
    """
    problems, quote_hits = [], _outside(quote.section("subjects"), names[1])
    own = _outside(text.section("subjects"), names[0])
    have = {_concept(h) for h in quote_hits}
    mine = {_concept(h) for h in own}
    both = bool(figures[0] and figures[1])
    ours = anchor(text, own, figures[0][0]) if both else []
    theirs = [a for span in figures[1] for a in anchor(quote, quote_hits, span)] if ours else []
    groups = {a.entry.group for a in theirs}
    if theirs and {_concept(a) for a in ours} <= have and \
            {_concept(a) for a in ours}.isdisjoint(_concept(a) for a in theirs) and \
            all(a.entry.group in groups for a in ours):   # the quote names it, but of another figure
        problems.append(Problem("subject-contradicts-quote", f"the text says {said(ours)} of the figure; the quote "
                                f"says {said(theirs)} of it: say what the quote's figure measures", "text"))
        mine -= {_concept(a) for a in ours}
    wide = [a for span in figures[1] for a in anchor(quote, quote_hits, span, _SENTENCE)] if both else []
    for hit in own:
        concept = _concept(hit)
        if concept in have or concept not in mine:
            continue
        rivals = [h for h in quote_hits if h.entry.group == hit.entry.group and _concept(h) not in mine
                  and not {hit.entry.key, h.entry.key} <= mirrored]
        if hit.entry.key in mirrored and any(h.entry.key in mirrored for h in quote_hits):
            continue
        if rivals:
            shared = {w.lower() for r in rivals for w in r.text.split()}
            word = " ".join(w for w in hit.text.split() if w.lower() not in shared) or hit.text
            problems.append(Problem("subject-contradicts-quote", f"the text says '{word}'; the quote says "
                                    f"{said(rivals)}: say what the quote's figure measures", "text"))
        elif not any(_concept(h) == concept for h in context().section("subjects")):
            other = [a for a in wide if a.entry.group != hit.entry.group and _concept(a) not in mine]
            if hit in ours and other:
                problems.append(Problem("subject-contradicts-quote", f"the text says '{hit.text}'; the quote's "
                                        f"figure measures {said(other)}: say what the quote's figure measures",
                                        "text"))
            else:
                problems.append(unsupported(hit.text))
    return problems
