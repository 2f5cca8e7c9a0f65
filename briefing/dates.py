"""Dates in text: absolute, year-less and relative, resolved against a source's publication date.

Relative expressions ("on Friday", "last month", "this August", "May 7")
resolve against ``published``, never against today. A weekday is the latest
such day on or before publication unless the sentence is in the future tense.
Text arrives normalised (NFKC, straight quotes, every dash as "-").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Precision = Literal["day", "month", "year"]

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_FULL_MONTHS = [m for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _names(words: list[str]) -> str:
    # Capitalised or all capitals only: "may" the verb and "march" the noun are not months.
    ordered = sorted(words, key=len, reverse=True)
    return "|".join([w.capitalize() for w in ordered] + [w.upper() for w in ordered])


_ABBREVIATED = [m for m in _MONTHS if m not in _FULL_MONTHS]
# Only abbreviations take a dot: in "in May. 7 people" May is not followed by a day.
_MON = rf"(?P<mon>(?:{_names(_ABBREVIATED)})\b\.?|(?:{_names(_FULL_MONTHS)})\b)"
_FULL = rf"(?P<mon>{_names(_FULL_MONTHS)})\b"
_WD_PREFIX = rf"(?:(?:{_names(_WEEKDAYS + ['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'])})\b\.?,?\s)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![,.]\d)"
_YEAR = r"(?:,?\s(?P<year>\d{4})(?![\d,.]\d|\d))?"
_ISO = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})(?![\d-])")
_MDY = re.compile(rf"{_WD_PREFIX}\b{_MON}\s{_DAY}{_YEAR}")
_DMY = re.compile(rf"{_WD_PREFIX}(?<![\d,.])\b{_DAY}\s(?:of\s)?{_MON}{_YEAR}")
_MONTH_YEAR = re.compile(rf"\b{_MON},?\s(?:of\s)?(?P<year>\d{{4}})(?![\d,.]\d|\d)")
_REL_MONTH = re.compile(rf"\b(?P<q>(?i:last|this|next))\s{_FULL}(?!,?\s\d)")
_IN_MONTH = re.compile(rf"\b(?:(?i:in|since|until|by|during|through|early|late)\s|(?i:mid)-?){_FULL}(?!,?\s(?:of\s)?\d)")
_WEEKDAY = re.compile(rf"\b(?:(?P<q>(?i:last|this|next))\s)?(?P<wd>{_names(_WEEKDAYS)})\b")
_DAY_WORD = re.compile(r"\b(?i:yesterday|today|tomorrow)\b")
_PERIOD = re.compile(r"\b(?P<q>(?i:last|this|next))\s(?P<unit>(?i:month|year))\b")
_FUTURE = re.compile(
    r"\b(?i:will|shall|won't|next|upcoming|(?:is|are)\s(?:set\s|expected\s|due\s)?to|slated|scheduled"
    r"|plans?\sto|going\sto)\b"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text; ``date`` is None when it needs a publication date and has none."""

    text: str
    start: int
    end: int
    date: dt.date | None
    precision: Precision
    relative: bool


def format_date(d: dt.date) -> str:
    """Print a date the way the briefing does: "July 25, 2025"."""
    return f"{d:%B} {d.day}, {d.year}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_of(m: re.Match[str]) -> int:
    return _MONTHS[m["mon"].rstrip(".").lower()]


def _shift_month(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _weekday(wd: int, qualifier: str, published: dt.date, future: bool) -> dt.date:
    back = (published.weekday() - wd) % 7
    ahead = (wd - published.weekday()) % 7
    if qualifier == "last":
        return published - dt.timedelta(days=back or 7)
    if qualifier == "next":
        return published + dt.timedelta(days=ahead or 7)
    return published + dt.timedelta(days=ahead) if future else published - dt.timedelta(days=back)


def _year_less(month: int, day: int, published: dt.date, future: bool) -> dt.date | None:
    # Going back up to eight years lets "February 29" find its leap year.
    for year in range(published.year, published.year - 8, -1):
        d = _safe_date(year, month, day)
        if d is not None and (d <= published or (future and year == published.year)):
            return d
    return None


_Candidate = tuple[int, int, dt.date | None, Precision, bool]


def _candidates(text: str, published: dt.date | None, future: bool) -> list[_Candidate]:
    found: list[_Candidate] = []
    pub = published
    for m in _ISO.finditer(text):
        if (d := _safe_date(int(m["year"]), int(m["m"]), int(m["day"]))) is not None:
            found.append((m.start(), m.end(), d, "day", False))
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            month, day = _month_of(m), int(m["day"])
            if m["year"]:
                d = _safe_date(int(m["year"]), month, day)
                if d is not None:
                    found.append((m.start(), m.end(), d, "day", False))
            elif _safe_date(2000, month, day) is not None:  # 2000 is a leap year: any real day fits
                found.append((m.start(), m.end(), pub and _year_less(month, day, pub, future), "day", True))
    for m in _MONTH_YEAR.finditer(text):
        found.append((m.start(), m.end(), dt.date(int(m["year"]), _month_of(m), 1), "month", False))
    for m in _IN_MONTH.finditer(text):
        d = None
        if pub:
            month = _month_of(m)
            year = pub.year - 1 if month > pub.month and not future else pub.year
            d = dt.date(year, month, 1)
        found.append((m.start("mon"), m.end(), d, "month", True))
    for m in _REL_MONTH.finditer(text):
        d = None
        if pub:
            month, q = _month_of(m), m["q"].lower()
            year = pub.year
            if q == "last" and month >= pub.month:
                year -= 1
            elif q == "next" and month <= pub.month:
                year += 1
            d = dt.date(year, month, 1)
        found.append((m.start(), m.end(), d, "month", True))
    for m in _WEEKDAY.finditer(text):
        wd = _WEEKDAYS.index(m["wd"].lower())
        d = pub and _weekday(wd, (m["q"] or "").lower(), pub, future)
        found.append((m.start(), m.end(), d, "day", True))
    for m in _DAY_WORD.finditer(text):
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m[0].lower()]
        found.append((m.start(), m.end(), pub and pub + dt.timedelta(days=shift), "day", True))
    for m in _PERIOD.finditer(text):
        step = {"last": -1, "this": 0, "next": 1}[m["q"].lower()]
        d = None
        if pub and m["unit"].lower() == "month":
            d = _shift_month(pub, step)
        elif pub:
            d = dt.date(pub.year + step, 1, 1)
        found.append((m.start(), m.end(), d, "month" if m["unit"].lower() == "month" else "year", True))
    return found


@lru_cache(maxsize=8192)
def _find(text: str, published: dt.date | None) -> tuple[DateMention, ...]:
    future = bool(_FUTURE.search(text))
    found = sorted(_candidates(text, published, future), key=lambda c: (c[0], c[0] - c[1]))
    mentions: list[DateMention] = []
    reached = 0
    for start, end, d, precision, relative in found:
        if start >= reached:  # the longest of overlapping matches wins
            mentions.append(DateMention(text[start:end], start, end, d, precision, relative))
            reached = end
    return tuple(mentions)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text`` (one sentence), resolved against ``published``.

    A bare year ("2025") is not a mention. Relative expressions get ``date=None``
    when ``published`` is None.
    """
    return list(_find(text, published))


_ONE_DATE = [re.compile(rf"\s*{p.pattern}\s*\.?\s*") for p in (_ISO, _MDY, _DMY)]


@lru_cache(maxsize=4096)
def parse_date_text(s: str) -> dt.date | None:
    """Parse one absolute date ("25 July 2025", "Sunday, Aug 03, 2025", "2025-07-25"), else None."""
    for pattern in _ONE_DATE:
        m = pattern.fullmatch(s)
        if m and m["year"]:
            month = int(m["m"]) if "m" in m.re.groupindex else _month_of(m)
            return _safe_date(int(m["year"]), month, int(m["day"]))
    import dateparser  # slow to import; only reached for unusual spellings

    parsed = dateparser.parse(s, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None
