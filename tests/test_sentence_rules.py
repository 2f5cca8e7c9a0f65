"""Proving the sentence: table tests per rule (subject, direction, negation, hedge, counted noun, events,
tense, actors, who does what to whom), on sentences written like news and government text."""
from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from briefing.load.model import Fact, Person
from briefing.verify.change import figure_role_problems
from briefing.verify.sentence import check_sentence, keep_unsupported
from briefing.verify.rules import Problem

FACT = TypeAdapter(Fact)
PEOPLE = {
    "ishaq-dar": Person(name="Ishaq Dar", role="Foreign Minister", country="Pakistan", aliases=["Dar"],
                        source="s", quote="q"),
    "marco-rubio": Person(name="Marco Rubio", role="Secretary of State", country="United States",
                          aliases=["Rubio"], source="s", quote="q"),
    "joe-biden": Person(name="Joe Biden", role="President", country="United States", aliases=["Biden"],
                        source="s", quote="q"),
}


def fact(kind: str, **fields: Any) -> Any:
    """A fact of ``kind`` (text and quote are given to check_sentence, not read from it)."""
    return FACT.validate_python({"kind": kind, "text": "t", "topic": "t", "source": "s", "quote": "q", **fields})


def codes(text: str, quote: str, the_fact: Any = None, paragraph: str = "", before: str = "") -> list[str]:
    """The codes check_sentence finds for ``text`` against ``quote``."""
    return [p.code for p in check_sentence(text, quote, the_fact, people=PEOPLE, paragraph=paragraph,
                                           before=before)]


USD = {"unit": "USD"}
CASES: list[tuple[str, str, str, Any, list[str]]] = [
    # subject: what the figure measures
    ("exports-synonym", "Exports to the EU reached $4 billion in 2023.", "Shipments abroad to the EU hit $4 billion "
     "in 2023, officials said.", fact("amount", value="4 billion", **USD), []),
    ("imports-for-exports", "Imports from China were $12 billion.", "Exports to China were $12 billion.",
     fact("amount", value="12 billion", **USD), ["subject-contradicts-quote"]),
    ("gdp-abbreviation", "GDP grew 3.1% last year.", "Gross domestic product expanded by 3.1% last year.",
     fact("percent", value=3.1), []),
    ("inflation-for-gdp", "Inflation rose 3.1%.", "The economy grew 3.1%.", fact("percent", value=3.1),
     ["subject-contradicts-quote"]),
    ("killed-for-dead", "The blast killed 12 people.", "The blast left 12 dead.", fact("count", value=12, unit="dead"),
     []),
    ("wounded-for-injured", "Twelve people were wounded.", "12 injured in the blast.",
     fact("count", value=12, unit="injured"), []),
    ("arrested-for-dead", "Police arrested 12 people.", "The blast left 12 dead.",
     fact("count", value=12, unit="dead"), ["counted-noun-differs", "subject-contradicts-quote"]),
    ("unsupported-subject", "Remittances of $3 billion arrived.", "Some $3 billion arrived last year.",
     fact("amount", value="3 billion", **USD), ["hedge-differs", "text-word-unsupported"]),
    # direction
    ("rose-for-increase", "Exports rose 4%.", "Exports posted a 4% increase.", fact("percent", value=4), []),
    ("fell-for-increase", "Exports fell 4%.", "Exports posted a 4% increase.", fact("percent", value=4),
     ["direction-contradicts-quote"]),
    ("declined-for-grew", "The deficit declined by 2%.", "The deficit grew by 2%.", fact("percent", value=2),
     ["direction-contradicts-quote"]),
    ("not-rise-for-fell", "Exports did not rise; they were down 4%.", "Exports fell 4%.", fact("percent", value=4),
     []),
    ("imposed-for-lifted", "The government imposed a 10% levy.", "The government lifted a 10% levy.",
     fact("percent", value=10), ["direction-contradicts-quote"]),
    ("scrapped-for-removed", "The government scrapped the 10% levy.", "The government removed the 10% levy.",
     fact("percent", value=10), []),
    ("praised-for-condemned", "Ministers praised the plan.", "Ministers condemned the plan.", None,
     ["direction-contradicts-quote"]),
    # negation
    ("negation-added", "The two sides did not agree to a ceasefire.", "The two sides agreed to a ceasefire.", None,
     ["negation-differs"]),
    ("negation-dropped", "The ministry confirmed the report.", "The ministry did not confirm the report.", None,
     ["negation-differs"]),
    ("negation-kept-other-words", "The talks ended with no agreement.", "The talks ended without an agreement.", None,
     []),
    ("not-only-is-no-negation", "The deal covers trade and energy.", "The deal covers not only trade but also "
     "energy.", None, []),
    ("negated-in-another-sentence", "The minister welcomed the deal.", "The minister welcomed the deal. He did "
     "not take questions from reporters afterwards.", None, []),
    # hedges
    ("about-for-around", "Trade was about $5 billion.", "Trade was around $5 billion.",
     fact("amount", value="5 billion", **USD), []),
    ("hedge-dropped", "Trade was $5 billion.", "Trade was an estimated $5 billion.",
     fact("amount", value="5 billion", **USD), ["hedge-differs"]),
    ("more-than-added", "More than 40 people died.", "40 people died in the floods.",
     fact("count", value=40, unit="people"), ["hedge-differs"]),
    ("nearly-for-more-than", "Nearly 40 people died.", "More than 40 people died in the floods.",
     fact("count", value=40, unit="people"), ["hedge-differs"]),
    ("up-to-kept", "Up to 500 troops will deploy.", "As many as 500 troops will deploy.",
     fact("count", value=500, unit="troops"), []),
    # the counted noun
    ("counted-tourists", "The attack killed 26 tourists.", "The attack left 26 dead, including several tourists.",
     fact("count", value=26, unit="dead"), ["counted-noun-differs"]),
    ("counted-plural", "Pakistan logged eight terms.", "Pakistan logged eight UNSC terms since 1947.",
     fact("count", value=8, unit="terms"), []),
    # events and tense
    ("met-for-called", "Rubio met Dar on Monday.", "Rubio called Dar on Monday.", fact("claim"), ["event-differs"]),
    ("phoned-for-called", "Rubio phoned Dar on Monday.", "Rubio called Dar on Monday.", fact("claim"), []),
    ("declared-for-collapsed", "A truce was declared.", "The truce collapsed.", fact("claim"), ["event-differs"]),
    ("rejected-for-signed", "Parliament rejected the treaty.", "Parliament signed the treaty.", fact("claim"),
     ["event-differs"]),
    ("turned-down-for-vetoed", "The president turned down the bill.", "The president vetoed the bill.",
     fact("claim"), []),
    ("signed-for-heads-to", "The delegation signed the accord.", "The delegation heads to Geneva to sign the "
     "accord this week.", fact("claim"), ["tense-differs"]),
    ("finalised-for-could-be", "The two sides finalised the agreement.", "The agreement is nearing completion and "
     "could be finalized in weeks.", fact("claim"), ["tense-differs"]),
    ("will-sign-kept", "The ministers will sign the accord.", "The ministers are expected to sign the accord.",
     fact("claim"), []),
    ("event-as-context", "After the meeting, the envoy appointed a deputy.", "The envoy appointed a deputy.",
     fact("claim"), []),
    # actors
    ("metonymy", "Washington and Islamabad agreed on a plan.", "The United States and Pakistan agreed on a plan.",
     None, []),
    ("demonym", "Pakistan's foreign minister spoke.", "The Pakistani foreign minister spoke.", None, []),
    ("actor-added", "India and Pakistan agreed on a plan.", "The United States and Pakistan agreed on a plan.",
     None, ["actor-not-in-quote"]),
    ("actor-in-paragraph", "India and Pakistan agreed on a plan.", "The two neighbours agreed on a plan.",
     None, []),
    ("person-by-role", "Rubio underscored the importance of trade.", "The Secretary underscored the importance of "
     "trade.", None, []),
    ("person-unknown", "John Smith underscored the importance of trade.", "The Secretary underscored the importance "
     "of trade.", None, ["actor-not-in-quote"]),
    ("two-sides-resolved", "Rubio and Dar discussed minerals.", "The two sides discussed minerals.", None, []),
    ("tariff-reversed", "Pakistan imposed a 29% tariff on US exports.", "The U.S. has slapped a 29% tariff on "
     "Pakistani exports.", fact("percent", value=29), ["actors-reversed"]),
    ("passive-same", "A 29% tariff was imposed on Pakistani exports by the United States.", "The U.S. has slapped a "
     "29% tariff on Pakistani exports.", fact("percent", value=29), []),
    ("strike-reversed", "Pakistan struck targets in India.", "India struck targets in Pakistan.", fact("claim"),
     ["actors-reversed"]),
    ("call-reversed", "Dar called Rubio.", "Rubio called Dar.", fact("claim"), ["actors-reversed"]),
]
PARAGRAPHS = {"actor-in-paragraph": "India and Pakistan, the two neighbours, agreed on a plan.",
              "two-sides-resolved": "The two sides discussed minerals."}
BEFORE = {"two-sides-resolved": "Dar met Rubio in Washington on Friday."}


@pytest.mark.parametrize("case,text,quote,the_fact,expected", CASES, ids=[c[0] for c in CASES])
def test_sentence_rule(case: str, text: str, quote: str, the_fact: Any, expected: list[str]) -> None:
    found = codes(text, quote, the_fact, paragraph=PARAGRAPHS.get(case, ""), before=BEFORE.get(case, ""))
    assert sorted(set(found)) == sorted(expected), found


def test_contradiction_names_both_words() -> None:
    problems = check_sentence("The US goods trade deficit with Pakistan was $7.3 billion in 2024.",
                              "US total goods trade with Pakistan was $7.3 billion in 2024", 
                              fact("amount", value="7.3 billion", unit="USD", period=2024))
    assert [p.message for p in problems] == ["the text says 'deficit'; the quote says 'total goods trade': say what "
                                             "the quote's figure measures"]


def test_unsupported_words_are_kept_only_when_no_quote_supports_them() -> None:
    first = [Problem("text-word-unsupported", "m", "text", ("surged", "remittances"))]
    second = [Problem("text-word-unsupported", "m", "text", ("remittances",))]
    kept = keep_unsupported([first, second])
    assert [(p.code, p.words) for p in kept] == [("text-word-unsupported", ("remittances",))]
    assert "'remittances'" in kept[0].message
    assert keep_unsupported([first, []]) == []


MORE = [
    ("welcome-for-barred", "Investors were barred from the sector.", "Investors were welcome to explore the sector.",
     fact("claim"), ["direction-contradicts-quote"]),
    ("will-reach-for-reached", "The two countries will reach a trade agreement.", "The two countries reached a "
     "trade agreement.", fact("claim"), ["tense-differs"]),
    ("signed-for-reached", "The two countries signed a trade agreement.", "The two countries reached a trade "
     "agreement.", fact("claim"), ["event-differs"]),
]

# Rules the held-out fact base (tests/test_sentence_heldout.py) brought in, on sentences of other sources.
HELDOUT_RULES = [
    ("up-before-a-number", "Exports to Canada rose 3% in 2024.", "Exports to Canada were up 3% from 2023.",
     fact("percent", value=3, period=2024), []),
    ("down-before-a-number-against-rose", "Imports rose 3.1% in 2024.", "Imports totaled $8 billion, down 3.1% "
     "from 2023.", fact("percent", value=3.1, period=2024), ["direction-contradicts-quote"]),
    ("slipped-for-fell", "Exports to Canada fell 3% in 2024.", "Exports to Canada slipped 3% in 2024.",
     fact("percent", value=3, period=2024), []),
    ("raise-for-increase", "The government will not increase fuel taxes.", "The government will not raise fuel "
     "taxes.", fact("claim"), []),
    ("nearest-subject", "The blast injured at least 11 people.", "The blast killed at least 11 people and wounded "
     "34 others.", fact("count", value=11, unit="people"), ["subject-contradicts-quote"]),
    ("nearest-subject-across-as", "The trade deficit narrowed to $2 billion.", "The trade deficit narrowed to $2 "
     "billion as exports rose to $10 billion.", fact("amount", value="2 billion", **USD), []),
    ("another-family-measured", "Exports to Ghana were about $1.3 billion in 2023.", "Ghana received foreign direct "
     "investment of about $1.3 billion in 2023.", fact("amount", value="1.3 billion", period=2023, **USD),
     ["subject-contradicts-quote"]),
    ("counted-noun-after-names", "The army destroyed 14 Al-Shabaab camps.", "The army carried out 14 operations "
     "against Al-Shabaab camps.", fact("count", value=14, unit="operations"), ["counted-noun-differs"]),
    ("counted-verb-before-a-final-number", "The attack left 17 injured.", "The attack killed 26 people and injured "
     "17.", fact("count", value=17, unit="injured"), []),
    ("generic-on-both-sides", "The blast wounded 34 other people.", "The blast wounded 34 others.",
     fact("count", value=34, unit="others"), []),
    ("demonym-reversed", "The United States imposed a 25% duty on Kenyan poultry.", "Kenya imposed a 25% duty on "
     "U.S. poultry.", fact("percent", value=25), ["actors-reversed"]),
    ("capital-for-country", "Beijing imposed a 34% tariff on American goods.", "China imposed a 34% tariff on US "
     "goods.", fact("percent", value=34), []),
    ("armed-group-reversed", "Hamas struck Israel overnight.", "Israel struck Hamas positions overnight.",
     fact("claim"), ["actors-reversed"]),
    ("hyphenated-pair", "U.S.-Kenya goods trade was $1.9 billion.", "U.S. goods trade with Kenya was $1.9 billion.",
     fact("amount", value="1.9 billion", **USD), []),
    ("flow-reversed", "U.S. exports to Vietnam rose to $136.6 billion.", "Vietnam's exports to the United States rose "
     "to $136.6 billion.", fact("amount", value="136.6 billion", **USD), ["actors-reversed"]),
    ("flow-from-the-other-side", "Pakistan's exports to the US were $5.1 billion.", "US imports from Pakistan were "
     "$5.1 billion.", fact("amount", value="5.1 billion", **USD), []),
    ("defused-for-exploded", "A bomb was defused at the market on Saturday.", "A bomb exploded at the market on "
     "Saturday.", fact("claim"), ["event-differs"]),
    ("declined-to-is-a-negation", "The ministry did not comment.", "The ministry declined to comment.",
     fact("claim"), []),
    ("declined-to-dropped", "The ministry commented on the report.", "The ministry declined to comment on the "
     "report.", fact("claim"), ["negation-differs"]),
    ("no-fewer-than-for-at-least", "No fewer than 11 people were killed.", "At least 11 people were killed.",
     fact("count", value=11, unit="people"), []),
    ("hedging-verb-for-an-estimated", "Officials estimate the trade at $1.9 billion.", "Trade was an estimated $1.9 "
     "billion.", fact("amount", value="1.9 billion", **USD), []),
    ("hedge-dropped-without-a-verb", "Trade was $1.9 billion, officials said.", "Trade was an estimated $1.9 billion.",
     fact("amount", value="1.9 billion", **USD), ["hedge-differs"]),
    ("withdraw-for-deploy", "The army will withdraw 500 troops from the province.", "The army will deploy 500 "
     "troops to the province.", fact("count", value=500, unit="troops"), ["direction-contradicts-quote"]),
    ("withdraw-a-tariff-for-lift", "Kenya will withdraw the duty on poultry.", "Kenya will lift the duty on "
     "poultry.", fact("claim"), []),
    ("increased-for-will-increase", "The tariff was increased to 50% in 2025.", "The tariff will increase to 50% in "
     "2025.", fact("percent", value=50, period=2025), ["tense-differs"]),
    ("rises-for-will-increase", "The tariff rises to 50% in 2025.", "The tariff will increase to 50% in 2025.",
     fact("percent", value=50, period=2025), []),
    ("approved-for-heads-to", "Parliament approved the agreement.", "The agreement heads to parliament for "
     "approval.", fact("claim"), ["tense-differs"]),
]


@pytest.mark.parametrize("case,text,quote,the_fact,expected", MORE, ids=[c[0] for c in MORE])
def test_more_sentence_rules(case: str, text: str, quote: str, the_fact: Any, expected: list[str]) -> None:
    assert sorted(set(codes(text, quote, the_fact))) == expected


@pytest.mark.parametrize("case,text,quote,the_fact,expected", HELDOUT_RULES, ids=[c[0] for c in HELDOUT_RULES])
def test_heldout_sentence_rules(case: str, text: str, quote: str, the_fact: Any, expected: list[str]) -> None:
    assert sorted(set(codes(text, quote, the_fact))) == expected


@pytest.mark.parametrize(("value", "period", "expected"), [(50, 2027, ["figure-role-differs"]),
                                                           (100, 2026, ["figure-role-differs"]),
                                                           (50, 2026, []), (100, 2027, [])])
def test_a_percentage_of_another_year(value: int, period: int, expected: list[str]) -> None:
    """Each rate of "from 7.5% to 50% in 2026 and 100% in 2027" belongs to its own year."""
    quote = "The tariff on gloves will increase from 7.5% to 50% in 2026 and 100% in 2027."
    found = figure_role_problems(fact("percent", value=value, period=period), quote)
    assert [p.code for p in found] == expected
    assert all(f"is for {2026 if value == 50 else 2027}" in p.message for p in found)
