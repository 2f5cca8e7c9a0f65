"""Retries, the deadline, at-most-once and the ledger, through the transport seam (an in-memory transport).

The same paths against a real SMTP server are in test_send.py and test_send_faults.py.
"""
from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from memory_transport import Crash, Mailbox
from rich.console import Console
from test_send import project  # noqa: F401 - the shared fixture: a small rendered project

from briefing.cli.printing_send import send_printing
from briefing.commands.send import RetryPolicy, SendResult
from briefing.deliver.ledger import LedgerDamaged
from briefing.deliver.transport import PermanentFailure, ServerClosing, TransientFailure, UncertainDelivery
from briefing.errors import DeliveryError

ADDRESSES = ("ann@example.org", "bob@example.org", "cleo@example.org")


def run(facts: Path, box: Mailbox, **options: Any) -> tuple[SendResult, str, list[float]]:
    """One send through ``box``; returns the result, the console text and the backoff sleeps."""
    sleeps: list[float] = []
    console = Console(file=io.StringIO(), width=200, force_terminal=False)

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        box.clock.now += seconds

    try:
        result = send_printing(console, facts, box, to=options.pop("to", []), resend=options.pop("resend", False),
                               out_dir=None, retry=RetryPolicy(attempts=3, backoff=2.0), sleep=sleep, clock=box.clock,
                               **options)
    finally:
        run.output = console.file.getvalue()  # type: ignore[attr-defined]
    return result, run.output, sleeps  # type: ignore[attr-defined]


def ledger(facts: Path) -> list[tuple[str, str]]:
    path = facts.parent / "out" / "mail" / "ledger.jsonl"
    return [(line["recipient"], line["status"]) for line in map(json.loads, path.read_text().splitlines())]


def statuses(result: SendResult) -> list[str]:
    return [outcome.status for outcome in result.outcomes]


def test_a_transient_refusal_is_retried_with_backoff_and_delivered_once(project: Path) -> None:
    box = Mailbox(faults={"bob@example.org": [("rcpt", TransientFailure(451, "451 greylisted"))]})
    result, output, sleeps = run(project, box)
    assert statuses(result) == ["sent"] * 3 and result.exit_code == 0
    assert sleeps == [2.0] and "retrying in 2s" in output
    assert [len(box.to(a)) for a in ADDRESSES] == [1, 1, 1]
    assert ledger(project)[3:6] == [("bob", "pending"), ("bob", "in-flight"), ("bob", "sent")]


def test_a_refusal_after_data_began_is_recorded_as_failed_before_the_retry(project: Path) -> None:
    box = Mailbox(faults={"ann@example.org": [("data", TransientFailure(452, "452 mailbox full"))]})
    result, _, _ = run(project, box, to=["ann"])
    assert statuses(result) == ["sent"]
    assert ledger(project) == [("ann", "pending"), ("ann", "in-flight"), ("ann", "failed"), ("ann", "in-flight"),
                               ("ann", "sent")]


def test_a_permanent_refusal_is_not_retried(project: Path) -> None:
    box = Mailbox(faults={"bob@example.org": [("rcpt", PermanentFailure(550, "550 no such user"))]})
    result, _, sleeps = run(project, box)
    assert statuses(result) == ["sent", "rejected", "sent"] and result.exit_code == 1
    assert box.tries.count("bob@example.org") == 1 and sleeps == []


def test_421_at_data_stops_the_run_and_the_rest_stay_pending(project: Path) -> None:
    box = Mailbox(faults={"ann@example.org": [("data", ServerClosing(421, "421 4.3.2 shutting down"))]})
    with pytest.raises(DeliveryError, match="server is closing.*stay pending"):
        run(project, box)
    assert box.tries == ["ann@example.org"] and box.delivered == []
    assert run.output.count("pending (not attempted)") == 2  # type: ignore[attr-defined]
    assert ledger(project) == [("ann", "pending"), ("ann", "in-flight"), ("ann", "failed")]
    again, _, _ = run(project, Mailbox())
    assert statuses(again) == ["sent"] * 3


def test_a_lost_reply_is_uncertain_never_resent_without_the_flag(project: Path) -> None:
    box = Mailbox(faults={"bob@example.org": [("data", UncertainDelivery(None, "no reply after the message"))]})
    with pytest.raises(DeliveryError, match="may have been delivered.*--resend-uncertain"):
        run(project, box)
    assert box.tries.count("bob@example.org") == 1            # at most once: no retry
    assert ledger(project)[-1] == ("bob", "uncertain")
    second = Mailbox()
    result, output, _ = run(project, second)
    assert statuses(result) == ["already sent", "uncertain", "sent"] and result.exit_code == 1
    assert second.to("bob@example.org") == [] and "--resend-uncertain" in output
    third = Mailbox()
    result, _, _ = run(project, third, resend_uncertain=True)
    assert statuses(result) == ["already sent", "sent", "already sent"] and result.exit_code == 0
    assert len(third.to("bob@example.org")) == 1


def test_a_death_during_data_leaves_the_message_in_flight_and_the_rerun_uncertain(project: Path) -> None:
    box = Mailbox(faults={"bob@example.org": [("crash", None)]})
    with pytest.raises(Crash):
        run(project, box)
    assert ledger(project)[-1] == ("bob", "in-flight")
    result, _, _ = run(project, Mailbox())
    assert statuses(result) == ["already sent", "uncertain", "sent"]
    assert "in flight at" in result.outcomes[1].detail


def test_a_death_before_data_is_sent_again_without_asking(project: Path) -> None:
    box = Mailbox(faults={"bob@example.org": [("rcpt", Crash())]})
    with pytest.raises(Crash):
        run(project, box)
    assert ledger(project)[-1] == ("bob", "pending")
    rerun = Mailbox()
    result, _, _ = run(project, rerun)
    assert statuses(result) == ["already sent", "sent", "sent"] and len(rerun.to("bob@example.org")) == 1


def test_the_deadline_bounds_the_whole_run(project: Path) -> None:
    box = Mailbox(latency=100.0, faults={"bob@example.org": [("rcpt", TransientFailure(451, "451 later"))] * 3})
    with pytest.raises(DeliveryError, match="deadline of 250 s passed.*stay pending"):
        run(project, box, deadline=250)
    assert box.clock.now <= 250 + 1e-9
    assert box.timeouts[0] == 250 and box.timeouts == sorted(box.timeouts, reverse=True)
    assert "cleo <cleo@example.org>" in run.output  # type: ignore[attr-defined]
    assert "pending (not attempted)" in run.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("line, problem", [
    (b"garbage\n", "line 2: not JSON"),
    (b"\xff\xfe\x00binary\n", "line 2: not UTF-8 text"),
    (b'{"version": "v", "recipient": "ann", "email": 12345, "message_id": "m", "attachments": {}, '
     b'"status": "sent"}\n', 'line 2: "email" is 12345, not text'),
    (b'{"version": "v", "recipient": "ann", "email": "a@b", "message_id": "m", "attachments": {}, '
     b'"status": "done"}\n', 'line 2: "status" is "done"'),
    (b'[1, 2]\n', "line 2: not a JSON object"),
])
def test_a_damaged_ledger_stops_the_send_before_anything_is_sent(project: Path, line: bytes, problem: str) -> None:
    box = Mailbox()
    run(project, box, to=["ann"])
    path = project.parent / "out" / "mail" / "ledger.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + line + b"".join(lines[1:]))
    again = Mailbox()
    with pytest.raises(LedgerDamaged, match="nothing was sent") as caught:
        run(project, again)
    assert problem in str(caught.value) and again.tries == []


def test_a_torn_last_line_is_not_damage(project: Path) -> None:
    run(project, Mailbox(), to=["ann"])
    path = project.parent / "out" / "mail" / "ledger.jsonl"
    with open(path, "ab") as handle:
        handle.write(b'{"version": "x", "recipient": "bob", "sta')
    result, _, _ = run(project, Mailbox())
    assert statuses(result) == ["already sent", "sent", "sent"]


def test_a_ledger_that_is_a_fifo_is_refused_not_waited_on(project: Path) -> None:
    mail = project.parent / "out" / "mail"
    mail.mkdir()
    os.mkfifo(mail / "ledger.jsonl")
    with pytest.raises(LedgerDamaged, match="not a regular file"):
        run(project, Mailbox())
