"""Actors in a sentence: who is named, and who does what to whom.

Every country, organisation (the lexicon's ``actors``, with aliases,
demonyms and metonyms: "Washington" is the United States) and person (the
project's people, by name or alias; other capitalised names word by word)
that the text names must be named in the quote, in its paragraph, or be
among the fact's people. For the verbs whose subject and object matter
(``agent_verbs``: imposes, strikes, calls, ...), the text must not swap them:
"Pakistan imposed a tariff on US exports" is an error against "The U.S. has
slapped a 29% tariff on Pakistani exports".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Mapping

from briefing.load.model import Person, field_of
from briefing.verify.lexicon import Lexicon
from briefing.verify.rules import Problem
from briefing.verify.wording import Analysis

_CAP_WORD = re.compile(r"(?<![\w'-])[A-Z][\w'.-]*")


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor or person named in a text: the id (``person:`` ids for people) and where."""

    ident: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Finder:
    """One pattern for all aliases matched ignoring case, one for short or upper-case ones (US, UN, FO)."""

    loose: re.Pattern[str] | None
    strict: re.Pattern[str] | None
    by_alias: dict[str, str]
    firsts: frozenset[str]          # the lower-case first word of every loose alias: where a match may start
    strict_firsts: frozenset[str]   # the first word, as written, of every strict alias


def _alternation(aliases: list[str], flags: int) -> re.Pattern[str] | None:
    if not aliases:
        return None
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(set(aliases), key=len, reverse=True))
    # a name may open or close a hyphenated pair of names ("U.S.-Kenya", "India-Pakistan")
    return re.compile(rf"(?:(?<![\w'-])|(?<=[\w.]-)(?=[A-Z]))(?:{body})(?![\w]|-[a-z]|'[a-rt-z])", flags)


def _key(alias: str) -> str:
    return " ".join(alias.split()).lower()


@lru_cache(maxsize=64)
def _finder(actors: tuple[tuple[str, tuple[str, ...]], ...]) -> _Finder:
    loose, strict, by_alias = [], [], {}
    for ident, aliases in actors:
        for alias in aliases:
            if alias[:1].isupper() and (alias.isupper() or len(alias) <= 4 or "." in alias or ident.startswith("person:")):
                strict.append(alias)
                by_alias.setdefault(" ".join(alias.split()), ident)
            else:
                loose.append(alias)
            by_alias.setdefault(_key(alias), ident)
    firsts = frozenset(m.group().lower() for alias in loose if (m := _FIRST.match(alias)))
    strict_firsts = frozenset(m.group() for alias in strict if (m := _FIRST.match(alias)))
    return _Finder(_alternation(loose, re.IGNORECASE), _alternation(strict, 0), by_alias, firsts, strict_firsts)


_FIRST = re.compile(r"[^\W_]+")
_WORD_START = re.compile(r"(?:(?<![\w'-])|(?<=[\w.]-)(?=[A-Z]))[^\W_]+")


def _people_aliases(people: Mapping[str, Person]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((f"person:{ident}", tuple(dict.fromkeys([p.name, *p.aliases]))) for ident, p in people.items())


def _actor_table(lexicon: Lexicon) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = lexicon.__dict__.get("_actor_table")
    if table is None:
        table = lexicon.__dict__["_actor_table"] = tuple((k, tuple(v)) for k, v in lexicon.actors.items())
    return table


def mentions(text: str, lexicon: Lexicon, people: Mapping[str, Person]) -> list[Mention]:
    """Actors and people named in ``text``, longest names first, not overlapping."""
    memo = lexicon.__dict__.setdefault("_mentions", {})
    key = (id(people), text)
    if key in memo and memo[key][0] is people:
        return memo[key][1]
    if len(memo) > 512:
        memo.clear()
    found = _mentions(text, lexicon, people)
    memo[key] = (people, found)
    return found


def _mentions(text: str, lexicon: Lexicon, people: Mapping[str, Person]) -> list[Mention]:
    finders = lexicon.__dict__.setdefault("_finders", {})
    cached = finders.get(id(people))
    if cached is None or cached[0] is not people:
        cached = finders[id(people)] = (people, _finder(_actor_table(lexicon) + _people_aliases(people)))
    finder = cached[1]
    found: list[Mention] = []
    for word in _WORD_START.finditer(text):      # try the alternations only where an alias may start
        written = word.group()
        patterns = ((finder.strict,) if written in finder.strict_firsts else ()) + \
            ((finder.loose,) if written.lower() in finder.firsts else ())
        for pattern in patterns:
            m = pattern.match(text, word.start()) if pattern is not None else None
            if m is None:
                continue
            ident = finder.by_alias.get(" ".join(m.group().split())) or finder.by_alias.get(_key(m.group()))
            if ident:
                found.append(Mention(ident, m.start(), m.end(), m.group()))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Mention] = []
    for mention in found:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _country_of(person: Person, lexicon: Lexicon, people: Mapping[str, Person]) -> str | None:
    if not person.country:
        return None
    cache = lexicon.__dict__.setdefault("_countries", {})
    if person.country not in cache:
        found = [m.ident for m in mentions(person.country, lexicon, {})]
        cache[person.country] = found[0] if found else None
    return cache[person.country]


def _same(a: str, b: str, lexicon: Lexicon, people: Mapping[str, Person]) -> bool:
    """Two mentions name the same actor (a person stands for their country)."""
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        if x.startswith("person:") and not y.startswith("person:"):
            person = people.get(x[7:])
            if person is not None and _country_of(person, lexicon, people) == y:
                return True
    return False


def _fact_people(fact: object | None, people: Mapping[str, Person]) -> list[str]:
    if fact is None:
        return []
    refs = [field_of(fact, "speaker", None), *field_of(fact, "participants", ()), *field_of(fact, "mentions", ())]
    return [r for r in refs if r and r in people]


@lru_cache(maxsize=1024)
def _role_pattern(role: str) -> re.Pattern[str] | None:
    words = [w for w in re.findall(r"[A-Za-z]{4,}", role) if w.lower() not in ("former", "acting", "deputy")]
    if not words:
        return None
    body = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\bthe\s+(?:[\w'-]+\s+){{0,2}}(?:{body})\b", re.IGNORECASE)


def _by_role(text: str, person: Person) -> bool:
    """A person named by their role alone: "the Secretary", "the Pakistani foreign minister"."""
    pattern = _role_pattern(person.role)
    return pattern is not None and pattern.search(text) is not None


def _widen(found: list[Mention], text: str, lexicon: Lexicon, people: Mapping[str, Person]) -> set[str]:
    """The ids a passage names: its mentions, the countries of its people and organisations, people by role."""
    named = {m.ident for m in found}
    parts = lexicon.data.get("actor_of") or {}
    for ident in list(named):
        if ident.startswith("person:") and ident[7:] in people:
            country = _country_of(people[ident[7:]], lexicon, people)
            if country:
                named.add(country)
        elif ident in parts:
            named.add(str(parts[ident]))
    named.update(f"person:{key}" for key, person in people.items() if f"person:{key}" not in named
                 and _by_role(text, person))
    return named


def _unnamed_words(text: str, known: list[Mention], lexicon: Lexicon) -> list[tuple[str, int]]:
    """Capitalised words of names the lexicon and people do not know (not titles, not sentence openers)."""
    words = []
    for match in _CAP_WORD.finditer(text):
        start, end = match.span()
        word = match.group().rstrip(".")
        if len(word) < 2 or word.lower() in lexicon.titles or any(k.start < end and start < k.end for k in known):
            continue
        before = text[max(0, start - 4):start].rstrip()
        if not before or before[-1] in '.!?:;"(' or before.endswith(" -"):
            continue
        words.append((word, start))
    return words


def _refers(text: str, lexicon: Lexicon) -> bool:
    """Whether a passage refers to actors named before it ("the two sides", "he", "their")."""
    pattern = lexicon.__dict__.get("_references")
    if pattern is None:
        words = sorted((str(w) for w in lexicon.data.get("references") or ()), key=len, reverse=True)
        pattern = lexicon.__dict__["_references"] = re.compile(
            r"(?<![\w'-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE) if words \
            else re.compile(r"(?!x)x")
    return pattern.search(text) is not None


def _text_of(source: Callable[[], str] | str) -> str:
    return source() if callable(source) else source


def actor_problems(text: Analysis, quote: Analysis, fact: object | None, people: Mapping[str, Person],
                   paragraph: Callable[[], str] | str, lexicon: Lexicon, before: Callable[[], str] | str = ""
                   ) -> list[Problem]:
    """Actors the text names that the quote, its paragraph and the fact's people do not; swapped roles.

    When the quote or its paragraph refers back ("the two sides", "he"), the
    actors named in the text ``before`` the quote count as named too.
    """
    from briefing.verify.roles import agent_verbs, flow_hits, flow_problems, reversed_roles   # roles reads mentions

    verbs = agent_verbs(text)
    flows = bool(flow_hits(text)) and bool(flow_hits(quote))
    if not verbs and not flows and set(_CAP_WORD.findall(text.text)) <= set(_CAP_WORD.findall(quote.text)):
        return []   # every capitalised word of the text is the quote's, and no verb has sides to swap
    ours, theirs = mentions(text.text, lexicon, people), mentions(quote.text, lexicon, people)
    refs = _fact_people(fact, people)
    allowed = {f"person:{r}" for r in refs}
    for ref in refs:
        country = _country_of(people[ref], lexicon, people)
        if country:
            allowed.add(country)
        allowed.update(m.ident for m in mentions(people[ref].role, lexicon, {}))
    named = _widen(theirs, quote.text, lexicon, people) | allowed
    problems: list[Problem] = []
    para: list[Mention] | None = None
    para_text = ""
    for mention in ours:
        if mention.ident in named:
            continue
        if para is None:
            para_text = _text_of(paragraph)
            para = mentions(para_text, lexicon, people)
            named |= _widen(para, para_text, lexicon, people)
            if _refers(f"{quote.text} {para_text}", lexicon):
                earlier = _text_of(before)
                named |= _widen(mentions(earlier, lexicon, people), earlier, lexicon, people)
                para_text = f"{para_text} {earlier}"
            if mention.ident in named:
                continue
        problems.append(_missing(mention.text, theirs))
    support: str | None = None
    for word, _ in _unnamed_words(text.text, ours, lexicon):
        if _written(word, quote.text):
            continue
        if support is None:
            para_text = para_text or _text_of(paragraph)
            extra = " ".join(f"{people[r].name} {' '.join(people[r].aliases)} {people[r].role}" for r in refs)
            support = f"{quote.text} {para_text} {extra} " + " ".join(_expansions(f"{quote.text} {para_text}", lexicon))
        if not _written(word, support) and not _spelled_out(word, support, lexicon):
            problems.append(_missing(word, theirs))
    problems += reversed_roles(text, quote, ours, theirs, lexicon, people) if verbs else []
    return problems + (flow_problems(text, quote, ours, theirs, lexicon, people) if flows else [])


def _written(word: str, text: str) -> bool:
    """Whether a word of a name occurs in ``text`` (ignoring case; "Dr" matches "Dr.")."""
    return re.search(rf"(?<![\w]){re.escape(word.rstrip('.'))}", text, re.IGNORECASE) is not None


def _expansions(text: str, lexicon: Lexicon) -> list[str]:
    """The spelled-out forms of the abbreviations ``text`` uses ("PM" gives "Prime Minister")."""
    pattern = lexicon.__dict__.get("_abbreviations")
    if pattern is None:
        keys = sorted(lexicon.abbreviations, key=len, reverse=True)
        pattern = lexicon.__dict__["_abbreviations"] = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)") if keys else re.compile(r"(?!x)x")
    return list(dict.fromkeys(lexicon.abbreviations[m.group()] for m in pattern.finditer(text)))


def _spelled_out(word: str, support: str, lexicon: Lexicon) -> bool:
    """An abbreviation in the text whose expansion the quote writes out ("GDP" for "gross domestic product")."""
    expansion = lexicon.abbreviations.get(word) or lexicon.abbreviations.get(word.rstrip("."))
    return bool(expansion) and re.search(rf"(?<!\w){re.escape(expansion)}(?!\w)", support, re.IGNORECASE) is not None


def _missing(word: str, theirs: list[Mention]) -> Problem:
    names = ", ".join(dict.fromkeys(m.text for m in theirs))
    said = f"the quote names {names}" if names else "the quote names no actor"
    return Problem("actor-not-in-quote", f"the text names '{word}', which neither the quote nor its paragraph "
                   f"names and who is not among the fact's people; {said}", "text", (word,))
