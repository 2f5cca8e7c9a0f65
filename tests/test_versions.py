"""Drafts always render; what changed since the last version (the briefing's box, `briefing diff`)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from pypdf import PdfReader
from render_helpers import MINIMAL, briefing, copy_project

from briefing.outputs.manifest import read_manifest


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_a_draft_with_a_broken_quote_renders_every_page_marked(tmp_path: Path) -> None:
    facts = copy_project(MINIMAL, tmp_path)
    assert briefing("render", "--format", "pdf,docx", cwd=tmp_path).returncode == 0
    proven = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}
    # One character off: the finding prints the closest passage and its similarity ("99% similar").
    facts.write_text(facts.read_text().replace('quote: "up from around $6.9 billion in 2023"',
                                               'quote: "up from around $6.9 billion in 2O23"'))
    done = briefing("render", "--draft", "--format", "pdf,docx", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error[quote-not-found] goods-trade-2023" in done.stdout and re.search(r"\d\d% similar", done.stdout)
    reader = PdfReader(tmp_path / "out" / "draft" / "briefing.pdf")
    assert all("DRAFT - NOT VERIFIED" in page.extract_text() for page in reader.pages)
    assert re.search(r"\d\d% similar", _text(tmp_path / "out" / "draft" / "briefing.pdf"))   # printed, not refused
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()} == proven


def _change_figure(facts: Path) -> None:
    """$6.9 billion becomes $7.1 billion (source and fact), one fact goes, one comes."""
    source = facts.parent / "sources" / "second-call.txt"
    source.write_text(source.read_text().replace("$6.9 billion in 2023", "$7.1 billion in 2023"))
    text = facts.read_text()
    text = text.replace("$6.9 billion in 2023", "$7.1 billion in 2023").replace("value: 6.9 billion", "value: 7.1 billion")
    minerals = text.index("  minerals:\n")
    end = text.index("\ncharts:")
    text = text[:minerals] + text[minerals:end].replace("  minerals:", "  minerals-talks:") + text[end:]
    text = text.replace("  deficit-rise:", "  deficit-rise-2023:")
    facts.write_text(text)


def test_the_briefing_says_what_changed_since_the_last_render(tmp_path: Path) -> None:
    facts = copy_project(MINIMAL, tmp_path)
    assert briefing("render", "--format", "pdf,html", cwd=tmp_path).returncode == 0
    first = read_manifest(tmp_path / "out")
    assert first is not None and first.facts["goods-trade-2023"]["figure"] == "$6.9 billion"
    assert "What changed" not in _text(tmp_path / "out" / "briefing.pdf")
    _change_figure(facts)
    done = briefing("diff", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"Changes since version {first.version[:8]} (rendered, as of August 4, 2025):"
    assert "  changed  goods-trade-2023 (Goods trade, 2023): $6.9 billion \u2192 $7.1 billion" in done.stdout
    assert "  new      minerals-talks: " in done.stdout and "  removed  minerals: " in done.stdout
    data = json.loads(briefing("diff", "--format", "json", cwd=tmp_path).stdout)
    assert data["changed"] == [{"id": "goods-trade-2023", "label": "Goods trade, 2023", "old": "$6.9 billion",
                                "new": "$7.1 billion"}]
    assert {f["id"] for f in data["new"]} == {"minerals-talks", "deficit-rise-2023"}
    assert {f["id"] for f in data["removed"]} == {"minerals", "deficit-rise"}
    done = briefing("render", "--format", "pdf,html", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    text = _text(tmp_path / "out" / "briefing.pdf")
    assert f"WHAT CHANGED SINCE VERSION {first.version[:8]}".upper() in text.upper()
    assert "Goods trade, 2023: $6.9 billion → $7.1 billion" in text
    assert text.upper().index("WHAT CHANGED") < text.upper().index("KEY FIGURES")
    html = (tmp_path / "out" / "briefing.html").read_text()
    assert 'class="changes"' in html and "$6.9 billion" in html
    assert "No changes since" in briefing("diff", cwd=tmp_path).stdout   # the new render is the baseline now


def test_diff_since_a_version_and_without_any(tmp_path: Path) -> None:
    copy_project(MINIMAL, tmp_path)
    done = briefing("diff", cwd=tmp_path)
    assert done.returncode == 0 and "Nothing to compare with" in done.stdout
    done = briefing("diff", "--since", "abc", cwd=tmp_path)
    assert done.returncode == 2 and "--since abc: no kept version matches" in done.stderr
    assert "Traceback" not in done.stderr
