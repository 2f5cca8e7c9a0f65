"""The words around a fact's figure: its hedge, and the noun a count counts.

* A hedge written just before the quote's figure ("an estimated", "around",
  "more than", "up to", "exactly") must stay in the text or become one of its
  class; none may be added or dropped.
* The noun a count counts in the text (the words after the number, in its
  clause) must be the one it counts in the quote: "26 tourists" is not
  "26 dead, including several tourists".
"""
from __future__ import annotations

from decimal import Decimal

from briefing.load.model import field_of
from briefing.text.quantities import find_counts
from briefing.text.quantities import figures_in
from briefing.verify.lexicon import Lexicon
from briefing.verify.rules import Problem
from briefing.verify.subjects import anchor
from briefing.verify.wording import STOP, Analysis, Hit


def figure_spans(fact: object, text: str) -> list[tuple[int, int]]:
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


_VERB_TAGS = frozenset(("VB", "VBD", "VBZ", "VBP", "VBN", "VBG"))


def _verb_hedge(analysis: Analysis) -> str | None:
    """The class of a hedging verb anywhere in the text ("officials estimate ... at"), or None."""
    for hit in analysis.section("hedges"):
        token = analysis.tokens[hit.first]
        before = analysis.tokens[hit.first - 1].word if hit.first else ""
        if hit.last - hit.first == 1 and token.tags & _VERB_TAGS and before not in ("a", "an", "the"):
            return hit.entry.key
    return None


def hedge_problems(fact: object, text: Analysis, quote: Analysis) -> list[Problem]:
    """The quote's hedge on the figure stays in the text (or an equivalent); none is added or dropped."""
    mine, theirs = figure_spans(fact, text.text), figure_spans(fact, quote.text)
    if not mine or not theirs:
        return []
    ours = _hedge_at(text, *mine[0])
    candidates = [_hedge_at(quote, *span) for span in theirs]
    if any((h.entry.key if h else None) == (ours.entry.key if ours else None) for h in candidates):
        return []
    if ours is None and any(h and h.entry.key == _verb_hedge(text) for h in candidates) or \
            ours is not None and not any(candidates) and ours.entry.key == _verb_hedge(quote):
        return []   # "officials estimate trade at $1.9 billion" for "an estimated $1.9 billion"
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


#: Function words that may stand before the counted noun ("26 more troops", "34 other people").
_MODIFIERS = frozenset(("more", "other", "such", "same", "all", "both", "some", "each", "less", "most"))


def _phrase(analysis: Analysis, end: int, size: int = 4) -> list[set[str]]:
    """The noun phrase a number counts: the words after it up to a function word or a mark, names left out.

    "14 Dawlah Islamiyah cells in Maguindanao" counts cells; "14 operations
    against ..." counts operations. Empty when the number is followed by a
    function word ("three of the suspects").
    """
    words: list[tuple[bool, set[str]]] = []
    for token in analysis.tokens:
        if token.start < end:
            continue
        if any(c in analysis.text[end:token.start] for c in ",;:.()!?\"") or len(words) >= size:
            break
        end = token.end
        if token.word in STOP:
            if words or token.word not in _MODIFIERS:
                break
            continue
        words.append((analysis.text[token.start].isupper(), set(token.lemmas)))
    common = [lemmas for capital, lemmas in words if not capital]
    return common if common else [lemmas for _, lemmas in words]


def counted_noun_problems(fact: object, text: Analysis, quote: Analysis, lexicon: Lexicon) -> list[Problem]:
    """The noun a count counts in the text is the one it counts in the quote."""
    mine, theirs = figure_spans(fact, text.text), figure_spans(fact, quote.text)
    if not mine or not theirs:
        return []
    ours = _phrase(text, mine[0][1]) or _window(text, mine[0][1])
    if not ours:
        return []
    groups = {(e.group, e.key) for lemmas in ours for lemma in lemmas for e in lexicon.index.get(lemma, ())
              if e.section == "subjects" and len(e.words) == 1}
    generic = set(lexicon.data.get("generic_counted") or ())
    vague = all(lemmas & generic for lemmas in ours)
    if vague:   # "killed 26 people": the verb says what is counted
        groups |= {(h.entry.group, h.entry.key) for h in text.section("subjects")}
    for span in theirs:
        window = _phrase(quote, span[1]) or _window(quote, span[1])
        if not window and groups & {(h.entry.group, h.entry.key) for h in anchor(quote, quote.section("subjects"), span)}:
            return []   # "injured 17." at the end: the verb before the number says what it counts
        if vague and window and all(lemmas & generic for lemmas in window):
            return []   # "34 other people" for "34 others"
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
