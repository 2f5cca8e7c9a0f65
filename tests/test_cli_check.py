"""`briefing check` as a user runs it: subprocess, exit codes, output lines, JSON."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, run_cli

LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[a-z0-9-]+)\]"
                  r"(?: (?P<id>[^ :]+):)? (?P<message>.+)$")
SUMMARY = re.compile(r"^(\d+ of )?\d+ facts and (\d+ of )?\d+ people proven; \d+ errors?, \d+ warnings?$")


def _break(facts: Path) -> None:
    text = facts.read_text(encoding="utf-8")
    text = text.replace("value: 6.9 billion", "value: 6.8 billion").replace("label: \"Deficit growth\"",
                                                                           "review_by: 2025-01-01")
    facts.write_text(text, encoding="utf-8")


def test_default_project_passes() -> None:
    result = run_cli("check", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"\d+ facts and \d+ people proven; 0 errors, 0 warnings\n", result.stdout)


def test_proven_project_exits_0(minimal: Path) -> None:
    result = run_cli("check", cwd=minimal.parent)
    assert (result.returncode, result.stdout, result.stderr) == \
        (0, "6 facts and 2 people proven; 0 errors, 0 warnings\n", "")


def test_errors_exit_1_one_line_each(minimal: Path) -> None:
    _break(minimal)
    result = run_cli("check", str(minimal.name), cwd=minimal.parent)
    assert result.returncode == 1 and result.stderr == ""
    *lines, summary = result.stdout.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    found = {(m["file"], m["line"], m["col"], m["sev"], m["code"], m["id"]) for m in parsed if m}
    assert ("facts.yaml", "56", "5", "error", "value-not-in-quote", "goods-trade-2023") in found
    assert ("facts.yaml", "70", "5", "warning", "stale-fact", "deficit-rise") in found
    assert SUMMARY.match(summary) and summary.endswith("1 warning")


def test_json_output(minimal: Path) -> None:
    _break(minimal)
    result = run_cli("check", "--format", "json", cwd=minimal.parent)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and SUMMARY.match(data["summary"])
    finding = next(f for f in data["findings"] if f["code"] == "value-not-in-quote")
    assert finding == {"code": "value-not-in-quote", "message": finding["message"], "file": "facts.yaml",
                       "line": 56, "column": 5, "fact": "goods-trade-2023", "severity": "error"}
    verdict = data["facts"]["goods-trade-2023"]
    assert verdict["proven"] is False and "value-not-in-quote" in {e["code"] for e in verdict["errors"]}
    proven = data["facts"]["goods-trade-2024"]
    assert proven["proven"] is True and proven["citations"][0]["source"] == "second-call"
    assert set(data["people"]) == {"ishaq-dar", "marco-rubio"}


def test_strict_turns_warnings_into_failure(minimal: Path) -> None:
    text = minimal.read_text(encoding="utf-8").replace("label: \"Deficit growth\"", "review_by: 2025-01-01")
    minimal.write_text(text, encoding="utf-8")
    assert run_cli("check", cwd=minimal.parent).returncode == 0
    assert run_cli("check", "--strict", cwd=minimal.parent).returncode == 1


@pytest.mark.parametrize("args,needle", [
    (["check", "--bogus"], "No such option"),
    (["check", "missing.yaml"], "no such file"),
    (["check", "--format", "xml"], "xml"),
    (["check", "sources"], "without facts.yaml"),
    (["frobnicate"], "No such command"),
])
def test_misuse_exits_2(minimal: Path, args: list[str], needle: str) -> None:
    result = run_cli(*args, cwd=minimal.parent)
    assert result.returncode == 2 and needle in result.stderr and "Traceback" not in result.stderr


def test_folder_argument_finds_facts_yaml(minimal: Path) -> None:
    assert run_cli("check", str(minimal.parent), cwd=REPO).returncode == 0
    _break(minimal)
    result = run_cli("check", "project", cwd=minimal.parent.parent)
    assert result.returncode == 1 and result.stdout.startswith("project/facts.yaml:")


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["sources", "-h"]])
def test_help(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 0 and "Usage:" in result.stdout


def test_broken_yaml_is_a_finding_not_a_traceback(minimal: Path) -> None:
    minimal.write_bytes(b"briefing: [\x00\n  - !!python/object:os.system {}\n")
    result = run_cli("check", cwd=minimal.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert all(LINE.match(line) for line in result.stdout.splitlines()[:-1])
