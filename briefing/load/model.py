"""Pydantic models of the fact base (``facts.yaml``).

These mirror ``shared/spec/facts-format.md``. Additions to the format, all
optional, are documented on their fields: ``briefing.sections``,
``briefing.paper``, ``briefing.language``, ``briefing.summary`` (the bottom
line) and ``briefing.short_title``; ``short_title`` on sources; on every fact ``label``, ``key``,
``priority`` and ``mentions``; ``period`` on percent and count facts; ``unit``
on percent facts; and the top-level ``charts`` mapping.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    model_validator,
)

from briefing.text.characters import LINE_BREAK
from briefing.text.date_values import parse_fact_date
from briefing.text.quantities import parse_value

#: The one id rule (facts.yaml and stakeholders.yaml): ``\Z``, not ``$``, so "jane-doe\n" is not an id.
ID_RULE = "[a-z0-9][a-z0-9-]*"
ID_PATTERN = rf"\A{ID_RULE}\Z"
ID_RE = re.compile(ID_PATTERN)


def id_message(ident: str, what: str = "id") -> str:
    """The one message for a key that is not an id."""
    return f"the {what} `{ident}` must match {ID_RULE} (lower-case letters, digits, hyphens)"


def _one_line(text: str) -> str:
    """A title, name or label is printed on one line (and goes into mail headers): no line breaks."""
    if LINE_BREAK.search(text):
        raise ValueError("must be one line: remove the line break or tab (a `|` or `>` block keeps its last "
                         "line break; write `>-` or a quoted string)")
    return text


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
#: Text printed on one line: titles, names, roles, markings, labels.
Line = Annotated[str, StringConstraints(min_length=1), AfterValidator(_one_line)]
OptionalLine = Annotated[str, AfterValidator(_one_line)]
Number = Annotated[Decimal, BeforeValidator(parse_value)]
Year = Annotated[int, Field(ge=1000, le=9999)]
#: Addition: a date fact's date may be a month (2025-06) or a year (2025) when that is all the source states.
FactDate = Annotated[dt.date, PlainValidator(parse_fact_date)]


class Model(BaseModel):
    """Base: unknown keys are errors, instances are immutable; patterns are Python regexes (\\A...\\Z)."""

    model_config = ConfigDict(extra="forbid", frozen=True, regex_engine="python-re")


class SummaryBullet(Model):
    """Addition: one bullet of the bottom line, a curator's sentence resting on proven facts."""

    text: Text
    #: The ids of the facts the sentence rests on; its figures and dates must be theirs.
    facts: Annotated[list[Id], Field(min_length=1)]


class BriefingMeta(Model):
    """The ``briefing:`` block: what is printed on the title block and every page."""

    title: Line
    subtitle: OptionalLine | None = None
    as_of: dt.date
    marking: Line
    author: OptionalLine | None = None
    #: Addition: section headings by topic key, in the order they should appear.
    sections: dict[Id, Line] = Field(default_factory=dict)
    #: Addition: page size of the PDF.
    paper: Literal["A4", "Letter"] = "A4"
    #: Addition: the document language (BCP 47), written into PDF and DOCX metadata.
    language: Annotated[str, StringConstraints(pattern=r"\A[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")] = "en"
    #: Addition: the bottom line up front, 3 to 6 bullets printed first in every output.
    summary: Annotated[list[SummaryBullet], Field(min_length=3, max_length=6)] = Field(default_factory=list)
    #: Addition: a short name for footers and attachment names ("US–Pakistan").
    short_title: Annotated[Line, StringConstraints(max_length=40)] | None = None


class Source(Model):
    """A source document under ``sources/``; ``path`` is relative to facts.yaml."""

    path: Line
    title: Line
    publisher: OptionalLine | None = None
    published: dt.date | None = None
    #: Printed as a link; `check` never fetches it (`sources add URL` downloads once). Web addresses only.
    url: Annotated[str, StringConstraints(pattern=r"\Ahttps?://[^\s]+\Z")] | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"\A[0-9a-fA-F]{64}\Z")] | None = None
    #: Addition: the date a source downloaded from ``url`` was retrieved (``briefing sources add URL``).
    retrieved: dt.date | None = None
    #: Addition: the name a citation mark's note prints ("Dar–Rubio call"); default: the title.
    short_title: Annotated[Line, StringConstraints(max_length=60)] | None = None


class Evidence(Model):
    """One verbatim quote from one source."""

    source: Id
    quote: Text


class Evidenced(Model):
    """Evidence, shared by people and facts: ``source`` + ``quote``, or an ``evidence:`` list of them."""

    source: Id | None = None
    quote: Text | None = None
    evidence: Annotated[list[Evidence], Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _one_kind_of_evidence(self) -> "Evidenced":
        if (self.source is not None or self.quote is not None) and self.evidence is not None:
            raise ValueError("give either source + quote or an evidence list, not both")
        if self.evidence is None and (self.source is None or self.quote is None):
            missing = "quote" if self.source is not None else "source"
            raise ValueError(f"evidence is missing: add `{missing}` (or an `evidence:` list of source + quote)")
        return self

    @property
    def source_ids(self) -> list[str]:
        """The ids of the sources the evidence cites (cheaper than building :attr:`evidences`)."""
        if self.evidence is not None:
            return [e.source for e in self.evidence]
        assert self.source is not None
        return [self.source]

    @property
    def evidences(self) -> list[Evidence]:
        """The evidence as a list, whichever form it was written in."""
        if self.evidence is not None:
            return list(self.evidence)
        assert self.source is not None and self.quote is not None
        return [Evidence(source=self.source, quote=self.quote)]


class Person(Evidenced):
    """A named official; the quote must name them and state every word of the role.

    Addition: ``evidence:`` (a list of source + quote) instead of one
    source + quote; then one quote may name the person and another state the
    role ("Joe Biden" in one, "the President" in another).
    """

    name: Line
    role: Line
    country: OptionalLine | None = None
    aliases: list[Line] = Field(default_factory=list)


class FactBase(Evidenced):
    """Fields every fact has, whatever its kind."""

    kind: str
    text: Text
    topic: Id
    as_of: dt.date | None = None
    review_by: dt.date | None = None
    note: str | None = None
    metric: Id | None = None
    #: Addition: a short label for key-figure panels and charts.
    label: OptionalLine | None = None
    #: Addition: show this fact in the key-figures panel.
    key: bool = False
    #: Addition: importance, 1 first; the factsheet prints the five lowest.
    priority: Annotated[int, Field(ge=1)] | None = None
    #: Addition: people the fact is about; each must be named in its quote.
    mentions: list[Id] = Field(default_factory=list)


class AmountFact(FactBase):
    """A money or quantity figure: ``value`` in ``unit`` (ISO currency or a noun)."""

    kind: Literal["amount"]
    value: Number
    unit: Text
    period: Year | None = None


class PercentFact(FactBase):
    """A percentage: ``value`` 29 means 29%."""

    kind: Literal["percent"]
    value: Number
    #: Addition: "percentage points" for a change in a rate.
    unit: Literal["percent", "percentage points", "basis points"] = "percent"
    period: Year | None = None


class CountFact(FactBase):
    """A whole number of things, in digits or words."""

    kind: Literal["count"]
    value: int
    unit: Text
    period: Year | None = None


class RangeFact(FactBase):
    """A range with both bounds: "$6-8 trillion", "between 6 and 8"."""

    kind: Literal["range"]
    low: Number
    high: Number
    unit: Text

    @model_validator(mode="after")
    def _ordered(self) -> "RangeFact":
        if self.low > self.high:
            raise ValueError("low is greater than high")
        return self


class ChangeFact(FactBase):
    """Addition: a figure that moves, "rose from $6.9 billion to $7.3 billion", "doubled to 50%".

    ``from`` and ``to`` in ``unit`` (``percent``, an ISO currency or a noun);
    ``from_period`` is the year of ``from`` and ``period`` the year of ``to``.
    """

    kind: Literal["change"]
    from_: Number = Field(alias="from")
    to: Number
    unit: Text
    from_period: Year | None = None
    period: Year | None = None


class DateFact(FactBase):
    """Something that happened on a date, optionally with participants and a place."""

    kind: Literal["date"]
    date: FactDate
    participants: list[Id] = Field(default_factory=list)
    location: Text | None = None


class StatementFact(FactBase):
    """Words a person said; ``said`` must be inside the quote."""

    kind: Literal["statement"]
    speaker: Id
    said: Text


class ClaimFact(FactBase):
    """A qualitative claim: only the quote is checked."""

    kind: Literal["claim"]


Fact = Annotated[
    Union[AmountFact, PercentFact, CountFact, RangeFact, ChangeFact, DateFact, StatementFact, ClaimFact],
    Field(discriminator="kind"),
]
KINDS = ("amount", "percent", "count", "range", "change", "date", "statement", "claim")


Phrases = list[Text]


class LexiconExtension(Model):
    """Addition: a project's words added to the shipped lexicon (``briefing/verify/data/lexicon.yaml``).

    Each key mirrors a section of the shipped file; lists are appended and
    mappings merged, so a project can only add words, never remove them.
    """

    subjects: dict[Id, dict[Id, Phrases]] = Field(default_factory=dict)
    generic_counted: Phrases = Field(default_factory=list)
    directions: dict[Id, dict[Id, Phrases]] = Field(default_factory=dict)
    negations: Phrases = Field(default_factory=list)
    hedges: dict[Id, Phrases] = Field(default_factory=dict)
    events: dict[Id, Phrases] = Field(default_factory=dict)
    events_compatible: dict[Id, list[Id]] = Field(default_factory=dict)
    masks: dict[str, Phrases] = Field(default_factory=dict)
    event_context: Phrases = Field(default_factory=list)
    pending: Phrases = Field(default_factory=list)
    speech_verbs: Phrases = Field(default_factory=list)
    agent_verbs: dict[Id, Phrases] = Field(default_factory=dict)
    flow_modifiers: Phrases = Field(default_factory=list)
    actors: dict[Id, Phrases] = Field(default_factory=dict)
    actor_of: dict[Id, Id] = Field(default_factory=dict)
    references: Phrases = Field(default_factory=list)
    abbreviations: dict[Text, Text] = Field(default_factory=dict)
    titles: Phrases = Field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        """The additions as plain data, only the sections given."""
        return {name: value for name, value in self.model_dump().items() if value}


class Chart(Model):
    """Addition: a bar chart of proven facts of one unit."""

    title: Line
    facts: Annotated[list[Id], Field(min_length=1)]
    caption: str | None = None


def field_of(model: BaseModel, name: str, default: Any = None) -> Any:
    """A field's value, or ``default`` when the model's kind has no such field.

    Faster than ``getattr(model, name, default)``: pydantic answers a missing
    attribute by raising inside ``__getattr__``, which costs microseconds
    per call over a 10,000-fact base.
    """
    return model.__dict__.get(name, default)
