"""Dates in text: absolute, numeric and year-less, resolved against a source's publication date.

Relative expressions ("on Friday", "two days ago", "Tuesday next week") are
read by :mod:`briefing.text.relative_dates`; both resolve against
``published``, never against today. A weekday or a year-less date is the
latest such day on or before publication unless its clause is in the future
tense (:mod:`briefing.text.tense`). A date that cannot be read whole
("03/04/2025", "May 7-9") is a mention without a date whose ``note`` says why.
Text arrives normalised (NFKC, straight quotes, every dash as "-").
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from functools import lru_cache

from briefing.text.date_values import (MONTHS, WEEKDAY_ABBR, Candidate, DateMention, Precision, format_date,
                                    month_names, safe_date)
from briefing.text.relative_dates import relative_dates
from briefing.text.tense import Tense, at_word_start

__all__ = ["DateMention", "Precision", "find_dates", "format_date", "parse_date_text"]

_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBREVIATED = [m for m in MONTHS if m not in _FULL_MONTHS]
_MON = rf"(?P<mon>{month_names(_FULL_MONTHS)}|{month_names(_ABBREVIATED)})\b(?P<dot>\.)?"
_DAY = r"(?P<day>\d\d?)(?:st|nd|rd|th)?\b(?![,.]\d)"
_YEAR = r"(?:,?\s(?:of\s)?(?P<year>\d{4})(?![\d,.]\d|\d))?"
_ISO = re.compile(r"(?P<year>\d{4})([-/])(?P<m>\d{2})\2(?P<day>\d{2})(?![\d-])")
_MDY = re.compile(rf"{_MON}\s{_DAY}{_YEAR}")
_DMY = re.compile(rf"{_DAY}\s(?:of\s)?(?P<mon>{month_names(_FULL_MONTHS)}|{month_names(_ABBREVIATED)})\b"
                  rf"(?:(?P<dot>\.)(?=,?\s\d{{4}}))?{_YEAR}")
_MONTH_YEAR = re.compile(rf"{_MON},?\s(?:of\s)?(?P<year>\d{{4}})(?![\d,.]\d|\d)")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d]|[/.-]\d)")
_WEEKDAY_PREFIX = re.compile(
    rf"(?<!\w)(?:{month_names(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])}"
    rf"|{month_names(['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'])})\.?,?\s$"
)
_MONEY_BEFORE = re.compile(r"(?:[$€£₹¥₨]|\bRs\.?|\b[A-Z]{3}) ?$")
_DAY_SPAN = re.compile(r"\s?(?:-|to|and|&)\s?\d{1,2}\b")
# Every date expression holds one of these; text without any is skipped at once.
_DATEISH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
                      r"|day|tomorrow|tonight|morning|evening|year|month|week|fortnight|\d(?:st|nd|rd|th)\b)"
                      r"|\d[-/.]\d\d?[-/.]\d")   # an all-digit date, not a decimal ("$7.3 billion")


def _starting(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text) if at_word_start(text, m.start())]


def _month_of(m: re.Match[str]) -> int:
    return MONTHS[m["mon"].rstrip(".").lower()]


def _year_less(month: int, day: int, published: dt.date, future: bool) -> dt.date | None:
    # Going back up to eight years lets "February 29" find its leap year.
    for year in range(published.year, published.year - 8, -1):
        d = safe_date(year, month, day)
        if d is not None and (d <= published or (future and year == published.year)):
            return d
    return None


def _with_weekday(text: str, start: int, date: dt.date | None) -> int:
    """Extend a date's span over a weekday written before it ("Friday, July 25"), if that weekday is right.

    A weekday that disagrees with the date is left out of the span, so it is
    found on its own as a relative weekday and checked as one.
    """
    prefix = _WEEKDAY_PREFIX.search(text, max(0, start - 14), start)
    if prefix is None:
        return start
    if date is not None and WEEKDAY_ABBR.index(prefix.group()[:3].lower()) != date.weekday():
        return start
    return prefix.start()


def _numeric(text: str) -> list[Candidate]:
    """All-digit dates: "2016-02-22", "22/02/2016", "02/22/2016"; "03/04/2025" is refused as ambiguous."""
    found: list[Candidate] = []
    for m in _ISO.finditer(text):
        d = safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
        if d is not None and at_word_start(text, m.start()) and text[m.start() - 1:m.start()] not in ("-", "/"):
            found.append((m.start(), m.end(), d, "day", False, None))
    for m in _starting(_NUMERIC, text):
        if text[m.start() - 1:m.start()] in ("-", "/", "."):
            continue
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        dmy, mdy = safe_date(year, b, a), safe_date(year, a, b)
        if dmy and mdy and dmy != mdy:
            found.append((m.start(), m.end(), None, "day", False,
                          f"\"{m.group()}\" is {format_date(dmy)} read day first and {format_date(mdy)} read month "
                          "first; a numeric date is read only when one order is possible"))
        elif dmy or mdy:
            found.append((m.start(), m.end(), dmy or mdy, "day", False, None))
    return found


def _absolute(text: str, pub: dt.date | None, tense: Tense) -> list[Candidate]:
    """Dates with a day and a month ("July 25, 2025", "7 May", "4th of July 1995") and month-years."""
    found = _numeric(text)
    for pattern in (_MDY, _DMY):
        for m in _starting(pattern, text):
            if (m["dot"] and m["mon"].lower() in _FULL_MONTHS) or text[m.start() - 1:m.start()] in (",", "."):
                continue  # "in May. 7 people": only abbreviations take a dot
            if pattern is _DMY and _MONEY_BEFORE.search(text, max(0, m.start() - 4), m.start()):
                continue  # "$12 December 27": the 12 is a price
            month, day = _month_of(m), int(m["day"])
            if not m["year"] and (span := _DAY_SPAN.match(text, m.end())) and pattern is _MDY:
                found.append((m.start(), span.end(), None, "day", True,
                              f"\"{text[m.start():span.end()]}\" is a span of days, not one day"))
                continue
            if m["year"]:
                if (d := safe_date(int(m["year"]), month, day)) is not None:
                    found.append((_with_weekday(text, m.start(), d), m.end(), d, "day", False, None))
            elif safe_date(2000, month, day) is not None:  # 2000 is a leap year: any real day fits
                d = pub and _year_less(month, day, pub, tense.future_at(_with_weekday(text, m.start(), None)))
                found.append((_with_weekday(text, m.start(), d), m.end(), d, "day", True, None))
    for m in _starting(_MONTH_YEAR, text):
        if not (m["dot"] and m["mon"].lower() in _FULL_MONTHS):
            found.append((m.start(), m.end(), dt.date(int(m["year"]), _month_of(m), 1), "month", False, None))
    return found


@lru_cache(maxsize=8192)
def _find(text: str, published: dt.date | None) -> tuple[DateMention, ...]:
    if not _DATEISH.search(text.lower()):
        return ()
    tense = Tense(text)
    candidates = _absolute(text, published, tense) + relative_dates(text, published, tense)
    # The longest of overlapping matches wins: "Friday, July 25, 2025" over "Friday".
    starts: list[int] = []
    chosen: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        i = bisect_left(starts, c[0])
        if (i and chosen[i - 1][1] > c[0]) or (i < len(chosen) and chosen[i][0] < c[1]):
            continue
        starts.insert(i, c[0])
        chosen.insert(i, c)
    return tuple(DateMention(text[s:e], s, e, d, precision, rel, note) for s, e, d, precision, rel, note in chosen)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text`` (one sentence), resolved against ``published``.

    A bare year ("2025") is not a mention. Relative expressions get ``date=None``
    when ``published`` is None; so does an expression that cannot be read whole,
    with a ``note`` that says why.
    """
    return list(_find(text, published))


_ONE_DATE = [re.compile(rf"\s*(?:{_WEEKDAY_PREFIX.pattern[:-1]})?{p.pattern}\s*\.?\s*") for p in (_ISO, _MDY, _DMY)]


@lru_cache(maxsize=4096)
def parse_date_text(s: str) -> dt.date | None:
    """Parse one absolute date ("25 July 2025", "Sunday, Aug 03, 2025", "2025-07-25"), else None."""
    for pattern in _ONE_DATE:
        m = pattern.fullmatch(s)
        if m and m["year"]:
            month = int(m["m"]) if "m" in m.re.groupindex else _month_of(m)
            return safe_date(int(m["year"]), month, int(m["day"]))
    numeric = _numeric(s.strip())
    if numeric and numeric[0][1] - numeric[0][0] == len(s.strip()):
        return numeric[0][2]     # None when the order of day and month cannot be told ("07/05/2025")
    if not _STATES_A_YEAR.search(s):
        return None  # "yesterday" would resolve against today
    import dateparser  # slow to import; only reached for unusual spellings

    parsed = dateparser.parse(s, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


_STATES_A_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
