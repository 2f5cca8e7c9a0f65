"""consistency: figures and dates printed in text agree with the fact's fields; metric conflicts."""
from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from briefing.verify.consistency import metric_conflicts, text_problems
from briefing.load.model import Fact

FACT = TypeAdapter(Fact)


def fact(text: str, **fields: Any) -> Any:
    """A valid fact with ``text`` and ``fields``."""
    return FACT.validate_python({"topic": "t", "source": "s", "quote": "q", "text": text, **fields})


AMOUNT = {"kind": "amount", "value": "7.3 billion", "unit": "USD", "period": 2024}
RANGE = {"kind": "range", "low": "6 trillion", "high": "8 trillion", "unit": "USD"}
DATE = {"kind": "date", "date": "2025-05-10"}

# (case, text, fields, number of text-disagrees problems)
CASES = [
    ("amount-agrees", "Trade was $7.3 billion in 2024.", AMOUNT, 0),
    ("amount-digits-agree", "Trade was $7,300,000,000 in 2024.", AMOUNT, 0),
    ("amount-wrong-figure", "Trade was $7.4 billion in 2024.", AMOUNT, 1),
    ("amount-wrong-scale", "Trade was $7.3 million in 2024.", AMOUNT, 1),
    ("amount-wrong-year", "Trade was $7.3 billion in 2023.", AMOUNT, 1),
    ("amount-month-in-period", "Trade was $7.3 billion in July 2024.", AMOUNT, 0),
    ("amount-foreign-date", "On May 11, 2025, trade was $7.3 billion in 2024.", AMOUNT, 1),
    ("percent-agrees", "The deficit grew 5.2% over 2023.", {"kind": "percent", "value": 5.2, "period": 2023}, 0),
    ("percent-wrong", "The deficit grew 5.3%.", {"kind": "percent", "value": 5.2}, 1),
    ("range-en-dash", "Reserves are worth $6–8 trillion.", RANGE, 0),
    ("range-hyphen", "Reserves are worth $6-8 trillion.", RANGE, 0),
    ("range-wrong-bound", "Reserves are worth $6–9 trillion.", RANGE, 1),
    ("range-one-bound-twice", "Reserves are worth $8–8 trillion.", RANGE, 1),        # both bounds must match
    ("range-low-bound-twice", "Reserves are worth $6 trillion to $6 trillion.", RANGE, 1),
    ("count-word", "Eight agreements were signed.", {"kind": "count", "value": 8, "unit": "agreements"}, 0),
    ("count-word-wrong", "Nine agreements were signed.", {"kind": "count", "value": 8, "unit": "agreements"}, 1),
    ("count-digits-wrong", "The attack left 27 dead.", {"kind": "count", "value": 26, "unit": "dead"}, 1),
    ("date-agrees", "A ceasefire was declared on May 10, 2025.", DATE, 0),
    ("date-day-first", "A ceasefire was declared on 10 May 2025.", DATE, 0),
    ("date-off-by-one", "A ceasefire was declared on May 11, 2025.", DATE, 1),
    ("date-wrong-year", "A ceasefire was declared on May 10, 2024.", DATE, 1),
    ("date-month", "A ceasefire was declared in May 2025.", DATE, 0),
    ("date-wrong-month", "A ceasefire was declared in June 2025.", DATE, 1),
    ("as-of-date", "As of April 7, 2025, the tariff was 29%.", {"kind": "percent", "value": 29,
                                                                "as_of": "2025-04-07"}, 0),
    ("claim-without-figures", "The meeting was seen as a reset.", {"kind": "claim"}, 0),
    ("claim-with-figure", "The meeting drew 300 guests.", {"kind": "claim"}, 1),
    ("claim-with-date", "They met on July 25, 2025.", {"kind": "claim"}, 1),
    ("statement-figure-said", "Dar said “the deal is worth $5 billion”.",
     {"kind": "statement", "speaker": "d", "said": "the deal is worth $5 billion"}, 0),
    ("statement-figure-outside", "Dar said on 3 occasions that ties matter.",
     {"kind": "statement", "speaker": "d", "said": "ties matter"}, 1),
    # money in another currency than the fact's
    ("amount-other-currency", "Trade was €7.3 billion in 2024.", AMOUNT, 1),
    ("amount-other-currency-code", "Trade was 7.3 billion PKR in 2024.", AMOUNT, 1),
    ("range-other-currency", "Reserves are worth Rs 6-8 trillion.", RANGE, 1),
    ("count-with-currency", "The attack left $26 dead.", {"kind": "count", "value": 26, "unit": "dead"}, 1),
    ("amount-noun-unit", "Output was 26 tonnes.", {"kind": "amount", "value": 26, "unit": "tonnes"}, 0),
    ("statement-other-currency", "Dar said “the deal is worth £5 billion”.",
     {"kind": "statement", "speaker": "d", "said": "the deal is worth $5 billion"}, 1),
    ("names-with-digits", "The G20 and COVID-19 were discussed.", {"kind": "claim"}, 0),
]


@pytest.mark.parametrize("case,text,fields,count", CASES, ids=[c[0] for c in CASES])
def test_text_figures_and_dates(case: str, text: str, fields: dict[str, Any], count: int) -> None:
    found = text_problems(fact(text, **fields))
    assert [p.code for p in found] == ["text-disagrees"] * count
    assert all(p.field == "text" and "the text prints" in p.message for p in found)


def test_message_names_the_printed_figure_and_the_value() -> None:
    (problem,) = text_problems(fact("Trade was $7.4 billion in 2024.", **AMOUNT))
    assert '"$7.4 billion"' in problem.message and "value 7.3 billion" in problem.message


def _metric(value: Any, period: int | None = 2024, unit: str = "USD", metric: str = "m") -> Any:
    return fact("x", kind="amount", value=value, unit=unit, period=period, metric=metric)


@pytest.mark.parametrize("facts,expected", [
    ({"a": _metric("7.3 billion"), "b": _metric(7300000000)}, []),                      # equal values agree
    ({"a": _metric("7.3 billion"), "b": _metric("7.4 billion")}, [("a", "b")]),
    ({"a": _metric("7.3 billion"), "b": _metric("7.4 billion", period=2023)}, []),     # other period
    ({"a": _metric("7.3 billion"), "b": _metric("7.4 billion", metric="n")}, []),       # other metric
    ({"a": _metric("7.3 billion"), "b": _metric("7.3 billion", unit="EUR")}, [("a", "b")]),
    ({"a": _metric(1), "b": _metric(1), "c": _metric(2)}, [("a", "c")]),
    ({"a": _metric(1, period=None), "b": _metric(2, period=None)}, [("a", "b")]),
])
def test_metric_conflicts(facts: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert list(metric_conflicts(facts)) == expected
