"""Build the format-neutral :class:`~briefing.document.Document` from a verified project.

Only proven facts go in (a ``--draft`` document also carries the unproven
ones, marked with their problems). Figures are formatted here, once, so that
every writer prints exactly the same strings.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from briefing.text.normalize import normalize
from briefing.text.figures import format_percent, format_quantity, format_range
from briefing.document.formatting import (
    chart_label,
    file_stem,
    format_date,
    format_location,
    short_title_of,
    source_tag,
)
from briefing.document.model import (
    Bar,
    Chart,
    Citation,
    Document,
    FactItem,
    Meta,
    PersonEntry,
    Section,
    SourceEntry,
    SourceFactRef,
    SummaryItem,
    TimelineEntry,
)
from briefing.verify.facts import Report, Verdict

if TYPE_CHECKING:
    from briefing.load.model import Fact

TOP_FACTS = 5


def figure_of(fact: Fact) -> str | None:
    """The formatted figure a fact states ("$7.3 billion", "29%", "July 25, 2025"), if any."""
    if fact.kind == "amount":
        return format_quantity(fact.value, fact.unit)
    if fact.kind == "percent":
        return format_percent(fact.value, fact.unit == "percentage points")
    if fact.kind == "count":
        return f"{fact.value:,} {fact.unit}"
    if fact.kind == "range":
        return format_range(fact.low, fact.high, fact.unit)
    if fact.kind == "date":
        return format_date(fact.date)
    if fact.kind == "change":
        return f"from {_change_value(fact, fact.from_)} to {_change_value(fact, fact.to)}"
    return None


def _citation(report: Report, source_id: str, quote: str, cited: Any) -> Citation:
    """One quote of one source as printed: names, dates and its place formatted once.

    Its place is the page or section of a PDF, HTML or Word source ("page 2"),
    else the line and column of a text source ("line 12:1").
    """
    source = report.project.sources.get(source_id)
    text = report.sources.get(source_id)
    line, column = (cited.line, cited.column) if cited else (None, None)
    page = cited.location if cited else None
    title = source.title if source else source_id
    return Citation(
        source_id=source_id, source_title=title, publisher=source.publisher if source else None,
        published=source.published if source else None, url=source.url if source else None, quote=quote,
        line=line, column=column, sha256=text.sha256 if text else "",
        location=page, short_title=short_title_of(title, source.short_title if source else None),
        where=page or format_location(line, column))


def _change_value(fact: Fact, value: Decimal) -> str:
    return format_percent(value) if fact.unit in ("percent", "%") else format_quantity(value, fact.unit)


def _bar_specs(ident: str, fact: Fact) -> list[tuple[str, str, Decimal, str]]:
    """(fact id, label, value, printed value) of a chart's bars for one fact: two (before, after) for a change."""
    if fact.kind != "change":
        return [(ident, chart_label(fact.label, fact.text, getattr(fact, "period", None)), Decimal(fact.value),
                 figure_of(fact) or "")]
    label = chart_label(fact.label, fact.text, None)
    before = f"{label}, {fact.from_period}" if fact.from_period else f"{label}, before"
    after = f"{label}, {fact.period}" if fact.period else f"{label}, after"
    return [(ident, before, Decimal(fact.from_), _change_value(fact, fact.from_)),
            (ident, after, Decimal(fact.to), _change_value(fact, fact.to))]


def _citations(report: Report, fact: Fact, verdict: Verdict) -> tuple[Citation, ...]:
    found = {(c.source_id, c.quote): c for c in verdict.cited}
    return tuple(_citation(report, e.source, e.quote, found.get((e.source, e.quote))) for e in fact.evidences)


def _attribution(citations: tuple[Citation, ...]) -> str:
    """Who reports a claim: "NewsVane, April 7, 2025; Mineral extraction pact, July 26, 2025"."""
    tags = dict.fromkeys(source_tag(c.publisher, c.short_title, c.published) for c in citations)
    return "; ".join(tags)


def _item(report: Report, ident: str, fact: Fact) -> FactItem:
    verdict = report.facts[ident]
    speaker = report.project.people.get(getattr(fact, "speaker", "") or "")
    citations = _citations(report, fact, verdict)
    return FactItem(
        id=ident, kind=fact.kind, topic=fact.topic, text=fact.text, citations=citations,
        proven=verdict.proven, problems=tuple(f.message for f in verdict.findings if f.severity == "error"),
        figure=figure_of(fact), label=fact.label, date=getattr(fact, "date", None),
        speaker=speaker.name if speaker else None, speaker_role=speaker.role if speaker else None,
        said=getattr(fact, "said", None), said_in_text=_quotes_itself(fact), priority=fact.priority,
        attribution=_attribution(citations) if fact.kind == "claim" else None)


def _summary(report: Report, draft: bool) -> tuple[SummaryItem, ...]:
    """The bottom line: every bullet in a proven render (the check proved them), marked ones in a draft."""
    meta = report.project.briefing
    if meta is None:
        return ()
    bullets = []
    for index, bullet in enumerate(meta.summary):
        subject = f"summary-{index + 1}"
        problems = tuple(f.message for f in report.findings if f.subject == subject and f.severity == "error")
        problems += tuple(f"rests on `{fact_id}`, which is not proven" for fact_id in bullet.facts
                          if fact_id in report.facts and not report.facts[fact_id].proven)
        if problems and not draft:
            continue
        bullets.append(SummaryItem(bullet.text, tuple(bullet.facts), not problems, problems))
    return tuple(bullets)


def _quotes_itself(fact: Fact) -> bool:
    """True when a statement's text already quotes its words (then no pull quote repeats them)."""
    said = getattr(fact, "said", None)
    if not said:
        return False
    words = normalize(said).strip(" .,;:!?'\"")
    return bool(words) and words in normalize(fact.text)


def _heights(values: list[Decimal]) -> list[float]:
    """The bar heights of a chart's facts: their values, in a common power of ten when a float cannot hold them.

    A chart shows proportions; a proven 1e400-billion figure must not become
    ``inf`` (and NaN in the layout).
    """
    top = max((value.copy_abs() for value in values if value), default=Decimal(0))
    shift = top.adjusted() if top else 0
    if abs(shift) <= 300:
        return [float(value) for value in values]
    return [float(value.scaleb(-shift)) for value in values]


def build_document(report: Report, draft: bool = False, paper: str | None = None) -> Document:
    """The Document for ``report``'s project: proven facts only unless ``draft``."""
    project = report.project
    meta_in = project.briefing
    if meta_in is None:
        raise ValueError("the briefing block did not validate")
    items = [_item(report, ident, fact) for ident, fact in project.facts.items()
             if draft or report.facts[ident].proven]
    by_id = {item.id: item for item in items}
    topics = list(meta_in.sections) + [i.topic for i in items if i.topic not in meta_in.sections]
    sections = []
    for topic in dict.fromkeys(topics):
        members = tuple(i for i in items if i.topic == topic)
        if members:
            title = meta_in.sections.get(topic) or topic.replace("-", " ").capitalize()
            sections.append(Section(topic, title, members))
    ordered = tuple(i for s in sections for i in s.facts)
    timeline = tuple(TimelineEntry(i.date, format_date(i.date), i)
                     for i in sorted((i for i in ordered if i.kind == "date" and i.date), key=lambda i: i.date))
    ranked = sorted((i for i in ordered if i.priority is not None), key=lambda i: i.priority or 0)
    top = (ranked + [i for i in ordered if i.priority is None and project.facts[i.id].key]
           + [i for i in ordered if i.priority is None and not project.facts[i.id].key])[:TOP_FACTS]
    people = []
    for ident, person in project.people.items():
        verdict = report.people[ident]
        if not (draft or verdict.proven):
            continue
        first = person.evidences[0]
        citation = _citation(report, first.source, first.quote, verdict.cited[0] if verdict.cited else None)
        people.append(PersonEntry(ident, person.name, person.role, person.country, citation))
    charts = []
    for ident, chart in project.charts.items():
        facts = [(fid, project.facts[fid]) for fid in chart.facts if fid in by_id]
        if not facts:
            continue
        specs = [spec for fid, f in facts for spec in _bar_specs(fid, f)]
        heights = _heights([value for _, _, value, _ in specs])
        bars = tuple(Bar(fid, label, height, shown) for (fid, label, _, shown), height in zip(specs, heights))
        titles = list(dict.fromkeys(project.sources[e.source].title for _, f in facts for e in f.evidences
                                    if e.source in project.sources))
        caption = chart.caption or f"Source: {'; '.join(titles)}."
        unit = getattr(facts[0][1], "unit", "") or ""
        charts.append(Chart(ident, chart.title, caption, unit, bars))
    sources = []
    for ident, source in project.sources.items():
        refs = tuple(SourceFactRef(i.id, c.quote, c.line, c.column, c.location, c.where) for i in ordered
                     for c in i.citations if c.source_id == ident)
        text = report.sources.get(ident)
        sources.append(SourceEntry(ident, source.title, source.publisher, source.published, source.url,
                                   text.sha256 if text else "", source.path, refs,
                                   short_title=short_title_of(source.title, source.short_title),
                                   published_display=format_date(source.published, "not stated")))
    meta = Meta(title=meta_in.title, subtitle=meta_in.subtitle, as_of=meta_in.as_of,
                as_of_display=format_date(meta_in.as_of), marking=meta_in.marking, author=meta_in.author,
                language=meta_in.language, paper=paper or meta_in.paper,
                keywords=tuple(s.title for s in sections), short_title=meta_in.short_title,
                footer=meta_in.short_title or meta_in.title,
                file_stem=file_stem(meta_in.title, meta_in.short_title, "briefing", meta_in.as_of))
    return Document(
        meta=meta, draft=draft, key_figures=tuple(i for i in ordered if project.facts[i.id].key),
        sections=tuple(sections), timeline=timeline, people=tuple(people),
        statements=tuple(i for i in ordered if i.kind == "statement"), charts=tuple(charts),
        sources=tuple(sources), top_facts=tuple(top), summary=_summary(report, draft),
        record_json=json.dumps(report.as_dict(), indent=2, ensure_ascii=False, default=str), facts=ordered)
