"""`briefing suggest SOURCE_ID... [--kinds ...] [--append]`: proven candidate facts from a source.

The fact base is loaded and its sources read once by
:func:`briefing.check.check` (without proving the base's own facts: `check`
does that); the source's figures, dates, quotations and people are read with
the verifier's own readers (:mod:`briefing.suggest`), and every candidate is
proven by the same checker before it is proposed. The result is paste-ready YAML; with
``append`` it is added to facts.yaml under a comment marking it suggested,
surgically (:mod:`briefing.suggest.append`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefing.check import check
from briefing.errors import UsageError
from briefing.load.project import load_project
from briefing.suggest.dated import date_drafts
from briefing.suggest.emit import comment_lines, entry_lines, insert_entries, scalar
from briefing.suggest.figures import figure_drafts
from briefing.suggest.known import group_repeats, mark_known
from briefing.suggest.model import Draft, PersonSuggestion, Suggestion
from briefing.suggest.people import person_drafts
from briefing.suggest.prove import Prover
from briefing.suggest.quotes import Roster, statement_drafts
from briefing.suggest.sentences import layout
from briefing.verify.facts import Report

KINDS = ("amount", "percent", "count", "range", "date", "statement", "people")


@dataclass
class SuggestResult:
    """What `briefing suggest` proposes: proven people and facts, each marked against the fact base."""

    report: Report
    source_ids: list[str]
    people: list[PersonSuggestion] = field(default_factory=list)
    facts: list[Suggestion] = field(default_factory=list)
    appended: tuple[int, int] | None = None      # (facts, people) written by --append
    refused: str | None = None

    @property
    def exit_code(self) -> int:
        """1 when nothing could be suggested because the project or the source has errors, else 0."""
        return 1 if self.refused else 0

    @property
    def new_people(self) -> list[PersonSuggestion]:
        """People entries the fact base does not have yet."""
        return [p for p in self.people if p.known is None]

    @property
    def writable(self) -> list[Suggestion]:
        """Facts that become entries: new ones and conflicting ones (corroborations become evidence notes)."""
        return [s for s in self.facts if s.status in ("new", "conflicts")]

    def people_lines(self) -> list[str]:
        """The new people entries as YAML lines at indent 2."""
        lines: list[str] = []
        for person in self.new_people:
            lines += ["", *entry_lines(person.id, person.entry)]
        return lines

    def fact_lines(self, everything: bool = False) -> list[str]:
        """The suggested facts as YAML lines at indent 2, each under a comment; ``everything`` writes all."""
        lines: list[str] = []
        for s in self.facts:
            found = s.found if len(s.found) <= 60 else s.found[:57].rstrip() + "..."
            where = f"{s.kind} {found} ({s.source_id} {s.location or f'{s.line}:{s.column}'})"
            if s.status in ("new", "conflicts") or everything:
                lines += ["", *comment_lines(f"{where}" + (f": {s.remark}" if s.remark else "")),
                          *entry_lines(s.id, s.entry)]
            elif s.status == "corroborates":
                evidence = [f"- source: {s.source_id}", f"  quote: {scalar(s.entry['quote'])}"]
                lines += ["", *comment_lines("\n".join([f"{where}: {s.remark}", *evidence]))]
            else:
                lines += ["", *comment_lines(f"{where}: {s.remark}")]
        return lines

    def yaml_text(self) -> str:
        """Paste-ready YAML: a `people:` and a `facts:` block under a comment that marks them suggested."""
        out = [f"# Suggested by `briefing suggest {' '.join(self.source_ids)}`: each entry below passes "
               "`briefing check` as written. Review, then keep, edit or delete it."]
        people = self.people_lines()
        if people:
            out += ["people:", *people[1:]]
        out += ["facts:", *self.fact_lines()[1:]]
        return "\n".join(out) + "\n"


def _roster(prover: Prover) -> Roster:
    forms: dict[str, str] = {}
    surnames: dict[str, list[str]] = {}
    for ident, person in prover.people.items():
        for form in (person.name, *person.aliases):
            forms.setdefault(form, ident)
        surnames.setdefault(person.name.split()[-1], []).append(ident)
    for surname, idents in surnames.items():
        if len(idents) == 1:
            forms.setdefault(surname, idents[0])
    return Roster(forms, {ident: person.name for ident, person in prover.people.items()})


def suggest(path: Path, source_ids: list[str], kinds: list[str] | None = None, append: bool = False,
            display: str | None = None) -> SuggestResult:
    """Propose proven candidate facts (and people) from ``source_ids``; with ``append``, add them to the file."""
    wanted = tuple(kinds or KINDS)
    unknown_kinds = sorted(set(wanted) - set(KINDS))
    if unknown_kinds:
        raise UsageError(f"--kinds: unknown kind {', '.join(unknown_kinds)}; use {', '.join(KINDS)}")
    report = check(path, display, prove=False)   # loaded and read; only the candidates are proven
    project = report.project
    result = SuggestResult(report, list(dict.fromkeys(source_ids)))
    if project.briefing is None or not project.sources:
        result.refused = "the fact base cannot be loaded: fix the errors above first"
        return result
    unknown = [s for s in result.source_ids if s not in project.sources]
    if unknown:
        raise UsageError(f"unknown source {', '.join(unknown)}; the sources of {project.display} are "
                         f"{', '.join(sorted(project.sources)) or 'none'}")
    unreadable = [s for s in result.source_ids if s not in report.sources]
    if unreadable:
        result.refused = f"source {', '.join(unreadable)} cannot be read: fix the errors above first"
        return result
    prover = Prover(report)
    layouts = {s: layout(report.sources[s]) for s in result.source_ids}
    result.people = prover.people_entries([d for s in result.source_ids for d in person_drafts(layouts[s], s)])
    roster = _roster(prover)
    drafts: list[Draft] = []
    for source_id in result.source_ids:
        published = project.sources[source_id].published
        found = [*figure_drafts(layouts[source_id], source_id, published),
                 *date_drafts(layouts[source_id], source_id, published, roster),
                 *statement_drafts(layouts[source_id], source_id, roster)]
        drafts += sorted((d for d in found if d.kind in wanted), key=lambda d: d.start)
    facts = prover.facts(drafts)
    mark_known(facts, project.facts)
    result.facts = group_repeats(facts, prover.prove_entry)
    referred = {s.entry.get("speaker") for s in result.facts} | {
        ident for s in result.facts for ident in s.entry.get("participants", ())}
    if "people" not in wanted:                 # speakers and participants are proposed whatever --kinds says
        result.people = [p for p in result.people if p.known is not None or p.id in referred]
    if append:
        _append(path, result)
    return result


def _append(path: Path, result: SuggestResult) -> None:
    """Add the new people and the writable facts to ``path``, keeping every byte that is already there.

    When nothing is new (everything is already in the base or corroborates it) the file is not touched.
    """
    if not result.writable and not result.new_people:
        result.appended = (0, 0)
        return
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8").removeprefix("\ufeff")
    mark = comment_lines(f"--- suggested by `briefing suggest {' '.join(result.source_ids)}`: review each entry, "
                         "then keep, edit or delete it ---")
    facts = result.fact_lines()
    people = result.people_lines()
    try:
        edited = insert_entries(text, "people", ["", *mark, *people[1:]] if people else [])
        edited = insert_entries(edited, "facts", ["", *mark, *facts[1:]] if facts else [])
    except ValueError as error:
        result.refused = str(error)
        return
    before = {f.code for f in load_project(path, text=text).findings}
    after = load_project(path, text=edited).findings
    broken = [f for f in after if f.code in ("yaml-syntax", "duplicate-key") and f.code not in before]
    if broken:
        result.refused = f"the file would not read back ({broken[0].message}); nothing was appended"
        return
    tmp = path.with_name(f".{path.name}.suggest-{os.getpid()}")
    tmp.write_bytes(("\ufeff" if bom else "").encode("utf-8") + edited.encode("utf-8"))
    os.replace(tmp, path)
    result.appended = (len(result.writable), len(result.new_people))
