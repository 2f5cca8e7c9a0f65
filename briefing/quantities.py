"""Numbers in text: money, quantities, percentages, ranges and counts.

(Skeleton: parse_value only; the finders are being written.)
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

#: Scale words and abbreviations, lower-case, to their multiplier.
SCALES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12,
}

_VALUE = re.compile(r"^\s*([-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+)\s*([A-Za-z]+)?\s*$")


def parse_value(raw: object) -> Decimal:
    """Parse a fact's ``value``: a number, or a number with a scale word ("7.3 billion").

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
    number, scale = match.groups()
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not a number") from None
    if scale:
        factor = SCALES.get(scale.lower())
        if factor is None:
            raise ValueError(f"unknown scale word {scale!r}: use thousand, million, billion or trillion")
        value *= factor
    return value
