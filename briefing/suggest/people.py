"""People named with a role ("US Secretary of State Marco Rubio") as candidate people entries.

Three shapes of news writing are read, with the role words of the shipped
lexicon: a title before the name ("Finance Minister Muhammad Aurangzeb",
"Pakistan's foreign minister Ishaq Dar"), a title and a comma before it
("Pakistan's Ambassador to the US, Rizwan Saeed Sheikh") and an apposition after
it ("Elizabeth Horst, a former senior State Department official"). A leading
country word ("US", "Pakistan's", "Pakistani") becomes ``country`` and leaves
the role. A name is two to four capitalised words that are not role words,
places or organisations. A surname the source also uses on its own ("Bruce")
becomes an alias, so statements attributed to it are credited.
"""
from __future__ import annotations

import re
from typing import Iterator

from briefing.suggest.lexicon import countries, words
from briefing.suggest.model import PersonDraft
from briefing.suggest.sentences import Layout

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]\.?|[A-Za-z]\.?|/|&|[^\sA-Za-z]")
_CONNECTORS = frozenset(["of", "and", "to", "the", "for", "/", "&"])
_ARTICLES = frozenset(["a", "an", "the"])


def _bare(token: str) -> str:
    return token.lower().removesuffix("'s").rstrip(".")


def _country(token: str) -> str | None:
    """The country a word names ("US", "U.S.", "Pakistan's", "Pakistani"), else None."""
    table = countries()
    low = token.lower()
    for key in (low, low.rstrip("."), _bare(token), _bare(token) + "."):
        if key in table:
            return table[key]
    return None


def _is_role(token: str) -> bool:
    low = token.lower().rstrip(".")
    return low in words("role_heads") or low in words("role_modifiers") or low in _CONNECTORS


def _is_name(token: str) -> bool:
    bare = token.rstrip(".").removesuffix("'s")
    return (bool(re.fullmatch(r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*", bare)) and not _is_role(bare)
            and bare.lower() not in words("not_names") and _country(bare) is None)


Token = tuple[str, int, int]


def _role_words(tokens: list[Token]) -> tuple[list[Token], str | None]:
    """A role run without its leading connectors and country word; and the country it named."""
    country = None
    while tokens and (tokens[0][0].lower() in _CONNECTORS or _country(tokens[0][0])):
        if country is None and tokens[0][0].lower() not in _CONNECTORS:
            country = _country(tokens[0][0])
        tokens = tokens[1:]
    while tokens and tokens[-1][0].lower() in _CONNECTORS:
        tokens = tokens[:-1]
    if not any(t[0].lower().rstrip(".") in words("role_heads") for t in tokens):
        return [], None
    return tokens, country


def person_drafts(layout: Layout, source_id: str) -> Iterator[PersonDraft]:
    """Every person named with a role in the source, the occurrence with the fullest role first."""
    text = layout.text
    found: dict[str, PersonDraft] = {}
    for sentence in layout.sentences:
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, sentence.start, sentence.end)]
        i = 0
        while i < len(tokens):
            j = i
            while j < len(tokens) and _is_name(tokens[j][0]) and j - i < 4:
                j += 1
            if j - i < 2 or (i and _is_name(tokens[i - 1][0])):
                i = max(j, i + 1)
                continue
            draft = _with_role(text, tokens, i, j, source_id)
            if draft is not None:
                known = found.get(draft.name)
                if known is None or len(draft.role.split()) > len(known.role.split()):
                    found[draft.name] = draft
            i = j
    for draft in found.values():
        surname = draft.name.split()[-1]
        alone = re.compile(rf"(?<![\w-]){re.escape(surname)}(?![\w-])")
        full = re.compile(rf"{re.escape(draft.name)}")
        if len(alone.findall(text)) > len(full.findall(text)):
            draft.aliases = [surname]
        yield draft


def _with_role(text: str, tokens: list[Token], i: int, j: int, source_id: str) -> PersonDraft | None:
    last = tokens[j - 1][0].rstrip(".")
    name = " ".join([*(t[0] for t in tokens[i:j - 1]), last.removesuffix("'s")])
    name_end = tokens[j - 1][1] + len(last.removesuffix("'s"))
    k = i - 1
    if k >= 1 and tokens[k][0] == ",":
        k -= 1                                                   # "Ambassador to the US, Rizwan Saeed Sheikh"
    start = k + 1
    while start - 1 >= 0 and (_is_role(tokens[start - 1][0]) or _country(tokens[start - 1][0])):
        start -= 1
    role, country = _role_words(tokens[start:k + 1])
    if role:
        first = next((t for t in tokens[start:k + 1] if _country(t[0])), role[0]) if country else role[0]
        return PersonDraft(name, text[role[0][1]:role[-1][2]], source_id, text[first[1]:name_end], first[1],
                           country)
    if j + 2 < len(tokens) and tokens[j][0] == "," and tokens[j + 1][0].lower() in _ARTICLES:
        end = j + 2
        while end < len(tokens) and (_is_role(tokens[end][0]) or _country(tokens[end][0])):
            end += 1
        role, country = _role_words(tokens[j + 2:end])
        if role and role[-1][0].lower().rstrip(".") in words("role_heads"):
            return PersonDraft(name, text[role[0][1]:role[-1][2]], source_id, text[tokens[i][1]:role[-1][2]],
                               tokens[i][1], country)
    return None
