"""What a support rule gets and gives: the :class:`Context` of a found quote and the :class:`Problem` it reports."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from briefing.load.model import Person


@dataclass(frozen=True, slots=True)
class Problem:
    """A reason a quote does not support its fact."""

    code: str
    message: str
    field: str | None = None
    words: tuple[str, ...] = ()      # the text's words at fault, when a finding lists them


@dataclass
class Context:
    """What a rule may look at besides the fact and the quote."""

    quote: str                                   # normalised quote
    published: dt.date | None                    # the source's published date
    source_id: str
    paragraph: Callable[[], str]                 # the normalised paragraph of the match
    people: dict[str, Person]
    lexicon: Any = None                          # the project's Lexicon (briefing.verify.lexicon)


def names(person: Person) -> list[str]:
    """A person's full name and aliases."""
    return [person.name, *person.aliases]
