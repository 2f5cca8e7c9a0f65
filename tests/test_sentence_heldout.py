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


@pytest.mark.parametrize(("old", "new", "code", "said"), [
    ("2025-03-14", "2025-03-15", "published-disagrees", "March 14, 2025"),
    ("2025-03-14", "null", "published-stated", "March 14, 2025"),
    ("2025-10-12", "2025-10-13", "published-disagrees", "October 12"),   # "Oct 12 (Wire) –": no year stated
], ids=["release-disagrees", "release-suggested", "wire-disagrees"])
def test_the_datelines_are_checked(tmp_path: Path, old: str, new: str, code: str, said: str) -> None:
    """The release's "WASHINGTON, March 14, 2025 –" and the wire's "Oct 12 (Wire) –" must agree with `published`."""
    facts = copy_project(FIXTURE, tmp_path / "project")
    text = facts.read_text(encoding="utf-8")
    line = f"    published: {old}\n"
    assert text.count(line) == 1
    facts.write_text(text.replace(line, f"    published: {new}\n"), encoding="utf-8")
    findings = [f for f in verify(load_project(facts)).findings if f.code == code]
    assert len(findings) == 1 and said in findings[0].message, [f.message for f in findings]

