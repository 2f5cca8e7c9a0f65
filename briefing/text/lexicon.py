"""The shipped lexical data (``lexicon.yaml``): scale words, currency prefixes and words, units, vague words.

Loaded once, on first use. Everything here is data a curator may read; the
readers in :mod:`briefing.text.quantities`, :mod:`briefing.text.units` and
:mod:`briefing.text.dates` only interpret it.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The parsed ``lexicon.yaml`` shipped inside the package."""
    text = resources.files("briefing.text").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)


def codes_of(entry: str | list[str]) -> frozenset[str]:
    """A lexicon entry's currency codes: one code or a list of them."""
    return frozenset([entry] if isinstance(entry, str) else entry)


@lru_cache(maxsize=1)
def scale_forms() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(words, abbreviations, money-only abbreviations) of scales, each form to its multiplier.

    Words are keyed in lower case; abbreviations exactly as written.
    """
    words: dict[str, int] = {}
    abbr: dict[str, int] = {}
    money: dict[str, int] = {}
    for entry in lexicon()["scales"].values():
        factor = 10 ** entry["exponent"]
        words.update((w.lower(), factor) for w in entry.get("words", []))
        abbr.update((a, factor) for a in entry.get("abbr", []))
        money.update((a, factor) for a in entry.get("money_abbr", []))
    return words, abbr, money


@lru_cache(maxsize=1)
def irregular_plurals() -> dict[str, str]:
    """Irregular plural -> singular ("feet" -> "foot")."""
    return dict(lexicon()["plurals"])


def singular(word: str) -> str:
    """The singular of an English noun, for matching units ("tonnes" -> "tonne", "barrels" -> "barrel")."""
    if word in irregular_plurals():
        return irregular_plurals()[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        return word[:-1]
    return word
