"""The two-process check gives exactly the findings and verdicts of the one-process check."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Callable

import pytest

from briefing.check import check
from briefing.verify import parallel
from briefing.load.project import load_project
from briefing.verify.facts import verify

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import make_project  # noqa: E402


def _default(tmp_path: Path) -> Path:
    shutil.copy2(ROOT / "facts.yaml", tmp_path / "facts.yaml")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return tmp_path / "facts.yaml"


def _replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return edit


def _first_fact_again_at_the_end_of_facts(text: str) -> str:
    """Repeat the first fact's block as the last fact: a duplicate id across the two halves."""
    lines = text.split("\n")
    start = lines.index("facts:") + 1
    ids = [i for i in range(start, len(lines)) if lines[i].startswith("  ") and lines[i][2] not in " #"]
    end = next(i for i in range(start, len(lines)) if lines[i][:1].strip() and not lines[i].startswith("#"))
    block = lines[ids[0]:ids[1]]
    return "\n".join(lines[:end] + block + lines[end:])


EDITS: list[tuple[str, Callable[[str], str]]] = [
    ("unchanged", lambda text: text),
    ("error-in-first-half", _replace("value: 7.3 billion", "value: 7.4 billion")),
    ("error-in-second-half", _replace("value: 46", "value: 47")),
    ("duplicate-across-halves", _first_fact_again_at_the_end_of_facts),
    ("yaml-error-in-second-half", _replace("value: 46", "value: [46")),
    ("multi-line-quote-at-entry-indent", _replace(
        'text: "Pakistan has served eight terms on the UN Security Council."',
        'text: "Pakistan has served eight terms on the UN Security Council.\n  "')),
]


def _findings(report: object) -> list[str]:
    return [str(f) for f in report.findings]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name, edit", EDITS, ids=[name for name, _ in EDITS])
def test_split_check_matches_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                          edit: Callable[[str], str]) -> None:
    facts = _default(tmp_path)
    facts.write_text(edit(facts.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(parallel, "SPLIT_BYTES", 0)   # split even this small file
    expected = verify(load_project(facts, "facts.yaml"))
    assert parallel.splittable(facts.read_text(encoding="utf-8")) is not None
    actual = check(facts, "facts.yaml")
    assert _findings(actual) == _findings(expected)
    assert {k: v.proven for k, v in actual.facts.items()} == {k: v.proven for k, v in expected.facts.items()}
    assert list(actual.project.facts) == list(expected.project.facts)
    assert actual.summary() == expected.summary()
    if name == "duplicate-across-halves":
        assert any(f.code == "duplicate-key" for f in actual.findings)


def test_a_large_synthetic_base_is_split_and_proven(tmp_path: Path) -> None:
    facts = make_project(tmp_path, facts=2400, sources=60)
    assert facts.stat().st_size >= parallel.SPLIT_BYTES
    assert parallel.splittable(facts.read_text(encoding="utf-8")) is not None
    report = check(facts, "facts.yaml")
    assert report.ok and len(report.facts) == 2400, report.summary()


@pytest.mark.parametrize("text", [
    "briefing: {}\nfacts: {a: 1, b: 2}\n",                 # flow style: not cut
    "facts:\n  - a\n  - b\n  - c\n  - d\n",               # a list, not a mapping
    "facts:\n  a: 1\n  b: 2\n",                            # too few facts to be worth it
    "facts:\n  a: 1\nfacts:\n  b: 2\n",                    # two facts blocks
])
def test_unsplittable_texts(text: str) -> None:
    assert parallel.plan_split(text) is None


@pytest.mark.parametrize("count", [4, 10, 100, 1001])
def test_the_second_process_gets_its_share_never_more_than_half(count: int) -> None:
    text = "briefing: {}\nfacts:\n" + "".join(f"  f{i}:\n    value: {i}\n" for i in range(count)) + "people: {}\n"
    split = parallel.plan_split(text)
    assert split is not None
    second = (split.end - split.middle) // 2     # two lines a fact
    assert second == max(1, round(count * parallel.SECOND_SHARE))
    assert second <= count - second


@pytest.mark.parametrize("text", [
    (ROOT / "facts.yaml").read_text(encoding="utf-8"),
    "briefing: {}\nfacts:\n" + "".join(f"  f{i}:\n    value: {i}\n  # note\n\n" for i in range(9)) + "people: {}\n",
    "facts:  # the facts\n" + "".join(f"  f{i}:\n    value: {i}\n" for i in range(6)),          # facts last, no end
    "facts:\r\n" + "".join(f"  f{i}:\r\n    value: {i}\r\n" for i in range(6)) + "people: {}\r\n",   # CRLF
])
def test_the_split_cuts_at_a_fact_and_keeps_every_line_where_it_was(text: str) -> None:
    split = parallel.plan_split(text)
    assert split is not None
    lines = text.split("\n")
    assert lines[split.first - 1].startswith("facts:")
    assert lines[split.middle][:split.indent].strip() == "" and lines[split.middle][split.indent] not in " #"
    assert split.end == len(lines) or (lines[split.end][:1].strip() and not lines[split.end].startswith("#"))
    begin, cut, stop = split.offsets
    assert text[:begin].count("\n") == split.first and text[:cut].count("\n") == split.middle
    for start, end in ((begin, cut), (cut, stop)):
        blanked = parallel._blank(text, start, end).split("\n")
        assert len(blanked) == len(lines)
        first, last = text[:start].count("\n"), text[:end].count("\n")
        assert blanked[:first] == lines[:first] and blanked[last:] == lines[last:]
        assert not any(line.strip() for line in blanked[first:last])


def test_a_crlf_fact_base_is_split_and_matches_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = _default(tmp_path)
    facts.write_bytes(facts.read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.setattr(parallel, "SPLIT_BYTES", 0)
    assert parallel.splittable(facts.read_text(encoding="utf-8")) is not None
    expected = verify(load_project(facts, "facts.yaml"))
    actual = check(facts, "facts.yaml")
    assert _findings(actual) == _findings(expected) and actual.summary() == expected.summary()
