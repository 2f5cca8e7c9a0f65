"""`--append` adds entries surgically: every byte already in facts.yaml stays where it was."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, copy_project

from briefing.check import check
from briefing.commands.suggest import suggest
from briefing.suggest.emit import insert_entries
from briefing.suggest.emit import entry_lines, read_back, scalar

NEW = ["  # suggested", *entry_lines("new-fact", {"kind": "claim", "text": "A claim: with a colon.", "source": "s"})]
NEW_TEXT = "  # suggested\n  new-fact:\n    kind: claim\n    text: \"A claim: with a colon.\"\n    source: s"


@pytest.mark.parametrize("before, after", [
    # the block is followed by another section and a comment: the entry goes after the last fact
    ("facts:\n  a:\n    kind: claim  # note\n# charts\ncharts: {}\n",
     f"facts:\n  a:\n    kind: claim  # note\n{NEW_TEXT}\n# charts\ncharts: {{}}\n"),
    # four-space indentation is kept
    ("facts:\n    a:\n        kind: claim\n",
     "facts:\n    a:\n        kind: claim\n    # suggested\n    new-fact:\n        kind: claim\n"
     "        text: \"A claim: with a colon.\"\n        source: s\n"),
    # `facts:` with nothing after it, with a comment, with null, with {}
    ("briefing: {}\nfacts:\n", f"briefing: {{}}\nfacts:\n{NEW_TEXT}\n"),
    ("facts:   # none yet\nx: 1\n", f"facts:   # none yet\n{NEW_TEXT}\nx: 1\n"),
    ("facts: null\n", f"facts: \n{NEW_TEXT}\n"),
    ("facts: {}\n", f"facts: \n{NEW_TEXT}\n"),
    # no `facts` at all; no newline at the end of the file
    ("briefing: {}", f"briefing: {{}}\nfacts:\n{NEW_TEXT}\n"),
    # CRLF line endings stay CRLF
    ("facts:\r\n  a:\r\n    kind: claim\r\n", "facts:\r\n  a:\r\n    kind: claim\r\n" + NEW_TEXT.replace("\n", "\r\n")
     + "\r\n"),
    # a block scalar as the last value
    ("facts:\n  a:\n    note: |\n      two\n      lines\nz: 1\n",
     f"facts:\n  a:\n    note: |\n      two\n      lines\n{NEW_TEXT}\nz: 1\n"),
])
def test_insert_entries_keeps_the_layout(before: str, after: str) -> None:
    assert insert_entries(before, "facts", NEW) == after
    assert yaml.safe_load(after)["facts"]["new-fact"]["text"] == "A claim: with a colon."


def test_a_one_line_mapping_is_refused_not_rewritten() -> None:
    with pytest.raises(ValueError, match="one-line mapping"):
        insert_entries("facts: {a: {kind: claim}}\n", "facts", NEW)


@pytest.mark.parametrize("value", ["plain words", "yes", "7.3 billion", "a: b", "ends with -", "\"quoted\" #1",
                                   "Pakistan's", "line\nbreak", "2025-04-07", "tab\there", "€12 billion"])
def test_scalars_read_back_exactly(value: str) -> None:
    written = read_back("facts", entry_lines("x", {"text": value}))
    assert written["x"]["text"] == value or (value == "2025-04-07" and str(written["x"]["text"]) == value)
    assert scalar(7) == "7"


def test_append_with_a_bom_keeps_it_and_every_byte_before(tmp_path: Path) -> None:
    facts = copy_project(FIXTURES / "suggest-news", tmp_path)
    original = facts.read_bytes()
    facts.write_bytes(b"\xef\xbb\xbf" + original)
    result = suggest(facts, ["relief"], append=True)
    written = facts.read_bytes()
    assert result.appended and written.startswith(b"\xef\xbb\xbf")
    body = written[3:].decode("utf-8")
    head = original.decode("utf-8")
    assert body.startswith(head.rstrip("\n"))          # the facts block was the end of the file
    report = check(facts)
    assert report.errors == []
    assert "# --- suggested by `briefing suggest relief`" in body


def test_append_twice_adds_nothing_new_the_second_time(tmp_path: Path) -> None:
    facts = copy_project(FIXTURES / "suggest-news", tmp_path)
    first = suggest(facts, ["relief"], append=True)
    after_first = facts.read_bytes()
    second = suggest(facts, ["relief"], append=True)
    assert first.appended and first.appended[0] > 0
    assert second.appended == (0, 0) and facts.read_bytes() == after_first    # nothing new: the file is untouched
    assert {s.status for s in second.facts} <= {"cited", "corroborates"}
    assert check(facts).errors == []
