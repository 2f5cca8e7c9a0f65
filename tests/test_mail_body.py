"""Sending any version: the factsheet to principals, the Word draft to staff; the body from the Document."""
from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from smtp_server import make_tls, smtp_server
from test_summary import GOOD

from briefing.commands.render import render_project
from briefing.commands.send import RetryPolicy, open_transport, send
from conftest import MINIMAL, copy_project

STAKEHOLDERS = """\
sender: {name: Briefing Desk, email: desk@example.org}
recipients:
  ann: {name: Ann Lee, email: ann@example.org, organisation: Office A, outputs: [factsheet.pdf], groups: [principals]}
  bob: {name: Bob Roe, email: bob@example.org, organisation: Office B, outputs: [briefing.docx], groups: [staff]}
"""
STEM = "us-pakistan-test-briefing"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project with a bottom line, rendered in both templates."""
    root = tmp_path_factory.mktemp("mail")
    facts = copy_project(MINIMAL, root / "project")
    facts.write_text(facts.read_text().replace('  author: "Test Desk"\n', '  author: "Test Desk"\n' + GOOD))
    (facts.parent / "stakeholders.yaml").write_text(STAKEHOLDERS, encoding="utf-8")
    assert render_project(facts, ["pdf", "docx"], ["briefing", "factsheet"], None, False, None, True,
                          "facts.yaml").exit_code == 0
    return facts


def _send(facts: Path, url: str, dry_run: bool) -> Any:
    """A real send through the SMTP transport (plain text allowed: the server is on 127.0.0.1), or a dry run."""
    transport = None if dry_run else open_transport({"BRIEFING_SMTP_URL": url}, True, timeout=10)
    return send(facts, [], transport, True, None, retry=RetryPolicy(1, 0.001))


def test_the_factsheet_goes_to_principals_and_the_word_draft_to_staff(project: Path, tmp_path: Path) -> None:
    with smtp_server(starttls=make_tls(tmp_path).server_context) as server:
        result = _send(project, server.url(), dry_run=False)
    assert result.exit_code == 0, result.outcomes
    out = project.parent / "out"
    for address, name, rendered in (("ann@example.org", f"{STEM}-factsheet-2025-08-04.pdf", "factsheet.pdf"),
                                    ("bob@example.org", f"{STEM}-briefing-2025-08-04.docx", "briefing.docx")):
        [item] = server.recorder.to(address)
        [part] = list(item.message.iter_attachments())
        assert part.get_filename() == name
        assert part.get_content() == (out / rendered).read_bytes()


def test_the_body_leads_with_the_bottom_line_and_key_figures(project: Path) -> None:
    result = _send(project, "smtp://127.0.0.1:9", dry_run=True)
    eml = next(o.eml for o in result.outcomes if o.recipient == "ann")
    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    plain = msg.get_body(("plain",)).get_content()
    page = msg.get_body(("html",)).get_content()
    bullet = "Goods trade reached an estimated $7.3 billion in 2024, up from $6.9 billion in 2023."
    for body in (plain, page):
        assert bullet in body.replace("&#x27;", "'")
        assert "$7.3 billion" in body and "Goods trade, 2024" in body and "5.2%" in body
        assert "As of August 4, 2025" in body and "4 August 2025" not in body   # the PDF's date style
    assert plain.index("BOTTOM LINE") < plain.index("KEY FIGURES")
    assert page.index("Bottom line") < page.index("Key figures")
    assert "<style" not in page and 'style="' in page and page.count('style="') >= 10   # inline styles only
