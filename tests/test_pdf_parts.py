"""A long briefing is laid out in parts: its layout memory stays bounded, its pages stay the same.

A 300-fact synthetic briefing (14 pages) is written twice in fresh processes:
laid out whole, and in parts of 20,000 characters (BRIEFING_PART_TEXT), about
six parts. The whole layout needs about 120 MB more than the process held
before it; in parts, about 50 MB. The two PDFs must read the same, page by
page: the same page breaks, "Page X of 14" on every page, the same note
numbers, every note mark a link to a named destination that exists, the same
tagged structure and outline, and the verification record attached.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import make_project  # noqa: E402

#: Growth of the peak memory (MB) while one PDF is written. The whole layout of
#: this briefing grows the process by about 120 MB; laid out in parts, by about 50 MB.
PARTS_BOUND_MB = 85
WRITE = """
import gc, json, sys
from pathlib import Path
from briefing.check import check
from briefing.document.compose import build_document
from briefing.document.variants import for_template
from briefing.load.templates import template_dirs
from briefing.writers.html import render_html
from briefing.writers.pdf import write_pdf
import weasyprint  # imported before the measure, as the PDF process does
report = check(Path(sys.argv[1]), None)
doc = for_template(build_document(report, draft=False, paper=None), "briefing", True)
dirs = template_dirs(report.project.root)
html = render_html(doc, "briefing", dirs)
def peak_kib():   # this process's own peak (ru_maxrss would carry the forking parent's over exec)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
gc.collect()
before = peak_kib()
data = write_pdf(doc, html, dirs)
after = peak_kib()
Path(sys.argv[2]).write_bytes(data)
print(json.dumps({"growth_mb": (after - before) / 1024}))
"""


def _write(facts: Path, out: Path, part_text: int) -> float:
    env = {**os.environ, "BRIEFING_PART_TEXT": str(part_text)}
    run = subprocess.run([sys.executable, "-c", WRITE, str(facts), str(out)], env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    return float(json.loads(run.stdout.strip().splitlines()[-1])["growth_mb"])


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("long")
    facts = make_project(root / "project", 300, 30)
    whole_growth = _write(facts, root / "whole.pdf", 10**9)
    parts_growth = _write(facts, root / "parts.pdf", 20_000)
    return {"whole": (root / "whole.pdf").read_bytes(), "parts": (root / "parts.pdf").read_bytes(),
            "whole_growth": whole_growth, "parts_growth": parts_growth}


def _pages(data: bytes) -> list[str]:
    from briefing.writers.pdf_text import pdf_pages_text

    return pdf_pages_text(data)[0]


def test_parts_bound_the_layout_memory(pdfs: dict[str, object]) -> None:
    assert pdfs["whole_growth"] > PARTS_BOUND_MB, "the whole layout of this briefing should need more"
    assert pdfs["parts_growth"] < PARTS_BOUND_MB


def test_parts_read_the_same_page_by_page(pdfs: dict[str, object]) -> None:
    whole, parts = _pages(pdfs["whole"]), _pages(pdfs["parts"])   # type: ignore[arg-type]
    assert len(parts) == len(whole) == 14
    for number, (expected, got) in enumerate(zip(whole, parts), start=1):
        assert got == expected, f"page {number} reads differently when laid out in parts"
        assert f"Page {number} of 14" in got
    notes = " ".join(parts)
    assert "352 line 1:41" in notes       # the last quote's note number, in the appendix


def _links(reader: PdfReader) -> list[str]:
    return [str(annotation.get_object()["/Dest"]) for page in reader.pages
            for annotation in page.get("/Annots", []) or [] if "/Dest" in annotation.get_object()]


def _destinations(reader: PdfReader) -> set[str]:
    names = reader.trailer["/Root"]["/Names"]["/Dests"]["/Names"]
    return {str(names[index]) for index in range(0, len(names), 2)}


def test_parts_keep_links_tags_outline_and_record(pdfs: dict[str, object]) -> None:
    whole = PdfReader(io.BytesIO(pdfs["whole"]))    # type: ignore[arg-type]
    parts = PdfReader(io.BytesIO(pdfs["parts"]))    # type: ignore[arg-type]
    links = _links(parts)
    assert links == _links(whole) and len(links) > 300
    assert set(links) <= _destinations(parts) == _destinations(whole)
    root = parts.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en"
    tree, expected = root["/StructTreeRoot"], whole.trailer["/Root"]["/StructTreeRoot"]
    assert len(tree["/ParentTree"]["/Nums"]) == len(expected["/ParentTree"]["/Nums"])
    assert len(tree["/K"][0].get_object()["/K"]) == len(expected["/K"][0].get_object()["/K"])
    assert [item.title for item in parts.outline if not isinstance(item, list)] == \
        [item.title for item in whole.outline if not isinstance(item, list)]
    assert list(parts.attachments) == ["verification.json"]
    assert parts.metadata.title == whole.metadata.title
