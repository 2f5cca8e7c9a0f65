"""Dates found in normalised sentences, resolved against the source's publication date."""
from __future__ import annotations

import datetime as dt

import pytest

from briefing.text.dates import find_dates, format_date, parse_date_text

SAT = dt.date(2025, 7, 26)   # a Saturday
SUN = dt.date(2025, 8, 3)    # a Sunday
FRI = dt.date(2025, 7, 25)   # a Friday
WED = dt.date(2025, 1, 15)
# From the corpus: "will" belongs to one clause, the weekday to a past-tense one.
ANNOUNCED = "Washington and Islamabad will discuss plans - the two countries announced on Friday."


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    "text, published, matched, date, precision, relative",
    [
        # corpus examples
        ("met with US Secretary of State Rubio in Washington on Friday", SAT, "Friday", d("2025-07-25"), "day", True),
        ("a ceasefire was declared on May 10", SUN, "May 10", d("2025-05-10"), "day", True),
        ("Published: April 7, 2025", None, "April 7, 2025", d("2025-04-07"), "day", False),
        ("Counterterrorism Dialogue in Islamabad this August,", SAT, "this August", d("2025-08-01"), "month", True),
        ("held on July 25, Rubio acknowledged", SUN, "July 25", d("2025-07-25"), "day", True),
        ("UN Security Council, starting January 2025, gave", None, "January 2025", d("2025-01-01"), "month", False),
        # absolute
        ("on 25 July 2025", None, "25 July 2025", d("2025-07-25"), "day", False),
        ("Jul. 25, 2025", None, "Jul. 25, 2025", d("2025-07-25"), "day", False),
        ("Aug 03, 2025", None, "Aug 03, 2025", d("2025-08-03"), "day", False),
        ("on 2025-07-25.", None, "2025-07-25", d("2025-07-25"), "day", False),
        ("July 25th, 2025", None, "July 25th, 2025", d("2025-07-25"), "day", False),
        ("Friday, July 25, 2025", SUN, "Friday, July 25, 2025", d("2025-07-25"), "day", False),
        ("Sunday, Aug 03, 2025", SUN, "Sunday, Aug 03, 2025", d("2025-08-03"), "day", False),
        ("the 3rd of August 2025", None, "3rd of August 2025", d("2025-08-03"), "day", False),
        ("Sept. 3, 2024", None, "Sept. 3, 2024", d("2024-09-03"), "day", False),
        ("DATELINE JULY 25, 2025", None, "JULY 25, 2025", d("2025-07-25"), "day", False),
        ("in May 2025", None, "May 2025", d("2025-05-01"), "month", False),
        # year-less
        ("strikes on May 7, targeting", SUN, "May 7", d("2025-05-07"), "day", True),
        ("on 7 May", SUN, "7 May", d("2025-05-07"), "day", True),
        ("on December 20", SUN, "December 20", d("2024-12-20"), "day", True),
        ("talks will be held on December 20", SUN, "December 20", d("2025-12-20"), "day", True),
        ("An April 22 terror attack", SUN, "April 22", d("2025-04-22"), "day", True),
        ("on May 7", None, "May 7", None, "day", True),
        ("on February 29", SUN, "February 29", d("2024-02-29"), "day", True),
        # weekdays
        ("announced on Friday", FRI, "Friday", d("2025-07-25"), "day", True),
        ("Ishaq Dar on Monday held his second phone call", SUN, "Monday", d("2025-07-28"), "day", True),
        ("the two will meet on Friday", SAT, "Friday", d("2025-08-01"), "day", True),
        ("talks are scheduled for Friday", FRI, "Friday", d("2025-07-25"), "day", True),
        ("the upcoming Tuesday session", SAT, "Tuesday", d("2025-07-29"), "day", True),
        ("last Friday", FRI, "last Friday", d("2025-07-18"), "day", True),
        ("next Friday", FRI, "next Friday", d("2025-08-01"), "day", True),
        ("on Friday", None, "Friday", None, "day", True),
        # the future marker is in another clause than the past-tense verb that governs the weekday
        (ANNOUNCED, SUN, "Friday", d("2025-08-01"), "day", True),
        (ANNOUNCED, SAT, "Friday", d("2025-07-25"), "day", True),
        ('"We will meet again," he said on Friday.', SAT, "Friday", d("2025-07-25"), "day", True),
        ("The summit, postponed twice, will be held on Friday", SAT, "Friday", d("2025-08-01"), "day", True),
        ("Ahmed will travel on Friday", SAT, "Friday", d("2025-08-01"), "day", True),
        ("He said on Friday that talks will resume", SAT, "Friday", d("2025-08-01"), "day", True),
        # other relative expressions
        ("yesterday", SAT, "yesterday", d("2025-07-25"), "day", True),
        ("Today the minister", SAT, "Today", d("2025-07-26"), "day", True),
        ("last month", SAT, "last month", d("2025-06-01"), "month", True),
        ("earlier this month", SAT, "this month", d("2025-07-01"), "month", True),
        ("next month", WED, "next month", d("2025-02-01"), "month", True),
        ("last month", WED, "last month", d("2024-12-01"), "month", True),
        ("last August", SAT, "last August", d("2024-08-01"), "month", True),
        ("next August", SUN, "next August", d("2026-08-01"), "month", True),
        ("last year", SAT, "last year", d("2024-01-01"), "year", True),
        ("later this year", SAT, "this year", d("2025-01-01"), "year", True),
        ("next year", SAT, "next year", d("2026-01-01"), "year", True),
        ("in August", SAT, "August", d("2024-08-01"), "month", True),
        ("is to visit in August", SAT, "August", d("2025-08-01"), "month", True),
        ("last month", None, "last month", None, "month", True),
    ],
)
def test_find_dates(
    text: str, published: dt.date | None, matched: str, date: dt.date | None, precision: str, relative: bool
) -> None:
    (m,) = find_dates(text, published)
    assert (m.text, m.date, m.precision, m.relative) == (matched, date, precision, relative)
    assert text[m.start:m.end] == matched


@pytest.mark.parametrize(
    "text",
    [
        "since 1947", "in 2025", "They may meet soon", "a march on the capital", "someday",
        "Fridays are quiet", "FridayNight", "the 2000s", "May 7,000 people", "February 30", "on 2025-13-45",
        "the last week", "9/11",
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text, SUN) == []


def test_several_mentions_without_overlap() -> None:
    text = "On Sunday, Aug 03, 2025 the talks of May 10 and July 25, 2025 followed last month's call on Friday."
    found = [(m.text, m.date) for m in find_dates(text, SUN)]
    assert found == [
        ("Sunday, Aug 03, 2025", d("2025-08-03")), ("May 10", d("2025-05-10")), ("July 25, 2025", d("2025-07-25")),
        ("last month", d("2025-07-01")), ("Friday", d("2025-08-01")),
    ]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # a weekday that disagrees with the date is not part of it: it is a weekday of its own
        ("Saturday, August 1, 2025", SUN, [("Saturday", d("2025-08-02")), ("August 1, 2025", d("2025-08-01"))]),
        ("Fri, May 9", SUN, [("Fri, May 9", d("2025-05-09"))]),
        ("Thu, May 9", SUN, [("May 9", d("2025-05-09"))]),
        # relative dates that would leave the calendar resolve to nothing, never crash
        ("on Friday", dt.date(1, 1, 1), [("Friday", None)]),
        ("last month", dt.date(1, 1, 15), [("last month", None)]),
        ("in August", dt.date(1, 1, 15), [("August", None)]),
        ("next Friday", dt.date(9999, 12, 31), [("next Friday", None)]),
        ("tomorrow", dt.date(9999, 12, 31), [("tomorrow", None)]),
        ("next year", dt.date(9999, 6, 1), [("next year", None)]),
    ],
)
def test_weekday_and_calendar_edges(text: str, published: dt.date, expected: list[tuple[str, dt.date | None]]) -> None:
    assert [(m.text, m.date) for m in find_dates(text, published)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("25 July 2025", "2025-07-25"), ("July 25, 2025", "2025-07-25"), ("Aug 03, 2025", "2025-08-03"),
        ("Sunday, Aug 03, 2025", "2025-08-03"), ("2025-07-25", "2025-07-25"), ("3rd of August 2025", "2025-08-03"),
        (" July 25th, 2025. ", "2025-07-25"), ("25/07/2025", "2025-07-25"), ("July 25", None), ("Friday", None),
        ("February 30, 2025", None), ("not a date", None),
    ],
)
def test_parse_date_text(text: str, expected: str | None) -> None:
    assert parse_date_text(text) == (d(expected) if expected else None)


@pytest.mark.parametrize(
    "date, expected",
    [(d("2025-07-25"), "July 25, 2025"), (d("2025-08-03"), "August 3, 2025"), (d("1999-12-31"), "December 31, 1999")],
)
def test_format_date(date: dt.date, expected: str) -> None:
    assert format_date(date) == expected


@pytest.mark.parametrize("text, expected", [
    ("25/07/2025", dt.date(2025, 7, 25)),    # day > 12: only one reading
    ("05/05/2025", dt.date(2025, 5, 5)),     # both readings agree
    ("07/05/2025", None),                    # May or July: refused, never guessed
    ("yesterday", None),                     # would resolve against today
    ("next Friday 2025", None),
])
def test_parse_date_text_refuses_what_it_would_guess(text: str, expected: dt.date | None) -> None:
    assert parse_date_text(text) == expected
