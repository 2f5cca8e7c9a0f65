"""`briefing send` against a real SMTP server (aiosmtpd on 127.0.0.1, TLS from trustme)."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import replace
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from smtp_server import Authenticator, Recorder, make_tls, smtp_server

import briefing.commands.send as send_module
from briefing.check import check
from briefing.errors import CheckFailed, DeliveryError, UsageError
from briefing.outputs.manifest import (
    Manifest,
    OutputRecord,
    read_manifest,
    sha256_file,
    version_of,
    write_manifest,
)
from briefing.cli.printing_send import run_send
from briefing.commands.send import CheckFindings, RetryPolicy, SendResult

FAST = RetryPolicy(attempts=3, backoff=0.001)
FACTS = """\
briefing:
  title: "Test Briefing \u2013 Trade"
  as_of: 2025-08-04
  marking: "UNCLASSIFIED"
sources:
  call:
    path: sources/call.txt
    title: "A call"
    published: 2025-08-03
facts:
  goods-trade-2024:
    kind: amount
    topic: trade
    text: "US goods trade with Pakistan was an estimated $7.3 billion in 2024."
    value: 7.3 billion
    unit: USD
    period: 2024
    key: true
    label: Goods trade 2024
    source: call
    quote: "US total goods trade with Pakistan was an estimated $7.3 billion in 2024"
"""
SOURCE = "In a call, officials said US total goods trade with Pakistan was an estimated $7.3 billion in 2024.\n"
STAKEHOLDERS = """\
sender: {name: Briefing Desk, email: desk@example.org}
recipients:
  ann:   {name: Ann Lee, email: ann@example.org, organisation: Office A, outputs: [pdf], groups: [principals]}
  bob:   {name: Bob Roe, email: bob@example.org, organisation: Office B, outputs: [pdf, docx], groups: [staff]}
  cleo:  {name: Cléo Dupré, email: cleo@example.org, organisation: Office C, outputs: [docx], groups: [staff]}
"""
STEM = "test-briefing-trade-briefing-2025-08-04"   # attachments carry the title and the as-of date
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\r\n\x00trailer\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>\u00e9</w:document>")
    return buffer.getvalue()


def render_fake(root: Path, *, draft: bool = False, title: str = "Test Briefing \u2013 Trade") -> Manifest:
    """What `briefing render` would leave in out/: two outputs and a manifest of the current inputs."""
    out = root / "out"
    out.mkdir(exist_ok=True)
    (out / "briefing.pdf").write_bytes(PDF)
    (out / "briefing.docx").write_bytes(_docx())
    inputs = check(root / "facts.yaml", prove=False).digests   # what a render records: facts, sources, templates
    manifest = Manifest(
        version=version_of(inputs, {}), draft=draft, title=title, as_of="2025-08-04", marking="UNCLASSIFIED",
        inputs=inputs, key_figures=[{"id": "goods-trade-2024", "label": "Goods trade 2024", "figure": "$7.3 billion",
                                     "text": "US goods trade with Pakistan was an estimated $7.3 billion in 2024."}],
        outputs=[OutputRecord("briefing", "pdf", "briefing.pdf", sha256_file(out / "briefing.pdf"), 2),
                 OutputRecord("briefing", "docx", "briefing.docx", sha256_file(out / "briefing.docx"))])
    write_manifest(out, manifest)
    return manifest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project that passes the check, rendered."""
    root = tmp_path / "project"
    (root / "sources").mkdir(parents=True)
    (root / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (root / "sources" / "call.txt").write_text(SOURCE, encoding="utf-8")
    (root / "stakeholders.yaml").write_text(STAKEHOLDERS, encoding="utf-8")
    render_fake(root)
    return root / "facts.yaml"


@pytest.fixture
def tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """TLS material whose CA the client trusts (through SSL_CERT_FILE)."""
    material = make_tls(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(material.ca_file))
    return material


def run(facts: Path, url: str, *, to: list[str] | None = None, dry_run: bool = False, resend: bool = False,
        insecure: bool = False, user: str | None = None, password: str | None = None,
        **options: Any) -> tuple[SendResult, str]:
    """Run send() through the SMTP transport the CLI builds from ``url``; return the result and the console text."""
    env = {"BRIEFING_SMTP_URL": url}
    if user:
        env.update(BRIEFING_SMTP_USER=user, BRIEFING_SMTP_PASSWORD=password or "")
    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    try:
        result = run_send(console, facts, to=to or [], dry_run=dry_run, resend=resend, insecure=insecure,
                          out_dir=None, env=env, timeout=10, retry=FAST, **options)
    finally:
        run.output = console.file.getvalue()  # type: ignore[attr-defined]
    return result, run.output  # type: ignore[attr-defined]


def attachments(data: bytes) -> dict[str, bytes]:
    """Attachment file name -> decoded bytes, from a raw message."""
    msg = message_from_bytes(data, policy=policy.default)
    return {part.get_filename(): part.get_content() for part in msg.iter_attachments()}


def ledger_lines(facts: Path) -> list[dict[str, Any]]:
    path = facts.parent / "out" / "mail" / "ledger.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_delivers_each_recipient_its_outputs_byte_identical(project: Path, tls: Any) -> None:
    manifest = read_manifest(project.parent / "out")
    with smtp_server(starttls=tls.server_context) as server:
        result, output = run(project, server.url())
    assert result.exit_code == 0
    assert [o.status for o in result.outcomes] == ["sent"] * 3
    rec = server.recorder
    assert len(rec.received) == 3 and all(len(item.rcpt_tos) == 1 for item in rec.received)
    # Attachments are named for the title and the as-of date, not "briefing.pdf".
    stem = STEM
    want = {"ann@example.org": ["briefing.pdf"], "bob@example.org": ["briefing.pdf", "briefing.docx"],
            "cleo@example.org": ["briefing.docx"]}
    out = project.parent / "out"
    for address, names in want.items():
        [item] = rec.to(address)
        assert item.mail_from == "desk@example.org"
        files = attachments(item.data)
        assert list(files) == [name.replace("briefing", stem, 1) for name in names]
        for name, data in zip(names, files.values()):
            assert hashlib.sha256(data).hexdigest() == sha256_file(out / name)
        msg = item.message
        assert msg["Subject"] == "[UNCLASSIFIED] Test Briefing \u2013 Trade \u2014 as of August 4, 2025"
        assert msg["Message-ID"] == f"<briefing.{manifest.version}.{address.split('@')[0]}@example.org>"
        assert msg["Date"] and address in msg["To"]
        plain = msg.get_body(("plain",)).get_content()
        page = msg.get_body(("html",)).get_content()
        for body in (plain, page):
            assert "$7.3 billion" in body and "Goods trade 2024" in body and "UNCLASSIFIED" in body
            assert "August 4, 2025" in body and "4 August 2025" not in body   # the PDF's date style
    assert "Cléo Dupré" in str(rec.to("cleo@example.org")[0].message["To"])
    lines = ledger_lines(project)
    assert [(l["recipient"], l["status"]) for l in lines] == [
        (who, status) for who in ("ann", "bob", "cleo") for status in ("pending", "in-flight", "sent")]
    assert lines[5]["attachments"] == {f"{STEM}.pdf": sha256_file(out / "briefing.pdf"),
                                       f"{STEM}.docx": sha256_file(out / "briefing.docx")}
    assert "ann <ann@example.org>" in output and "sent" in output


def test_rerun_sends_nothing_twice_and_resend_forces(project: Path, tls: Any) -> None:
    with smtp_server(starttls=tls.server_context) as server:
        run(project, server.url())
        again, output = run(project, server.url())
        assert [o.status for o in again.outcomes] == ["already sent"] * 3 and again.exit_code == 0
        assert len(server.recorder.received) == 3 and "--resend" in output
        forced, _ = run(project, server.url(), to=["bob"], resend=True)
    assert [o.status for o in forced.outcomes] == ["sent"]
    first, second = server.recorder.to("bob@example.org")
    assert first.message["Message-ID"] == second.message["Message-ID"]


def test_451_and_dropped_connection_then_rerun_delivers_each_exactly_once(project: Path, tls: Any) -> None:
    faults = {"bob@example.org": [("451 4.3.0 try again later", True)] * FAST.attempts,
              "cleo@example.org": [("421 4.3.2 shutting down", True)] * FAST.attempts}
    with smtp_server(Recorder(rcpt_faults=faults), starttls=tls.server_context) as server:
        first, output = run(project, server.url())
        assert [(o.recipient, o.status) for o in first.outcomes] == [("ann", "sent"), ("bob", "failed"),
                                                                    ("cleo", "failed")]
        assert first.exit_code == 1 and "451" in output and "421" in output
        assert first.outcomes[1].attempts == FAST.attempts
        assert [item.rcpt_tos for item in server.recorder.received] == [["ann@example.org"]]
        second, _ = run(project, server.url())
    assert [(o.recipient, o.status) for o in second.outcomes] == [("ann", "already sent"), ("bob", "sent"),
                                                                 ("cleo", "sent")]
    assert second.exit_code == 0
    for address in ("ann@example.org", "bob@example.org", "cleo@example.org"):
        assert len(server.recorder.to(address)) == 1
    failed = [l for l in ledger_lines(project) if l["status"] == "failed"]
    assert {(l["recipient"], l["code"], l["permanent"]) for l in failed} == {("bob", 451, False), ("cleo", 421, False)}


def test_transient_failure_is_retried_with_backoff_in_the_same_run(project: Path, tls: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    faults = {"bob@example.org": [("451 4.3.0 greylisted", True)]}
    with smtp_server(Recorder(rcpt_faults=faults), starttls=tls.server_context) as server:
        result, output = run(project, server.url())
    assert [o.status for o in result.outcomes] == ["sent"] * 3 and result.exit_code == 0
    assert result.outcomes[1].attempts == 2 and "retrying" in output
    assert len(server.recorder.to("bob@example.org")) == 1


def test_permanent_550_is_reported_recorded_and_not_retried(project: Path, tls: Any) -> None:
    faults = {"bob@example.org": [("550 5.1.1 no such mailbox", False)]}
    with smtp_server(Recorder(rcpt_faults=faults), starttls=tls.server_context) as server:
        result, output = run(project, server.url())
    assert [(o.recipient, o.status) for o in result.outcomes] == [("ann", "sent"), ("bob", "rejected"),
                                                                 ("cleo", "sent")]
    assert result.exit_code == 1 and result.outcomes[1].attempts == 1
    assert server.recorder.rcpt_seen.count("bob@example.org") == 1
    assert "550 5.1.1 no such mailbox" in output
    [failed] = [l for l in ledger_lines(project) if l["status"] == "failed"]
    assert (failed["recipient"], failed["code"], failed["permanent"]) == ("bob", 550, True)


def test_self_signed_certificate_is_refused_before_credentials(project: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    untrusted = make_tls(tmp_path)  # its CA is trusted by no one
    recorder = Recorder()
    auth = Authenticator(recorder, "desk", "s3cret")
    with smtp_server(recorder, starttls=untrusted.server_context, authenticator=auth) as server:
        with pytest.raises(DeliveryError, match="cannot be verified.*no credentials were sent"):
            run(project, server.url(), user="desk", password="s3cret")
        assert recorder.logins == [] and recorder.received == [] and recorder.rcpt_seen == []
        assert "sent" not in {l["status"] for l in ledger_lines(project)}
        result, output = run(project, server.url(), insecure=True, user="desk", password="s3cret")
    assert result.exit_code == 0 and len(recorder.received) == 3
    assert "--insecure" in output and "NOT verified" in output and "local test server only" in output


def test_insecure_is_refused_for_a_remote_host(project: Path) -> None:
    with pytest.raises(UsageError, match="local test server only"):
        run(project, "smtp://smtp.example.org:587", insecure=True)


def test_login_with_credentials_from_the_environment(project: Path, tls: Any) -> None:
    recorder = Recorder()
    auth = Authenticator(recorder, "desk", "s3cret")
    with smtp_server(recorder, starttls=tls.server_context, authenticator=auth, auth_require_tls=True) as server:
        with pytest.raises(DeliveryError, match="refused the login.*BRIEFING_SMTP_PASSWORD"):
            run(project, server.url(), user="desk", password="wrong")
        assert recorder.received == [] and recorder.logins and set(recorder.logins) == {("desk", "wrong")}
        tried = len(recorder.logins)
        result, _ = run(project, server.url(), user="desk", password="s3cret")
    assert result.exit_code == 0 and len(recorder.received) == 3
    assert recorder.logins[tried:] == [("desk", "s3cret")]  # one login, the connection is reused


def test_server_without_starttls_is_refused(project: Path) -> None:
    with smtp_server() as server:
        with pytest.raises(DeliveryError, match="does not offer STARTTLS"):
            run(project, server.url(), user="desk", password="s3cret")
        assert server.recorder.received == []


def test_smtps_implicit_tls(project: Path, tls: Any) -> None:
    with smtp_server(implicit_tls=tls.server_context) as server:
        result, _ = run(project, server.url("smtps"))
    assert result.exit_code == 0 and len(server.recorder.received) == 3


def test_dry_run_writes_parseable_eml_and_sends_nothing(project: Path, tls: Any) -> None:
    with smtp_server(starttls=tls.server_context) as server:
        result, output = run(project, server.url(), dry_run=True)
    assert server.recorder.rcpt_seen == [] and server.recorder.received == []
    assert [o.status for o in result.outcomes] == ["dry run"] * 3 and result.exit_code == 0
    mail = project.parent / "out" / "mail"
    assert sorted(p.name for p in mail.glob("*.eml")) == ["ann.eml", "bob.eml", "cleo.eml"]
    data = (mail / "bob.eml").read_bytes()
    msg = message_from_bytes(data, policy=policy.default)
    assert msg["To"] == "Bob Roe <bob@example.org>" and "$7.3 billion" in msg.get_body(("plain",)).get_content()
    for name, content in attachments(data).items():
        assert name.startswith(STEM)
        assert hashlib.sha256(content).hexdigest() == sha256_file(project.parent / "out" / name.replace(STEM, "briefing"))
    assert not (mail / "ledger.jsonl").exists()
    assert "dry run" in output


def test_refuses_when_facts_or_sources_changed_after_rendering(project: Path, tls: Any) -> None:
    (project.parent / "sources" / "call.txt").write_text(SOURCE + "More.\n", encoding="utf-8")
    with smtp_server(starttls=tls.server_context) as server:
        with pytest.raises(CheckFailed, match=r"rendered before sources/call.txt changed.*briefing render"):
            run(project, server.url())
        project.write_text(FACTS.replace("2025-08-04", "2025-08-05"), encoding="utf-8")
        with pytest.raises(CheckFailed, match=r"rendered before facts.yaml, sources/call.txt changed"):
            run(project, server.url())
    assert server.recorder.rcpt_seen == []


@pytest.mark.parametrize("damage, message", [
    (lambda out: render_fake(out.parent, draft=True), "draft"),
    (lambda out: (out / "manifest.json").unlink(), "no readable manifest"),
    (lambda out: (out / "briefing.pdf").write_bytes(b"%PDF-tampered"), "briefing.pdf differs"),
])
def test_refuses_a_draft_missing_or_tampered_render(project: Path, damage: Any, message: str) -> None:
    damage(project.parent / "out")
    with pytest.raises(CheckFailed, match=message):
        run(project, "smtp://127.0.0.1:9")


def test_real_check_refuses_an_unproven_fact(project: Path) -> None:
    """A fact changed after the proven render is refused as stale: send relies on the render's proof."""
    project.write_text(FACTS.replace("$7.3 billion in 2024.\"", "$7.4 billion in 2024.\""), encoding="utf-8")
    with pytest.raises(CheckFailed, match="rendered before facts.yaml changed; nothing was sent"):
        run(project, "smtp://127.0.0.1:9")


def test_a_fact_base_that_does_not_load_is_refused_with_its_findings(project: Path) -> None:
    project.write_text(FACTS.replace("kind: amount", "kind: amount\n    kind: amount"), encoding="utf-8")
    with pytest.raises(CheckFindings) as caught:
        send_module.ensure_checked(check(project, prove=False))
    assert caught.value.findings and all(f.severity == "error" for f in caught.value.findings)
    assert [f.code for f in caught.value.findings] == ["duplicate-key"]
    with pytest.raises(CheckFailed, match="nothing was sent"):
        run(project, "smtp://127.0.0.1:9")


def test_end_to_end_with_the_real_render(project: Path, tls: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.commands.render import render_project

    out = project.parent / "out"
    for name in ("manifest.json", "briefing.pdf", "briefing.docx"):
        (out / name).unlink()
    rendered = render_project(project, formats=["pdf", "docx"], templates=["briefing"], out_dir=None, draft=False,
                              paper=None, force=True, display="facts.yaml")
    assert rendered.exit_code == 0 and not rendered.skipped, rendered.report.summary()
    manifest = read_manifest(out)
    assert manifest is not None and not manifest.draft and manifest.key_figures
    with smtp_server(starttls=tls.server_context) as server:
        result, _ = run(project, server.url())
        assert result.exit_code == 0
        for address, names in {"ann@example.org": ["briefing.pdf"], "cleo@example.org": ["briefing.docx"]}.items():
            [item] = server.recorder.to(address)
            files = attachments(item.data)
            assert list(files) == [name.replace("briefing", STEM) for name in names]
            for name, data in files.items():
                assert hashlib.sha256(data).hexdigest() == manifest.output("briefing", Path(name).suffix[1:]).sha256
            plain = item.message.get_body(("plain",)).get_content()
            assert manifest.key_figures[0]["figure"] in plain and manifest.title in plain
        (project.parent / "sources" / "call.txt").write_text(SOURCE + "Later news.\n", encoding="utf-8")
        with pytest.raises(CheckFailed, match="sources/call.txt changed"):
            run(project, server.url(), resend=True)
        assert len(server.recorder.received) == 3


def test_a_crash_midway_loses_no_record_and_the_rerun_sends_the_rest(project: Path, tls: Any) -> None:
    """`briefing send` runs as its own process and is killed (SIGKILL) while the server hears about bob."""
    import os
    import signal
    import subprocess
    import sys

    env = {**os.environ, "SSL_CERT_FILE": str(tls.ca_file)}
    env.pop("BRIEFING_DEBUG", None)
    recorder = Recorder()
    with smtp_server(recorder, starttls=tls.server_context) as server:
        env["BRIEFING_SMTP_URL"] = server.url()
        process = subprocess.Popen([sys.executable, "-m", "briefing", "send", str(project)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        recorder.rcpt_hook = lambda address: address == "bob@example.org" and not os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
        recorder.rcpt_hook = None
        lines = [(line["recipient"], line["status"]) for line in ledger_lines(project)]
        assert lines == [("ann", "pending"), ("ann", "in-flight"), ("ann", "sent"), ("bob", "pending")]
        result, _ = run(project, server.url())
    assert [o.status for o in result.outcomes] == ["already sent", "sent", "sent"]
    assert [len(server.recorder.to(a)) for a in ("ann@example.org", "bob@example.org", "cleo@example.org")] == [1, 1, 1]


def test_an_unreachable_server_stops_the_run_and_leaves_the_rest_pending(project: Path, tls: Any) -> None:
    with smtp_server(starttls=tls.server_context) as server:
        url = server.url()
    with pytest.raises(DeliveryError, match="cannot connect.*run `briefing send` again"):
        run(project, url)  # the port is closed now
    assert run.output.count("pending (not attempted)") == 2  # type: ignore[attr-defined]  # bob and cleo
    assert [(l["recipient"], l["status"]) for l in ledger_lines(project)] == [("ann", "pending"), ("ann", "failed")]


def test_header_injection_is_refused_before_anything_is_sent(project: Path, tls: Any) -> None:
    render_fake(project.parent, title="Harmless\r\nBcc: everyone@example.net")
    with smtp_server(starttls=tls.server_context) as server:
        with pytest.raises(DeliveryError, match="line break"):
            run(project, server.url())
        with pytest.raises(DeliveryError, match="line break"):
            run(project, server.url(), dry_run=True)
    assert server.recorder.rcpt_seen == []


def test_message_id_is_stable_for_version_and_recipient(project: Path) -> None:
    from briefing.deliver.mail import build_message
    from briefing.deliver.stakeholders import load_stakeholders

    manifest = read_manifest(project.parent / "out")
    people = load_stakeholders(project.parent / "stakeholders.yaml")
    ann, bob = people.recipients["ann"], people.recipients["bob"]
    one = build_message(manifest, people.sender, ann, [])
    two = build_message(manifest, people.sender, ann, [])
    assert one["Message-ID"] == two["Message-ID"] != build_message(manifest, people.sender, bob, [])["Message-ID"]
    manifest.version = "0123456789abcdef"
    assert build_message(manifest, people.sender, ann, [])["Message-ID"] != one["Message-ID"]


@pytest.mark.parametrize("field, value", [("name", "Ann\r\nBcc: x@example.net"), ("email", "ann@example.org\nBcc: x")])
def test_a_line_break_in_a_name_or_address_is_refused(project: Path, field: str, value: str) -> None:
    from briefing.deliver.mail import build_message
    from briefing.deliver.stakeholders import load_stakeholders

    people = load_stakeholders(project.parent / "stakeholders.yaml")
    evil = replace(people.recipients["ann"], **{field: value})
    with pytest.raises(DeliveryError, match="line break"):
        build_message(read_manifest(project.parent / "out"), people.sender, evil, [])


def test_to_selects_groups_ids_and_addresses(project: Path) -> None:
    result, _ = run(project, "smtp://127.0.0.1:9", to=["staff", "ann@EXAMPLE.org"], dry_run=True)
    assert [o.recipient for o in result.outcomes] == ["ann", "bob", "cleo"]
    result, _ = run(project, "smtp://127.0.0.1:9", to=["principals"], dry_run=True)
    assert [o.recipient for o in result.outcomes] == ["ann"]
    with pytest.raises(UsageError, match="stranger@example.net.*add the recipient"):
        run(project, "smtp://127.0.0.1:9", to=["stranger@example.net"], dry_run=True)


def test_settings_come_from_the_environment_only(project: Path) -> None:
    with pytest.raises(UsageError, match="BRIEFING_SMTP_URL is not set"):
        run(project, "")
    with pytest.raises(UsageError, match="credentials in BRIEFING_SMTP_USER"):
        run(project, "smtp://desk:pw@127.0.0.1:25")
    with pytest.raises(UsageError, match="smtp://host:port"):
        run(project, "http://127.0.0.1:25")


def test_a_missing_output_or_invalid_stakeholders_stop_the_send(project: Path) -> None:
    manifest = read_manifest(project.parent / "out")
    manifest.outputs = [o for o in manifest.outputs if o.format == "pdf"]
    write_manifest(project.parent / "out", manifest)
    with pytest.raises(CheckFailed, match="no briefing DOCX, which bob, cleo asked for"):
        run(project, "smtp://127.0.0.1:9", dry_run=True)
    (project.parent / "stakeholders.yaml").write_text(STAKEHOLDERS.replace("ann@example.org", "ann@"))
    with pytest.raises(CheckFailed, match=r"stakeholders.yaml:3:\d+: error\[invalid-email\] ann") as caught:
        run(project, "smtp://127.0.0.1:9", dry_run=True)
    assert [f.code for f in caught.value.findings] == ["invalid-email"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("host, hint", [
    ("127.0.0.1", True),
    ("localhost", True),
    ("::1", True),
    ("smtp.example.org", False),
    ("192.0.2.10", False),
])
def test_no_starttls_says_what_to_do(host: str, hint: bool) -> None:
    from briefing.deliver.smtp import no_starttls_message
    message = no_starttls_message(host, 8025)
    assert message.startswith(f"{host}:8025 does not offer STARTTLS") and "smtps://" in message
    assert ("add --insecure" in message) is hint  # only a local test server may be told to go without TLS


def test_local_server_without_starttls_points_to_insecure_and_insecure_delivers(project: Path) -> None:
    with smtp_server() as server:
        with pytest.raises(DeliveryError, match="does not offer STARTTLS.*add --insecure"):
            run(project, server.url())
        assert server.recorder.received == []
        result, output = run(project, server.url(), insecure=True)
    assert result.exit_code == 0 and len(server.recorder.received) == 3 and "WARNING: --insecure" in output


def _run_narrow(facts: Path, url: str, **options: Any) -> tuple[SendResult, str]:
    console = Console(file=io.StringIO(), width=40, force_terminal=False)
    result = run_send(console, facts, to=options.pop("to", []), dry_run=options.pop("dry_run", False),
                      resend=options.pop("resend", False), insecure=options.pop("insecure", False), out_dir=None,
                      env={"BRIEFING_SMTP_URL": url}, retry=FAST)
    return result, console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", [
    "Ann [/acting] Lee",          # was: MarkupError, exit 3 (internal error)
    "Ann [acting] Lee",           # was: "[acting]" silently dropped
    "Ann [bold]Lee[/bold]",       # was: printed bold, tags dropped
    "Ann Lee",
])
def test_progress_lines_print_names_literally_and_unwrapped(project: Path, name: str) -> None:
    (project.parent / "stakeholders.yaml").write_text(STAKEHOLDERS.replace("Ann Lee", f'"{name}"'),
                                                      encoding="utf-8")
    result, output = _run_narrow(project, "smtp://127.0.0.1:9", to=["ann"], dry_run=True)
    assert result.exit_code == 0
    # One line per recipient even on a narrow terminal: the .eml path is never split.
    eml = result.outcomes[0].eml
    assert f"[1/1] {name} <ann@example.org>: dry run, written to {eml}" in output.splitlines()


@pytest.mark.parametrize("reply", [
    "550 5.1.1 [/x] no such mailbox",
    "550 5.1.1 [internal] no such mailbox",
])
def test_server_replies_print_literally(project: Path, tls: Any, reply: str) -> None:
    faults = {"ann@example.org": [(reply, False)]}
    with smtp_server(Recorder(rcpt_faults=faults), starttls=tls.server_context) as server:
        result, output = run(project, server.url(), to=["ann"])
    assert [o.status for o in result.outcomes] == ["rejected"] and reply in output


@pytest.mark.parametrize("changed", ["templates/briefing.css", "sources/call.txt"])
def test_stale_render_names_the_changed_input(project: Path, changed: str) -> None:
    root = project.parent
    (root / "templates").mkdir()
    (root / "templates" / "briefing.css").write_text("h1 { color: red; }\n", encoding="utf-8")
    manifest = read_manifest(root / "out")
    manifest.inputs = check(project, prove=False).digests
    write_manifest(root / "out", manifest)
    with (root / changed).open("a", encoding="utf-8") as handle:
        handle.write("/* changed */\n")
    with pytest.raises(CheckFailed) as caught:
        run(project, "smtp://127.0.0.1:9", dry_run=True)
    message = str(caught.value)
    assert f"rendered before {changed} changed; nothing was sent: run `briefing render` first" in message
    assert "older facts.yaml" not in message  # facts.yaml itself did not change
