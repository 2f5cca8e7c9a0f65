"""The support rule for dates: a date expression of the quote resolves to the fact's date, at its precision.

A day-precision fact needs a day ("on Friday", "July 25", "two days ago");
a month fact (``date: 2025-06``) a month or a day in it; a year fact a year.
Participants and the location must be named in the quote.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from briefing.text.date_values import precision_of
from briefing.text.dates import DateMention, find_dates, format_date
from briefing.text.words import has_any, has_phrase
from briefing.verify.context import Context, Problem, names

if TYPE_CHECKING:
    from briefing.load.model import DateFact

_PLACE = re.compile(r"\b(?:in|at|from|to)\s((?:[A-Z][\w'.-]*)(?:\s(?:[A-Z][\w'.-]*))*)")


_YEAR = re.compile(r"(?<![\d.,$])\d{4}(?![\d,]\d|\d)")


def _supports(mention: DateMention, fact_date: dt.date) -> bool:
    """Whether a mention states the fact's date at the fact's precision (a day also states its month and year)."""
    if mention.date is None:
        return False
    want = precision_of(fact_date)
    if want == "day":
        return mention.precision == "day" and mention.date == fact_date
    if want == "month":
        return mention.precision in ("day", "month") and (mention.date.year, mention.date.month) == \
            (fact_date.year, fact_date.month)
    return mention.date.year == fact_date.year


def _described(m: DateMention) -> str:
    if m.date is None:
        return f"\"{m.text}\" ({m.note})" if m.note else f"\"{m.text}\""
    shown = format_date(m.date) if m.precision == "day" else (f"{m.date:%B} {m.date.year}" if m.precision == "month"
                                                             else str(m.date.year))
    reading = f", read as {m.note}" if m.note and m.relative else ""
    return f"\"{m.text}\" ({shown}{reading})"


def date_problems(fact_date: dt.date, ctx: Context) -> list[Problem]:
    """Whether the quote states ``fact_date``; the finding lists the quote's dates and the readings used."""
    mentions = find_dates(ctx.quote, ctx.published)
    if any(_supports(m, fact_date) for m in mentions):
        return []
    if precision_of(fact_date) == "year" and any(int(y.group()) == fact_date.year for y in _YEAR.finditer(ctx.quote)):
        return []
    unresolved = [m for m in mentions if m.date is None and m.relative and m.note is None]
    if unresolved and ctx.published is None:
        return [Problem("published-missing", f"the quote's date \"{unresolved[0].text}\" is relative "
                        f"or has no year, and source `{ctx.source_id}` has no `published` date: add "
                        "the date the article gives, or cite a quote with a full date", "date")]
    unread = [m for m in mentions if m.date is None and m.note]
    said = ", ".join(_described(m) for m in mentions) or "no date"
    precise = {"month": " (a month)", "year": " (a year)"}.get(precision_of(fact_date), "")
    if unread and not any(m.date for m in mentions):
        return [Problem("figure-not-understood", f"no date in the quote resolves to {format_date(fact_date)}"
                        f"{precise}: the quote says {said}", "date")]
    return [Problem("date-not-in-quote", f"no date in the quote resolves to {format_date(fact_date)}{precise}; "
                    f"the quote says {said}", "date")]


def support_date(fact: DateFact, ctx: Context) -> list[Problem]:
    """A date expression resolving to the date; participants and location named."""
    problems = date_problems(fact.date, ctx)
    for ident in fact.participants:
        person = ctx.people.get(ident)
        if person is not None and not has_any(ctx.quote, names(person)):
            problems.append(Problem("participant-not-in-quote", f"participant {person.name} ({ident}) is not "
                                    "named in the quote by name or alias", "participants"))
    if fact.location and not has_phrase(ctx.quote, fact.location):
        places = list(dict.fromkeys(m.group(1) for m in _PLACE.finditer(ctx.quote)))
        said = f"the quote names {', '.join(places)}, not {fact.location}" if places else \
            f"the location \"{fact.location}\" is not in the quote"
        problems.append(Problem("location-not-in-quote", said, "location"))
    return problems


