"""Support rules for figures: amounts, percentages, counts and ranges (the spec's table, one rule per kind).

A figure proves its fact only when the whole expression was read: a quantity
with an unread part ("Z$ 5 million", "a third of a billion") proves nothing,
and the finding names that part. Words that say "many" without a number
("dozens", "hundreds of") are named in the finding as the reason.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

from briefing.load.model import field_of
from briefing.text.dates import find_dates
from briefing.text.figures import plain_number
from briefing.text.numwords import find_vague
from briefing.text.currencies import currency_codes
from briefing.text.quantities import Quantity, find_counts, find_percents, find_quantities, find_ranges, unit_matches
from briefing.text.words import has_unit
from briefing.verify.context import Context, Problem

if TYPE_CHECKING:
    from briefing.load.model import AmountFact, CountFact, Fact, PercentFact, RangeFact


def _says(items: list[Any], what: str) -> str:
    readable = [item for item in items if getattr(item, "unread", None) is None]
    with_unit = [item for item in readable if getattr(item, "unit", True) is not None]
    texts = list(dict.fromkeys(item.text for item in (with_unit or readable)))
    return f"the quote says {', '.join(texts)}" if texts else f"the quote states no {what}"


def _vague(quote: str) -> str:
    words = find_vague(quote)
    if not words:
        return ""
    listed = ", ".join(f"\"{w}\"" for w in words)
    return f"; {listed} states no exact number, so it proves none"


def unread_problems(found: Iterable[Quantity], value: Any) -> list[Problem]:
    """A finding for each figure of the quote that may be ``value`` but was not read whole."""
    problems = []
    for q in found:
        if q.unread is None or (q.value is not None and q.value != value):
            continue
        if q.unread.endswith("$"):
            why = f"{q.unread} is not a currency this fact can be checked against"
        elif q.unread == q.text or q.value is None:
            why = f"\"{q.unread}\" is not an exact number"
        else:
            why = f"\"{q.unread}\" after the number is not understood"
        problems.append(Problem("figure-not-understood", f"the quote says \"{q.text}\": {why}; a figure read only "
                                "in part proves nothing", "value"))
    return problems


_YEAR = re.compile(r"(?<![\d.,])\d{4}(?![\d,]\d|\d)")


def _period(fact: Fact, ctx: Context, figures: Iterable[Any] = ()) -> list[Problem]:
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


def support_amount(fact: AmountFact, ctx: Context) -> list[Problem]:
    """An amount: a money/quantity expression equal to value, in unit; the period in the quote."""
    found = find_quantities(ctx.quote, words=False)      # the cheap scan first: most figures are digits
    equal = [q for q in found if q.value == fact.value and q.unread is None]
    if not equal:
        found = find_quantities(ctx.quote)
        equal = [q for q in found if q.value == fact.value and q.unread is None]
    problems: list[Problem] = []
    if not equal:
        unread = unread_problems(found, fact.value)
        if unread:
            return unread
        problems.append(Problem("value-not-in-quote", f"value {plain_number(fact.value)} {fact.unit} is not in "
                                f"the quote; {_says(found, 'amount')}{_vague(ctx.quote)}", "value"))
    elif not any(unit_matches(fact.unit, q) for q in equal):
        stated = ", ".join(f"{q.text} ({q.unit or 'no unit'})" for q in equal)
        problems.append(Problem("unit-not-in-quote", f"the quote states {stated}, not {fact.unit}", "unit"))
    return problems + _period(fact, ctx, [q for q in equal if unit_matches(fact.unit, q)])


def support_percent(fact: PercentFact, ctx: Context) -> list[Problem]:
    """A percentage equal to value; percentage points or basis points when the unit says so (50 bp = 0.5 points)."""
    points = fact.unit in ("percentage points", "basis points")
    target = fact.value / 100 if fact.unit == "basis points" else fact.value
    if any(p.value == target and p.points == points for p in find_percents(ctx.quote, words=False)):
        return _period(fact, ctx)
    found = find_percents(ctx.quote)
    if any(p.value == target and p.points == points for p in found):
        return _period(fact, ctx)   # a change "over 2023" may name either year: any year of the quote will do
    what = {"percentage points": f"{plain_number(fact.value)} percentage points",
            "basis points": f"{plain_number(fact.value)} basis points"}.get(fact.unit, f"{plain_number(fact.value)}%")
    other = [p for p in found if p.value == target]
    if other:
        kind = "percentage points" if other[0].points else "a percentage"
        return [Problem("value-not-in-quote", f"value {what} is not in the quote; the quote says {other[0].text}, "
                        f"which is {kind}", "value"), *_period(fact, ctx)]
    return [Problem("value-not-in-quote", f"value {what} is not in the quote; {_says(found, 'percentage')}"
                    f"{_vague(ctx.quote)}", "value"), *_period(fact, ctx)]


# Up to four words after a number, stopping at clause punctuation or a full stop (not the dot of "U.S. troops").
_AFTER_NUMBER = re.compile(r"(?:[\s-]+(?:[^\s,.;:!?()\"]|\.(?!\s+[A-Z]|\s*$))+){1,4}")


def _counted(quote: str, end: int, unit: str) -> bool:
    """Whether ``unit`` is what the number ending at ``end`` counts: named within four words after it, in the
    same clause."""
    after = _AFTER_NUMBER.match(quote, end)
    return after is not None and has_unit(after.group(), unit)


def support_count(fact: CountFact, ctx: Context) -> list[Problem]:
    """A count: the number in digits or words, followed by its unit noun ("26 dead", "eight UNSC terms").

    A number inside a date ("April 22") is not a count, and the unit must be
    what that number counts, not a noun elsewhere in the quote.
    """
    in_dates = [(m.start, m.end) for m in find_dates(ctx.quote, ctx.published)]
    found = [c for c in find_counts(ctx.quote, words=False) if not any(s <= c.start < e for s, e in in_dates)]
    equal = [c for c in found if c.value == fact.value]
    if not equal or not any(_counted(ctx.quote, c.end, fact.unit) for c in equal):
        found = [c for c in find_counts(ctx.quote) if not any(s <= c.start < e for s, e in in_dates)]
        equal = [c for c in found if c.value == fact.value]
    problems: list[Problem] = []
    if not equal:
        unread = unread_problems(find_quantities(ctx.quote), fact.value)
        if unread:
            return unread
        problems.append(Problem("value-not-in-quote", f"value {fact.value} is not in the quote; "
                                f"{_says(found, 'number')}{_vague(ctx.quote)}", "value"))
    elif not any(_counted(ctx.quote, c.end, fact.unit) for c in equal):
        said = " or ".join(dict.fromkeys(f"\"{c.text}\"" for c in equal))
        if has_unit(ctx.quote, fact.unit):
            message = (f"the quote names \"{fact.unit}\" but not as what {said} counts: the unit must follow the "
                       "number in the same clause, within four words (\"26 dead\", \"eight UNSC terms\")")
        else:
            message = f"the unit \"{fact.unit}\" is not in the quote"
        problems.append(Problem("unit-not-in-quote", message, "unit"))
    return problems + _period(fact, ctx, [c for c in equal if _counted(ctx.quote, c.end, fact.unit)])


def support_range(fact: RangeFact, ctx: Context) -> list[Problem]:
    """A range expression with both bounds, in the fact's unit ("$6-8 trillion", "44 mg to 50 mg")."""
    found = find_ranges(ctx.quote)
    equal = [r for r in found if r.low == fact.low and r.high == fact.high]
    if not equal:
        return [Problem("range-not-in-quote", f"range {plain_number(fact.low)}-{plain_number(fact.high)} "
                        f"{fact.unit} is not in the quote; {_says(found, 'range')}", "low")]
    if not any(unit_matches(fact.unit, r) or _range_counts(ctx.quote, r, fact.unit) for r in equal):
        stated = ", ".join(f"{r.text} ({r.unit or 'no unit'})" for r in equal)
        return [Problem("unit-not-in-quote", f"the quote states {stated}, not {fact.unit}", "unit")]
    return []


def _range_counts(quote: str, found: Any, unit: str) -> bool:
    """Whether a range of plain numbers counts ``unit``, named within four words after its high bound.

    The range reader keeps one noun ("4,000 to 6,000 product lines" reads
    *product*); a unit of several words is found the way a count's is.
    """
    if currency_codes(unit) or found.codes:
        return False
    last = max((i for i in range(found.start, found.end) if quote[i].isdigit()), default=None)
    return last is not None and _counted(quote, last + 1, unit)
