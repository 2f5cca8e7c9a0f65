"""Units of measure written after a number: "291,890 metric tons", "1,200 MW", "2.80GHz", "a 45-acre farm".

The forms come from the lexicon (``units`` in lexicon.yaml): words match in
any case and in the plural; abbreviations match exactly as written ("MW" is
megawatts, "mW" is not read), glued to the number or spaced. Every form names
one canonical unit, so "tonnes" and "metric tons" are the same unit.
"""
from __future__ import annotations

import re
from functools import lru_cache

from briefing.text.lexicon import lexicon, singular


def _plural(phrase: str) -> list[str]:
    words = phrase.split(" ")
    i = words.index("per") - 1 if "per" in words and words.index("per") > 0 else len(words) - 1
    last = words[i]
    plural = last + ("es" if last.endswith(("ch", "sh", "x", "s")) else "s")
    return [" ".join(words[:i] + [plural] + words[i + 1:])]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], int]:
    """(lower-case word forms, exact abbreviations, most words in a form), each form to its unit."""
    words: dict[str, str] = {}
    abbr: dict[str, str] = {}
    for name, entry in lexicon()["units"].items():
        for form in [name.split(" (")[0], *entry.get("words", [])]:
            for variant in (form, *_plural(form)):
                words.setdefault(variant.lower(), name)
        for form in entry.get("abbr", []):
            abbr.setdefault(form, name)
    longest = max(len(f.split()) for f in [*words, *abbr])
    return words, abbr, longest


# A run of up to five unit-like tokens ("metric tons", "km/h", "°C", "sq. km").
_TOKEN = r"[A-Za-z°µ][A-Za-z°µ0-9/.²]*(?:-[A-Za-z][A-Za-z0-9]*)*"
_TOKENS = re.compile(rf"{_TOKEN}(?: {_TOKEN}){{0,4}}")


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """The first token of every unit form, lower-cased: a cheap test before the full lookup."""
    words, abbr, _ = _tables()
    firsts = {f.split(" ")[0].lower() for f in [*words, *abbr]}
    return frozenset(firsts | {f.split("-")[0] for f in firsts})


_FIRST = re.compile(r"[ -]?([A-Za-z°µ][A-Za-z°µ0-9/.²]*)")


def _first_token(text: str, pos: int) -> str:
    m = _FIRST.match(text, pos)
    return m[1].lower().rstrip(".,") if m else ""


def unit_after(text: str, pos: int) -> tuple[str, int] | None:
    """The canonical unit written at ``pos`` (right after a number) and where it ends, else None.

    An abbreviation may be glued ("10kg") or spaced ("10 kg"); a word needs a
    space or a hyphen ("10 tonnes", "45-acre"). The longest form wins.
    """
    words, abbr, longest = _tables()
    if _first_token(text, pos) not in _heads():
        return None
    for gap in ("", " ", "-"):
        if not text.startswith(gap, pos):
            continue
        m = _TOKENS.match(text, pos + len(gap))
        if m is None:
            continue
        tokens = m.group().split(" ")
        for n in range(min(longest, len(tokens)), 0, -1):
            form = " ".join(tokens[:n])
            for candidate in (form, form.rstrip(".,")):
                end = m.start() + len(candidate)
                if end < len(text) and (text[end].isalnum() or text[end] in "/°"):
                    continue
                if candidate in abbr and (gap != "-" or candidate not in ("C", "F")):
                    return abbr[candidate], end
                if gap and candidate.lower() in words:
                    return words[candidate.lower()], end
    return None


def canonical_unit(unit: str) -> str:
    """The canonical name of a fact's or a text's unit ("MW" -> "megawatt", "tonnes" -> "tonne", "troops" -> "troop")."""
    words, abbr, _ = _tables()
    stripped = " ".join(unit.split())
    if stripped in abbr:
        return abbr[stripped]
    if stripped.lower() in words:
        return words[stripped.lower()]
    parts = stripped.lower().split()
    if parts in (["%"], ["per", "cent"], ["pct"]):
        return "percent"
    return " ".join(singular(w) for w in parts)
