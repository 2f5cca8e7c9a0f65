"""verify: sources, quotes, references and warnings on a real project in tmp_path."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable

import pytest

from briefing.load.project import load_project
from briefing.verify.facts import Report, verify


def check(facts: Path) -> Report:
    """Load and verify ``facts``."""
    return verify(load_project(facts, display="facts.yaml"))


def replace(facts: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``facts``."""
    text = facts.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    facts.write_text(text.replace(old, new), encoding="utf-8")


def test_minimal_project_is_proven(minimal: Path) -> None:
    report = check(minimal)
    assert report.ok and report.findings == []
    assert all(v.proven for v in report.facts.values()) and len(report.facts) == 6
    meeting = report.facts["dar-rubio-meeting"].cited[0]
    assert (meeting.source_id, meeting.line, meeting.column) == ("pact", 5, 70)
    assert report.summary() == "6 facts and 2 people proven; 0 errors, 0 warnings"


def _sha_pin(facts: Path) -> None:
    replace(facts, "    published: 2025-07-26\n", f"    published: 2025-07-26\n    sha256: {'a' * 64}\n")


def _symlink_out(facts: Path) -> None:
    outside = facts.parent.parent / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    (facts.parent / "sources" / "link.txt").symlink_to(outside)
    replace(facts, "path: sources/pact.txt", "path: sources/link.txt")


def _folder_link_out(facts: Path) -> None:
    outside = facts.parent.parent / "elsewhere"
    outside.mkdir()
    (outside / "pact.txt").write_text("secret", encoding="utf-8")
    (facts.parent / "sources" / "shared").symlink_to(outside, target_is_directory=True)
    replace(facts, "path: sources/pact.txt", "path: sources/shared/pact.txt")


def _link_chain_out(facts: Path) -> None:
    outside = facts.parent.parent / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    (facts.parent / "sources" / "hop.txt").symlink_to(outside)
    (facts.parent / "sources" / "link.txt").symlink_to(facts.parent / "sources" / "hop.txt")
    replace(facts, "path: sources/pact.txt", "path: sources/link.txt")


def _not_utf8(facts: Path) -> None:
    (facts.parent / "sources" / "pact.txt").write_bytes(b"caf\xe9 Washington on Friday\n")


# (case, edit, code, subject, line, column)
SOURCE_CASES: list[tuple[str, Callable[[Path], None], str, str, int, int]] = [
    ("missing", lambda f: replace(f, "sources/pact.txt", "sources/gone.txt"), "source-missing", "pact", 19, 5),
    ("dotdot", lambda f: replace(f, "sources/pact.txt", "../pact.txt"), "source-outside-project", "pact", 19, 5),
    ("absolute", lambda f: replace(f, "sources/pact.txt", "/etc/hostname"), "source-outside-project", "pact", 19, 5),
    ("symlink", _symlink_out, "source-outside-project", "pact", 19, 5),
    ("folder-symlink", _folder_link_out, "source-outside-project", "pact", 19, 5),
    ("symlink-chain", _link_chain_out, "source-outside-project", "pact", 19, 5),
    ("folder", lambda f: replace(f, "sources/pact.txt", "sources"), "source-missing", "pact", 19, 5),
    ("not-utf8", _not_utf8, "source-not-utf8", "pact", 19, 5),
    ("sha256", _sha_pin, "source-changed", "pact", 22, 5),
]


@pytest.mark.parametrize("case,edit,code,subject,line,column", SOURCE_CASES, ids=[c[0] for c in SOURCE_CASES])
def test_source_problems(minimal: Path, case: str, edit: Callable[[Path], None], code: str, subject: str,
                         line: int, column: int) -> None:
    edit(minimal)
    report = check(minimal)
    assert (code, subject, line, column) in [(f.code, f.subject, f.line, f.column) for f in report.findings]
    assert not report.facts["dar-rubio-meeting"].proven     # cites the broken source
    assert report.facts["goods-trade-2024"].proven          # other sources still prove their facts


def test_inside_dotdot_path_is_fine(minimal: Path) -> None:
    replace(minimal, "path: sources/pact.txt", "path: sources/../sources/pact.txt")
    assert check(minimal).ok


def test_correct_pin_passes(minimal: Path) -> None:
    digest = hashlib.sha256((minimal.parent / "sources" / "pact.txt").read_bytes()).hexdigest()
    replace(minimal, "    published: 2025-07-26\n", f"    published: 2025-07-26\n    sha256: {digest.upper()}\n")
    assert check(minimal).ok


# (case, old, new, code, subject, line)
FACT_CASES = [
    ("unknown-source", "    source: pact\n    quote: \"Pakistan's", "    source: pakt\n    quote: \"Pakistan's",
     "unknown-source", "dar-rubio-meeting", 80),
    ("unknown-speaker", "speaker: ishaq-dar", "speaker: ishaq-darr", "unknown-person", "dar-stable-ties", 86),
    ("unknown-participant", "participants: [ishaq-dar, marco-rubio]", "participants: [ishaq-dar, marco-rubi]",
     "unknown-person", "dar-rubio-meeting", 78),
    ("unknown-mention", "mentions: [marco-rubio]", "mentions: [rubio]", "unknown-person", "minerals", 94),
    ("person-source", "    source: second-call\n    quote: \"US Secretary", "    source: nope\n    quote: \"US Secretary",
     "unknown-source", "marco-rubio", 36),
    ("quote-changed", "US total goods trade with Pakistan was an estimated $7.3 billion in 2024\"",
     "US total goods trade with Pakistan was an estimated $7.4 billion in 2024\"", "quote-not-found",
     "goods-trade-2024", 51),
    ("blank-quote", 'quote: "up from around $6.9 billion in 2023"', 'quote: " "', "quote-not-found",
     "goods-trade-2023", 62),
]


@pytest.mark.parametrize("case,old,new,code,subject,line", FACT_CASES, ids=[c[0] for c in FACT_CASES])
def test_fact_problems(minimal: Path, case: str, old: str, new: str, code: str, subject: str, line: int) -> None:
    replace(minimal, old, new)
    report = check(minimal)
    assert (code, subject, line) in [(f.code, f.subject, f.line) for f in report.findings], \
        [str(f) for f in report.findings]
    verdicts = report.facts if subject in report.facts else report.people
    assert not verdicts[subject].proven


def test_quote_not_found_names_the_closest_passage(minimal: Path) -> None:
    replace(minimal, "estimated $7.3 billion in 2024\"", "estimated $7.4 billion in 2024\"")
    (finding,) = [f for f in check(minimal).errors if f.code == "quote-not-found"]
    assert 'the quote has "$7.4" where the source has "$7.3"' in finding.message
    assert "% similar" in finding.message and "line " in finding.message


def test_invalid_person_makes_referring_facts_unproven(minimal: Path) -> None:
    replace(minimal, "    role: Secretary of State\n", "")
    report = check(minimal)
    assert ("unknown-person", "dar-rubio-meeting") in [(f.code, f.subject) for f in report.findings]
    assert not report.facts["minerals"].proven


# (case, edit of facts.yaml, warning code, subject)
WARNINGS = [
    ("stale", ("    label: \"Deficit growth\"\n", "    label: \"Deficit growth\"\n    review_by: 2025-08-01\n"),
     "stale-fact", "deficit-rise"),
    ("unused-source", ("  pact:\n    path", "  extra:\n    path: sources/pact.txt\n    title: X\n  pact:\n    path"),
     "unused-source", "extra"),
    ("unused-person", ("\nfacts:\n", "  nobody:\n    name: Marco Rubio\n    role: Secretary of State\n"
                       "    source: second-call\n    quote: \"US Secretary of State Marco Rubio\"\n\nfacts:\n"),
     "unused-person", "nobody"),
]


@pytest.mark.parametrize("case,edit,code,subject", WARNINGS, ids=[w[0] for w in WARNINGS])
def test_warnings(minimal: Path, case: str, edit: tuple[str, str], code: str, subject: str) -> None:
    replace(minimal, *edit)
    report = check(minimal)
    assert report.ok
    assert [(f.code, f.subject, f.severity) for f in report.findings] == [(code, subject, "warning")]
    assert report.summary().endswith("0 errors, 1 warning")


def test_review_by_after_as_of_is_not_stale(minimal: Path) -> None:
    replace(minimal, "    label: \"Deficit growth\"\n", "    label: \"Deficit growth\"\n    review_by: 2025-09-01\n")
    assert check(minimal).findings == []


def test_metric_conflict_names_both_facts_and_sources(minimal: Path) -> None:
    replace(minimal, "    period: 2023\n    metric: us-pk-goods-trade", "    period: 2024\n    metric: us-pk-goods-trade")
    report = check(minimal)
    conflicts = [f for f in report.findings if f.code == "metric-conflict"]
    assert len(conflicts) == 1
    assert conflicts[0].subject == "goods-trade-2023" and "goods-trade-2024" in conflicts[0].message
    assert "`second-call` and `second-call`" in conflicts[0].message


def test_summary_counts_unproven(minimal: Path) -> None:
    replace(minimal, "value: 5.2\n", "value: 5.3\n")
    report = check(minimal)
    assert report.summary().startswith("5 of 6 facts and 2 of 2 people proven; ")


def test_json_record_shape(minimal: Path) -> None:
    data = check(minimal).as_dict()
    assert set(data) == {"file", "ok", "summary", "findings", "facts", "people", "sources"}
    assert data["facts"]["goods-trade-2024"]["proven"] is True
    assert data["sources"]["pact"]["path"] == "sources/pact.txt"


def test_unreadable_source_permission(minimal: Path) -> None:
    if os.geteuid() == 0:
        replace(minimal, "sources/pact.txt", "sources/gone/../missing.txt")
        code = "source-missing"
    else:
        (minimal.parent / "sources" / "pact.txt").chmod(0)
        code = "source-missing"
    assert code in [f.code for f in check(minimal).findings]


def test_a_source_reached_through_a_link_inside_the_project_is_read(minimal: Path) -> None:
    sources = minimal.parent / "sources"
    (minimal.parent / "archive").mkdir()
    (sources / "pact.txt").rename(minimal.parent / "archive" / "pact.txt")
    (sources / "pact.txt").symlink_to(minimal.parent / "archive" / "pact.txt")
    report = check(minimal)
    assert report.ok and report.facts["dar-rubio-meeting"].proven, report.summary()
