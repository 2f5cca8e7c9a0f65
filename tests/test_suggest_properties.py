"""Property tests: whatever a source says, `suggest` never raises, and what it appends is proven."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.check import check
from briefing.commands.coverage import coverage
from briefing.commands.suggest import suggest

FACTS = """briefing:
  title: "Property test"
  as_of: 2025-08-04
  marking: "UNCLASSIFIED"
  sections:
    economy: "Economy"
sources:
  article:
    path: sources/article.txt
    title: "Article"
    published: 2025-08-03
facts:
"""
# Pieces of news writing, put together at random: figures, dates, quotations, names and roles, noise.
PIECES = st.sampled_from([
    "Finance Minister Ayesha Khan", "said", "told reporters:", "added", "he said.", "“", "”", "\"", "'", ",", ".",
    "$7.3 billion", "€12bn", "Rs 500 crore", "29%", "5.2 per cent", "3 percentage points", "$6-8 trillion",
    "between 3 and 5 million people", "rose from $4.1 billion to $5.3 billion", "up from around $6.9 billion",
    "in 2024", "in 2023", "26 dead", "eight terms", "the two sides", "three years", "on Friday", "last month",
    "on May 7", "July 25, 2025", "next week", "tomorrow", "WASHINGTON, July 26, 2025 —", "Also Read |",
    "Exports", "trade with Pakistan", "was", "will meet", "the ministry", "Secretary of State Marco Rubio",
    "Rubio", "Mr.", "U.S.", "\n", "\n\n", "—", "(", ")", ":", ";", "2025-13-45", "May 32", "99999999999999999999",
])
ARTICLE = st.lists(PIECES, min_size=1, max_size=40).map(" ".join)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])


@given(article=ARTICLE)
@SETTINGS
def test_whatever_the_source_says_every_appended_suggestion_is_proven(tmp_path: Path, article: str) -> None:
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "article.txt").write_text(article, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(FACTS, encoding="utf-8")
    result = suggest(facts, ["article"], append=True)
    assert result.exit_code == 0
    report = check(facts)
    appended = {s.id for s in result.writable} | {p.id for p in result.new_people}
    assert [f for f in report.errors if f.subject in appended] == [], article   # the source's own errors aside
    assert all(report.facts[s.id].proven for s in result.writable)
    assert coverage(facts).sources[0].share >= 0


@pytest.mark.parametrize("command", [["suggest", "article"], ["coverage"]])
def test_an_unreadable_source_is_exit_1_with_its_finding(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")        # sources/article.txt does not exist
    done = run_cli(*command, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "source-missing" in done.stdout + done.stderr and "Traceback" not in done.stderr
