"""`briefing coverage`: per source, the figures and dates no fact cites, at their line:col, and the share."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES, REPO, copy_project, run_cli

from briefing.commands.coverage import coverage
from briefing.commands.suggest import suggest
from briefing.text.normalize import normalize

NEWS = FIXTURES / "suggest-news"


def at(path: Path, line: int, column: int, length: int) -> str:
    """The text of a file at 1-based line and column, normalised, ``length`` characters or more."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return normalize(lines[line - 1][column - 1:] + " " + " ".join(lines[line:line + 2]))[:length + 20]


def test_every_item_is_where_it_says_and_cited_items_name_a_fact() -> None:
    result = coverage(REPO / "facts.yaml")
    facts = set(result.report.project.facts)
    assert len(result.sources) == 5
    for source in result.sources:
        path = REPO / result.report.project.sources[source.id].path
        assert source.items, source.id
        for item in source.items:
            assert at(path, item.line, item.column, len(item.text)).startswith(normalize(item.text).split()[0])
            assert item.cited_by is None or item.cited_by in facts | {"published"}
        assert source.share == source.covered / len(source.items)


def test_the_default_base_cites_each_figure_its_facts_state() -> None:
    result = {s.id: s for s in coverage(REPO / "facts.yaml").sources}
    figures = [i for s in result.values() for i in s.items if i.kind != "date"]
    assert figures and {i.text for i in figures if not i.cited_by} == {"three years"}
    uncited = {(i.text, i.reads) for i in result["counterterror-critical-minerals"].uncited}
    assert ("Friday", "needs published") in uncited      # the source has no published date
    assert "five jets" not in {i.text for i in figures}  # an "Also Read | …" line links to another article


def test_appending_the_suggestions_raises_the_share(tmp_path: Path) -> None:
    facts = copy_project(NEWS, tmp_path)
    before = {s.id: s for s in coverage(facts).sources}
    assert before["wire"].share > before["relief"].share
    assert {i.text for i in before["relief"].uncited} >= {"€12 billion", "$4.1 billion", "350 staff"}
    suggest(facts, ["relief"], append=True)
    after = {s.id: s for s in coverage(facts).sources}
    assert after["relief"].share > before["relief"].share
    assert "$4.1 billion" not in {i.text for i in after["relief"].uncited}


def test_cli_text_and_json_agree(tmp_path: Path) -> None:
    copy_project(NEWS, tmp_path)
    text = run_cli("coverage", cwd=tmp_path)
    data = run_cli("coverage", "--format", "json", cwd=tmp_path)
    assert text.returncode == data.returncode == 0, text.stderr + data.stderr
    parsed = json.loads(data.stdout)
    relief = parsed["sources"]["relief"]
    assert f"relief: {relief['covered']} of {relief['total']} figures and dates cited" in text.stdout
    uncited = [i for i in relief["items"] if i["cited_by"] is None]
    first = uncited[0]
    assert f"sources/relief.txt:{first['line']}:{first['column']}: {first['kind']} \"{first['text']}\"" in text.stdout
    assert text.stdout.rstrip().splitlines()[-1].endswith("across 2 sources")
