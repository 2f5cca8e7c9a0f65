"""support: each kind's rule from the spec's table, accepting and rejecting."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import TypeAdapter

from briefing.text.normalize import normalize
from briefing.load.model import Fact, Person
from briefing.verify.rules import RULES, Context, support_mentions, support_person
from briefing.text.words import has_phrase, has_unit, missing_words

FACT = TypeAdapter(Fact)
PEOPLE = {
    "ishaq-dar": Person(name="Ishaq Dar", role="Foreign Minister", aliases=["Dar", "FM Dar"], source="s", quote="q"),
    "marco-rubio": Person(name="Marco Rubio", role="Secretary of State", aliases=["Rubio"], source="s", quote="q"),
}
SAT = dt.date(2025, 7, 26)   # a Saturday


def problems(fields: dict[str, Any], quote: str, published: dt.date | None = SAT,
             paragraph: str = "") -> list[str]:
    """The problem codes the fact's rule finds in ``quote``."""
    fact = FACT.validate_python({"text": "t", "topic": "t", "source": "s", "quote": quote, **fields})
    ctx = Context(quote=normalize(quote).strip(), published=published, source_id="s",
                  paragraph=lambda: normalize(paragraph), people=PEOPLE)
    return [p.code for p in RULES[fact.kind](fact, ctx) + support_mentions(fact, ctx)]


def amount(value: Any, unit: str = "USD", **more: Any) -> dict[str, Any]:
    return {"kind": "amount", "value": value, "unit": unit, **more}


# (case, fields, quote, expected codes)
CASES: list[tuple[str, dict[str, Any], str, list[str]]] = [
    # amount: currencies, scale words, precision, period
    ("usd-dollar-sign", amount("7.3 billion", period=2024), "trade was an estimated $7.3 billion in 2024", []),
    ("usd-digits", amount(7300000000), "an estimated $7.3 billion", []),
    ("usd-us-dollar", amount("3 billion"), "a deficit of US$3 billion", []),
    ("usd-code-before", amount("3 billion"), "a deficit of USD 3 billion", []),
    ("usd-code-after", amount("3 billion"), "a deficit of 3 billion USD", []),
    ("usd-bn", amount("3 billion"), "a deficit of $3bn", []),
    ("usd-mn", amount("250 million"), "loans of $250mn", []),
    ("usd-m-glued", amount("100 million"), "a $100m fund", []),
    ("usd-k", amount(500000), "a $500k grant", []),
    ("usd-tn", amount("6 trillion"), "worth $6tn", []),
    ("usd-thousands-separator", amount(1200000), "paid $1,200,000", []),
    ("pkr-rs", amount("500 crore", "PKR"), "a budget of Rs 500 crore", []),
    ("pkr-rs-dot", amount(5000, "PKR"), "a fine of Rs. 5,000", []),
    ("pkr-code", amount("2 billion", "PKR"), "PKR 2 billion for schools", []),
    ("pkr-rupees", amount("2 billion", "PKR"), "2 billion rupees for schools", []),
    ("eur-sign", amount("5 billion", "EUR"), "€5 billion in aid", []),
    ("eur-code", amount("5 billion", "EUR"), "EUR 5bn in aid", []),
    ("noun-unit", amount("1.2 million", "tonnes"), "exports of 1.2 million tonnes of rice", []),
    ("wrong-figure", amount("7.4 billion"), "an estimated $7.3 billion", ["value-not-in-quote"]),
    ("wrong-scale", amount("7.3 million"), "an estimated $7.3 billion", ["value-not-in-quote"]),
    ("more-precise-quote", amount("7.3 billion"), "an estimated $7.35 billion", ["value-not-in-quote"]),
    ("wrong-currency", amount("5 billion", "EUR"), "$5 billion in aid", ["unit-not-in-quote"]),
    ("usd-vs-pkr", amount("5 billion"), "Rs 5 billion in aid", ["unit-not-in-quote"]),
    ("wrong-noun", amount("1.2 million", "tonnes"), "exports of 1.2 million barrels", ["unit-not-in-quote"]),
    ("wrong-period", amount("7.3 billion", period=2023), "an estimated $7.3 billion in 2024",
     ["period-not-in-quote"]),
    ("no-figure", amount("7.3 billion"), "trade grew strongly", ["value-not-in-quote"]),
    # percent and percentage points
    ("percent-sign", {"kind": "percent", "value": 29}, "a 29% tariff", []),
    ("percent-words", {"kind": "percent", "value": 5.2}, "up 5.2 per cent", []),
    ("percent-percent", {"kind": "percent", "value": "5.2"}, "up 5.2 percent over 2023", []),
    ("percent-period", {"kind": "percent", "value": 5.2, "period": 2023}, "a 5.2% increase over 2023", []),
    # with several years in the quote, an amount's period is the year nearest its figure
    ("period-of-another-figure", amount("7.3 billion", period=2023),
     "an estimated $7.3 billion in 2024, up from around $6.9 billion in 2023", ["period-not-in-quote"]),
    ("period-of-this-figure", amount("6.9 billion", period=2023),
     "an estimated $7.3 billion in 2024, up from around $6.9 billion in 2023", []),
    ("period-before-figure", amount("3 billion", period=2024), "In 2024, the deficit was $3 billion, up from $2.8 billion in 2023", []),
    ("period-old-year", amount("2 million", "GBP", period=1750), "In 1750, the debt was £2 million", []),
    ("count-period-of-another-figure", {"kind": "count", "value": 8, "unit": "terms", "period": 1947},
     "eight terms in 2025, and three terms in 1947", ["period-not-in-quote"]),
    ("percent-change-names-its-base-year", {"kind": "percent", "value": 5.2, "period": 2024},
     "$3 billion in 2024, a 5.2% increase over 2023.", []),

    ("points", {"kind": "percent", "value": 3, "unit": "percentage points"}, "rates rose 3 percentage points", []),
    ("points-pp", {"kind": "percent", "value": 3, "unit": "percentage points"}, "rates rose 3pp", []),
    ("percent-not-points", {"kind": "percent", "value": 3}, "rates rose 3 percentage points",
     ["value-not-in-quote"]),
    ("points-not-percent", {"kind": "percent", "value": 3, "unit": "percentage points"}, "rates rose 3%",
     ["value-not-in-quote"]),
    ("percent-wrong", {"kind": "percent", "value": 30}, "a 29% tariff", ["value-not-in-quote"]),
    ("percent-bare-number", {"kind": "percent", "value": 29}, "a tariff of 29 on goods", ["value-not-in-quote"]),
    # counts
    ("count-digits", {"kind": "count", "value": 26, "unit": "dead"}, "which left 26 dead", []),
    ("count-word", {"kind": "count", "value": 8, "unit": "agreements"}, "they signed eight agreements", []),
    ("count-hyphen-word", {"kind": "count", "value": 26, "unit": "people"}, "twenty-six people died", []),
    ("count-singular-unit", {"kind": "count", "value": 1, "unit": "agreements"}, "one agreement", []),
    ("count-wrong", {"kind": "count", "value": 27, "unit": "dead"}, "which left 26 dead", ["value-not-in-quote"]),
    ("count-word-inside", {"kind": "count", "value": 8, "unit": "teens"}, "eighteen teens", ["value-not-in-quote"]),
    # the number must be a count of the unit: not part of a date, not a noun elsewhere in the quote
    ("count-day-of-a-date", {"kind": "count", "value": 22, "unit": "dead"},
     "An April 22 terror attack in Pahalgam, which left 26 dead", ["value-not-in-quote"]),
    ("count-year-before-unit", {"kind": "count", "value": 1947, "unit": "terms"},
     "a nation that's logged eight UNSC terms since 1947.", ["unit-not-in-quote"]),
    ("count-unit-in-another-clause", {"kind": "count", "value": 26, "unit": "tourists"},
     "which left 26 dead, including several tourists", ["unit-not-in-quote"]),
    ("count-unit-words-after", {"kind": "count", "value": 8, "unit": "terms"},
     "a nation that's logged eight UNSC terms since 1947.", []),
    ("count-unit-after-abbreviation", {"kind": "count", "value": 3, "unit": "troops"}, "3 U.S. troops died", []),
    ("count-unit-missing", {"kind": "count", "value": 26, "unit": "tourists"}, "which left 26 dead",
     ["unit-not-in-quote"]),
    # ranges
    ("range-hyphen", {"kind": "range", "low": "6 trillion", "high": "8 trillion", "unit": "USD"},
     "worth an estimated $6-8 trillion", []),
    ("range-en-dash", {"kind": "range", "low": "6 trillion", "high": "8 trillion", "unit": "USD"},
     "worth an estimated $6–8 trillion", []),
    ("range-between", {"kind": "range", "low": 6, "high": 8, "unit": "percent"}, "growth between 6% and 8%", []),
    ("range-from-to", {"kind": "range", "low": "6 million", "high": "8 million", "unit": "people"},
     "from 6 to 8 million people", []),
    ("range-unit-of-two-words", {"kind": "range", "low": 4000, "high": 6000, "unit": "product lines"},
     "tariffs on between 4,000 and 6,000 product lines", []),
    ("range-unit-of-two-words-absent", {"kind": "range", "low": 4000, "high": 6000, "unit": "product lines"},
     "tariffs on between 4,000 and 6,000 products, officials said of the lines", ["unit-not-in-quote"]),
    ("range-wrong-high", {"kind": "range", "low": "6 trillion", "high": "9 trillion", "unit": "USD"},
     "worth $6-8 trillion", ["range-not-in-quote"]),
    ("range-wrong-scale", {"kind": "range", "low": "6 billion", "high": "8 billion", "unit": "USD"},
     "worth $6-8 trillion", ["range-not-in-quote"]),
    ("range-wrong-unit", {"kind": "range", "low": "6 trillion", "high": "8 trillion", "unit": "EUR"},
     "worth $6-8 trillion", ["unit-not-in-quote"]),
    ("range-one-bound", {"kind": "range", "low": 6, "high": 8, "unit": "USD"}, "worth $8", ["range-not-in-quote"]),
    # dates: absolute, year-less, relative, weekday rule
    ("date-absolute", {"kind": "date", "date": "2025-04-07"}, "On April 7, 2025, Rubio called", []),
    ("date-day-first", {"kind": "date", "date": "2025-04-07"}, "on 7 April 2025", []),
    ("date-iso", {"kind": "date", "date": "2025-04-07"}, "dated 2025-04-07", []),
    ("date-yearless", {"kind": "date", "date": "2025-05-07"}, "strikes on May 7", []),
    ("date-yearless-last-year", {"kind": "date", "date": "2024-12-30"}, "talks on December 30", []),
    ("date-weekday-past", {"kind": "date", "date": "2025-07-25"}, "met in Washington on Friday", []),
    ("date-weekday-same-day", {"kind": "date", "date": "2025-07-26"}, "met on Saturday", []),
    ("date-weekday-future", {"kind": "date", "date": "2025-07-28"}, "they will meet on Monday", []),
    ("date-yesterday", {"kind": "date", "date": "2025-07-25"}, "the talks held yesterday", []),
    ("date-off-by-one", {"kind": "date", "date": "2025-07-24"}, "met in Washington on Friday",
     ["date-not-in-quote"]),
    ("date-weekday-not-future", {"kind": "date", "date": "2025-08-01"}, "met on Friday", ["date-not-in-quote"]),
    ("date-wrong-year", {"kind": "date", "date": "2024-04-07"}, "On April 7, 2025", ["date-not-in-quote"]),
    ("date-month-only", {"kind": "date", "date": "2025-06-01"}, "hosted him in June", ["date-not-in-quote"]),
    ("date-none", {"kind": "date", "date": "2025-07-25"}, "met in Washington", ["date-not-in-quote"]),
    ("participants", {"kind": "date", "date": "2025-07-25", "participants": ["ishaq-dar", "marco-rubio"]},
     "FM Dar met Rubio on Friday", []),
    ("participant-by-name", {"kind": "date", "date": "2025-07-25", "participants": ["ishaq-dar"]},
     "Ishaq Dar travelled on Friday", []),
    ("participant-missing", {"kind": "date", "date": "2025-07-25", "participants": ["ishaq-dar", "marco-rubio"]},
     "Dar met the press on Friday", ["participant-not-in-quote"]),
    ("participant-inside-word", {"kind": "date", "date": "2025-07-25", "participants": ["ishaq-dar"]},
     "Darby met the press on Friday", ["participant-not-in-quote"]),
    ("location", {"kind": "date", "date": "2025-07-25", "location": "Washington"}, "met in washington on Friday",
     []),
    ("location-two-words", {"kind": "date", "date": "2025-07-25", "location": "White House"},
     "at the White House on Friday", []),
    ("location-wrong", {"kind": "date", "date": "2025-07-25", "location": "Islamabad"},
     "met in Washington on Friday", ["location-not-in-quote"]),
    ("location-inside-word", {"kind": "date", "date": "2025-07-25", "location": "Wash"},
     "met in Washington on Friday", ["location-not-in-quote"]),
    # statements
    ("said-in-quote", {"kind": "statement", "speaker": "ishaq-dar", "said": "Pakistan seeks deeper ties"},
     "Dar said Pakistan seeks deeper ties with the US.", []),
    ("said-curly", {"kind": "statement", "speaker": "ishaq-dar", "said": "It's a deal"},
     "“It’s a deal,” Dar said.", []),
    ("said-word-changed", {"kind": "statement", "speaker": "ishaq-dar", "said": "Pakistan wants deeper ties"},
     "Dar said Pakistan seeks deeper ties with the US.", ["said-not-in-quote"]),
    ("speaker-missing", {"kind": "statement", "speaker": "marco-rubio", "said": "Pakistan seeks deeper ties"},
     "Dar said Pakistan seeks deeper ties with the US.", ["speaker-not-credited"]),
    # claims and mentions
    ("claim", {"kind": "claim"}, "anything at all", []),
    ("mention", {"kind": "claim", "mentions": ["marco-rubio"]}, "Secretary Rubio echoed", []),
    ("mention-missing", {"kind": "claim", "mentions": ["marco-rubio"]}, "The Secretary echoed",
     ["mention-not-in-quote"]),
]


@pytest.mark.parametrize("case,fields,quote,expected", CASES, ids=[c[0] for c in CASES])
def test_support_rule(case: str, fields: dict[str, Any], quote: str, expected: list[str]) -> None:
    assert problems(fields, quote) == expected


@pytest.mark.parametrize("quote,paragraph,expected", [
    ("He said Pakistan seeks deeper ties.", "FM Dar spoke. He said Pakistan seeks deeper ties.", []),
    ("He said Pakistan seeks deeper ties.", "Someone spoke. He said Pakistan seeks deeper ties.",
     ["speaker-not-named"]),
])
def test_speaker_named_in_the_paragraph(quote: str, paragraph: str, expected: list[str]) -> None:
    fields = {"kind": "statement", "speaker": "ishaq-dar", "said": "Pakistan seeks deeper ties"}
    assert problems(fields, quote, paragraph=paragraph) == expected


@pytest.mark.parametrize("quote", ["met on Friday", "talks on May 7", "talks last month"])
def test_relative_date_without_published_says_so(quote: str) -> None:
    assert problems({"kind": "date", "date": "2025-05-07"}, quote, published=None) == ["published-missing"]


def test_absolute_date_needs_no_published() -> None:
    assert problems({"kind": "date", "date": "2025-05-07"}, "on May 7, 2025", published=None) == []


def test_value_message_says_what_the_quote_says() -> None:
    fact = FACT.validate_python({"text": "t", "topic": "t", "source": "s", "quote": "q", **amount("7.4 billion")})
    ctx = Context(quote="an estimated $7.3 billion", published=None, source_id="s", paragraph=str, people=PEOPLE)
    (problem,) = RULES["amount"](fact, ctx)
    assert "7.4 billion USD" in problem.message and "the quote says $7.3 billion" in problem.message


# (person fields, quote, expected codes)
PERSON_CASES = [
    ({}, "Deputy Prime Minister and Foreign Minister Ishaq Dar", []),
    ({}, "deputy prime minister and foreign minister ishaq dar", []),
    ({}, "Foreign Minister Ishaq Dar", ["role-not-in-quote"]),
    ({}, "Deputy Prime Minister and Foreign Minister Dar", ["name-not-in-quote"]),
    ({"role": "State Department spokesperson", "name": "Tammy Bruce"},
     "US state department spokesperson Tammy Bruce", []),
    ({"role": "Secretary of Commerce", "name": "Tammy Bruce"}, "Tammy Bruce, the US commerce chief",
     ["role-not-in-quote"]),
]


@pytest.mark.parametrize("fields,quote,expected", PERSON_CASES)
def test_person_rule(fields: dict[str, str], quote: str, expected: list[str]) -> None:
    data = {"name": "Ishaq Dar", "role": "Deputy Prime Minister and Foreign Minister", "source": "s", "quote": quote}
    person = Person(**{**data, **fields})
    assert [p.code for p in support_person(person, normalize(quote))] == expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("FM Dar's visit", "Dar", True),
    ("Darby said", "Dar", False),
    ("state department   spokesperson", "State Department spokesperson", True),
    ("the DAR group", "dar", True),
    ("", "Dar", False),
    ("Dar", "  ", False),
])
def test_has_phrase(text: str, phrase: str, expected: bool) -> None:
    assert has_phrase(text, phrase) is expected


def test_units_and_missing_words() -> None:
    assert has_unit("26 tourists", "tourist") and has_unit("1 tonne", "tonnes") and not has_unit("26 dead", "tourist")
    assert missing_words("Foreign Minister Dar", "Deputy Foreign Minister") == ["Deputy"]


def test_location_message_names_the_place_the_quote_gives() -> None:
    fact = FACT.validate_python({"text": "t", "topic": "t", "source": "s", "quote": "q", "kind": "date",
                                 "date": "2025-07-25", "location": "Islamabad"})
    ctx = Context(quote="met in Washington on Friday", published=SAT, source_id="s", paragraph=str, people=PEOPLE)
    (problem,) = RULES["date"](fact, ctx)
    assert problem.message == "the quote names Washington, not Islamabad"
