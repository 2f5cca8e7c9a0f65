"""`suggest` and `coverage` on sources in other formats: a PDF's figures are cited by page, and prove."""
from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from source_documents import build_docx, build_pdf

from briefing.check import check
from briefing.commands.coverage import coverage
from briefing.commands.suggest import suggest


def test_a_pdf_and_a_word_source_suggest_proven_facts_located_by_page_and_section(tmp_path: Path) -> None:
    assert run_cli("init", "proj", cwd=tmp_path).returncode == 0
    project = tmp_path / "proj"
    for document in (build_pdf(tmp_path / "report.pdf"), build_docx(tmp_path / "readout.docx")):
        added = run_cli("sources", "add", str(document), cwd=project)
        assert added.returncode == 0, added.stdout + added.stderr
    facts = project / "facts.yaml"
    result = suggest(facts, ["report", "readout"], append=True)
    assert result.writable, "nothing suggested from the PDF and the Word file"
    assert all(s.location.startswith("page ") for s in result.facts if s.source_id == "report")
    assert all(s.location for s in result.facts)
    report = check(facts)
    assert report.errors == [] and all(report.facts[s.id].proven for s in result.writable)
    listed = run_cli("coverage", cwd=project)
    assert listed.returncode == 0 and "report.pdf" in listed.stdout
    items = [i for s in coverage(facts).sources if s.id in ("report", "readout") for i in s.items]
    assert items and all(i.location for i in items)
