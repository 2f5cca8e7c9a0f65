"""Direct quotations in a source, each with its grammatical speaker, as statement drafts.

A quotation is the text between two quotation marks of one paragraph (an
opening mark with no closing one runs to the paragraph's end, as a quotation
continued in the next paragraph does), or a phrase in single quotation marks.
Its speaker is the person of its attribution, read as the grammar of news
writing gives it: after it (``"…," said X``, ``"…," X added``, ``"…" he
wrote``), before it in the same sentence (``X said: "…"``, ``X declared, "…"``,
``with X describing Pakistan as an "…"``), or a headline's ``…: PM X``. A
pronoun speaker is the person last named before the quotation. Only people
known to the fact base or proposed from the source can speak: an office ("the
FO added") is not a person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator

from briefing.suggest.lexicon import lexicon, words
from briefing.suggest.model import Draft
from briefing.suggest.passages import Passage, clean_text
from briefing.suggest.sentences import Layout, Span

_WORD = re.compile(r"[\w'.-]*\w|[^\w\s]")
_SINGLE = re.compile(r"(?<![\w])'([^'\"]{3,120}?)'(?![\w])")
_STOP_PHRASE = frozenset("on in at about after during to from while when of for as".split())


@dataclass(frozen=True)
class Roster:
    """The people who can be speakers: every written form of each (name, aliases, surname) to an id."""

    forms: dict[str, str]
    names: dict[str, str]            # id -> full name

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.forms:
            return None
        alternatives = "|".join(re.escape(f) for f in sorted(self.forms, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?:'s)?(?![\w-])")

    def refs(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Every mention of a person in ``text[start:end]``: (start, end, id)."""
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), self.forms[m.group().removesuffix("'s")])
                for m in self.pattern.finditer(text, start, end)]


@dataclass(frozen=True)
class Speaker:
    """Who a quotation is credited to, where the attribution is, and its verb."""

    id: str
    start: int
    end: int
    verb: str
    pronoun: bool = False


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _skip_back(tokens: list[tuple[str, int, int]], p: int) -> int:
    """From the word before a verb back to the speaker: over adverbs ("also") and an apposition (", the X,")."""
    adverbs = words("speaker_adverbs")
    while p > 0 and tokens[p][0].lower() in adverbs:
        p -= 1
    if p > 0 and tokens[p][0] == ",":
        comma = next((q for q in range(p - 1, max(-1, p - 12), -1) if tokens[q][0] == ","), None)
        if comma is not None and comma > 0:
            p = comma - 1
    return p


def _after(text: str, start: int, end: int, roster: Roster) -> Speaker | None:
    """``"…," said X`` / ``"…," X said`` / ``"…" he wrote``."""
    tokens = [t for t in _words(text, start, min(end, start + 160))]
    while tokens and tokens[0][0] in ",":
        tokens = tokens[1:]
    verbs, pronouns = words("reporting_verbs"), lexicon()["pronouns"]
    if not tokens:
        return None
    if tokens[0][0].lower() in verbs and len(tokens) > 1:
        if tokens[1][0].lower() in pronouns:
            return Speaker("", tokens[1][1], tokens[1][2], tokens[0][0], pronoun=True)
        stop = next((t[1] for t in tokens[1:] if not t[0][0].isalnum() or t[0].lower() in _STOP_PHRASE), tokens[-1][2])
        found = roster.refs(text, tokens[1][1], stop)
        if found:
            return Speaker(found[0][2], tokens[0][1], found[0][1], tokens[0][0])
        return None
    for v, (word, _, _) in enumerate(tokens[:8]):
        if not word[0].isalnum():
            return None
        if word.lower() in verbs and v:
            p = _skip_back(tokens, v - 1)
            if tokens[p][0].lower() in pronouns:
                return Speaker("", tokens[p][1], tokens[v][2], word, pronoun=True)
            found = [r for r in roster.refs(text, tokens[0][1], tokens[p][2]) if r[1] == tokens[p][2]
                     or r[1] == tokens[p][2] - 2]
            return Speaker(found[-1][2], found[-1][0], tokens[v][2], word) if found else None
    return None


def _before(text: str, start: int, end: int, roster: Roster) -> Speaker | None:
    """``X said: "…"``, ``X declared, "…"``, ``X said the US helped "…"``, ``according to X, "…"``."""
    tokens = _words(text, start, end)
    verbs, pronouns = words("reporting_verbs"), lexicon()["pronouns"]
    for v in range(len(tokens) - 1, 0, -1):
        if tokens[v][0].lower() not in verbs:
            continue
        p = _skip_back(tokens, v - 1)
        if tokens[p][0].lower() in pronouns:
            return Speaker("", tokens[p][1], tokens[v][2], tokens[v][0], pronoun=True)
        found = [r for r in roster.refs(text, tokens[0][1], tokens[p][2]) if r[1] in (tokens[p][2], tokens[p][2] - 2)]
        if found:
            return Speaker(found[-1][2], found[-1][0], tokens[v][2], tokens[v][0])
        if tokens[p][0].lower() != "and":           # "X acknowledged … and described …": the subject is X
            return None
    return None


def _headline(text: str, start: int, end: int, roster: Roster) -> Speaker | None:
    """A headline's attribution after a colon: ``'meaningful dialogue' with India: PM Shehbaz Sharif``."""
    colon = text.rfind(": ", start, end)
    if colon < 0:
        return None
    tail_end = end
    while tail_end > colon and not text[tail_end - 1].isalnum():
        tail_end -= 1
    found = [r for r in roster.refs(text, colon, tail_end) if r[1] == tail_end]
    return Speaker(found[-1][2], colon + 2, tail_end, "said") if found else None


def _past(verb: str) -> str:
    low = verb.lower()
    if low.endswith("ing") or low in ("says", "say", "according"):
        return "said"
    return low


def _quotations(layout: Layout, paragraph: Span) -> list[tuple[int, int, int]]:
    """(open mark, inner start, inner end) of each quotation of a paragraph."""
    text = layout.text
    marks = [i for i in range(paragraph.start, paragraph.end) if text[i] == '"']
    found = [(marks[k], marks[k] + 1, marks[k + 1]) for k in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        found.append((marks[-1], marks[-1] + 1, paragraph.end))
    if not marks:
        found += [(m.start(), m.start(1), m.end(1)) for m in _SINGLE.finditer(text, paragraph.start, paragraph.end)]
    return found


def statement_drafts(layout: Layout, source_id: str, roster: Roster) -> Iterator[Draft]:
    """Every direct quotation with a speaker who is a person, as a statement draft."""
    text = layout.text
    for number, paragraph in enumerate(layout.paragraphs):
        for mark, inner, close in _quotations(layout, paragraph):
            said = text[inner:close].strip().rstrip(",").strip()
            if len(said.split()) < 2:
                continue
            after = close + 1 if close < paragraph.end else close
            sentence = layout.sentence_at(mark)
            speaker = (_after(text, after, paragraph.end, roster) or _before(text, sentence.start, mark, roster)
                       or _headline(text, after, paragraph.end, roster))
            if speaker is None:
                continue
            first = min(mark, speaker.start)
            if speaker.pronoun:
                back = layout.paragraphs[max(0, number - 2)].start
                named = [r for r in roster.refs(text, back, first)
                         if not _inside_quotation(text, layout.paragraph_at(r[0]).start, r[0])]
                if not named:
                    continue
                speaker = Speaker(named[-1][2], named[-1][0], speaker.end, speaker.verb, pronoun=True)
            start = layout.sentence_at(min(first, speaker.start)).start
            end = layout.sentence_at(max(after, speaker.end) - 1).end
            end = max(end, min(paragraph.end, after))
            quote = text[start:end].strip()
            name = roster.names[speaker.id]
            ending = "" if re.search(r"[.!?]$", said) else "."
            passages = [Passage(quote, clean_text(quote)),
                        Passage(quote, f'{name} {_past(speaker.verb)}: "{said}{ending}"')]
            if quote.count('"') > 2:           # other quotations around it: the plain attribution reads better
                passages.reverse()
            yield Draft("statement", source_id, [{"speaker": speaker.id, "said": said}], passages, inner, close,
                        said, f"{name.split()[-1]} {said}")


def _inside_quotation(text: str, start: int, at: int) -> bool:
    return text.count('"', start, at) % 2 == 1
