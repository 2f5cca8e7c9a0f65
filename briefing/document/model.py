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
    """Where a fact comes from: one verbatim quote in one source."""

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
    short_title: str = ""     # the name a note prints: "Dar–Rubio second call"
    where: str = ""           # the printed place: the page or section if any, else "line 12:1"


@dataclass(frozen=True)
class Mark:
    """One endnote mark: its number in reading order and the note it points to."""

    number: int
    source_id: str
    note: str                 # "Dar–Rubio second call, line 12:1" or "…, page 2"
    fact_id: str = ""         # the fact (or "person:<id>") the mark belongs to


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
    attribution: str | None = None   # claims: who reports it, "NewsVane, April 7, 2025"
    marks: tuple[Mark, ...] = ()     # its endnote marks where the sections print it

    @property
    def qualitative(self) -> bool:
        """True for a claim: printed as attributed reporting (its source tag)."""
        return self.kind == "claim"

    @property
    def speaker_line(self) -> str:
        """A statement's attribution: "Ishaq Dar, Deputy Prime Minister and Foreign Minister"."""
        return ", ".join(part for part in (self.speaker, self.speaker_role) if part)


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
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class PersonEntry:
    """A row of the who's-who table."""

    id: str
    name: str
    role: str
    country: str | None
    citation: Citation
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a proven fact's value."""

    fact_id: str
    label: str                # the fact's label, else built from its text (never a bare year)
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
    """One fact's citation of a source."""

    fact_id: str
    quote: str
    line: int | None
    column: int | None
    #: As on :class:`Citation`: "page 2", 'section "Tariffs", paragraph 3', or None for a text source.
    location: str | None = None
    where: str = ""           # as on Citation: "page 2" or "line 12:1"


@dataclass(frozen=True)
class QuoteEntry:
    """One verbatim quote, printed once in the provenance appendix, with the marks that cite it."""

    quote: str
    where: str                # "line 12:1" or "page 2"
    notes: tuple[int, ...]    # mark numbers
    fact_ids: tuple[str, ...]


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
    short_title: str = ""
    published_display: str = "not stated"   # "April 7, 2025"
    quotes: tuple[QuoteEntry, ...] = ()      # the appendix: each quote once, with its mark numbers


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
    short_title: str | None = None
    footer: str = ""          # the footer's title line: the short title, else the title
    file_stem: str = ""       # attachment name without extension: "us-pakistan-briefing-2025-08-04"


@dataclass(frozen=True)
class SummaryItem:
    """A bottom-line bullet: the curator's sentence and the facts it rests on."""

    text: str
    fact_ids: tuple[str, ...]
    proven: bool = True                 # False only in a draft: it rests on an unproven fact
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureChange:
    """A fact whose figure changed since the last version: old -> new."""

    fact_id: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Changes:
    """What changed since the last sent or rendered version (the briefing's box, `briefing diff`)."""

    since: str                          # "version 3f2a… sent on August 4, 2025"
    since_version: str
    new: tuple[FactItem, ...] = ()
    changed: tuple[FigureChange, ...] = ()
    removed: tuple[tuple[str, str], ...] = ()   # (fact id, its text then)

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.new or self.changed or self.removed)


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
    summary: tuple[SummaryItem, ...] = ()  # the bottom line, printed first
    notes: tuple[Mark, ...] = ()           # every endnote, in reading order (numbers 1, 2, 3...)
    changes: Changes | None = None         # what changed since the last version, if anything did
    template: str = "briefing"             # which template the marks are numbered for
    appendix: bool = True                  # print the provenance appendix (--no-appendix: not)

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
