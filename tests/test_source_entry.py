"""Adding a source entry to facts.yaml as a text edit: every layout keeps every line it had."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from briefing.commands.source_entry import scalar, with_source

FIELDS = [("path", "sources/report.pdf"), ("title", 'A "quoted" title: with colon'), ("publisher", None),
          ("published", dt.date(2025, 7, 31)), ("sha256", "ab" * 32)]
EXPECTED = {"path": "sources/report.pdf", "title": 'A "quoted" title: with colon', "publisher": None,
            "published": dt.date(2025, 7, 31), "sha256": "ab" * 32}


@pytest.mark.parametrize("text", [
    "",
    "briefing:\n  title: x\n",
    "briefing:\n  title: x",                                                   # no final newline
    "sources:\n  # the first\n  a:\n    path: a.txt   # kept\n    title: A\n\n# next section\npeople: {}\n",
    "sources:\n    a:\n        path: a.txt\n        note: |\n          block\n\nfacts: {}\n",
    "sources: {a: {path: a.txt, title: A}}  # flow\nfacts: {}\n",
    "sources:   # none yet\npeople: {}\n",
    "sources: {}\nfacts: {}\n",
    "sources: null\nfacts: {}\n",
    "sources:\r\n  a:\r\n    path: a.txt\r\n    title: A\r\n",
    "people: {}\nsources:\n  a:\n    path: a.txt\n    title: A\n",            # sources last, no blank line
])
def test_entry_added_and_every_line_kept(text: str) -> None:
    edited = with_source(text, "report", FIELDS)
    loaded = yaml.safe_load(edited)
    assert loaded["sources"]["report"] == EXPECTED
    before = (yaml.safe_load(text) or {}) if text.strip() else {}
    for key, value in before.items():                      # nothing else changed meaning
        if key == "sources" and isinstance(value, dict):
            assert {k: v for k, v in loaded["sources"].items() if k != "report"} == value
        elif key != "sources":
            assert loaded[key] == value
    import difflib

    ops = difflib.SequenceMatcher(None, text, edited, autojunk=False).get_opcodes()
    removed = {text[a0:a1].strip() for tag, a0, a1, _, _ in ops if tag in ("delete", "replace")}
    assert removed <= {"", "{}", "null"}                   # only an empty `sources:` value gives way
    if "\r\n" in text:
        assert "\n" not in edited.replace("\r\n", "")


@pytest.mark.parametrize("value, written", [
    (None, "null"), (dt.date(2025, 1, 2), "2025-01-02"), ("ab" * 32, "ab" * 32),
    ("1" * 64, '"' + "1" * 64 + '"'), ("yes", '"yes"'), ("a: b # c", '"a: b # c"'), ("naïve", '"naïve"'),
])
def test_scalars_read_back_as_written(value: object, written: str) -> None:
    assert scalar(value) == written  # type: ignore[arg-type]
    assert yaml.safe_load(f"k: {written}")["k"] == value
