"""The format-neutral document model of a briefing.

``build_document`` turns a verified project into a :class:`Document`; every
writer (``html``, ``pdf``, ``docx``) reads only this model, never the YAML.
All strings here are plain text (writers escape them); every printed figure
comes from a proven fact (or, in a draft, a fact visibly marked unproven).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: one verbatim quote in one source (a footnote)."""

    source_id: str
    source_title: str
    publisher: str | None
    published: dt.date | None
    url: str | None
    quote: str
    line: int | None          # 1-based line of the match in the source; None if not found (draft)
    column: int | None
    sha256: str
    #: The page of a PDF source ("page 2"), or section and paragraph of an HTML/Word one; None for text.
    location: str | None = None


@dataclass(frozen=True)
class FactItem:
    """One fact as printed: its sentence, its figure, and its footnote citations."""

    id: str
    kind: str                 # amount, percent, count, range, date, statement, claim
    topic: str
    text: str                 # the sentence printed in the briefing
    citations: tuple[Citation, ...]
    proven: bool = True       # False only in a --draft render
    problems: tuple[str, ...] = ()   # the error messages of an unproven fact (draft only)
    figure: str | None = None        # the formatted figure: "$7.3 billion", "29%", "July 25, 2025"
    label: str | None = None         # short label for panels and charts
    date: dt.date | None = None      # date facts
    speaker: str | None = None       # statement facts: the speaker's name
    speaker_role: str | None = None
    said: str | None = None          # statement facts: the words said
    said_in_text: bool = False       # the text already quotes the words said (no pull quote needed)
    priority: int | None = None

    @property
    def qualitative(self) -> bool:
        """True for a claim: printed and marked as a qualitative claim."""
        return self.kind == "claim"


@dataclass(frozen=True)
class Section:
    """Facts of one topic, in the order the user wrote them."""

    key: str
    title: str
    facts: tuple[FactItem, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """A date fact on the chronological timeline."""

    date: dt.date
    display: str              # "July 25, 2025"
    fact: FactItem


@dataclass(frozen=True)
class PersonEntry:
    """A row of the who's-who table."""

    id: str
    name: str
    role: str
    country: str | None
    citation: Citation


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a proven fact's value."""

    fact_id: str
    label: str
    value: float
    display: str              # "$7.3 billion"


@dataclass(frozen=True)
class Chart:
    """A bar chart built only from proven facts of one unit."""

    id: str
    title: str
    caption: str              # includes the sources
    unit: str
    bars: tuple[Bar, ...]

    @property
    def alt_text(self) -> str:
        """A text equivalent of the chart for screen readers and Word's alt text."""
        values = "; ".join(f"{bar.label}: {bar.display}" for bar in self.bars)
        return f"{self.title}. Bar chart. {values}."


@dataclass(frozen=True)
class SourceFactRef:
    """One fact's citation of a source, for the provenance appendix."""

    fact_id: str
    quote: str
    line: int | None
    column: int | None
    #: As on :class:`Citation`: "page 2", 'section "Tariffs", paragraph 3', or None for a text source.
    location: str | None = None


@dataclass(frozen=True)
class SourceEntry:
    """A source in the sources list and provenance appendix."""

    id: str
    title: str
    publisher: str | None
    published: dt.date | None
    url: str | None
    sha256: str
    path: str
    refs: tuple[SourceFactRef, ...]


@dataclass(frozen=True)
class Meta:
    """The title block and document metadata."""

    title: str
    subtitle: str | None
    as_of: dt.date
    as_of_display: str        # "August 4, 2025"
    marking: str
    author: str | None
    language: str = "en"
    paper: str = "A4"         # "A4" or "Letter"
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """Everything a writer needs to print one briefing."""

    meta: Meta
    draft: bool
    key_figures: tuple[FactItem, ...]
    sections: tuple[Section, ...]
    timeline: tuple[TimelineEntry, ...]
    people: tuple[PersonEntry, ...]
    statements: tuple[FactItem, ...]      # pull quotes
    charts: tuple[Chart, ...]
    sources: tuple[SourceEntry, ...]
    top_facts: tuple[FactItem, ...]       # the factsheet's five most important facts
    record_json: str = ""                 # `briefing check --format json`, embedded in the PDF
    facts: tuple[FactItem, ...] = field(default=())   # every printed fact, in document order

    @property
    def subject(self) -> str:
        """The document subject for metadata."""
        return self.meta.subtitle or self.meta.title


def build_time(as_of: dt.date) -> dt.datetime:
    """The time stamped into PDF and DOCX: ``SOURCE_DATE_EPOCH`` if set, else ``as_of`` at UTC midnight.

    Both writers use this one rule, so a bad ``SOURCE_DATE_EPOCH`` fails the
    render the same way whichever format is asked for.
    """
    from briefing.errors import RenderError

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise RenderError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time in seconds: set it to a whole "
                              "number such as 1700000000, or unset it to stamp the briefing's as_of date") from None
    return dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)
