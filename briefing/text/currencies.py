"""Currencies: ISO codes, symbols and names, from Babel's CLDR data (shipped as ``currencies.json``)
plus the news prefixes and words in the lexicon.

"US$", "C$", "NZ$", "HK$", "S$", "Mex$", "R$" are each their own currency;
only a bare "$" is US dollars. "Rs" and "rupees" name any rupee (the fact's
unit says which); "Pakistani rupees" and "PKR" name one.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from briefing.text.lexicon import codes_of, lexicon, singular


def babel_tables() -> dict[str, object]:
    """Currencies in use today from Babel's CLDR data: codes, English symbols and English names.

    This is what ``currencies.json`` ships (``scripts/update_currencies.py``
    writes it; a test checks it against the installed Babel), so a check never
    pays for loading CLDR.
    """
    from babel import Locale
    from babel.core import get_global
    from babel.numbers import get_currency_name

    current = sorted({
        entry[0] for entries in get_global("territory_currencies").values() for entry in entries
        if entry[2] is None and (len(entry) < 4 or entry[3])
    })
    english = Locale("en")
    symbols = {code: english.currency_symbols[code] for code in current
               if english.currency_symbols.get(code, code) != code}
    names: dict[str, str] = {}
    for code in current:
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale=english).lower()
            if "(" not in name:
                names.setdefault(name, code)
    return {"codes": current, "symbols": symbols, "names": dict(sorted(names.items()))}


@lru_cache(maxsize=1)
def _babel() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    """(current ISO codes, code -> English symbol, lower-case English name -> code) as shipped."""
    data = json.loads(resources.files("briefing.text").joinpath("currencies.json").read_text(encoding="utf-8"))
    return frozenset(data["codes"]), data["symbols"], data["names"]


def iso_codes() -> frozenset[str]:
    """The ISO 4217 codes of the currencies in use today."""
    return _babel()[0]


@lru_cache(maxsize=1)
def _prefixes() -> dict[str, frozenset[str]]:
    table = {sym: frozenset([code]) for code, sym in _babel()[1].items()}
    table.update((p, codes_of(c)) for p, c in lexicon()["prefixes"].items())
    return table


@lru_cache(maxsize=1)
def _names() -> dict[str, frozenset[str]]:
    table = {name: frozenset([code]) for name, code in _babel()[2].items()}
    for name, codes in lexicon()["names"].items():
        table[name] = codes_of(codes)
    return table


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Every lower-case word that starts a currency name ("us", "pakistani", "rupees", "yen")."""
    firsts = {name.split()[0] for name in _names()}
    return frozenset(firsts | {w + "s" for w in firsts} | {w + "es" for w in firsts})


def prefix_codes(prefix: str) -> frozenset[str] | None:
    """The currencies a symbol or prefix written before a number names ("$", "C$", "Rs.", "PKR"), else None."""
    prefix = " ".join(prefix.split())
    if prefix in iso_codes():
        return frozenset([prefix])
    return _prefixes().get(prefix)


def name_codes(words: str) -> frozenset[str] | None:
    """The currencies a name written after a number names ("dollars", "Pakistani rupees", "yen"), else None."""
    key = " ".join(words.split()).lower()
    table = _names()
    if key in table:
        return table[key]
    parts = key.split()
    if parts:
        parts[-1] = singular(parts[-1])
        return table.get(" ".join(parts))
    return None


def currency_codes(word: str) -> frozenset[str] | None:
    """The currencies of a fact's unit or any written currency ("USD", "usd", "$", "rupees"), else None."""
    stripped = " ".join(word.split())
    if stripped.upper() in iso_codes():
        return frozenset([stripped.upper()])
    return prefix_codes(stripped) or name_codes(stripped)


def currency_code(word: str) -> str | None:
    """The one ISO code a currency symbol, word or code names ("$", "usd", "euros"); None if none or several."""
    codes = currency_codes(word)
    return next(iter(codes)) if codes is not None and len(codes) == 1 else None


def symbol(code: str) -> str | None:
    """The symbol the briefing prints before an amount in ``code`` ("$", "€", "Rs "), if it has one."""
    return _PRINTED.get(code)


# The printed forms; other currencies print their ISO code ("CAD 5 million").
_PRINTED = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥", "PKR": "Rs "}

# A dollar sign with letters glued before it ("Mex$", "Z$"); spaced forms ("HK $") only when known.
GLUED_DOLLAR = re.compile(r"[A-Z][A-Za-z]{0,3}\$$")
