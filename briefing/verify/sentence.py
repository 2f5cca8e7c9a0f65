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
from typing import Callable, Mapping

from briefing.load.model import Person
from briefing.text.normalize import normalize
from briefing.verify.actors import actor_problems, mentions
from briefing.verify.lexicon import Lexicon, shipped
from briefing.verify.roles import flow_hits, mirrored_flows
from briefing.verify.rules import Problem
from briefing.verify.figure_words import counted_noun_problems, figure_spans, hedge_problems
from briefing.verify.subjects import said, subject_problems, unsupported
from briefing.verify.verbatim import FIGURE_KINDS, copied
from briefing.verify.wording import _MAYBE_SENTENCES, Analysis, Hit, analyse, covered

EVENT_KINDS = ("date", "claim")
_PAST = frozenset(("VBD", "VBN"))
_PERFECT = frozenset(("has", "have", "had", "was", "were", "been"))


def _unmasked(analysis: Analysis, section: str, spans: list[tuple[int, int]] | None = None) -> list[Hit]:
    found = analysis.section(section, spans)
    masks = analysis.hits.get("masks")
    if not found or not masks:
        return found
    masks = [h for h in masks if h.entry.key == section]
    return [h for h in found if not any(m.first <= h.first < m.last or h.first <= m.first < h.last for m in masks)]


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
    mine = _unmasked(text, "directions")
    read = {h.first for h in mine if f"{h.entry.group}:{h.entry.key}" in every}   # supported on one of its axes
    loose: dict[int, Problem] = {}
    for hit in mine:
        axis, pole = hit.entry.group, hit.entry.key
        if f"{axis}:{pole}" in every:
            continue
        opposite = [h for key, hits in theirs.items() if key.startswith(f"{axis}:") for h in hits]
        if opposite and not flipped:
            problems.append(Problem("direction-contradicts-quote", f"the text says '{hit.text}'; the quote says "
                                    f"{said(opposite)}: the text must move the way the quote does", "text"))
            read.add(hit.first)
        elif not opposite:
            loose.setdefault(hit.first, unsupported(hit.text))
    return problems + [problem for first, problem in loose.items() if first not in read]


def _moved_ahead(text: Analysis, quote: Analysis, spans: list[tuple[int, int]]) -> list[Problem]:
    """A move the text reports done ("was increased") that the quote puts ahead ("will increase")."""
    theirs = _poles(quote, spans)
    for hit in _unmasked(text, "directions"):
        same = theirs.get(f"{hit.entry.group}:{hit.entry.key}", [])
        if same and _done(text, hit) and all(_pending(quote, h) for h in same):
            return [Problem("tense-differs", f"the text says '{hit.text}' as done; the quote says "
                            f"'{_pending(quote, same[0])} {same[0].text}' (still to come): keep the quote's tense",
                            "text")]
    return []


def _negation(text: Analysis, quote: Analysis, spans: list[tuple[int, int]]) -> tuple[list[Problem], bool]:
    """A negation in one and not the other; returns the problems and whether the polarity flipped."""
    mine, theirs = _negated(text, None), _negated(quote, spans)
    if bool(mine) == bool(theirs):
        return [], False
    quote_poles = set(_poles(quote, spans))
    if any(key not in quote_poles and any(other.split(":")[0] == key.split(":")[0] for other in quote_poles)
           for key in _poles(text, None)):
        return [], True    # "did not rise" for "fell": the antonym carries the negation
    if mine:
        return [Problem("negation-differs", f"the text says {said(mine)}; the quote states it without a "
                        "negation: remove the negation or cite a quote that has it", "text")], False
    return [Problem("negation-differs", f"the quote says {said(theirs)}; the text drops the negation: keep it",
                    "text")], False


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
    kin = _compatible(lexicon)
    matched = any(h.entry.key in keys for h in mine)
    acted = any(h.entry.key in keys and _verbal(text, h) for h in mine)
    for hit in mine:
        same = [h for h in theirs if h.entry.key == hit.entry.key]
        if not same:
            friends = kin.get(hit.entry.key, frozenset())
            others = [h for h in _unmasked(quote, "events", spans) if h.entry.key != hit.entry.key]
            if any(h.entry.key in friends for h in others):
                continue   # "discussed" at a meeting: classes that do not exclude each other
            if others and (not matched or not acted and _verbal(text, hit) and any(_verbal(quote, h) for h in others)):
                # a shared noun ("a bomb") does not make "was defused" the quote's "exploded"
                problems.append(Problem("event-differs", f"the text says '{hit.text}'; the quote says "
                                        f"{said(others)}: name the event the quote names", "text"))
            elif not _as_context(text, hit, lexicon) and \
                    not any(h.entry.key == hit.entry.key for h in _unmasked(context(), "events")):
                problems.append(unsupported(hit.text))
            continue
        if _done(text, hit) and all(_pending(quote, h) for h in same):
            cue = _pending(quote, same[0])
            problems.append(Problem("tense-differs", f"the text says '{hit.text}' as done; the quote says "
                                    f"'{cue}' (still to come): keep the quote's tense", "text"))
        elif _pending(text, hit) and all(_done(quote, h) for h in same):
            problems.append(Problem("tense-differs", f"the text says '{_pending(text, hit)} {hit.text}' (still to "
                                    f"come); the quote says '{same[0].text}' (done): keep the quote's tense", "text"))
    return problems


_VERB_TAGS = frozenset(("VB", "VBD", "VBN", "VBZ", "VBP", "VBG"))
_DETERMINERS = frozenset("a an the this that these those its their his her our my your whose each every any".split())


def _verbal(analysis: Analysis, hit: Hit) -> bool:
    """Whether an event word is used as a verb ("exploded", "met"), not a noun ("a bomb", "the meeting")."""
    token = analysis.tokens[hit.first]
    before = analysis.tokens[hit.first - 1].word if hit.first else ""
    return bool(token.tags & _VERB_TAGS) and before not in _DETERMINERS


def _compatible(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Event classes that do not exclude each other (``events_compatible``, read both ways)."""
    found = lexicon.__dict__.get("_events_compatible")
    if found is None:
        pairs: dict[str, set[str]] = {}
        for key, friends in (lexicon.data.get("events_compatible") or {}).items():
            for friend in friends or ():
                pairs.setdefault(str(key), set()).add(str(friend))
                pairs.setdefault(str(friend), set()).add(str(key))
        found = lexicon.__dict__["_events_compatible"] = {k: frozenset(v) for k, v in pairs.items()}
    return found


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
        found = negation + _directions(mine, theirs, spans, flipped) + _moved_ahead(mine, theirs, spans)
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
        figures = (figure_spans(fact, mine.text), figure_spans(fact, theirs.text))
        keys = {h.entry.key for h in flow_hits(mine)} | {h.entry.key for h in flow_hits(theirs)}
        mirrored = mirrored_flows(mine, theirs, mentions(mine.text, lexicon, people or {}),
                                  mentions(theirs.text, lexicon, people or {}), lexicon, people or {}) \
            if len(keys) > 1 else frozenset()
        problems += subject_problems(mine, theirs, names, context, figures, mirrored) + \
            hedge_problems(fact, mine, theirs)
        if kind == "count":
            problems += counted_noun_problems(fact, mine, theirs, lexicon)
    problems += actor_problems(mine, theirs, fact, people or {}, paragraph, lexicon, before)
    # A word an error already names as contradicted ("rejected" for "signed": another event) is not also
    # reported as unsupported on another section (the stance it also carries).
    contradicted = {word for p in problems if not p.words for word in _TEXT_SAYS.findall(p.message)}
    return [p for p in problems if not (p.code == "text-word-unsupported" and set(p.words) <= contradicted)]


def _negations_differ(text: Analysis, quote: Analysis) -> bool:
    """Both negate, but not with the same words (then where the quote's negation stands matters)."""
    mine, theirs = _negated(text, None), _negated(quote, None)
    return bool(mine and theirs) and {h.entry.phrase for h in mine} != {h.entry.phrase for h in theirs}


_TEXT_SAYS = re.compile(r"the text says '([^']+)'")
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
