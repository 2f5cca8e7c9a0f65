"""Suggestions as YAML: the entries that are printed, proven and appended, and the surgical append.

Every string that is not a plain word is written double-quoted with JSON
escapes (valid YAML), so quotes with colons, quotation marks or "#" read back
exactly; ids, dates, numbers and plain words are written bare.

``--append`` never overwrites a byte of facts.yaml: the composed YAML nodes
give the end of the last entry of the ``facts`` (and ``people``) mapping; the
new entries, under a comment that marks them suggested, are inserted right
after it at the indentation the file already uses. Comments, quoting, key
order, line endings and a byte-order mark stay as written. A section the file
lacks, or leaves empty, is written at the end of the file or in place of its
empty value.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable

import yaml

_BARE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")
_RESERVED = frozenset("yes no true false null on off y n ~".split())
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def scalar(value: Any) -> str:
    """One YAML scalar: bare when it reads back as the same string or number, else JSON-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (_BARE.match(text) and text.lower() not in _RESERVED and not text.endswith((" ", "-", ":"))
            and ": " not in text and " #" not in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def entry_lines(ident: str, entry: dict[str, Any], indent: int = 2) -> list[str]:
    """``ident:`` and its fields as block YAML lines (lists of mappings for ``evidence``)."""
    pad, inner = " " * indent, " " * (indent + 2)
    lines = [f"{pad}{ident}:"]
    for key, value in entry.items():
        if value is None:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{inner}{key}:")
            for item in value:
                first = True
                for sub_key, sub_value in item.items():
                    lead = f"{inner}  - " if first else f"{inner}    "
                    lines.append(f"{lead}{sub_key}: {scalar(sub_value)}")
                    first = False
        elif isinstance(value, list):
            lines.append(f"{inner}{key}: [{', '.join(scalar(item) for item in value)}]")
        else:
            lines.append(f"{inner}{key}: {scalar(value)}")
    return lines


def read_back(section: str, lines: Iterable[str]) -> dict[str, Any]:
    """Parse entry lines the way facts.yaml will hold them: ``{id: mapping}`` of one section."""
    data = yaml.load(f"{section}:\n" + "\n".join(lines) + "\n", Loader=_Loader)
    return data[section] or {}


def comment_lines(text: str, indent: int = 2) -> list[str]:
    """``text`` as YAML comment lines at ``indent``."""
    return [f"{' ' * indent}# {line}".rstrip() for line in text.splitlines()]


def _section(root: yaml.Node, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    return next(((key, value) for key, value in root.value if key.value == name), None)


def _last_scalar(node: yaml.Node) -> yaml.Node:
    """The last node written inside a block collection (its end mark is exact, unlike the collection's)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    end = len(text) if end == -1 else end
    return end - 1 if text[end - 1:end] == "\r" else end


def _indents(node: yaml.MappingNode) -> tuple[int, int]:
    """The column of the section's ids, and how much deeper their fields sit."""
    outer = node.value[0][0].start_mark.column
    first = node.value[0][1]
    inner = 2
    if isinstance(first, yaml.MappingNode) and first.value and not first.flow_style:
        inner = max(1, first.value[0][0].start_mark.column - outer)
    return outer, inner


def _reindent(lines: list[str], outer: int, inner: int) -> list[str]:
    """Lines written at indent 2 (+2 per level) moved to the file's own indentation."""
    out = []
    for line in lines:
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped) - 2) // 2
        out.append(" " * (outer + inner * depth) + stripped if stripped else "")
    return out


def insert_entries(text: str, section: str, lines: list[str]) -> str:
    """``text`` with ``lines`` (entries written at indent 2) added at the end of top-level ``section``."""
    if not lines:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    root = yaml.compose(text, Loader=_Loader) if text.strip() else None
    found = _section(root, section) if root is not None else None
    if found is not None and isinstance(found[1], yaml.MappingNode) and found[1].value and not found[1].flow_style:
        node = found[1]
        outer, inner = _indents(node)
        body = newline.join(_reindent(lines, outer, inner))
        last = _last_scalar(node).end_mark
        if last.column == 0:                           # a block scalar ends at the start of the next line
            return text[:last.index] + body + newline + text[last.index:]
        at = _line_end(text, last.index)
        return text[:at] + newline + body + text[at:]
    body = newline.join(lines)
    if found is not None:                              # `facts:` with nothing, null or {} after it
        key, value = found
        if isinstance(value, yaml.MappingNode) and value.value:
            raise ValueError(f"`{section}` is written as a one-line mapping: write it as a block to append to it")
        colon = text.find(":", key.end_mark.index)
        at = _line_end(text, colon)
        rest = text[colon + 1:at].strip()
        if rest and not rest.startswith("#"):          # an explicit null or {}: only that token goes
            text = text[:value.start_mark.index] + text[value.end_mark.index:]
            at = _line_end(text, colon)
        return text[:at] + newline + body + text[at:]
    if text and not text.endswith("\n"):
        text += newline
    return text + f"{section}:" + newline + body + newline
