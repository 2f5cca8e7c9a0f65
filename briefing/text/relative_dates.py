"""Relative dates, resolved against the source's publication date: "on Friday", "last Tuesday",
"Tuesday next week", "the day before yesterday", "two days ago", "in two weeks", "on the 18th",
"this August", "last month".

Every reading carries a note that says which reading was used ("the latest
Friday on or before publication"); an expression that is only partly
understood ("the Friday before last", "about two weeks ago") is a mention
without a date, and its note names the part that was not read.
"""
from __future__ import annotations

import datetime as dt
import re

from briefing.text.date_values import (MONTHS, WEEKDAYS, Candidate, any_case, month_names, shift_month,
                                       within_calendar)
from briefing.text.numwords import UP_TO_99, number_words
from briefing.text.tense import Tense, at_word_start

_FULL = rf"(?P<mon>{month_names([m for m in MONTHS if len(m) > 4 or m in ('may', 'june', 'july')])})\b"
_QUALIFIER = any_case(["last", "this", "next"])
_BARE_MONTH = re.compile(rf"{_FULL}(?!,?\s(?:of\s)?\d)")
_MONTH_QUALIFIER = re.compile(
    rf"(?<!\w)(?:(?P<q>{_QUALIFIER})\s"
    rf"|(?:{any_case(['in', 'since', 'until', 'by', 'during', 'through', 'early', 'late'])})\s"
    rf"|(?:{any_case(['mid'])})-?)$"
)
_WEEKDAY = re.compile(rf"(?P<wd>{month_names(WEEKDAYS)})\b")
_QUALIFIER_BEFORE = re.compile(rf"(?<!\w)(?P<q>{_QUALIFIER})\s$")
_WEEK_AFTER = re.compile(rf",?\s(?:of\s)?(?P<q>{_QUALIFIER})\s(?:week|WEEK)\b")
_UNREAD_AFTER = re.compile(r"\s(?:before\slast|after\snext|week\b|fortnight\b)")
_UNREAD_BEFORE = re.compile(r"(?i)(?:a\s(?:week|fortnight)\s(?:from|on)|the\s(?:week|weekend)\s(?:of|before|after))\s$")
_DAY_WORD = re.compile(rf"(?:(?:{any_case(['the'])})\s)?(?:{any_case(['day'])})\s(?P<dir>before|after)\s"
                       rf"(?P<w>yesterday|tomorrow)\b|(?P<one>{any_case(['yesterday', 'today', 'tomorrow', 'tonight'])})\b"
                       rf"|(?P<part>{any_case(['this'])})\s(?:morning|afternoon|evening)\b")
_PERIOD = re.compile(rf"(?P<q>{_QUALIFIER})\s(?P<unit>{any_case(['month', 'year'])})\b")
_UNITS = r"(?P<unit>days?|weeks?|fortnights?|months?|years?)"
_N = rf"(?P<n>\d{{1,3}}|an?|{UP_TO_99})"
_AGO = re.compile(rf"(?i)(?<![\w-]){_N}\s{_UNITS}\s(?:ago|back)\b")
_FROM_NOW = re.compile(rf"(?i)(?<![\w-]){_N}\s{_UNITS}\s(?:from\s(?:now|today))\b")
_IN = re.compile(rf"(?i)(?<![\w-])in\s{_N}\s{_UNITS}(?:'\stime)?\b")
_APPROXIMATE = re.compile(r"(?i)(?:more\sthan|less\sthan|about|around|nearly|almost|over|some|roughly|at\sleast"
                          r"|just|under|approximately|a\sfew|several|some)\s$")
_ORDINAL = re.compile(rf"(?P<prep>{any_case(['on', 'by', 'until', 'till', 'since', 'from', 'before', 'after'])})"
                      r"\sthe\s(?P<day>\d\d?)(?:st|nd|rd|th)\b"
                      rf"(?:\sof\s(?P<q>{_QUALIFIER})\smonth\b|(?=[,.;:!?)]|$|\s(?:and|or|to|at|in|when|with|-)\b))")
_WEEKDAY_NOTES = {
    "last": "the latest {wd} before publication",
    "next": "the first {wd} after publication",
    "this": "the {wd} of the week of publication (weeks run Monday to Sunday)",
    "future": "the first {wd} on or after publication (the clause is in the future tense)",
    "past": "the latest {wd} on or before publication",
}


def _count(words: str) -> int | None:
    """The number in "two", "a", "10", "twenty-one"; None for anything else ("few", "several")."""
    if words.isdigit():
        return int(words)
    if words.lower() in ("a", "an", "one"):
        return 1
    found = number_words(words)
    if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(words) and found[0][2] is not None:
        value = found[0][2]
        return int(value) if value == value.to_integral() else None
    return None


def _offset(pub: dt.date, n: int, unit: str) -> tuple[dt.date, str]:
    """The date ``n`` units after ``pub`` (negative: before) and its precision."""
    unit = unit.lower().rstrip("s")
    if unit in ("day", "week", "fortnight"):
        return pub + dt.timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit]), "day"
    if unit == "month":
        return shift_month(pub, n), "month"
    return dt.date(pub.year + n, 1, 1), "year"


def _counted(text: str, pub: dt.date | None, tense: Tense) -> list[Candidate]:
    """"two days ago", "a month ago", "in two weeks" (future clause only), "three days from now"."""
    found: list[Candidate] = []
    low = text.lower()
    wanted = []
    if " ago" in low or " back" in low:
        wanted.append((_AGO, -1))
    if " from now" in low or " from today" in low:
        wanted.append((_FROM_NOW, 1))
    if tense.sentence and "in " in low:
        wanted.append((_IN, 1))
    for pattern, sign in wanted:
        for m in pattern.finditer(text):
            n = _count(m["n"])
            if n is None or not at_word_start(text, m.start()):
                continue
            if pattern is _IN and not tense.future_at(m.start()):
                continue                               # "the first time in two years" is a duration
            start = m.start() if pattern is _IN else m.start("n")
            if before := _APPROXIMATE.search(text, max(0, start - 20), start):
                found.append((before.start(), m.end(), None, "day", True, f"\"{text[before.start():m.end()]}\" is "
                              f"approximate (\"{before.group().strip()}\"), not a date"))
                continue
            precision = "day" if m["unit"].lower().rstrip("s") in ("day", "week", "fortnight") else \
                m["unit"].lower().rstrip("s")
            d = pub and within_calendar(lambda: _offset(pub, sign * n, m["unit"])[0])
            found.append((start, m.end(), d, precision, True, f"counted from publication ({pub})" if d else None))
    return found


def _weekday(wd: int, qualifier: str, published: dt.date, future: bool) -> dt.date:
    back = (published.weekday() - wd) % 7
    ahead = (wd - published.weekday()) % 7
    if qualifier == "last":
        return published - dt.timedelta(days=back or 7)
    if qualifier == "next":
        return published + dt.timedelta(days=ahead or 7)
    if qualifier == "this":
        return _in_week(wd, 0, published)
    return published + dt.timedelta(days=ahead) if future else published - dt.timedelta(days=back)


def _in_week(wd: int, step: int, published: dt.date) -> dt.date:
    """The weekday ``wd`` of the calendar week (Monday to Sunday) ``step`` weeks from publication's."""
    return published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=7 * step + wd)


def _weekdays(text: str, pub: dt.date | None, tense: Tense) -> list[Candidate]:
    found: list[Candidate] = []
    for m in _starting(_WEEKDAY, text):
        name = m["wd"].capitalize()
        weekday = WEEKDAYS.index(m["wd"].lower())
        q = _QUALIFIER_BEFORE.search(text, max(0, m.start() - 5), m.start())
        start = q.start() if q else m.start()
        week = _WEEK_AFTER.match(text, m.end())
        unread = _UNREAD_AFTER.match(text, m.end()) if not week else None
        unread_before = _UNREAD_BEFORE.search(text, max(0, start - 16), start)
        if unread or unread_before or (week and q):
            end = (week or unread or m).end()
            part = (unread or week).group().strip() if (unread or week) else unread_before.group().strip()
            found.append(((unread_before.start() if unread_before else start), end, None, "day", True,
                          f"\"{part}\" in \"{text[(unread_before or q or m).start():end]}\" is not read: cite a "
                          "quote with the date"))
            continue
        qualifier = q["q"].lower() if q else ""
        if pub is not None and pub.weekday() == 6 and (week or qualifier == "this"):
            found.append((start, (week or m).end(), None, "day", True, f"\"{text[start:(week or m).end()]}\" "
                          "was written on a Sunday, which ends a week that starts on Monday but starts one that "
                          "starts on Sunday: cite a quote with the date"))
            continue
        if week:                                       # "Tuesday next week": the Tuesday of next week's calendar week
            step = {"last": -1, "this": 0, "next": 1}[week["q"].lower()]
            d = pub and within_calendar(_in_week, weekday, step, pub)
            found.append((m.start(), week.end(), d, "day", True, d and f"the {name} of {week['q'].lower()} week "
                          "(weeks run Monday to Sunday)"))
            continue
        future = tense.future_at(m.start())
        d = pub and within_calendar(_weekday, weekday, qualifier, pub, future)
        key = qualifier or ("future" if future else "past")
        found.append((start, m.end(), d, "day", True, d and _WEEKDAY_NOTES[key].format(wd=name)))
    return found


def _starting(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text) if at_word_start(text, m.start())]


def _relative_month(q: str, month: int, pub: dt.date, future: bool) -> dt.date:
    year = pub.year
    if q == "last" and month >= pub.month:
        year -= 1
    elif q == "next" and month <= pub.month:
        year += 1
    elif q == "" and month > pub.month and not future:
        year -= 1  # "in August", like a year-less day
    return dt.date(year, month, 1)


def _ordinal_day(day: int, q: str | None, pub: dt.date, future: bool) -> dt.date:
    if q:
        first = shift_month(pub, {"last": -1, "this": 0, "next": 1}[q.lower()])
    elif future:
        first = shift_month(pub, 0 if day >= pub.day else 1)
    else:
        first = shift_month(pub, 0 if day <= pub.day else -1)
    return first.replace(day=day)


def relative_dates(text: str, pub: dt.date | None, tense: Tense) -> list[Candidate]:
    """Expressions that need the publication date: weekdays, "last month", "this August", "two days ago"..."""
    found: list[Candidate] = _weekdays(text, pub, tense) + _counted(text, pub, tense)
    for m in _starting(_BARE_MONTH, text):
        before = _MONTH_QUALIFIER.search(text, max(0, m.start() - 8), m.start())
        if before is not None:  # "this August", "in May"; a month on its own is not a date
            q = (before["q"] or "").lower()
            start = before.start() if q else m.start()
            d = pub and within_calendar(_relative_month, q, MONTHS[m["mon"].lower()], pub, tense.future_at(start))
            found.append((start, m.end(), d, "month", True, None))
    for m in _starting(_DAY_WORD, text):
        if m["w"]:
            shift = (-1 if m["w"].lower() == "yesterday" else 1) + (-1 if m["dir"].lower() == "before" else 1)
        else:
            shift = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}.get((m["one"] or "today").lower(), 0)
        d = pub and within_calendar(lambda: pub + dt.timedelta(days=shift))
        found.append((m.start(), m.end(), d, "day", True, None))
    for m in _starting(_PERIOD, text):
        step = {"last": -1, "this": 0, "next": 1}[m["q"].lower()]
        if m["unit"].lower() == "month":
            found.append((m.start(), m.end(), pub and within_calendar(shift_month, pub, step), "month", True, None))
        else:
            found.append((m.start(), m.end(), pub and within_calendar(dt.date, pub.year + step, 1, 1), "year",
                          True, None))
    for m in _starting(_ORDINAL, text):
        start = m.start() + len(m["prep"]) + 1
        d = pub and within_calendar(_ordinal_day, int(m["day"]), m["q"], pub, tense.future_at(start))
        found.append((start, m.end(), d, "day", True, None))
    return found
