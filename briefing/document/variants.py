"""The Document as one template prints it: its content, and its endnote marks numbered in reading order.

Marks are numbered here, in the order the template prints the facts, so the
PDF, HTML and DOCX of one template show the same numbers: one mark per source
per printed sentence, 1, 2, 3... down the page. The briefing numbers its
sections, then the timeline, then the who's-who table; the factsheet its top
facts, then its timeline. Key-figure cards and bottom-line bullets carry no
marks: each rests on facts printed, marked, below it.
"""
from __future__ import annotations

import dataclasses
from itertools import count
from typing import Iterator

from briefing.document.formatting import note_text
from briefing.document.model import (
    Citation,
    Document,
    FactItem,
    Mark,
    QuoteEntry,
    Section,
    SourceEntry,
)

TEMPLATES = ("briefing", "factsheet")


class _Numbering:
    """Hands out mark numbers in reading order and remembers every note."""

    def __init__(self) -> None:
        self._next: Iterator[int] = count(1)
        self.notes: list[Mark] = []
        self.cited: list[tuple[Mark, Citation]] = []   # every citation a mark stands for

    def marks(self, owner: str, citations: tuple[Citation, ...]) -> tuple[Mark, ...]:
        """One mark per source among ``citations``, in citation order."""
        by_source: dict[str, list[Citation]] = {}
        for citation in citations:
            by_source.setdefault(citation.source_id, []).append(citation)
        result = []
        for source_id, group in by_source.items():
            first = group[0]
            mark = Mark(next(self._next), source_id, note_text(first.short_title, first.where), owner)
            self.notes.append(mark)
            self.cited += [(mark, c) for c in group]
            result.append(mark)
        return tuple(result)

    def fact(self, item: FactItem) -> FactItem:
        """``item`` with its marks."""
        return dataclasses.replace(item, marks=self.marks(item.id, item.citations))


def _quotes(source: SourceEntry, cited: list[tuple[Mark, Citation]]) -> tuple[QuoteEntry, ...]:
    """Each quote of ``source`` once, with the numbers of the marks that cite it."""
    entries: dict[str, tuple[str, list[int], list[str]]] = {}
    for mark, citation in cited:
        if citation.source_id != source.id:
            continue
        location, numbers, owners = entries.setdefault(citation.quote, (citation.where, [], []))
        numbers.append(mark.number)
        if mark.fact_id not in owners:
            owners.append(mark.fact_id)
    return tuple(QuoteEntry(quote, location, tuple(numbers), tuple(owners))
                 for quote, (location, numbers, owners) in entries.items())


def for_template(doc: Document, template: str, appendix: bool = True) -> Document:
    """``doc`` as ``template`` prints it, with its marks numbered and its appendix of quotes."""
    numbering = _Numbering()
    if template == "factsheet":
        top = tuple(numbering.fact(item) for item in doc.top_facts)
        timeline = tuple(dataclasses.replace(entry, marks=numbering.marks(entry.fact.id, entry.fact.citations))
                         for entry in doc.timeline)
        shown = {f.id for f in doc.key_figures + doc.top_facts} | {entry.fact.id for entry in doc.timeline}
        shown |= {fact_id for bullet in doc.summary for fact_id in bullet.fact_ids}
        marked = {item.id: item for item in top}
        changed = dict(sections=(Section("top", "What to know", top),), top_facts=top, timeline=timeline,
                       people=(), statements=(), charts=(),
                       facts=tuple(marked.get(f.id, f) for f in doc.facts if f.id in shown))
        appendix = False   # one page: the record stays attached as verification.json
    else:
        sections = tuple(dataclasses.replace(section, facts=tuple(numbering.fact(f) for f in section.facts))
                         for section in doc.sections)
        marked = {item.id: item for section in sections for item in section.facts}
        timeline = tuple(dataclasses.replace(entry, fact=marked.get(entry.fact.id, entry.fact),
                                             marks=numbering.marks(entry.fact.id, entry.fact.citations))
                         for entry in doc.timeline)
        people = tuple(dataclasses.replace(person, marks=numbering.marks(f"person:{person.id}", (person.citation,)))
                       for person in doc.people)

        def again(items: tuple[FactItem, ...]) -> tuple[FactItem, ...]:
            return tuple(marked.get(item.id, item) for item in items)

        changed = dict(sections=sections, timeline=timeline, people=people, facts=again(doc.facts),
                       key_figures=again(doc.key_figures), statements=again(doc.statements),
                       top_facts=again(doc.top_facts))
    sources = tuple(dataclasses.replace(source, quotes=_quotes(source, numbering.cited)) for source in doc.sources)
    if template == "factsheet":
        sources = tuple(s for s in sources if s.quotes)
    return dataclasses.replace(doc, **changed, sources=sources, notes=tuple(numbering.notes), template=template,
                               appendix=appendix)
