"""Numbers written in words: "eight", "twenty-six", "a dozen", "five million", "three-quarters of a billion".

This module finds where number words are and what they are worth; the
quantity scan (:mod:`briefing.text.quantities`) reads what follows them
(a currency, "percent", a unit). Values are computed by text2num; "a", "dozen",
fractions and the South Asian "lakh" and "crore" are read here around it.
A fraction that is not an exact decimal ("a third of a billion") is not read.
Words that say "many" without a number ("dozens", "hundreds of") are found
by :func:`find_vague` so a finding can say why they prove nothing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from text_to_num import text2num

from briefing.text.lexicon import lexicon

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_BIG = {"thousand": 10**3, "lakh": 10**5, "lakhs": 10**5, "million": 10**6, "crore": 10**7, "crores": 10**7,
        "billion": 10**9, "trillion": 10**12}
_FRACTIONS: dict[str, Decimal | None] = {
    "half": Decimal("0.5"), "quarter": Decimal("0.25"), "three-quarters": Decimal("0.75"), "fifth": Decimal("0.2"),
    "tenth": Decimal("0.1"), "third": None, "two-thirds": None,    # a third is no exact decimal: never read
}
_FRACTION_WORDS = r"half|quarter|three[\s-]quarters?|fifth|tenth|third|two[\s-]thirds"


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_UPTO99 = rf"(?:(?:{_alt(_TENS)})(?:[\s-](?:{_alt(_UNITS[1:10])}))?|{_alt(_UNITS)})"
#: A regex for the numbers one to ninety-nine in words ("two", "twenty-one").
UP_TO_99 = _UPTO99
_NUMBER_TOKENS = frozenset([*_UNITS, *_TENS, "hundred", "dozen", *_BIG])
# One token of a run of number words: a word, "twenty-six", or the "and"/"," between groups.
_TOKEN = re.compile(rf"(?i:(?:{_alt(_TENS)})-(?:{_alt(_UNITS[1:10])})\b)|[A-Za-z]+|,? and |,? ")
_SCALE = r"(?:million|billion|trillion|lakh|crore)"
_FRACTION = re.compile(
    rf"(?i)(?:(?P<whole>{_UPTO99})\sand\s(?:a\s|one[\s-])?(?P<part>{_FRACTION_WORDS})\s(?P<s1>{_SCALE})"
    rf"|(?:a\s|one[\s-])?(?P<frac>{_FRACTION_WORDS})\s(?:of\s)?(?:an?|one)\s(?P<s2>{_SCALE}))\b"
)
_TRIGGERS = (*_UNITS, *_TENS, "hundred", "dozen", *_BIG, "half", "quarter", "quarters", "third", "thirds",
             "fifth", "tenth")
_FRACTION_AFTER = re.compile(r"(?i)[\s-](?:thirds?|quarters?|fifths?|tenths?|halves|sixths?|eighths?)\b")
_ARTICLE = re.compile(r"(?<![\w])(?i:an?|one) $")


_STARTS = re.compile(rf"(?<![a-z0-9])(?:{_alt(_TRIGGERS)})(?![a-z0-9])")


def _word_starts(text: str) -> list[int]:
    """Where number words start; one scan of the lower-cased text."""
    low = text.lower()
    if len(low) != len(text):  # a rare character changes length when lower-cased
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return [m.start() for m in _STARTS.finditer(low)]


def _run(text: str, start: int) -> tuple[int, int, Decimal] | None:
    """The longest well-formed run of number words from ``start`` ("two hundred and fifty thousand")."""
    ends: list[int] = []
    pos, first = start, True
    while (m := _TOKEN.match(text, pos)) is not None:
        token = m.group().lower()
        if token[0].isalpha():
            ok = "-" in token or token in _NUMBER_TOKENS
            if not ok and not (first and token in ("a", "an", "one")):
                break
            ends.append(m.end())
            first = False
        elif not ends:
            break
        pos = m.end()
    for end in reversed(ends):
        if end < len(text) and text[end].isalnum():
            continue
        value = _plain_value(text[start:end])
        if value is not None and not (text[start:end].lower() in ("a", "an")):
            return start, end, value
    return None


def _plain_value(words: str) -> Decimal | None:
    """The value of one run of number words, or None if it is not a well-formed number."""
    tokens = [t for t in re.split(r"[\s,]+", words.lower().replace("-", " ")) if t]
    if tokens and tokens[0] in ("a", "an"):
        tokens[0] = "one"
    if tokens and tokens[-1] == "dozen":
        head = _plain_value(" ".join(tokens[:-1])) if len(tokens) > 1 else Decimal(1)
        return None if head is None else head * 12
    total, start = Decimal(0), 0
    for i, token in enumerate(tokens):     # text2num knows neither lakh nor crore: split there
        if token in ("lakh", "lakhs", "crore", "crores"):
            if i == start and total:
                total *= _BIG[token]        # "three lakh crore": the second scale multiplies
            else:
                head = _plain_value(" ".join(tokens[start:i])) if i > start else Decimal(1)
                if head is None:
                    return None
                total += head * _BIG[token]
            start = i + 1
    rest = tokens[start:]
    if rest and rest[0] == "and":
        rest = rest[1:]
    if not rest:
        return total if start else None
    try:
        return total + Decimal(text2num(" ".join(rest), "en"))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def number_words(text: str) -> tuple[tuple[int, int, Decimal | None], ...]:
    """(start, end, value) of every number written in words in ``text``, longest reading first.

    The value is None for a fraction that has no exact decimal ("a third of a
    billion"): the span is a number, but not one that can prove anything.
    """
    found: list[tuple[int, int, Decimal | None]] = []
    reached = 0
    for start in _word_starts(text):
        if start < reached:
            continue
        first = start
        if article := _ARTICLE.search(text, max(reached, start - 4), start):
            first = article.start()             # "a dozen", "a hundred", "one and a half"
        m = _FRACTION.match(text, first) or _FRACTION.match(text, start)
        if m is not None:
            scale = _BIG[(m["s1"] or m["s2"]).lower()]
            part = _FRACTIONS[_frac_key(m["frac"] or m["part"])]
            whole = Decimal(0) if m["frac"] else _plain_value(m["whole"])
            value = None if part is None or whole is None else (whole + part) * scale
            found.append((m.start(), m.end(), value))
            reached = m.end()
            continue
        span = _run(text, first) or _run(text, start)
        if span is not None:
            if fraction := _FRACTION_AFTER.match(text, span[1]):
                span = (span[0], fraction.end(), None)     # "two-thirds of voters" is no count of two
            found.append(span)
            reached = span[1]
    return tuple(found)


def _frac_key(word: str) -> str:
    key = word.lower().replace(" ", "-")
    return "three-quarters" if key.startswith("three") else "two-thirds" if key.startswith("two") else key


@lru_cache(maxsize=1)
def _vague_pattern() -> re.Pattern[str]:
    words = sorted(lexicon()["vague"], key=len, reverse=True)
    return re.compile(rf"(?i)(?<![\w])(?:{'|'.join(re.escape(w) for w in words)})(?![\w])")


def find_vague(text: str) -> list[str]:
    """Words in ``text`` that say "many" without a number ("dozens", "hundreds of", "several")."""
    return list(dict.fromkeys(m.group() for m in _vague_pattern().finditer(text)))
