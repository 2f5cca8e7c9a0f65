"""Validate one entity with pydantic and map its errors back to YAML nodes.

pydantic reports an error location as a path inside the entity
(``("value",)``, ``("evidence", 0, "quote")``); the loader recorded where each
such path is in the YAML, so every validation error becomes a finding at the
right line and column, with a message that says what to do.
"""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from briefing.load.model import ID_RULE, KINDS, Fact

if TYPE_CHECKING:
    from briefing.load.project import Project

_FACT = TypeAdapter(Fact)
#: How a message names an entry of each section (never by the model's class name).
_WHAT = {"briefing": "the `briefing` block", "sources": "a source", "people": "a person", "facts": "a fact",
         "charts": "a chart"}
_FACT_FIELDS: dict[str, set[str]] = {}


def _fact_fields(kind: str) -> set[str]:
    if not _FACT_FIELDS:
        from briefing.load.model import (
            AmountFact,
            ChangeFact,
            ClaimFact,
            CountFact,
            DateFact,
            PercentFact,
            RangeFact,
            StatementFact,
        )
        for model in (AmountFact, PercentFact, CountFact, RangeFact, ChangeFact, DateFact, StatementFact, ClaimFact):
            _FACT_FIELDS[model.model_fields["kind"].annotation.__args__[0]] = {
                info.alias or name for name, info in model.model_fields.items()}
    return _FACT_FIELDS.get(kind, set())


def validate_entity(project: "Project", model: Any, data: Any, path: tuple[Any, ...], ident: str | None) -> Any:
    """Validate ``data`` as ``model`` (None: a fact of any kind); None and findings on failure."""
    if not isinstance(data, dict):
        what = _WHAT.get(path[0], "an entry") if path else "an entry"
        project.finding("invalid-field", f"{what} must be a mapping of fields, not {_describe(data)}", path, ident)
        return None
    try:
        if model is None:
            return _FACT.validate_python(data)
        return model.model_validate(data)
    except ValidationError as error:
        kind = data.get("kind") if model is None else None
        fields = _fact_fields(kind) if isinstance(kind, str) else (set(model.model_fields) if model else set())
        reported: set[tuple[Any, ...]] = set()
        for detail in error.errors():
            loc = tuple(detail["loc"])
            if model is None and loc and loc[0] == kind:
                loc = loc[1:]
            if loc in reported:
                continue
            reported.add(loc)
            _report(project, detail, loc, path, ident, fields)
        return None


def _report(project: "Project", detail: dict[str, Any], loc: tuple[Any, ...], path: tuple[Any, ...],
            ident: str | None, fields: set[str]) -> None:
    kind = detail["type"]
    written = project.marks.written.get(path + loc)
    if written is not None:   # show the value as the file writes it (0000... is not "0")
        detail = {**detail, "input": _Written(written)}
    name = ".".join(str(part) for part in loc)
    if loc and loc[-1] == "[key]":           # a mapping key, such as a topic id under briefing.sections
        where = ".".join(str(part) for part in loc[:-2])
        project.finding("invalid-id", f"the key `{loc[-2]}` of `{where}` must be an id matching "
                        f"{ID_RULE}", path + loc[:-1], ident)
    elif kind == "missing":
        project.finding("missing-field", f"`{name}` is required: add it", path + loc[:-1], ident)
    elif kind == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1]), sorted(fields), n=1, cutoff=0.75)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        project.finding("unknown-key", f"unknown key `{name}`{hint}: remove it or fix its spelling", path + loc, ident)
    elif kind == "union_tag_invalid":
        project.finding("unknown-kind", f"unknown kind `{detail['input'].get('kind')}`: use one of "
                        f"{', '.join(KINDS)}", path + ("kind",), ident)
    elif kind == "union_tag_not_found":
        project.finding("missing-field", f"`kind` is required: use one of {', '.join(KINDS)}", path, ident)
    elif kind == "string_pattern_mismatch" and loc and loc[-1] in ("source", "speaker", "topic", "metric") \
            or (kind == "string_pattern_mismatch" and len(loc) > 1 and loc[-2] in ("participants", "mentions", "facts")):
        project.finding("invalid-id", f"`{name}` must be an id matching {ID_RULE}, got "
                        f"{_describe(detail.get('input'))}", path + loc, ident)
    elif kind == "string_type" and isinstance(detail.get("input"), _Written):
        project.finding("invalid-field", f"`{name}` must be text, but YAML reads {_describe(detail['input'])} as "
                        "a number, date or true/false: put it in quotes", path + loc, ident)
    elif kind.startswith(("date_", "datetime_")) and isinstance(detail.get("input"), str):
        project.finding("invalid-field", f"`{name}` must be an ISO date (YYYY-MM-DD), got "
                        f"{_describe(detail['input'])}{_iso_hint(detail['input'])}", path + loc, ident)
    elif kind == "string_pattern_mismatch" and loc and loc[-1] in _PATTERN_HINTS:
        project.finding("invalid-field", f"`{name}` {_PATTERN_HINTS[loc[-1]]}, got {_describe(detail.get('input'))}",
                        path + loc, ident)
    elif kind in ("model_type", "model_attributes_type", "dict_type"):   # never name the model class
        fields = ", ".join(f"`{field}`" for field in _NESTED_FIELDS.get(str(loc[0]) if loc else "", ()))
        listing = f" ({fields})" if fields else ""
        project.finding("invalid-field", f"`{name}` must be a mapping{listing}, not {_describe(detail.get('input'))}"
                        ": correct the value", path + loc, ident)
    else:
        message = str(detail.get("msg", "invalid value"))
        message = message.removeprefix("Value error, ")
        described = _describe(detail.get("input"))
        got = "" if (kind == "value_error" and not loc) or described in message else f"; got {described}"
        where = f"`{name}`: " if name else ""
        project.finding("invalid-field", f"{where}{message}{got}: correct the value", path + loc, ident)


#: The fields of the mappings nested inside an entry, for messages.
_NESTED_FIELDS = {"evidence": ("source", "quote")}


def _iso_hint(text: str) -> str:
    """": write 2025-08-04" when the text reads as one unambiguous date, else nothing."""
    from briefing.text.dates import parse_date_text

    try:
        parsed = parse_date_text(text.strip())
    except Exception:  # noqa: BLE001 - a hint is optional; dateparser may choke on odd input
        return ""
    return f": write {parsed.isoformat()}" if parsed else ""


_PATTERN_HINTS = {
    "url": "must be a web address starting with http:// or https:// (it is printed as a link, never fetched)",
    "sha256": "must be 64 hexadecimal digits (`briefing sources --pin` writes the right ones)",
    "language": "must be a language tag such as en or en-GB",
}


class _Written(str):
    """A scalar's text as written in the file: described without quotes."""

    def __repr__(self) -> str:
        return str(self)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
