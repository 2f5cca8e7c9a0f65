"""find: quotes found after normalisation, at their line and column; closest passages otherwise."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.verify.quotes import closest_passage, find_quote, word_differences
from briefing.load.sources import SourceText

TEXT = (
    "WASHINGTON, July 26, 2025\n"
    "\n"
    "Pakistan’s Foreign Minister Ishaq Dar met with US Secretary of State Marco Rubio in\n"
    "Washington on Friday — the first such meeting.\n"
    "\u00a0\u00a0He said “Pakistan seeks deeper ties” with the US.\n"
    "US total goods trade was an estimated $7.3 billion in 2024.\n"
)


def source(text: str = TEXT) -> SourceText:
    """A source with ``text`` (no file needed for lookups)."""
    return SourceText(id="s", path=Path("s.txt"), text=text, sha256="0" * 64)


# (quote, line, column)
FOUND = [
    ("WASHINGTON, July 26", 1, 1),
    ("Pakistan's Foreign Minister", 3, 1),                          # straight apostrophe finds curly
    ("Marco Rubio in Washington on Friday", 3, 70),                 # across a line break
    ("on Friday - the first", 4, 12),                               # dash folded
    ('He said "Pakistan seeks deeper ties"', 5, 3),                 # after NBSP indentation
    ("an  estimated\n$7.3 billion", 6, 26),                         # white space in the quote folds too
]


@pytest.mark.parametrize("quote,line,column", FOUND)
def test_quote_found_at_its_original_line_and_column(quote: str, line: int, column: int) -> None:
    match = find_quote(source(), quote)
    assert match is not None
    assert (match.line, match.column) == (line, column)


def test_first_occurrence_is_cited() -> None:
    match = find_quote(source("a b\nx a b\n"), "a b")
    assert match is not None and (match.line, match.column) == (1, 1)


def test_crlf_source_positions() -> None:
    match = find_quote(source("one\r\ntwo three\r\n"), "three")
    assert match is not None and (match.line, match.column) == (2, 5)


@pytest.mark.parametrize("quote", [
    "washington, july 26",                     # case matters
    "US total goods trade was $7.3 billion",   # a word left out
    "",                                        # nothing to find
    "   ",
])
def test_not_found(quote: str) -> None:
    assert find_quote(source(), quote) is None


# (quote, a fragment that must be in the differences, the line of the closest passage)
CLOSEST = [
    ("US total goods trade was an estimated $7.4 billion in 2024", '"$7.4" where the source has "$7.3"', 6),
    ("Ishaq Dar met with US Secretary of State Marco Rubio in Islamabad", '"Islamabad" where the source has', 3),
    ("total goods trade was estimated at $7.3 billion", None, 6),
    ("He said Pakistan really seeks deeper ties", 'adds "really"', 5),
]


@pytest.mark.parametrize("quote,difference,line", CLOSEST)
def test_closest_passage(quote: str, difference: str | None, line: int) -> None:
    closest = closest_passage(source(), quote)
    assert find_quote(source(), quote) is None
    assert closest is not None
    assert closest.line == line
    assert 50 <= closest.score <= 100
    if difference:
        assert any(difference in d for d in closest.differences), closest.differences
    assert "similar" in closest.describe()


def test_closest_passage_of_an_empty_source() -> None:
    assert closest_passage(source(""), "anything") is None


@pytest.mark.parametrize("quote,passage,expected", [
    ("a b c", "a b c.", []),
    ("a x c", "a b c", ['the quote has "x" where the source has "b"']),
    ("a b extra c", "a b c", ['the quote adds "extra"']),
    ("a c", "a b c", ['the quote leaves out "b"']),
])
def test_word_differences(quote: str, passage: str, expected: list[str]) -> None:
    assert word_differences(quote, passage) == expected
