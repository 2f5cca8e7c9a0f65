"""Load ``facts.yaml``: YAML with line numbers -> pydantic models + findings.

PyYAML's C loader composes the node graph (every node keeps its marks) and
this module turns it into plain values itself, so that it can refuse what a
fact base must never contain (duplicate keys, object-constructing tags,
control characters, aliased collections) and remember where every key is.
pydantic then validates each source, person, fact and chart on its own, and
its errors are mapped back to the YAML node at fault. Everything wrong is
collected; nothing stops at the first problem.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding, make_finding
from .model import ID_PATTERN, BriefingMeta, Chart, Person, Source
from .validation import validate_entity

MAX_FACTS_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_RAW_FINDINGS = 20
_ID = re.compile(ID_PATTERN)
# C0/C1 controls (tab and line feed are white space), bidi overrides, line/paragraph
# separators, lone surrogates and non-characters: invisible or unprintable in a briefing.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                      "\ud800-\udfff\ufffe\uffff]")
_RAW_CONTROL = re.compile("(?!\r)" + _CONTROL.pattern)   # a CR in the file is part of a line break
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The C loader with a leaner tag resolver (same results as PyYAML's SafeLoader).

    Composing calls ``resolve`` once per node from C; PyYAML's version
    rebuilds the candidate list on every call. Here the candidates for each
    first character are built once.
    """

    _by_first: dict[str, list[tuple[str, Any]]] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                first = value[:1]
                candidates = self._by_first.get(first)
                if candidates is None:
                    table = self.yaml_implicit_resolvers
                    candidates = list(table.get(first, [])) + list(table.get(None, []))
                    self._by_first[first] = candidates
                for tag, regexp in candidates:
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)
_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + "str", _T + "int", _T + "float", _T + "bool", _T + "null", _T + "timestamp"}
_constructor = yaml.constructor.SafeConstructor()
SECTIONS = ("briefing", "sources", "people", "facts", "charts")

Path_ = tuple[Any, ...]


@dataclass
class Marks:
    """Where each key and item of the YAML is: path -> (line, column), 1-based."""

    at_path: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def at(self, *path: Any) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        key = tuple(path)
        while key:
            found = self.at_path.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return self.at_path.get((), (1, 1))


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
    marks: Marks = field(default_factory=Marks)
    findings: list[Finding] = field(default_factory=list)
    declared: dict[str, set[str]] = field(default_factory=dict)  # ids written, valid or not
    bad_paths: set[Path_] = field(default_factory=set)   # (section, id) refused while loading

    def finding(self, code: str, message: str, path: Path_, subject: str | None = None) -> Finding:
        """Record a finding located at the YAML node of ``path``; return it."""
        line, column = self.marks.at(*path)
        found = make_finding(code, message, self.display, line, column, subject)
        self.findings.append(found)
        return found


@dataclass
class _Walk:
    """State of one conversion: marks to fill, problems found, aliased nodes seen."""

    marks: Marks
    problems: list[tuple[str, str, Any, Path_]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    entries: list[tuple[int, int, Path_]] = field(default_factory=list)  # (start, end, (section, id))

    def refuse(self, code: str, message: str, mark: Any, path: Path_) -> None:
        self.problems.append((code, message, mark, path))


_BAD = object()  # stands for a value that was refused; its entity is not validated


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
    """The facts file as text, or None with a finding (missing, too large, not UTF-8)."""
    try:
        size = project.facts_path.stat().st_size
        if size > MAX_FACTS_BYTES:
            project.finding("file-too-large", f"the file is {size:,} bytes; the limit is {MAX_FACTS_BYTES:,}: "
                            "split the fact base or remove what is not needed", ())
            return None
        raw = project.facts_path.read_bytes()
    except OSError as error:
        project.finding("file-not-found", f"cannot read the facts file ({error.strerror}): check the path", ())
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        project.findings.append(make_finding("not-utf8", f"byte {error.start} is not UTF-8: save the file as UTF-8",
                                             project.display, line, 1))
        return None
    return text.removeprefix("\ufeff")


def _parse_yaml(project: Project, text: str) -> dict[str, Any] | None:
    controls = [(m.start(), m.group()) for m in _RAW_CONTROL.finditer(text)]
    if controls:  # the YAML reader would stop at the first; replace them all and report each
        text = _RAW_CONTROL.sub("\ufffd", text)
    try:
        _check_depth(text)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(filter(None, [error.context, error.problem]))
        project.findings.append(make_finding("yaml-syntax", f"{problem}: fix the YAML at this place",
                                             project.display, line, column))
        _report_controls(project, text, controls, _Walk(project.marks))
        return None
    except _TooDeep as error:
        project.findings.append(make_finding("invalid-field", f"nesting deeper than {MAX_DEPTH} levels: "
                                             "flatten this value", project.display, *error.args))
        return None
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        line, column = _line_column(text, getattr(error, "position", 0) or 0)
        project.findings.append(make_finding("yaml-syntax", f"{error}: fix the YAML".replace("\n", " "),
                                             project.display, line, column))
        return None
    if root is None:
        _report_controls(project, text, controls, _Walk(project.marks))
        project.finding("missing-field", "the file is empty: add the `briefing`, `sources` and `facts` keys", ())
        return None
    walk = _Walk(project.marks)
    value = _to_python(root, (), walk, 0)
    _report_controls(project, text, controls, walk)
    for code, message, mark, path in walk.problems:
        project.findings.append(make_finding(code, message, project.display, mark.line + 1, mark.column + 1,
                                             _subject_of(path)))
        project.bad_paths.add(path[:2])
    if not isinstance(value, dict):
        project.finding("invalid-field", "the top level must be a mapping with `briefing`, `sources`, "
                        "`people` and `facts`", ())
        return None
    return value


class _TooDeep(Exception):
    """Raised with (line, column) when collections nest deeper than MAX_DEPTH."""


_BRACKETS = re.compile(r"[\[\]{}]")
SAFE_COMPOSE_DEPTH = 1000  # libyaml composes this deep quickly; it crashes near 30,000


def _nesting_bound(text: str) -> int:
    """A cheap upper bound on how deep the YAML's collections can nest.

    Block nesting needs indentation or indicators on one line, so it is at
    most the longest line; flow nesting needs open brackets, so it is at most
    the deepest run of unclosed brackets (quotes ignored: an overestimate).
    """
    longest = max(map(len, text.split("\n")), default=0)
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return longest + 1 + deepest


def _check_depth(text: str) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses (and crashes) on it.

    The exact scan parses the events once more, so it runs only when the
    cheap bound cannot rule deep nesting out; ``_to_python`` enforces
    MAX_DEPTH on what is composed.
    """
    if _nesting_bound(text) <= SAFE_COMPOSE_DEPTH:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep(event.start_mark.line + 1, event.start_mark.column + 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` of ``text``."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _report_controls(project: Project, text: str, controls: list[tuple[int, str]], walk: _Walk) -> None:
    """One finding per control character in the raw file, naming the entry that holds it."""
    for index, char in controls[:MAX_RAW_FINDINGS]:
        path = next((p for start, end, p in walk.entries if start <= index < end), ())
        if path:
            project.bad_paths.add(path)
        line, column = _line_column(text, index)
        project.findings.append(make_finding("control-character", f"the file holds the control character "
                                             f"U+{ord(char):04X} here: remove it", project.display, line, column,
                                             _subject_of(path)))
    if len(controls) > MAX_RAW_FINDINGS:
        line, column = _line_column(text, controls[MAX_RAW_FINDINGS][0])
        project.findings.append(make_finding("control-character", f"{len(controls) - MAX_RAW_FINDINGS} more "
                                             "control characters follow: is this a text file?", project.display,
                                             line, column))


def _subject_of(path: Path_) -> str | None:
    return str(path[1]) if len(path) > 1 and path[0] in SECTIONS[1:] else None


def _to_python(node: yaml.Node, path: Path_, walk: _Walk, depth: int) -> Any:
    if depth > MAX_DEPTH:
        walk.refuse("invalid-field", f"nesting deeper than {MAX_DEPTH} levels: flatten this value",
                    node.start_mark, path)
        return _BAD
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, walk)
    if id(node) in walk.seen:  # an alias: report it where it is used, not at its anchor
        line, column = walk.marks.at(*path)
        walk.refuse("invalid-field", "aliases (*name) of mappings or lists are not supported: write the value out",
                    yaml.Mark("", 0, line - 1, column - 1, None, None), path)
        return _BAD
    walk.seen.add(id(node))
    if node.tag not in (_T + "map", _T + "seq"):
        _refuse_tag(node, path, walk)
        return _BAD
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            walk.marks.at_path[path + (index,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_to_python(item, path + (index,), walk, depth + 1))
        return items
    result: dict[Any, Any] = {}
    first_line: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = _to_python(key_node, path, walk, depth + 1)
        if key is _BAD or isinstance(key, (list, dict)):
            walk.refuse("invalid-field", "a mapping key must be a plain string", key_node.start_mark, path)
            continue
        key = key if isinstance(key, str) else str(key)
        line = key_node.start_mark.line + 1
        if key in result:
            what = "ids must be unique" if len(path) == 1 else "a later value would silently replace the first"
            walk.refuse("duplicate-key", f"`{key}` is defined twice, on lines {first_line[key]} and {line}: "
                        f"keep one ({what})", key_node.start_mark, path + (key,))
            continue
        first_line[key] = line
        walk.marks.at_path[path + (key,)] = (line, key_node.start_mark.column + 1)
        if len(path) == 1:
            walk.entries.append((key_node.start_mark.index, value_node.end_mark.index, path + (key,)))
        result[key] = _to_python(value_node, path + (key,), walk, depth + 1)
    return result


def _refuse_tag(node: yaml.Node, path: Path_, walk: _Walk) -> None:
    walk.refuse("tag-not-allowed", f"the tag {node.tag} is not allowed: facts.yaml holds plain strings, "
                "numbers, dates, lists and mappings only", node.start_mark, path)


def _scalar(node: yaml.ScalarNode, path: Path_, walk: _Walk) -> Any:
    tag = node.tag
    if tag == _T + "str":
        value: Any = node.value
    elif tag in _SCALAR_TAGS:
        try:
            value = _constructor.yaml_constructors[tag](_constructor, node)
        except Exception:  # noqa: BLE001 - "!!bool x", "!!timestamp y": keep the text, let validation say why
            value = node.value
        if isinstance(value, dt.datetime):
            value = value.date() if value.time() == dt.time(0) and value.tzinfo is None else value
    else:
        _refuse_tag(node, path, walk)
        return _BAD
    if isinstance(value, str):
        control = _CONTROL.search(value)
        if control:
            walk.refuse("control-character", f"the text holds the control character U+{ord(control.group()):04X}: "
                        "remove it", node.start_mark, path)
            return _BAD
    return value


def _build_models(project: Project, data: dict[str, Any]) -> None:
    for key in data:
        if key not in SECTIONS:
            project.finding("unknown-key", f"unknown top-level key `{key}`: use {', '.join(SECTIONS)}", (key,))
    if "briefing" not in data:
        project.finding("missing-field", "the `briefing` block is missing: add title, as_of and marking", ())
    else:
        if ("briefing",) not in project.bad_paths:
            project.briefing = validate_entity(project, BriefingMeta, data["briefing"], ("briefing",), None)
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
            if not _ID.fullmatch(ident):
                project.finding("invalid-id", f"the id `{ident}` must match [a-z0-9][a-z0-9-]* "
                                "(lower-case letters, digits, hyphens)", path, ident)
                continue
            if path in project.bad_paths:
                continue
            validated = validate_entity(project, model, entry, path, ident)
            if validated is not None:
                target[ident] = validated
