"""Which words of a source prove a candidate: quote and draft text variants, shortest first.

A candidate is proven by a quote (a clause or a sentence of the source) and
printed with a draft ``text`` taken from the same words, so every word of the
text is supported by the quote. Several (quote, text) pairs are offered in
order of preference; the checker keeps the first that proves the candidate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.suggest.lexicon import words
from briefing.suggest.sentences import Layout, Span

_LEADING = re.compile(r"(?:and|but|while|which|who|with|as|whereas|though|although|so)\s", re.I)
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|can|may|might|shall|should|must|stood|"
                   r"reached|rose|fell|grew|hit|totall?ed|amounted|remained|stands|stayed|jumped|climbed|"
                   r"dropped|declined|increased|decreased|left|killed|launched|[a-z]{3,}ed)\b")


@dataclass(frozen=True, slots=True)
class Passage:
    """A quote from the source and a draft text drawn from its words."""

    quote: str
    text: str


def clean_text(words_: str) -> str:
    """A span of source words as a sentence: trimmed, capitalised, ending in a full stop."""
    text = words_.strip().rstrip(",;:- ")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if not re.search(r"""[.!?]["')]*$""", text):
        text += "."
    return text


def subject_of(text: str, sentence: Span) -> Span | None:
    """The words of ``sentence`` before its first verb, when they open the sentence without a comma."""
    match = _VERB.search(text, sentence.start, sentence.end)
    if match is None:
        return None
    head = text[sentence.start:match.start()].rstrip()
    if not head or "," in head or ":" in head or len(head.split()) > 12:
        return None
    return Span(sentence.start, sentence.start + len(head))


def figure_subject(layout: Layout, start: int) -> str | None:
    """What the figure at ``start`` is about: its clause's own subject, else its sentence's subject."""
    text = layout.text
    clause = layout.clause_at(start)
    lead = _LEADING.match(text, clause.start)
    begin = lead.end() if lead else clause.start
    verb = _VERB.search(text, begin, start)
    if verb is not None and verb.start() > begin:
        return text[begin:verb.start()].strip()
    subject = subject_of(text, layout.sentence_at(start))
    return text[subject.start:subject.end] if subject else None


def subject_words(text: str) -> list[str]:
    """The content words of ``text``, lower case, in order (for ids and for comparing subjects)."""
    stop = words("id_stop_words")
    found = re.findall(r"[A-Za-z][A-Za-z-]*", text.replace("'s", ""))
    return [w.lower() for w in found if w.lower() not in stop]


_PREPOSITION = re.compile(r"\s(?:with|of|in|for|to|from|on|at|by|between|among|across|over)\s", re.I)


def subject_key(text: str) -> tuple[str, frozenset[str]]:
    """What a figure measures: the head noun of its subject and the other words that qualify it.

    "US total goods trade with Pakistan" is ("trade", {us, goods, pakistan}):
    the head is the last word before a preposition; words such as "total" or
    "estimated" do not change what is measured.
    """
    noise = words("subject_noise")
    head_part = _PREPOSITION.split(text, maxsplit=1)[0]
    heads = [w for w in subject_words(head_part) if w not in noise]
    qualifiers = frozenset(w for w in subject_words(text) if w not in noise)
    return (heads[-1] if heads else ""), qualifiers - {heads[-1] if heads else ""}


def same_measure(a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> bool:
    """Whether two subject keys name one measure: one head, and one's qualifiers within the other's."""
    return bool(a[0]) and a[0] == b[0] and (a[1] <= b[1] or b[1] <= a[1])


def passages(layout: Layout, start: int, end: int) -> list[Passage]:
    """(quote, text) pairs for what is found at ``start:end``, in order of preference.

    ``end`` includes the unit and any period phrase ("$7.3 billion in 2024").
    First the clause when it opens its sentence, then the sentence, then the
    sentence up to the clause or the figure, then the clause's subject joined
    to a clause that has none ("a 5.2% increase"), then the clause alone. A
    clause's leading "and", "while"... is left out.
    """
    text = layout.text
    sentence, clause = layout.sentence_at(start), layout.clause_at(start)
    sentence = Span(sentence.start, _end_of(text, sentence))
    lead = _LEADING.match(text, clause.start)
    clause = Span(lead.end(), clause.end) if lead and lead.end() < start else clause
    spans: list[Span] = []
    if clause.start == sentence.start:
        spans.append(clause)
    spans += [sentence, Span(sentence.start, clause.end), Span(sentence.start, end), Span(clause.start, end), clause]
    found = [Passage(text[span.start:span.end].strip(), clean_text(text[span.start:span.end]))
             for span in spans if span.end > span.start]
    subject = subject_of(text, sentence)
    if subject is not None and clause.start > subject.end and _VERB.search(text, clause.start, start) is None:
        for at, stop in enumerate((clause.end, end)):
            tail = text[clause.start:stop]
            change = re.match(r"(?:up|down)\s+from\s+", tail)
            verb = _VERB.search(text, subject.end, subject.end + 40)
            if change and verb:
                joined = f"{text[subject.start:subject.end]} {verb.group()} {tail[change.end():]}"
            else:
                joined = f"{text[subject.start:subject.end]}: {tail}"
            found.insert(1 + at, Passage(text[sentence.start:stop].strip(), clean_text(joined)))
    change_to = re.search(r"\bfrom\s.{1,40}?\s(?=to\s$)", text[clause.start:start])
    if change_to:                           # "fell from 7.2% to 6.9%": the end of a change, without its start
        cut = clause.start + change_to.start()
        found.insert(0, Passage(text[clause.start:end].strip(),
                                clean_text(text[clause.start:cut] + text[clause.start + change_to.end():end])))
    unique: list[Passage] = []
    for passage in found:
        if passage.quote and passage not in unique:
            unique.append(passage)
    return unique


def _end_of(text: str, sentence: Span) -> int:
    end = sentence.end
    while end > sentence.start and text[end - 1] == " ":
        end -= 1
    return end
