"""A text that is the quote's own words: proven at once.

A text made of the quote's words in the quote's order, leaving out only
words that change nothing, says what the quote says; every rule of
:mod:`briefing.verify.sentence` would pass, so the check stops there (it keeps
large fact bases fast).
"""
from __future__ import annotations

import re

from briefing.verify.lexicon import Lexicon, _entries, phrase_words
from briefing.verify.wording import STOP

FIGURE_KINDS = ("amount", "percent", "count", "range", "change")
_PLAIN_WORD = re.compile(r"[^\W_]+(?:[.,'-][^\W_]+)*|[$€£¥₹%]")


def _guards(lexicon: Lexicon, statement: bool) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Words whose absence from a copied text could change what it says, and words that do in some phrases.

    Negations, hedges, tense cues, speech verbs (except in a statement, whose
    speaker rule reads them, or a figure, whose source the citation names)
    and every one-word subject, direction, event and agent verb, in all
    their forms; a word of a longer phrase ("set" of "set
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
