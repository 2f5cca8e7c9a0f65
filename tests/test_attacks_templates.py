"""Untrusted templates, second round (issue 14): a project's templates print the document, and nothing else.

One row per attack, through ``python -m briefing render`` on a copy of a
project: the exit status, no traceback, the message, nothing fetched, no
secret in any output, nothing written on a refusal. Rows marked "was:"
failed before this round's fixes.
"""
from __future__ import annotations

import http.server
import threading
import zipfile
from pathlib import Path
from typing import Iterator

import pytest
from attack_helpers import assert_clean, briefing, project, template_with

GIB = 1024 ** 3
SANDBOX = "may not do"
# (id, what the template adds before </body>, exit status, what the message says)
BODIES = [
    ("format-filter-globals", "{{ '%s'|format(cycler.__init__.__globals__) }}", 1, SANDBOX),
    ("str-format-class", "{{ '{0.__class__.__mro__}'.format(doc) }}", 1, SANDBOX),
    ("attr-filter-globals", "{{ (lipsum|attr('__globals__'))['os'] }}", 1, SANDBOX),
    ("self-reference-globals", "{{ self.__init__.__globals__ }}", 1, SANDBOX),
    ("meta-setattr", "{{ meta.__setattr__('title', 'x') }}", 1, SANDBOX),
    ("list-append", "{% set l = [] %}{{ l.append(1) }}", 1, SANDBOX),
    ("range-bomb", "{% for i in range(10**9) %}{% endfor %}", 1, "Range too big"),
    ("recursive-macro", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", 1, "RecursionError"),
    ("include-absolute", "{% include '/etc/passwd' %}", 1, "not found"),
    ("include-dotdot", "{% include '../facts.yaml' %}", 1, "is not a file name inside the template folders"),
    ("import-dotdot", "{% from 'x/../../facts.yaml' import x %}", 1, "is not a file name inside"),
    ("style-sheet-dotdot", "{{ style_sheet('../facts.yaml') }}", 1, "is not a file name inside"),
    ("style-sheet-absolute", "{{ style_sheet('/etc/passwd') }}", 1, "not found"),
    # was: the kernel killed the render (10 GB asked for), exit -9 and no message
    ("string-repeat-bomb", "{{ 'a' * 10**10 }}", 1, "repeating 1 items 10,000,000,000 times"),
    ("list-repeat-bomb", "{{ [1] * 10**10 }}", 1, "repeating 1 items"),
    ("power-bomb", "{{ 9 ** 99999999 }}", 1, "has more than 100,000 bits"),
    ("center-bomb", "{{ 'a'|center(10**10) }}", 1, "asked for more memory than a briefing needs"),
    ("format-width-bomb", "{{ '{:>10000000000}'.format('a') }}", 1, "asked for more memory"),
    ("percent-width-bomb", "{{ '%10000000000s'|format('a') }}", 1, "asked for more memory"),
]


@pytest.mark.parametrize("body, code, expected", [row[1:] for row in BODIES], ids=[row[0] for row in BODIES])
def test_a_hostile_template_is_refused_and_writes_nothing(tmp_path: Path, body: str, code: int,
                                                          expected: str) -> None:
    root = project(tmp_path)
    template_with(root, body)
    # 3 GB of address space: a bomb that slipped through fails here instead of exhausting the machine
    assert_clean(briefing(root, "render", "--format", "html", memory=3 * GIB), code, expected)
    assert not (root / "out" / "briefing.html").exists()


def test_a_templates_folder_linked_outside_the_project_is_refused(tmp_path: Path) -> None:
    """was: `templates -> /elsewhere` made every file there includable: a secret printed into the HTML."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("TOPSECRET-42\n", encoding="utf-8")
    root = project(tmp_path / "project")
    template_with(root, "<pre>{% include 'secret.txt' %}</pre>")
    (root / "templates" / "briefing.html.j2").rename(elsewhere / "briefing.html.j2")
    (root / "templates").rmdir()
    (root / "templates").symlink_to(elsewhere)
    assert_clean(briefing(root, "render", "--format", "html"), 1, "leads outside the project",
                 "copy the folder in")
    assert not (root / "out").exists()


def test_a_templates_folder_linked_to_the_root_is_refused_at_check_too(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "templates").symlink_to("/")
    assert_clean(briefing(root, "check"), 1, "templates leads outside the project (to /)")


def test_a_reference_docx_zip_bomb_is_refused_with_its_name(tmp_path: Path) -> None:
    """was: exit 3, `internal error (TypeError: cannot pickle 'lxml.etree._ListErrorLog' object)`."""
    root = project(tmp_path)
    (root / "templates").mkdir()
    with zipfile.ZipFile(root / "templates" / "reference.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b" " * (100 * 1024 * 1024))
    assert_clean(briefing(root, "render", "--format", "docx"), 1, "templates/reference.docx",
                 "expand to 104,857,600 bytes")
    assert not (root / "out").exists()


def test_an_unreadable_reference_docx_part_is_a_message_not_an_internal_error(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "templates").mkdir()
    with zipfile.ZipFile(root / "templates" / "reference.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", b"<not xml")
    assert_clean(briefing(root, "render", "--format", "docx"), 1, "Cannot open the Word reference document")


@pytest.fixture
def web() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every path asked of it (nothing may ever be fetched)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()


@pytest.mark.parametrize("markup", [
    "<style>@font-face{{font-family:X;src:url({url}/f.woff)}} body{{font-family:X}}</style>",
    "<style>@import url({url}/i.css);</style>",
    "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
    "<image xlink:href='{url}/s.png' width='9' height='9'/></svg>",
    "<base href='{url}/'><img src='relative.png'>",
    "<div style='background:url({url}/inline.png)'>x</div>",
    "<a rel=attachment href='file://{secret}'>x</a>",
])
def test_a_template_never_fetches_a_url_nor_attaches_a_file(tmp_path: Path, web: tuple[str, list[str]],
                                                            markup: str) -> None:
    url, hits = web
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-42\n", encoding="utf-8")
    root = project(tmp_path / "project")
    template_with(root, markup.format(url=url, secret=secret))
    assert_clean(briefing(root, "render", "--format", "pdf"), 1, "refused to fetch")
    assert hits == [] and not (root / "out").exists()
