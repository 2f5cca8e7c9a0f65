"""The verifier's readers of figures and dates, as `suggest` and `coverage` use them.

Suggestions are read with exactly the code that proves facts
(:mod:`briefing.text.quantities`, :mod:`briefing.text.dates`), so a suggested
value is what the check will read in its quote. This module is the one place
the suggestion finders meet those readers: what they return, which of it is
money, and how units compare.
"""
from __future__ import annotations

import datetime as dt

from briefing.text.currencies import currency_codes
from briefing.text.dates import DateMention, find_dates
from briefing.text.quantities import (
    Count,
    Percent,
    Quantity,
    Range,
    find_counts,
    find_percents,
    find_quantities,
    find_ranges,
    parse_value,
)
from briefing.text.units import canonical_unit

__all__ = ["Count", "DateMention", "Percent", "Quantity", "Range", "counts", "dates", "is_money", "parse_value",
           "percents", "quantities", "ranges", "reading", "unit_key"]


def quantities(text: str) -> list[Quantity]:
    """Money and quantity expressions of a normalised text that were read whole."""
    return [q for q in find_quantities(text) if q.value is not None and not q.unread]


def percents(text: str) -> list[Percent]:
    """Percentages and percentage points read whole."""
    return [p for p in find_percents(text) if p.value is not None]


def ranges(text: str) -> list[Range]:
    """Ranges with both bounds."""
    return find_ranges(text)


def counts(text: str) -> list[Count]:
    """Whole numbers in digits or words."""
    return find_counts(text)


def dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression of one sentence, resolved against ``published``."""
    return find_dates(text, published)


def is_money(quantity: Quantity) -> bool:
    """Whether a quantity is money (it is in one currency or several that its sign may name)."""
    return bool(quantity.codes)


def unit_key(unit: object) -> str | None:
    """A unit as compared across facts: its currencies' ISO codes, else its head noun ("working groups" -> "group")."""
    if unit is None:
        return None
    codes = currency_codes(str(unit))
    return "/".join(sorted(codes)) if codes else canonical_unit(str(unit)).split(" ")[-1]


def reading(mention: DateMention) -> str | None:
    """The reader's own account of how it read a relative date ("the latest Friday on or before publication")."""
    return mention.note
