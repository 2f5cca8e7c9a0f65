"""`briefing init` and `briefing sources add|show` as a user runs them, on real files the tests build."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from source_documents import PAGE_TWO_QUOTE, build_docx, build_html, build_pdf, cite_page_two


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            and "out" not in p.relative_to(folder).parts}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new project made by `briefing init`."""
    result = run_cli("init", "proj", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "proj"


def _json_check(folder: Path) -> dict:
    result = run_cli("check", "--format", "json", cwd=folder)
    return json.loads(result.stdout)


def test_init_project_checks_and_renders(project: Path) -> None:
    assert run_cli("check", cwd=project).stdout == "7 facts and 2 people proven; 0 errors, 0 warnings\n"
    text = (project / "facts.yaml").read_text(encoding="utf-8")
    for section in ("briefing:", "sources:", "people:", "facts:"):
        assert f"\n{section}" in text
    kinds = {line.split("kind:")[1].split()[0] for line in text.splitlines() if line.strip().startswith("kind:")}
    assert kinds == {"amount", "percent", "count", "range", "date", "statement", "claim"}
    assert (project / ".gitignore").read_text() == "out/\n"
    assert run_cli("send", "--dry-run", cwd=project).returncode == 1      # nothing rendered yet: send refuses
    rendered = run_cli("render", cwd=project)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    from pypdf import PdfReader
    pages = "".join(page.extract_text() for page in PdfReader(project / "out" / "briefing.pdf").pages)
    assert "$4.2 billion" in pages and "Lisbon" in pages
    assert run_cli("send", "--dry-run", cwd=project).returncode == 0     # the example stakeholders work


def test_init_never_overwrites(project: Path) -> None:
    before = _tree(project)
    result = run_cli("init", str(project))
    assert result.returncode == 1 and "already exist" in result.stdout
    assert _tree(project) == before


def test_add_pdf_cites_page_two_and_keeps_layout(project: Path, tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "US Pakistan Report.pdf")
    facts = project / "facts.yaml"
    before = facts.read_text(encoding="utf-8")
    result = run_cli("sources", "add", str(pdf), "--id", "report", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 pages" in result.stdout
    after = facts.read_text(encoding="utf-8")
    kept = [line for line in after.splitlines() if line in before.splitlines()]
    assert kept == before.splitlines()                     # every line (comments too) kept, in order
    assert (project / "sources" / "US-Pakistan-Report.pdf").read_bytes() == pdf.read_bytes()
    import hashlib
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() in after
    assert 'title: "US and Pakistan Discuss Security, Trade, and UN Role"' in after   # the PDF's own title
    assert "publisher: null" in after and "published: null" in after                # never guessed
    cite_page_two(facts, "report")
    record = _json_check(project)
    assert record["ok"], record["findings"]
    citation = record["facts"]["rubio-dar-call"]["citations"][0]
    assert citation["location"] == "page 2"
    shown = run_cli("sources", "show", "report", cwd=project).stdout
    assert PAGE_TWO_QUOTE in shown and "Page 2 of 5" not in shown
    rendered = run_cli("render", cwd=project)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    from pypdf import PdfReader
    printed = " ".join(page.extract_text() for page in PdfReader(project / "out" / "briefing.pdf").pages)
    # The endnote of the PDF briefing reads "source short title, page 2"; the appendix cites the page too.
    assert "US and Pakistan Discuss Security, Trade\u2026, page 2" in " ".join(printed.split())
    from briefing.writers.audit import html_text
    page = " ".join(html_text((project / "out" / "briefing.html").read_bytes()).split())
    assert "Trade\u2026, page 2" in page and f"page 2 {PAGE_TWO_QUOTE}" in page
    import docx
    document = docx.Document(project / "out" / "briefing.docx")
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "page 2" in cells


def test_add_html_and_docx_cite_sections(project: Path, tmp_path: Path) -> None:
    facts = project / "facts.yaml"
    assert run_cli("sources", "add", str(build_pdf(tmp_path / "report.pdf")), cwd=project).returncode == 0
    result = run_cli("sources", "add", str(build_html(tmp_path / "joint-statement.html")), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_cli("sources", "add", str(build_docx(tmp_path / "readout.docx")), cwd=project).returncode == 0
    text = facts.read_text(encoding="utf-8")
    assert 'publisher: "Office of the United States Trade Representative"' in text
    assert "published: 2025-07-31" in text
    cite_page_two(facts, "report")
    with facts.open("a", encoding="utf-8") as handle:
        handle.write("""
  goods-trade-html:
    kind: amount
    topic: trade
    text: "US total goods trade with Pakistan was an estimated $7.3 billion in 2024."
    value: 7.3 billion
    unit: USD
    period: 2024
    source: joint-statement
    quote: "US total goods trade with Pakistan was an estimated $7.3 billion in 2024"
  tariff-docx:
    kind: percent
    topic: trade
    text: "Both sides welcomed the reciprocal tariff of 19 percent."
    value: 19
    source: readout
    quote: "Both sides welcomed the reciprocal tariff of 19 percent agreed in July."
""")
    record = _json_check(project)
    assert record["ok"], record["findings"]
    where = {ident: record["facts"][ident]["citations"][0]["location"]
             for ident in ("rubio-dar-call", "goods-trade-html", "tariff-docx")}
    assert where == {"rubio-dar-call": "page 2", "goods-trade-html": 'section "Tariffs", paragraph 3',
                     "tariff-docx": 'section "Tariffs", paragraph 2'}
    shown = run_cli("sources", "show", "joint-statement", cwd=project).stdout
    for absent in ("cookies", "Home", "dataLayer", "Late script", "Related", "All rights reserved"):
        assert absent not in shown


def _broken_inputs(tmp_path: Path) -> list[tuple[Path, str]]:
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    good = build_pdf(tmp_path / "good.pdf")
    writer = PdfWriter(clone_from=PdfReader(good))
    writer.encrypt(user_password="secret", owner_password="owner")
    encrypted = tmp_path / "encrypted.pdf"
    with encrypted.open("wb") as handle:
        writer.write(handle)
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(good.read_bytes()[:600])
    scanned = tmp_path / "scanned.pdf"
    HTML(string="<div style='width:10cm;height:12cm;background:#333'></div>").write_pdf(scanned)
    empty_page = tmp_path / "index.html"
    empty_page.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    bad_docx = tmp_path / "readout.docx"
    bad_docx.write_bytes(b"PK\x03\x04 not really a zip")
    latin1 = tmp_path / "notes.txt"
    latin1.write_bytes("Caf\xe9 menu".encode("latin-1"))
    return [(encrypted, "encrypted"), (corrupt, "not a readable PDF"), (scanned, "no text layer"),
            (empty_page, "no main text"), (bad_docx, "not a readable Word document"), (latin1, "not UTF-8")]


def test_failed_add_changes_nothing(project: Path, tmp_path: Path) -> None:
    for path, reason in _broken_inputs(tmp_path):
        before = _tree(project)
        result = run_cli("sources", "add", str(path), cwd=project)
        assert result.returncode == 1, (path.name, result.stdout, result.stderr)
        assert reason in result.stdout and "Nothing added" in result.stdout and "Traceback" not in result.stderr
        assert _tree(project) == before, path.name


def test_changed_document_is_an_error(project: Path, tmp_path: Path) -> None:
    assert run_cli("sources", "add", str(build_pdf(tmp_path / "report.pdf")), cwd=project).returncode == 0
    cite_page_two(project / "facts.yaml", "report")
    build_pdf(project / "sources" / "report.pdf", title="Another title")     # same text, other bytes
    result = run_cli("check", cwd=project)
    assert result.returncode == 1 and "error[source-changed] report" in result.stdout


def test_add_refuses_taken_id_and_missing_file(project: Path, tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "report.pdf")
    taken = run_cli("sources", "add", str(pdf), "--id", "trade-framework", cwd=project)
    assert taken.returncode == 2 and "already in facts.yaml" in taken.stderr
    missing = run_cli("sources", "add", str(tmp_path / "nope.pdf"), cwd=project)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_pages_without_text_are_named(project: Path, tmp_path: Path) -> None:
    from weasyprint import HTML

    mixed = tmp_path / "mixed.pdf"
    HTML(string="<p>The two ministers met in Lisbon on Wednesday to discuss trade.</p>"
                "<div style='break-before: page; width: 8cm; height: 8cm; background: #444'></div>").write_pdf(mixed)
    result = run_cli("sources", "add", str(mixed), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 pages" in result.stdout and "page 2: no text" in result.stdout


def test_check_reports_an_unreadable_document_and_rederives_a_lost_cache(project: Path, tmp_path: Path) -> None:
    assert run_cli("sources", "add", str(build_pdf(tmp_path / "report.pdf")), cwd=project).returncode == 0
    cite_page_two(project / "facts.yaml", "report")
    cache = project / "out" / ".cache"
    import shutil
    shutil.rmtree(cache)
    assert run_cli("check", cwd=project).returncode == 0 and any(cache.rglob("*.pdf.v*.json"))
    (project / "sources" / "broken.pdf").write_bytes(b"%PDF-1.4\n not a real body")
    with (project / "facts.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  broken-claim:\n    kind: claim\n    topic: trade\n    text: \"Talks continue.\"\n"
                     "    source: broken\n    quote: \"Talks continue.\"\n")
    text = (project / "facts.yaml").read_text(encoding="utf-8")
    text = text.replace("\n# Officials:", "\n  broken:\n    path: sources/broken.pdf\n    title: Broken\n\n# Officials:")
    (project / "facts.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "source-unreadable" in line)
    assert "error[source-unreadable] broken: sources/broken.pdf is not a readable PDF" in line
    number = text[:text.index("path: sources/broken.pdf")].count("\n") + 1
    assert line.startswith(f"facts.yaml:{number}:")


def test_add_refuses_what_is_not_a_regular_file(project: Path, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    before = _tree(project)
    for target in (fifo, tmp_path):
        result = run_cli("sources", "add", str(target), cwd=project)
        assert result.returncode == 1 and "not a regular file" in result.stdout, result.stdout + result.stderr
    assert _tree(project) == before
