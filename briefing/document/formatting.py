"""Every string a writer prints outside a fact's own text is formatted here, once.

Dates ("August 4, 2025", the one style of every output and the email),
source locations ("line 12:1"), citation notes ("Dar–Rubio second call,
line 12:1"), source tags of reported claims, chart labels and the file names
of attachments. The HTML, PDF and DOCX writers and the email body read the
strings the Document carries; none formats a date or a location itself.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

from briefing.text.dates import format_date as _long_date

#: Longest chart label built from a fact's text when the fact has no ``label``.
LABEL_CHARS = 44


def format_date(value: dt.date | None, missing: str = "undated") -> str:
    """``2025-08-04`` -> ``"August 4, 2025"`` (every output, the email too); ``None`` -> ``missing``."""
    return _long_date(value) if value is not None else missing


def format_location(line: int | None, column: int | None) -> str:
    """``(12, 1)`` -> ``"line 12:1"``; a quote not found (a draft) -> ``"quote not found"``."""
    if line is None:
        return "quote not found"
    return f"line {line}:{column}" if column is not None else f"line {line}"


def note_text(short_title: str, location: str) -> str:
    """One endnote: ``"Dar–Rubio second call, line 12:1"``."""
    return f"{short_title}, {location}"


def short_title_of(title: str, short: str | None) -> str:
    """A source's short title: its own ``short_title``, else its title cut to a few words."""
    if short:
        return short
    words = title.split()
    cut = " ".join(words[:6])
    return cut if len(words) <= 6 else cut.rstrip(",;:") + "…"


def source_tag(publisher: str | None, short_title: str, published: dt.date | None) -> str:
    """Who reports a claim: ``"NewsVane, April 7, 2025"`` (the short title when no publisher is known)."""
    who = publisher or short_title
    return f"{who}, {format_date(published)}" if published else who


def slug(text: str) -> str:
    """``"US–Pakistan"`` -> ``"us-pakistan"``: ASCII letters and digits joined by hyphens."""
    spaced = re.sub(r"[^\w]+", " ", text)   # dashes and punctuation separate words ("US–Pakistan")
    plain = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def file_stem(title: str, short: str | None, template: str, as_of: dt.date) -> str:
    """The name an attachment carries: ``us-pakistan-briefing-2025-08-04``.

    From the short title when there is one, else the title's first four words.
    """
    name = slug(short) if short else "-".join(slug(title).split("-")[:4])
    return "-".join(part for part in (name or "briefing", template, as_of.isoformat()) if part)


@lru_cache(maxsize=1)
def _label_tail_words() -> frozenset[str]:
    data = yaml.safe_load(resources.files("briefing.document").joinpath("label_words.yaml").read_text("utf-8"))
    return frozenset(word.casefold() for word in data["trailing"])


def chart_label(label: str | None, text: str, period: int | None) -> str:
    """A bar's label: the fact's ``label``, else what its text says before the figure, with the year.

    "US goods trade with Pakistan was around $6.9 billion in 2023" gives
    "US goods trade with Pakistan, 2023" (never a bare year).
    """
    if label:
        return label
    head = re.split(r"[$€£¥₹]|\d", text, maxsplit=1)[0]
    words = head.replace(",", " ").split()
    while words and words[-1].casefold() in _label_tail_words():
        words.pop()
    name = " ".join(words) or text
    if len(name) > LABEL_CHARS:
        name = name[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"
    year = f", {period}" if period and str(period) not in name else ""
    return name + year
