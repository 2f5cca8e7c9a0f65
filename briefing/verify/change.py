"""Changes and the role of a figure: "from 25% to 100% in 2024", "up from $6.9 billion", "doubled to".

:func:`find_changes` reads the change expressions of a quote: ``from A to B``
(after "rose", "increase", ...), ``B, up/down from A`` and ``doubled``,
``tripled``, ``quadrupled`` or ``halved`` ``to B`` (A is then B over the
factor). :func:`support_change` proves a ``change`` fact (``from``, ``to``,
``unit``, optional ``from_period`` and ``period``) against them, and
:func:`figure_role_problems` refuses an amount, percent or count whose only
figure in the quote is the value *before* a change, given for the year of the
value after it (25% for 2024 in "will increase from 25% to 100% in 2024").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from briefing.load.model import field_of
from briefing.text.figures import plain_number
from briefing.text.quantities import figures_in, find_percents, find_quantities, find_ranges, unit_matches
from briefing.verify.rules import Context, Problem

if TYPE_CHECKING:
    from briefing.load.model import ChangeFact, Fact

_FACTORS = {"double": Decimal(2), "doubled": Decimal(2), "doubles": Decimal(2), "doubling": Decimal(2),
            "triple": Decimal(3), "tripled": Decimal(3), "triples": Decimal(3), "tripling": Decimal(3),
            "quadruple": Decimal(4), "quadrupled": Decimal(4), "quadruples": Decimal(4), "quadrupling": Decimal(4),
            "halve": Decimal("0.5"), "halved": Decimal("0.5"), "halves": Decimal("0.5"), "halving": Decimal("0.5")}
_FACTOR = re.compile(r"\b(" + "|".join(_FACTORS) + r")\s+(?:[\w-]+\s+){0,3}?to\s+$", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"^\s*(?:in|for|by|during|over)?\s*(?:fiscal\s+(?:year\s+)?|FY\s?)?((?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class Change:
    """One change expression: the value before and after, the figures' texts and offsets, the years."""

    before: Decimal
    after: Decimal
    text: str
    start: int
    end: int
    before_start: int | None
    before_year: int | None
    after_year: int | None


def _unit_at(quote: str, start: int, end: int) -> str | None:
    """"percent", a currency code or noun, or None, of the figure at these offsets."""
    if any(p.start <= start < p.end for p in find_percents(quote)):
        return "percent"
    ranges = [r for r in find_ranges(quote) if r.start <= start < r.end]
    if ranges:
        return ranges[0].unit
    found = [q for q in find_quantities(quote) if q.start <= start < q.end]
    return found[0].unit if found else None


def _year_after(quote: str, end: int) -> int | None:
    match = _YEAR_AFTER.match(quote[end:end + 24])
    return int(match.group(1)) if match else None


_CUES = re.compile(r"\bfrom\b|doubl|tripl|quadrupl|halv", re.IGNORECASE)


def find_changes(quote: str) -> list[Change]:
    """The change expressions of a normalised quote."""
    if not _CUES.search(quote):
        return []
    figures = [f for f in figures_in(quote) if not re.fullmatch(r"(?:19|20)\d\d", f.text)]
    found: list[Change] = []
    for a, b in zip(figures, figures[1:]):
        if a.start == b.start and a.text.lower().startswith("from "):   # read as one range, "from 25% to 100%"
            found.append(Change(a.value, b.value, a.text, a.start, a.end, a.start, None, _year_after(quote, a.end)))
            continue
        between, lead = quote[a.end:b.start], quote[max(0, a.start - 12):a.start]
        if between.strip() in ("to", "and") and re.search(r"\b(?:from|between)\s+$", lead, re.IGNORECASE):
            found.append(Change(a.value, b.value, quote[a.start:b.end], a.start, b.end, a.start,
                                _year_after(quote, a.end) if between.strip() != "to" else None,
                                _year_after(quote, b.end)))
    for a, b in zip(figures, figures[1:]):
        between = quote[a.end:b.start]
        if re.search(r"\b(?:up|down|rising|falling|increasing|decreasing|compared)\s+(?:with\s+|to\s+)?from\s+"
                     r"(?:around\s+|about\s+|an estimated\s+|some\s+|nearly\s+)?$|\bup from\s+\S*\s*$", between) \
                and ";" not in between and ". " not in between:
            found.append(Change(b.value, a.value, quote[a.start:b.end], a.start, b.end, b.start,
                                _year_after(quote, b.end), _year_after(quote, a.end)))
    for figure in figures:
        factor = _FACTOR.search(quote[max(0, figure.start - 60):figure.start])
        if factor:
            word = factor.group(1).lower()
            found.append(Change(figure.value / _FACTORS[word], figure.value,
                                quote[figure.start - len(factor.group()):figure.end], figure.start - len(factor.group()),
                                figure.end, None, None, _year_after(quote, figure.end)))
    return found


def _same_unit(fact_unit: str, quote: str, change: Change) -> bool:
    stated = _unit_at(quote, change.end - 1, change.end) or _unit_at(quote, change.start, change.end)
    if fact_unit in ("percent", "%"):
        return stated == "percent"
    figures = [f for f in figures_in(quote) if change.start <= f.start < change.end]
    return any(unit_matches(fact_unit, _unit_at(quote, f.start, f.end)) for f in figures) or \
        unit_matches(fact_unit, stated)


def support_change(fact: ChangeFact, ctx: Context) -> list[Problem]:
    """A change: the quote states the move from ``from`` to ``to`` in ``unit``, with its years when given."""
    changes = find_changes(ctx.quote)
    equal = [c for c in changes if c.before == fact.from_ and c.after == fact.to]
    if not equal:
        said = ", ".join(f"'{c.text}' ({plain_number(c.before)} to {plain_number(c.after)})" for c in changes)
        return [Problem("change-not-in-quote", f"the quote states no change from {plain_number(fact.from_)} to "
                        f"{plain_number(fact.to)} {fact.unit}; " + (f"it says {said}" if said else
                        "it states no change (\"from X to Y\", \"up from X\", \"doubled to Y\")"), "from")]
    fitting = [c for c in equal if _same_unit(fact.unit, ctx.quote, c)]
    if not fitting:
        return [Problem("unit-not-in-quote", f"the quote states '{equal[0].text}', not in {fact.unit}", "unit")]
    problems = []
    for name, attr in (("period", "after_year"), ("from_period", "before_year")):
        year = field_of(fact, name, None)
        if year is None:
            continue
        stated = [getattr(c, attr) for c in fitting if getattr(c, attr) is not None]
        if year not in stated and (stated or not re.search(rf"\b{year}\b", ctx.quote)):
            said = f"the quote gives {', '.join(map(str, stated))}" if stated else "the quote does not state it"
            problems.append(Problem("period-not-in-quote", f"{name} {year} is not the year of that value; {said}",
                                    name))
    return problems


def figure_role_problems(fact: Fact, quote: str) -> list[Problem]:
    """An amount, percent or count whose figure is only the value before a change, given the year after it."""
    period, value = field_of(fact, "period", None), field_of(fact, "value", None)
    if fact.kind not in ("amount", "percent", "count") or period is None or value is None:
        return []
    changes = find_changes(quote)
    befores = [c for c in changes if c.before == Decimal(value) and c.before_start is not None]
    if not befores:
        return _other_year(fact, quote, period, Decimal(value)) if fact.kind == "percent" else []
    equal = [f for f in figures_in(quote) if Decimal(f.value) == Decimal(value)]
    if not equal or len(equal) > len(befores):
        return []
    if any(c.before_year == period for c in befores) or not any(c.after_year == period for c in befores):
        return []
    change = befores[0]
    return [Problem("figure-role-differs", f"in the quote {plain_number(Decimal(value))} is the value before the "
                    f"change ('{change.text}'); the {period} value is {plain_number(change.after)}: state that value, "
                    "or make the fact a `change` (from, to)", "value")]


def _other_year(fact: Fact, quote: str, period: int, value: Decimal) -> list[Problem]:
    """A percentage the quote gives for another year ("50% in 2026 and 100% in 2027": 50% is not 2027's).

    Only where every such figure carries its own year ("in 2026", "by 2026")
    and the fact's year is another figure's; a growth rate "over 2023"
    carries none. (Amounts and counts take the nearest year in their own rule.)
    """
    percents = [f for f in find_percents(quote)]
    equal = [f for f in percents if f.value == value]
    years = {f.start: _year_after(quote, f.end) for f in percents}
    if not equal or any(years[f.start] in (None, period) for f in equal):
        return []
    owners = [f for f in percents if years[f.start] == period]
    if not owners:
        return []
    return [Problem("figure-role-differs", f"in the quote {equal[0].text} is for {years[equal[0].start]}; the "
                    f"{period} figure is {owners[0].text}: state that figure, or correct the period", "value")]
