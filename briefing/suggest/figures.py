"""Figures in a source as candidate facts: money, quantities, percentages, counts, ranges, changes.

The finders are the verifier's own (:mod:`briefing.suggest.readers`), run over
each sentence, so a candidate's value
is exactly what the checker will read in its quote. What is not a figure fact
is left out: years ("2024"), numbers inside dates ("April 22"), figures of a
line that links to another article ("Also Read | …"), references
("the two sides"), clock times ("10 am") and a lone "one". A "from X to Y"
after a verb of change ("rose from $6 billion to $8 billion") is a change,
not a range: each end is an amount, and the note says what changed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator

from briefing.suggest.lexicon import words
from briefing.suggest.model import Draft
from briefing.suggest.readers import Percent, Quantity
from briefing.suggest.passages import Passage
from briefing.suggest.passages import figure_subject, passages, subject_words
from briefing.suggest.sentences import Layout, Span
from briefing.suggest.readers import counts, dates, is_money, percents, quantities, ranges
from briefing.text.figures import format_percent, format_quantity, format_range, plain_number

_PERIOD = re.compile(r"\b(?:in|for|during|of)\s(?:fiscal\s|calendar\s)?((?:18|19|20)\d\d)(?![\d,.]\d|\d)")
_NOUN_RUN = re.compile(r"(?:[\s-]+([A-Za-z][A-Za-z'-]*))")


def _period(text: str, clause: Span, at: int) -> tuple[int | None, int]:
    """The year of a figure (the nearest "in 2024" of its clause) and where its period phrase ends."""
    best: tuple[int, int, int] | None = None
    for m in _PERIOD.finditer(text, clause.start, clause.end):
        gap = abs(m.start() - at)
        if best is None or gap < best[0]:
            best = (gap, int(m.group(1)), m.end())
    if best is None:
        return None, at
    return best[1], best[2]


def _unit_after(text: str, end: int, stop: int) -> tuple[str, int] | None:
    """What a count counts: the head noun within three words after the number ("eight UNSC terms")."""
    stops = words("id_stop_words") | words("reporting_verbs")
    run: list[tuple[str, int]] = []
    at = end
    while len(run) < 3:
        m = _NOUN_RUN.match(text, at, stop)
        if m is None or m.group(1).lower() in stops:
            break
        run.append((m.group(1), m.end()))
        at = m.end()
    if not run:
        return None
    nouns = [(w, e) for i, (w, e) in enumerate(run) if i == 0 or not w.lower().endswith(("ed", "ing"))]
    plural = [(w, e) for w, e in nouns if w.lower().rstrip("'").endswith("s") and not w.isupper()]
    word, word_end = (plural or nouns)[-1]
    word = word.strip("'")
    if word.isupper():
        return None
    return word.lower(), word_end


def _passages(layout: Layout, start: int, end: int, period_end: int) -> list[Passage]:
    """The passages of a figure with its period phrase, then those without it."""
    found = passages(layout, start, max(end, period_end))
    return found + [p for p in passages(layout, start, end) if p not in found] if period_end > end else found


def _is_year(value: Decimal, written: str) -> bool:
    return value == value.to_integral() and 1800 <= value <= 2100 and re.fullmatch(r"\d{4}", written) is not None


def _changes(text: str, sentence: Span) -> dict[int, str]:
    """Notes for the ends of changes in a sentence, by the offset of each end."""
    notes: dict[int, str] = {}
    body = text[sentence.start:sentence.end]
    verbs = words("change_verbs")
    found: list[Quantity | Percent] = [*quantities(body), *percents(body)]
    found.sort(key=lambda q: q.start)
    for i, q in enumerate(found):
        before = body[max(0, q.start - 40):q.start].lower().split()
        if len(before) >= 1 and before[-1] == "from" and any(w in verbs for w in before[-4:-1]):
            later = [r for r in found[i + 1:] if body[q.end:r.start].strip() == "to"]
            earlier = [r for r in found[:i] if r.end <= q.start]
            if later:
                target = later[0]
            elif before[-2:-1] in (["up"], ["down"]) and earlier:
                target = earlier[-1]
            else:
                continue
            note = f"change: from {q.text} to {target.text}"
            notes[sentence.start + q.start] = notes[sentence.start + target.start] = note
    return notes


@dataclass
class _Reading:
    """One sentence being read: where it is, the spans already taken, the changes it states."""

    layout: Layout
    sentence: Span
    source_id: str
    dates: list[tuple[int, int]]
    notes: dict[int, str]
    taken: list[tuple[int, int]] = field(default_factory=list)

    @property
    def body(self) -> str:
        return self.layout.text[self.sentence.start:self.sentence.end]

    def take(self, start: int, end: int) -> bool:
        """Claim ``start:end`` of the sentence for one figure; False if a date or a figure has it."""
        if any(s < end and start < e for s, e in self.dates + self.taken):
            return False
        self.taken.append((start, end))
        return True

    def draft(self, kind: str, fields: dict[str, Any], start: int, end: int, found: str,
              period_end: int | None = None) -> Draft:
        """The draft of a figure at sentence offsets ``start:end``, with and without its period."""
        start, end = self.sentence.start + start, self.sentence.start + end
        period, phrase_end = _period(self.layout.text, self.layout.clause_at(start), start)
        variants = [{**fields, "period": period}, fields] if period and period_end is not None else [fields]
        passages_ = _passages(self.layout, start, end, phrase_end if period_end is not None else end)
        return Draft(kind, self.source_id, variants, passages_, start, end, found, _about(self.layout, start, end),
                     self.notes.get(start))


def figure_drafts(layout: Layout, source_id: str, published: dt.date | None) -> Iterator[Draft]:
    """Every money amount, percentage, count with its noun and range in the source, as drafts."""
    for sentence in layout.sentences:
        if layout.is_link(sentence):
            continue
        body = layout.text[sentence.start:sentence.end]
        reading = _Reading(layout, sentence, source_id, [(m.start, m.end) for m in dates(body, published)],
                           _changes(layout.text, sentence))
        yield from _ranges(reading)
        yield from _percents(reading)
        yield from _amounts(reading)
        yield from _counts(reading)


def _ranges(reading: _Reading) -> Iterator[Draft]:
    at = reading.sentence.start
    for r in ranges(reading.body):
        if r.unit is None or any(at + r.start <= note < at + r.end for note in reading.notes):
            continue                                   # a change, not a range
        if reading.take(r.start, r.end):
            fields = {"low": plain_number(r.low), "high": plain_number(r.high), "unit": r.unit}
            yield reading.draft("range", fields, r.start, r.end, format_range(r.low, r.high, r.unit))


def _percents(reading: _Reading) -> Iterator[Draft]:
    skip = words("id_stop_words") | words("reference_words")
    for p in percents(reading.body):
        if not reading.take(p.start, p.end):
            continue
        fields: dict[str, Any] = {"value": plain_number(p.value)}
        if p.points:
            fields["unit"] = "percentage points"
        noun = _NOUN_RUN.match(reading.body, p.end)
        end = noun.end() if noun and noun.group(1).lower() not in skip else p.end   # "a 5.2% increase"
        yield reading.draft("percent", fields, p.start, end, format_percent(p.value, p.points), p.end)


def _amounts(reading: _Reading) -> Iterator[Draft]:
    for q in quantities(reading.body):
        if q.unit is None or not (is_money(q) or q.value != q.value.to_integral()):
            continue                                   # whole numbers of things are counts
        if reading.take(q.start, q.end):
            fields = {"value": plain_number(q.value), "unit": q.unit}
            yield reading.draft("amount", fields, q.start, q.end, format_quantity(q.value, q.unit), q.end)


def _counts(reading: _Reading) -> Iterator[Draft]:
    body, refs = reading.body, words("reference_words")
    for c in counts(body):
        if c.value <= 1 or _is_year(Decimal(c.value), c.text) or body[c.end:c.end + 1] == "-":
            continue                                   # "one", "2024", "two-way", "a three-year plan"
        previous = body[:c.start].split()
        unit = _unit_after(body, c.end, len(body))
        if (previous and previous[-1].lower() in refs) or unit is None or unit[0] in words("time_units") \
                or (c.value <= 3 and unit[0] in words("reference_nouns")):
            continue                                   # "the two sides", "10 am", "two nations"
        if reading.take(c.start, unit[1]):
            yield reading.draft("count", {"value": c.value, "unit": unit[0]}, c.start, unit[1],
                                f"{c.text} {unit[0]}", unit[1])


def _about(layout: Layout, start: int, end: int) -> str:
    """The subject words of the figure at ``start:end`` (its id and its comparison with facts use them)."""
    subject = figure_subject(layout, start)
    return subject if subject and subject_words(subject) else _around(layout, start, end)


def _around(layout: Layout, start: int, end: int) -> str:
    """The words of a figure's clause without the figure and reporting verbs, when its sentence has no subject."""
    clause = layout.clause_at(start)
    words_ = f"{layout.text[clause.start:start]} {layout.text[end:clause.end]}".split()
    return " ".join(w for w in words_ if w.lower() not in words("reporting_verbs"))
