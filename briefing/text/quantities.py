"""Numbers in text: money, quantities, percentages, ranges and counts.

Every finder works on text that is already normalised (NFKC, straight quotes,
every dash as "-", single spaces) and reports exact offsets. Values are
``Decimal`` scaled by their scale word, so "$7.3 billion" is ``7.3E+9``: it
equals 7300000000 and nothing else. One cached scan of a text
(:mod:`briefing.text.figure_scan`) serves all the finders; figures are
printed by :mod:`briefing.text.figures`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from briefing.text.currencies import currency_code, currency_codes
from briefing.text.figure_scan import Atom, exact_scale, scan_atoms, scan_word_atoms
from briefing.text.lexicon import scale_forms
from briefing.text.units import canonical_unit

#: Scale words and abbreviations to their multiplier (words in lower case).
SCALES: dict[str, int] = {**scale_forms()[2], **scale_forms()[1], **scale_forms()[0]}

__all__ = ["SCALES", "Count", "Figure", "Percent", "Quantity", "Range", "currency_code", "exact_scale", "figures_in",
           "find_counts", "find_percents", "find_quantities", "find_ranges", "parse_value", "unit_matches"]

_HYPHEN_GAP = re.compile(r"\s?-\s?")
_TO_GAP = re.compile(r" to ")
_AND_GAP = re.compile(r" and ")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A money or quantity expression.

    ``unit`` is an ISO code, a canonical unit ("tonne"), the noun after the
    number, the written currency when it names several ("Rs"), or None;
    ``codes`` are the currencies it may be in. ``unread`` is the part of the
    expression that was not understood: such a quantity proves nothing.
    """

    value: Decimal | None
    unit: str | None
    text: str
    start: int
    end: int
    codes: frozenset[str] | None = None
    unread: str | None = None
    words: bool = False


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage; ``points`` for "percentage points" / "pp" / basis points (read as hundredths of a point)."""

    value: Decimal | None
    points: bool
    text: str
    start: int
    end: int
    basis: bool = False
    words: bool = False


@dataclass(frozen=True, slots=True)
class Range:
    """A range with both bounds scaled; ``unit`` as for Quantity, or "percent"."""

    low: Decimal
    high: Decimal
    unit: str | None
    text: str
    start: int
    end: int
    codes: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A whole number written in digits or words."""

    value: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Figure:
    """One number printed in a text, as a value (a range gives one per bound)."""

    value: Decimal
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Scan:
    atoms: tuple[Atom, ...]            # numbers in digits
    ranges: tuple[Range, ...]


_VALUE = re.compile(r"^\s*([-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d{1,3})?|[-+]?\.\d+)\s*((?:[A-Za-z]+\s*){0,2})$")


def parse_value(raw: object) -> Decimal:
    """Parse a fact's ``value``: a number, or a number with scale words ("7.3 billion", "7.3bn", "3 lakh crore").

    Raises ValueError with a message fit for the user on anything else.
    """
    if isinstance(raw, bool):
        raise ValueError("expected a number such as 7.3 billion, not true/false")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueError("expected a finite number")
        return Decimal(repr(raw))
    if isinstance(raw, Decimal):
        return raw
    if not isinstance(raw, str):
        raise ValueError("expected a number such as 7.3 billion")
    match = _VALUE.match(raw)
    if not match:
        raise ValueError(f"expected a number with an optional scale word (7.3 billion), got {raw!r}")
    number, scales = match.groups()
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not a number") from None
    for scale in scales.split():
        factor = SCALES.get(scale) or SCALES.get(scale.lower())
        if factor is None:
            raise ValueError(f"unknown scale word {scale!r}: use thousand, million, billion, trillion, lakh "
                             "or crore")
        value = exact_scale(value, factor)
    return value


def _unit_of(a: Atom, text: str) -> str | None:
    if a.codes:
        return next(iter(a.codes)) if len(a.codes) == 1 else a.currency
    return a.pct or a.unit


def _range(a: Atom, b: Atom, text: str, start: int, hyphen: bool) -> Range | None:
    if a.value is None or b.value is None or a.unread or b.unread:
        return None
    if (a.codes and b.codes and not a.codes & b.codes) or ((a.codes or b.codes) and (a.pct or b.pct)):
        return None
    if (a.pct and b.pct and a.pct != b.pct) or (a.unit and b.unit and a.unit != b.unit):
        return None
    low, high = a.value, b.value
    if a.scaled is None and b.scaled and exact_scale(low, b.scaled) <= high:
        low = exact_scale(low, b.scaled)   # "$6-8 trillion": the scale belongs to both bounds
    bare = not (a.scaled or b.scaled or a.codes or b.codes or a.pct or b.pct or a.words or b.words)
    if hyphen and bare and 1000 <= low <= 2999 and low == low.to_integral() and len(text[b.start:b.end]) == 2:
        high = low // 100 * 100 + high     # "2024-25" is 2024 to 2025
        if high <= low:
            high += 100
    if low > high:
        return None
    codes = (a.codes & b.codes) if (a.codes and b.codes) else (a.codes or b.codes)
    end = b.noun_end if b.unit else b.end
    unit = _unit_of(b if (b.codes or b.pct or b.unit) else a, text)
    return Range(low, high, unit, text[start:end], start, end, codes)


def _gap_end(a: Atom, b: Atom) -> int:
    """Where the words between two numbers start: after a's unit when b repeats it ("44 mg to 50 mg")."""
    return a.noun_end if (a.unit and a.unit == b.unit) else a.end


@lru_cache(maxsize=4096)
def _scan(text: str) -> _Scan:
    atoms = scan_atoms(text)
    hyphen = [bool(_HYPHEN_GAP.fullmatch(text, x.end, y.start)) and not (x.words or y.words)
              for x, y in zip(atoms, atoms[1:])]
    linked_left = [False] + hyphen
    linked_right = hyphen + [False]
    ranges: list[Range] = []
    for i, (a, b) in enumerate(zip(atoms, atoms[1:])):
        start, gap = a.start, _gap_end(a, b)
        if hyphen[i] or _HYPHEN_GAP.fullmatch(text, gap, b.start):
            if linked_left[i] or linked_right[i + 1]:
                continue                   # a chain such as 2025-07-25 is not a range
            r = _range(a, b, text, start, True)
        elif _TO_GAP.fullmatch(text, gap, b.start):
            if text[max(0, start - 5):start].lower() == "from ":
                start -= 5
            r = _range(a, b, text, start, False)
        elif _AND_GAP.fullmatch(text, gap, b.start) and text[max(0, start - 8):start].lower() == "between ":
            r = _range(a, b, text, start - 8, False)
        else:
            continue
        if r is not None:
            ranges.append(r)
    final = tuple(
        replace(a, linked=True) if (linked_left[i] or linked_right[i]) else a
        for i, a in enumerate(atoms)
    )
    return _Scan(final, tuple(ranges))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[Atom, ...]:
    return tuple(scan_word_atoms(text, _scan(text).atoms))


def _atoms(text: str, words: bool) -> tuple[Atom, ...]:
    atoms = _scan(text).atoms
    if words and (extra := _words(text)):
        return tuple(sorted(atoms + extra, key=lambda a: a.start))
    return atoms


@lru_cache(maxsize=4096)
def _quantities(text: str, words: bool) -> tuple[Quantity, ...]:
    return tuple(
        Quantity(a.value, _unit_of(a, text), text[a.start:a.noun_end], a.start, a.noun_end, a.codes, a.unread,
                 a.words)
        for a in _atoms(text, words) if a.pct is None and not a.linked
    )


def find_quantities(text: str, words: bool = True) -> list[Quantity]:
    """Money and quantity expressions ("$7.3 billion", "Rs 3 lakh crore", "five million yen", "26 dead").

    With ``words=False`` only numbers written in digits (a cheaper scan).
    """
    return list(_quantities(text, words))


def find_percents(text: str, words: bool = True) -> list[Percent]:
    """Percentages ("29%", "29 per cent", "twenty percent"), percentage points ("3pp") and basis points."""
    return [
        Percent(a.value, a.pct == "percentage points", text[a.start:a.end], a.start, a.end, a.basis, a.words)
        for a in _atoms(text, words) if a.pct is not None and not a.linked and not a.unread
    ]


def find_ranges(text: str) -> list[Range]:
    """Ranges of numbers in digits: "$6-8 trillion", "$6 billion-$8 billion", "from 6 to 8 million", "44 mg to 50 mg"."""
    return list(_scan(text).ranges)


def find_counts(text: str, words: bool = True) -> list[Count]:
    """Whole numbers in digits ("26", "1,200", "2 million") or words ("eight", "twenty-six", "a dozen")."""
    return [
        Count(int(a.value), text[a.start:a.end], a.start, a.end)
        for a in _atoms(text, words)
        if a.value is not None and a.pct is None and a.codes is None and not a.linked and not a.unread
        and a.value == a.value.to_integral()
    ]


@lru_cache(maxsize=4096)
def _figures(text: str, words: bool) -> tuple[Figure, ...]:
    scan = _scan(text)
    spans: list[tuple[int, int, list[Figure]]] = [
        (r.start, r.end, [Figure(r.low, r.text, r.start, r.end), Figure(r.high, r.text, r.start, r.end)])
        for r in scan.ranges
    ]
    spans += [(a.start, a.end, [Figure(a.value, text[a.start:a.end], a.start, a.end)])
              for a in _atoms(text, words) if a.value is not None]
    spans.sort(key=lambda s: (s[0], s[0] - s[1]))
    chosen: list[Figure] = []
    reached = 0
    for start, end, figures in spans:
        if start >= reached:
            chosen += figures
            reached = end
    return tuple(chosen)


def figures_in(text: str, words: bool = False) -> list[Figure]:
    """Every number printed in ``text`` as a value, longest expression first on overlaps.

    Numbers in words are included only with ``words=True``.
    """
    return list(_figures(text, words))


def unit_matches(fact_unit: str, stated: str | Quantity | Range | None) -> bool:
    """Whether a fact's unit is the unit stated in a quote (currencies by code, units by canonical name)."""
    if stated is None:
        return False
    if isinstance(stated, str):
        stated_codes, stated_unit = currency_codes(stated), stated
    else:
        stated_codes, stated_unit = stated.codes, stated.unit
    fact_codes = currency_codes(fact_unit)
    if fact_codes or stated_codes:
        return bool(fact_codes and stated_codes and fact_codes & stated_codes)
    return stated_unit is not None and canonical_unit(fact_unit) == canonical_unit(stated_unit)
