"""How figures are printed: "$7.3 billion", "29%", "$6-8 trillion", "7.3 billion".

One place decides the printed form of every figure, so the check's messages,
the document model and every writer print the same strings.
"""
from __future__ import annotations

from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext

from briefing.text.currencies import currency_code, symbol
from briefing.text.units import canonical_unit

_SCALE_WORDS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
#: A number whose plain form is longer than this is printed as 1e409 (a message stays readable).
LONGEST_PLAIN = 40


def _exact(value: Decimal) -> Decimal:
    """``value`` without trailing zeros, exactly (no rounding to 28 digits)."""
    with localcontext() as exact:
        exact.prec = max(28, len(value.as_tuple().digits))
        exact.Emax, exact.Emin = MAX_EMAX, MIN_EMIN
        return value.normalize()


def _short(value: Decimal, grouped: bool) -> str:
    """The plain form of ``value`` (``7.3``, ``7,300``), or ``1e409`` when that would be too long."""
    value = _exact(value)
    text = format(value, ",f" if grouped else "f")
    if len(text) <= LONGEST_PLAIN:
        return text
    sign, digits, exponent = value.as_tuple()
    mantissa = "".join(map(str, digits))
    shown = mantissa[0] + ("." + mantissa[1:16] + ("..." if len(mantissa) > 16 else "") if len(mantissa) > 1 else "")
    return f"{'-' if sign else ''}{shown}e{len(mantissa) - 1 + int(exponent)}"


def _plain(value: Decimal) -> str:
    return _short(value, grouped=True)


_WIDE = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def _over(value: Decimal, factor: int) -> Decimal:
    """``value / factor`` exactly, for a power-of-ten scale."""
    return value.scaleb(-(len(str(factor)) - 1), _WIDE)


def _scale_of(value: Decimal) -> tuple[int, str] | None:
    if value.is_finite() and value.adjusted() > 15:
        return None                           # beyond 9,999 trillion a scale word does not help: 1e409
    return next(((f, w) for f, w in _SCALE_WORDS if value.copy_abs() >= f), None)


def _body(value: Decimal) -> str:
    scale = _scale_of(value)
    return f"{_plain(_over(value.copy_abs(), scale[0]))} {scale[1]}" if scale else _plain(value.copy_abs())


def _money_prefix(unit: str | None) -> str | None:
    code = currency_code(unit) if unit else None
    return None if code is None else (symbol(code) or f"{code} ")


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
    if unit and canonical_unit(unit) == "percent":
        return f"{_plain(low)}-{_plain(high)}%"
    prefix = _money_prefix(unit)
    scale = _scale_of(high)
    if scale and scale == _scale_of(low) and low >= 0:
        body = f"{_plain(_over(low, scale[0]))}-{_plain(_over(high, scale[0]))} {scale[1]}"
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
    number = _over(value, scale[0]) if scale else value
    text = _short(number, grouped=False)
    return f"{text} {scale[1]}" if scale else text
