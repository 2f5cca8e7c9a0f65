"""Add one source entry to facts.yaml as a text edit, so comments, quoting and layout stay as written.

The composed YAML nodes give the exact place to write: after the last entry
of a block ``sources:`` mapping (at its indentation), inside a flow mapping
before its closing brace, under an empty ``sources:`` key, or, when there is
no ``sources`` key, a new section at the end of the file. Nothing else in the
file changes; its line endings are kept.
"""
from __future__ import annotations

import datetime as dt
import json

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Value = str | dt.date | None


def scalar(value: Value) -> str:
    """A YAML scalar for ``value``: null, an ISO date, or a double-quoted string (a digest unquoted)."""
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    if len(value) == 64 and all(c in "0123456789abcdef" for c in value) and not value.isdigit():
        return value
    return json.dumps(value, ensure_ascii=False)


def with_source(text: str, ident: str, fields: list[tuple[str, Value]], comment: str | None = None) -> str:
    """``text`` (a facts.yaml) with source ``ident`` added, its ``fields`` in order, after ``comment``."""
    newline = "\r\n" if "\r\n" in text else "\n"
    root = yaml.compose(text, Loader=_Loader) if text.strip() else None
    sources = None
    if isinstance(root, yaml.MappingNode):
        sources = next((value for key, value in root.value if key.value == "sources"), None)
    if isinstance(sources, yaml.MappingNode) and sources.value and sources.flow_style:
        entry = ", ".join(f"{key}: {scalar(value)}" for key, value in fields)
        close = sources.end_mark.index - 1
        return text[:close] + f", {ident}: {{{entry}}}" + text[close:]
    if isinstance(sources, yaml.MappingNode) and sources.value:
        indent = sources.value[0][0].start_mark.column
        child = indent + 2
        first = sources.value[0][1]
        if isinstance(first, yaml.MappingNode) and first.value and not first.flow_style:
            child = first.value[0][0].start_mark.column
        at = _line_end(text, _last_node(sources).end_mark)
        block = _block(ident, fields, comment, indent, child, newline)
        return text[:at] + newline + block.removesuffix(newline) + text[at:]
    if sources is not None:                      # `sources:`, `sources: null` or `sources: {}`
        key = next(key for key, value in root.value if key.value == "sources")
        start, end = sources.start_mark.index, sources.end_mark.index
        if start == end:
            start = end = key.end_mark.index + 1 if text[key.end_mark.index:key.end_mark.index + 1] == ":" \
                else key.end_mark.index
        text = text[:start].rstrip(" ") + text[end:]
        at = _line_end(text, key.end_mark)
        block = _block(ident, fields, comment, 2, 4, newline)
        return text[:at] + newline + block.removesuffix(newline) + text[at:]
    if text and not text.endswith("\n"):
        text += newline
    return text + f"{newline if text.strip() else ''}sources:{newline}" + _block(ident, fields, comment, 2, 4, newline)


def _block(ident: str, fields: list[tuple[str, Value]], comment: str | None, indent: int, child: int,
           newline: str) -> str:
    lines = [f"{' ' * indent}{ident}:"]
    if comment:
        lines += [f"{' ' * child}# {part}" for part in comment.splitlines()]
    lines += [f"{' ' * child}{key}: {scalar(value)}" for key, value in fields]
    return newline.join(lines) + newline


def _last_node(node: yaml.Node) -> yaml.Node:
    """The last scalar (or flow collection) of a block collection: where its text really ends."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _line_end(text: str, mark: "yaml.Mark") -> int:
    """The end of the line holding ``mark`` (before its newline); a block scalar ends at a line start."""
    if mark.column == 0 and mark.index > 0:
        at = mark.index - 1
        return at - 1 if text[at - 1:at] == "\r" else at
    at = text.find("\n", mark.index)
    at = len(text) if at == -1 else at
    return at - 1 if text[at - 1:at] == "\r" else at
