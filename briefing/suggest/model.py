"""What `briefing suggest` finds and proposes: drafts before proof, suggestions after.

A :class:`Draft` is something found in a source (a figure, a date, a
quotation) with the fields it would have as a fact and the (quote, text)
variants that might prove it. The prover turns each draft into at most one
:class:`Suggestion`: the first variant the real checker proves. People are
proposed the same way (:class:`PersonDraft` -> :class:`PersonSuggestion`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.suggest.passages import Passage


@dataclass
class Draft:
    """A candidate fact before proof: its kind, field variants and passage variants."""

    kind: str
    source_id: str
    fields: list[dict[str, Any]]          # kind-specific fields, preferred first ({"value": "7.3 billion", ...})
    passages: list[Passage]
    start: int                            # where it was found, in the normalised source
    end: int
    found: str                            # as the source writes it ("$7.3 billion", "on Friday")
    subject: str                          # the words an id is made from
    note: str | None = None               # how a date was resolved, or the change a figure is part of


@dataclass
class PersonDraft:
    """A person named with a role in a source."""

    name: str
    role: str
    source_id: str
    quote: str
    start: int
    country: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class PersonSuggestion:
    """A proposed people entry that the checker proved (name and every role word in its quote)."""

    id: str
    entry: dict[str, Any]                 # the YAML mapping: name, role, country?, aliases?, source, quote
    line: int
    column: int
    known: str | None = None              # the id of an existing person with this name


@dataclass
class Suggestion:
    """A proposed fact that the checker proved exactly as it will be written."""

    id: str
    kind: str
    entry: dict[str, Any]                 # the YAML mapping, in the order it is written
    source_id: str
    line: int
    column: int
    found: str
    start: int = 0                        # where it was found, in the normalised source
    subject: str = ""                     # what it is about (compared with facts to find conflicts)
    status: str = "new"                   # new | corroborates | conflicts | cited
    other: str | None = None              # the existing fact it corroborates, conflicts with or restates
    group: list["Suggestion"] = field(default_factory=list)   # repeats in other sources, now its evidence
    location: str | None = None           # a PDF's page or a web page's section ("page 2"); None for text

    @property
    def remark(self) -> str | None:
        """The comment written above the suggestion, saying how it relates to the fact base."""
        if self.status == "corroborates":
            return f"corroborates {self.other}: add as evidence"
        if self.status == "conflicts":
            return f"conflicts with {self.other}: same measure and period, another value; check which is right"
        if self.status == "cited":
            return f"already in the fact base as {self.other}"
        if self.group:
            return "also in " + ", ".join(s.source_id for s in self.group) + ": grouped as one fact with evidence"
        return None
