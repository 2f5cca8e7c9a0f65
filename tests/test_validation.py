"""validation: pydantic errors become findings at the YAML node at fault, with a useful message."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.load.project import load_project

HEAD = """\
briefing:
  title: T
  as_of: 2025-08-04
  marking: M
sources:
  s1:
    path: sources/s.txt
    title: S
people:
  p1:
    name: Ishaq Dar
    role: Minister
    source: s1
    quote: Minister Ishaq Dar
facts:
"""

# (case, fact or extra YAML after "facts:" at line 16, (line, column, code, subject), words in the message)
CASES = [
    ("evidence-item-missing-quote",
     "  f1:\n    kind: claim\n    topic: t\n    text: x\n    evidence:\n      - source: s1\n        quote: q\n"
     "      - source: s1\n", (23, 9, "missing-field", "f1"), "`evidence.1.quote` is required"),
    ("evidence-item-bad-source",
     "  f1:\n    kind: claim\n    topic: t\n    text: x\n    evidence:\n      - {source: S1, quote: q}\n",
     (21, 10, "invalid-id", "f1"), "evidence.0.source"),
    ("evidence-empty",
     "  f1:\n    kind: claim\n    topic: t\n    text: x\n    evidence: []\n", (20, 5, "invalid-field", "f1"),
     "evidence"),
    ("participant-bad-id",
     "  f1:\n    kind: date\n    topic: t\n    text: x\n    date: 2025-01-01\n    participants: [p1, Dar]\n"
     "    source: s1\n    quote: q\n", (21, 24, "invalid-id", "f1"), "participants.1"),
    ("count-not-integer",
     "  f1:\n    kind: count\n    topic: t\n    text: x\n    value: 2.5\n    unit: u\n    source: s1\n    quote: q\n",
     (20, 5, "invalid-field", "f1"), "value"),
    ("percent-unit",
     "  f1:\n    kind: percent\n    topic: t\n    text: x\n    value: 2\n    unit: pct\n    source: s1\n"
     "    quote: q\n", (21, 5, "invalid-field", "f1"), "percentage points"),
    ("period-not-a-year",
     "  f1:\n    kind: amount\n    topic: t\n    text: x\n    value: 2\n    unit: USD\n    period: 24\n"
     "    source: s1\n    quote: q\n", (22, 5, "invalid-field", "f1"), "period"),
    ("field-of-another-kind",
     "  f1:\n    kind: claim\n    topic: t\n    text: x\n    value: 2\n    source: s1\n    quote: q\n",
     (20, 5, "unknown-key", "f1"), "unknown key `value`"),
    ("typo-hint",
     "  f1:\n    kind: statement\n    topic: t\n    text: x\n    speeker: p1\n    said: s\n    source: s1\n"
     "    quote: q\n", (20, 5, "unknown-key", "f1"), "did you mean `speaker`"),
    ("kind-not-a-string",
     "  f1:\n    kind: [claim]\n    topic: t\n    text: x\n    source: s1\n    quote: q\n",
     (17, 5, "unknown-kind", "f1"), "unknown kind"),
    ("empty-text",
     "  f1:\n    kind: claim\n    topic: t\n    text: ''\n    source: s1\n    quote: q\n",
     (19, 5, "invalid-field", "f1"), "text"),
    ("value-true",
     "  f1:\n    kind: amount\n    topic: t\n    text: x\n    value: true\n    unit: USD\n    source: s1\n"
     "    quote: q\n", (20, 5, "invalid-field", "f1"), "true/false"),
    ("chart-without-facts", "  f1: {kind: claim, topic: t, text: x, source: s1, quote: q}\ncharts:\n  c1:\n    title: C\n",
     (18, 3, "missing-field", "c1"), "`facts` is required"),
]


@pytest.mark.parametrize("case,body,expected,words", CASES, ids=[c[0] for c in CASES])
def test_validation_finding(tmp_path: Path, case: str, body: str, expected: tuple[int, int, str, str],
                            words: str) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    findings = load_project(path).findings
    located = [(f.line, f.column, f.code, f.subject) for f in findings]
    assert expected in located, [str(f) for f in findings]
    assert words in findings[located.index(expected)].message


@pytest.mark.parametrize("block,expected", [
    ("  paper: A5\n", (5, 3, "invalid-field", None)),
    ("  language: english!\n", (5, 3, "invalid-field", None)),
    ("  sections: {Trade: x}\n", (5, 14, "invalid-id", None)),
])
def test_briefing_block(tmp_path: Path, block: str, expected: tuple[int, int, str, None]) -> None:
    path = tmp_path / "facts.yaml"
    text = HEAD.replace("  marking: M\n", "  marking: M\n" + block)
    text += "  f1: {kind: claim, topic: t, text: x, source: s1, quote: q}\n"
    path.write_text(text, encoding="utf-8")
    assert expected in [(f.line, f.column, f.code, f.subject) for f in load_project(path).findings]


def test_every_entity_is_checked_independently(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    body = "  f1: {kind: claim, topic: t, text: x, source: s1, quote: q}\n  f2: {kind: nope}\n  f3: {kind: claim}\n"
    path.write_text(HEAD + body, encoding="utf-8")
    project = load_project(path)
    assert set(project.facts) == {"f1"}
    assert {f.subject for f in project.findings} == {"f2", "f3"}


@pytest.mark.parametrize("value", ["7.3 gazillion", "seven", "'1e999999999'"])
def test_bad_value_is_described_once(tmp_path: Path, value: str) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(HEAD + f"  f1:\n    kind: amount\n    topic: t\n    text: x\n    value: {value}\n    unit: USD\n"
                    "    source: s1\n    quote: q\n", encoding="utf-8")
    (finding,) = [f for f in load_project(path).findings if f.code == "invalid-field"]
    assert finding.message.count("got ") == 1, finding.message


@pytest.mark.parametrize("written, hint", [
    ("Aug 4, 2025", ": write 2025-08-04"),
    ("4 August 2025", ": write 2025-08-04"),
    ("07/05/2025", ""),        # ambiguous: no suggestion
    ("last week", ""),
])
def test_a_date_that_is_not_iso_gets_its_iso_form_suggested(tmp_path: Path, written: str, hint: str) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(f'briefing:\n  title: T\n  as_of: "{written}"\n  marking: U\nsources: {{}}\nfacts: {{}}\n')
    messages = [f.message for f in load_project(facts).findings if "as_of" in f.message]
    assert messages == [f"`as_of` must be an ISO date (YYYY-MM-DD), got '{written}'{hint}"]
