"""Load ``facts.yaml``: YAML with line numbers -> pydantic models + findings.

:mod:`briefing.yamltree` reads the YAML into plain values with the line and
column of every key, refusing what a fact base must never contain.
pydantic then validates each source, person, fact and chart on its own, and
its errors are mapped back to the YAML node at fault. Everything wrong is
collected; nothing stops at the first problem.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.findings import Finding, make_finding
from briefing.load.files import FileTooLarge, NotUtf8, decode_utf8, read_regular_file
from briefing.load.model import ID_RE, BriefingMeta, Chart, LexiconExtension, Person, Source, id_message
from briefing.load.validation import validate_entity
from briefing.load.yamlsyntax import YamlProblem, compose
from briefing.load.yamltree import Marks, Walk, YamlPath, to_python
from briefing.text.characters import RAW_CONTROL, line_column

#: A 50,000-fact base is about 13 MB; this leaves room for several years of facts.
#: Aliased collections (the "billion laughs") and deep nesting are refused
#: separately, so the size of what is composed stays linear in the file's size.
MAX_FACTS_BYTES = 48 * 1024 * 1024
MAX_RAW_FINDINGS = 20
SECTIONS = ("briefing", "sources", "people", "facts", "charts", "lexicon")
Path_ = YamlPath


@dataclass
class Project:
    """A loaded fact base: the models that validated, their marks, and load findings."""

    facts_path: Path
    display: str                     # the facts file as findings name it
    root: Path                       # the folder of facts.yaml; source paths are relative to it
    briefing: BriefingMeta | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)   # id -> one of the Fact models
    charts: dict[str, Chart] = field(default_factory=dict)
    lexicon: dict[str, Any] = field(default_factory=dict)   # addition: words added to the shipped lexicon
    marks: Marks = field(default_factory=Marks)
    findings: list[Finding] = field(default_factory=list)
    declared: dict[str, set[str]] = field(default_factory=dict)  # ids written, valid or not
    bad_paths: set[Path_] = field(default_factory=set)   # (section, id) refused while loading
    digest: str | None = None        # sha256 of the facts file's bytes, as read

    def locate(self, code: str, message: str, path: Path_, subject: str | None = None) -> Finding:
        """A finding located at the YAML node of ``path`` (not recorded anywhere)."""
        line, column = self.marks.at(*path)
        return make_finding(code, message, self.display, line, column, subject)

    def finding(self, code: str, message: str, path: Path_, subject: str | None = None) -> Finding:
        """Record a load finding located at the YAML node of ``path``; return it (loading only)."""
        found = self.locate(code, message, path, subject)
        self.findings.append(found)
        return found


def load_project(path: Path | str, display: str | None = None, text: str | None = None) -> Project:
    """Load a facts file into a :class:`Project`; problems become ``project.findings``.

    ``text``, when given, is used instead of the file's content (the parallel
    checker passes each process a copy with the other half's facts blanked).
    """
    facts_path = Path(path)
    project = Project(facts_path=facts_path, display=display or str(path), root=facts_path.parent)
    if text is None:
        text = read_facts_text(project)
        if text is None:
            return project
    data = _parse_yaml(project, text)
    if data is None:
        return project
    _build_models(project, data)
    return project


def read_facts_text(project: Project) -> str | None:
    """The facts file as text, or None with a finding (missing, not a regular file, too large, not UTF-8)."""
    try:
        raw = read_regular_file(project.facts_path, MAX_FACTS_BYTES)
        project.digest = hashlib.sha256(raw).hexdigest()
    except FileTooLarge as error:
        project.finding("file-too-large", f"the file is over {error.limit:,} bytes ({error.size:,} or more): "
                        "split the fact base or remove what is not needed", ())
        return None
    except OSError as error:
        project.finding("file-not-found", f"cannot read the facts file ({error.strerror}): give the path of "
                        "a facts.yaml", ())
        return None
    try:
        return decode_utf8(raw)
    except NotUtf8 as error:
        project.findings.append(make_finding("not-utf8", error.reason, project.display, error.line, 1))
        return None


_ASCII_ALLOWED = bytes([9, 10, 13, *range(0x20, 0x7f)])   # tab, LF, CR and the printable characters


def _controls(text: str) -> list[tuple[int, str]]:
    """Each control character of the raw text (offset, character); ASCII text is cleared at C speed first."""
    if text.isascii() and not text.encode("ascii").translate(None, _ASCII_ALLOWED):
        return []
    return [(m.start(), m.group()) for m in RAW_CONTROL.finditer(text)]


def _parse_yaml(project: Project, text: str) -> dict[str, Any] | None:
    controls = _controls(text)
    if controls:  # the YAML reader would stop at the first; replace them all and report each
        text = RAW_CONTROL.sub("\ufffd", text)
    try:
        root = compose(text)
    except YamlProblem as problem:
        project.findings.append(make_finding(problem.code, problem.message, project.display, problem.line,
                                             problem.column))
        if problem.code == "yaml-syntax":
            _report_controls(project, text, controls, Walk(project.marks))
        return None
    if root is None:
        _report_controls(project, text, controls, Walk(project.marks))
        project.finding("missing-field", "the file is empty: add the `briefing`, `sources` and `facts` keys", ())
        return None
    walk = Walk(project.marks)
    value = to_python(root, (), walk, 0)
    _report_controls(project, text, controls, walk)
    for code, message, mark, path in walk.problems:
        project.findings.append(make_finding(code, message, project.display, mark.line + 1, mark.column + 1,
                                             _subject_of(path)))
    project.bad_paths.update(path[:2] for path in walk.refused)
    if not isinstance(value, dict):
        project.finding("invalid-field", "the top level must be a mapping with `briefing`, `sources`, "
                        "`people` and `facts`", ())
        return None
    return value


def _report_controls(project: Project, text: str, controls: list[tuple[int, str]], walk: Walk) -> None:
    """One finding per control character in the raw file, naming the entry that holds it."""
    for index, char in controls[:MAX_RAW_FINDINGS]:
        path = next((p for start, end, p in walk.entries if start <= index < end), ())
        if path:
            project.bad_paths.add(path)
        line, column = line_column(text, index)
        project.findings.append(make_finding("control-character", f"the file holds the control character "
                                             f"U+{ord(char):04X} here: remove it", project.display, line, column,
                                             _subject_of(path)))
    if len(controls) > MAX_RAW_FINDINGS:
        line, column = line_column(text, controls[MAX_RAW_FINDINGS][0])
        project.findings.append(make_finding("control-character", f"{len(controls) - MAX_RAW_FINDINGS} more "
                                             "control characters follow: is this a text file?", project.display,
                                             line, column))


def _subject_of(path: Path_) -> str | None:
    return str(path[1]) if len(path) > 1 and path[0] in SECTIONS[1:] else None


def _build_models(project: Project, data: dict[str, Any]) -> None:
    for key in data:
        if key not in SECTIONS:
            project.finding("unknown-key", f"unknown top-level key `{key}`: use {', '.join(SECTIONS)}", (key,))
    if "briefing" not in data:
        project.finding("missing-field", "the `briefing` block is missing: add title, as_of and marking", ())
    else:
        if not any(bad[:1] == ("briefing",) for bad in project.bad_paths):   # a refused field is reported
            project.briefing = validate_entity(project, BriefingMeta, data["briefing"], ("briefing",), None)
    if data.get("lexicon") is not None and ("lexicon",) not in project.bad_paths:
        extension = validate_entity(project, LexiconExtension, data["lexicon"], ("lexicon",), None)
        project.lexicon = extension.as_data() if extension is not None else {}
    for section, model in (("sources", Source), ("people", Person), ("facts", None), ("charts", Chart)):
        block = data.get(section)
        project.declared[section] = set()
        if (section,) in project.bad_paths:
            continue
        if block is None:
            if section in ("sources", "facts"):
                project.finding("missing-field", f"the `{section}` block is missing or empty", ())
            continue
        if not isinstance(block, dict):
            project.finding("invalid-field", f"`{section}` must be a mapping of id -> entry", (section,))
            continue
        target = getattr(project, section)
        for ident, entry in block.items():
            path = (section, ident)
            project.declared[section].add(ident)
            if not ID_RE.match(ident):
                project.finding("invalid-id", id_message(ident), path, ident)
                continue
            if path in project.bad_paths:
                continue
            validated = validate_entity(project, model, entry, path, ident)
            if validated is not None:
                target[ident] = validated
