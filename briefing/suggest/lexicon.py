"""The shipped word lists of `briefing suggest` (``lexicon.yaml`` beside this module)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The parsed ``lexicon.yaml``: word lists keyed by name (read once)."""
    text = resources.files("briefing.suggest").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """One word list of the lexicon as a set of lower-case words."""
    listed = lexicon()[name]
    if not all(isinstance(word, str) for word in listed):   # an unquoted "on" or "no" reads as a boolean
        raise ValueError(f"lexicon.yaml: every word of `{name}` must be a string")
    return frozenset(word.lower() for word in listed)


def countries() -> dict[str, str]:
    """Country words ("us", "pakistan's", "pakistani") to the country they name."""
    return lexicon()["countries"]


def topic_keywords() -> dict[str, list[str]]:
    """Section words ("trade") to the keywords that tie a fact to that section."""
    return lexicon()["topic_keywords"]
