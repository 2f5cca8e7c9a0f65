"""The `change` kind and the role of a figure: rules, loading, the printed figure and the chart."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from briefing.document.compose import build_document, figure_of
from briefing.load.model import Fact
from briefing.load.project import load_project
from briefing.text.normalize import normalize
from briefing.verify.change import figure_role_problems, find_changes
from briefing.verify.consistency import text_problems
from briefing.verify.facts import verify
from briefing.verify.rules import RULES, Context

FACT = TypeAdapter(Fact)


def fact(**fields: Any) -> Any:
    return FACT.validate_python({"text": "t", "topic": "t", "source": "s", "quote": "q", **fields})


def rule(the_fact: Any, quote: str) -> list[str]:
    ctx = Context(quote=normalize(quote), published=dt.date(2025, 1, 1), source_id="s", paragraph=lambda: "",
                  people={})
    return [p.code for p in RULES[the_fact.kind](the_fact, ctx)]


EV = "The tariff on electric vehicles from China will increase from 25% to 100% in 2024."
TRADE = ("US total goods trade with Pakistan was an estimated $7.3 billion in 2024, according to the website of the "
         "Office of the US Trade Representative, up from around $6.9 billion in 2023.")
CHANGES = [
    ("from-to-percent", {"from": 25, "to": 100, "unit": "percent", "period": 2024}, EV, []),
    ("from-to-swapped", {"from": 100, "to": 25, "unit": "percent"}, EV, ["change-not-in-quote"]),
    ("from-to-wrong-year", {"from": 25, "to": 100, "unit": "percent", "period": 2025}, EV, ["period-not-in-quote"]),
    ("up-from", {"from": "6.9 billion", "to": "7.3 billion", "unit": "USD", "from_period": 2023, "period": 2024},
     TRADE, []),
    ("up-from-years-swapped", {"from": "6.9 billion", "to": "7.3 billion", "unit": "USD", "from_period": 2024,
                               "period": 2023}, TRADE, ["period-not-in-quote", "period-not-in-quote"]),
    ("doubled-to", {"from": 25, "to": 50, "unit": "percent"}, "The levy doubled to 50% last year.", []),
    ("quadruples-to", {"from": "0.5 billion", "to": "2 billion", "unit": "USD"},
     "Aid quadruples to $2 billion under the plan.", []),
    ("rose-from-to", {"from": 120, "to": 180, "unit": "troops"}, "The contingent rose from 120 to 180 troops.", []),
    ("wrong-unit", {"from": 25, "to": 100, "unit": "USD"}, EV, ["unit-not-in-quote"]),
    ("no-change", {"from": 25, "to": 100, "unit": "percent"}, "The tariff is 100%.", ["change-not-in-quote"]),
]


@pytest.mark.parametrize("case,fields,quote,expected", CHANGES, ids=[c[0] for c in CHANGES])
def test_change_rule(case: str, fields: dict[str, Any], quote: str, expected: list[str]) -> None:
    assert rule(fact(kind="change", **fields), quote) == expected


def test_find_changes_reads_each_form() -> None:
    found = [(c.before, c.after, c.after_year) for c in find_changes(normalize(EV))]
    assert found == [(25, 100, 2024)]
    trade = find_changes(normalize(TRADE))
    assert [(c.before_year, c.after_year) for c in trade] == [(2023, 2024)]


ROLES = [
    ("from-value-for-the-year", {"kind": "percent", "value": 25, "period": 2024}, EV, ["figure-role-differs"]),
    ("to-value-for-the-year", {"kind": "percent", "value": 100, "period": 2024}, EV, []),
    ("from-value-without-year", {"kind": "percent", "value": 25}, EV, []),
    ("up-from-its-own-year", {"kind": "amount", "value": "6.9 billion", "unit": "USD", "period": 2023}, TRADE, []),
]


@pytest.mark.parametrize("case,fields,quote,expected", ROLES, ids=[r[0] for r in ROLES])
def test_figure_role(case: str, fields: dict[str, Any], quote: str, expected: list[str]) -> None:
    assert [p.code for p in figure_role_problems(fact(**fields), normalize(quote))] == expected


CONTEXT = [
    ("year-the-quote-states", {"kind": "percent", "value": 5.2, "period": 2024}, "The deficit rose 5.2% over 2023.",
     "a 5.2% increase over 2023", []),
    ("since-year", {"kind": "count", "value": 8, "unit": "terms"}, "Pakistan has served eight terms since 1947.",
     "eight UNSC terms since 1947", []),
    ("section-301", {"kind": "percent", "value": 25}, "Under Section 301, the tariff is 25%.",
     "tariffs under Section 301 will be 25%", []),
    ("section-not-in-quote", {"kind": "percent", "value": 25}, "Under Section 232, the tariff is 25%.",
     "tariffs under Section 301 will be 25%", ["text-disagrees"]),
    ("in-another-year", {"kind": "percent", "value": 5.2, "period": 2024}, "The deficit rose 5.2% in 2023.",
     "a 5.2% increase over 2023", ["text-disagrees"]),
    ("year-not-in-quote", {"kind": "percent", "value": 5.2}, "The deficit rose 5.2% over 2022.",
     "a 5.2% increase over 2023", ["text-disagrees"]),
]


@pytest.mark.parametrize("case,fields,text,quote,expected", CONTEXT, ids=[c[0] for c in CONTEXT])
def test_context_the_quote_states(case: str, fields: dict[str, Any], text: str, quote: str,
                                  expected: list[str]) -> None:
    the_fact = fact(**{**fields, "text": text})
    assert [p.code for p in text_problems(the_fact, [normalize(quote)])] == expected


def test_change_fact_is_proven_printed_and_charted(tmp_path: Path) -> None:
    from conftest import MINIMAL, copy_project

    facts = copy_project(MINIMAL, tmp_path / "project")
    text = facts.read_text(encoding="utf-8")
    addition = '''
  goods-trade-change:
    kind: change
    topic: trade
    text: "US goods trade with Pakistan rose from around $6.9 billion in 2023 to an estimated $7.3 billion in 2024."
    from: 6.9 billion
    to: 7.3 billion
    unit: USD
    from_period: 2023
    period: 2024
    label: "Goods trade"
    source: second-call
    quote: "US total goods trade with Pakistan was an estimated $7.3 billion in 2024, according to the website of the Office of the US Trade Representative, up from around $6.9 billion in 2023"
'''
    text = text.replace("\ncharts:", addition + "\ncharts:").replace(
        "facts: [goods-trade-2023, goods-trade-2024]", "facts: [goods-trade-2023, goods-trade-2024, goods-trade-change]")
    facts.write_text(text, encoding="utf-8")
    report = verify(load_project(facts))
    assert report.ok and not report.warnings, [str(f) for f in report.findings]
    change = report.project.facts["goods-trade-change"]
    assert figure_of(change) == "from $6.9 billion to $7.3 billion"
    document = build_document(report)
    chart = document.charts[0]
    assert [(bar.label, bar.display) for bar in chart.bars][-2:] == [("Goods trade, 2023", "$6.9 billion"),
                                                                    ("Goods trade, 2024", "$7.3 billion")]


def test_change_unknown_key_is_named(tmp_path: Path) -> None:
    from conftest import MINIMAL, copy_project

    facts = copy_project(MINIMAL, tmp_path / "project")
    text = facts.read_text(encoding="utf-8").replace("\ncharts:", '''
  bad-change:
    kind: change
    topic: trade
    text: "t"
    form: 1
    to: 2
    unit: USD
    source: second-call
    quote: "q"
''' + "\ncharts:")
    facts.write_text(text, encoding="utf-8")
    project = load_project(facts)
    messages = [f.message for f in project.findings if f.subject == "bad-change"]
    assert any("unknown key `form` (did you mean `from`?)" in m for m in messages), messages
