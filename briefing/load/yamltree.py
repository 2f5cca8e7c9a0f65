"""Read YAML into plain values, remembering where every key is: the one walker.

PyYAML's C loader composes the node graph (every node keeps its marks);
:func:`to_python` turns it into plain values itself, so that it can refuse
what a fact base must never contain (duplicate keys, object-constructing
tags, control characters, aliased collections, deep nesting) and record the
line and column of every key, value and list item in :class:`Marks`.
facts.yaml and stakeholders.yaml both go through it (see :class:`Walk` for
the two options stakeholders.yaml sets).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from briefing.text.characters import CONTROL, LINE_BREAK, RAW_CONTROL, describe_char, line_column

MAX_DEPTH = 64
YamlPath = tuple[Any, ...]
__all__ = ["BAD", "MAX_DEPTH", "RAW_CONTROL", "Loader", "Marks", "TooDeep", "Walk", "YamlPath", "check_depth",
           "line_column", "to_python"]

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
_STR = _T + "str"
_SCALAR_TAGS = {_T + "str", _T + "int", _T + "float", _T + "bool", _T + "null", _T + "timestamp"}
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Marks:
    """Where each key and item of the YAML is: path -> (line, column), 1-based.

    ``values`` holds where each mapping value starts, and ``written`` the text
    of each scalar that was not a string as the file writes it (``0000...``
    for a sha256 that YAML reads as the number 0), for messages.
    """

    at_path: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    values: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    written: dict[YamlPath, str] = field(default_factory=dict)

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
    """State of one conversion: marks to fill, problems found, aliased nodes seen.

    ``as_text`` keeps every scalar but null as the text written (stakeholders.yaml
    holds names and addresses only: ``yes`` is a name, not true); ``one_line``
    refuses line breaks and tabs in every value and key. Every refused path is
    in ``refused``; aliases are reported once, with how many more there are.
    """

    marks: Marks
    as_text: bool = False
    one_line: bool = False
    problems: list[tuple[str, str, Any, YamlPath]] = field(default_factory=list)
    refused: list[YamlPath] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    entries: list[tuple[int, int, YamlPath]] = field(default_factory=list)  # (start, end, (section, id))
    aliases: int = 0

    def refuse(self, code: str, message: str, mark: Any, path: YamlPath) -> None:
        """Record a problem at ``mark``; the value at ``path`` is not used."""
        self.problems.append((code, message, mark, path))
        self.refused.append(path)

    def refuse_alias(self, mark: Any, path: YamlPath) -> None:
        """An aliased collection: the first is reported, the rest counted (an alias bomb is one finding)."""
        self.aliases += 1
        if self.aliases == 1:
            self.refuse("invalid-field", _ALIAS_MESSAGE, mark, path)
            return
        self.refused.append(path)
        index = next(i for i, problem in enumerate(self.problems) if problem[1].startswith(_ALIAS_MESSAGE))
        code, _, first, where = self.problems[index]
        more = self.aliases - 1
        self.problems[index] = (code, f"{_ALIAS_MESSAGE} ({more} more alias{'es' * (more > 1)} below, "
                                "also refused)", first, where)


_ALIAS_MESSAGE = "aliases (*name) of mappings or lists are not supported: write the value out"


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
        walk.refuse_alias(yaml.Mark("", 0, line - 1, column - 1, None, None), path)
        return BAD
    walk.seen.add(id(node))
    if node.tag not in (_T + "map", _T + "seq"):
        _refuse_tag(node, path, walk)
        return BAD
    at_path = walk.marks.at_path   # locals: this loop runs once per node of a fact base
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            mark = item.start_mark
            at_path[path + (index,)] = (mark.line + 1, mark.column + 1)
            items.append(to_python(item, path + (index,), walk, depth + 1))
        return items
    result: dict[Any, Any] = {}
    first_line: dict[Any, int] = {}
    values = walk.marks.values
    for key_node, value_node in node.value:
        if (depth < MAX_DEPTH and isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR
                and not CONTROL.search(key_node.value) and not (walk.one_line and LINE_BREAK.search(key_node.value))):
            key: Any = key_node.value      # a plain string key, as nearly every key is: what _scalar returns
        else:
            key = to_python(key_node, path, walk, depth + 1)
            if key is BAD or isinstance(key, (list, dict)):
                if key is not BAD or not isinstance(key_node, yaml.ScalarNode):  # a refused scalar is reported
                    walk.refuse("invalid-field", "a mapping key must be a plain string", key_node.start_mark, path)
                continue
            key = key if isinstance(key, str) else walk.marks.written.pop(path, None) or str(key)
        key_mark = key_node.start_mark
        line = key_mark.line + 1
        sub = path + (key,)
        if key in result:
            what = "ids must be unique" if len(path) == 1 else "a later value would silently replace the first"
            walk.refuse("duplicate-key", f"`{key}` is defined twice, on lines {first_line[key]} and {line}: "
                        f"keep one ({what})", key_mark, sub)
            continue
        first_line[key] = line
        at_path[sub] = (line, key_mark.column + 1)
        value_mark = value_node.start_mark
        values[sub] = (value_mark.line + 1, value_mark.column + 1)
        if len(path) == 1:
            walk.entries.append((key_mark.index, value_node.end_mark.index, sub))
        result[key] = to_python(value_node, sub, walk, depth + 1)
    return result


def _refuse_tag(node: yaml.Node, path: YamlPath, walk: Walk) -> None:
    walk.refuse("tag-not-allowed", f"the tag {node.tag} is not allowed: write plain strings, numbers, dates, "
                "lists and mappings only", node.start_mark, path)


def _scalar(node: yaml.ScalarNode, path: YamlPath, walk: Walk) -> Any:
    tag = node.tag
    if tag == _T + "str":
        value: Any = node.value
    elif tag not in _SCALAR_TAGS:
        _refuse_tag(node, path, walk)
        return BAD
    elif walk.as_text:
        value = None if tag == _T + "null" else node.value
    else:
        value = _construct(node, tag)
        walk.marks.written[path] = node.value
    if isinstance(value, str):
        control = CONTROL.search(value) or (LINE_BREAK.search(value) if walk.one_line else None)
        if control:
            broken = walk.one_line and LINE_BREAK.fullmatch(control.group())
            what = "line break or tab" if broken else "control character"
            walk.refuse("control-character", f"the text holds the {what} {describe_char(control.group())}: "
                        + ("write it on one line" if what != "control character" else "remove it"),
                        node.start_mark, path)
            return BAD
    return value


def _construct(node: yaml.ScalarNode, tag: str) -> Any:
    """The value of a plain scalar; a float is read exactly, as the Decimal it writes."""
    if tag == _T + "float":
        try:
            exact = Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            exact = None   # .inf, .nan, 1:30.5: let PyYAML read it
        if exact is not None and exact.is_finite():
            return exact
    try:
        value = _constructor.yaml_constructors[tag](_constructor, node)
    except Exception:  # noqa: BLE001 - "!!bool x", "!!timestamp y": keep the text, let validation say why
        return node.value
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time(0) and value.tzinfo is None else value
    return value
