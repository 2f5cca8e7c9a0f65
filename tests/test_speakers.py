"""Statements: the speaker is the grammatical speaker of the words, and the text credits nobody else."""
from __future__ import annotations


import pytest
from pydantic import TypeAdapter

from briefing.load.model import Fact, Person
from briefing.text.normalize import normalize
from briefing.verify.lexicon import shipped
from briefing.verify.rules import Context, support_statement
from briefing.verify.speakers import credited

FACT = TypeAdapter(Fact)
PEOPLE = {
    "ishaq-dar": Person(name="Ishaq Dar", role="Foreign Minister", country="Pakistan", aliases=["Dar", "FM Dar"],
                        source="s", quote="q"),
    "tammy-bruce": Person(name="Tammy Bruce", role="State Department spokesperson", aliases=["Bruce"],
                          source="s", quote="q"),
    "joe-biden": Person(name="Joe Biden", role="President", aliases=["Biden", "THE PRESIDENT"], source="s",
                        quote="q"),
    "marco-rubio": Person(name="Marco Rubio", role="Secretary of State", aliases=["Rubio"], source="s", quote="q"),
}

ATTRIBUTIONS = [
    ("said-x", "“We will build ties,” said Foreign Minister Ishaq Dar.", "We will build ties", "Foreign Minister Ishaq Dar"),
    ("x-said-after", "“We will build ties,” Dar said on Friday.", "We will build ties", "Dar"),
    ("x-added", "“We will build ties,” Bruce added.", "We will build ties", "Bruce"),
    ("added-x", "“We will build ties,” added Bruce.", "We will build ties", "Bruce"),
    ("x-said-colon", "Announcing the deal, Dar said: “We will build ties.”", "We will build ties", "Dar"),
    ("x-said-that", "Dar also declared that Pakistan remains ready for a “composite dialogue” with India.",
     "composite dialogue", "Dar"),
    ("according-to", "Ties will grow, according to the State Department spokesperson.", "Ties will grow",
     "the State Department spokesperson"),
    ("label", "THE PRESIDENT: We will build ties with our partners.", "We will build ties", "THE PRESIDENT"),
    ("headline", "Pakistan willing for 'meaningful dialogue' with India: PM Shehbaz Sharif", "meaningful dialogue",
     "PM Shehbaz Sharif"),
    ("inside-a-long-quotation", "“The Secretary met Dar. The two discussed trade,” said spokesperson Tammy Bruce.",
     "The two discussed trade", "spokesperson Tammy Bruce"),
    ("pronoun", "“We will build ties,” he said.", "We will build ties", "he"),
]


@pytest.mark.parametrize("case,paragraph,said,who", ATTRIBUTIONS, ids=[a[0] for a in ATTRIBUTIONS])
def test_attribution(case: str, paragraph: str, said: str, who: str) -> None:
    found = credited(normalize(paragraph), normalize(said), shipped())
    assert found is not None and found.who == who


def test_a_dateline_is_no_transcript_label() -> None:
    found = credited("ISLAMABAD: Dar said ties would grow.", "ties would grow", shipped())
    assert found is not None and found.who == "Dar"


def problems(speaker: str, said: str, quote: str, paragraph: str | None = None, text: str = "t") -> list[str]:
    """The codes of the statement rule."""
    statement = FACT.validate_python({"kind": "statement", "text": text, "topic": "t", "source": "s", "quote": quote,
                                      "speaker": speaker, "said": said})
    ctx = Context(quote=normalize(quote), published=None, source_id="s",
                  paragraph=lambda: normalize(paragraph if paragraph is not None else quote), people=PEOPLE)
    return [p.code for p in support_statement(statement, ctx)]


STATEMENTS = [
    ("grammatical-speaker", "tammy-bruce", "The Secretary met Dar",
     "“The Secretary met Dar,” said spokesperson Tammy Bruce.", None, "t", []),
    ("named-nearby-not-speaker", "ishaq-dar", "The Secretary met Dar",
     "“The Secretary met Dar,” said spokesperson Tammy Bruce.", None, "t", ["speaker-not-credited"]),
    ("label-through-alias", "joe-biden", "We will build ties", "THE PRESIDENT: We will build ties.", None, "t", []),
    ("label-someone-else", "marco-rubio", "We will build ties", "THE PRESIDENT: We will build ties.", None, "t",
     ["speaker-not-credited"]),
    ("pronoun-resolved", "ishaq-dar", "We will build ties", "“We will build ties,” he said.",
     "Dar spoke to reporters. “We will build ties,” he said.", "t", []),
    ("pronoun-of-another", "marco-rubio", "We will build ties", "“We will build ties,” he said.",
     "Dar spoke to reporters. “We will build ties,” he said.", "t", ["speaker-not-credited"]),
    ("organisation-credited", "ishaq-dar", "Both sides agreed to remain in contact",
     "“Both sides agreed to remain in contact,” the FO added.", "Dar spoke. “Both sides agreed to remain in "
     "contact,” the FO added.", "t", ["speaker-not-credited"]),
    ("according-to-speaker", "tammy-bruce", "Ties will grow",
     "Ties will grow, according to State Department spokesperson Tammy Bruce.", None, "t", []),
    ("text-credits-other", "ishaq-dar", "We will build ties", "“We will build ties,” Dar said.", None,
     "Rubio said: “We will build ties.”", ["text-credits-other"]),
    ("text-credits-speaker", "ishaq-dar", "We will build ties", "“We will build ties,” Dar said.", None,
     "Pakistan’s foreign minister said: “We will build ties.”", []),
    ("no-attribution-named", "ishaq-dar", "ties will grow", "Dar expects that ties will grow.", None, "t", []),
    ("no-attribution-unnamed", "ishaq-dar", "ties will grow", "Officials expect that ties will grow.", None, "t",
     ["speaker-not-named"]),
]


@pytest.mark.parametrize("case,speaker,said,quote,paragraph,text,expected", STATEMENTS, ids=[s[0] for s in STATEMENTS])
def test_statement_speaker(case: str, speaker: str, said: str, quote: str, paragraph: str | None, text: str,
                           expected: list[str]) -> None:
    assert problems(speaker, said, quote, paragraph, text) == expected
