"""Compose YAML text into nodes, and say plainly why text that does not parse does not.

Both loaders (facts.yaml and stakeholders.yaml) compose through
:func:`compose`. libyaml's messages name the parser state ("while parsing a
block mapping did not find expected key"); the two mistakes people make most
are named instead, at the place to fix:

* a tab in the indentation ("YAML indents with spaces"), at the tab;
* a quoted string that is never closed, at the line where the quote opened,
  not the line, often far below, where the parser gave up.
"""
from __future__ import annotations

import yaml

from briefing.load.yamltree import MAX_DEPTH, Loader, TooDeep, check_depth
from briefing.text.characters import line_column, split_lines

TAB_MESSAGE = "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"


class YamlProblem(Exception):
    """YAML that cannot be composed: a finding ``code`` and ``message`` at ``line``, ``column`` (1-based)."""

    def __init__(self, code: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


def compose(text: str) -> yaml.Node | None:
    """The node graph of ``text`` (None when it is empty); :class:`YamlProblem` when it cannot be composed."""
    try:
        check_depth(text)  # libyaml's composer crashes on very deep nesting
        return yaml.compose(text, Loader=Loader)
    except TooDeep as error:
        raise YamlProblem("invalid-field", f"nesting deeper than {MAX_DEPTH} levels: flatten this value",
                          *error.args) from None
    except yaml.MarkedYAMLError as error:
        raise YamlProblem("yaml-syntax", *describe(error, text)) from None
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        line, column = line_column(text, getattr(error, "position", 0) or 0)
        raise YamlProblem("yaml-syntax", f"{error}: fix the YAML".replace("\n", " "), line, column) from None


def describe(error: yaml.MarkedYAMLError, text: str) -> tuple[str, int, int]:
    """(message, line, column) for a YAML error: a tab or an unclosed quote named, else libyaml's words."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    tab = _tab_near(text, line)
    if tab is not None:
        return TAB_MESSAGE, *tab
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        start = error.context_mark
        return ("this quoted string is never closed: add the closing quote on this line",
                start.line + 1, start.column + 1)
    opened = _quote_run_on(text, line)
    if opened is not None:
        return (f"the quoted string that opens here runs on to line {line}, where the YAML breaks: "
                "close the quote on this line", *opened)
    problem = " ".join(filter(None, [error.context, error.problem]))
    return f"{problem}: fix the YAML at this place", line, column


def _tab_near(text: str, line: int) -> tuple[int, int] | None:
    """(line, column) of a tab in the leading white space of ``line`` or the line before it."""
    spans = split_lines(text)
    for number in (line, line - 1):
        if 1 <= number <= len(spans):
            start, end = spans[number - 1]
            body = text[start:end]
            lead = body[: len(body) - len(body.lstrip(" \t"))]
            if "\t" in lead:
                return number, lead.index("\t") + 1
            if number == line and body.lstrip(" ").startswith("- \t"):
                return number, body.index("\t") + 1
    return None


def _quote_run_on(text: str, line: int) -> tuple[int, int] | None:
    """Where a quoted string starts that spans several lines and ends on ``line`` (where parsing failed)."""
    found: tuple[int, int] | None = None
    try:
        for token in yaml.scan(text, Loader=Loader):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') \
                    and token.end_mark.line > token.start_mark.line and token.end_mark.line + 1 == line:
                found = (token.start_mark.line + 1, token.start_mark.column + 1)
            if token.start_mark.line + 1 > line:
                break
    except yaml.YAMLError:
        pass
    return found
