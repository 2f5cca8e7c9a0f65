"""Small CLI messages a new user reads: command names in hints, plurals, titles with markup characters."""
from __future__ import annotations

from pathlib import Path

import pytest

from render_helpers import MINIMAL, briefing, copy_project


@pytest.mark.parametrize("command", ["check", "render", "sources", "send"])
def test_missing_facts_file_hint_names_the_command_used(tmp_path: Path, command: str) -> None:
    done = briefing(command, cwd=tmp_path)
    assert done.returncode == 2
    assert f"give the path: briefing {command} path/to/facts.yaml" in done.stderr


@pytest.mark.parametrize("title", ["Port [/update] Upgrade", "Port [acting] Upgrade", "[bold]x[/bold]"])
def test_sources_table_prints_titles_literally(tmp_path: Path, title: str) -> None:
    facts = copy_project(MINIMAL, tmp_path)
    facts.write_text(facts.read_text().replace('"Dar holds second call with Rubio"', f'"{title}"', 1))
    done = briefing("sources", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert title in done.stdout


def test_pinning_twice_says_everything_was_already_pinned(tmp_path: Path) -> None:
    copy_project(MINIMAL, tmp_path)
    assert "Pinned 2 sources" in briefing("sources", "--pin", cwd=tmp_path).stdout
    assert "already pinned" in briefing("sources", "--pin", cwd=tmp_path).stdout


def test_up_to_date_listing_says_one_page(tmp_path: Path) -> None:
    copy_project(MINIMAL, tmp_path)
    first = briefing("render", "--template", "factsheet", "--format", "pdf", cwd=tmp_path)
    again = briefing("render", "--template", "factsheet", "--format", "pdf", cwd=tmp_path)
    assert "(1 page)" in first.stdout and "(1 page)" in again.stdout and "1 pages" not in again.stdout
