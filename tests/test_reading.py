"""Reading figures and dates the way sources write them (issue 8), table-driven.

Every correctly written fact of ``reading_cases`` is proven against its quote
and its ``text`` agrees with its fields; the same fact with a wrong value, a
wrong unit or a wrong date is never proven; and a quote that can only be read
in part proves nothing, with a finding that names the part.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import TypeAdapter

from briefing.load.model import Fact
from briefing.text.currencies import currency_codes
from briefing.text.date_values import precision_of, shift_month
from briefing.text.normalize import normalize
from briefing.verify.consistency import text_problems
from briefing.verify.rules import RULES, Context
from reading_cases import ALL, MON, SUN, THU, Case, count, day, money, pct

FACT = TypeAdapter(Fact)


def build(fields: dict[str, Any], quote: str, text: str = "t") -> Any:
    return FACT.validate_python({"text": text, "topic": "t", "source": "s", "quote": quote, **fields})


def rule_problems(fields: dict[str, Any], quote: str, published: dt.date | None) -> list[Any]:
    """The problems the fact's support rule finds in ``quote``."""
    fact = build(fields, quote)
    ctx = Context(quote=normalize(quote).strip(), published=published, source_id="s", paragraph=str, people={})
    return RULES[fact.kind](fact, ctx)


def _published(case: Case) -> dt.date:
    return case[4] or SUN


@pytest.mark.parametrize("case", ALL, ids=[c[0] for c in ALL])
def test_correct_fact_is_proven(case: Case) -> None:
    ident, fields, quote, text, _ = case
    assert [p.message for p in rule_problems(fields, quote, _published(case))] == []
    assert [p.message for p in text_problems(build(fields, quote, text))] == []


def _next_digit(value: Any) -> Decimal:
    """The value one step up in its last written digit (1.4 trillion -> 1.5 trillion, 26 -> 27)."""
    from briefing.text.quantities import parse_value

    number = parse_value(value)
    exponent = number.normalize().as_tuple().exponent
    return number + Decimal(1).scaleb(int(exponent))


def _mutations(fields: dict[str, Any]) -> list[dict[str, Any]]:
    """Wrong versions of a correct fact: another value, another scale, another unit, another date."""
    kind = fields["kind"]
    if kind in ("amount", "count", "percent"):
        value = fields["value"]
        wrong = [{**fields, "value": _next_digit(value)}]
        if kind != "percent":
            wrong.append({**fields, "value": _next_digit(value) * 10 if kind == "amount" else int(_next_digit(value))})
        if kind == "amount":
            other = "EUR" if "USD" in (currency_codes(fields["unit"]) or ()) else "USD"
            wrong.append({**fields, "unit": other})
        elif kind == "count":
            wrong = [{**w, "value": int(w["value"])} for w in wrong] + [{**fields, "unit": "vehicles"}]
        else:
            swap = {"percent": "percentage points", "percentage points": "percent", "basis points": "percent"}
            wrong.append({**fields, "unit": swap[fields.get("unit", "percent")]})
        return wrong
    if kind == "range":
        wrong = [{**fields, "high": _next_digit(fields["high"])},
                 {**fields, "unit": "EUR" if fields["unit"] == "USD" else "USD"}]
        from briefing.text.quantities import parse_value

        if _next_digit(fields["low"]) <= parse_value(fields["high"]):
            wrong.append({**fields, "low": _next_digit(fields["low"])})
        return wrong
    date = FACT.validate_python({"text": "t", "topic": "t", "source": "s", "quote": "q", **fields}).date
    precision = precision_of(date)
    if precision == "day":
        return [{**fields, "date": (date + dt.timedelta(days=d)).isoformat()} for d in (-7, -1, 1, 7)]
    if precision == "month":
        return [{**fields, "date": shift_month(date, d).isoformat()[:7]} for d in (-1, 1)]
    return [{**fields, "date": str(date.year + d)} for d in (-1, 1)]


MUTATED = [(f"{c[0]}-wrong{i}", m, c[2], _published(c)) for c in ALL for i, m in enumerate(_mutations(c[1]))]


@pytest.mark.parametrize("ident, fields, quote, published", MUTATED, ids=[m[0] for m in MUTATED])
def test_wrong_value_is_never_proven(ident: str, fields: dict[str, Any], quote: str, published: dt.date) -> None:
    assert rule_problems(fields, quote, published) != []


# (id, fields, quote, published, code, words the message must contain)
PARTIAL: list[tuple[str, dict[str, Any], str, dt.date, str, str]] = [
    ("lakh-crore-not-lakh", money(300000, "PKR"), "a budget of Rs 3 lakh crore", SUN, "value-not-in-quote",
     "Rs 3 lakh crore"),
    ("unknown-dollar", money("5 million", "USD"), "a fine of Z$ 5 million", SUN, "figure-not-understood",
     "Z$ is not a currency this fact can be checked against"),
    ("mex-dollar-is-not-usd", money("10 million", "USD"), "a Mex$ 10 million fine", SUN, "unit-not-in-quote", "MXN"),
    ("nz-dollar-is-not-usd", money("5 million", "USD"), "NZ$ 5 million in aid", SUN, "unit-not-in-quote", "NZD"),
    ("hk-dollar-is-not-usd", money("4 billion", "USD"), "HK $ 4 billion", SUN, "unit-not-in-quote", "HKD"),
    ("real-is-not-usd", money("2 billion", "USD"), "R$ 2 billion", SUN, "unit-not-in-quote", "BRL"),
    ("third-of-a-billion", money("1 billion", "USD"), "a third of a billion dollars", SUN, "figure-not-understood",
     "not an exact number"),
    ("vague-dozens", count(24, "people"), "dozens of people were injured", SUN, "value-not-in-quote",
     "\"dozens\" states no exact number"),
    ("vague-hundreds", count(100, "families"), "hundreds of families were displaced", SUN, "value-not-in-quote",
     "\"hundreds\" states no exact number"),
    ("vague-scores", count(20, "protesters"), "scores of protesters were detained", SUN, "value-not-in-quote",
     "\"scores\" states no exact number"),
    ("vague-thousands", count(1000, "troops"), "thousands of troops massed", SUN, "value-not-in-quote",
     "\"thousands\" states no exact number"),
    ("ll-is-future", day("2016-11-04"), "I'll go back on Friday", MON, "date-not-in-quote",
     "the first Friday on or after publication"),
    ("before-yesterday-is-not-yesterday", day("2016-11-06"), "they met the day before yesterday", MON,
     "date-not-in-quote", "November 5, 2016"),
    ("of-1995-is-not-2016", day("2016-07-04"), "born on July 4th of 1995", MON, "date-not-in-quote", "1995"),
    ("leading-price", day("2015-12-12"), "I bought it for $12 December 27", MON, "date-not-in-quote",
     "December 27, 2015"),
    ("ambiguous-numeric", day("2025-03-04"), "the order dated 03/04/2025", SUN, "figure-not-understood",
     "read day first"),
    ("ambiguous-numeric-other", day("2025-04-03"), "the order dated 03/04/2025", SUN, "figure-not-understood",
     "read month first"),
    ("friday-before-last", day("2025-07-25"), "they met on the Friday before last", SUN, "figure-not-understood",
     "before last"),
    ("friday-before-last-other", day("2025-07-18"), "they met on the Friday before last", SUN,
     "figure-not-understood", "before last"),
    ("week-from-friday", day("2025-08-15"), "talks resume a week from Friday", SUN, "figure-not-understood",
     "a week from"),
    ("approximate-ago", day("2025-07-20"), "about two weeks ago the talks began", SUN, "figure-not-understood",
     "approximate"),
    ("span-of-days", day("2025-05-07"), "the talks on May 7-9 in Doha", SUN, "figure-not-understood",
     "span of days"),
    ("duration-is-not-a-date", day("2027-08-03"), "the first visit in two years", SUN, "date-not-in-quote", ""),
    ("month-does-not-prove-day", day("2025-06-01"), "Pakistan hosted the talks in June", SUN, "date-not-in-quote",
     "June 2025"),
    ("sunday-next-week", day("2025-08-12"), "they meet on Tuesday next week", SUN, "figure-not-understood",
     "written on a Sunday"),
    ("sunday-this-friday", day("2025-08-01"), "the rally this Friday", SUN, "figure-not-understood",
     "written on a Sunday"),
    ("two-thirds-is-no-count", count(2, "voters"), "two-thirds of voters backed the bill", SUN,
     "figure-not-understood", "not an exact number"),
    ("percent-is-not-points", pct(3, "percentage points"), "support rose 3%", SUN, "value-not-in-quote",
     "percentage"),
]


@pytest.mark.parametrize("ident, fields, quote, published, code, words", PARTIAL, ids=[p[0] for p in PARTIAL])
def test_partial_reading_proves_nothing(ident: str, fields: dict[str, Any], quote: str, published: dt.date,
                                        code: str, words: str) -> None:
    found = rule_problems(fields, quote, published)
    assert [p.code for p in found][:1] == [code]
    assert words in found[0].message


# A text that prints another figure than the fields, in digits or in words.
WRONG_TEXTS = [
    ("words-money", money("5 million", "USD"), "He got six million dollars."),
    ("words-percent", pct(20), "A twenty-five percent tariff."),
    ("words-count", count(26, "tourists"), "Twenty-seven tourists were killed."),
    ("lakh-crore", money(3 * 10**12, "INR"), "The bill is Rs 3 lakh."),
    ("south-asian", money(1234567, "PKR"), "The firm was fined Rs 12,34,568."),
    ("other-dollar", money("5 million", "USD"), "NZ$ 5 million from New Zealand."),
    ("half-million", money(500000, "USD"), "Bail was half a billion dollars."),
    ("month-fact-day-text", day("2025-06"), "Pakistan hosted the talks on June 5, 2025."),
    ("year-fact-month-text", day("2024"), "The deal was signed in May 2024."),
    ("ambiguous-text", day("2025-03-04"), "The order is dated 03/04/2025."),
    ("basis-points", pct(50, "basis points"), "The SBP raised rates by 75 basis points."),
]


@pytest.mark.parametrize("ident, fields, text", WRONG_TEXTS, ids=[w[0] for w in WRONG_TEXTS])
def test_text_that_prints_another_figure_disagrees(ident: str, fields: dict[str, Any], text: str) -> None:
    assert [p.code for p in text_problems(build(fields, "q", text))] == ["text-disagrees"]


def test_readings_are_named_in_the_finding() -> None:
    """A relative date that does not match says which reading was used."""
    (problem,) = rule_problems(day("2025-07-24"), "The cabinet will meet next Friday.", THU)
    assert "next Friday" in problem.message and "July 25, 2025" in problem.message
    assert "the first Friday after publication" in problem.message


def test_month_and_year_facts_print_at_their_precision() -> None:
    from briefing.text.dates import format_date

    assert format_date(build(day("2025-06"), "q").date) == "June 2025"
    assert format_date(build(day("2025"), "q").date) == "2025"
    assert format_date(build(day("2025-06-05"), "q").date) == "June 5, 2025"


def test_shipped_currency_data_is_babels() -> None:
    """currencies.json is what Babel's CLDR data says (scripts/update_currencies.py rewrites it)."""
    import json
    from importlib import resources

    from briefing.text.currencies import babel_tables

    shipped = json.loads(resources.files("briefing.text").joinpath("currencies.json").read_text(encoding="utf-8"))
    assert shipped == babel_tables()
