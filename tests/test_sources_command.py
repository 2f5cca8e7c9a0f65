"""`briefing sources` and `--pin`: a table, and surgical sha256 edits that keep the layout."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, run_cli

from briefing.commands.sources import pinned_text

ODD = FIXTURES / "odd-layout"


def digest(path: Path) -> str:
    """The sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_pin(original: str, call: str, pact: str) -> str:
    """The odd-layout facts.yaml as --pin must leave it: only sha256 values added or replaced."""
    edits = [
        ("call with Rubio\n", f"call with Rubio\n            sha256: {call}\n"),
        ("published: 2025-07-26}", f"published: 2025-07-26, sha256: {pact}}}"),
        ("sha256: null ", f"sha256: {pact} "),
        ("sha256: '" + "f" * 64 + "'", f"sha256: {pact}"),
        ("# a comment after the last field\n", f"# a comment after the last field\n        sha256: {pact}\n"),
    ]
    for old, new in edits:
        assert original.count(old) == 1, old
        original = original.replace(old, new)
    return original


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_pin_edits_only_sha256_then_check_passes_then_a_change_fails(tmp_path: Path, newline: str) -> None:
    facts = copy_project(ODD, tmp_path)
    original = (ODD / "facts.yaml").read_text(encoding="utf-8")
    facts.write_bytes(original.replace("\n", newline).encode("utf-8"))
    sources = tmp_path / "sources"
    assert run_cli("check", cwd=tmp_path).returncode == 1          # the stale pin

    result = run_cli("sources", "--pin", cwd=tmp_path)
    assert result.returncode == 0 and "Pinned 5 sources" in result.stdout, result.stdout + result.stderr
    want = expected_pin(original, digest(sources / "second-call.txt"), digest(sources / "pact.txt"))
    assert facts.read_bytes() == want.replace("\n", newline).encode("utf-8")
    assert run_cli("check", cwd=tmp_path).returncode == 0

    with (sources / "pact.txt").open("a", encoding="utf-8") as handle:
        handle.write("An added line.\n")
    failed = run_cli("check", cwd=tmp_path)
    assert failed.returncode == 1
    changed = {line.split()[2].rstrip(":") for line in failed.stdout.splitlines() if "[source-changed]" in line}
    assert changed == {"pact", "pact-again", "pact-stale", "pact-last"}

    assert run_cli("sources", "--pin", cwd=tmp_path).returncode == 0
    assert run_cli("check", cwd=tmp_path).returncode == 0


def test_pin_twice_changes_nothing(tmp_path: Path) -> None:
    facts = copy_project(FIXTURES / "minimal", tmp_path)
    assert run_cli("sources", "--pin", cwd=tmp_path).returncode == 0
    pinned = facts.read_bytes()
    result = run_cli("sources", "--pin", cwd=tmp_path)
    assert result.returncode == 0 and "already pinned" in result.stdout
    assert facts.read_bytes() == pinned


def test_pin_refuses_a_broken_fact_base(tmp_path: Path) -> None:
    facts = copy_project(FIXTURES / "minimal", tmp_path)
    broken = facts.read_text(encoding="utf-8").replace("kind: claim", "kind: rumour")
    facts.write_text(broken, encoding="utf-8")
    result = run_cli("sources", "--pin", cwd=tmp_path)
    assert result.returncode == 1 and "Nothing pinned" in result.stdout
    assert facts.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize("text,expected", [
    ("sources:\n  a:\n    path: p\n    sha256:\n", "sources:\n  a:\n    path: p\n    sha256: D\n"),
    ("sources:\n  a:\n    path: p\n    sha256: ~ # c\n", "sources:\n  a:\n    path: p\n    sha256: D # c\n"),
    ("sources:\n  a:\n    path: p\n    sha256: \"D\"\n", "sources:\n  a:\n    path: p\n    sha256: \"D\"\n"),
    ("sources:\n  a:\n    path: p", "sources:\n  a:\n    path: p\n    sha256: D"),
    ("sources:\n  a: {path: p}\n", "sources:\n  a: {path: p, sha256: D}\n"),
    ("sources:\n  b:\n    path: p\n", "sources:\n  b:\n    path: p\n"),       # no digest for b
    ("sources: []\n", "sources: []\n"),
])
def test_pinned_text(text: str, expected: str) -> None:
    assert pinned_text(text, {"a": "D"})[0] == expected


def test_an_all_digit_digest_is_quoted() -> None:
    text, count = pinned_text("sources:\n  a:\n    path: p\n", {"a": "1" * 64})
    assert count == 1 and text.endswith(f'sha256: "{"1" * 64}"\n')


def test_sources_table(tmp_path: Path) -> None:
    copy_project(FIXTURES / "minimal", tmp_path)
    result = run_cli("sources", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    pact = next(line for line in result.stdout.splitlines() if "pact" in line and "2025-07-26" in line)
    assert digest(tmp_path / "sources" / "pact.txt")[:10] in pact
    assert pact.rstrip(" │|").split()[-1] == "2"                     # two facts cite it
    for word in ("title", "published", "sha256", "facts", "unknown"):
        assert word in result.stdout


def test_sources_table_reports_a_missing_file(tmp_path: Path) -> None:
    copy_project(FIXTURES / "minimal", tmp_path)
    (tmp_path / "sources" / "pact.txt").unlink()
    result = run_cli("sources", cwd=tmp_path)
    assert result.returncode == 1 and "error[source-missing] pact:" in result.stdout
