"""`briefing suggest`: every suggestion proves as written, on the default base and on an empty one."""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, copy_project, run_cli

from briefing.check import check
from briefing.commands.suggest import suggest
from briefing.suggest.emit import insert_entries
from briefing.suggest.quality import empty_copy, measure

DEFAULT_SOURCES = ["dar-rubio-second-call", "trade-talks-final-stages", "counterterror-critical-minerals",
                   "mineral-extraction-pact", "security-trade-un-role"]
NEWS = FIXTURES / "suggest-news"


def project(kind: str, tmp_path: Path) -> Path:
    """A copy of the default project ("default") or of its briefing and sources only ("empty")."""
    if kind == "default":
        return copy_project(REPO, tmp_path)
    return empty_copy(REPO / "facts.yaml", tmp_path)


def only_inserted(before: str, after: str) -> bool:
    """Whether ``after`` is ``before`` with lines added and none changed or removed."""
    ops = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False).get_opcodes()
    return all(tag in ("equal", "insert") for tag, *_ in ops)


@pytest.mark.parametrize("base", ["default", "empty"])
def test_every_suggestion_of_the_five_sources_proves_when_appended(tmp_path: Path, base: str) -> None:
    facts = project(base, tmp_path)
    before_ids = set(check(facts).project.facts)
    for source_id in DEFAULT_SOURCES:
        printed = suggest(facts, [source_id])
        original = facts.read_text(encoding="utf-8")
        appended = suggest(facts, [source_id], append=True)
        assert appended.exit_code == 0 and appended.appended is not None
        edited = facts.read_text(encoding="utf-8")
        assert only_inserted(original, edited)
        if appended.appended == (0, 0):
            assert edited == original                                # nothing new: untouched
        for block in printed.fact_lines() + printed.people_lines() if appended.appended != (0, 0) else []:
            assert block in edited.splitlines()                      # appended exactly as printed
    report = check(facts)
    assert report.errors == []
    new = set(report.project.facts) - before_ids
    assert new, "nothing was appended"
    assert all(report.facts[ident].proven for ident in new)
    if base == "default":
        assert report.summary().endswith("0 errors, 0 warnings")


@pytest.mark.parametrize("base", ["default", "empty"])
def test_every_suggestion_proves_even_those_marked_known(tmp_path: Path, base: str) -> None:
    """All suggestions of all five sources at once, corroborating and already-cited ones written as facts too."""
    facts = project(base, tmp_path)
    result = suggest(facts, DEFAULT_SOURCES)
    text = facts.read_text(encoding="utf-8")
    text = insert_entries(text, "people", result.people_lines())
    text = insert_entries(text, "facts", result.fact_lines(everything=True))
    facts.write_text(text, encoding="utf-8")
    report = check(facts)
    assert report.errors == []
    assert len(result.facts) >= 25
    assert all(report.facts[s.id].proven for s in result.facts)
    assert all(report.people[p.id].proven for p in result.new_people)
    names = [p.entry["name"] for p in result.people]
    assert len(names) == len(set(names))                 # one entry per person, whichever sources name them


def test_a_person_named_in_several_sources_takes_the_role_most_of_them_give(tmp_path: Path) -> None:
    result = suggest(project("empty", tmp_path), DEFAULT_SOURCES, kinds=["people"])
    roles = {p.entry["name"]: p.entry["role"] for p in result.people}
    assert roles["Donald Trump"] == "President"          # one source says "former President"
    assert roles["Marco Rubio"] == "Secretary of State"


def test_recall_and_precision_on_the_default_sources() -> None:
    quality = measure(REPO / "facts.yaml")
    assert quality.recall >= 0.9, quality.missed
    assert quality.precision >= 0.7, quality.unmatched
    assert quality.strict_precision <= quality.precision <= quality.broad_precision


def test_default_base_marks_what_it_already_has(tmp_path: Path) -> None:
    facts = project("default", tmp_path)
    result = suggest(facts, ["dar-rubio-second-call"])
    status = {s.found: (s.status, s.other) for s in result.facts}
    assert status["$7.3 billion"] == ("cited", "us-pk-goods-trade-2024")
    assert status["5.2%"] == ("cited", "us-pk-goods-trade-deficit-growth-2024")
    assert result.new_people == []                      # every person named there is in `people` already


def test_cli_prints_yaml_on_stdout_and_a_summary_on_stderr(tmp_path: Path) -> None:
    facts = copy_project(NEWS, tmp_path)
    original = facts.read_bytes()
    done = run_cli("suggest", "relief", "--kinds", "percent", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Suggested by `briefing suggest relief`")
    assert "kind: percent" in done.stdout and "kind: amount" not in done.stdout
    assert "suggested facts from relief" in done.stderr
    assert facts.read_bytes() == original               # printing never writes

    appended = run_cli("suggest", "relief", "--append", cwd=tmp_path)
    assert appended.returncode == 0 and appended.stdout.startswith("Appended "), appended.stderr
    assert run_cli("check", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("args, message", [
    (["suggest", "no-such-source"], "unknown source no-such-source"),
    (["suggest", "relief", "--kinds", "claims"], "--kinds: unknown kind claims"),
    (["suggest"], "Missing argument"),
])
def test_cli_misuse_is_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    copy_project(NEWS, tmp_path)
    done = run_cli(*args, cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
