"""Datelines against `published`, people proven by several quotes, and a project's own lexicon words."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import MINIMAL, REPO, copy_project

from briefing.load.project import load_project
from briefing.load.sources import SourceText
from briefing.verify.dateline import stated_date
from briefing.verify.facts import verify


def source(text: str) -> SourceText:
    return SourceText(id="s", path=Path("s.txt"), text=text, sha256="0" * 64)


DATELINES = [
    ("dateline", "Headline\n\nWASHINGTON, July 26, 2025 — In a significant development, ...", dt.date(2025, 7, 26)),
    ("dateline-with-state", "SPRINGFIELD, Ill., March 3, 2024 - Officials said ...", dt.date(2024, 3, 3)),
    ("published-label", "Title\n\nPublished: April 7, 2025\n\nWritten by someone", dt.date(2025, 4, 7)),
    ("posted-on", "Posted on 12 May 2025\nBody text follows here.", dt.date(2025, 5, 12)),
    ("date-line-with-weekday", "Sunday, Aug 03, 2025\n\nHome > Top Stories", dt.date(2025, 8, 3)),
    ("iso-date-line", "2025-06-30\nThe ministry said ...", dt.date(2025, 6, 30)),
    ("no-date", "ISLAMABAD: Deputy Prime Minister Ishaq Dar on Monday held a call.", None),
    ("date-inside-a-sentence", "The talks were held on July 25, 2025 in Washington, officials said.", None),
    ("updated-label-with-time", "Title\nBy Staff\nUpdated: 14 March 2025 10:32 GMT\nText", dt.date(2025, 3, 14)),
    ("agency-then-dash", "NEW DELHI (AP) — March 14, 2025\nText", dt.date(2025, 3, 14)),
    ("mixed-case-city-and-dash", "Nairobi, Kenya – March 14, 2025: The talks ended.", dt.date(2025, 3, 14)),
    ("wire-dateline-without-year", "ISLAMABAD, Oct 12 (Reuters) - A bomb exploded.", None),
    ("mixed-case-sentence", "Kenya, the ministry said on March 14, 2025, will cut duties.", None),
]

# A wire dateline states a month and day; with `published` it is read in that year.
YEARLESS = [
    ("reuters", "ISLAMABAD, Oct 12 (Reuters) - A bomb exploded.", dt.date(2025, 10, 13), dt.date(2025, 10, 12)),
    ("city-and-country", "COTABATO CITY, Philippines, Oct 12 (Wire) – A bomb exploded.", dt.date(2025, 10, 12),
     dt.date(2025, 10, 12)),
    ("no-agency", "KABUL, May 3 - Taliban officials said.", dt.date(2025, 5, 3), dt.date(2025, 5, 3)),
    ("month-and-day-in-a-sentence", "KABUL: Officials met on May 3 to talk.", dt.date(2025, 5, 3), None),
]


@pytest.mark.parametrize("case,text,published,expected", YEARLESS, ids=[d[0] for d in YEARLESS])
def test_wire_dateline_without_a_year(case: str, text: str, published: dt.date, expected: dt.date | None) -> None:
    found = stated_date(source(text), published)
    assert (found.date if found else None) == expected
    assert found is None or found.yearless


@pytest.mark.parametrize("case,text,expected", DATELINES, ids=[d[0] for d in DATELINES])
def test_stated_date(case: str, text: str, expected: dt.date | None) -> None:
    found = stated_date(source(text))
    assert (found.date if found else None) == expected


def test_published_must_agree_with_the_dateline(tmp_path: Path) -> None:
    facts = copy_project(REPO, tmp_path / "project")
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("published: 2025-07-26    # dateline", "published: 2025-07-27    # dateline"),
                     encoding="utf-8")
    report = verify(load_project(facts))
    found = [f for f in report.findings if f.code == "published-disagrees"]
    assert len(found) == 1 and found[0].subject == "mineral-extraction-pact"
    assert "July 26, 2025" in found[0].message and "2025-07-27" in found[0].message


def test_missing_published_is_suggested_not_filled(tmp_path: Path) -> None:
    facts = copy_project(REPO, tmp_path / "project")
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("published: 2025-04-07    # \"Published: April 7, 2025\"", "published: null"),
                     encoding="utf-8")
    project = load_project(facts)
    report = verify(project)
    found = [f for f in report.findings if f.code == "published-stated"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "add `published: 2025-04-07`" in found[0].message
    assert project.sources["security-trade-un-role"].published is None


PEOPLE_EVIDENCE = '''
  joe-biden:
    name: Joe Biden
    role: President
    evidence:
      - source: second-call
        quote: "{first}"
      - source: pact
        quote: "{second}"
'''


def _with_person(tmp_path: Path, first: str, second: str) -> Path:
    facts = copy_project(MINIMAL, tmp_path / "project")
    for name, added in (("second-call.txt", "Joe Biden spoke.\n"), ("pact.txt", "The President agreed.\n\n"
                                                                                "Joe Biden spoke.\n")):
        path = facts.parent / "sources" / name
        path.write_text(path.read_text(encoding="utf-8") + "\n" + added, encoding="utf-8")
    text = facts.read_text(encoding="utf-8").replace("\npeople:\n", "\npeople:\n" + PEOPLE_EVIDENCE.format(
        first=first, second=second), 1)
    facts.write_text(text, encoding="utf-8")
    return facts


def test_name_from_one_quote_role_from_another(tmp_path: Path) -> None:
    report = verify(load_project(_with_person(tmp_path, "Joe Biden spoke.", "The President agreed.")))
    assert report.people["joe-biden"].proven, [str(f) for f in report.findings]
    assert [c.source_id for c in report.people["joe-biden"].cited] == ["second-call", "pact"]


def test_role_in_no_quote_is_an_error(tmp_path: Path) -> None:
    report = verify(load_project(_with_person(tmp_path, "Joe Biden spoke.", "Joe Biden spoke.")))
    codes = [f.code for f in report.people["joe-biden"].findings]
    assert codes == ["role-not-in-quote"]


def test_project_extends_the_lexicon(tmp_path: Path) -> None:
    facts = copy_project(REPO, tmp_path / "project")
    text = facts.read_text(encoding="utf-8")
    old = "text: \"Pakistan depends heavily on the US market, while its exports barely register in America’s trade.\""
    assert old in text
    text = text.replace(old, "text: \"Pakistan hugs the US market, while its exports barely register in "
                             "America’s trade.\"")
    facts.write_text(text, encoding="utf-8")
    assert verify(load_project(facts)).ok   # an unknown verb is no lexicon word: nothing to prove
    lexicon = "\nlexicon:\n  directions:\n    stance:\n      oppose: [shun]\n  negations: [scarcely]\n"
    facts.write_text(text.replace("barely register", "scarcely register").replace("hugs", "shuns") + lexicon,
                     encoding="utf-8")
    report = verify(load_project(facts))
    codes = {f.code for f in report.findings if f.subject == "trade-imbalance"}
    assert {"negation-differs", "text-word-unsupported"} <= codes, [str(f) for f in report.findings]


def test_lexicon_block_is_validated(tmp_path: Path) -> None:
    facts = copy_project(MINIMAL, tmp_path / "project")
    facts.write_text(facts.read_text(encoding="utf-8") + "\nlexicon:\n  synonymz: [a, b]\n", encoding="utf-8")
    project = load_project(facts)
    assert [f.code for f in project.findings] == ["unknown-key"]


def test_every_section_of_the_shipped_lexicon_can_be_extended_by_a_project() -> None:
    import yaml

    from briefing.load.model import LexiconExtension

    shipped = yaml.safe_load((REPO / "briefing" / "verify" / "data" / "lexicon.yaml").read_text(encoding="utf-8"))
    assert set(LexiconExtension.model_fields) == set(shipped)
    LexiconExtension.model_validate(shipped)        # the shipped file is itself a valid extension


def test_a_project_verb_joins_its_class_and_keeps_the_shipped_ones(tmp_path: Path) -> None:
    from briefing.verify.lexicon import for_project

    facts = copy_project(MINIMAL, tmp_path / "project")
    facts.write_text(facts.read_text(encoding="utf-8") + "\nlexicon:\n  agent_verbs:\n    impose: [foist]\n"
                     "  actor_of:\n    commerce-ministry: pakistan\n  flow_modifiers: [textile]\n", encoding="utf-8")
    project = load_project(facts)
    assert project.findings == [], [str(f) for f in project.findings]
    data = for_project(project.lexicon).data
    assert "foist" in data["agent_verbs"]["impose"] and "slap" in data["agent_verbs"]["impose"]
    assert "attack" in data["agent_verbs"] and data["actor_of"]["commerce-ministry"] == "pakistan"
    assert {"textile", "goods"} <= set(data["flow_modifiers"])
