"""load_project: every YAML problem is a finding at file:line:column with the id at fault."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.load.project import MAX_FACTS_BYTES, load_project

BASE = """\
briefing:
  title: T
  as_of: 2025-08-04
  marking: M
sources:
  s1:
    path: sources/s.txt
    title: S
facts:
  f1:
    kind: claim
    topic: t
    text: "A claim."
    source: s1
    quote: "A claim"
"""


def edit(old: str, new: str) -> str:
    """BASE with one exact, unique replacement."""
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


# (case, document, (line, column, code, subject), a word the message must hold)
CASES = [
    ("syntax", edit("    kind: claim", "    kind: [claim"), (12, 10, "yaml-syntax", None), "flow sequence"),
    ("tab-indent", edit("    topic: t", "\ttopic: t"), (12, 1, "yaml-syntax", None), "tab"),
    ("duplicate-id", BASE + "  f1:\n    kind: claim\n", (16, 3, "duplicate-key", "f1"), "lines 10 and 16"),
    ("duplicate-field", edit("    topic: t\n", "    topic: t\n    topic: u\n"), (13, 5, "duplicate-key", "f1"),
     "lines 12 and 13"),
    ("duplicate-section", BASE + "sources:\n  s2: {}\n", (16, 1, "duplicate-key", None), "lines 5 and 16"),
    ("python-tag", edit('    text: "A claim."', '    text: !!python/object/apply:os.system ["id"]'),
     (13, 11, "tag-not-allowed", "f1"), "python/object"),
    ("custom-tag", edit('    text: "A claim."', "    text: !shout loud"), (13, 11, "tag-not-allowed", "f1"), "!shout"),
    ("set-tag", edit("    kind: claim", "    kind: !!set {a}"), (11, 11, "tag-not-allowed", "f1"), "set"),
    ("binary-tag", edit("    title: S", "    title: !!binary aGk="), (8, 12, "tag-not-allowed", "s1"), "binary"),
    ("wrong-type", edit('    text: "A claim."', "    text: [a, b]"), (13, 5, "invalid-field", "f1"), "text"),
    ("wrong-type-date", edit("  as_of: 2025-08-04", "  as_of: 2025-02-30"), (3, 3, "invalid-field", None), "as_of"),
    ("missing-field", edit("    topic: t\n", ""), (10, 3, "missing-field", "f1"), "topic"),
    ("missing-title", edit("    title: S\n", ""), (6, 3, "missing-field", "s1"), "title"),
    ("missing-evidence", edit('    quote: "A claim"\n', ""), (10, 3, "invalid-field", "f1"), "quote"),
    ("unknown-kind", edit("    kind: claim", "    kind: rumour"), (11, 5, "unknown-kind", "f1"), "rumour"),
    ("missing-kind", edit("    kind: claim\n", ""), (10, 3, "missing-field", "f1"), "kind"),
    ("typo-key", edit('    quote: "A claim"', '    quote: "A claim"\n    sorce: s1'), (16, 5, "unknown-key", "f1"),
     "did you mean `source`"),
    ("unknown-top-key", BASE + "extras: 1\n", (16, 1, "unknown-key", None), "extras"),
    ("bad-id-case", edit("  f1:", "  F_1:"), (10, 3, "invalid-id", "F_1"), "[a-z0-9]"),
    ("bad-id-source", edit("  s1:", "  -s1:"), (6, 3, "invalid-id", "-s1"), "[a-z0-9]"),
    ("bad-id-newline", edit("  f1:", '  "f1\\n":'), (10, 3, "invalid-id", "f1\\n"), "[a-z0-9]"),
    ("bad-id-reference", edit("    source: s1", "    source: S 1"), (14, 5, "invalid-id", "f1"), "source"),
    ("control-raw", edit('"A claim."', '"A \x07claim."'), (13, 14, "control-character", "f1"), "U+0007"),
    ("control-raw-nul", edit("    title: S", "    title: S\x00"), (8, 13, "control-character", "s1"), "U+0000"),
    ("control-escaped", edit('"A claim."', '"A \\x1b[31mclaim."'), (13, 11, "control-character", "f1"), "U+001B"),
    ("control-bidi", edit('"A claim."', '"A \u202eclaim."'), (13, 14, "control-character", "f1"), "U+202E"),
    ("byte-order-mark-inside", edit('"A claim."', '"A \ufeffclaim."'), (13, 14, "control-character", "f1"), "U+FEFF"),
    ("control-in-key", edit("    topic: t", "    to\x01pic: t"), (12, 7, "control-character", "f1"), "U+0001"),
    ("alias-of-mapping", edit("  f1:\n", "  f0: &x {kind: claim}\n  f1:\n") + "  f2: *x\n",
     (17, 3, "invalid-field", "f2"), "aliases"),
    ("deep-nesting", edit("    topic: t", "    topic: " + "[" * 80 + "]" * 80), (12, 74, "invalid-field", "f1"),
     "nesting"),
    ("top-level-list", "- 1\n- 2\n", (1, 1, "invalid-field", None), "mapping"),
    ("empty-file", "", (1, 1, "missing-field", None), "empty"),
    ("section-not-mapping", edit("  s1:\n    path: sources/s.txt\n    title: S\n", "  - a\n"),
     (5, 1, "invalid-field", None), "sources"),
    ("entry-not-mapping", edit("  f1:\n", "  f2: just text\n  f1:\n"), (10, 3, "invalid-field", "f2"), "mapping"),
    ("evidence-and-pair", edit('    quote: "A claim"', '    quote: "A claim"\n    evidence: [{source: s1, quote: A}]'),
     (10, 3, "invalid-field", "f1"), "either"),
    ("range-reversed", edit("    kind: claim", "    kind: range\n    low: 8\n    high: 6\n    unit: USD"),
     (10, 3, "invalid-field", "f1"), "low is greater"),
    ("bad-number", edit("    kind: claim", "    kind: amount\n    value: 7.3 zillion\n    unit: USD"),
     (12, 5, "invalid-field", "f1"), "zillion"),
    ("bad-sha256", edit("    title: S", "    title: S\n    sha256: abc"), (9, 5, "invalid-field", "s1"), "64"),
]


@pytest.mark.parametrize("case,document,expected,word", CASES, ids=[c[0] for c in CASES])
def test_yaml_problem_is_a_located_finding(tmp_path: Path, case: str, document: str,
                                           expected: tuple[int, int, str, str | None], word: str) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(document, encoding="utf-8")
    project = load_project(path, display="facts.yaml")
    located = [(f.line, f.column, f.code, f.subject) for f in project.findings]
    assert expected in located, [str(f) for f in project.findings]
    finding = project.findings[located.index(expected)]
    assert word in finding.message, str(finding)
    assert "\n" not in str(finding)


def test_base_document_loads_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(BASE, encoding="utf-8")
    project = load_project(path)
    assert project.findings == []
    assert set(project.facts) == {"f1"} and set(project.sources) == {"s1"}
    assert project.marks.at("facts", "f1", "quote") == (15, 5)


@pytest.mark.parametrize("raw,code,line", [
    (b"briefing:\n  title: \xff\n", "not-utf8", 2),
    (b"\xef\xbb\xbf" + BASE.encode(), None, None),   # a BOM is fine
    (BASE.replace("\n", "\r\n").encode(), None, None),  # so are CRLF line ends
])
def test_encodings(tmp_path: Path, raw: bytes, code: str | None, line: int | None) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(raw)
    project = load_project(path)
    assert [(f.code, f.line) for f in project.findings] == ([(code, line)] if code else [])


def test_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    with path.open("wb") as handle:
        handle.write(BASE.encode())
        handle.seek(MAX_FACTS_BYTES)
        handle.write(b"\n")
    project = load_project(path)
    assert [(f.code, f.line, f.column) for f in project.findings] == [("file-too-large", 1, 1)]


def test_missing_file(tmp_path: Path) -> None:
    project = load_project(tmp_path / "nope.yaml")
    assert [f.code for f in project.findings] == ["file-not-found"]


def test_many_control_characters_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(edit('"A claim."', '"' + "\x01" * 500 + '"'), encoding="utf-8")
    codes = [f.code for f in load_project(path).findings]
    assert codes.count("control-character") == 21


def test_a_fact_base_of_50000_facts_fits_under_the_cap(tmp_path: Path) -> None:
    """About 13 MB: the file is read and parsed, not refused (comments stand in for the facts)."""
    path = tmp_path / "facts.yaml"
    padding = "# " + "x" * 270 + "\n"
    path.write_text(BASE + padding * 50_000, encoding="utf-8")
    assert path.stat().st_size > 13_000_000
    project = load_project(path)
    assert [f.code for f in project.findings] == []
