"""Does a found quote support its fact? One rule per kind, as the spec's table.

Each rule returns the problems it found as :class:`Problem` values (a code,
a message that says what the quote does say, and the field at fault); the
verifier turns them into findings at that field's line.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from briefing.text.normalize import normalize
from briefing.text.dates import find_dates, format_date
from briefing.text.figures import plain_number
from briefing.load.model import Person, field_of
from briefing.text.numwords import find_counts
from briefing.text.quantities import find_percents, find_quantities, find_ranges, unit_matches
from briefing.text.words import has_any, has_phrase, has_unit


@dataclass(frozen=True, slots=True)
class Problem:
    """A reason a quote does not support its fact."""

    code: str
    message: str
    field: str | None = None


@dataclass
class Context:
    """What a rule may look at besides the fact and the quote."""

    quote: str                                   # normalised quote
    published: dt.date | None                    # the source's published date
    source_id: str
    paragraph: Callable[[], str]                 # the normalised paragraph of the match
    people: dict[str, Person]


def names(person: Person) -> list[str]:
    """A person's full name and aliases."""
    return [person.name, *person.aliases]


def _says(items: list[Any], what: str) -> str:
    with_unit = [item for item in items if getattr(item, "unit", True) is not None]
    texts = list(dict.fromkeys(item.text for item in (with_unit or items)))
    return f"the quote says {', '.join(texts)}" if texts else f"the quote states no {what}"


_YEAR = re.compile(r"(?<![\d.,])\d{4}(?![\d,]\d|\d)")


def _period(fact: Any, ctx: Context, figures: Iterable[Any] = ()) -> list[Problem]:
    """The period is in the quote, and it is the year of the figure when the quote gives several years.

    In "$7.3 billion in 2024, up from $6.9 billion in 2023" the 2024 belongs to
    $7.3 billion: of the quote's years, a figure takes the nearest one(s).
    """
    period = field_of(fact, "period", None)
    if period is None:
        return []
    years = [(m.start(), m.end(), int(m.group())) for m in _YEAR.finditer(ctx.quote)
             if int(m.group()) == period or m.group()[:2] in ("18", "19", "20")]
    if not any(year == period for _, _, year in years):
        listed = sorted({str(year) for _, _, year in years})
        said = f"it mentions {', '.join(listed)}" if listed else "it mentions no year"
        return [Problem("period-not-in-quote", f"period {period} is not in the quote; {said}", "period")]
    nearest: dict[str, set[int]] = {}
    for figure in figures:
        others = [(max(start - figure.end, figure.start - end), year) for start, end, year in years
                  if end <= figure.start or start >= figure.end]
        if len({year for _, year in others}) > 1:
            closest = min(gap for gap, _ in others)
            nearest.setdefault(figure.text, set()).update(year for gap, year in others if gap == closest)
        else:
            return []
    if not nearest or any(period in found for found in nearest.values()):
        return []
    said = "; ".join(f"{text} is for {', '.join(map(str, sorted(found)))}" for text, found in nearest.items())
    return [Problem("period-not-in-quote", f"in the quote {said}, not {period}: cite the figure of {period} "
                    "or correct the period", "period")]


def support_amount(fact: Any, ctx: Context) -> list[Problem]:
    """An amount: a money/quantity expression equal to value, in unit; the period in the quote."""
    found = find_quantities(ctx.quote)
    equal = [q for q in found if q.value == fact.value]
    problems: list[Problem] = []
    if not equal:
        problems.append(Problem("value-not-in-quote", f"value {plain_number(fact.value)} {fact.unit} is not in "
                                f"the quote; {_says(found, 'amount')}", "value"))
    elif not any(unit_matches(fact.unit, q.unit) for q in equal):
        stated = ", ".join(f"{q.text} ({q.unit or 'no unit'})" for q in equal)
        problems.append(Problem("unit-not-in-quote", f"the quote states {stated}, not {fact.unit}", "unit"))
    return problems + _period(fact, ctx, [q for q in equal if unit_matches(fact.unit, q.unit)])


def support_percent(fact: Any, ctx: Context) -> list[Problem]:
    """A percentage equal to value (percentage points when the unit says so)."""
    found = find_percents(ctx.quote)
    points = fact.unit == "percentage points"
    if any(p.value == fact.value and p.points == points for p in found):
        return _period(fact, ctx)   # a change "over 2023" may name either year: any year of the quote will do
    what = f"{plain_number(fact.value)} percentage points" if points else f"{plain_number(fact.value)}%"
    return [Problem("value-not-in-quote", f"value {what} is not in the quote; {_says(found, 'percentage')}",
                    "value"), *_period(fact, ctx)]


# Up to four words after a number, stopping at clause punctuation or a full stop (not the dot of "U.S. troops").
_AFTER_NUMBER = re.compile(r"(?:[\s-]+(?:[^\s,.;:!?()\"]|\.(?!\s+[A-Z]|\s*$))+){1,4}")


def _counted(quote: str, count: Any, unit: str) -> bool:
    """Whether ``unit`` is what ``count`` counts: named within four words after it, in the same clause."""
    after = _AFTER_NUMBER.match(quote, count.end)
    return after is not None and has_unit(after.group(), unit)


def support_count(fact: Any, ctx: Context) -> list[Problem]:
    """A count: the number in digits or words, followed by its unit noun ("26 dead", "eight UNSC terms").

    A number inside a date ("April 22") is not a count, and the unit must be
    what that number counts, not a noun elsewhere in the quote.
    """
    in_dates = [(m.start, m.end) for m in find_dates(ctx.quote, ctx.published)]
    found = [c for c in find_counts(ctx.quote) if not any(s <= c.start < e for s, e in in_dates)]
    equal = [c for c in found if c.value == fact.value]
    problems: list[Problem] = []
    if not equal:
        problems.append(Problem("value-not-in-quote", f"value {fact.value} is not in the quote; "
                                f"{_says(found, 'number')}", "value"))
    elif not any(_counted(ctx.quote, c, fact.unit) for c in equal):
        said = " or ".join(dict.fromkeys(f"\"{c.text}\"" for c in equal))
        if has_unit(ctx.quote, fact.unit):
            message = (f"the quote names \"{fact.unit}\" but not as what {said} counts: the unit must follow the "
                       "number in the same clause, within four words (\"26 dead\", \"eight UNSC terms\")")
        else:
            message = f"the unit \"{fact.unit}\" is not in the quote"
        problems.append(Problem("unit-not-in-quote", message, "unit"))
    return problems + _period(fact, ctx, [c for c in equal if _counted(ctx.quote, c, fact.unit)])


def support_range(fact: Any, ctx: Context) -> list[Problem]:
    """A range expression with both bounds, in the fact's unit."""
    found = find_ranges(ctx.quote)
    equal = [r for r in found if r.low == fact.low and r.high == fact.high]
    if not equal:
        return [Problem("range-not-in-quote", f"range {plain_number(fact.low)}-{plain_number(fact.high)} "
                        f"{fact.unit} is not in the quote; {_says(found, 'range')}", "low")]
    if not any(unit_matches(fact.unit, r.unit) for r in equal):
        stated = ", ".join(f"{r.text} ({r.unit or 'no unit'})" for r in equal)
        return [Problem("unit-not-in-quote", f"the quote states {stated}, not {fact.unit}", "unit")]
    return []


def support_date(fact: Any, ctx: Context) -> list[Problem]:
    """A date expression resolving to the date; participants and location named."""
    problems: list[Problem] = []
    mentions = find_dates(ctx.quote, ctx.published)
    if not any(m.date == fact.date and m.precision == "day" for m in mentions):
        unresolved = [m for m in mentions if m.date is None and m.relative]
        if unresolved and ctx.published is None:
            problems.append(Problem("published-missing", f"the quote's date \"{unresolved[0].text}\" is relative "
                                    f"or has no year, and source `{ctx.source_id}` has no `published` date: add "
                                    "the date the article gives, or cite a quote with a full date", "date"))
        else:
            said = ", ".join(f"\"{m.text}\" ({format_date(m.date)})" if m.date else f"\"{m.text}\""
                             for m in mentions) or "no date"
            problems.append(Problem("date-not-in-quote", f"no date in the quote resolves to "
                                    f"{format_date(fact.date)}; the quote says {said}", "date"))
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


_PLACE = re.compile(r"\b(?:in|at|from|to)\s((?:[A-Z][\w'.-]*)(?:\s(?:[A-Z][\w'.-]*))*)")


def support_statement(fact: Any, ctx: Context) -> list[Problem]:
    """The words said inside the quote; the speaker named in the quote or its paragraph."""
    from briefing.verify.quotes import word_differences

    problems: list[Problem] = []
    said = normalize(fact.said).strip()
    if said not in ctx.quote:
        diff = "; ".join(word_differences(said, ctx.quote)[:2])
        problems.append(Problem("said-not-in-quote", f"the words said are not inside the quote ({diff})", "said"))
    person = ctx.people.get(fact.speaker)
    if person is not None and not has_any(ctx.quote, names(person)) and not has_any(ctx.paragraph(), names(person)):
        problems.append(Problem("speaker-not-named", f"the speaker {person.name} ({fact.speaker}) is named neither "
                                "in the quote nor in its paragraph of the source", "speaker"))
    return problems


def support_claim(fact: Any, ctx: Context) -> list[Problem]:
    """A claim: the quote was found; nothing more is checked."""
    return []


RULES: dict[str, Callable[[Any, Context], list[Problem]]] = {
    "amount": support_amount, "percent": support_percent, "count": support_count, "range": support_range,
    "date": support_date, "statement": support_statement, "claim": support_claim,
}


def support_mentions(fact: Any, ctx: Context) -> list[Problem]:
    """Every person in ``mentions`` is named in the quote."""
    problems = []
    for ident in fact.mentions:
        person = ctx.people.get(ident)
        if person is not None and not has_any(ctx.quote, names(person)):
            problems.append(Problem("mention-not-in-quote", f"{person.name} ({ident}) is not named in the quote",
                                    "mentions"))
    return problems


def support_person(person: Person, quote: str) -> list[Problem]:
    """A person's quote names them in full and states every word of the role."""
    from briefing.text.words import missing_words

    problems = []
    if not has_phrase(quote, person.name):
        problems.append(Problem("name-not-in-quote", f"the quote does not name {person.name}", "name"))
    missing = missing_words(quote, person.role)
    if missing:
        problems.append(Problem("role-not-in-quote", f"the quote does not state the role \"{person.role}\": "
                                f"missing {', '.join(repr(w) for w in missing)}", "role"))
    return problems
