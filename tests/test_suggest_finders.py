"""What `briefing suggest` reads in general news writing (the suggest-news fixture, not the default sources)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project

from briefing.check import check
from briefing.commands.suggest import SuggestResult, suggest
from briefing.suggest.lexicon import lexicon, words
from briefing.suggest.model import Suggestion
from briefing.suggest.quality import empty_copy
from briefing.text.quantities import parse_value

NEWS = FIXTURES / "suggest-news"


@pytest.fixture(scope="module")
def relief(tmp_path_factory: pytest.TempPathFactory) -> SuggestResult:
    """Suggestions from the relief article, against the fixture's fact base (two facts from the wire)."""
    return suggest(copy_project(NEWS, tmp_path_factory.mktemp("news")), ["relief"])


def by_value(result: SuggestResult, kind: str) -> dict[Decimal, Suggestion]:
    return {parse_value(s.entry["value"]): s for s in result.facts if s.kind == kind}


def test_money_and_changes(relief: SuggestResult) -> None:
    amounts = by_value(relief, "amount")
    assert amounts[Decimal("12e9")].entry["unit"] == "EUR"
    low, high = amounts[Decimal("4.1e9")], amounts[Decimal("5.3e9")]
    assert low.entry["note"] == high.entry["note"] == "change: from $4.1 billion to $5.3 billion"
    assert high.entry["period"] == 2023 and "4.1" not in high.entry["text"]
    ranges = [(parse_value(s.entry["low"]), parse_value(s.entry["high"])) for s in relief.facts if s.kind == "range"]
    assert (Decimal("4.1e9"), Decimal("5.3e9")) not in ranges           # a change is not a range
    assert (Decimal("6e9"), Decimal("8e9")) in ranges and (Decimal("3e6"), Decimal("5e6")) in ranges


def test_percentages_counts_and_what_is_not_a_count(relief: SuggestResult) -> None:
    percents = by_value(relief, "percent")
    assert {Decimal("7.2"), Decimal("6.9"), Decimal("2.4")} <= set(percents)
    assert percents[Decimal("2.4")].entry["period"] == 2023
    counts = {(s.entry["value"], s.entry["unit"]) for s in relief.facts if s.kind == "count"}
    assert counts == {(350, "staff"), (3, "years")}     # not "the two sides"


@pytest.mark.parametrize("date, found, rule", [
    ("2024-03-14", "Thursday", ["the latest Thursday on or before publication", "(published 2024-03-14)"]),
    ("2024-03-18", "Monday", ["the first Monday on or after publication", "future tense", "(published 2024-03-14)"]),
    ("2024-05-01", "May 1", ["future tense", "(published 2024-03-14)"]),
])
def test_dates_say_which_rule_resolved_them(relief: SuggestResult, date: str, found: str, rule: list[str]) -> None:
    dates = {s.entry["date"]: s for s in relief.facts if s.kind == "date"}
    assert dates[date].found == found
    assert all(part in dates[date].entry["note"] for part in rule), dates[date].entry["note"]


def test_the_dateline_is_not_an_event(relief: SuggestResult) -> None:
    assert all(s.found != "March 14, 2024" for s in relief.facts)


@pytest.mark.parametrize("speaker, said", [
    ("klaus-weber", "This is a turning point for the continent"),      # "…," said German Finance Minister X
    ("klaus-weber", "We did not wait"),                                # "…," Weber added (the alias)
    ("elena-varga", "The plan will start on May 1."),                  # X, the bloc's …, told reporters: "…"
    ("klaus-weber", "Markets will calm down soon"),                    # "…," he said (Weber, named just before)
])
def test_quotations_are_credited_to_their_grammatical_speaker(relief: SuggestResult, speaker: str,
                                                              said: str) -> None:
    statements = {(s.entry["speaker"], s.entry["said"]) for s in relief.facts if s.kind == "statement"}
    assert (speaker, said) in statements


@pytest.mark.parametrize("ident, name, role, country", [
    ("elena-varga", "Elena Varga", "Commissioner", None),
    ("klaus-weber", "Klaus Weber", "Finance Minister", "Germany"),
    ("anna-berg", "Anna Berg", "senior IMF economist", None),
])
def test_people_named_with_a_role(relief: SuggestResult, ident: str, name: str, role: str,
                                  country: str | None) -> None:
    people = {p.id: p.entry for p in relief.people}
    assert people[ident]["name"] == name and people[ident]["role"] == role
    assert people[ident].get("country") == country


def test_known_facts_are_marked(relief: SuggestResult) -> None:
    amounts, percents = by_value(relief, "amount"), by_value(relief, "percent")
    assert amounts[Decimal("12e9")].remark == "corroborates greek-package: add as evidence"
    assert percents[Decimal("2.4")].status == "conflicts" and percents[Decimal("2.4")].other == \
        "eurozone-inflation-2023"
    assert percents[Decimal("7.2")].status == "new"     # unemployment is another measure than inflation


def test_topics_come_from_the_sections(relief: SuggestResult) -> None:
    assert {s.entry["topic"] for s in relief.facts} <= {"economy", "diplomacy"}
    assert by_value(relief, "amount")[Decimal("12e9")].entry["topic"] == "economy"


def test_a_candidate_in_two_sources_is_one_fact_with_evidence_from_both(tmp_path: Path) -> None:
    facts = empty_copy(NEWS / "facts.yaml", tmp_path)
    result = suggest(facts, ["relief", "wire"])
    package = [s for s in result.facts if s.kind == "amount" and s.entry.get("unit") == "EUR"]
    assert len(package) == 1
    assert [e["source"] for e in package[0].entry["evidence"]] == ["relief", "wire"]
    assert package[0].remark.startswith("also in wire")


def test_kinds_limit_what_is_suggested(tmp_path: Path) -> None:
    result = suggest(copy_project(NEWS, tmp_path), ["relief"], kinds=["date"])
    assert result.facts and {s.kind for s in result.facts} == {"date"}
    participants = {ident for s in result.facts for ident in s.entry.get("participants", ())}
    assert {p.id for p in result.people} == participants   # only the people the dates name


def test_participants_of_a_date_are_proposed_with_it(tmp_path: Path) -> None:
    facts = empty_copy(FIXTURES.parent.parent / "facts.yaml", tmp_path)
    result = suggest(facts, ["security-trade-un-role"], kinds=["date"], append=True)
    call = next(s for s in result.facts if s.entry["date"] == "2025-04-07")
    assert call.entry["participants"] == ["marco-rubio", "ishaq-dar"]
    assert {p.id for p in result.people} == {"marco-rubio", "ishaq-dar"}
    assert check(facts).errors == []


def test_every_lexicon_list_holds_words() -> None:
    for name, listed in lexicon().items():
        if isinstance(listed, list):
            assert words(name) and all(isinstance(word, str) for word in listed), name


def test_ids_are_made_from_the_subject_and_never_reused(relief: SuggestResult) -> None:
    ids = [s.id for s in relief.facts] + [p.id for p in relief.people]
    assert len(ids) == len(set(ids))
    assert "greek-package" not in ids and "eurozone-inflation-2023" not in ids
    assert by_value(relief, "amount")[Decimal("5.3e9")].id == "bank-lending-2023"
