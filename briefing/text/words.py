"""Whole-word, case-insensitive matching of names, aliases, roles, places, units.

"Dar" matches "Dar's" and "FM Dar" but not "Darby"; "State Department
spokesperson" matches "state department spokesperson". Patterns are cached
because the same names are looked up in many quotes.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from briefing.text.normalize import normalize


@lru_cache(maxsize=8192)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = normalize(phrase).split()
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)


def has_phrase(text: str, phrase: str) -> bool:
    """True if ``phrase`` occurs in ``text`` as whole words, ignoring case."""
    if not phrase.strip():
        return False
    return _phrase_pattern(phrase).search(text) is not None


def has_any(text: str, phrases: Iterable[str]) -> bool:
    """True if any of ``phrases`` occurs in ``text`` as whole words."""
    return any(has_phrase(text, phrase) for phrase in phrases)


def missing_words(text: str, phrase: str) -> list[str]:
    """The words of ``phrase`` that do not occur in ``text`` as whole words."""
    return [word for word in normalize(phrase).split() if not has_phrase(text, word.strip(".,;:"))]


@lru_cache(maxsize=4096)
def _unit_pattern(unit: str) -> re.Pattern[str]:
    stem = re.escape(normalize(unit).strip().lower())
    singular = stem[:-1] if stem.endswith("s") and len(stem) > 3 else stem
    return re.compile(rf"(?<![\w])(?:{stem}|{singular}|{singular}s|{singular}es)(?![\w])", re.IGNORECASE)


def has_unit(text: str, unit: str) -> bool:
    """True if the unit noun occurs in ``text`` as a whole word, singular or plural."""
    return bool(unit.strip()) and _unit_pattern(unit).search(text) is not None
