"""A sentence read for the lexicon: its words as lemmas and the lexicon phrases it holds.

:func:`analyse` tokenises a normalised text once (lemmas and Penn tags from
the lexicon's form table), finds every lexicon phrase in it (longest first,
per section), and splits it into sentences with pysbd when it may hold more
than one. The rules in :mod:`briefing.verify.sentence` compare two analyses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from briefing.verify.lexicon import NUMBER, Entry, Lexicon

_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*|n't", re.UNICODE)
_MAYBE_SENTENCES = re.compile(r"[.!?][\"')\]]*\s+[\"'(]?[A-Z]")
#: Function words that never make two sentences "about the same thing".
STOP = frozenset(
    "a an the and or but nor of in on at to for from by with as per than that this these those which who whom "
    "whose is was were are be been being has have had will would shall should can could may might must do does "
    "did it its into onto over under up down since after before during until about around against among between "
    "more less most least while when where if so also only just even still yet again then there here not no "
    "each every some any all both other another such same he she they we i you his her their our my your them "
    "us him me said says say n't".split())


@dataclass(slots=True)
class Token:
    """One word: lower-case form, offsets in the text, lemmas and possible tags."""

    word: str
    start: int
    end: int
    lemmas: frozenset[str]
    tags: frozenset[str]


@dataclass(slots=True)
class Hit:
    """A lexicon phrase found in a text: tokens [first, last) and the characters it spans."""

    entry: Entry
    first: int
    last: int
    start: int
    end: int
    text: str


@dataclass
class Analysis:
    """A text's tokens, its lexicon hits by section, and its sentences as (start, end) offsets."""

    text: str
    tokens: list[Token]
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    _sentences: list[tuple[int, int]] | None = None

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """The sentence spans (split by pysbd on first use)."""
        if self._sentences is None:
            self._sentences = sentences(self.text)
        return self._sentences

    def content(self, start: int = 0, end: int | None = None) -> set[str]:
        """The lemmas of the content words between two offsets."""
        stop = len(self.text) if end is None else end
        return {lemma for t in self.tokens if start <= t.start < stop and t.word not in STOP for lemma in t.lemmas}

    def section(self, name: str, spans: list[tuple[int, int]] | None = None) -> list[Hit]:
        """The hits of one section, optionally only inside some spans."""
        found = self.hits.get(name, [])
        if spans is None:
            return found
        return [h for h in found if any(s <= h.start < e for s, e in spans)]


def _split_words(text: str) -> list[tuple[str, int, int]]:
    if text.isascii() and "'" not in text:   # the common case: no contractions or possessives
        return [(m[0], *m.span()) for m in _TOKEN.finditer(text.lower())]
    words = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group().lower(), match.start(), match.end()
        if word.endswith("n't") and len(word) > 3:
            words += [(word[:-3], start, end - 3), ("n't", end - 3, end)]
        elif word.endswith("'s") and len(word) > 2:
            words.append((word[:-2], start, end - 2))
        else:
            words.append((word, start, end))
    return words


@lru_cache(maxsize=1)
def _segmenter():   # pysbd builds its rules once
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text (pysbd; a text without a sentence break inside is one sentence)."""
    if not _MAYBE_SENTENCES.search(text):
        return [(0, len(text))]
    spans = [(span.start, span.end) for span in _segmenter().segment(text)]
    return spans or [(0, len(text))]


def analyse(lexicon: Lexicon, text: str) -> Analysis:
    """Tokenise ``text`` and find every lexicon phrase in it (cached per lexicon)."""
    cache = lexicon.__dict__.setdefault("_analyses", {})
    found = cache.get(text)
    if found is not None:
        return found
    forms, index = lexicon.forms, lexicon.index
    known: dict[str, tuple[frozenset[str], frozenset[str], tuple[Entry, ...]]] = \
        lexicon.__dict__.setdefault("_words", {})
    if len(known) >= 200_000:
        known.clear()
    tokens: list[Token] = []
    add = tokens.append
    starting: list[tuple[int, tuple[Entry, ...]]] = []   # the tokens where a lexicon phrase may start
    for word, start, end in _split_words(text):
        found = known.get(word)
        if found is None:
            pairs = forms.get(word)
            lemmas = frozenset(l for l, _ in pairs) | {word} if pairs else \
                frozenset((word, NUMBER)) if word[0].isdigit() else frozenset((word,))
            entries = tuple({id(e): e for lemma in lemmas for e in index.get(lemma, ())}.values())
            found = (lemmas, frozenset(t for _, t in pairs) if pairs else frozenset(), entries)
            known[word] = found
        if found[2]:
            starting.append((len(tokens), found[2]))
        add(Token(word, start, end, found[0], found[1]))
    candidates: dict[str, list[Hit]] = {}
    count = len(tokens)
    for i, entries in starting:
        token = tokens[i]
        for entry in entries:
            words = entry.words
            size = len(words)
            if i + size > count:
                continue
            if size > 1:
                k = 1
                while k < size and words[k] & tokens[i + k].lemmas:
                    k += 1
                if k < size:
                    continue
            last = tokens[i + size - 1]
            candidates.setdefault(entry.section, []).append(
                Hit(entry, i, i + size, token.start, last.end, text[token.start:last.end]))
    hits = {}
    for section, found_hits in candidates.items():
        if len(found_hits) == 1:
            hits[section] = found_hits
            continue
        found_hits.sort(key=lambda h: (-(h.last - h.first), h.first))
        taken: set[int] = set()
        kept: list[Hit] = []
        for hit in found_hits:
            if taken.isdisjoint(range(hit.first, hit.last)):
                taken.update(range(hit.first, hit.last))
                kept.append(hit)
            elif section == "directions" and any(k.first == hit.first and k.last == hit.last and
                                                 k.entry.group != hit.entry.group for k in kept):
                kept.append(hit)   # one word on two axes ("withdraw" a tariff, or troops): both are read
        hits[section] = sorted(kept, key=lambda h: h.first)
    analysis = Analysis(text, tokens, hits)
    if len(cache) > 256:
        cache.clear()
    cache[text] = analysis
    return analysis


def covered(text: Analysis, quote: Analysis) -> list[tuple[int, int]]:
    """The sentences of the quote that the text paraphrases (share enough content words with it)."""
    if len(quote.sentences) == 1:
        return quote.sentences
    mine = text.content()
    scores = []
    for start, end in quote.sentences:
        theirs = {t.word for t in quote.tokens if start <= t.start < end and t.word not in STOP}
        shared = sum(1 for t in quote.tokens if start <= t.start < end and t.word not in STOP and t.lemmas & mine)
        scores.append((shared, len(theirs), (start, end)))
    chosen = [span for shared, size, span in scores if shared and shared >= max(2, 0.3 * size)]
    return chosen or [max(scores)[2]]
