"""`briefing check` on a project whose sources write figures and dates as South Asian and wire copy does."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

SOURCE = """Budget 2025-26: Centre earmarks Rs 11.11 lakh crore for capex
Published Monday, November 7, 2016

The Centre has earmarked Rs 11.11 lakh crore for capital expenditure, the minister said.
A fine of Rs 12,34,567 was imposed on the contractor.
Canada pledged C$ 50 million and New Zealand NZ$ 5 million; a Mex$ 10 million fine followed.
"I'll go back on Friday," the minister told reporters, two days after the vote.
The SBP raised the policy rate by 50 basis points; inflation eased to twenty per cent.
The committee met the day before yesterday and hosted donors in June.
The order was dated 03/04/2016.
"""

FACTS = """briefing:
  title: "Reading test"
  as_of: 2016-11-07
  marking: "UNCLASSIFIED"
  author: "Desk"
sources:
  budget:
    path: sources/budget.txt
    title: "Budget"
    published: 2016-11-07
facts:
  capex:
    kind: amount
    topic: t
    text: "The Centre earmarked Rs 11.11 lakh crore for capital spending."
    value: 11.11 lakh crore
    unit: INR
    source: budget
    quote: "earmarked Rs 11.11 lakh crore for capital expenditure"
  fine:
    kind: amount
    topic: t
    text: "The contractor was fined Rs 12,34,567."
    value: 1234567
    unit: INR
    source: budget
    quote: "A fine of Rs 12,34,567 was imposed"
  canada:
    kind: amount
    topic: t
    text: "Canada pledged C$ 50 million."
    value: 50 million
    unit: CAD
    source: budget
    quote: "Canada pledged C$ 50 million"
  mexico-not-usd:
    kind: amount
    topic: t
    text: "A $10 million fine followed."
    value: 10 million
    unit: USD
    source: budget
    quote: "a Mex$ 10 million fine followed"
  return:
    kind: date
    topic: t
    text: "The minister goes back on Friday, November 11, 2016."
    date: 2016-11-11
    source: budget
    quote: "\\"I'll go back on Friday,\\" the minister told reporters"
  rate:
    kind: percent
    topic: t
    text: "The SBP raised the policy rate by 50 basis points."
    value: 50
    unit: basis points
    source: budget
    quote: "raised the policy rate by 50 basis points"
  inflation:
    kind: percent
    topic: t
    text: "Inflation eased to twenty per cent."
    value: 20
    source: budget
    quote: "inflation eased to twenty per cent"
  meeting:
    kind: date
    topic: t
    text: "The committee met on November 5, 2016."
    date: 2016-11-05
    source: budget
    quote: "The committee met the day before yesterday"
  donors:
    kind: date
    topic: t
    text: "The committee hosted donors in June 2016."
    date: 2016-06
    source: budget
    quote: "hosted donors in June"
  order:
    kind: date
    topic: t
    text: "The order is dated March 4, 2016."
    date: 2016-03-04
    source: budget
    quote: "The order was dated 03/04/2016."
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "budget.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")
    return tmp_path


def test_check_proves_whole_readings_and_names_the_part_it_could_not_read(tmp_path: Path) -> None:
    result = run_cli("check", "--format", "json", cwd=_project(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    proven = {ident for ident, verdict in data["facts"].items() if verdict["proven"]}
    assert proven == {"capex", "fine", "canada", "return", "rate", "inflation", "meeting", "donors"}
    by_fact = {f["fact"]: f for f in data["findings"]}
    assert by_fact["mexico-not-usd"]["code"] == "unit-not-in-quote"
    assert "MXN" in by_fact["mexico-not-usd"]["message"]
    assert by_fact["order"]["code"] == "figure-not-understood"
    assert "read day first" in by_fact["order"]["message"] and by_fact["order"]["line"] > 0


def test_month_fact_is_printed_as_a_month_and_passes_the_output_audit(tmp_path: Path) -> None:
    """Render writes PDF, DOCX and HTML; the audit re-reads them and accepts lakh crore and month dates."""
    project = _project(tmp_path)
    facts = project / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    keep = text[:text.index("  mexico-not-usd:")] + text[text.index("  return:"):text.index("  order:")]
    facts.write_text(keep, encoding="utf-8")
    result = run_cli("render", "--out", "out", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "out" / "briefing.html").read_text(encoding="utf-8")
    assert "June 2016" in html and "June 1, 2016" not in html
    assert (project / "out" / "briefing.pdf").stat().st_size > 0 and (project / "out" / "briefing.docx").exists()
