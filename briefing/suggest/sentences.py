"""Paragraphs, sentences and clauses of a source, as offsets in its normalised text.

Quotes are looked up in a source's normalised text (see
:mod:`briefing.text.normalize`), so every span here is an offset into
``SourceText.normalized``: a span's text is a quote that is found as it is.
Paragraphs follow the format's rule (a line, continued while it ends
mid-sentence); sentences end at ".", "!" or "?" (and a closing quotation mark)
before a capital, except after an abbreviation ("U.S.", "Mr.", "Jan.");
clauses are split at ", ", "; ", ": " and " - ".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

from briefing.load.sources import SourceText
from briefing.text.normalize import normalize

_END = re.compile(r"""[.!?]["')]*(?=\s+["'(]?[A-Z0-9])""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen lt col sen rep gov jr sr no vs etc inc ltd co corp prof rev capt sgt maj adm cmdr "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m".split())
_LINK = re.compile(r"(?i)(?:also read|read more|read also|see also|related|more on this|recommended)\b\s*[|:]")
_CLAUSE = re.compile(r"(?:,(?!\s\d{4}\b)|;|:| -)\s")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a source's normalised text."""

    start: int
    end: int


@dataclass(frozen=True)
class Layout:
    """A source's paragraphs and sentences, each a list of spans in reading order."""

    text: str                      # the normalised source
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]

    @cached_property
    def _starts(self) -> tuple[list[int], list[int]]:
        return [s.start for s in self.sentences], [p.start for p in self.paragraphs]

    def sentence_at(self, index: int) -> Span:
        """The sentence holding offset ``index`` (the whole text if none does)."""
        return _holding(self.sentences, self._starts[0], index) or Span(0, len(self.text))

    def paragraph_at(self, index: int) -> Span:
        """The paragraph holding offset ``index``."""
        return _holding(self.paragraphs, self._starts[1], index) or Span(0, len(self.text))

    def is_link(self, span: Span) -> bool:
        """Whether a sentence is a link to another article ("Also Read | …"): its figures are not the source's."""
        return bool(_LINK.match(self.text, span.start))

    def clause_at(self, index: int) -> Span:
        """The clause of its sentence that holds offset ``index``."""
        sentence = self.sentence_at(index)
        start = sentence.start
        for cut in _CLAUSE.finditer(self.text, sentence.start, sentence.end):
            if cut.start() >= index:
                return Span(start, _trim_end(self.text, start, cut.start()))
            start = cut.end()
        return Span(start, _trim_end(self.text, start, sentence.end))

    def clauses(self, sentence: Span) -> list[Span]:
        """The clauses of ``sentence``."""
        spans, start = [], sentence.start
        for cut in _CLAUSE.finditer(self.text, sentence.start, sentence.end):
            spans.append(Span(start, cut.start()))
            start = cut.end()
        spans.append(Span(start, _trim_end(self.text, start, sentence.end)))
        return [s for s in spans if s.end > s.start]


def _holding(spans: tuple[Span, ...], starts: list[int], index: int) -> Span | None:
    at = bisect_right(starts, index) - 1
    return spans[at] if at >= 0 and spans[at].start <= index < spans[at].end else None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " .,;:!?":
        end -= 1
    if end > start and text[end - 1] in "\"'" and text.count('"', start, end) % 2:
        end -= 1                    # an unbalanced closing quotation mark belongs to a quotation outside
    return end


_DATELINE = re.compile(r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][a-z]+\.? \d{1,2},? \d{4})?(?: -|:) (?=[A-Z])")


def _sentences(text: str, paragraph: Span) -> list[Span]:
    spans, start = [], paragraph.start
    dateline = _DATELINE.match(text, paragraph.start, paragraph.end)
    if dateline:                            # "WASHINGTON, July 26, 2025 - ", "ISLAMABAD: " opens the first sentence
        spans.append(Span(start, dateline.end() - 1))
        start = dateline.end()
    for end in _END.finditer(text, paragraph.start, paragraph.end):
        word = re.search(r"([\w.]+)[.!?]$", text[max(start, end.start() - 12):end.start() + 1])
        if text[end.start()] == "." and word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS
                                                   or len(word.group(1).rstrip(".")) == 1):
            continue
        spans.append(Span(start, end.end()))
        start = end.end() + 1
    if start < paragraph.end:
        spans.append(Span(start, paragraph.end))
    return [s for s in spans if text[s.start:s.end].strip()]


_HEADING = re.compile("(?m)^(?:Also Read\\b[^\\n]*|[^\\n.!?;:,]{1,90}[^\\n.!?;:,\\s])\\n(?=\\s*[\"\u201c\u2018A-Z])")


def _split_headings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph's lines that stand alone as headings ("Also Read | ...") made paragraphs of their own."""
    parts, at = [], start
    for m in _HEADING.finditer(text, start, end):
        if m.start() < at:
            continue
        words = text[m.start():m.end()].split()
        if text.startswith("Also Read", m.start()) or (len(words) <= 12 and sum(w[:1].isupper() for w in words)
                                                        >= len(words) / 2):
            if m.start() > at:
                parts.append((at, m.start()))
            parts.append((m.start(), m.end() - 1))
            at = m.end()
    parts.append((at, end))
    return [(a, b) for a, b in parts if text[a:b].strip()]


@lru_cache(maxsize=64)
def _layout(text: str, normalized: str, spans: tuple[tuple[int, int], ...]) -> Layout:
    paragraphs: list[Span] = []
    cursor = 0
    for start, end in (part for span in spans for part in _split_headings(text, *span)):
        body = normalize(text[start:end]).strip()
        at = normalized.find(body, cursor) if body else -1
        if at < 0:
            continue
        paragraphs.append(Span(at, at + len(body)))
        cursor = at + len(body)
    sentences = [s for p in paragraphs for s in _sentences(normalized, p)]
    return Layout(normalized, tuple(paragraphs), tuple(sentences))


def layout(source: SourceText) -> Layout:
    """The paragraphs and sentences of ``source`` (cached per text)."""
    return _layout(source.text, source.normalized, tuple(source.paragraph_spans()))
