"""Who does what to whom: the subject and object of a verb must not be swapped.

For the lexicon's ``agent_verbs`` (imposes, strikes, calls, hosts, ...), the
actor before the verb in its clause is the agent and the first one after it
the patient ("by X" in the passive). Against the quote's same verb or one of
its group, a text whose agent is the quote's patient, or whose patient is the
quote's agent, is an error: "Pakistan imposed a 29% tariff on US exports"
against "The U.S. has slapped a 29% tariff on Pakistani exports".
"""
from __future__ import annotations

import re
from typing import Mapping

from briefing.load.model import Person
from briefing.verify.actors import Mention, _same
from briefing.verify.lexicon import Lexicon
from briefing.verify.rules import Problem
from briefing.verify.wording import Analysis, Hit

_CLAUSE = re.compile(r"[,;:()]|(?<![A-Z])\.\s|\s-\s|\"")
_PASSIVE = frozenset(("was", "were", "is", "are", "been", "be", "being"))


def _roles(analysis: Analysis, hit: Hit, found: list[Mention]) -> tuple[Mention | None, Mention | None]:
    """(agent, patient) of one verb: the nearest actor before it and the first after it, in its clause."""
    text = analysis.text
    start = max([m.end() for m in _CLAUSE.finditer(text, 0, hit.start)] or [0])
    stop = _CLAUSE.search(text, hit.end)
    end = stop.start() if stop else len(text)
    before = [m for m in found if start <= m.start and m.end <= hit.start]
    after = [m for m in found if hit.end <= m.start and m.end <= end]
    agent, patient = (before[-1] if before else None), (after[0] if after else None)
    previous = analysis.tokens[hit.first - 1].word if hit.first else ""
    if previous in _PASSIVE:
        by = [m for m in after if text[max(hit.end, m.start - 4):m.start].strip().endswith("by")]
        agent, patient = (by[0] if by else None), agent
    return agent, patient


def _classes(analysis: Analysis, hit: Hit) -> set[str]:
    """What a verb does: its lemmas and its group of agent verbs ("slap" and "impose" are one)."""
    return set(analysis.tokens[hit.first].lemmas) | {f"agent:{hit.entry.key}"}


def agent_verbs(analysis: Analysis) -> list[Hit]:
    """The text's verbs whose subject and object must not be swapped (masked phrases aside)."""
    masks = [h for h in analysis.section("masks") if h.entry.key == "agent_verbs"]
    return [h for h in analysis.section("agent_verbs") if not any(m.first <= h.first < m.last for m in masks)]


def reversed_roles(text: Analysis, quote: Analysis, ours: list[Mention], theirs: list[Mention], lexicon: Lexicon,
              people: Mapping[str, Person]) -> list[Problem]:
    """Problems for each verb of the text whose agent or patient is swapped against the quote's same verb."""
    problems = []
    quote_verbs = [(h, _classes(quote, h), _roles(quote, h, theirs)) for h in agent_verbs(quote)]
    for hit in agent_verbs(text):
        agent, patient = _roles(text, hit, ours)
        if agent is None or patient is None:
            continue
        classes = _classes(text, hit)
        for other, other_classes, (q_agent, q_patient) in quote_verbs:
            if not classes & other_classes:
                continue
            if q_agent is None or _same(agent.ident, q_agent.ident, lexicon, people):
                continue
            if (q_patient is not None and _same(agent.ident, q_patient.ident, lexicon, people)) or \
                    _same(patient.ident, q_agent.ident, lexicon, people):
                theirs_said = f"{q_agent.text} {other.text}" + (f" ... {q_patient.text}" if q_patient else "")
                problems.append(Problem("actors-reversed", f"the text says '{agent.text} {hit.text} ... "
                                        f"{patient.text}'; the quote says '{theirs_said}': who does what to whom is "
                                        "reversed", "text"))
                break
    return problems


_FLOW_KEYS = frozenset(("exports", "imports"))
_FLOW_PREPOSITION = re.compile(r"\b(to|into|from|by)\s+(?:the\s+)?$", re.IGNORECASE)


def flow_hits(analysis: Analysis) -> list[Hit]:
    """The export and import words of a text ("exports", "imported")."""
    return [h for h in analysis.section("subjects") if h.entry.key in _FLOW_KEYS]


def _flow(analysis: Analysis, hit: Hit, found: list[Mention], lexicon: Lexicon) -> tuple[str | None, str | None]:
    """(seller, buyer) of one export or import word: "U.S. goods exports to Kenya" is the US selling to Kenya.

    The actor just before the word (its possessive, or with only the
    lexicon's ``flow_modifiers`` between: "goods", "services") is the seller
    of exports and the buyer of imports; "to X" is the buyer, "from X" the
    seller, and "by X" right after the word the exporter or importer.
    """
    text = analysis.text
    start = max([m.end() for m in _CLAUSE.finditer(text, 0, hit.start)] or [0])
    stop = _CLAUSE.search(text, hit.end)
    end = stop.start() if stop else len(text)
    modifiers = lexicon.__dict__.get("_flow_modifiers")
    if modifiers is None:
        modifiers = lexicon.__dict__["_flow_modifiers"] = frozenset(
            str(w).lower() for w in lexicon.data.get("flow_modifiers") or ())
    exports = hit.entry.key == "exports"
    seller = buyer = None
    before = [m for m in found if start <= m.start and m.end <= hit.start]
    if before:
        gap = text[before[-1].end:hit.start].lower().removeprefix("'s").split()
        if len(gap) <= 2 and all(w in modifiers for w in gap):
            seller, buyer = (before[-1].ident, None) if exports else (None, before[-1].ident)
    for mention in (m for m in found if hit.end <= m.start and m.end <= end):
        lead = _FLOW_PREPOSITION.search(text[hit.end:mention.start])
        if lead is None:
            continue
        word = lead.group(1).lower()
        if word == "by" and len(text[hit.end:lead.start()].split()) > 1:
            continue
        if word in ("to", "into") or word == "by" and not exports:
            buyer = buyer or mention.ident
        else:
            seller = seller or mention.ident
    return seller, buyer


def flow_problems(text: Analysis, quote: Analysis, ours: list[Mention], theirs: list[Mention], lexicon: Lexicon,
                  people: Mapping[str, Person]) -> list[Problem]:
    """A trade flow told the wrong way round: "U.S. exports to Vietnam" for "Vietnam's exports to the United States"."""
    quoted = [(h, _flow(quote, h, theirs, lexicon)) for h in flow_hits(quote)]
    quoted = [(h, f) for h, f in quoted if f != (None, None)]
    problems = []
    for hit in flow_hits(text):
        seller, buyer = _flow(text, hit, ours, lexicon)

        def same(a: str | None, b: str | None) -> bool:
            return a is not None and b is not None and _same(a, b, lexicon, people)
        alike = [(h, f) for h, f in quoted if h.entry.key == hit.entry.key]   # exports for imports: a subject error
        agree = [h for h, (s, b) in alike if (same(seller, s) or same(buyer, b))
                 and not same(seller, b) and not same(buyer, s)]
        crossed = [h for h, (s, b) in alike if same(seller, b) or same(buyer, s)]
        if crossed and not agree:
            problems.append(Problem("actors-reversed", f"the text has {_named(seller, ours)} selling to "
                                    f"{_named(buyer, ours)} ('{hit.text}'); the quote has it the other way round "
                                    f"('{crossed[0].text}'): who exports to whom is reversed", "text"))
    return problems


def _named(ident: str | None, found: list[Mention]) -> str:
    return next((m.text for m in found if m.ident == ident), "someone")


def mirrored_flows(text: Analysis, quote: Analysis, ours: list[Mention], theirs: list[Mention], lexicon: Lexicon,
                   people: Mapping[str, Person]) -> frozenset[str]:
    """{"exports", "imports"} when the text tells the quote's flow from the other side, else nothing.

    "Pakistan's exports to the US" is "US imports from Pakistan": the same
    seller and buyer, both named, under the other word.
    """
    for hit in flow_hits(text):
        seller, buyer = _flow(text, hit, ours, lexicon)
        if seller is None or buyer is None:
            continue
        for other in flow_hits(quote):
            if other.entry.key == hit.entry.key:
                continue
            s, b = _flow(quote, other, theirs, lexicon)
            if s is not None and b is not None and _same(seller, s, lexicon, people) and \
                    _same(buyer, b, lexicon, people):
                return _FLOW_KEYS
    return frozenset()
