"""Tests of the HTML writer: templates, autoescaping, StrictUndefined errors."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sample_document import sample_document

from briefing.errors import RenderError
from briefing.writers.audit import html_text
from briefing.writers.html import (
    builtin_template_dir,
    make_environment,
    render_html,
    template_dirs,
)

DIRS = [builtin_template_dir()]


def test_template_dirs_project_first(tmp_path: Path) -> None:
    assert template_dirs(tmp_path) == [builtin_template_dir()]
    (tmp_path / "templates").mkdir()
    assert template_dirs(tmp_path) == [tmp_path / "templates", builtin_template_dir()]
    assert (builtin_template_dir() / "briefing.html.j2").is_file()


def test_briefing_contains_everything() -> None:
    doc = sample_document()
    html = render_html(doc, "briefing", DIRS)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    for text in ("$7.3 billion", "29%", "As of", "August 4, 2025", "UNCLASSIFIED",
                 "Policy Planning Desk", "Ishaq Dar", "Who&rsquo;s who", "Bottom line",
                 "Appendix: provenance", doc.sources[0].sha256, "line 19:30", "<svg", 'role="img"',
                 "Trade and tariffs", "Diplomacy", '<q class="said">', "<table>", "<thead>"):
        assert text in html, text
    text = " ".join(html_text(html.encode()).split())
    assert "qualitative claim" not in text.lower()   # a claim is attributed reporting, not a badge
    assert "critical minerals. \u2014 Second call" in text
    # each verbatim quote is printed once, in the appendix; the body carries one mark per source per sentence
    for source in doc.sources:
        for entry in source.quotes:
            assert text.count(entry.quote) == 1, entry.quote
    assert html.count('href="#note-') == len(doc.notes) >= len(doc.facts)
    assert "DRAFT - NOT VERIFIED" not in html and "<style>" in html
    assert "http" not in html.split("<body")[0].replace("http://www.w3.org", "")


def test_draft_marks_unproven_facts() -> None:
    html = render_html(sample_document(draft=True), "briefing", DIRS)
    assert "DRAFT - NOT VERIFIED" in html
    assert "Unproven" in html
    assert "quote-not-found: the quote is not in the source" in html


def test_factsheet_has_top_facts_and_timeline() -> None:
    doc = sample_document(template="factsheet")
    html = render_html(doc, "factsheet", DIRS)
    text = " ".join(html_text(html.encode()).split())
    for fact in doc.top_facts:
        assert fact.text in text
    assert text.index("Bottom line") < text.index("Key figures") < text.index("What to know")
    assert "July 25, 2025" in html and "Key figures" in html
    assert "Appendix" not in html


@pytest.mark.parametrize("evil", ["<script>alert(1)</script>", "{{ 7*7 }}", "{% if 1 %}x{% endif %}"])
def test_autoescaping(evil: str) -> None:
    html = render_html(sample_document(text_override=f"Trade {evil} fact."), "briefing", DIRS)
    assert "<script>" not in html
    assert "49" not in html.replace("{{ 7*7 }}", "")
    from markupsafe import escape
    assert str(escape(evil)) in html


def test_unknown_template() -> None:
    with pytest.raises(RenderError, match="unknown template"):
        render_html(sample_document(), "poster", DIRS)


def test_undefined_name_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "briefing.html.j2").write_text(
        "<h1>{{ doc.meta.title }}</h1>\n<p>ok</p>\n<p>{{ foo }}</p>\n", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render_html(sample_document(), "briefing", [tmp_path, *DIRS])
    assert str(info.value).startswith(f"{tmp_path.name}/briefing.html.j2:3: ")
    assert "'foo' is undefined" in str(info.value)


def test_undefined_attribute_in_included_file(tmp_path: Path) -> None:
    (tmp_path / "factsheet.html.j2").write_text('{% include "part.html.j2" %}\n', encoding="utf-8")
    (tmp_path / "part.html.j2").write_text("a\nb\n{{ doc.meta.nope }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"part\.html\.j2:3: .*nope"):
        render_html(sample_document(), "factsheet", [tmp_path, *DIRS])


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "briefing.html.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"briefing\.html\.j2:2: .*syntax"):
        render_html(sample_document(), "briefing", [tmp_path, *DIRS])


def test_environment_settings() -> None:
    env = make_environment(DIRS)
    assert env.autoescape is True
    import datetime as dt
    assert env.filters["date"](dt.date(2025, 8, 4)) == "August 4, 2025"
    assert env.filters["date"](None) == "undated"


def test_project_override_of_stylesheet(tmp_path: Path) -> None:
    (tmp_path / "briefing.css").write_text("body { color: red; } /* custom */", encoding="utf-8")
    html = render_html(sample_document(), "briefing", [tmp_path, *DIRS])
    assert "/* custom */" in html


@pytest.mark.parametrize("template", ["briefing", "factsheet"])
def test_project_css_colour_override_reaches_every_rule(tmp_path: Path, template: str) -> None:
    """A project's briefing.css that changes --navy/--grey recolours everything (factsheet.css used to hard-code them)."""
    own = tmp_path / "templates"
    own.mkdir()
    css = (builtin_template_dir() / "briefing.css").read_text(encoding="utf-8")
    assert "--navy: #1f3a5f;" in css and "--grey: #5b6573;" in css
    (own / "briefing.css").write_text(css.replace("--navy: #1f3a5f;", "--navy: #0b6e4f;")
                                      .replace("--grey: #5b6573;", "--grey: #444444;"), encoding="utf-8")
    # Without charts: their SVG takes its colours from briefing/charts.py, not from the CSS.
    html = render_html(dataclasses.replace(sample_document(), charts=()), template, template_dirs(tmp_path))
    assert "#0b6e4f" in html and "#444444" in html
    assert "#1f3a5f" not in html.lower() and "#5b6573" not in html.lower()


# --- A project's templates may come from someone else: sandboxed, contained, CSS as data (issue 14) ---

@pytest.mark.parametrize("template_text", [
    "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
    "{{ lipsum.__globals__['__builtins__']['open']('SECRET').read() }}",
    "{{ doc.__class__.__init__.__globals__['os'].system('touch PWNED') }}",
    "{{ self.__init__.__globals__.__builtins__.open('SECRET').read() }}",
])
def test_a_hostile_template_runs_nothing_and_reads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           template_text: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "SECRET").write_text("the-secret-words", encoding="utf-8")
    own = tmp_path / "templates"
    own.mkdir()
    (own / "briefing.html.j2").write_text(template_text, encoding="utf-8")
    try:
        html = render_html(sample_document(), "briefing", [own, *DIRS])
    except RenderError as error:
        html = str(error)
        assert "templates/briefing.html.j2" in html
    assert not (tmp_path / "PWNED").exists()
    assert "the-secret-words" not in html


def test_a_stylesheet_is_data_never_jinja(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Valid CSS with `{#` renders as written; Jinja in a CSS file is printed, never run."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "SECRET").write_text("the-secret-words", encoding="utf-8")
    own = tmp_path / "templates"
    own.mkdir()
    css = ("@media print{#masthead{display:none}}\n"
           "/* {{ lipsum.__globals__['__builtins__']['open']('SECRET').read() }} {% include 'x' %} */\n"
           "p::after { content: '</style><script>alert(1)</script>'; }\n")
    (own / "briefing.css").write_text(css, encoding="utf-8")
    html = render_html(sample_document(), "briefing", [own, *DIRS])
    assert "@media print{#masthead{display:none}}" in html
    assert "{{ lipsum.__globals__" in html and "the-secret-words" not in html
    assert "content: '<\\/style><script>" in html   # still inside the style element: it cannot end it
    assert html.count("</style>") == 1


@pytest.mark.parametrize("link, template_text", [
    ("leak.txt", "{% include 'leak.txt' %}{{ doc.meta.title }}"),
    ("briefing.css", None),
    ("base.html.j2", None),
])
def test_a_symlink_out_of_the_template_folders_is_refused(tmp_path: Path, link: str,
                                                          template_text: str | None) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("the-secret-words", encoding="utf-8")
    own = tmp_path / "project" / "templates"
    own.mkdir(parents=True)
    (own / link).symlink_to(secret)
    if template_text is not None:
        (own / "briefing.html.j2").write_text(template_text, encoding="utf-8")
    with pytest.raises(RenderError, match=f"templates/{link} leads outside the template folders") as caught:
        render_html(sample_document(), "briefing", [own, *DIRS])
    assert "the-secret-words" not in str(caught.value)


def test_a_symlink_inside_the_template_folders_is_followed(tmp_path: Path) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    (own / "mine.css").write_text("body { color: red; } /* mine */", encoding="utf-8")
    (own / "briefing.css").symlink_to(own / "mine.css")
    assert "/* mine */" in render_html(sample_document(), "briefing", [own, *DIRS])


def test_a_fifo_template_is_refused_not_waited_for(tmp_path: Path) -> None:
    import os

    own = tmp_path / "templates"
    own.mkdir()
    os.mkfifo(own / "briefing.css")
    with pytest.raises(RenderError, match="templates/briefing.css .*FIFO"):
        render_html(sample_document(), "briefing", [own, *DIRS])
