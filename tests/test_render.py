"""The render verb end to end: check first, atomic writes, reproducibility, skip, draft, safety."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from render_helpers import MINIMAL, ROOT, briefing, copy_project

from briefing.text.normalize import normalize
from briefing.outputs.manifest import read_manifest


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project rendered once (PDF, DOCX, HTML of the briefing template)."""
    project = tmp_path_factory.mktemp("rendered")
    copy_project(MINIMAL, project)
    done = briefing("render", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    return project


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_writes_all_outputs_and_manifest(rendered: Path) -> None:
    out = rendered / "out"
    for name in ("briefing.pdf", "briefing.docx", "briefing.html"):
        assert (out / name).stat().st_size > 1000, name
    manifest = read_manifest(out)
    assert manifest is not None and not manifest.draft
    assert {(r.template, r.format) for r in manifest.outputs} == {("briefing", f) for f in ("pdf", "docx", "html")}
    assert manifest.output("briefing", "pdf").pages == len(PdfReader(out / "briefing.pdf").pages)
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


def test_pdf_and_docx_carry_the_same_facts(rendered: Path) -> None:
    import json

    record = json.loads(PdfReader(rendered / "out" / "briefing.pdf").attachments["verification.json"][0])
    proven = [ident for ident, verdict in record["facts"].items() if verdict["proven"]]
    from briefing.load.project import load_project

    project = load_project(rendered / "facts.yaml")
    pdf = " ".join(_pdf_text(rendered / "out" / "briefing.pdf").split())
    word = docx.Document(str(rendered / "out" / "briefing.docx"))
    body = " ".join(" ".join(p.text for p in word.paragraphs).split())
    tables = " ".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    for ident in proven:
        fact = project.facts[ident]
        said = normalize(getattr(fact, "said", "")).strip(" .")   # a statement's words are printed too
        for printed in (fact.text, said):
            assert normalize(printed) in normalize(pdf), ident
            assert normalize(printed) in normalize(body + " " + tables), ident
    for figure in ("$7.3 billion", "$6.9 billion", "5.2%", "July 25, 2025"):
        assert figure in pdf and (figure in body or figure in tables), figure


def test_second_render_is_skipped(rendered: Path) -> None:
    """Nothing changed: nothing is written (how fast the skip is, benchmarks/bench_render.py measures)."""
    before = (rendered / "out" / "briefing.pdf").stat().st_mtime_ns
    done = briefing("render", cwd=rendered)
    assert done.returncode == 0 and "Up to date" in done.stdout
    assert (rendered / "out" / "briefing.pdf").stat().st_mtime_ns == before


def test_rerender_is_byte_identical(tmp_path: Path, rendered: Path) -> None:
    copy_project(MINIMAL, tmp_path)
    done = briefing("render", "--force", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("briefing.pdf", "briefing.docx", "briefing.html"):
        assert (tmp_path / "out" / name).read_bytes() == (rendered / "out" / name).read_bytes(), name


def test_errors_refuse_to_render_and_write_nothing(tmp_path: Path) -> None:
    facts = copy_project(MINIMAL, tmp_path)
    facts.write_text(facts.read_text().replace("value: 7.3 billion", "value: 7.4 billion"))
    done = briefing("render", cwd=tmp_path)
    assert done.returncode == 1
    assert "error[value-not-in-quote] goods-trade-2024" in done.stdout
    assert not (tmp_path / "out").exists()


def test_draft_marks_every_page_and_leaves_the_proven_briefing_alone(tmp_path: Path) -> None:
    facts = copy_project(MINIMAL, tmp_path)
    assert briefing("render", "--format", "pdf", cwd=tmp_path).returncode == 0
    proven = (tmp_path / "out" / "briefing.pdf").read_bytes()
    facts.write_text(facts.read_text().replace("value: 7.3 billion", "value: 7.4 billion"))
    done = briefing("render", "--draft", "--format", "pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error[value-not-in-quote] goods-trade-2024" in done.stdout   # a draft says why it is one
    reader = PdfReader(tmp_path / "out" / "draft" / "briefing.pdf")
    for page in reader.pages:
        assert "DRAFT - NOT VERIFIED" in page.extract_text()
    assert read_manifest(tmp_path / "out" / "draft").draft
    assert (tmp_path / "out" / "briefing.pdf").read_bytes() == proven
    assert not read_manifest(tmp_path / "out").draft


def _previous(tmp_path: Path) -> dict[str, bytes]:
    copy_project(MINIMAL, tmp_path)
    assert briefing("render", cwd=tmp_path).returncode == 0
    return _shown(tmp_path / "out")


def _shown(out: Path) -> dict[str, bytes]:
    """The files a user sees in out/ (hidden entries hold the versions behind them)."""
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("template_text, message", [
    ("{% include 'briefing.css' %}{{ no_such_name }}", "is undefined"),
    ("<p>Trade will reach $9.9 billion.</p>{{ doc.meta.title }}", "$9.9 billion"),
    ('<img src="file:///etc/passwd">{{ doc.meta.title }}', "file:///etc/passwd"),
    ('<img src="http://example.org/x.png">{{ doc.meta.title }}', "http://example.org/x.png"),
])
def test_failed_render_leaves_previous_outputs_intact(tmp_path: Path, template_text: str, message: str) -> None:
    before = _previous(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.html.j2").write_text(template_text)
    done = briefing("render", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert _shown(tmp_path / "out") == before
    assert len(list((tmp_path / "out" / ".versions").iterdir())) == 1   # the failed attempt left nothing


def test_never_writes_outside_out(tmp_path: Path) -> None:
    copy_project(MINIMAL, tmp_path / "project")
    done = briefing("render", "--out", str(tmp_path / "elsewhere"), cwd=tmp_path / "project")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == [
        ".current", ".lock", ".versions", "briefing.docx", "briefing.html", "briefing.pdf", "manifest.json"]
    assert sorted(p.name for p in (tmp_path / "project").iterdir()) == ["facts.yaml", "sources"]


def test_factsheet_is_one_page(tmp_path: Path) -> None:
    copy_project(ROOT, tmp_path)
    done = briefing("render", "--template", "factsheet", "--format", "pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(PdfReader(tmp_path / "out" / "factsheet.pdf").pages) == 1


def test_default_project_renders(tmp_path: Path) -> None:
    copy_project(ROOT, tmp_path)
    done = briefing("render", "--template", "all", "--paper", "Letter", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    reader = PdfReader(tmp_path / "out" / "briefing.pdf")
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (612, 792)
    text = " ".join(page.extract_text() for page in reader.pages)
    for figure in ("$7.3 billion", "$3 billion", "29%", "$6-8 trillion"):
        assert figure in text, figure
    assert (tmp_path / "out" / "factsheet.docx").exists()


@pytest.mark.parametrize("setup, args, env, message", [
    ("bad-template-bytes", ["--format", "html"], {}, "is not UTF-8"),
    ("out-is-under-a-file", ["--format", "html", "--out", "afile/sub"], {}, "could not write to afile/sub"),
    ("none", ["--format", "docx"], {"SOURCE_DATE_EPOCH": "garbage"}, "SOURCE_DATE_EPOCH='garbage'"),
    ("none", ["--format", "docx"], {"SOURCE_DATE_EPOCH": "99999999999999"}, "is not a Unix time"),
])
def test_bad_environment_is_a_message_not_a_crash(tmp_path: Path, setup: str, args: list[str],
                                                  env: dict[str, str], message: str) -> None:
    copy_project(MINIMAL, tmp_path)
    if setup == "bad-template-bytes":
        (tmp_path / "templates").mkdir()
        (tmp_path / "templates" / "briefing.html.j2").write_bytes(b"\xff\xfe{{ doc.meta.title }}")
    (tmp_path / "afile").write_text("not a folder")
    done = briefing("render", *args, cwd=tmp_path, env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in done.stderr and "internal error" not in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_factsheet_docx_holds_only_what_the_factsheet_shows(tmp_path: Path) -> None:
    copy_project(ROOT, tmp_path)
    done = briefing("render", "--template", "factsheet", "--format", "docx", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    word = docx.Document(str(tmp_path / "out" / "factsheet.docx"))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "What to know" in text
    assert "Pakistan depends heavily on the US market" not in text      # a fact of the briefing only
    assert "US goods trade with Pakistan was an estimated $7.3 billion in 2024" in text
