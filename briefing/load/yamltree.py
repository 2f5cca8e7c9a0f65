"""Read YAML into plain values, remembering where every key is.

PyYAML's C loader composes the node graph (every node keeps its marks);
:func:`to_python` turns it into plain values itself, so that it can refuse
what a fact base must never contain (duplicate keys, object-constructing
tags, control characters, aliased collections, deep nesting) and record the
line and column of every key and list item in :class:`Marks`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_DEPTH = 64
YamlPath = tuple[Any, ...]

# C0/C1 controls (tab and line feed are white space), bidi overrides, line/paragraph
# separators, lone surrogates and non-characters: invisible or unprintable in a briefing.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                      "\ud800-\udfff\ufffe\uffff]")
RAW_CONTROL = re.compile("(?!\r)" + _CONTROL.pattern)   # a CR in the file is part of a line break

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BaseLoader):  # type: ignore[misc, valid-type]
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


@dataclass
class Marks:
    """Where each key and item of the YAML is: path -> (line, column), 1-based."""

    at_path: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)

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
class Walk:
    """State of one conversion: marks to fill, problems found, aliased nodes seen."""

    marks: Marks
    problems: list[tuple[str, str, Any, YamlPath]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    entries: list[tuple[int, int, YamlPath]] = field(default_factory=list)  # (start, end, (section, id))

    def refuse(self, code: str, message: str, mark: Any, path: YamlPath) -> None:
        self.problems.append((code, message, mark, path))


BAD = object()  # stands for a value that was refused; its entity is not validated


class TooDeep(Exception):
    """Raised with (line, column) when collections nest deeper than MAX_DEPTH."""


_BRACKETS = re.compile(r"[\[\]{}]")
SAFE_COMPOSE_DEPTH = 1000  # libyaml composes this deep quickly; it crashes near 30,000


def nesting_bound(text: str) -> int:
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


def check_depth(text: str) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses (and crashes) on it.

    The exact scan parses the events once more, so it runs only when the
    cheap bound cannot rule deep nesting out; ``to_python`` enforces
    MAX_DEPTH on what is composed.
    """
    if nesting_bound(text) <= SAFE_COMPOSE_DEPTH:
        return
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise TooDeep(event.start_mark.line + 1, event.start_mark.column + 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` of ``text``."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def to_python(node: yaml.Node, path: YamlPath, walk: Walk, depth: int) -> Any:
    """The plain value of ``node``; marks go to ``walk.marks``, refusals to ``walk.problems`` (as BAD)."""
    if depth > MAX_DEPTH:
        walk.refuse("invalid-field", f"nesting deeper than {MAX_DEPTH} levels: flatten this value",
                    node.start_mark, path)
        return BAD
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, walk)
    if id(node) in walk.seen:  # an alias: report it where it is used, not at its anchor
        line, column = walk.marks.at(*path)
        walk.refuse("invalid-field", "aliases (*name) of mappings or lists are not supported: write the value out",
                    yaml.Mark("", 0, line - 1, column - 1, None, None), path)
        return BAD
    walk.seen.add(id(node))
    if node.tag not in (_T + "map", _T + "seq"):
        _refuse_tag(node, path, walk)
        return BAD
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            walk.marks.at_path[path + (index,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(to_python(item, path + (index,), walk, depth + 1))
        return items
    result: dict[Any, Any] = {}
    first_line: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = to_python(key_node, path, walk, depth + 1)
        if key is BAD or isinstance(key, (list, dict)):
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
        result[key] = to_python(value_node, path + (key,), walk, depth + 1)
    return result


def _refuse_tag(node: yaml.Node, path: YamlPath, walk: Walk) -> None:
    walk.refuse("tag-not-allowed", f"the tag {node.tag} is not allowed: facts.yaml holds plain strings, "
                "numbers, dates, lists and mappings only", node.start_mark, path)


def _scalar(node: yaml.ScalarNode, path: YamlPath, walk: Walk) -> Any:
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
        return BAD
    if isinstance(value, str):
        control = _CONTROL.search(value)
        if control:
            walk.refuse("control-character", f"the text holds the control character U+{ord(control.group()):04X}: "
                        "remove it", node.start_mark, path)
            return BAD
    return value
