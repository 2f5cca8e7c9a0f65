"""Does a found quote support its fact? One rule per kind, as the spec's table.

Each rule returns the problems it found as :class:`Problem` values (a code,
a message that says what the quote does say, and the field at fault); the
verifier turns them into findings at that field's line.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from briefing.load.model import Person
from briefing.text.normalize import normalize
from briefing.text.words import has_any, has_phrase
from briefing.verify.context import Context, Problem, names  # noqa: F401 - re-exported
from briefing.verify.date_rules import support_date
from briefing.verify.figure_rules import support_amount, support_count, support_percent, support_range

if TYPE_CHECKING:
    from briefing.load.model import ChangeFact, ClaimFact, Fact, StatementFact


def support_statement(fact: StatementFact, ctx: Context) -> list[Problem]:
    """The words said inside the quote; the speaker is the one the source credits with them.

    The grammatical speaker of the attribution (``"…," said X``, ``X said:``,
    ``according to X``, a transcript label) must be the speaker; without an
    attribution the speaker must be named in the quote or its paragraph. A
    text that credits the words to someone else is an error.
    """
    from briefing.verify.quotes import word_differences

    problems: list[Problem] = []
    said = normalize(fact.said).strip()
    if said not in ctx.quote:
        diff = "; ".join(word_differences(said, ctx.quote)[:2])
        problems.append(Problem("said-not-in-quote", f"the words said are not inside the quote ({diff})", "said"))
    from briefing.verify.lexicon import shipped
    from briefing.verify.speakers import speaker_problems

    return problems + speaker_problems(fact, ctx.quote, ctx.paragraph, ctx.people, ctx.lexicon or shipped())


def support_claim(fact: ClaimFact, ctx: Context) -> list[Problem]:
    """A claim: the quote was found; nothing more is checked."""
    return []


RULES: dict[str, Callable[[Any, Context], list[Problem]]] = {
    "amount": support_amount, "percent": support_percent, "count": support_count, "range": support_range,
    "date": support_date, "statement": support_statement, "claim": support_claim,
}


def _support_change(fact: ChangeFact, ctx: Context) -> list[Problem]:
    from briefing.verify.change import support_change   # change.py imports this module
    return support_change(fact, ctx)


RULES["change"] = _support_change


def support_mentions(fact: Fact, ctx: Context) -> list[Problem]:
    """Every person in ``mentions`` is named in the quote."""
    problems = []
    for ident in fact.mentions:
        person = ctx.people.get(ident)
        if person is not None and not has_any(ctx.quote, names(person)):
            problems.append(Problem("mention-not-in-quote", f"{person.name} ({ident}) is not named in the quote",
                                    "mentions"))
    return problems


def support_person(person: Person, quote: str | list[str]) -> list[Problem]:
    """A person's quote names them in full and states every word of the role.

    With several quotes (``evidence:``) one may give the name and another the role.
    """
    from briefing.text.words import missing_words

    quotes = [quote] if isinstance(quote, str) else quote
    problems = []
    if not any(has_phrase(q, person.name) for q in quotes):
        what = "the quote does not name" if len(quotes) == 1 else "none of the quotes names"
        problems.append(Problem("name-not-in-quote", f"{what} {person.name}", "name"))
    missing = min((missing_words(q, person.role) for q in quotes), key=len)
    if missing:
        problems.append(Problem("role-not-in-quote", f"the quote does not state the role \"{person.role}\": "
                                f"missing {', '.join(repr(w) for w in missing)}", "role"))
    return problems
