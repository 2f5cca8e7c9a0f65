"""Checks across a fact's own fields and across facts.

* The figures and dates printed in a fact's ``text`` must be the fact's own
  values (a text that prints "$7.4 billion" for a value of 7.3 billion, or
  "May 11" for a date of 2025-05-10, is an error).
* Two facts with the same ``metric`` and ``period`` must agree.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from briefing.text.normalize import normalize
from briefing.text.dates import find_dates, format_date
from briefing.text.figures import plain_number
from briefing.load.model import field_of
from briefing.text.numwords import find_counts
from briefing.text.quantities import currency_code, figures_in, find_quantities, find_ranges
from briefing.verify.rules import Problem


def _own_values(fact: Any) -> set[Decimal]:
    values: set[Decimal] = set()
    for name in ("value", "low", "high", "period"):
        value = field_of(fact, name, None)
        if value is not None:
            values.add(Decimal(value))
    if fact.kind == "statement":
        values.update(figure.value for figure in figures_in(normalize(fact.said)))
    return values


def _date_is_own(fact: Any, mention: Any) -> bool:
    """A printed date is the fact's own: its date or as_of (to the precision printed), or in its period."""
    own = [d for d in (field_of(fact, "date", None), fact.as_of) if d is not None]
    if mention.precision == "day":
        return mention.date in own
    if mention.precision == "month":
        return any((d.year, d.month) == (mention.date.year, mention.date.month) for d in own) \
            or mention.date.year == field_of(fact, "period", None)
    return any(d.year == mention.date.year for d in own) or mention.date.year == field_of(fact, "period", None)


def _describe_values(fact: Any) -> str:
    parts = []
    for name in ("value", "low", "high", "period"):
        value = field_of(fact, name, None)
        if value is not None:
            parts.append(f"{name} {plain_number(Decimal(value))}")
    if fact.kind == "date":
        parts.append(f"date {format_date(fact.date)}")
    return ", ".join(parts) or "no figures (a claim or statement prints none outside the words said)"


def _currencies(text: str) -> list[tuple[str, str]]:
    """(printed text, ISO code) of every money expression in a normalised text."""
    printed = [*find_quantities(text), *find_ranges(text)]
    return [(p.text, code) for p in printed
            if p.unit and p.unit.isupper() and (code := currency_code(p.unit)) is not None]


def _currency_problems(fact: Any, text: str) -> list[Problem]:
    """Money printed in the text in another currency than the fact's ("€7.3 billion" for a USD amount)."""
    if fact.kind == "claim":
        return []   # a claim prints no figures at all; text_problems already says so
    unit = field_of(fact, "unit", None) if fact.kind in ("amount", "range") else None
    if fact.kind == "statement":
        allowed = {code for _, code in _currencies(normalize(fact.said))}
        want = "the words said print no such currency"
    else:
        allowed = {currency_code(unit)} - {None} if unit else set()
        want = f"the fact's unit is {unit}" if unit else "the fact states no currency"
    return [Problem("text-disagrees", f"the text prints \"{printed}\" in {code}, but {want}: make the text "
                    "and the fields agree", "text")
            for printed, code in _currencies(text) if code not in allowed]


def text_problems(fact: Any) -> list[Problem]:
    """Figures and dates in ``fact.text`` that are not the fact's own values."""
    text = normalize(fact.text)   # the finders expect normalised text ("$6–8" is "$6-8")
    problems: list[Problem] = []
    covered: list[tuple[int, int]] = []
    # Year-less and relative dates in the text resolve against the fact's own date.
    anchor = field_of(fact, "date") or fact.as_of
    for mention in find_dates(text, anchor):
        covered.append((mention.start, mention.end))
        if mention.date is None:
            continue
        if not _date_is_own(fact, mention):
            problems.append(Problem("text-disagrees", f"the text prints \"{mention.text}\", which is not this "
                                    f"fact's date ({_describe_values(fact)}): make the text and the fields agree",
                                    "text"))
    own = _own_values(fact)
    if fact.kind == "date":
        own.update({Decimal(fact.date.year), Decimal(fact.date.day)})
    figures: list[Any] = list(figures_in(text)) if any(c.isdigit() for c in text) else []
    if fact.kind == "count":
        figures += [c for c in find_counts(text) if not c.text[:1].isdigit()]
    for figure in figures:
        if any(start <= figure.start < end for start, end in covered):
            continue
        if Decimal(figure.value) not in own:
            problems.append(Problem("text-disagrees", f"the text prints \"{figure.text}\", which is not one of "
                                    f"this fact's values ({_describe_values(fact)}): make the text and the "
                                    "fields agree", "text"))
    return problems + _range_problems(fact, text) + _currency_problems(fact, text)


def _range_problems(fact: Any, text: str) -> list[Problem]:
    """A range printed in a range fact's text must have both its bounds: "$8-8 trillion" is not 6-8 trillion.

    A bound that is not one of the fact's values at all is already reported with the other figures.
    """
    if fact.kind != "range":
        return []
    bounds = {fact.low, fact.high}
    return [Problem("text-disagrees", f"the text prints \"{printed.text}\", a range of {plain_number(printed.low)} "
                    f"to {plain_number(printed.high)}, but the fact's range is {plain_number(Decimal(fact.low))} to "
                    f"{plain_number(Decimal(fact.high))}: make the text and the fields agree", "text")
            for printed in find_ranges(text)
            if (printed.low, printed.high) != (fact.low, fact.high) and {printed.low, printed.high} <= bounds]


def _metric_value(fact: Any) -> Any:
    if fact.kind == "range":
        return (fact.low, fact.high)
    if fact.kind == "date":
        return fact.date
    return field_of(fact, "value", None)


def metric_conflicts(facts: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Pairs (earlier id, later id) of facts with one metric and period but different values."""
    first: dict[tuple[str, Any], str] = {}
    for ident, fact in facts.items():
        if fact.metric is None:
            continue
        key = (fact.metric, field_of(fact, "period", None))
        if key not in first:
            first[key] = ident
            continue
        other = facts[first[key]]
        mine, theirs = _metric_value(fact), _metric_value(other)
        if mine != theirs or field_of(fact, "unit", None) != field_of(other, "unit", None):
            yield first[key], ident
