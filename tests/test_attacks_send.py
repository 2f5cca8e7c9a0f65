"""`briefing send` against servers and ledgers that go wrong, second round (issue 14); one row per attack.

Each row runs ``python -m briefing send`` on a small rendered project against
a scripted server on 127.0.0.1 (tests/raw_smtp.py) and asserts the exit
status, no traceback, the message, how many messages the server received
(never a duplicate) and that the run ends within its deadline. Rows marked
"was:" failed before this round's fixes.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Callable

import pytest
from attack_helpers import assert_clean, briefing
from raw_smtp import CLOSE, FLOOD, HANG, RawSmtp, Reply
from test_send import project  # noqa: F401 - the shared rendered project fixture

NOT_SMTP = "not an SMTP reply"
# (id, greeting, script, exit status, what the output says, messages the server may have received at most)
SERVERS: list[tuple[str, Reply, dict[str, Reply], int, str, int]] = [
    # was: a server streaming "250-..." for ever kept send reading past every deadline (and growing)
    ("greeting-flood", FLOOD, {}, 1, "reply is too long", 0),
    ("ehlo-flood", b"220 hi\r\n", {"EHLO": FLOOD}, 1, "reply is too long", 0),
    # was: garbage in reply to the whole message was retried: 3 tries each, 8 copies on the server
    ("garbage-after-message", b"220 hi\r\n", {"END": b"hello\r\n"}, 1, "may have been delivered", 1),
    ("3xx-after-message", b"220 hi\r\n", {"END": b"354 again?\r\n"}, 1, "may have been delivered", 1),
    # was: a 2xx other than 250 after the message was a failure, retried: duplicates
    ("251-after-message", b"220 hi\r\n", {"END": b"251 queued elsewhere\r\n"}, 0, "sent", 3),
    # was: "failed: -1" (smtplib's code for a line it cannot read)
    ("garbage-at-mail", b"220 hi\r\n", {"MAIL": b"xyz\r\n"}, 1, NOT_SMTP, 0),
    ("garbage-greeting", b"HELLO WORLD\r\n", {}, 1, NOT_SMTP, 0),
    ("binary-greeting", b"\xff\xfe\x00\x01\r\n", {}, 1, NOT_SMTP, 0),
    ("close-at-greeting", CLOSE, {}, 1, "Connection unexpectedly closed", 0),
    ("554-greeting", b"554 go away\r\n", {}, 1, "554 go away", 0),
    ("hang-at-greeting", HANG, {}, 1, "pending (not attempted)", 0),
    ("close-at-ehlo", b"220 hi\r\n", {"EHLO": CLOSE}, 1, "cannot connect", 0),
    ("550-at-mail", b"220 hi\r\n", {"MAIL": b"550 sender refused\r\n"}, 1, "rejected: 550", 0),
    ("550-at-rcpt", b"220 hi\r\n", {"RCPT": b"550 no such user\r\n"}, 1, "rejected: 550", 0),
    ("554-at-data", b"220 hi\r\n", {"DATA": b"554 no\r\n"}, 1, "rejected: 554", 0),
    ("421-at-data", b"220 hi\r\n", {"DATA": b"421 closing\r\n"}, 1, "pending (not attempted)", 0),
    ("close-after-message", b"220 hi\r\n", {"END": CLOSE}, 1, "uncertain", 1),
    ("hang-after-message", b"220 hi\r\n", {"END": HANG}, 1, "uncertain", 1),
    ("554-after-message", b"220 hi\r\n", {"END": b"554 spam\r\n"}, 1, "rejected: 554", 3),
]


def _send(facts: Path, url: str, *args: str) -> tuple[object, float]:
    start = time.monotonic()
    done = briefing(facts.parent, "send", "--insecure", "--deadline", "4", *args,
                    env={"BRIEFING_SMTP_URL": url}, timeout=90)
    return done, time.monotonic() - start


@pytest.mark.parametrize("greeting, script, code, expected, at_most", [row[1:] for row in SERVERS],
                         ids=[row[0] for row in SERVERS])
def test_a_misbehaving_server_ends_the_run_cleanly(project: Path, greeting: Reply,  # noqa: F811 - the fixture
                                                   script: dict[str, Reply], code: int, expected: str,
                                                   at_most: int) -> None:
    with RawSmtp(script, greeting) as server:
        done, took = _send(project, server.url())
        received = server.messages
    assert_clean(done, code, expected)  # type: ignore[arg-type]
    assert took < 40, took                                 # the 4 s deadline, plus one last wait and exit
    assert received <= at_most, received                    # never a duplicate


def _mail(facts: Path) -> Path:
    folder = facts.parent / "out" / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# (id, how the ledger or its folder is damaged, what the message says)
LEDGERS: list[tuple[str, Callable[[Path], object], str]] = [
    ("ledger-is-a-folder", lambda f: (_mail(f) / "ledger.jsonl").mkdir(), "is not a regular file"),     # was: exit 3
    ("ledger-nested-too-deep", lambda f: (_mail(f) / "ledger.jsonl").write_text("[" * 100000 + "]" * 100000 + "\n"),
     "nested too deep"),                                                                              # was: exit 3
    ("mail-folder-is-a-file", lambda f: (f.parent / "out" / "mail").write_text("x"), "is not a folder"),  # was: exit 3
    ("mail-folder-is-a-fifo", lambda f: os.mkfifo(f.parent / "out" / "mail"), "is not a folder"),       # was: exit 3
    ("ledger-fifo", lambda f: os.mkfifo(_mail(f) / "ledger.jsonl"), "is not a regular file"),
    ("ledger-dev-zero", lambda f: (_mail(f) / "ledger.jsonl").symlink_to("/dev/zero"), "is not a regular file"),
    ("ledger-link-loop", lambda f: (_mail(f) / "ledger.jsonl").symlink_to("ledger.jsonl"),
     "Too many levels of symbolic links"),
    ("ledger-torn-mid-file", lambda f: (_mail(f) / "ledger.jsonl").write_text('{"recipient": "ann", "sta\n{"x": 1}\n'),
     'line 2: no "version"'),
    ("ledger-utf16", lambda f: (_mail(f) / "ledger.jsonl").write_bytes('{"a": 1}\n'.encode("utf-16")),
     "not UTF-8 text"),
    ("ledger-big-integer", lambda f: (_mail(f) / "ledger.jsonl").write_text('{"recipient": ' + "9" * 5000 + "}\n"),
     "line 1: not JSON"),
]


@pytest.mark.parametrize("damage, expected", [row[1:] for row in LEDGERS], ids=[row[0] for row in LEDGERS])
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "send"])
def test_a_damaged_ledger_stops_the_send_before_anything_is_sent(project: Path,  # noqa: F811 - the fixture
                                                                 damage: Callable[[Path], object], expected: str,
                                                                 dry_run: bool) -> None:
    damage(project)
    with RawSmtp({}) as server:
        done, _ = _send(project, server.url(), *(["--dry-run"] if dry_run else []))
        received = server.messages
    assert_clean(done, 1, expected, "nothing was sent")  # type: ignore[arg-type]
    assert received == 0


def test_a_torn_last_line_is_ignored_and_the_send_goes_on(project: Path) -> None:  # noqa: F811 - the fixture
    ledger = _mail(project) / "ledger.jsonl"
    ledger.write_text('{"recipient": "ann", "sta', encoding="utf-8")
    with RawSmtp({}) as server:
        done, _ = _send(project, server.url())
        assert server.messages == 3
    assert_clean(done, 0, "sent")  # type: ignore[arg-type]
    lines = ledger.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"recipient": "ann", "sta' and all(json.loads(line) for line in lines[1:])


@pytest.mark.parametrize("url, expected", [
    ("smtp://[::1", "with an IPv6 address in brackets"),                 # was: exit 3, "Invalid IPv6 URL"
    ("smtp://127.0.0.1:abc", "has an invalid port"),
    ("http://127.0.0.1:25", "must look like smtp://host:port"),
    ("smtp://user:pw@127.0.0.1:25", "holds only scheme, host and port"),
])
def test_a_bad_smtp_url_is_misuse(project: Path, url: str, expected: str) -> None:  # noqa: F811 - the fixture
    done = briefing(project.parent, "send", env={"BRIEFING_SMTP_URL": url})
    assert_clean(done, 2, expected)


def _replace_pdf(facts: Path, make: Callable[[Path], object]) -> None:
    pdf = facts.parent / "out" / "briefing.pdf"
    pdf.unlink()
    make(pdf)


def _relist(facts: Path, name: str) -> None:
    manifest = facts.parent / "out" / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"briefing.pdf"', json.dumps(name), 1),
                        encoding="utf-8")


# (id, how an output of out/ is swapped, what the message says); was: a hang, a read without end, exit 3
OUTPUTS: list[tuple[str, Callable[[Path], object], str]] = [
    ("output-is-a-fifo", lambda f: _replace_pdf(f, os.mkfifo), "it is a FIFO (named pipe)"),
    ("output-is-dev-zero", lambda f: _replace_pdf(f, lambda p: p.symlink_to("/dev/zero")), "it is a device"),
    ("output-is-a-folder", lambda f: _replace_pdf(f, lambda p: p.mkdir()), "it is a folder"),
    ("manifest-lists-a-path-outside", lambda f: _relist(f, "../../../etc/passwd"), "which is not a file of out"),
    ("manifest-lists-the-facts", lambda f: _relist(f, "../facts.yaml"), "which is not a file of out"),
]


@pytest.mark.parametrize("damage, expected", [row[1:] for row in OUTPUTS], ids=[row[0] for row in OUTPUTS])
def test_an_output_swapped_in_out_is_never_attached(project: Path,  # noqa: F811 - the fixture
                                                    damage: Callable[[Path], object], expected: str) -> None:
    damage(project)
    done = briefing(project.parent, "send", "--dry-run", timeout=30, memory=2 * 1024 ** 3)
    assert_clean(done, 1, expected, "nothing was sent")
    assert not list((project.parent / "out").glob("mail/*.eml"))
