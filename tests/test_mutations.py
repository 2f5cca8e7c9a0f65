"""Mutation tests: each targeted corruption of the default project must fail with the right finding.

Every row is data: (id, description, edit, expected subject, expected code). The edit
changes a copy of the default project (facts.yaml and sources/) in tmp_path; then
`briefing check` must exit 1 and print a finding with that code naming that subject,
at a line inside that subject's entry of facts.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from conftest import REPO, copy_project

from briefing.cli import main

Edit = Callable[[Path], None]


def sub(old: str, new: str, file: str = "facts.yaml") -> Edit:
    """An edit replacing the single occurrence of ``old`` in ``file`` (relative to the project)."""
    def apply(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{file} no longer holds exactly one {old!r}: update the mutation"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return apply


def fact_sub(fact: str, old: str, new: str) -> Edit:
    """An edit replacing the first ``old`` inside the entry of ``fact`` (or person, or source)."""
    def apply(root: Path) -> None:
        path = root / "facts.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index(f"\n  {fact}:\n")
        end = re.compile(r"\n  \S|\n\S").search(text, start + 1)
        stop = end.start() if end else len(text)
        assert old in text[start:stop], f"{fact} no longer holds {old!r}: update the mutation"
        path.write_text(text[:start] + text[start:stop].replace(old, new, 1) + text[stop:], encoding="utf-8")
    return apply


def symlink_out(root: Path) -> None:
    outside = root.parent / "outside.txt"
    target = root / "sources" / "trade-talks-final-stages.txt"
    outside.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(outside)


def latin1(root: Path) -> None:
    path = root / "sources" / "security-trade-un-role.txt"
    path.write_bytes(path.read_bytes().replace("’".encode(), b"\x92"))


@dataclass(frozen=True)
class Mutation:
    id: str
    description: str
    edit: Edit
    subject: str
    code: str


M = Mutation
MUTATIONS = [
    M("figure", "an amount's value", fact_sub("us-pk-goods-trade-2024", "value: 7.3 billion", "value: 7.4 billion"),
      "us-pk-goods-trade-2024", "value-not-in-quote"),
    M("scale-word", "billion to million", fact_sub("us-pk-goods-trade-deficit-2024", "3 billion\n", "3 million\n"),
      "us-pk-goods-trade-deficit-2024", "value-not-in-quote"),
    M("unit", "USD to EUR", fact_sub("us-pk-goods-trade-deficit-2024", "unit: USD", "unit: EUR"),
      "us-pk-goods-trade-deficit-2024", "unit-not-in-quote"),
    M("period", "the year of an amount", fact_sub("us-pk-goods-trade-2023", "period: 2023", "period: 2022"),
      "us-pk-goods-trade-2023", "period-not-in-quote"),
    M("date-one-day", "a date moved by one day", fact_sub("ceasefire-2025-05-10", "date: 2025-05-10",
                                                          "date: 2025-05-11"),
      "ceasefire-2025-05-10", "date-not-in-quote"),
    M("weekday-week-early", "'on Friday' is the latest Friday, not one a week before",
      fact_sub("rubio-dar-meeting-2025-07-25", "date: 2025-07-25", "date: 2025-07-18"),
      "rubio-dar-meeting-2025-07-25", "date-not-in-quote"),
    M("published-moved", "publication a week later moves 'on Friday'",
      fact_sub("mineral-extraction-pact", "published: 2025-07-26", "published: 2025-08-02"),
      "rubio-dar-meeting-2025-07-25", "date-not-in-quote"),
    M("published-missing", "a relative date without `published`",
      fact_sub("mineral-extraction-pact", "published: 2025-07-26", "published: null"),
      "rubio-dar-meeting-2025-07-25", "published-missing"),
    M("yearless-date-year", "a year-less date resolved to another year",
      fact_sub("india-strikes-2025-05-07", "date: 2025-05-07", "date: 2024-05-07"),
      "india-strikes-2025-05-07", "date-not-in-quote"),
    M("quote-word", "a word of a quote", fact_sub("us-pk-goods-trade-2024", "the website of", "the site of"),
      "us-pk-goods-trade-2024", "quote-not-found"),
    M("quote-source", "a quote attributed to another source",
      fact_sub("pahalgam-attack-2025-04-22", "source: trade-talks-final-stages", "source: security-trade-un-role"),
      "pahalgam-attack-2025-04-22", "quote-not-found"),
    M("speaker", "words given to someone else", fact_sub("dar-china-better-deal", "speaker: ishaq-dar",
                                                        "speaker: marco-rubio"),
      "dar-china-better-deal", "speaker-not-credited"),
    M("role", "a person's role", fact_sub("asim-munir", "role: Army Chief", "role: Air Chief"),
      "asim-munir", "role-not-in-quote"),
    M("name", "a person's name", fact_sub("jawad-paul", "name: Jawad Paul", "name: Jawad Pall"),
      "jawad-paul", "name-not-in-quote"),
    M("participant", "a participant who is not in the quote",
      fact_sub("rubio-dar-call-2025-04-07", "[marco-rubio, ishaq-dar]", "[marco-rubio, donald-trump]"),
      "rubio-dar-call-2025-04-07", "participant-not-in-quote"),
    M("location", "another place", fact_sub("rubio-dar-meeting-2025-07-25", "location: Washington",
                                            "location: Islamabad"),
      "rubio-dar-meeting-2025-07-25", "location-not-in-quote"),
    M("text-figure", "the text prints another figure", fact_sub("pahalgam-death-toll", "left 26 dead", "left 27 dead"),
      "pahalgam-death-toll", "text-disagrees"),
    M("text-date", "the text prints another day", fact_sub("ceasefire-2025-05-10", "on May 10, 2025.",
                                                           "on May 11, 2025."),
      "ceasefire-2025-05-10", "text-disagrees"),
    M("pin", "a sha256 pin that does not match",
      fact_sub("security-trade-un-role", "    url: null", "    url: null\n    sha256: " + "ab" * 32),
      "security-trade-un-role", "source-changed"),
    M("duplicate-id", "two facts with one id", sub("\n  trade-imbalance:\n", "\n  pakistan-duties-on-us-goods:\n"),
      "pakistan-duties-on-us-goods", "duplicate-key"),
    M("unknown-kind", "a kind the format does not define", fact_sub("trade-imbalance", "kind: claim", "kind: rumour"),
      "trade-imbalance", "unknown-kind"),
    M("control-character", "a BEL inside a text", fact_sub("trade-imbalance", "heavily", "heav\x07ily"),
      "trade-imbalance", "control-character"),
    M("escaped-control", "an escape sequence for ESC", fact_sub("trade-imbalance", "heavily on", "heavily\\x1b on"),
      "trade-imbalance", "control-character"),
    M("percent", "a percentage value", fact_sub("us-tariff-on-pakistani-exports", "value: 29", "value: 28"),
      "us-tariff-on-pakistani-exports", "value-not-in-quote"),
    M("count", "a count value", fact_sub("pahalgam-death-toll", "value: 26", "value: 25"),
      "pahalgam-death-toll", "value-not-in-quote"),
    M("range-bound", "a range's high bound", fact_sub("pakistan-mineral-reserves-estimate", "high: 8 trillion",
                                                      "high: 9 trillion"),
      "pakistan-mineral-reserves-estimate", "range-not-in-quote"),
    M("said-word", "a word of what was said", fact_sub("mineral-pact-timing", "not months.\"", "not years.\""),
      "mineral-pact-timing", "said-not-in-quote"),
    M("alias-removed", "the alias a quote uses", fact_sub("ishaq-dar", "[Dar, FM Dar, Foreign Minister Dar]",
                                                          "[FM Dar]"),
      "us-investors-welcome", "mention-not-in-quote"),
    M("metric-conflict", "two values for one metric and period",
      fact_sub("us-pk-goods-trade-deficit-2024", "metric: us-pk-goods-trade-deficit", "metric: us-pk-goods-trade"),
      "us-pk-goods-trade-deficit-2024", "metric-conflict"),
    M("source-edited", "a figure changed in a source file",
      sub("which left 26 dead", "which left 28 dead", "sources/trade-talks-final-stages.txt"),
      "pahalgam-death-toll", "quote-not-found"),
    M("source-deleted", "a source file removed", lambda root: (root / "sources" / "mineral-extraction-pact.txt").unlink(),
      "mineral-extraction-pact", "source-missing"),
    M("path-dotdot", "a path leading out of the project",
      fact_sub("trade-talks-final-stages", "path: sources/", "path: ../"),
      "trade-talks-final-stages", "source-outside-project"),
    M("path-absolute", "an absolute path", fact_sub("trade-talks-final-stages", "path: sources/trade-talks-final",
                                                   "path: /tmp/trade-talks-final"),
      "trade-talks-final-stages", "source-outside-project"),
    M("symlink-escape", "a source that is a symlink to a file outside", symlink_out,
      "trade-talks-final-stages", "source-outside-project"),
    M("source-not-utf8", "a source saved as Windows-1252", latin1, "security-trade-un-role", "source-not-utf8"),
    M("unknown-person", "a speaker id that is not defined", fact_sub("dar-china-better-deal", "speaker: ishaq-dar",
                                                                    "speaker: ishaq-dr"),
      "dar-china-better-deal", "unknown-person"),
    M("unknown-source", "evidence naming an undefined source",
      fact_sub("critical-minerals-collaboration", "- source: mineral-extraction-pact", "- source: mineral-pact"),
      "critical-minerals-collaboration", "unknown-source"),
    M("invalid-id", "an id with capitals", sub("\n  trade-imbalance:\n", "\n  Trade_Imbalance:\n"),
      "Trade_Imbalance", "invalid-id"),
    M("object-tag", "a tag that would construct an object",
      fact_sub("us-tariff-on-pakistani-exports", "value: 29", "value: !!python/object/apply:os.system [\"true\"]"),
      "us-tariff-on-pakistani-exports", "tag-not-allowed"),
    M("wrong-type", "a priority that is not a number", fact_sub("us-tariff-on-pakistani-exports", "priority: 4",
                                                                "priority: high"),
      "us-tariff-on-pakistani-exports", "invalid-field"),
    M("person-quote", "a word of a person's quote", fact_sub("tammy-bruce", "spokesperson Tammy", "spokeswoman Tammy"),
      "tammy-bruce", "quote-not-found"),
]


def entry_lines(text: str, subject: str) -> set[int]:
    """The 1-based lines of every entry ``subject`` of facts.yaml (key line to the next key)."""
    lines = text.split("\n")
    found: set[int] = set()
    for index, line in enumerate(lines):
        if line.rstrip() == f"  {subject}:":
            end = index + 1
            while end < len(lines) and not re.match(r"  \S|\S", lines[end]):
                end += 1
            found.update(range(index + 1, end + 1))
    return found


def test_mutation_ids_are_unique_and_enough() -> None:
    assert len({m.id for m in MUTATIONS}) == len(MUTATIONS) >= 25


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.id for m in MUTATIONS])
def test_mutation_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str], mutation: Mutation) -> None:
    root = tmp_path / "project"
    copy_project(REPO, root)
    mutation.edit(root)
    with pytest.raises(SystemExit) as done:
        main(["check", str(root / "facts.yaml")])
    out = capsys.readouterr().out
    assert done.value.code == 1, out
    pattern = re.compile(rf"^\S+:(\d+):\d+: error\[{re.escape(mutation.code)}\] {re.escape(mutation.subject)}: ",
                         re.MULTILINE)
    hits = [int(m.group(1)) for m in pattern.finditer(out)]
    assert hits, f"{mutation.description}: no error[{mutation.code}] {mutation.subject} in\n{out}"
    lines = entry_lines((root / "facts.yaml").read_text(encoding="utf-8"), mutation.subject)
    assert any(line in lines for line in hits), f"finding outside the entry of {mutation.subject}:\n{out}"
