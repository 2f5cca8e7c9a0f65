"""Property tests: no input, however broken, makes the check pipeline raise.

Random YAML texts (nested flow/block values, tags, anchors and aliases, control
characters, huge numbers) and random values injected into every field of a valid
fact base go through load_project + verify in-process; nothing is caught, so any
exception fails the test. One CLI run over a few nasty files checks that no
traceback reaches a user.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, copy_project, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.load.project import load_project
from briefing.verify.facts import verify

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NASTY_CHARS = st.sampled_from(list("\x00\x01\x07\x1b\x7f\x85\u2028\u202e\ufeff\ufffe\U0001f600é’–\t\n\r :-[]{},&*!|>'\"#%@`"))
TEXT = st.text(st.one_of(NASTY_CHARS, st.characters(codec="utf-8")), max_size=30)
TAGS = ["!!python/object:os.system", "!!python/object/apply:os.system", "!!binary", "!!set", "!!omap",
        "!!timestamp", "!!int", "!!float", "!!bool", "!!str", "!!null", "!custom", "!<tag:x,2000:y>", "!!merge"]


def _scalar(messy: bool = True) -> st.SearchStrategy[str]:
    if not messy:   # always well-formed YAML, so that the documents reach validation and verification
        return st.one_of(
            st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=20)
            .map(lambda s: json.dumps(s, ensure_ascii=False)),
            st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12),
            st.integers().map(str),
            st.integers(4301, 4400).map(lambda n: "9" * n),               # past Python's int-parsing limit
            st.sampled_from(["1e999", ".nan", "2025-02-30", "2025-07-25", "null", "7.3 billion",
                             "claim", "amount", "date", "statement", "s1", "f1", "sources/s.txt", "../x"]),
            st.tuples(st.sampled_from(TAGS[:4]), st.just('"x"')).map(" ".join),
        )
    return st.one_of(
        TEXT.map(lambda s: json.dumps(s, ensure_ascii=False)),          # a double-quoted string
        st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=20).map(json.dumps),
        TEXT.map(lambda s: "'" + s.replace("'", "''") + "'"),
        st.text(st.characters(categories=["L", "N"]), max_size=12),       # plain words
        TEXT,                                                             # raw text: often invalid YAML
        st.integers().map(str),
        st.integers(4301, 4400).map(lambda n: "9" * n),
        st.sampled_from(["1e999", "-.inf", ".nan", "0x1F", "0o17", "1_000", "2025-02-30", "2025-07-25",
                         "2025-07-25T10:00:00Z", "null", "~", "yes", "7.3 billion", "7.3 zillion", "<<"]),
        st.tuples(st.sampled_from(TAGS), TEXT).map(lambda t: f"{t[0]} {json.dumps(t[1])}"),
        st.just("*a"),
    )


def _node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    key = st.one_of(st.sampled_from(["kind", "text", "value", "source", "quote", "path", "f1", "s1", "Bad Id"]),
                    _scalar(False))
    return st.one_of(
        st.lists(children, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(key, children), max_size=4).map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv)
                                                            + "}"),
        st.tuples(st.sampled_from(["&a ", "!!python/object:x ", "!!set ", ""]), children).map("".join),
    )


VALUES = st.recursive(_scalar(), _node, max_leaves=12)
CLEAN_VALUES = st.recursive(_scalar(False), lambda c: st.one_of(
    st.lists(c, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(st.tuples(st.sampled_from(["source", "quote", "kind", "x"]), c), max_size=3, unique_by=lambda kv: kv[0])
    .map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}")), max_leaves=8)
SECTION = st.sampled_from(["briefing", "sources", "people", "facts", "charts", "other", "facts"])


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    """A block mapping of sections, each holding entries of random values, as YAML text."""
    lines = []
    values = draw(st.sampled_from([VALUES, CLEAN_VALUES, CLEAN_VALUES]))
    for section in draw(st.lists(SECTION, min_size=1, max_size=5)):
        lines.append(f"{section}:")
        for ident in draw(st.lists(st.sampled_from(["f1", "s1", "ishaq-dar", "x", "Bad", "f1"]), max_size=3)):
            lines.append(f"  {ident}:")
            for field in draw(st.lists(st.sampled_from(["kind", "text", "topic", "value", "unit", "source", "quote",
                                                        "date", "speaker", "said", "path", "title", "low", "high",
                                                        "evidence", "participants", "as_of"]), max_size=5)):
                lines.append(f"    {field}: {draw(values)}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n...\n", "\n---\nb: 1\n"]))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the minimal project, rewritten by each example."""
    root = tmp_path_factory.mktemp("props")
    copy_project(MINIMAL, root)
    return root


def _run(workdir: Path, payload: str | bytes) -> None:
    path = workdir / "facts.yaml"
    path.write_bytes(payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload)
    report = verify(load_project(path, display="facts.yaml"))
    for finding in report.findings:
        assert "\n" not in str(finding) and finding.line >= 1 and finding.column >= 1
    report.summary()
    json.dumps(report.as_dict(), ensure_ascii=False).encode("utf-8")


@SETTINGS
@given(document=yaml_documents())
def test_random_yaml_never_raises(workdir: Path, document: str) -> None:
    _run(workdir, document)


@SETTINGS
@given(data=st.binary(max_size=200), prefix=st.sampled_from([b"", b"facts:\n  f1: ", b"briefing: \""]))
def test_random_bytes_never_raise(workdir: Path, data: bytes, prefix: bytes) -> None:
    _run(workdir, prefix + data)


BASE = yaml.safe_load((MINIMAL / "facts.yaml").read_text(encoding="utf-8"))


def _leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [path] + [p for key, item in value.items() for p in _leaf_paths(item, path + (key,))]
    if isinstance(value, list):
        return [path] + [p for index, item in enumerate(value) for p in _leaf_paths(item, path + (index,))]
    return [path]


PATHS = [p for p in _leaf_paths(BASE) if p]
INJECTED = st.one_of(
    TEXT, st.integers(min_value=-10**30, max_value=10**30), st.floats(), st.booleans(), st.none(),
    st.dates(min_value=dt.date(1, 1, 1)), st.lists(TEXT, max_size=3), st.dictionaries(TEXT, TEXT, max_size=2),
    st.integers(2000, 2001).map(lambda n: "x" * n),
    st.sampled_from(["7.3 billion", "$7.3 billion", "on Friday", "ishaq-dar", "../../etc/passwd", "/etc/passwd",
                     "sources", "sources/pact.txt", "2025-07-25", "a" * 64, "Bad Id"]),
)


@SETTINGS
@given(path=st.sampled_from(PATHS), value=INJECTED, also=st.sampled_from(PATHS), other=INJECTED)
def test_injected_values_never_raise(workdir: Path, path: tuple[Any, ...], value: Any, also: tuple[Any, ...],
                                     other: Any) -> None:
    data = copy.deepcopy(BASE)
    for where, new in ((path, value), (also, other)):
        target = data
        try:
            for step in where[:-1]:
                target = target[step]
            target[where[-1]] = new
        except (KeyError, IndexError, TypeError):
            pass                               # the first change removed this path
    _run(workdir, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@SETTINGS
@given(text=TEXT, quote=TEXT)
def test_random_source_text_never_raises(workdir: Path, text: str, quote: str) -> None:
    data = copy.deepcopy(BASE)
    data["facts"]["minerals"]["quote"] = quote or "q"
    (workdir / "sources" / "fuzz.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    data["sources"]["pact"]["path"] = "sources/fuzz.txt"
    _run(workdir, yaml.safe_dump(data, allow_unicode=True))


NASTY_FILES = {
    "billion-laughs": "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n",
    "deep": "facts: " + "[" * 50000 + "]" * 50000 + "\n",
    "python-object": "briefing: !!python/object/apply:os.system ['echo hi']\n",
    "binary": "\x00\x01\x02 not yaml \xff",
    "nul-and-tabs": "facts:\n\tf1: {kind: claim}\n\x00",
    "huge-int": "briefing:\n  title: T\n  as_of: 2025-01-01\n  marking: M\nsources: {}\nfacts:\n  f1: {kind: count, "
                "value: " + "9" * 6000 + ", unit: x, text: t, topic: t, source: s, quote: q}\n",
}


@pytest.mark.parametrize("name", list(NASTY_FILES))
def test_cli_never_shows_a_traceback(tmp_path: Path, name: str) -> None:
    copy_project(MINIMAL, tmp_path)
    (tmp_path / "facts.yaml").write_text(NASTY_FILES[name], encoding="utf-8", errors="surrogateescape")
    result = run_cli("check", cwd=tmp_path)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode in (0, 1, 2), result.stderr
    assert result.returncode == 1 and result.stdout.strip().splitlines()[-1].endswith("warnings")
