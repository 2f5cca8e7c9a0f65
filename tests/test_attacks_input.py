"""Hostile or careless input, second round (issue 14): the real CLI on a copy of a project, one row per attack.

Each row edits facts.yaml or the project's files the way a careless or hostile
user would, runs ``python -m briefing check`` (or ``render``), and asserts the
exit status, that no traceback or internal error is printed, and what the
message says. Rows marked "was:" failed before this round's fixes.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest
from attack_helpers import assert_clean, briefing, project, replace_in

GOODS = "period: 2024\n    metric: us-pk-goods-trade\n    key: true"

# (id, text in facts.yaml, its replacement, exit status, what the message says)
EDITS = [
    ("huge-integer-value", "value: 7.3 billion", "value: " + "9" * 5000, 1, "value-not-in-quote"),
    ("huge-integer-period", GOODS, "period: " + "9" * 5000 + GOODS[12:], 1, "exceeded maximum size"),
    ("nan", "value: 5.2", "value: .nan", 1, "expected a finite number; got .nan"),
    ("inf", "value: 5.2", "value: .inf", 1, "expected a finite number; got .inf"),
    ("negative-zero", "value: 5.2", "value: -0.0", 1, "value -0% is not in the quote"),
    ("february-30", "date: 2025-07-25", "date: 2025-02-30", 1, "got '2025-02-30'"),
    ("year-0", "date: 2025-07-25", "date: 0000-07-25", 1, "got '0000-07-25'"),
    ("year-9999", "date: 2025-07-25", "date: 9999-12-31", 1, "December 31, 9999"),
    ("as-of-february-30", "as_of: 2025-08-04", "as_of: 2025-02-30", 1, "`as_of` must be an ISO date"),
    ("as-of-timestamp", "as_of: 2025-08-04", "as_of: 2025-08-04T25:00:00", 1, "`as_of` must be an ISO date"),
    ("merge-key", "  goods-trade-2023:\n    kind: amount", "  goods-trade-2023:\n    <<: {kind: amount}\n    kind: amount",
     1, "tag:yaml.org,2002:merge is not allowed"),
    ("python-tag", "value: 5.2", "value: !!python/object/apply:os.system ['touch PWNED']", 1, "is not allowed"),
    ("binary-tag", "value: 5.2", "value: !!binary aGVsbG8=", 1, "tag:yaml.org,2002:binary is not allowed"),
    ("set-tag", "value: 5.2", "value: !!set {a, b}", 1, "tag:yaml.org,2002:set is not allowed"),
    ("omap-tag", "value: 5.2", "value: !!omap [a: 1, b: 2]", 1, "tag:yaml.org,2002:omap is not allowed"),
    ("str-tag-on-a-mapping", "  deficit-rise:\n", "  deficit-rise: !!str\n", 1, "is not allowed"),
    ("duplicate-top-level", "charts:", "sources: {}\ncharts:", 1, "`sources` is defined twice, on lines 12 and 98"),
    ("duplicate-field", "value: 5.2", "value: 5.2\n    value: 5.3", 1, "`value` is defined twice"),
    ("duplicate-fact", "  minerals:\n", "  deficit-rise:\n    kind: claim\n  minerals:\n", 1, "defined twice"),
    ("integer-fact-id", "  minerals:\n", "  123:\n    kind: claim\n  minerals:\n", 1, "123: `text` is required"),
    ("null-fact-id", "  minerals:\n", "  ~:\n    kind: claim\n  minerals:\n", 1, "the id `~` must match"),
    ("list-as-key", "  minerals:\n", "  ? [a, b]\n  : {kind: claim}\n  minerals:\n", 1, "a mapping key must be"),
    ("float-section-key", 'trade: "Trade"', '1.5: "Trade"', 1, "the key `1.5` of `sections`"),
    ("list-as-text", 'text: "Rubio and Dar discussed collaboration on critical minerals."', "text: [a, b]", 1,
     "got a list"),
    ("second-document", "charts:", "---\ncharts:", 1, "expected a single document"),
    ("nul-escape", "value: 5.2", 'value: "5.2\\0"', 1, "U+0000"),
    ("lone-surrogate", "Fixture", "Fix\\ud800ture", 1, "invalid Unicode character escape"),
    ("deep-flow", "charts:", "deep: " + "[" * 5000 + "]" * 5000 + "\ncharts:", 1, "error[yaml-syntax]"),
    ("path-with-nul", "path: sources/pact.txt", 'path: "sources/pa\\0ct.txt"', 1, "U+0000"),
    ("very-long-path", "path: sources/pact.txt", "path: sources/" + "a" * 5000 + ".txt", 1, "source-missing"),
    ("absolute-path", "path: sources/pact.txt", "path: /etc/passwd", 1, "is absolute"),
    ("dotdot-path", "path: sources/pact.txt", "path: sources/../../../../etc/passwd", 1, "leads outside the project"),
    ("proc-path", "path: sources/pact.txt", "path: /proc/self/environ", 1, "is absolute"),
    ("url-path", "path: sources/pact.txt", "path: http://127.0.0.1:9/x.txt", 1, "does not exist"),
    ("folder-path", "path: sources/pact.txt", "path: sources", 1, "is a folder, not a regular file"),
]


@pytest.mark.parametrize("old, new, code, expected", [row[1:] for row in EDITS], ids=[row[0] for row in EDITS])
def test_a_hostile_edit_of_facts_is_a_finding(tmp_path: Path, old: str, new: str, code: int, expected: str) -> None:
    root = project(tmp_path)
    replace_in(root / "facts.yaml", old, new)
    assert_clean(briefing(root, "check", timeout=60), code, expected)
    assert not (root / "PWNED").exists()


def _replace_with(link_target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.unlink()
        path.symlink_to(link_target)
    return make


def _recode(encoding: str) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))


# (id, which file, how it is damaged, exit status, what the message says)
FILES: list[tuple[str, str, Callable[[Path], None], int, str]] = [
    ("facts-fifo", "facts.yaml", lambda p: (p.unlink(), os.mkfifo(p)), 1, "it is a FIFO (named pipe)"),
    ("facts-symlink-loop", "facts.yaml", _replace_with("facts.yaml"), 2, "Too many levels of symbolic links"),
    ("facts-binary", "facts.yaml", lambda p: p.write_bytes(bytes(range(256)) * 20), 1, "is not UTF-8"),
    ("facts-utf32-no-bom", "facts.yaml", _recode("utf-32-le"), 1, "UTF-32, not UTF-8: save it as UTF-8"),
    ("facts-cr-line-ends", "facts.yaml", lambda p: p.write_bytes(p.read_bytes().replace(b"\n", b"\r")), 0,
     "6 facts and 2 people proven"),
    ("facts-bom", "facts.yaml", lambda p: p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes()), 0, "proven; 0 errors"),
    ("facts-over-the-cap", "facts.yaml", lambda p: p.write_bytes(p.read_bytes() + b"#" * 50_400_000), 1,
     "file-too-large"),
    ("source-fifo", "sources/pact.txt", lambda p: (p.unlink(), os.mkfifo(p)), 1, "is a FIFO (named pipe)"),
    ("source-dev-zero", "sources/pact.txt", _replace_with("/dev/zero"), 1, "leads outside the project"),
    ("source-symlink-out", "sources/pact.txt", _replace_with("/etc/passwd"), 1, "leads outside the project"),
    ("source-symlink-loop", "sources/pact.txt", _replace_with("pact.txt"), 1, "Too many levels of symbolic links"),
    ("source-folder", "sources/pact.txt", lambda p: (p.unlink(), p.mkdir()), 1, "is a folder, not a regular file"),
    ("source-utf16-be-no-bom", "sources/pact.txt", _recode("utf-16-be"), 1, "UTF-16, not UTF-8"),
    ("source-utf32", "sources/pact.txt", _recode("utf-32"), 1, "UTF-32, not UTF-8"),
    ("source-over-the-cap", "sources/pact.txt", lambda p: p.write_bytes(b"x" * (16 * 2 ** 20 + 1)), 1,
     "larger than 16,777,216 bytes"),
]


@pytest.mark.parametrize("name, damage, code, expected", [row[1:] for row in FILES], ids=[row[0] for row in FILES])
def test_a_bad_input_file_is_refused_clearly(tmp_path: Path, name: str, damage: Callable[[Path], None], code: int,
                                             expected: str) -> None:
    root = project(tmp_path)
    damage(root / name)
    assert_clean(briefing(root, "check", timeout=60), code, expected)


@pytest.mark.parametrize("argument", ["a" * 5000, "x/" * 3000 + "facts.yaml"])
def test_a_facts_path_too_long_for_the_system_is_misuse(tmp_path: Path, argument: str) -> None:
    """was: exit 3, `internal error (OSError: [Errno 36] File name too long)`."""
    assert_clean(briefing(project(tmp_path), "check", argument), 2, "cannot be used as the facts file",
                 "File name too long")


def test_a_template_linked_to_a_huge_file_outside_is_never_read(tmp_path: Path) -> None:
    """was: check read a symlinked 3 GB file whole to hash it (12 s, 3 GB; a larger one exhausts memory)."""
    root = project(tmp_path / "project")
    huge = tmp_path / "huge.css"
    with open(huge, "wb") as handle:
        handle.truncate(8 * 1024 ** 3)                       # sparse: 8 GB that take no disk
    (root / "templates").mkdir()
    (root / "templates" / "zz.css").symlink_to(huge)
    assert_clean(briefing(root, "check", timeout=60, memory=1536 * 1024 ** 2), 0, "6 facts and 2 people proven")
