"""The bottom line (``briefing.summary``): loaded, checked like a fact's text, printed first."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, REPO, copy_project

from briefing.load.project import load_project
from briefing.verify.facts import verify

GOOD = """\
  summary:
    - text: "Goods trade reached an estimated $7.3 billion in 2024, up from $6.9 billion in 2023."
      facts: [goods-trade-2024, goods-trade-2023]
    - text: "Dar met Rubio in Washington on July 25, 2025, and seeks deeper ties."
      facts: [dar-rubio-meeting, dar-stable-ties]
    - text: "The two sides discussed critical minerals."
      facts: [minerals]
"""


def _project(tmp_path: Path, summary: str) -> Path:
    facts = copy_project(MINIMAL, tmp_path / "project")
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace('  author: "Test Desk"\n', '  author: "Test Desk"\n' + summary), encoding="utf-8")
    return facts


def _findings(facts: Path) -> list[str]:
    return [str(f) for f in verify(load_project(facts, display="facts.yaml")).findings]


def test_the_default_project_has_a_proven_bottom_line() -> None:
    report = verify(load_project(REPO / "facts.yaml"))
    assert report.ok and not report.warnings
    bullets = report.project.briefing.summary
    assert 3 <= len(bullets) <= 6
    assert all(report.facts[ident].proven for bullet in bullets for ident in bullet.facts)


def test_a_good_bottom_line_is_proven(tmp_path: Path) -> None:
    assert _findings(_project(tmp_path, GOOD)) == []


@pytest.mark.parametrize("old, new, expected", [
    # A figure none of its facts states, at the bullet's text: the same finding as a fact's text.
    ("$7.3 billion in 2024, up", "$7.4 billion in 2024, up",
     "facts.yaml:9:7: error[text-disagrees] summary-1: the text prints \"$7.4 billion\", which is not a value of "
     "the facts it rests on (goods-trade-2024: value 7.3 billion, period 2024; goods-trade-2023: value 6.9 billion, "
     "period 2023)"),
    # A date none of its facts states.
    ("on July 25, 2025,", "on July 26, 2025,", "facts.yaml:11:7: error[text-disagrees] summary-2: the text prints "
     "\"July 26, 2025\", which is not a date of the facts it rests on"),
    # A claim states no figure, so a bullet resting on claims alone prints none.
    ("discussed critical minerals.", "discussed 4 critical minerals.",
     "facts.yaml:13:7: error[text-disagrees] summary-3: the text prints \"4\""),
    ("facts: [minerals]", "facts: [no-such-fact]",
     "facts.yaml:14:15: error[unknown-fact] summary-3: fact `no-such-fact` is not defined in `facts`"),
])
def test_a_bullet_prints_only_its_facts_figures(tmp_path: Path, old: str, new: str, expected: str) -> None:
    found = _findings(_project(tmp_path, GOOD.replace(old, new)))
    assert any(line.startswith(expected) for line in found), found


def test_a_bullet_resting_on_an_unproven_fact_is_an_error(tmp_path: Path) -> None:
    facts = _project(tmp_path, GOOD)
    facts.write_text(facts.read_text().replace('quote: "up from around $6.9 billion in 2023"',
                                               'quote: "up from around $6.8 billion in 2023"'))
    found = _findings(facts)
    assert any("error[unproven-fact] summary-1: fact `goods-trade-2023` is not proven" in f for f in found), found


@pytest.mark.parametrize("count", [2, 7])
def test_three_to_six_bullets(tmp_path: Path, count: int) -> None:
    bullet = '    - text: "The two sides discussed critical minerals."\n      facts: [minerals]\n'
    found = _findings(_project(tmp_path, "  summary:\n" + bullet * count))
    assert any("error[invalid-field]" in f and "summary" in f for f in found), found


def test_summary_is_no_longer_an_unknown_key(tmp_path: Path) -> None:
    assert not any("unknown-key" in f for f in _findings(_project(tmp_path, GOOD)))
