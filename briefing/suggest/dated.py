"""Date expressions in a source as candidate date facts, each saying which rule resolved it.

Dates are read by the verifier's own reader (:mod:`briefing.suggest.readers`),
one sentence at a time against the source's ``published`` date, so the tense
of the sentence decides a weekday as it does in the check. Day and month
expressions are suggested ("last month" as the month date ``date: 2025-07``);
year expressions are listed by `briefing coverage` but not suggested. The dateline
("WASHINGTON, July 26, 2025 -", "Published: April 7, 2025", a line that is only a
date) gives the source its ``published`` date and is not an event.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from briefing.suggest.model import Draft
from briefing.suggest.passages import passages
from briefing.suggest.quotes import Roster
from briefing.suggest.sentences import Layout, Span
from briefing.suggest.readers import DateMention, dates, reading

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATELINE_BEFORE = re.compile(
    r"^(?:[A-Z][A-Z .'-]+,\s?|(?:published|updated|posted|last updated|date)\s?:?\s?(?:on\s)?)$", re.IGNORECASE)
_DATELINE_WORDS = re.compile(r"^(?:[A-Z][A-Z .'-]+,\s?|(?:published|updated|posted|last updated|date)\b)", re.I)


def is_dateline(layout: Layout, sentence: Span, mention: DateMention) -> bool:
    """Whether a date is the source's dateline: alone on its line, after "Published:", or "CITY, date -"."""
    text = layout.text
    paragraph = layout.paragraph_at(sentence.start + mention.start)
    before = text[paragraph.start:sentence.start + mention.start]
    after = text[sentence.start + mention.end:paragraph.end].strip()
    if not before.strip() and (not after or after.startswith("-")):
        return True
    return bool(_DATELINE_BEFORE.match(before)) and (not after or after.startswith("-") or bool(
        _DATELINE_WORDS.match(before)))


def date_rule(mention: DateMention, published: dt.date | None) -> str:
    """How ``mention`` was resolved to its date, in words for the fact's note."""
    assert mention.date is not None
    said = f'"{mention.text}"'
    if not mention.relative:
        return f"{said} is a full date"
    low = mention.text.lower()
    pub = published.isoformat() if published else "?"
    told = reading(mention)
    if told:                                   # the reader says which reading it used
        return f"{said} is {told} (published {pub})"
    weekday = next((w for w in _WEEKDAYS if w in low), None)
    if low in ("today", "yesterday", "tomorrow"):
        return f"{said} counts from the day of publication (published {pub})"
    if weekday and not re.search(r"\d", low):
        name = weekday.capitalize()
        if low.startswith("last "):
            return f"{said} is the latest {name} before publication (published {pub})"
        if low.startswith("next "):
            return f"{said} is the first {name} after publication (published {pub})"
        if published and mention.date > published:
            return (f"{said} is the first {name} on or after publication (the clause is in the future tense) "
                    f"(published {pub})")
        return f"{said} is the latest {name} on or before publication (published {pub})"
    if published and mention.date.year < published.year:
        return (f"{said} has no year: the year before publication, since in {published.year} it would fall "
                f"after it (published {pub})")
    if published and mention.date > published:
        return f"{said} has no year and the clause is in the future tense: the year of publication (published {pub})"
    return f"{said} has no year: the year of publication (published {pub})"


def date_drafts(layout: Layout, source_id: str, published: dt.date | None,
                roster: Roster | None = None) -> Iterator[Draft]:
    """Every date expression that resolves to a day or a month, as a date-fact draft with its rule as the note.

    A month ("next month", "in May") is written ``date: 2025-09``, a month
    date. The people of ``roster``
    named in the date's sentence are its ``participants`` (a variant without
    them is tried next).
    """
    text = layout.text
    for sentence in layout.sentences:
        if layout.is_link(sentence):
            continue
        body = text[sentence.start:sentence.end]
        for mention in dates(body, published):
            if mention.date is None or mention.precision == "year" or is_dateline(layout, sentence, mention):
                continue
            value = mention.date.isoformat()[:10 if mention.precision == "day" else 7]
            start, end = sentence.start + mention.start, sentence.start + mention.end
            clause = layout.clause_at(start)
            words = text[clause.start:start] + text[end:clause.end]
            named = list(dict.fromkeys(r[2] for r in roster.refs(text, sentence.start, sentence.end))) if roster \
                else []
            fields = [{"date": value, "participants": named}, {"date": value}] if named else [{"date": value}]
            yield Draft("date", source_id, fields, passages(layout, start, end), start, end, mention.text, words,
                        date_rule(mention, published))


def date_mentions(layout: Layout, published: dt.date | None) -> Iterator[tuple[int, int, DateMention, bool]]:
    """Every date expression of the source: (start, end, mention, is the dateline), for coverage."""
    for sentence in layout.sentences:
        for mention in dates(layout.text[sentence.start:sentence.end], published):
            yield (sentence.start + mention.start, sentence.start + mention.end, mention,
                   is_dateline(layout, sentence, mention))
