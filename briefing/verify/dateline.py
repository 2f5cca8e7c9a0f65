"""A source's own date: its dateline must agree with ``published``.

A source may state when it was published: a dateline ("WASHINGTON, July 26,
2025 —"), a label ("Published: April 7, 2025", "Posted on ..."), or a line
that is only a date ("Sunday, Aug 03, 2025") among its first lines. When it
does, ``published`` must be that date (an error naming both otherwise); a
source without ``published`` gets the date suggested in a warning, never
filled in.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.findings import Finding
from briefing.load.sources import SourceText
from briefing.text.dates import find_dates, format_date
from briefing.text.normalize import normalize

if TYPE_CHECKING:
    from briefing.load.project import Project

FIRST_LINES = 12
_LABEL = re.compile(r"^\s*(?:published|posted|first published|last updated|updated|issued|released|release date|"
                    r"date|dated)\s*(?:on|at)?\s*[:-]?\s*", re.IGNORECASE)
# "WASHINGTON, July 26, 2025 -", "NEW DELHI (AP) - March 14, 2025", "COTABATO CITY, Philippines, Oct 12 (Reuters) -"
_AGENCY = r"(?:\s*\([A-Za-z .&-]{2,30}\))?"
_DATELINE = re.compile(rf"^\s*[A-Z][A-Z .'-]{{2,40}}(?:,\s*[A-Z][A-Za-z .'-]{{1,30}})?{_AGENCY}(?:,\s+|\s+-+\s+)")
# a city written in mixed case needs a dash before the date: "Nairobi, Kenya - March 14, 2025:"
_MIXED_DATELINE = re.compile(r"^\s*[A-Z][a-z]+(?:[ .'-][A-Z][a-z]+)*(?:,\s*[A-Z][A-Za-z .'-]{1,30})?\s+-+\s+")
_YEARLESS = re.compile(r"^((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b(?!,?\s*\d{4})"
                       rf"{_AGENCY}\s*-")
_WEEKDAY = re.compile(r"^\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Stated:
    """The date a source states for itself, the words that state it and their line."""

    date: dt.date
    text: str
    line: int
    yearless: bool = False   # a wire dateline ("Oct 12 (Reuters) -"): the year is `published`'s


def _absolute(text: str) -> tuple[dt.date, str] | None:
    for mention in find_dates(text, None):
        if mention.date is not None and mention.precision == "day" and not mention.relative:
            return mention.date, mention.text
    return None


def _yearless(line: str, after: int, published: dt.date | None) -> tuple[dt.date, str] | None:
    """A wire dateline's month and day ("Oct 12 (Reuters) -") in ``published``'s year, and its words; or None."""
    match = _YEARLESS.match(line[after:after + 60])
    if published is None or match is None:
        return None
    for mention in find_dates(f"{match.group(1)}, {published.year}", None):
        if mention.date is not None and mention.precision == "day":
            return mention.date, line[:after + match.end()].rstrip(" -")
    return None


def stated_date(source: SourceText, published: dt.date | None = None) -> Stated | None:
    """The publication date a source's first lines state, or None.

    A dateline without a year ("ISLAMABAD, Oct 12 (Reuters) -") states only
    a month and day: with ``published`` given, it is read in that year.
    """
    seen = 0
    for number, raw in enumerate(source.text.splitlines(), start=1):
        line = normalize(raw[:300]).strip()   # a dateline opens its line
        if not line:
            continue
        seen += 1
        if seen > FIRST_LINES:
            break
        if not line[:1].isalnum():
            continue
        label = _LABEL.match(line)
        if label and (found := _absolute(line[label.end():label.end() + 40])):
            return Stated(found[0], line[:label.end() + 40].strip(), number)
        dateline = _DATELINE.match(line) or _MIXED_DATELINE.match(line)
        if dateline and (found := _absolute(line[dateline.end():dateline.end() + 30])) and \
                line[dateline.end():].startswith(found[1]):
            return Stated(found[0], line[:dateline.end() + len(found[1])], number)
        if dateline and (day := _yearless(line, dateline.end(), published)):
            return Stated(day[0], day[1], number, yearless=True)
        bare = _WEEKDAY.sub("", line).strip(" .,|")
        if len(bare) > 40:   # a line that is only a date is short
            continue
        found = _absolute(bare)
        if found and len(found[1]) >= len(bare) - 2:
            return Stated(found[0], line, number)
    return None


def check_datelines(project: "Project", texts: dict[str, SourceText]) -> list[Finding]:
    """A finding for every source whose own date disagrees with, or is missing from, ``published``.

    A missing ``published`` is only suggested for a source that a fact or person cites (an unused source has
    its own warning).
    """
    found: list[Finding] = []
    cited = {ident for item in (*project.facts.values(), *project.people.values()) for ident in item.source_ids}
    for ident, source in project.sources.items():
        text = texts.get(ident)
        stated = stated_date(text, source.published) if text is not None else None
        if stated is None:
            continue
        where = f"\"{stated.text}\" (line {stated.line})"
        if source.published is None and ident in cited:
            found.append(project.locate(
                "published-stated", f"source `{ident}` states its date, {format_date(stated.date)}, in {where} but "
                f"has no `published`: add `published: {stated.date.isoformat()}` if that is its publication date "
                "(it is not filled in for you)", ("sources", ident), ident))
        elif source.published is not None and source.published != stated.date:
            found.append(project.locate(
                "published-disagrees", f"source `{ident}` states its date as "
                f"{format_date(stated.date) if not stated.yearless else stated.date.strftime('%B %-d')} in {where}, "
                f"but `published` is {source.published.isoformat()}: correct `published` (or the source)",
                ("sources", ident, "published"), ident))
    return found
