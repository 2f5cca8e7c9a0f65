"""Semantic mutation test on the default fact base: wrong sentences fail, faithful paraphrases pass.

Each mutation changes one fact of the default project (its `text`, or a field)
and must fail with the given finding code on that fact; each paraphrase
rewrites a fact's `text` the way an analyst would and must stay proven with no
finding at all. The default project is loaded once; every row checks one fact
with the project's Checker.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from conftest import REPO, copy_project

from briefing.cli import main
from briefing.load.project import load_project
from briefing.verify.facts import Checker

PROJECT = load_project(REPO / "facts.yaml")
CHECKER = Checker(PROJECT)


@dataclass(frozen=True)
class Row:
    """One fact, the fields that replace its own, and the code expected (None: no finding at all)."""

    id: str
    fact: str
    changes: dict[str, Any]
    code: str | None


def check(fact_id: str, changes: dict[str, Any]) -> Any:
    """The verdict on one default fact with some fields replaced."""
    fact = PROJECT.facts[fact_id].model_copy(update=changes)
    return CHECKER.check_fact(fact_id, fact)


T = "text"
MUTATIONS = [
    # what a figure measures
    Row("subject-trade-as-deficit", "us-pk-goods-trade-2024",
        {T: "The US goods trade deficit with Pakistan was an estimated $7.3 billion in 2024."},
        "subject-contradicts-quote"),
    Row("subject-deficit-as-trade", "us-pk-goods-trade-deficit-2024",
        {T: "US goods trade with Pakistan was $3 billion in 2024."}, "subject-contradicts-quote"),
    Row("subject-exports-as-imports", "us-tariff-on-pakistani-exports",
        {T: "The United States imposed a 29% tariff on Pakistani imports, hitting the textile industry."},
        "subject-contradicts-quote"),
    Row("subject-dead-as-injured", "pahalgam-death-toll",
        {T: "The attack in Pahalgam left 26 injured, including several tourists."}, "subject-contradicts-quote"),
    Row("counted-tourists", "pahalgam-death-toll",
        {T: "The attack in Pahalgam killed 26 tourists and triggered heavy cross-border hostilities."},
        "counted-noun-differs"),
    Row("counted-countries", "peacekeeping-missions",
        {T: "Pakistani peacekeepers have served on the ground in 46 countries."}, "counted-noun-differs"),
    # which way it moves
    Row("direction-fell", "us-pk-goods-trade-deficit-growth-2024",
        {T: "The US goods trade deficit with Pakistan fell by 5.2% in 2024."}, "direction-contradicts-quote"),
    Row("direction-narrowed", "us-pk-goods-trade-deficit-growth-2024",
        {T: "The US goods trade deficit with Pakistan narrowed by 5.2% in 2024."}, "direction-contradicts-quote"),
    Row("direction-lifted", "us-tariff-on-pakistani-exports",
        {T: "The United States lifted a 29% tariff on Pakistani exports."}, "direction-contradicts-quote"),
    Row("direction-tariffs-increased", "trade-agreement-tariff-reduction",
        {T: "Under the agreement, tariffs are to be increased, particularly on Pakistani exports to the United "
            "States."}, "direction-contradicts-quote"),
    Row("direction-reduce-ties", "critical-minerals-collaboration",
        {T: "Washington and Islamabad discussed closer collaboration in critical minerals and mining, sectors in "
            "which Washington has signalled its intent to reduce economic ties with Pakistan."},
        "direction-contradicts-quote"),
    Row("direction-opposed", "rubio-un-support",
        {T: "Rubio opposed tackling global problems together with Pakistan."}, "direction-contradicts-quote"),
    # actors
    Row("actors-tariff-reversed", "us-tariff-on-pakistani-exports",
        {T: "Pakistan imposed a 29% tariff on US exports, hitting the textile industry."}, "actors-reversed"),
    Row("actors-call-reversed", "rubio-dar-call-2025-04-07",
        {T: "Ishaq Dar telephoned Secretary of State Marco Rubio on April 7, 2025."}, "actors-reversed"),
    Row("actor-india-for-pakistan", "trade-agreement-reached",
        {T: "The United States and India have reached a trade agreement covering tariffs and oil reserves."},
        "actor-not-in-quote"),
    Row("actor-ambassador-to-india", "horst-acting-ambassador",
        {T: "The United States appointed Elizabeth Horst, a former senior State Department official, as acting "
            "ambassador to India."}, "actor-not-in-quote"),
    Row("actor-biden", "trump-hosted-munir",
        {T: "President Biden hosted Pakistan’s Army Chief, Field Marshal Asim Munir, at the White House."},
        "actor-not-in-quote"),
    # negation
    Row("negation-added", "trade-agreement-reached",
        {T: "The United States and Pakistan have not reached a trade agreement covering tariffs and oil reserves."},
        "negation-differs"),
    Row("negation-dropped", "sanctions-committees",
        {T: "Pakistan chairs sanctions committees on terrorism, though as a member with veto power its sway has "
            "limits."}, "negation-differs"),
    Row("negation-never", "india-bilateral-position",
        {T: "India has never maintained that all disputes with Pakistan must be resolved bilaterally."},
        "negation-differs"),
    Row("negation-not-welcome", "us-investors-welcome",
        {T: "Dar said American investors were not welcome to explore Pakistan’s minerals and natural resources "
            "sector."}, "negation-differs"),
    # hedges
    Row("hedge-dropped", "us-pk-goods-trade-2024",
        {T: "US goods trade with Pakistan was $7.3 billion in 2024, according to the Office of the US Trade "
            "Representative."}, "hedge-differs"),
    Row("hedge-more-than", "us-pk-goods-trade-2023",
        {T: "US goods trade with Pakistan was more than $6.9 billion in 2023."}, "hedge-differs"),
    Row("hedge-added-about", "us-pk-goods-trade-deficit-2024",
        {T: "The US goods trade deficit with Pakistan was about $3 billion in 2024."}, "hedge-differs"),
    Row("hedge-exactly", "pakistan-mineral-reserves-estimate",
        {T: "Dar put the value of Pakistan’s mineral reserves at exactly $6–8 trillion."}, "hedge-differs"),
    Row("hedge-at-least", "pahalgam-death-toll",
        {T: "The attack in Pahalgam left at least 26 dead, including several tourists."}, "hedge-differs"),
    # events and tense
    Row("event-met-for-called", "rubio-dar-call-2025-04-07",
        {T: "Secretary of State Marco Rubio met Deputy Prime Minister and Foreign Minister Ishaq Dar on April 7, "
            "2025."}, "event-differs"),
    Row("event-collapsed", "ceasefire-2025-05-10",
        {T: "A ceasefire between India and Pakistan collapsed on May 10, 2025."}, "event-differs"),
    Row("event-called-for-met", "rubio-dar-meeting-2025-07-25",
        {T: "Dar called Rubio on July 25, 2025, to discuss trade, investment, counterterrorism and tensions "
            "between Pakistan and India."}, "event-differs"),
    Row("tense-visited", "reko-diq-delegation",
        {T: "A US delegation visited Pakistan’s Minerals Investment Forum, eyeing projects such as the Reko Diq "
            "mine."}, "tense-differs"),
    Row("tense-hosted", "counterterrorism-dialogue",
        {T: "Islamabad hosted the US–Pakistan Counterterrorism Dialogue."}, "tense-differs"),
    # statements
    Row("speaker-rubio-for-dar", "dar-china-better-deal", {"speaker": "marco-rubio",
        T: "Defending Pakistan’s relationship with China, Rubio said: “It’s a matter of who gives the better deal.”"},
        "speaker-not-credited"),
    Row("speaker-rubio-for-bruce", "bruce-trade-and-minerals", {"speaker": "marco-rubio",
        T: "Rubio said he “underscored the importance of expanding mutually beneficial bilateral trade”."},
        "speaker-not-credited"),
    Row("text-credits-rubio", "dar-composite-dialogue",
        {T: "Rubio said Pakistan remains ready for a “composite dialogue” with India."}, "text-credits-other"),
    Row("text-credits-sharif", "trump-oil-deal",
        {T: "Announcing the deal, Prime Minister Shehbaz Sharif said: “We have just concluded a Deal with the "
            "Country of Pakistan, whereby Pakistan and the United States will work together on developing their "
            "massive Oil Reserves.”"}, "text-credits-other"),
    Row("statement-gist-negated", "dar-composite-dialogue",
        {T: "Dar said Pakistan is not ready for a “composite dialogue” with India."}, "negation-differs"),
    # the figure's year
    Row("year-of-another-figure", "us-pk-goods-trade-deficit-growth-2024",
        {T: "The US goods trade deficit with Pakistan grew by 5.2% in 2023."}, "text-disagrees"),
]

PARAPHRASES = [
    Row("total-trade-came-to", "us-pk-goods-trade-2024",
        {T: "Total US goods trade with Pakistan came to an estimated $7.3 billion in 2024, according to the Office "
            "of the US Trade Representative."}, None),
    Row("trade-about", "us-pk-goods-trade-2023",
        {T: "US goods trade with Pakistan stood at about $6.9 billion in 2023, according to the USTR."}, None),
    Row("rose-over-2023", "us-pk-goods-trade-deficit-growth-2024",
        {T: "The US goods trade deficit with Pakistan rose 5.2% over 2023."}, None),
    Row("widened", "us-pk-goods-trade-deficit-growth-2024",
        {T: "The US goods trade deficit with Pakistan widened by 5.2% in 2024."}, None),
    Row("washington-slapped", "us-tariff-on-pakistani-exports",
        {T: "Washington slapped a 29% tariff on Pakistani exports, hitting the textile industry, a major employer."},
        None),
    Row("duty-on-exports", "us-tariff-on-pakistani-exports",
        {T: "The U.S. imposed a 29% duty on Pakistani exports, hitting a textile industry that employs millions."},
        None),
    Row("terms-since-1947", "unsc-terms",
        {T: "Pakistan has served eight terms on the UN Security Council since 1947."}, None),
    Row("unsc-abbreviation", "unsc-terms", {T: "Pakistan has logged eight UNSC terms."}, None),
    Row("killed-people", "pahalgam-death-toll",
        {T: "The Pahalgam attack killed 26 people, including several tourists, and triggered heavy cross-border "
            "hostilities."}, None),
    Row("served-missions", "peacekeeping-missions", {T: "Pakistani peacekeepers have served in 46 missions."}, None),
    Row("phoned", "rubio-dar-call-2025-04-07",
        {T: "On April 7, 2025, Secretary of State Marco Rubio phoned Pakistan’s Deputy Prime Minister and Foreign "
            "Minister, Ishaq Dar."}, None),
    Row("held-talks", "rubio-dar-meeting-2025-07-25",
        {T: "Dar held talks with Rubio in Washington on July 25, 2025, covering trade, investment, counterterrorism "
            "and tensions between Pakistan and India."}, None),
    Row("ceasefire-announced", "ceasefire-2025-05-10",
        {T: "A ceasefire between India and Pakistan was announced on May 10, 2025, with the region on the brink of "
            "a wider conflict."}, None),
    Row("carried-out-strikes", "india-strikes-2025-05-07",
        {T: "On May 7, 2025, India carried out retaliatory strikes on targets in Pakistan and Pakistan-administered "
            "Kashmir."}, None),
    Row("trade-deal", "trade-agreement-reached",
        {T: "Washington and Islamabad have reached a trade deal covering tariffs and oil reserves."}, None),
    Row("reserves-around", "pakistan-mineral-reserves-estimate",
        {T: "Dar said Pakistan’s mineral reserves were worth around $6–8 trillion."}, None),
    Row("without-a-veto", "sanctions-committees",
        {T: "Pakistan chairs sanctions committees on terrorism, but without veto power its sway is limited."}, None),
    Row("still-ready", "dar-composite-dialogue",
        {T: "Dar said Pakistan was still ready for a “composite dialogue” with India."}, None),
    Row("asked-about-china", "dar-china-better-deal",
        {T: "Asked about China, Dar said: “It’s a matter of who gives the better deal.”"}, None),
    Row("the-secretary", "bruce-trade-and-minerals",
        {T: "Spokesperson Tammy Bruce said the Secretary “underscored the importance of expanding mutually "
            "beneficial bilateral trade”."}, None),
    Row("received-munir", "trump-hosted-munir",
        {T: "US President Donald Trump received Field Marshal Asim Munir, Pakistan’s Army Chief, in Washington, a "
            "visible sign of thawing relations."}, None),
    Row("investors-are-welcome", "us-investors-welcome",
        {T: "Dar said American investors are welcome to explore Pakistan’s minerals and natural resources."}, None),
    Row("face-to-face", "first-in-person-meeting",
        {T: "It was the first face-to-face meeting between Rubio and Dar since Rubio took office."}, None),
    Row("deportations-reworded", "afghan-deportations",
        {T: "Rights advocates warn of hardship for Afghan migrants deported by Pakistan, which its officials call a "
            "security necessity; the United States backs Pakistan’s push to curb illegal crossings."}, None),
]


def test_enough_rows() -> None:
    assert len({r.id for r in MUTATIONS}) == len(MUTATIONS) >= 30
    assert len({r.id for r in PARAPHRASES}) == len(PARAPHRASES) >= 20


@pytest.mark.parametrize("row", MUTATIONS, ids=[r.id for r in MUTATIONS])
def test_mutation_fails(row: Row) -> None:
    verdict = check(row.fact, row.changes)
    codes = [f.code for f in verdict.findings if f.severity == "error"]
    assert not verdict.proven and row.code in codes, f"{row.fact}: expected error[{row.code}], got " + \
        "; ".join(str(f) for f in verdict.findings)
    assert all(f.subject == row.fact for f in verdict.findings)


@pytest.mark.parametrize("row", PARAPHRASES, ids=[r.id for r in PARAPHRASES])
def test_paraphrase_passes(row: Row) -> None:
    verdict = check(row.fact, row.changes)
    assert verdict.proven and not verdict.findings, "; ".join(str(f) for f in verdict.findings)


def test_mutation_through_the_cli(tmp_path, capsys) -> None:
    """End to end: the issue's first example fails `briefing check` naming the word on each side."""
    facts = copy_project(REPO, tmp_path / "project")
    text = facts.read_text(encoding="utf-8")
    old = "text: \"US goods trade with Pakistan was an estimated $7.3 billion in 2024, according"
    assert text.count(old) == 1
    facts.write_text(text.replace(old, old.replace("US goods trade with", "The US goods trade deficit with")),
                     encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["check", str(facts)])
    out = capsys.readouterr().out
    assert done.value.code == 1
    assert ("error[subject-contradicts-quote] us-pk-goods-trade-2024: the text says 'deficit'; the quote says "
            "'total goods trade'") in out
