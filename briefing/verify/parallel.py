"""Check a large fact base in two processes, each parsing and proving half of it.

Parsing the YAML costs as much as everything else together, so a large
``facts.yaml`` is split at a fact boundary near its middle: each process
parses a copy of the file in which the *other* half's facts are blank lines
(line and column numbers stay exactly those of the file), loads and proves
its own facts, and the halves are merged before the checks that look across
facts (metric conflicts, unused sources and people, charts).

The split is only trusted when both copies parse, agree on everything
outside ``facts``, and the second half starts at the line the split chose;
otherwise the file is checked in one process as usual. Small files, and
machines without ``fork`` or a second core, are always checked in one.
"""
from __future__ import annotations

import multiprocessing
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.findings import Finding, make_finding
from briefing.load.project import Project, load_project
from briefing.load.sources import read_sources
from briefing.verify.facts import Checker, Report, Verdict, check_each_fact, verify

#: Files smaller than this are checked in one process (the split costs a fork).
SPLIT_BYTES = 512 * 1024
#: The share of the facts the second (forked) process proves: a little less than
#: half, because the child then pickles its results (about 5% of its proving
#: time) while the parent waits. At 0.45 the parent was measured finishing its
#: own half 0.15 s after the child's results had arrived.
SECOND_SHARE = 0.48
#: The marks the merged checks still need (conflicts, stale facts) besides each fact's own line.
_MARKED_FIELDS = {"metric", "review_by"}
_FACTS_HEAD = re.compile(r"\nfacts:[ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)")   # CRLF files split too
_TOP_LEVEL_LINE = re.compile(r"\n[^\s#]")
_BODY_LINE = re.compile(r"\n( *)(?=[^\S\n]*[^\s#])")


@dataclass(frozen=True)
class Split:
    """Line indexes (0-based) of a facts block cut in two at ``middle``."""

    first: int      # first line after `facts:`
    middle: int     # the line where the second half's first fact starts
    end: int        # the first line after the facts block
    indent: int     # the column of the facts' ids
    offsets: tuple[int, int, int] = (0, 0, 0)   # first, middle and end as offsets of the text


@dataclass
class Half:
    """What the second process found: its facts, their verdicts, marks and findings."""

    ok: bool
    facts: dict[str, Any]
    declared: set[str]
    verdicts: dict[str, Verdict]
    marks: dict[tuple[Any, ...], tuple[int, int]]
    findings: list[Finding]
    shared: tuple[Any, ...]


def plan_split(text: str) -> Split | None:
    """Where to cut the facts block of ``text`` in two, or None if it cannot be cut.

    Regular expressions over the whole text rather than a loop over its
    lines: this runs before the fork, so every millisecond is wall time.
    Each pattern starts with the line break before a line (the text gets one
    in front), which the regex engine finds by a fast literal search.
    """
    lined = "\n" + text          # offsets in ``lined`` are one more than in ``text``
    heads = list(_FACTS_HEAD.finditer(lined))
    if len(heads) != 1:
        return None
    begin = heads[0].end()        # the line break that ends `facts:`, before the first line of the block
    if begin >= len(lined):
        return None
    top = _TOP_LEVEL_LINE.search(lined, begin)
    stop = top.start() if top else len(text)     # the line break before the first line after the block
    first_body = _BODY_LINE.search(lined, begin, stop + 1)
    if first_body is None:
        return None
    indent = len(first_body[1])
    entry = re.compile(rf"\n {{{indent}}}(?=[^\S\n]*[^\s#])([^ ])")
    entries = list(entry.finditer(lined, begin, stop + 1))
    if indent == 0 or len(entries) < 4 or any(m[1] in "-{[?" for m in entries):
        return None
    # The second half, from ``middle`` on, goes to the second process: SECOND_SHARE of the facts.
    cut = entries[len(entries) - max(1, round(len(entries) * SECOND_SHARE))].start()
    start = lined.count("\n", 1, begin + 1)
    middle = start + lined.count("\n", begin + 1, cut + 1)
    end = middle + lined.count("\n", cut + 1, stop + 1) + (0 if top else 1)
    return Split(first=start, middle=middle, end=end, indent=indent, offsets=(begin, cut, stop))


def _blank(text: str, start: int, stop: int) -> str:
    """``text`` with the characters from offset ``start`` to ``stop`` blanked, keeping every line break."""
    return text[:start] + "\n" * text.count("\n", start, stop) + text[stop:]


def _shared(project: Project) -> tuple[Any, ...]:
    declared = {k: v for k, v in project.declared.items() if k != "facts"}
    return (project.briefing, project.sources, project.people, project.charts, declared)


def _second_half(path: Path, display: str, text: str, split: Split) -> Half:
    """In the forked process: load and prove the second half's facts."""
    project = load_project(path, display, text=_blank(text, split.offsets[0], split.offsets[1]))
    ok = project.briefing is not None and not any(f.code == "yaml-syntax" for f in project.findings)
    # Only the sources this half's facts cite: the first process reads them all and reports on them.
    cited = {ident for fact in project.facts.values() for ident in fact.source_ids}
    checker = Checker(project, read_sources(project, only=cited)[0])
    verdicts = check_each_fact(checker)
    lines = range(split.middle + 1, split.end + 1)
    ids = project.declared.get("facts", set())
    marks = {path_: mark for path_, mark in project.marks.at_path.items()
             if path_ and path_[0] == "facts" and (len(path_) == 2 or (len(path_) == 3 and path_[2] in _MARKED_FIELDS))
             and path_[1] in ids}
    return Half(ok=ok, facts=project.facts, declared=set(ids), verdicts=verdicts, marks=marks,
                findings=[f for f in project.findings if f.line in lines], shared=_shared(project))


def _usable(project: Project, half: Half, split: Split) -> bool:
    if not half.ok or project.briefing is None or any(f.code == "yaml-syntax" for f in project.findings):
        return False
    if half.shared != _shared(project):
        return False
    starts = [mark[0] for key, mark in half.marks.items() if len(key) == 2]
    return bool(starts) and min(starts) == split.middle + 1


def _merge(project: Project, facts: dict[str, Verdict], half: Half) -> None:
    """Add the second half to the first: facts, verdicts, marks, findings; duplicates across halves."""
    for ident in sorted(half.declared & project.declared.get("facts", set())):
        first, second = project.marks.at("facts", ident), half.marks.get(("facts", ident), (0, 0))
        finding = make_finding("duplicate-key", f"`{ident}` is defined twice, on lines {first[0]} and "
                               f"{second[0]}: keep one (ids must be unique)", project.display, *second, ident)
        project.findings.append(finding)   # a load finding: the id is written twice in the file
        project.facts.pop(ident, None)
        half.facts.pop(ident, None)
        half.verdicts.pop(ident, None)
        facts[ident] = Verdict(ident, proven=False, findings=[finding])
    project.facts.update(half.facts)
    project.declared.setdefault("facts", set()).update(half.declared)
    project.marks.at_path.update(half.marks)
    project.findings.extend(half.findings)
    facts.update(half.verdicts)


def splittable(text: str) -> Split | None:
    """Where to split ``text`` for two processes, or None when one process is the better choice."""
    if (len(text) < SPLIT_BYTES or (os.cpu_count() or 1) < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return None
    return plan_split(text)


def check_in_two(path: Path, display: str, text: str, split: Split, digest: str | None) -> Report:
    """``verify(load_project(path))`` with each half of the facts proven in its own process."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = pool.submit(_second_half, path, display, text, split)
        project = load_project(path, display, text=_blank(text, split.offsets[1], split.offsets[2]))
        project.digest = digest

        def both_halves(checker: Checker) -> dict[str, Verdict]:
            facts = check_each_fact(checker)   # while the other process proves its half
            half = pending.result()
            if not _usable(project, half, split):
                raise _NotSplittable
            _merge(project, facts, half)
            return facts

        try:
            return verify(project, both_halves)
        except _NotSplittable:
            pass
    project = load_project(path, display, text=text)
    project.digest = digest
    return verify(project)


class _NotSplittable(Exception):
    """The two halves did not parse as the whole file does: check it in one process."""
