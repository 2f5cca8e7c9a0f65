"""Checks across a fact's own fields and across facts.

* The figures and dates printed in a fact's ``text`` must be the fact's own
  values (a text that prints "$7.4 billion" for a value of 7.3 billion, or
  "May 11" for a date of 2025-05-10, is an error).
* Two facts with the same ``metric`` and ``period`` must agree.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from briefing.text.normalize import normalize
from briefing.text.dates import find_dates, format_date
from briefing.text.figures import plain_number
from briefing.load.model import field_of
from briefing.text.currencies import currency_codes
from briefing.text.date_values import precision_of
from briefing.text.quantities import figures_in, find_counts, find_percents, find_quantities, find_ranges
from briefing.verify.rules import Problem

if TYPE_CHECKING:
    from briefing.load.model import Fact


def _own_values(fact: Fact) -> set[Decimal]:
    values: set[Decimal] = set()
    for name in ("value", "low", "high", "period", "from_", "to", "from_period"):
        value = field_of(fact, name, None)
        if value is not None:
            values.add(Decimal(value))
    if fact.kind == "percent" and fact.unit == "basis points":
        values.add(Decimal(fact.value) / 100)     # "50 basis points" is read as 0.5 percentage points
    if fact.kind == "statement":
        values.update(figure.value for figure in figures_in(normalize(fact.said), words=True))
    return values


def _date_is_own(fact: Fact, mention: Any) -> bool:
    """A printed date is the fact's own: its date or as_of (to the precision printed), or in its period.

    A date fact of month or year precision must be printed at that precision:
    a day printed for a month fact is not its own.
    """
    own = [d for d in (field_of(fact, "date", None), fact.as_of) if d is not None]
    fact_date = field_of(fact, "date", None)
    if fact_date is not None and precision_of(fact_date) != "day":
        order = ("year", "month", "day")
        if order.index(mention.precision) > order.index(precision_of(fact_date)) and \
                not (fact.as_of and mention.date == fact.as_of):
            return False
    if mention.precision == "day":
        return mention.date in own
    if mention.precision == "month":
        return any((d.year, d.month) == (mention.date.year, mention.date.month) for d in own) \
            or mention.date.year == field_of(fact, "period", None)
    return any(d.year == mention.date.year for d in own) or mention.date.year == field_of(fact, "period", None)


def _describe_values(fact: Fact) -> str:
    parts = []
    for name in ("value", "low", "high", "from_", "to", "from_period", "period"):
        value = field_of(fact, name, None)
        if value is not None:
            parts.append(f"{name.rstrip('_')} {plain_number(Decimal(value))}")
    if fact.kind == "date":
        parts.append(f"date {format_date(fact.date)}")
    return ", ".join(parts) or "no figures (a claim or statement prints none outside the words said)"


def _currencies(text: str) -> list[tuple[str, frozenset[str]]]:
    """(printed text, currency codes) of every money expression in a normalised text."""
    printed = [*find_quantities(text, words=_has_word_figures(text)), *find_ranges(text)]
    return [(p.text, p.codes) for p in printed if p.codes]


def _allowed_currencies(fact: Fact) -> tuple[set[str], str]:
    """The currencies a fact's text may print money in, and how to say so when another is printed."""
    unit = field_of(fact, "unit", None) if fact.kind in ("amount", "range", "change") else None
    if fact.kind == "statement":
        return ({code for _, codes in _currencies(normalize(fact.said)) for code in codes},
                "the words said print no such currency")
    allowed = set(currency_codes(unit) or ()) if unit else set()
    return allowed, (f"the fact's unit is {unit}" if unit else "the fact states no currency")


def _currency_problems(facts: list[Any], text: str) -> list[Problem]:
    """Money printed in the text in another currency than the facts' ("€7.3 billion" for a USD amount)."""
    if all(fact.kind == "claim" for fact in facts):
        return []   # a claim prints no figures at all; the figure check already says so
    money = _currencies(text)
    if not money:
        return []
    allowed: set[str] = set()
    want = "the facts it rests on state no such currency"
    for fact in facts:
        codes, why = _allowed_currencies(fact)
        allowed |= codes
        if len(facts) == 1:
            want = why
    return [Problem("text-disagrees", f"the text prints \"{printed}\" in {'/'.join(sorted(codes))}, but {want}: "
                    "make the text and the fields agree", "text")
            for printed, codes in money if not codes & allowed]


# A number in words is a figure outside count facts only with one of these after it.
_DIRECT_HINTS = ("half", "quarters?", "dozen")
_AFTER_NUMBER_HINTS = ("[mbtr]illion", "thousand", "hundred", "lakh", "crore", "per", "percent", "pc", "dollars?",
                       "rupees?", "euros?", "pounds?", "yen", "yuan", "riyals?", "dirhams?", "francs?", "taka")
_WORD_FIGURE_HINTS = re.compile(
    rf"(?i)\b(?:(?P<direct>{'|'.join(_DIRECT_HINTS)})|{'|'.join(_AFTER_NUMBER_HINTS)})\b")
#: A part of every hint word, lower case ("[mbtr]illion" -> "illion"): a cheap test before the regex.
_HINT_STEMS = tuple(re.sub(r"\[\w+\]|s\?$", "", hint) for hint in (*_DIRECT_HINTS, *_AFTER_NUMBER_HINTS))
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s-]+$")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand lakh million crore "
    "billion trillion a an".split())


@lru_cache(maxsize=4096)
def _has_word_figures(text: str) -> bool:
    """Whether a number word stands before a scale, percent or currency word ("six million", "twenty percent")."""
    lower = text.lower()
    if not any(stem in lower for stem in _HINT_STEMS):   # a plain substring search is cheaper than the regex
        return False
    for m in _WORD_FIGURE_HINTS.finditer(text):
        if m["direct"]:
            return True
        before = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if before is not None and before[1].lower() in _NUMBER_WORDS:
            return True
    return False


def _word_figures(text: str, count: bool) -> list[Any]:
    """Numbers written in words that the text prints as figures.

    In a count fact every number word; elsewhere only money, percentages and
    scaled numbers ("five million dollars", "twenty percent", "half a million"),
    so "the two sides" is no figure.
    """
    if not count and not _has_word_figures(text):
        return []                                    # no scale, percent or currency word: no figure in words
    found: list[Any] = [p for p in find_percents(text) if p.words]
    found += [q for q in find_quantities(text) if q.words and q.value is not None
              and (count or q.codes or q.value >= 1000)]
    if count:
        found += [c for c in find_counts(text) if not c.text[:1].isdigit()]
    return found


_DIGIT = re.compile(r"\d")
_LABEL_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w.-]*)\s?$")
_YEAR_TEXT = re.compile(r"(?:1[89]|2[01])\d\d")
_OWN_YEAR_CUE = re.compile(r"\b(?:in|for|during|of)\s+$")


def _context(fact: Fact, text: str, start: int, end: int, quotes: Sequence[str]) -> bool:
    """A figure of the text that is context the quote itself states, not a value of the fact.

    A year the quote states ("over 2023", "since 1947"; not "in 2023" when the
    fact has another period) or a label with its number ("Section 301").
    """
    printed = text[start:end]
    if not quotes:
        return False
    if _YEAR_TEXT.fullmatch(printed):
        if field_of(fact, "period", None) is not None and _OWN_YEAR_CUE.search(text[max(0, start - 9):start]):
            return False
        return any(re.search(rf"(?<![\d,.]){printed}(?![\d,])", q) for q in quotes)
    label = _LABEL_BEFORE.search(text[max(0, start - 30):start])
    if label and label.group(1)[0].isupper():
        phrase = f"{label.group(1)} {printed}"
        return any(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", q) for q in quotes)
    return False


def text_problems(fact: Fact, quotes: Sequence[str] = ()) -> list[Problem]:
    """Figures and dates in ``fact.text`` that are not the fact's own values (nor context ``quotes`` state)."""
    return figure_problems(fact.text, [fact], quotes=quotes)


def figure_problems(printed: str, facts: list[Any], names: list[str] | None = None,
                    quotes: Sequence[str] = ()) -> list[Problem]:
    """Figures and dates in ``printed`` that are none of ``facts``' own values.

    One rule for a fact's ``text`` (``facts`` is that fact) and for a
    bottom-line bullet (``facts`` are the facts it rests on, ``names`` their
    ids): a printed figure or date must be a value of one of them.
    """
    text = normalize(printed)   # the finders expect normalised text ("$6–8" is "$6-8")
    problems: list[Problem] = []
    covered: list[tuple[int, int]] = []
    if names:   # a bullet: name each fact it rests on with its values
        a_date, a_value = "a date of the facts it rests on", "a value of the facts it rests on"
    else:
        a_date, a_value = "this fact's date", "one of this fact's values"

    def described() -> str:   # only a problem needs it, and most texts have none
        if names:
            return "; ".join(f"{name}: {_describe_values(fact)}" for name, fact in zip(names, facts))
        return _describe_values(facts[0])
    # Year-less and relative dates in the text resolve against the (first) fact's own date.
    anchor = next((d for fact in facts if (d := field_of(fact, "date") or fact.as_of) is not None), None)
    for mention in find_dates(text, anchor):
        covered.append((mention.start, mention.end))
        if mention.date is None:
            if mention.note:
                problems.append(Problem("text-disagrees", f"the text prints \"{mention.text}\", which cannot be "
                                        f"read as one date ({mention.note}): print the date in full", "text"))
            continue
        if not any(_date_is_own(fact, mention) or _context(fact, text, mention.start, mention.end, quotes)
                   for fact in facts):
            problems.append(Problem("text-disagrees", f"the text prints \"{mention.text}\", which is not "
                                    f"{a_date} ({described()}): make the text and the fields agree", "text"))
    own: set[Decimal] = set()
    for fact in facts:
        own |= _own_values(fact)
        if fact.kind == "date":
            own.update({Decimal(fact.date.year), Decimal(fact.date.day)})
    figures: list[Any] = list(figures_in(text)) if _DIGIT.search(text) else []
    seen = {f.start for f in figures}
    for figure in _word_figures(text, any(fact.kind == "count" for fact in facts)):
        if figure.start not in seen:
            seen.add(figure.start)
            figures.append(figure)
    for figure in figures:
        if any(start <= figure.start < end for start, end in covered) or figure.value is None:
            continue
        if Decimal(figure.value) not in own and \
                not any(_context(fact, text, figure.start, figure.end, quotes) for fact in facts):
            problems.append(Problem("text-disagrees", f"the text prints \"{figure.text}\", which is not "
                                    f"{a_value} ({described()}): make the text and the fields agree", "text"))
    return problems + _range_problems(facts, text) + _currency_problems(facts, text)


def _range_problems(facts: list[Any], text: str) -> list[Problem]:
    """A range printed in a range fact's text must have both its bounds: "$8-8 trillion" is not 6-8 trillion.

    A bound that is not one of the facts' values at all is already reported
    with the other figures; a range that is exactly one of the facts' ranges
    (a bullet resting on two range facts) is fine.
    """
    ranges = [fact for fact in facts if fact.kind == "range"]
    exact = {(fact.low, fact.high) for fact in ranges}
    found = []
    for printed in find_ranges(text) if ranges else []:
        if (printed.low, printed.high) in exact:
            continue
        fact = next((f for f in ranges if {printed.low, printed.high} <= {f.low, f.high}), None)
        if fact is not None:
            found.append(Problem("text-disagrees", f"the text prints \"{printed.text}\", a range of "
                                 f"{plain_number(printed.low)} to {plain_number(printed.high)}, but the fact's range "
                                 f"is {plain_number(Decimal(fact.low))} to {plain_number(Decimal(fact.high))}: make "
                                 "the text and the fields agree", "text"))
    return found


def _metric_value(fact: Fact) -> Any:
    if fact.kind == "range":
        return (fact.low, fact.high)
    if fact.kind == "date":
        return fact.date
    return field_of(fact, "value", None)


def metric_conflicts(facts: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Pairs (earlier id, later id) of facts with one metric and period but different values."""
    first: dict[tuple[str, Any], str] = {}
    for ident, fact in facts.items():
        if fact.metric is None:
            continue
        key = (fact.metric, field_of(fact, "period", None))
        if key not in first:
            first[key] = ident
            continue
        other = facts[first[key]]
        mine, theirs = _metric_value(fact), _metric_value(other)
        if mine != theirs or field_of(fact, "unit", None) != field_of(other, "unit", None):
            yield first[key], ident
