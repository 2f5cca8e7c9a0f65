"""How figures are printed: "$7.3 billion", "29%", "$6-8 trillion", "7.3 billion".

One place decides the printed form of every figure, so the check's messages,
the document model and every writer print the same strings.
"""
from __future__ import annotations

from decimal import Decimal

from briefing.text.quantities import _SYMBOLS, _canonical_unit, currency_code

_SCALE_WORDS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), ",f")


def _scale_of(value: Decimal) -> tuple[int, str] | None:
    return next(((f, w) for f, w in _SCALE_WORDS if abs(value) >= f), None)


def _body(value: Decimal) -> str:
    scale = _scale_of(value)
    return f"{_plain(abs(value) / scale[0])} {scale[1]}" if scale else _plain(abs(value))


def _money_prefix(unit: str | None) -> str | None:
    code = currency_code(unit) if unit else None
    return None if code is None else _SYMBOLS.get(code, f"{code} ")


def format_quantity(value: Decimal, unit: str | None = None) -> str:
    """Print an amount: 7.3E9 USD -> "$7.3 billion", 1200000 tonnes -> "1.2 million tonnes", 950 -> "950"."""
    sign = "-" if value < 0 else ""
    prefix = _money_prefix(unit)
    if prefix is not None:
        return f"{sign}{prefix}{_body(value)}"
    return f"{sign}{_body(value)} {unit}" if unit else f"{sign}{_body(value)}"


def format_percent(value: Decimal, points: bool = False) -> str:
    """Print a percentage: 29 -> "29%", 3 points -> "3 percentage points"."""
    if points:
        return f"{_plain(value)} percentage point{'' if abs(value) == 1 else 's'}"
    return f"{_plain(value)}%"


def format_range(low: Decimal, high: Decimal, unit: str | None = None) -> str:
    """Print a range: "$6-8 trillion" when both ends share a scale, else "$500 million-$2 billion"."""
    if unit and _canonical_unit(unit) == "percent":
        return f"{_plain(low)}-{_plain(high)}%"
    prefix = _money_prefix(unit)
    scale = _scale_of(high)
    if scale and scale == _scale_of(low) and low >= 0:
        body = f"{_plain(low / scale[0])}-{_plain(high / scale[0])} {scale[1]}"
    elif prefix is not None:
        return f"{format_quantity(low, unit)}-{format_quantity(high, unit)}"
    else:
        body = f"{format_quantity(low)}-{format_quantity(high)}"
    if prefix is not None:
        return f"{prefix}{body}"
    return f"{body} {unit}" if unit else body


def plain_number(value: Decimal) -> str:
    """A value as a curator writes it: 7.3E9 -> "7.3 billion", 29 -> "29"."""
    scale = _scale_of(value)
    number = value / scale[0] if scale else value
    text = format(number.normalize(), "f")
    return f"{text} {scale[1]}" if scale else text
