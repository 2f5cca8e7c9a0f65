"""Numbers in text: money, quantities, percentages, ranges and counts.

Every finder works on text that is already normalised (NFKC, straight quotes,
every dash as "-", single spaces) and reports exact offsets. Values are
``Decimal`` scaled by their scale word, so "$7.3 billion" is ``7.3E+9``: it
equals 7300000000 and nothing else. One cached scan of a text serves all the
finders. Number words are found in :mod:`briefing.numwords`; figures are printed by
:mod:`briefing.display`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, Decimal, InvalidOperation, localcontext
from functools import lru_cache

#: Scale words and abbreviations, lower-case, to their multiplier.
SCALES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "trln": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7,
}

_ISO_CODES = frozenset(
    "USD EUR GBP JPY CNY INR PKR AUD CAD CHF HKD SGD AED SAR QAR KWD BDT AFN LKR NPR IRR "
    "RUB TRY KRW ZAR BRL MXN".split()
)
_CURRENCY_NAMES: dict[str, str] = {
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD",
    "a$": "AUD", "c$": "CAD", "hk$": "HKD", "s$": "SGD",
    "rs": "PKR", "rs.": "PKR", "rupee": "PKR", "rupees": "PKR",
    "€": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "sterling": "GBP", "pounds sterling": "GBP",
    "₹": "INR", "¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
}
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥", "PKR": "Rs "}

_CODES = "|".join(sorted(_ISO_CODES))
_PRE = rf"US\$|A\$|C\$|HK\$|S\$|\$|€|£|₹|¥|\bRs\.?|\b(?:{_CODES})\b"
_POST = rf"(?i:US\sdollars?|dollars?|rupees?|euros?|pounds\ssterling|yen|yuan|renminbi)\b|(?:{_CODES})\b"
# One number with its currency, scale and percent sign. Digits glued to
# letters ("G20", "COVID-19", "2000s", "21st"), slashes ("9/11") or colons
# ("1:30") are not numbers.
_ATOM = re.compile(
    rf"(?:(?P<pre>{_PRE})\s?|(?<![\w%.,)-])(?P<sign>-)|(?<![\w,/:])(?<![A-Za-z]-)(?<!\d\.))"
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![.,]\d)"
    r"(?:[\s-]?(?P<scale>(?i:thousand|million|billion|trillion|crores?|lakhs?))"
    r"|\s?(?P<abbr>(?i:mn|mln|bn|bln|tn|trn|trln))|(?P<glue>[kKmMbB]))?"
    r"(?:(?P<pct>\s?%|[\s-]?(?i:percentage[\s-]points?|per\scent|percent)\b|\s?pp\b)"
    rf"|(?![\w/:])(?:\s(?P<post>{_POST}))?)"
)
_DIGITS = re.compile(r"\d+")
# A currency or sign just before a digit run; searched only in the few characters before it.
_BEFORE = re.compile(rf"(?:{_PRE})\s?$|(?<![\w%.,)-])-$")
_NOUN = re.compile(r" ([a-z]+(?:-[a-z]+)*)\b")
_STOP = frozenset(
    "a an the and or but nor of in on at to for from by with as per than that this these those which who whom "
    "whose is was were are be been being has have had will would shall should can could may might must do does "
    "did it its into onto over under up down since after before during until about around against among between "
    "more less most least while when where if so also only just even still yet again then there here not no "
    "each every some any all both other another such same percent cent according compared versus vs via"
    .split()
)
_HYPHEN_GAP = re.compile(r"\s?-\s?")
_TO_GAP = re.compile(r" to ")
_AND_GAP = re.compile(r" and ")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A money or quantity expression; ``unit`` is an ISO code, a lower-case noun or None."""

    value: Decimal
    unit: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage; ``points`` for "percentage points" / "pp"."""

    value: Decimal
    points: bool
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Range:
    """A range with both bounds scaled; ``unit`` as for Quantity, or "percent"."""

    low: Decimal
    high: Decimal
    unit: str | None
    text: str
    start: int
    end: int


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
class _Atom:
    start: int
    end: int                 # end of the number expression, noun excluded
    value: Decimal
    scaled: int | None       # the scale multiplier, if one was written
    code: str | None         # ISO currency code
    pct: str | None          # "percent", "percentage points" or None
    noun: str | None
    noun_end: int
    linked: bool = False     # joined by a hyphen to another number ("6-8", "2025-07-25")


@dataclass(frozen=True, slots=True)
class _Scan:
    atoms: tuple[_Atom, ...]
    ranges: tuple[Range, ...]


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


_VALUE = re.compile(r"^\s*([-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d{1,3})?|[-+]?\.\d+)\s*([A-Za-z]+)?\s*$")


def parse_value(raw: object) -> Decimal:
    """Parse a fact's ``value``: a number, or a number with a scale word ("7.3 billion", "7.3bn").

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
        if not raw.is_finite():
            raise ValueError("expected a finite number")
        return raw
    if not isinstance(raw, str):
        raise ValueError("expected a number such as 7.3 billion")
    match = _VALUE.match(raw)
    if not match:
        raise ValueError(f"expected a number with an optional scale word (7.3 billion), got {raw!r}")
    number, scale = match.groups()
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not a number") from None
    if scale:
        factor = SCALES.get(scale.lower())
        if factor is None:
            raise ValueError(f"unknown scale word {scale!r}: use thousand, million, billion or trillion")
        value = exact_scale(value, factor)
    return value


def currency_code(word: str) -> str | None:
    """The ISO code of a currency symbol, word or code ("$", "Rs.", "rupees", "usd"), else None."""
    key = " ".join(word.split()).lower()
    if key.upper() in _ISO_CODES:
        return key.upper()
    return _CURRENCY_NAMES.get(key)


def _atom(m: re.Match[str], text: str) -> _Atom | None:
    pre, glue = m["pre"], m["glue"]
    if glue and not pre:
        return None                        # "100m" may be metres; only "$100m" is money
    value = Decimal(m["num"].replace(",", ""))
    scale_word = m["scale"] or m["abbr"] or glue
    scaled = SCALES[scale_word.lower()] if scale_word else None
    if scaled:
        value = exact_scale(value, scaled)
    if m["sign"]:
        value = value.copy_negate()
    pct = None
    if m["pct"]:
        written = m["pct"].strip(" -").lower()
        pct = "percentage points" if written == "pp" or "point" in written else "percent"
    code = currency_code(pre) if pre else None
    if code is None and m["post"]:
        code = currency_code(m["post"])
    noun, noun_end = None, m.end()
    if code is None and pct is None:
        nm = _NOUN.match(text, m.end())
        if nm and nm[1] not in _STOP:
            noun, noun_end = nm[1], nm.end()
    return _Atom(m.start(), m.end(), value, scaled, code, pct, noun, noun_end)


def _range(a: _Atom, b: _Atom, text: str, start: int, hyphen: bool) -> Range | None:
    if (a.code and b.code and a.code != b.code) or ((a.code or b.code) and (a.pct or b.pct)):
        return None
    if a.pct and b.pct and a.pct != b.pct:
        return None
    low, high = a.value, b.value
    if a.scaled is None and b.scaled and exact_scale(low, b.scaled) <= high:
        low = exact_scale(low, b.scaled)       # "$6-8 trillion": the scale belongs to both bounds
    bare = not (a.scaled or b.scaled or a.code or b.code or a.pct or b.pct)
    if hyphen and bare and 1000 <= low <= 2999 and low == low.to_integral() and len(text[b.start:b.end]) == 2:
        high = low // 100 * 100 + high     # "2024-25" is 2024 to 2025
        if high <= low:
            high += 100
    if low > high:
        return None
    unit = a.code or b.code or a.pct or b.pct or b.noun
    end = b.noun_end if (b.noun and unit == b.noun) else b.end
    return Range(low, high, unit, text[start:end], start, end)


def _atom_matches(text: str) -> list[re.Match[str]]:
    # Anchoring on digit runs is several times faster than _ATOM.finditer,
    # whose optional prefix defeats the regex engine's first-character scan.
    found: list[re.Match[str]] = []
    reached = 0
    for digits in _DIGITS.finditer(text):
        p = digits.start()
        if p < reached:
            continue
        before = _BEFORE.search(text, max(reached, p - 6), p)
        m = _ATOM.match(text, before.start()) if before else None
        if m is None or m.start("num") != p:
            m = _ATOM.match(text, p)
        if m is not None:
            found.append(m)
            reached = m.end()
    return found


@lru_cache(maxsize=4096)
def _scan(text: str) -> _Scan:
    atoms = [a for m in _atom_matches(text) if (a := _atom(m, text)) is not None]
    hyphen = [bool(_HYPHEN_GAP.fullmatch(text, x.end, y.start)) for x, y in zip(atoms, atoms[1:])]
    linked_left = [False] + hyphen
    linked_right = hyphen + [False]
    ranges: list[Range] = []
    for i, (a, b) in enumerate(zip(atoms, atoms[1:])):
        start = a.start
        if hyphen[i]:
            if linked_left[i] or linked_right[i + 1]:
                continue                   # a chain such as 2025-07-25 is not a range
            r = _range(a, b, text, start, True)
        elif _TO_GAP.fullmatch(text, a.end, b.start):
            if text[max(0, start - 5):start].lower() == "from ":
                start -= 5
            r = _range(a, b, text, start, False)
        elif _AND_GAP.fullmatch(text, a.end, b.start) and text[max(0, start - 8):start].lower() == "between ":
            r = _range(a, b, text, start - 8, False)
        else:
            continue
        if r is not None:
            ranges.append(r)
    final = tuple(
        _Atom(a.start, a.end, a.value, a.scaled, a.code, a.pct, a.noun, a.noun_end, True)
        if (linked_left[i] or linked_right[i]) else a
        for i, a in enumerate(atoms)
    )
    return _Scan(final, tuple(ranges))


def find_quantities(text: str) -> list[Quantity]:
    """Money and quantity expressions ("$7.3 billion", "Rs 500 crore", "26 dead", "2024")."""
    return [
        Quantity(a.value, a.code or a.noun, text[a.start:a.noun_end], a.start, a.noun_end)
        for a in _scan(text).atoms if a.pct is None and not a.linked
    ]


def find_percents(text: str) -> list[Percent]:
    """Percentages ("29%", "29 per cent", "-2%") and percentage points ("3pp")."""
    return [
        Percent(a.value, a.pct == "percentage points", text[a.start:a.end], a.start, a.end)
        for a in _scan(text).atoms if a.pct is not None and not a.linked
    ]


def find_ranges(text: str) -> list[Range]:
    """Ranges: "$6-8 trillion", "$6 billion-$8 billion", "from 6 to 8 million", "between 6 and 8"."""
    return list(_scan(text).ranges)




@lru_cache(maxsize=4096)
def _figures(text: str) -> tuple[Figure, ...]:
    scan = _scan(text)
    spans: list[tuple[int, int, list[Figure]]] = [
        (r.start, r.end, [Figure(r.low, r.text, r.start, r.end), Figure(r.high, r.text, r.start, r.end)])
        for r in scan.ranges
    ]
    spans += [(a.start, a.end, [Figure(a.value, text[a.start:a.end], a.start, a.end)]) for a in scan.atoms]
    spans.sort(key=lambda s: (s[0], s[0] - s[1]))
    chosen: list[Figure] = []
    reached = 0
    for start, end, figures in spans:
        if start >= reached:
            chosen += figures
            reached = end
    return tuple(chosen)


def figures_in(text: str) -> list[Figure]:
    """Every number printed in ``text`` as a value, longest expression first on overlaps."""
    return list(_figures(text))


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _canonical_unit(unit: str) -> str:
    words = unit.strip().lower().split()
    if words in (["%"], ["per", "cent"], ["pct"]):
        return "percent"
    return " ".join(_singular(w) for w in words)


def unit_matches(fact_unit: str, stated_unit: str | None) -> bool:
    """Whether a fact's unit is the unit stated in a quote (currencies by code, nouns by word)."""
    if stated_unit is None:
        return False
    fact_code, stated_code = currency_code(fact_unit), currency_code(stated_unit)
    if fact_code or stated_code:
        return fact_code == stated_code
    return _canonical_unit(fact_unit) == _canonical_unit(stated_unit)
