"""Held-out sentence checks: a fact base written apart from the default project (tests/heldout_rows.py).

The fixture project (a USTR press release, a wire story on a bombing, a White
House transcript, a tariff fact sheet) is proven as written; each mutation of
one fact fails with its finding code on that fact; each faithful paraphrase
stays proven with no finding at all.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_project
from heldout_rows import MUTATIONS, PARAPHRASES, Row

from briefing.load.project import load_project
from briefing.verify.facts import Checker, Verdict, verify

FIXTURE = Path(__file__).parent / "fixtures" / "heldout_sentences"
PROJECT = load_project(FIXTURE / "facts.yaml")
CHECKER = Checker(PROJECT)


def check(row: Row) -> Verdict:
    """The verdict on one fixture fact with some fields replaced."""
    fact = PROJECT.facts[row.fact].model_copy(update=row.changes)
    return CHECKER.check_fact(row.fact, fact)


def test_the_fixture_is_proven_as_written() -> None:
    report = verify(PROJECT)
    assert report.ok and not report.findings, [str(f) for f in report.findings]
    assert len(PROJECT.facts) == 42 and len(PROJECT.people) == 6


def test_enough_rows_of_every_class() -> None:
    assert len({r.id for r in MUTATIONS}) == len(MUTATIONS) >= 40
    assert len({r.id for r in PARAPHRASES}) == len(PARAPHRASES) >= 30
    codes = {r.code for r in MUTATIONS}
    assert {"subject-contradicts-quote", "direction-contradicts-quote", "counted-noun-differs", "actors-reversed",
            "actor-not-in-quote", "negation-differs", "hedge-differs", "event-differs", "tense-differs",
            "speaker-not-credited", "text-credits-other", "figure-role-differs"} <= codes


@pytest.mark.parametrize("row", MUTATIONS, ids=[r.id for r in MUTATIONS])
def test_mutation_fails(row: Row) -> None:
    verdict = check(row)
    codes = [f.code for f in verdict.findings if f.severity == "error"]
    assert not verdict.proven and row.code in codes, \
        f"{row.fact}: expected error[{row.code}], got " + "; ".join(str(f) for f in verdict.findings)
    assert all(f.subject == row.fact for f in verdict.findings)


@pytest.mark.parametrize("row", PARAPHRASES, ids=[r.id for r in PARAPHRASES])
def test_paraphrase_passes(row: Row) -> None:
    verdict = check(row)
    assert verdict.proven and not verdict.findings, "; ".join(str(f) for f in verdict.findings)


@pytest.mark.parametrize(("published", "code"), [("2025-03-15", "published-disagrees"), (None, "published-stated")])
def test_the_release_dateline_is_checked(tmp_path: Path, published: str | None, code: str) -> None:
    """The release's "WASHINGTON, March 14, 2025 –" must agree with `published` (or is suggested for it)."""
    facts = copy_project(FIXTURE, tmp_path / "project")
    text = facts.read_text(encoding="utf-8")
    old = "    published: 2025-03-14\n"
    assert text.count(old) == 1
    facts.write_text(text.replace(old, f"    published: {published or 'null'}\n"), encoding="utf-8")
    findings = [f for f in verify(load_project(facts)).findings if f.code == code]
    assert len(findings) == 1 and "March 14, 2025" in findings[0].message and "ustr-kenya" in findings[0].message

