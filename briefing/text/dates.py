"""Dates in text: absolute, year-less and relative, resolved against a source's publication date.

Relative expressions ("on Friday", "last month", "this August", "May 7")
resolve against ``published``, never against today. A weekday is the latest
such day on or before publication unless the sentence is in the future tense
(see _Tense for how a past-tense clause overrides a future marker elsewhere).
Text arrives normalised (NFKC, straight quotes, every dash as "-").
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Literal

Precision = Literal["day", "month", "year"]

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_FULL_MONTHS = [m for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july")]


def month_names() -> list[str]:
    """Every month name and abbreviation the date reader knows, in lower case."""
    return list(_MONTHS)


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_ABBR = [w[:3] for w in _WEEKDAYS]


def _names(words: list[str]) -> str:
    # Capitalised or all capitals only: "may" the verb and "march" the noun are not months.
    ordered = sorted(words, key=len, reverse=True)
    return "|".join([w.capitalize() for w in ordered] + [w.upper() for w in ordered])


def _any_case(words: list[str]) -> str:
    return "|".join([w for w in words] + [w.capitalize() for w in words] + [w.upper() for w in words])


# Every pattern starts with a literal alternation and no \b or lookbehind, so
# the regex engine can skip ahead by first character; the word boundary on the
# left is checked in Python (_at_word_start). That is roughly 20x faster.
_ABBREVIATED = [m for m in _MONTHS if m not in _FULL_MONTHS]
_MON = rf"(?P<mon>{_names(_FULL_MONTHS)}|{_names(_ABBREVIATED)})\b(?P<dot>\.)?"
_FULL = rf"(?P<mon>{_names(_FULL_MONTHS)})\b"
_QUALIFIER = _any_case(["last", "this", "next"])
_DAY = r"(?P<day>\d\d?)(?:st|nd|rd|th)?\b(?![,.]\d)"
_YEAR = r"(?:,?\s(?P<year>\d{4})(?![\d,.]\d|\d))?"
_ISO = re.compile(r"(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})(?![\d-])")
_MDY = re.compile(rf"{_MON}\s{_DAY}{_YEAR}")
_DMY = re.compile(rf"{_DAY}\s(?:of\s)?(?P<mon>{_names(_FULL_MONTHS)}|{_names(_ABBREVIATED)})\b"
                  rf"(?:(?P<dot>\.)(?=,?\s\d{{4}}))?{_YEAR}")
_MONTH_YEAR = re.compile(rf"{_MON},?\s(?:of\s)?(?P<year>\d{{4}})(?![\d,.]\d|\d)")
_BARE_MONTH = re.compile(rf"{_FULL}(?!,?\s(?:of\s)?\d)")
_MONTH_QUALIFIER = re.compile(
    rf"(?<!\w)(?:(?P<q>{_QUALIFIER})\s"
    rf"|(?:{_any_case(['in', 'since', 'until', 'by', 'during', 'through', 'early', 'late'])})\s"
    rf"|(?:{_any_case(['mid'])})-?)$"
)
_WEEKDAY = re.compile(rf"(?P<wd>{_names(_WEEKDAYS)})\b")
_WEEKDAY_PREFIX = re.compile(
    rf"(?<!\w)(?:{_names(_WEEKDAYS + ['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'])})"
    r"\.?,?\s$"
)
_QUALIFIER_BEFORE = re.compile(rf"(?<!\w)(?P<q>{_QUALIFIER})\s$")
_DAY_WORD = re.compile(rf"(?:{_any_case(['yesterday', 'today', 'tomorrow'])})\b")
_PERIOD = re.compile(rf"(?P<q>{_QUALIFIER})\s(?P<unit>{_any_case(['month', 'year'])})\b")
_FUTURE_MARKERS = [
    "will", "shall", "won't", "next", "upcoming", "is to", "are to", "is set to", "are set to", "is expected to",
    "are expected to", "is due to", "are due to", "slated", "scheduled", "plan to", "plans to", "going to",
]


def _is_future(text: str) -> bool:
    """Whether a sentence is in the future tense: it contains a marker such as "will" or "is to"."""
    low = text.lower()
    for marker in _FUTURE_MARKERS:
        i = low.find(marker)
        while i != -1:
            j = i + len(marker)
            if _at_word_start(low, i) and not (j < len(low) and (low[j].isalnum() or low[j] == "_")):
                return True
            i = low.find(marker, j)
    return False


_CLAUSE_BREAK = re.compile(r'[,;:"()]| - ')
_LOWER_WORD = re.compile(r"\b[a-z]+\b")  # lower case only: names such as "Ahmed" are not verbs
_PAST = frozenset("said met held told made gave took came went spoke wrote began saw was were had did left".split())
_NOT_PAST = frozenset("need speed indeed proceed succeed exceed seed feed bed red shed hundred".split())


class _Tense:
    """The future-tense rule, sharpened by clause.

    A sentence with a future marker is future tense, except in a clause that
    has none but has a past-tense verb: in "X and Y will discuss plans - the
    two countries announced on Friday" the Friday is in the past.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentence = _is_future(text)
        self.breaks: list[int] | None = None

    def future_at(self, start: int) -> bool:
        if not self.sentence:
            return False
        if self.breaks is None:
            self.breaks = [b for m in _CLAUSE_BREAK.finditer(self.text) for b in (m.start(), m.end())]
        i = bisect_left(self.breaks, start)
        lo = self.breaks[i - 1] if i else 0
        hi = self.breaks[i] if i < len(self.breaks) else len(self.text)
        clause = self.text[lo:hi]
        if _is_future(clause):
            return True
        words = _LOWER_WORD.findall(clause)
        return not any(w in _PAST or (w.endswith("ed") and w not in _NOT_PAST) for w in words)


def _at_word_start(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


def _starting(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text) if _at_word_start(text, m.start())]


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


def _with_weekday(text: str, start: int, date: dt.date | None) -> int:
    """Extend a date's span over a weekday written before it ("Friday, July 25"), if that weekday is right.

    A weekday that disagrees with the date is left out of the span, so it is
    found on its own as a relative weekday and checked as one.
    """
    prefix = _WEEKDAY_PREFIX.search(text, max(0, start - 14), start)
    if prefix is None:
        return start
    if date is not None and _WEEKDAY_ABBR.index(prefix.group()[:3].lower()) != date.weekday():
        return start
    return prefix.start()


def _absolute(text: str, pub: dt.date | None, tense: _Tense) -> list[_Candidate]:
    """Dates with a day and a month ("July 25, 2025", "7 May"), ISO dates and month-years."""
    found: list[_Candidate] = []
    for m in _ISO.finditer(text):
        d = _safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
        if d is not None and _at_word_start(text, m.start()) and text[m.start() - 1:m.start()] != "-":
            found.append((m.start(), m.end(), d, "day", False))
    for pattern in (_MDY, _DMY):
        for m in _starting(pattern, text):
            if (m["dot"] and m["mon"].lower() in _FULL_MONTHS) or text[m.start() - 1:m.start()] in (",", "."):
                continue  # "in May. 7 people": only abbreviations take a dot
            month, day = _month_of(m), int(m["day"])
            if m["year"]:
                if (d := _safe_date(int(m["year"]), month, day)) is not None:
                    found.append((_with_weekday(text, m.start(), d), m.end(), d, "day", False))
            elif _safe_date(2000, month, day) is not None:  # 2000 is a leap year: any real day fits
                d = pub and _year_less(month, day, pub, tense.future_at(_with_weekday(text, m.start(), None)))
                found.append((_with_weekday(text, m.start(), d), m.end(), d, "day", True))
    for m in _starting(_MONTH_YEAR, text):
        if not (m["dot"] and m["mon"].lower() in _FULL_MONTHS):
            found.append((m.start(), m.end(), dt.date(int(m["year"]), _month_of(m), 1), "month", False))
    return found


def _relative_month(q: str, month: int, pub: dt.date, future: bool) -> dt.date:
    year = pub.year
    if q == "last" and month >= pub.month:
        year -= 1
    elif q == "next" and month <= pub.month:
        year += 1
    elif q == "" and month > pub.month and not future:
        year -= 1  # "in August", like a year-less day
    return dt.date(year, month, 1)


def _within_calendar(compute: Callable[..., dt.date], *args: Any) -> dt.date | None:
    """``compute(*args)``, or None when the result would fall outside years 1-9999."""
    try:
        return compute(*args)
    except (OverflowError, ValueError):
        return None


def _add_days(d: dt.date, days: int) -> dt.date:
    return d + dt.timedelta(days=days)


def _relative(text: str, pub: dt.date | None, tense: _Tense) -> list[_Candidate]:
    """Expressions that need the publication date: weekdays, "last month", "this August", "in May"..."""
    found: list[_Candidate] = []
    for m in _starting(_BARE_MONTH, text):
        before = _MONTH_QUALIFIER.search(text, max(0, m.start() - 8), m.start())
        if before is not None:  # "this August", "in May"; a month on its own is not a date
            q = (before["q"] or "").lower()
            start = before.start() if q else m.start()
            d = pub and _within_calendar(_relative_month, q, _month_of(m), pub, tense.future_at(start))
            found.append((start, m.end(), d, "month", True))
    for m in _starting(_WEEKDAY, text):
        q = _QUALIFIER_BEFORE.search(text, max(0, m.start() - 5), m.start())
        weekday, qualifier = _WEEKDAYS.index(m["wd"].lower()), q["q"].lower() if q else ""
        d = pub and _within_calendar(_weekday, weekday, qualifier, pub, tense.future_at(m.start()))
        found.append((q.start() if q else m.start(), m.end(), d, "day", True))
    for m in _starting(_DAY_WORD, text):
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m[0].lower()]
        found.append((m.start(), m.end(), pub and _within_calendar(_add_days, pub, shift), "day", True))
    for m in _starting(_PERIOD, text):
        step = {"last": -1, "this": 0, "next": 1}[m["q"].lower()]
        if m["unit"].lower() == "month":
            found.append((m.start(), m.end(), pub and _within_calendar(_shift_month, pub, step), "month", True))
        else:
            found.append((m.start(), m.end(), pub and _within_calendar(dt.date, pub.year + step, 1, 1), "year",
                          True))
    return found


# Every date expression holds one of these; text without any is skipped at once.
_DATEISH = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
                      r"|today|yesterday|tomorrow|year|month|week)|\d{4}-\d")


@lru_cache(maxsize=8192)
def _find(text: str, published: dt.date | None) -> tuple[DateMention, ...]:
    if not _DATEISH.search(text):
        return ()
    tense = _Tense(text)
    candidates = _absolute(text, published, tense) + _relative(text, published, tense)
    # The longest of overlapping matches wins: "Friday, July 25, 2025" over "Friday".
    starts: list[int] = []
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        i = bisect_left(starts, c[0])
        if (i and chosen[i - 1][1] > c[0]) or (i < len(chosen) and chosen[i][0] < c[1]):
            continue
        starts.insert(i, c[0])
        chosen.insert(i, c)
    return tuple(DateMention(text[s:e], s, e, d, precision, rel) for s, e, d, precision, rel in chosen)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text`` (one sentence), resolved against ``published``.

    A bare year ("2025") is not a mention. Relative expressions get ``date=None``
    when ``published`` is None.
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
            return _safe_date(int(m["year"]), month, int(m["day"]))
    if not _STATES_A_YEAR.search(s) or _ambiguous_numeric(s):
        return None  # "yesterday" would resolve against today; "07/05/2025" is May or July
    import dateparser  # slow to import; only reached for unusual spellings

    parsed = dateparser.parse(s, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


_STATES_A_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[./-](\d{1,2})[./-]\d{4}\s*")


def _ambiguous_numeric(s: str) -> bool:
    """True for an all-digit day/month date whose order cannot be told ("07/05/2025")."""
    m = _NUMERIC_DATE.fullmatch(s)
    return bool(m) and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]
