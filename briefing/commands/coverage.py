"""`briefing coverage [--format json]`: per source, the figures and dates no fact cites, and the share covered.

The figures and dates of a source are the ones `briefing suggest` reads
(money, percentages, counts with their noun, ranges; every date expression,
resolved against ``published``). One is covered when a fact citing that
source has a quote that holds it and states it: the same value (or, for a
statement, it lies inside the words said), or for a date the same day (a
month expression: a date or ``as_of`` in that month). The dateline is covered
by the source's ``published`` date. A figure inside a claim's quote is not
covered; the listing names the claim that quotes it. An item of a PDF, web
page or Word source also says its page or section.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Hashable

from briefing.check import check
from briefing.load.model import Fact, field_of
from briefing.load.sources import SourceText
from briefing.suggest.dated import date_mentions
from briefing.suggest.figures import figure_drafts
from briefing.suggest.known import value_key
from briefing.suggest.readers import DateMention
from briefing.suggest.sentences import layout
from briefing.text.normalize import normalize
from briefing.verify.facts import Report
from briefing.verify.quotes import find_quote


@dataclass(frozen=True)
class Item:
    """One figure or date of a source, where it is, what it says, and the fact that cites it."""

    kind: str                      # amount, percent, count, range, date
    text: str                      # as the source writes it
    line: int
    column: int
    reads: str                     # "7.3 billion USD", "2025-04-22", "month 2025-09", "needs published"
    cited_by: str | None = None    # the fact that states it (or "published" for the dateline)
    quoted_by: str | None = None   # a fact whose quote holds it without stating it
    location: str | None = None    # a PDF's page, a web page's or Word file's section ("page 2"); None for text


@dataclass
class SourceCoverage:
    """The figures and dates of one source, and how many the fact base cites."""

    id: str
    items: list[Item] = field(default_factory=list)

    @property
    def covered(self) -> int:
        """How many items a fact cites."""
        return sum(item.cited_by is not None for item in self.items)

    @property
    def share(self) -> float:
        """The share of items cited (1.0 for a source with none)."""
        return self.covered / len(self.items) if self.items else 1.0

    @property
    def uncited(self) -> list[Item]:
        """The items no fact cites, in source order."""
        return [item for item in self.items if item.cited_by is None]


@dataclass
class CoverageResult:
    """`briefing coverage`: a :class:`SourceCoverage` per readable source."""

    report: Report
    sources: list[SourceCoverage]

    @property
    def exit_code(self) -> int:
        """1 when the fact base could not be loaded or a source could not be read, else 0."""
        loading = any(f.severity == "error" and (f.code.startswith("source") or f.line == 1 and not
                      self.report.project.sources) for f in self.report.findings)
        return 1 if loading or self.report.project.briefing is None else 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready coverage: per source the share, the counts and every item."""
        return {"file": self.report.project.display,
                "sources": {s.id: {"covered": s.covered, "total": len(s.items), "share": round(s.share, 4),
                                   "items": [asdict(item) for item in s.items]} for s in self.sources}}


def _spans(report: Report, source: SourceText) -> list[tuple[int, int, str, Fact]]:
    """(start, end, fact id, fact) of every quote citing ``source`` that is found in it."""
    spans = []
    for ident, fact in report.project.facts.items():
        for evidence in fact.evidences:
            if evidence.source == source.id and (match := find_quote(source, evidence.quote)) is not None:
                spans.append((match.start, match.end, ident, fact))
    return spans


def _states_figure(fact: Fact, key: Hashable, text: str, quote_start: int, at: int, source: SourceText) -> bool:
    if fact.kind == "statement":
        said = normalize(fact.said).strip()
        inner = source.normalized.find(said, quote_start)
        return inner >= 0 and inner <= at < inner + len(said)
    return fact.kind == key[0] and value_key(fact.kind, fact, field_of) == key


def _states_date(fact: Fact, mention: DateMention) -> bool:
    if fact.kind == "statement":
        return False
    days = [d for d in (field_of(fact, "date", None), fact.as_of) if d is not None]
    if mention.precision == "day":
        return mention.date in days
    if mention.precision == "month":
        return any((d.year, d.month) == (mention.date.year, mention.date.month) for d in days)
    return any(d.year == mention.date.year for d in days)


def source_coverage(report: Report, source: SourceText) -> SourceCoverage:
    """The figures and dates of one source, each marked with the fact that cites it, if any."""
    meta = report.project.sources[source.id]
    spans = _spans(report, source)
    the = layout(source)
    coverage = SourceCoverage(source.id)
    found: list[tuple[int, Item]] = []
    for draft in figure_drafts(the, source.id, meta.published):
        key = value_key(draft.kind, draft.fields[-1], lambda f, name: f.get(name))
        holding = [(s, i, f) for s, e, i, f in spans if s <= draft.start < e]
        cited = next((i for s, i, f in holding if _states_figure(f, key, draft.found, s, draft.start, source)), None)
        reads = " ".join(str(v) for k, v in draft.fields[-1].items() if k != "period")
        reads += "%" if draft.kind == "percent" and "unit" not in draft.fields[-1] else ""
        found.append((draft.start, Item(draft.kind, draft.found, *source.position(draft.start), reads, cited,
                                        None if cited else next((i for _, i, _ in holding), None),
                                        source.location(draft.start, draft.end))))
    for start, end, mention, dateline in date_mentions(the, meta.published):
        if mention.date is None:
            reads = "needs published"
        else:
            reads = mention.date.isoformat() if mention.precision == "day" else \
                f"{mention.precision} {mention.date.isoformat()[:7 if mention.precision == 'month' else 4]}"
        holding = [(i, f) for s, e, i, f in spans if s <= start < e]
        cited = "published" if dateline and meta.published == mention.date else next(
            (i for i, f in holding if mention.date is not None and _states_date(f, mention)), None)
        found.append((start, Item("date", mention.text, *source.position(start), reads, cited,
                                  None if cited else next((i for i, _ in holding), None),
                                  source.location(start, end))))
    coverage.items = [item for _, item in sorted(found, key=lambda pair: pair[0])]
    return coverage


def coverage(path: Path, display: str | None = None) -> CoverageResult:
    """Per source of the fact base at ``path``: every figure and date, and which fact cites it."""
    report = check(path, display, prove=False)   # coverage needs the quotes, not their verdicts
    sources = [source_coverage(report, report.sources[ident]) for ident in report.project.sources
               if ident in report.sources]
    return CoverageResult(report, sources)
