"""Calendar vocabulary and values shared by the date readers: month and weekday names, mentions,
and dates of month or year precision (``date: 2025-06`` and ``date: 2025`` in a fact).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Literal

Precision = Literal["day", "month", "year"]

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_ABBR = [w[:3] for w in WEEKDAYS]

# (start, end, date, precision, relative, note): one possible reading of a span of text.
Candidate = tuple[int, int, "dt.date | None", Precision, bool, "str | None"]


def month_names(words: list[str]) -> str:
    """A regex alternation of names, capitalised or in capitals only ("may" the verb is not a month)."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join([w.capitalize() for w in ordered] + [w.upper() for w in ordered])


def any_case(words: list[str]) -> str:
    """A regex alternation of words in lower case, capitalised or in capitals."""
    return "|".join([w for w in words] + [w.capitalize() for w in words] + [w.upper() for w in words])


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text.

    ``date`` is None when it needs a publication date and has none, or when it
    cannot be read whole; ``note`` then says why (or, for a relative
    expression, which reading was used).
    """

    text: str
    start: int
    end: int
    date: dt.date | None
    precision: Precision
    relative: bool
    note: str | None = None


class MonthDate(dt.date):
    """A date known to the month only (``date: 2025-06``); its day is 1 and is never printed."""

    precision: Precision = "month"

    def isoformat(self) -> str:
        """``YYYY-MM``."""
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat


class YearDate(dt.date):
    """A date known to the year only (``date: 2025``)."""

    precision: Precision = "year"

    def isoformat(self) -> str:
        """``YYYY``."""
        return f"{self.year:04d}"

    __str__ = isoformat


def precision_of(d: dt.date) -> Precision:
    """"day", or "month"/"year" for a :class:`MonthDate`/:class:`YearDate`."""
    return getattr(d, "precision", "day")


_MONTH_ISO = re.compile(r"(\d{4})-(\d{2})")


def parse_fact_date(raw: Any) -> dt.date:
    """A fact's ``date``: an ISO day (2025-06-05), a month (2025-06) or a year (2025)."""
    if isinstance(raw, dt.datetime):
        raise ValueError("expected a date such as 2025-06-05, 2025-06 or 2025, not a time")
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= 9999:
        return YearDate(raw, 1, 1)
    if isinstance(raw, str):
        text = raw.strip()
        if text.isdigit() and len(text) == 4:
            return YearDate(int(text), 1, 1)
        if m := _MONTH_ISO.fullmatch(text):
            if 1 <= int(m[2]) <= 12:
                return MonthDate(int(m[1]), int(m[2]), 1)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"expected a date such as 2025-06-05, a month such as 2025-06 or a year such as 2025, "
                     f"got {raw!r}")


def format_date(d: dt.date) -> str:
    """Print a date the way the briefing does: "July 25, 2025", "June 2025" or "2025" by its precision."""
    precision = precision_of(d)
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return f"{d:%B} {d.year}"
    return f"{d:%B} {d.day}, {d.year}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when there is no such day."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def shift_month(d: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after (or before) ``d``'s month."""
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def within_calendar(compute: Callable[..., dt.date], *args: Any) -> dt.date | None:
    """``compute(*args)``, or None when the result would fall outside years 1-9999."""
    try:
        return compute(*args)
    except (OverflowError, ValueError):
        return None
