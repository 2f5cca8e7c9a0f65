"""Prove every draft with the real checker before it is proposed; keep the first variant that proves.

Each draft offers (fields, quote, text) variants in order of preference. A
variant is written as the YAML `--append` would write, read back, validated
and verified by :func:`briefing.verify.facts.verify` beside the fact base's
people and sources, the same code `briefing check` runs. A variant proven
without warnings wins; a variant proven with warnings is kept only when no
later one is clean. A draft no variant proves is dropped: nothing unproven is
ever suggested.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Iterator

from pydantic import TypeAdapter, ValidationError

from briefing.load.model import Fact, Person
from briefing.suggest.emit import entry_lines, read_back
from briefing.suggest.naming import IdMaker, topic_for
from briefing.suggest.model import Draft, PersonDraft, PersonSuggestion, Suggestion
from briefing.verify.facts import Report, Verdict, verify

_FACT: TypeAdapter[Any] = TypeAdapter(Fact)


class Prover:
    """Proves drafts of one fact base (its people and sources as `check` read them)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.project = report.project
        self.sections = dict(self.project.briefing.sections) if self.project.briefing else {}
        self.people: dict[str, Person] = dict(self.project.people)
        self.fact_ids = IdMaker(self.project.declared.get("facts", set()) | set(self.project.facts))
        self.person_ids = IdMaker(self.project.declared.get("people", set()) | set(self.project.people))

    def _verify(self, facts: dict[str, Fact], people: dict[str, Person]) -> Report:
        project = dataclasses.replace(self.project, facts=facts, people=people, charts={}, findings=[],
                                      declared={**self.project.declared, "facts": set(facts),
                                                "people": set(people)})
        return verify(project, sources=self.report.sources, source_findings=[])

    def people_entries(self, drafts: list[PersonDraft]) -> list[PersonSuggestion]:
        """The drafts the checker proves, as people entries, one per name; a name already in `people` is marked known.

        Of several drafts of one name, the role most sources give is tried (the
        fullest of those); if it does not prove, the name is not proposed.
        """
        known = {p.name.lower(): ident for ident, p in self.people.items()}
        entries: dict[str, tuple[dict[str, Any], Person]] = {}
        marked: dict[str, str] = {}
        for draft in _one_per_name(drafts):
            entry = {"name": draft.name, "role": draft.role, "country": draft.country,
                     "aliases": draft.aliases or None, "source": draft.source_id, "quote": draft.quote}
            temp = f"p{len(entries)}"
            model = _person(temp, entry)
            if model is not None:
                entries[temp] = (entry, model)
                if draft.name.lower() in known:
                    marked[temp] = known[draft.name.lower()]
        report = self._verify({}, {**self.people, **{k: m for k, (_, m) in entries.items()}})
        proposed: list[PersonSuggestion] = []
        for temp, (entry, model) in entries.items():
            verdict = report.people[temp]
            if not verdict.proven:
                continue
            cited = verdict.cited[0]
            if temp in marked:
                proposed.append(PersonSuggestion(marked[temp], entry, cited.line or 1, cited.column or 1,
                                                 known=marked[temp]))
                continue
            ident = self.person_ids.make(entry["name"], fallback="person")
            self.people[ident] = model
            proposed.append(PersonSuggestion(ident, entry, cited.line or 1, cited.column or 1))
        return proposed

    def facts(self, drafts: list[Draft]) -> list[Suggestion]:
        """The drafts the checker proves, each with its first proving variant, in the order given."""
        pending = {i: _variants(draft, self.sections) for i, draft in enumerate(drafts)}
        chosen: dict[int, tuple[dict[str, Any], Verdict]] = {}
        fallback: dict[int, tuple[dict[str, Any], Verdict]] = {}
        while pending:
            batch: dict[str, tuple[int, dict[str, Any], Fact]] = {}
            for i, variants in list(pending.items()):
                for entry in variants:
                    model = _fact(f"c{i}", entry)
                    if model is not None:
                        batch[f"c{i}"] = (i, entry, model)
                        break
                else:
                    del pending[i]
            if not batch:
                break
            report = self._verify({k: m for k, (_, _, m) in batch.items()}, self.people)
            warned = {f.subject for f in report.findings if f.severity == "warning"}
            for key, (i, entry, _) in batch.items():
                verdict = report.facts[key]
                if not verdict.proven:
                    continue
                if key not in warned:
                    chosen[i] = (entry, verdict)
                    pending.pop(i, None)
                else:
                    fallback.setdefault(i, (entry, verdict))
        chosen = {**fallback, **chosen}
        return [self._suggestion(drafts[i], *chosen[i]) for i in sorted(chosen)]

    def _suggestion(self, draft: Draft, entry: dict[str, Any], verdict: Verdict) -> Suggestion:
        suffix = entry.get("date") or entry.get("period")
        ident = self.fact_ids.make(draft.subject, str(suffix) if suffix else None, fallback=draft.kind)
        source = self.report.sources[draft.source_id]
        line, column = source.position(draft.start)
        return Suggestion(ident, draft.kind, entry, draft.source_id, line, column, draft.found, draft.start,
                          draft.subject, location=source.location(draft.start, draft.end))

    def prove_entry(self, entry: dict[str, Any]) -> bool:
        """Whether one fact entry (as it would be written) proves without errors."""
        model = _fact("grouped", entry)
        return model is not None and self._verify({"grouped": model}, self.people).facts["grouped"].proven


def _one_per_name(drafts: list[PersonDraft]) -> list[PersonDraft]:
    """One draft per name: the role most sources give, the fullest of those, first found first."""
    by_name: dict[str, list[PersonDraft]] = {}
    for draft in drafts:
        by_name.setdefault(draft.name.lower(), []).append(draft)
    chosen = []
    for same in by_name.values():
        votes: dict[str, int] = {}
        for draft in same:
            votes[draft.role.lower()] = votes.get(draft.role.lower(), 0) + 1
        chosen.append(max(same, key=lambda d: (votes[d.role.lower()], len(d.role.split()), -same.index(d))))
    return chosen


def _variants(draft: Draft, sections: dict[str, str]) -> Iterator[dict[str, Any]]:
    for fields in draft.fields:
        for passage in draft.passages:
            entry: dict[str, Any] = {"kind": draft.kind, "topic": topic_for(passage.quote, sections),
                                     "text": passage.text, **fields, "source": draft.source_id,
                                     "quote": passage.quote}
            if draft.note:
                entry["note"] = draft.note
            yield entry


def _fact(ident: str, entry: dict[str, Any]) -> Fact | None:
    """The fact model of ``entry`` as read back from the YAML it is written as, or None if invalid."""
    try:
        return _FACT.validate_python(read_back("facts", entry_lines(ident, entry))[ident])
    except (ValidationError, KeyError, TypeError):
        return None


def _person(ident: str, entry: dict[str, Any]) -> Person | None:
    try:
        return Person.model_validate(read_back("people", entry_lines(ident, entry))[ident])
    except (ValidationError, KeyError, TypeError):
        return None
