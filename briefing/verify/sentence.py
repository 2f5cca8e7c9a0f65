"""Prove the sentence, not only its figures: the text against its quote.

:func:`check_sentence` is the one entry point (the Checker calls it for every
quote of a fact; the bottom-line summary calls it for its bullets). It
compares the words of the printed text with the quote, through the lexicon
(:mod:`briefing.verify.lexicon`):

* subject: what a figure measures ("deficit" against "total goods trade");
* direction: which way it moves ("fell" against "increase");
* negation, hedges on the figure, the counted noun, the event and its tense;
* actors named in the text and who does what to whom (:mod:`briefing.verify.actors`).

A contradiction is an error naming the word on each side; a text word the
quote neither supports nor contradicts is a ``text-word-unsupported``
warning carrying the words (the Checker keeps the words no quote supports).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Mapping

from briefing.load.model import Person, field_of
from briefing.text.normalize import normalize
from briefing.text.numwords import find_counts
from briefing.text.quantities import figures_in
from briefing.verify.actors import actor_problems, mentions
from briefing.verify.lexicon import Lexicon, _entries, phrase_words, shipped
from briefing.verify.rules import Problem
from briefing.verify.wording import _MAYBE_SENTENCES, STOP, Analysis, Hit, analyse, covered

FIGURE_KINDS = ("amount", "percent", "count", "range", "change")
EVENT_KINDS = ("date", "claim")
_PAST = frozenset(("VBD", "VBN"))
_PERFECT = frozenset(("has", "have", "had", "was", "were", "been"))


def _unmasked(analysis: Analysis, section: str, spans: list[tuple[int, int]] | None = None) -> list[Hit]:
    masks = [h for h in analysis.section("masks") if h.entry.key == section]
    return [h for h in analysis.section(section, spans)
            if not any(m.first <= h.first < m.last or h.first <= m.first < h.last for m in masks)]


def _said(hits: list[Hit]) -> str:
    return ", ".join(dict.fromkeys(f"'{h.text}'" for h in hits))


def _outside(hits: list[Hit], names: list[tuple[int, int]]) -> list[Hit]:
    return [h for h in hits if not any(s < h.end and h.start < e for s, e in names)]


def _subjects(text: Analysis, quote: Analysis, names: tuple[list[tuple[int, int]], list[tuple[int, int]]],
              context: Callable[[], Analysis]) -> list[Problem]:
    """What a figure measures: each text subject in the quote, or a sibling of its family there instead.

    Words inside names ("the US Trade Representative") measure nothing. A
    subject the quote leaves unsaid may be said by its paragraph (``context``).
    """
    problems, quote_hits = [], _outside(quote.section("subjects"), names[1])
    own = _outside(text.section("subjects"), names[0])
    have = {(h.entry.group, h.entry.key) for h in quote_hits}
    mine = {(h.entry.group, h.entry.key) for h in own}
    for hit in own:
        concept = (hit.entry.group, hit.entry.key)
        if concept in have:
            continue
        rivals = [h for h in quote_hits if h.entry.group == hit.entry.group and (h.entry.group, h.entry.key) not in mine]
        if rivals:
            shared = {w.lower() for r in rivals for w in r.text.split()}
            word = " ".join(w for w in hit.text.split() if w.lower() not in shared) or hit.text
            problems.append(Problem("subject-contradicts-quote", f"the text says '{word}'; the quote says "
                                    f"{_said(rivals)}: say what the quote's figure measures", "text"))
        elif not any((h.entry.group, h.entry.key) == concept for h in context().section("subjects")):
            problems.append(_unsupported(hit.text))
    return problems


def _poles(analysis: Analysis, spans: list[tuple[int, int]] | None) -> dict[str, list[Hit]]:
    poles: dict[str, list[Hit]] = {}
    for hit in _unmasked(analysis, "directions", spans):
        poles.setdefault(f"{hit.entry.group}:{hit.entry.key}", []).append(hit)
    return poles


def _negated(analysis: Analysis, spans: list[tuple[int, int]] | None) -> list[Hit]:
    return _unmasked(analysis, "negations", spans)


def _directions(text: Analysis, quote: Analysis, spans: list[tuple[int, int]], flipped: bool) -> list[Problem]:
    """Which way it moves: a text pole against the quote's opposite pole (unless one side is negated)."""
    problems = []
    theirs = _poles(quote, spans)
    every = _poles(quote, None)
    for hit in _unmasked(text, "directions"):
        axis, pole = hit.entry.group, hit.entry.key
        if f"{axis}:{pole}" in every:
            continue
        opposite = [h for key, hits in theirs.items() if key.startswith(f"{axis}:") for h in hits]
        if opposite and not flipped:
            problems.append(Problem("direction-contradicts-quote", f"the text says '{hit.text}'; the quote says "
                                    f"{_said(opposite)}: the text must move the way the quote does", "text"))
        elif not opposite:
            problems.append(_unsupported(hit.text))
    return problems


def _negation(text: Analysis, quote: Analysis, spans: list[tuple[int, int]]) -> tuple[list[Problem], bool]:
    """A negation in one and not the other; returns the problems and whether the polarity flipped."""
    mine, theirs = _negated(text, None), _negated(quote, spans)
    if bool(mine) == bool(theirs):
        return [], False
    text_poles = {k.split(":")[0]: k for k in _poles(text, None)}
    quote_poles = {k.split(":")[0]: k for k in _poles(quote, spans)}
    if any(axis in quote_poles and quote_poles[axis] != key for axis, key in text_poles.items()):
        return [], True    # "did not rise" for "fell": the antonym carries the negation
    if mine:
        return [Problem("negation-differs", f"the text says {_said(mine)}; the quote states it without a "
                        "negation: remove the negation or cite a quote that has it", "text")], False
    return [Problem("negation-differs", f"the quote says {_said(theirs)}; the text drops the negation: keep it",
                    "text")], False


def _figure_starts(fact: object, text: str) -> list[tuple[int, int]]:
    """Where the fact's own figure is printed in ``text`` (the value, the low bound, or the change's to)."""
    kind = fact.kind
    name = {"range": "low", "change": "to"}.get(kind, "value")
    value = field_of(fact, name, None)
    if value is None:
        return []
    if kind == "count":
        return [(c.start, c.end) for c in find_counts(text) if c.value == value]
    return [(f.start, f.end) for f in figures_in(text) if Decimal(f.value) == Decimal(value)]


def _hedge_at(analysis: Analysis, start: int, end: int) -> Hit | None:
    before = [t for t in analysis.tokens if t.end <= start]
    for hit in analysis.section("hedges"):
        if hit.last == len(before) and (not before or analysis.text[hit.end:start].strip(" $€£¥₹") == ""):
            return hit
        if hit.first < len(analysis.tokens) and analysis.tokens[hit.first].start >= end and \
                analysis.text[end:hit.start].strip() == "" and hit.entry.phrase in ("or so", "or more"):
            return hit
    return None


def _hedges(fact: object, text: Analysis, quote: Analysis) -> list[Problem]:
    """The quote's hedge on the figure stays in the text (or an equivalent); none is added or dropped."""
    mine, theirs = _figure_starts(fact, text.text), _figure_starts(fact, quote.text)
    if not mine or not theirs:
        return []
    ours = _hedge_at(text, *mine[0])
    candidates = [_hedge_at(quote, *span) for span in theirs]
    if any((h.entry.key if h else None) == (ours.entry.key if ours else None) for h in candidates):
        return []
    source = next((h for h in candidates if h), None)
    if ours and source:
        message = (f"the text says '{ours.text}'; the quote says '{source.text}': keep the quote's hedge or an "
                   f"equivalent")
    elif ours:
        message = f"the text adds '{ours.text}' to a figure the quote states without a hedge: remove it"
    else:
        message = f"the quote says '{source.text}' of the figure; the text drops the hedge: keep it or an equivalent"
    return [Problem("hedge-differs", message, "text")]


def _window(analysis: Analysis, end: int, size: int = 4) -> list[set[str]]:
    words = []
    for token in analysis.tokens:
        if token.start < end:
            continue
        between = analysis.text[end:token.start]
        if any(c in between for c in ",;:.()!?\"") or len(words) >= size:
            break
        end = token.end
        if token.word not in STOP:
            words.append(set(token.lemmas))
    return words


def _counted_noun(fact: object, text: Analysis, quote: Analysis, lexicon: Lexicon) -> list[Problem]:
    """The noun a count counts in the text is the one it counts in the quote."""
    mine, theirs = _figure_starts(fact, text.text), _figure_starts(fact, quote.text)
    if not mine or not theirs:
        return []
    ours = _window(text, mine[0][1])
    if not ours:
        return []
    groups = {(e.group, e.key) for lemmas in ours for lemma in lemmas for e in lexicon.index.get(lemma, ())
              if e.section == "subjects" and len(e.words) == 1}
    generic = set(lexicon.data.get("generic_counted") or ())
    if all(lemmas & generic for lemmas in ours):   # "killed 26 people": the verb says what is counted
        groups |= {(h.entry.group, h.entry.key) for h in text.section("subjects")}
    for span in theirs:
        window = _window(quote, span[1])
        flat = {lemma for lemmas in window for lemma in lemmas}
        if any(lemmas & flat for lemmas in ours) or any(_plural_match(lemmas, flat) for lemmas in ours):
            return []
        if groups & {(e.group, e.key) for lemma in flat for e in lexicon.index.get(lemma, ())
                     if e.section == "subjects" and len(e.words) == 1}:
            return []
    counted = text.text[mine[0][1]:].split(",")[0].strip()
    said = quote.text[theirs[0][1]:].split(",")[0].strip()
    return [Problem("counted-noun-differs", f"the text counts '{counted}'; the quote's {text.text[slice(*mine[0])]} "
                    f"counts '{said}': count what the quote counts", "text")]


def _plural_match(lemmas: set[str], flat: set[str]) -> bool:
    """Singular and plural of a word the form table does not know, by lemminflect (loaded only here)."""
    from lemminflect import getAllLemmas

    def base(words: set[str]) -> set[str]:
        return {l for w in words for found in getAllLemmas(w).values() for l in found} | words
    return bool(base(lemmas) & base(flat))


def _events(text: Analysis, quote: Analysis, spans: list[tuple[int, int]], context: Callable[[], Analysis],
            lexicon: Lexicon) -> list[Problem]:
    """The event word is the quote's (or a synonym), and what the quote puts ahead is not told as done.

    When one of the text's events is the quote's, its other events are
    context: the paragraph may support them.
    """
    problems = []
    theirs = _unmasked(quote, "events")
    keys = {h.entry.key for h in theirs}
    mine = _unmasked(text, "events")
    matched = any(h.entry.key in keys for h in mine)
    for hit in mine:
        same = [h for h in theirs if h.entry.key == hit.entry.key]
        if not same:
            others = [h for h in _unmasked(quote, "events", spans) if h.entry.key != hit.entry.key]
            if others and not matched:
                problems.append(Problem("event-differs", f"the text says '{hit.text}'; the quote says "
                                        f"{_said(others)}: name the event the quote names", "text"))
            elif not _as_context(text, hit, lexicon) and \
                    not any(h.entry.key == hit.entry.key for h in _unmasked(context(), "events")):
                problems.append(_unsupported(hit.text))
            continue
        if _done(text, hit) and all(_pending(quote, h) for h in same):
            cue = _pending(quote, same[0])
            problems.append(Problem("tense-differs", f"the text says '{hit.text}' as done; the quote says "
                                    f"'{cue}' (still to come): keep the quote's tense", "text"))
        elif _pending(text, hit) and all(_done(quote, h) for h in same):
            problems.append(Problem("tense-differs", f"the text says '{_pending(text, hit)} {hit.text}' (still to "
                                    f"come); the quote says '{same[0].text}' (done): keep the quote's tense", "text"))
    return problems


def _as_context(analysis: Analysis, hit: Hit, lexicon: Lexicon) -> bool:
    """An event noun after "after", "during", "on the day of": the time of the claim, not its event."""
    cues = set(lexicon.data.get("event_context") or ())
    return any(t.word in cues for t in analysis.tokens[max(0, hit.first - 4):hit.first])


def _done(analysis: Analysis, hit: Hit) -> bool:
    token = analysis.tokens[hit.first]
    before = analysis.tokens[hit.first - 1].word if hit.first else ""
    if _pending(analysis, hit):
        return False
    return bool(token.tags) and token.tags <= _PAST or (before in _PERFECT and "VBN" in token.tags | {"VBD"}
                                                         and bool(token.tags & _PAST))


def _pending(analysis: Analysis, hit: Hit) -> str:
    """The cue that puts an event ahead ("will", "heads to", "could be"), within its sentence, or ''."""
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(analysis.text, 0, hit.start)]
    start = ends[-1] if ends else 0
    for cue in analysis.section("pending"):
        if start <= cue.start and hit.first - 8 <= cue.first <= hit.first and \
                not any(c in analysis.text[cue.end:hit.start] for c in ",;:"):
            return cue.text
    return ""


_SENTENCE_BREAK = re.compile(r"(?<![A-Z])[.!?][\"')]*\s+(?=[\"'(]?[A-Z])")
_PLAIN_WORD = re.compile(r"[^\W_]+(?:[.,'-][^\W_]+)*|[$€£¥₹%]")


def _guards(lexicon: Lexicon, statement: bool) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Words whose absence from a copied text could change what it says, and words that do in some phrases.

    Negations, hedges, tense cues, speech verbs (except in a statement, whose
    speaker rule reads them, or a figure, whose source the citation names) and every one-word subject, direction, event and
    agent verb, in all their forms; a word of a longer phrase ("set" of "set
    to") matters only where the quote has that phrase.
    """
    key = "_guards_statement" if statement else "_guards"
    found = lexicon.__dict__.get(key)
    if found is None:
        sections = ("negations", "hedges", "pending") + (() if statement else ("speech_verbs",))
        single: set[str] = {"not", "no", "n't", "never", "without", "according", "will", "more", "less", "most",
                            "least", "over", "under", "about", "around", "up", "than", "nearly", "almost"}
        multi: dict[str, set[str]] = {}
        for section in sections:
            for _, _, phrases in _entries(lexicon.data, section):
                for phrase in phrases:
                    words = phrase_words(phrase)
                    if len(words) == 1:
                        single.add(words[0])
                    for word in set(words) - STOP if len(words) > 1 else ():
                        multi.setdefault(word, set()).add(" ".join(words))
        single |= {next(iter(e.words[0])) for entries in lexicon.index.values() for e in entries
                   if len(e.words) == 1 and e.section in ("subjects", "directions", "events", "agent_verbs")}
        forms = {form for form, pairs in lexicon.forms.items() if any(lemma in single for lemma, _ in pairs)}
        found = lexicon.__dict__[key] = (frozenset(single | forms), {w: tuple(p) for w, p in multi.items()})
    return found


def copied(text: str, quote: str, lexicon: Lexicon, kind: str) -> bool:
    """Whether the text is the quote's own words, in order, leaving out only words that change nothing.

    Such a text says what the quote says: every rule would pass, so the check
    stops here (it keeps large fact bases fast). The words left out must not
    be negations, hedges, tense cues, speech verbs, one-word subjects,
    directions, events or agent verbs, nor capitalised names (titles aside).
    """
    core = text.rstrip(" .!?;:")
    at = quote.find(core) if core else -1
    if at >= 0:   # a verbatim run of the quote: only the words around it can matter
        guards = _guards(lexicon, kind == "statement" or kind in FIGURE_KINDS)
        around = _PLAIN_WORD.findall(quote[:at]) + _PLAIN_WORD.findall(quote[at + len(core):])
        return all(_neutral(word, guards, quote, lexicon) for word in around)
    mine = _PLAIN_WORD.findall(text.lower())
    theirs = _PLAIN_WORD.findall(quote)
    if not mine or len(mine) > len(theirs):
        return False
    guards = _guards(lexicon, kind == "statement" or kind in FIGURE_KINDS)
    lowered = quote
    at = 0
    for word in mine:
        while at < len(theirs) and theirs[at].lower() != word:
            if not _neutral(theirs[at], guards, lowered, lexicon):
                return False
            at += 1
        if at == len(theirs):
            return False
        at += 1
    return all(_neutral(word, guards, lowered, lexicon) for word in theirs[at:])


def _neutral(word: str, guards: tuple[frozenset[str], dict[str, tuple[str, ...]]], quote: str,
             lexicon: Lexicon) -> bool:
    lower = word.lower()
    if lower in guards[0]:
        return False
    phrases = guards[1].get(lower)
    if phrases:   # a word of a longer phrase ("set" of "set to") matters where the quote has the phrase
        spaced = f" {' '.join(_PLAIN_WORD.findall(quote.lower()))} "
        if any(f" {phrase} " in spaced for phrase in phrases):
            return False
    return not word[:1].isupper() or lower in lexicon.titles or lower in STOP


def _unsupported(word: str) -> Problem:
    return Problem("text-word-unsupported", f"the quote neither supports nor contradicts '{word}'", "text", (word,))


def check_sentence(text: str, quote: str, fact: object | None = None, *, people: Mapping[str, Person] | None = None,
                   paragraph: Callable[[], str] | str = "", before: Callable[[], str] | str = "",
                   lexicon: Lexicon | None = None) -> list[Problem]:
    """Every problem of ``text`` against ``quote`` (errors, and warnings that carry the unsupported words).

    ``fact`` (optional) gives the kind, the figure and the people the text may
    name; ``paragraph`` (the quote's paragraph, or a function returning it)
    widens where actors may be named, and ``before`` (the source text just
    before the quote) resolves a quote's "the two sides" or "he".
    """
    lexicon = lexicon or shipped()
    kind = fact.kind if fact is not None else "claim"
    text, quote = normalize(text).strip(), normalize(quote).strip()
    if copied(text, quote, lexicon, kind):
        return []
    mine, theirs = analyse(lexicon, text), analyse(lexicon, quote)

    def context() -> Analysis:
        return analyse(lexicon, paragraph() if callable(paragraph) else paragraph)

    def scoped(spans: list[tuple[int, int]]) -> list[Problem]:
        """The checks that read only the quote's sentences the text paraphrases."""
        negation, flipped = _negation(mine, theirs, spans)
        found = negation + _directions(mine, theirs, spans, flipped)
        return found + (_events(mine, theirs, spans, context, lexicon) if kind in EVENT_KINDS else [])

    # First against the whole quote; the quote is split into sentences (pysbd, slow) only when that could
    # change the outcome: a problem was found, or both sides negate (the quote perhaps in another sentence).
    problems = scoped([(0, len(theirs.text))])
    if _MAYBE_SENTENCES.search(theirs.text) and (
            any(p.code in _SCOPED for p in problems) or _negations_differ(mine, theirs)):
        problems = scoped(covered(mine, theirs))
    if kind in FIGURE_KINDS and fact is not None:
        names = tuple([(m.start, m.end) for m in mentions(a.text, lexicon, people or {}) if " " in m.text.strip()]
                      for a in (mine, theirs))
        problems += _subjects(mine, theirs, names, context) + _hedges(fact, mine, theirs)
        if kind == "count":
            problems += _counted_noun(fact, mine, theirs, lexicon)
    problems += actor_problems(mine, theirs, fact, people or {}, paragraph, lexicon, before)
    return problems


def _negations_differ(text: Analysis, quote: Analysis) -> bool:
    """Both negate, but not with the same words (then where the quote's negation stands matters)."""
    mine, theirs = _negated(text, None), _negated(quote, None)
    return bool(mine and theirs) and {h.entry.phrase for h in mine} != {h.entry.phrase for h in theirs}


_SCOPED = frozenset(("negation-differs", "direction-contradicts-quote", "event-differs", "tense-differs"))


def keep_unsupported(per_quote: list[list[Problem]], quotes: list[str] | None = None) -> list[Problem]:
    """One finding per code for the words that no quote of a fact supports, listing them.

    ``per_quote`` holds, for each quote, its problems that carry words
    (``text-word-unsupported``, ``actor-not-in-quote``); a word one quote
    supports is supported. The message quotes the (first) quote, so the
    finding shows the text's words and the quote's.
    """
    if not per_quote:
        return []
    result = []
    for code in dict.fromkeys(p.code for problems in per_quote for p in problems):
        missing = [dict.fromkeys(w for p in problems if p.code == code for w in p.words) for problems in per_quote]
        words = [w for w in missing[0] if all(w in other for other in missing[1:])]
        if not words:
            continue
        first = next(p for p in per_quote[0] if p.code == code and p.words)
        listed = ", ".join(f"'{w}'" for w in words)
        if code == "text-word-unsupported":
            said = normalize(quotes[0]).strip() if quotes else ""
            said = f" (the quote says \"{said[:117] + '...' if len(said) > 120 else said}\")" if said else ""
            message = (f"the text says {listed}, which the quote neither supports nor contradicts{said}: check the "
                       "wording against the quote, or add the synonym to `lexicon:`")
        else:
            message = first.message if len(words) == 1 else first.message.replace(f"'{first.words[0]}'", listed)
        result.append(Problem(code, message, "text", tuple(words)))
    return result
