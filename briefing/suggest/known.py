"""What a suggestion changes: is it already known, does it corroborate or conflict, does it repeat?

* **cited** - a fact citing the same source already states the same value or
  date in a quote that holds the same words: nothing to add.
* **corroborates X** - fact X states the same value (amount, percent, count,
  range in the same unit and period; a date; the same speaker's words) from
  another source or passage: add the quote to X as evidence.
* **conflicts with X** - fact X measures the same thing (the same subject
  words, kind, unit and period) but states another value.
* **grouped** - the same candidate from two of the sources suggested at once
  is one fact with an ``evidence`` list, when that proves.
"""
from __future__ import annotations

from typing import Any, Callable, Hashable

from briefing.load.model import Fact, field_of
from briefing.suggest.model import Suggestion
from briefing.suggest.passages import same_measure, subject_key, subject_of
from briefing.suggest.sentences import Span
from briefing.text.normalize import normalize
from briefing.suggest.readers import parse_value, unit_key


def value_key(kind: str, fields: Any, get: Callable[[Any, str], Any]) -> Hashable:
    """What a fact or suggestion states, comparable across both: kind, value(s), unit (no period)."""
    if kind in ("amount", "percent", "count"):
        unit = get(fields, "unit") or ("percent" if kind == "percent" else None)
        return kind, parse_value(get(fields, "value")), unit_key(unit)
    if kind == "range":
        return kind, parse_value(get(fields, "low")), parse_value(get(fields, "high")), unit_key(get(fields, "unit"))
    if kind == "date":
        return kind, str(get(fields, "date"))
    if kind == "statement":
        return kind, get(fields, "speaker")
    return kind, id(fields)


def _entry_get(entry: dict[str, Any], name: str) -> Any:
    return entry.get(name)


def _same_words(said: str, other: str) -> bool:
    a, b = normalize(said).strip(" .,"), normalize(other).strip(" .,")
    return bool(a) and bool(b) and (a in b or b in a)


def _subject(text: str) -> tuple[str, frozenset[str]]:
    norm = normalize(text)
    span = subject_of(norm, Span(0, len(norm)))
    return subject_key(norm[span.start:span.end] if span else norm)


def mark_known(suggestions: list[Suggestion], facts: dict[str, Fact]) -> None:
    """Set each suggestion's status against the fact base's ``facts`` (in place)."""
    keyed = [(ident, fact, value_key(fact.kind, fact, field_of)) for ident, fact in facts.items()
             if fact.kind != "claim"]
    for suggestion in suggestions:
        entry = suggestion.entry
        key = value_key(suggestion.kind, entry, _entry_get)
        period = entry.get("period")
        for ident, fact, fact_key in keyed:
            if fact_key != key:
                continue
            if suggestion.kind == "statement" and not _same_words(entry["said"], fact.said):
                continue
            fact_period = field_of(fact, "period", None)
            if period is not None and fact_period is not None and fact_period != period:
                continue
            same_place = any(e.source == suggestion.source_id and (
                suggestion.found in normalize(e.quote) or _same_words(entry["quote"], e.quote))
                for e in fact.evidences)
            suggestion.status, suggestion.other = ("cited" if same_place else "corroborates"), ident
            break
        if suggestion.status != "new" or period is None:
            continue
        mine = subject_key(suggestion.subject)
        for ident, fact, fact_key in keyed:
            if (fact_key[0], fact_key[-1]) == (key[0], key[-1]) and field_of(fact, "period", None) == period \
                    and fact_key != key and same_measure(mine, _subject(fact.text)):
                suggestion.status, suggestion.other = "conflicts", ident
                break


def group_repeats(suggestions: list[Suggestion], proves: Callable[[dict[str, Any]], bool]) -> list[Suggestion]:
    """One suggestion per candidate found in several sources, with an evidence list when that proves."""
    kept: list[Suggestion] = []
    first: dict[Hashable, Suggestion] = {}
    for suggestion in suggestions:
        entry = suggestion.entry
        key = (value_key(suggestion.kind, entry, _entry_get), entry.get("period"),
               normalize(entry.get("said", "")).strip(" ."))
        lead = first.get(key)
        if lead is None or lead.source_id == suggestion.source_id or suggestion.status != "new" \
                or lead.status != "new":
            first.setdefault(key, suggestion)
            kept.append(suggestion)
            continue
        evidence = lead.entry.get("evidence") or [{"source": lead.entry["source"], "quote": lead.entry["quote"]}]
        grouped = {k: v for k, v in lead.entry.items() if k not in ("source", "quote", "evidence", "note")}
        grouped["evidence"] = [*evidence, {"source": suggestion.source_id, "quote": entry["quote"]}]
        if lead.entry.get("note"):
            grouped["note"] = lead.entry["note"]
        if proves(grouped):
            lead.entry = grouped
            lead.group.append(suggestion)
        else:
            kept.append(suggestion)
    return kept

