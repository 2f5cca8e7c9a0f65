"""The one scan of a text for numbers, shared by every finder in :mod:`briefing.text.quantities`.

Each number (digits, or words from :mod:`briefing.text.numwords`) is read
with everything written around it: a currency before or after it, scale words
("3 lakh crore", "$5bn", "$5MM"), a percent, a unit, or the noun it counts.
A reading that leaves part of the expression unread records that part in
``unread`` ("Z$", "a third of a billion"): such a figure proves nothing and
the finding names the part. Text arrives normalised (NFKC, straight quotes,
every dash as "-", single spaces).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import MAX_EMAX, MIN_EMIN, Decimal, localcontext

from briefing.text.currencies import GLUED_DOLLAR, iso_codes, name_codes, name_words, prefix_codes
from briefing.text.lexicon import lexicon, scale_forms
from briefing.text.numwords import number_words
from briefing.text.units import unit_after

# South Asian grouping (12,34,567 and 1,00,000) first, then western (1,234,567), then plain digits.
_NUM = re.compile(r"(?:\d{1,2}(?:,\d\d)+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![.,]\d|\d)")
_DIGITS = re.compile(r"\d+")
_PREFIX = re.compile(r"(?:(?P<letters>[A-Z][A-Za-z]{0,3})(?P<space> ?))?(?P<sign>[$€£₹¥₨₩₱₪₫])$"
                     r"|(?P<word>[A-Z][A-Za-z]{0,3}\.?)$")
_SIGNS = frozenset("$€£₹¥₨₩₱₪₫")
_WORD_AFTER = re.compile(r"[ -]?([A-Za-z]+)")
_PCT_HEADS = ("per", "pct", "pc", "pp", "bp", "basis")
_TRAILING = frozenset("%€£¥₹°µ/:_")
_UNIT_HYPHEN = re.compile(r"\d ?[A-Za-z°]{1,5}-$")
_NOUN = re.compile(r"[ -]([a-z]+(?:-[a-z]+)*)\b")
_STOP = frozenset(
    "a an the and or but nor of in on at to for from by with as per than that this these those which who whom "
    "whose is was were are be been being has have had will would shall should can could may might must do does "
    "did it its into onto over under up down since after before during until about around against among between "
    "more less most least while when where if so also only just even still yet again then there here not no "
    "each every some any all both other another such same percent cent according compared versus vs via year "
    "years month months week weeks day days ago".split()
)


def exact_scale(value: Decimal, factor: int) -> Decimal:
    """``value * factor`` exactly: no rounding to the decimal context's 28 digits.

    "7.30000000000000000000000000001 billion" stays that precise, so it is
    never equal to the "$7.3 billion" of a quote.
    """
    if not value.is_finite():
        return value
    with localcontext() as exact:
        exact.prec = len(value.as_tuple().digits) + len(str(factor)) + 2
        exact.Emax, exact.Emin = MAX_EMAX, MIN_EMIN
        return value * factor


@dataclass(slots=True)
class Atom:
    """One number as read: its value, span and what was written around it (read-only by convention:
    atoms are built in bulk, and a frozen dataclass costs a third more to build)."""

    start: int
    end: int                          # end of the figure expression, noun excluded
    value: Decimal | None             # None when the number cannot be read exactly
    scaled: int | None                # the scale multiplier, if one was written
    codes: frozenset[str] | None      # the currencies it may be in
    pct: str | None                   # "percent", "percentage points" or None
    unit: str | None                  # a canonical unit ("tonne") or the noun after it ("troops")
    noun_end: int
    words: bool = False               # written in words ("five million")
    unread: str | None = None         # the part of the expression that was not understood
    linked: bool = False              # joined by a hyphen to another number ("6-8", "2025-07-25")
    basis: bool = False               # written in basis points
    currency: str | None = None       # the currency as written ("Rs", "rupees", "C$")


def _pattern(forms: list[str], exact: bool, before: str) -> re.Pattern[str]:
    body = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"{before}(?:{body})(?![A-Za-z])" if exact else rf"{before}(?i:{body})(?![A-Za-z])")


_WORDS, _ABBR, _MONEY = scale_forms()
_SCALE_WORD = _pattern(list(_WORDS), False, r"[\s-]?")
_SCALE_ABBR = _pattern(list(_ABBR), True, r" ?")
_SCALE_MONEY = _pattern(list(_MONEY), True, r" ?")
_NEXT_SCALE = _pattern(list(_WORDS), False, r"\s")
_PCT = lexicon()["percent"]
_POINTS = _pattern(_PCT["points"], False, r"[\s-]?")
_BASIS = _pattern(_PCT["basis"], False, r"[\s-]?")
_PERCENT = re.compile(r"\s?%|" + _pattern([p for p in _PCT["percent"] if p not in ("%", "pc")], False,
                                          r"[\s-]?").pattern + r"|pc(?![A-Za-z])")
_POST_CODE = re.compile(r" ?([A-Z]{3})(?![A-Za-z])")
_POST_SIGN = re.compile(r" ?([€£¥₹])")
_POST_NAME = re.compile(r" ([A-Za-z]+)(?: ([A-Za-z]+))?(?: ([A-Za-z]+))?")


def _prefix(text: str, start: int) -> tuple[int, frozenset[str] | None, str | None]:
    """The currency written just before ``start``: (its start, its codes, an unknown prefix).

    The prefix as written is ``text[start_of_prefix:start].strip()``.
    """
    i = start - 1 if start and text[start - 1] != " " else start - 2
    if i < 0:
        return start, None, None
    c = text[i]
    if c not in _SIGNS:
        if not (c.isalpha() or c == "."):
            return start, None, None                  # most numbers: "(2024", "- 26"
        j = i - 1 if c == "." else i
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        if j < 0 or not text[j].isupper() or i - j > 4:
            return start, None, None                  # "was 26", "in 1947": a prefix is a capitalised short word
    window = text[max(0, start - 7):start]
    m = _PREFIX.search(window.rstrip(" ")) if window else None
    if m is None or (window.endswith(" ") and m["sign"] is None and m["word"] is None):
        return start, None, None
    begin = start - len(window) + m.start()
    if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "$"):
        return start, None, None
    if m["word"]:
        codes = prefix_codes(m["word"])
        return (begin, codes, None) if codes else (start, None, None)
    written = window[m.start():].rstrip(" ")
    codes = prefix_codes(written)
    if codes:
        return begin, codes, None
    if m["letters"] and not m["space"] and GLUED_DOLLAR.fullmatch(written):
        return begin, None, written                  # "Z$ 5 million": a dollar this fact cannot be checked against
    sign_at = start - len(window) + m.start("sign")
    return sign_at, prefix_codes(m["sign"]), None


def _post_currency(text: str, pos: int) -> tuple[frozenset[str], int, str] | None:
    """The currency written just after a number: (its codes, its end, as written)."""
    if m := _POST_CODE.match(text, pos):
        if m[1] in iso_codes():
            return frozenset([m[1]]), m.end(), m[1]
    if m := _POST_SIGN.match(text, pos):
        return prefix_codes(m[1]) or frozenset(), m.end(), m[1]
    if (m := _POST_NAME.match(text, pos)) and m[1].lower() in name_words():
        words = [w for w in m.groups() if w]
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if codes := name_codes(name):
                return codes, pos + 1 + len(name), name
    return None


def _compound(first: int, second: int) -> bool:
    """Whether two scale words in a row multiply: "lakh crore", "thousand crore", "hundred thousand"."""
    crore, lakh = _WORDS["crore"], _WORDS["lakh"]
    return first < second and (second == crore or first in (100, 1000) or (first == lakh and second == crore))


def _scale(text: str, pos: int, money: bool) -> tuple[int | None, int, str | None, bool]:
    """(multiplier, end, unread scale word, whether a money-only abbreviation was used) after a number."""
    m = _SCALE_WORD.match(text, pos) or _SCALE_ABBR.match(text, pos)
    money_abbr = False
    if m is None:
        m = _SCALE_MONEY.match(text, pos)
        if m is None:
            return None, pos, None, False
        money_abbr = True
    form = m.group().lstrip(" -")
    factor = _WORDS.get(form.lower()) if form.lower() in _WORDS else _ABBR.get(form) or _MONEY[form]
    end = m.end()
    while (nxt := _NEXT_SCALE.match(text, end)) is not None:
        more = _WORDS[nxt.group().strip().lower()]
        if not _compound(factor, more):
            return factor, end, nxt.group().strip(), money_abbr
        factor, end = factor * more, nxt.end()        # "3 lakh crore", "5 thousand crore"
    return factor, end, None, money_abbr


_SCALE_HEADS = frozenset([*_WORDS, *(a.lower() for a in _ABBR), *(a.lower() for a in _MONEY)])
_HEAD = re.compile(r"[ -]?([A-Za-z]+)")


def _scale_head(text: str, pos: int) -> str:
    m = _HEAD.match(text, pos)
    return m[1].lower() if m else ""


def _follows(text: str, pos: int) -> str:
    """The first character after a number, past one space or hyphen, if it may start a scale, percent or unit."""
    c = text[pos:pos + 1]
    if c in (" ", "-"):
        c = text[pos + 1:pos + 2]
    return c if c and (c.isalpha() or c in _TRAILING) else ""


def _read(text: str, start: int, end: int, value: Decimal | None, words: bool) -> Atom | None:
    """Read what is written around one number that spans ``start:end``."""
    begin, codes, unread = _prefix(text, start)
    if codes is None and unread is None and not words:
        before = text[start - 1:start]
        if before and (before.isalnum() or before in ",/:_" or text[max(0, start - 2):start] == ".."):
            return None
        if before == "-" and start > 1 and text[start - 2].isalpha() and not _UNIT_HYPHEN.search(
                text, max(0, start - 12), start):
            return None                               # "COVID-19", "JF-17"; but "10kg-15kg" is a range
        if before == "." and start > 1 and text[start - 2].isdigit():
            return None
        if before == "-" and (start < 2 or not (text[start - 2].isalnum() or text[start - 2] in "%.,)")):
            begin, value = start - 1, value.copy_negate() if value is not None else None
    if codes and text.startswith("/-", end):          # "Rs. 5,00,000/-": the South Asian "and no paise"
        return Atom(begin, end + 2, value, None, codes, None, None, end + 2, words, unread,
                    currency=text[begin:start].strip(" -"))
    follows = _follows(text, end)
    if not follows:                                   # "in 2024," "2024.": nothing written after the number
        after = text[end:end + 1]
        if after and (after.isalnum() or after in "/:_"):
            return None
        return Atom(begin, end, value, None, codes, None, None, end, words, unread,
                    currency=text[begin:start].strip(" -") if codes else None)
    if words or not (text[end:end + 1].isalpha() or _scale_head(text, end) in _SCALE_HEADS):
        scaled, pos, dangling, money_abbr = None, end, None, False
    else:
        scaled, pos, dangling, money_abbr = _scale(text, end, codes is not None)
    if scaled and value is not None:
        value = exact_scale(value, scaled)
    unread = unread or dangling
    pct: str | None = None
    basis = False
    unit: str | None = None
    noun_end = pos
    word = _WORD_AFTER.match(text, pos)
    head = word[1].lower() if word else ""
    sign = text[pos + 1] if text.startswith(" ", pos) and pos + 1 < len(text) else text[pos:pos + 1]
    if sign == "%" or head.startswith(_PCT_HEADS):
        if m := _POINTS.match(text, pos):
            pct, pos = "percentage points", m.end()
        elif m := _BASIS.match(text, pos):
            pct, basis, pos = "percentage points", True, m.end()
            value = value.scaleb(-2) if value is not None else None
        elif m := _PERCENT.match(text, pos):
            pct, pos = "percent", m.end()
    currency = text[begin:start].strip(" -") if codes else None
    if pct is None and codes is None and unread is None and (sign in _SIGNS or head in name_words() or (
            word is not None and word[1] in iso_codes())):
        if post := _post_currency(text, pos):
            codes, pos, currency = post
    if money_abbr and codes is None:
        return None                                   # "100m" alone may be metres; only "$100m" is money
    noun_end = pos
    if pct is None and codes is None:
        if found := unit_after(text, pos):
            unit, noun_end = found
        elif (nm := _NOUN.match(text, pos)) and nm[1] not in _STOP:
            unit, noun_end = nm[1], nm.end()
    after = text[noun_end:noun_end + 1] if unit else text[pos:pos + 1]
    if after and (after.isalnum() or after in "/:_"):
        return None                                   # "2000s", "21st", "9/11", "1:30", "G20"
    return Atom(begin, pos, value, scaled, codes, pct, unit, max(pos, noun_end), words, unread, basis=basis,
                currency=currency)


def scan_atoms(text: str) -> list[Atom]:
    """Every number written in digits in ``text`` as read, in order."""
    atoms: list[Atom] = []
    reached = 0
    for digits in _DIGITS.finditer(text):
        p = digits.start()
        if p < reached:
            continue
        m = _NUM.match(text, p)
        if m is None:
            reached = digits.end()
            continue
        atom = _read(text, p, m.end(), Decimal(m.group().replace(",", "")), False)
        reached = m.end()
        if atom is not None:
            atoms.append(atom)
            reached = atom.end
    return atoms


def scan_word_atoms(text: str, digit_atoms: list[Atom] | tuple[Atom, ...]) -> list[Atom]:
    """Every number written in words in ``text`` as read (``words=True``), outside the digit numbers."""
    spans = [(a.start, a.noun_end) for a in digit_atoms]
    atoms: list[Atom] = []
    for start, end, value in number_words(text):
        if any(s < end and start < e for s, e in spans):
            continue                                  # the "billion" of "$7.3 billion" is not a number of its own
        atom = _read(text, start, end, value, True)
        if atom is not None:
            if value is None:
                atom = replace(atom, unread=text[start:end])
            atoms.append(atom)
    return atoms
