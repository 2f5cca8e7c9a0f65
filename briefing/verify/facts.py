"""Verify a loaded project: every fact and person against its sources.

``verify(project)`` reads the sources, finds each quote, applies the support
rule of the fact's kind, checks the text against the fact's own fields and
the metrics across facts, and returns a :class:`Report`: all findings (load
findings included) and a verdict per fact and person. Nothing stops at the
first problem.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from briefing.text.normalize import normalize
from briefing.verify.consistency import metric_conflicts, text_problems
from briefing.verify.quotes import closest_passage, find_quote
from briefing.findings import CODES, Finding, sort_findings
from briefing.load.project import Project
from briefing.load.model import field_of
from briefing.load.sources import SourceText, read_sources
from briefing.verify.change import figure_role_problems
from briefing.verify.dateline import check_datelines, stated_date
from briefing.verify.lexicon import for_project
from briefing.verify.rules import RULES, Context, Problem, support_mentions, support_person
from briefing.verify.sentence import check_sentence, keep_unsupported

if TYPE_CHECKING:
    from briefing.load.model import Fact, Person


@dataclass(frozen=True, slots=True)
class Cited:
    """A quote found in its source: the citation a proven fact or person carries."""

    source_id: str
    quote: str
    line: int | None
    column: int | None
    #: The page of a PDF source ("page 2"), or section and paragraph of an HTML or Word one; None for text.
    location: str | None = None


@dataclass
class Verdict:
    """Whether one fact or person is proven, by which citations, or why not."""

    id: str
    proven: bool = True
    cited: list[Cited] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready verdict."""
        return {"proven": self.proven,
                "citations": [{"source": c.source_id, "line": c.line, "column": c.column, "location": c.location,
                               "quote": c.quote}
                              for c in self.cited],
                "errors": [f.as_dict() for f in self.findings if f.severity == "error"]}


@dataclass
class Report:
    """The result of ``briefing check``."""

    project: Project
    sources: dict[str, SourceText]
    findings: list[Finding]
    facts: dict[str, Verdict]
    people: dict[str, Verdict]
    #: sha256 of every input read (facts file, sources, template files), by project-relative path.
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings of severity warning."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when nothing is an error."""
        return not self.errors

    def summary(self) -> str:
        """One line: how many facts and people are proven, and the counts of findings."""
        facts = sum(v.proven for v in self.facts.values())
        people = sum(v.proven for v in self.people.values())
        total_facts = len(self.project.declared.get("facts", ())) or len(self.facts)
        total_people = len(self.project.declared.get("people", ())) or len(self.people)
        head = (f"{facts} facts and {people} people proven" if facts == total_facts and people == total_people
                else f"{facts} of {total_facts} facts and {people} of {total_people} people proven")
        errors, warnings = len(self.errors), len(self.warnings)
        return f"{head}; {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"

    def as_dict(self) -> dict[str, Any]:
        """The verification record (`briefing check --format json`)."""
        return {"file": self.project.display, "ok": self.ok, "summary": self.summary(),
                "findings": [f.as_dict() for f in self.findings],
                "facts": {ident: v.as_dict() for ident, v in self.facts.items()},
                "people": {ident: v.as_dict() for ident, v in self.people.items()},
                "sources": {ident: {"path": s.path.relative_to(self.project.root.resolve()).as_posix()
                                    if s.path.is_relative_to(self.project.root.resolve()) else s.path.name,
                                    "sha256": s.sha256} for ident, s in self.sources.items()}}


class Checker:
    """Checks facts and people of one project against its (once-read) sources."""

    def __init__(self, project: Project, sources: dict[str, SourceText] | None = None) -> None:
        self.project = project
        #: Findings of reading the sources; each fact's and person's own are in its verdict.
        self.source_findings: list[Finding] = []
        if sources is None:
            sources, self.source_findings = read_sources(project)
        self.sources = sources
        self.people = project.people
        self.lexicon = for_project(project.lexicon)
        self.lexicon.forget()   # caches keyed by another run's texts and people would only pile up

    def problem(self, verdict: Verdict, problem: Problem, path: tuple[Any, ...]) -> None:
        """Record ``problem`` in ``verdict``: the fact or person is not proven."""
        field_path = path + ((problem.field,) if problem.field else ())
        verdict.findings.append(self.project.locate(problem.code, problem.message, field_path, verdict.id))
        if CODES[problem.code][0] == "error":
            verdict.proven = False

    def check_quote(self, verdict: Verdict, source_id: str, quote: str, path: tuple[Any, ...]) -> tuple[SourceText, Any] | None:
        """Find one quote; on failure record the finding and return None."""
        source = self.sources.get(source_id)
        if source is None:
            verdict.proven = False
            if source_id not in self.project.declared.get("sources", ()):
                known = ", ".join(sorted(self.project.sources)) or "none defined"
                self.problem(verdict, Problem("unknown-source", f"source `{source_id}` is not defined in "
                                              f"`sources` (defined: {known})", "source"), path)
            return None
        match = find_quote(source, quote)
        if match is None:
            closest = closest_passage(source, quote)
            if not normalize(quote).strip():
                where = "the quote is blank: copy the passage from the source"
            else:
                where = closest.describe() if closest else "the source is empty"
            self.problem(verdict, Problem("quote-not-found", f"the quote is not in source `{source_id}`; {where}",
                                          "quote"), path)
            return None
        where = source.location(match.start, match.end)
        verdict.cited.append(Cited(source_id, quote, match.line, match.column, where))
        return source, match

    def suggest_published(self, problem: Problem, source: SourceText) -> Problem:
        """A published-missing problem that suggests the date the source states for itself, if it does."""
        stated = stated_date(source)
        if stated is None:
            return problem
        return Problem(problem.code, f"{problem.message}; the source states its date in \"{stated.text}\" (line "
                       f"{stated.line}): add `published: {stated.date.isoformat()}` if that is its publication date",
                       problem.field)

    def check_person(self, ident: str, person: Person) -> Verdict:
        verdict = Verdict(ident)
        path = ("people", ident)
        many = person.evidence is not None
        quotes = [normalize(e.quote) for index, e in enumerate(person.evidences)
                  if self.check_quote(verdict, e.source, e.quote, path + ("evidence", index) if many else path)]
        if quotes and len(quotes) == len(person.evidences):
            for problem in support_person(person, quotes):
                self.problem(verdict, problem, path)
        return verdict

    def check_fact(self, ident: str, fact: Fact) -> Verdict:
        verdict = Verdict(ident)
        path = ("facts", ident)
        speaker = field_of(fact, "speaker", None)
        refs = [(("speaker",), speaker)] if speaker is not None else []
        for field_name in ("participants", "mentions"):
            refs += [((field_name, index), target) for index, target in enumerate(field_of(fact, field_name, ()))]
        for where, target in refs:
            if target not in self.people:
                why = ("has errors of its own, so this fact cannot be checked against it"
                       if target in self.project.declared.get("people", ()) else "is not defined in `people`")
                self.problem(verdict, Problem("unknown-person", f"person `{target}` {why}"), path + where)
        evidences = fact.evidences
        for problem in text_problems(fact, [normalize(e.quote) for e in evidences]):
            self.problem(verdict, problem, path)
        rule = RULES[fact.kind]
        many = fact.evidence is not None
        soft: list[list[Problem]] = []
        for index, evidence in enumerate(evidences):
            epath = path + ("evidence", index) if many else path
            found = self.check_quote(verdict, evidence.source, evidence.quote, epath)
            if not found:
                continue
            source, match = found
            meta = self.project.sources[evidence.source]
            ctx = Context(quote=normalize(evidence.quote).strip(), published=meta.published,
                          source_id=evidence.source, paragraph=lambda s=source, m=match: s.paragraph_at(m.start),
                          people=self.people, lexicon=self.lexicon)
            for problem in rule(fact, ctx) + support_mentions(fact, ctx):
                if problem.code == "published-missing":
                    problem = self.suggest_published(problem, source)
                self.problem(verdict, problem, path if problem.field not in ("quote", "source") else epath)
            for problem in figure_role_problems(fact, ctx.quote):
                self.problem(verdict, problem, path)
            said = check_sentence(fact.text, evidence.quote, fact, people=self.people, paragraph=ctx.paragraph,
                                  before=lambda s=source, m=match: s.normalized[max(0, m.start - 1000):m.start],
                                  lexicon=self.lexicon)
            soft.append([p for p in said if p.words])
            for problem in said:
                if not problem.words:
                    self.problem(verdict, problem, path)
        for problem in keep_unsupported(soft, [e.quote for e in evidences]):
            self.problem(verdict, problem, path)
        return verdict

    def warnings(self) -> list[Finding]:
        """Stale facts, and sources and people nothing refers to."""
        project = self.project
        found: list[Finding] = []
        as_of: dt.date | None = project.briefing.as_of if project.briefing else None
        cited_sources: set[str] = {ident for p in project.people.values() for ident in p.source_ids}
        referred: set[str] = set()
        for ident, fact in project.facts.items():
            cited_sources.update(fact.source_ids)
            speaker = field_of(fact, "speaker", None)
            referred.update(([speaker] if speaker else []) + list(field_of(fact, "participants", [])) + fact.mentions)
            if as_of and fact.review_by and fact.review_by < as_of:
                found.append(project.locate("stale-fact", f"review_by {fact.review_by.isoformat()} is before the "
                                            f"briefing's as_of {as_of.isoformat()}: re-check the fact and move "
                                            "review_by", ("facts", ident, "review_by"), ident))
        for ident in project.sources:
            if ident not in cited_sources:
                found.append(project.locate("unused-source", f"no fact or person cites source `{ident}`: cite it "
                                            "or remove it", ("sources", ident), ident))
        for ident, person in project.people.items():
            if ident not in referred:
                found.append(project.locate("unused-person", f"no fact refers to {person.name} (as speaker, "
                                            "participant or mention): refer to them or remove them",
                                            ("people", ident), ident))
        return found

    def conflicts(self, facts: dict[str, Verdict]) -> None:
        """Mark the later of two facts whose metric and period agree but whose values do not."""
        project = self.project
        for first, second in metric_conflicts(project.facts):
            a, b = project.facts[first], project.facts[second]
            sources = " and ".join(f"`{f.evidences[0].source}`" for f in (a, b))
            line = project.marks.at("facts", first)[0]
            message = (f"metric `{b.metric}` disagrees with fact `{first}` (line {line}) for the same period; "
                       f"they cite {sources}: correct one of them or give them different periods")
            facts[second].findings.append(project.locate("metric-conflict", message, ("facts", second, "metric"),
                                                         second))
            facts[second].proven = False


FactsCheck = Callable[["Checker"], dict[str, Verdict]]


def check_each_fact(checker: "Checker") -> dict[str, Verdict]:
    """Every fact's verdict, one after another."""
    return {ident: checker.check_fact(ident, fact) for ident, fact in checker.project.facts.items()}


def verify(project: Project, check_facts: FactsCheck = check_each_fact,
           sources: dict[str, SourceText] | None = None, source_findings: list[Finding] | None = None) -> Report:
    """Check every fact and person of ``project`` against its sources; the findings are the Report's.

    ``sources`` (with the ``source_findings`` of reading them) are used when
    the caller has read them already. ``check_facts`` produces the facts'
    verdicts; :mod:`briefing.verify.parallel` passes one that adds the
    verdicts of the other half of a large fact base. ``project`` is not
    changed, so verifying it twice gives the same report.
    """
    checker = Checker(project, sources)
    if sources is not None:
        checker.source_findings = list(source_findings or ())
    people = {ident: checker.check_person(ident, person) for ident, person in project.people.items()}
    facts = check_facts(checker)
    for ident in project.declared.get("facts", ()):
        if ident not in facts:
            facts[ident] = Verdict(ident, proven=False, findings=[f for f in project.findings if f.subject == ident])
    checker.conflicts(facts)
    from briefing.verify.charts import check_charts
    from briefing.verify.summary import check_summary

    findings = [*project.findings, *checker.source_findings,
                *(f for verdict in people.values() for f in verdict.findings),
                *(f for ident in project.facts if ident in facts for f in facts[ident].findings),
                *checker.warnings(), *check_charts(project, facts), *check_summary(project, facts),
                *check_datelines(project, checker.sources)]
    return Report(project, checker.sources, sort_findings(findings), facts, people)
