"""`briefing send` against a real SMTP server that goes wrong at DATA: killed client, hanging or closing server."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from smtp_server import Recorder, smtp_server
from test_send import ledger_lines, project, run, tls  # noqa: F401 - project, tls: the shared fixtures

from briefing.errors import DeliveryError


def _cli(project: Path, url: str, tls: Any, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SSL_CERT_FILE": str(tls.ca_file), "BRIEFING_SMTP_URL": url}
    env.pop("BRIEFING_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "briefing", "send", str(project), *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_kill_after_the_server_accepted_is_never_a_silent_duplicate(project: Path, tls: Any) -> None:
    """Killed after bob's message was accepted but before the 250 was read: the rerun asks before resending."""
    recorder = Recorder()
    with smtp_server(recorder, starttls=tls.server_context) as server:
        process = _cli(project, server.url(), tls)
        recorder.data_hook = lambda rcpts: "bob@example.org" in rcpts and os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
        recorder.data_hook = None
        assert [(l["recipient"], l["status"]) for l in ledger_lines(project)][-2:] == [("bob", "pending"),
                                                                                      ("bob", "in-flight")]
        rerun = _cli(project, server.url(), tls)
        output, _ = rerun.communicate(timeout=60)
        assert rerun.returncode == 1
        assert "uncertain" in output and "--resend-uncertain" in output
        assert [len(recorder.to(a)) for a in ("ann@example.org", "bob@example.org", "cleo@example.org")] == [1, 1, 1]
        forced = _cli(project, server.url(), tls, "--resend-uncertain")
        output, errors = forced.communicate(timeout=60)
        assert forced.returncode == 0, output + errors
    first, second = recorder.to("bob@example.org")
    assert first.message["Message-ID"] == second.message["Message-ID"]   # a repeat mail clients can recognise
    assert len(recorder.to("ann@example.org")) == 1 and len(recorder.to("cleo@example.org")) == 1


def test_a_server_that_hangs_after_data_is_bounded_by_the_deadline(project: Path, tls: Any) -> None:
    recorder = Recorder(data_delay=30.0)
    with smtp_server(recorder, starttls=tls.server_context) as server:
        start = time.monotonic()
        with pytest.raises(DeliveryError, match="may have been delivered|deadline"):
            run(project, server.url(), deadline=2.0)
        elapsed = time.monotonic() - start
    assert elapsed < 8, elapsed                       # not 3 x 30 s per recipient
    assert len(recorder.received) == 1               # only ann's message ever reached the server
    statuses = [(l["recipient"], l["status"]) for l in ledger_lines(project)]
    assert statuses[-1] == ("ann", "uncertain") and {who for who, _ in statuses} == {"ann"}
    assert run.output.count("pending (not attempted)") == 2  # type: ignore[attr-defined]


def test_421_at_data_stops_the_run_and_reports_the_rest_pending(project: Path, tls: Any) -> None:
    recorder = Recorder(data_faults={"bob@example.org": ["421 4.3.2 service shutting down"]})
    with smtp_server(recorder, starttls=tls.server_context) as server:
        with pytest.raises(DeliveryError, match="server is closing.*421.*stay pending"):
            run(project, server.url())
        assert [item.rcpt_tos for item in recorder.received] == [["ann@example.org"]]
        assert "cleo@example.org" not in recorder.rcpt_seen        # not tried after the 421
        assert run.output.count("pending (not attempted)") == 1  # type: ignore[attr-defined]
        result, _ = run(project, server.url())
    assert [o.status for o in result.outcomes] == ["already sent", "sent", "sent"]
    assert [len(recorder.to(a)) for a in ("ann@example.org", "bob@example.org", "cleo@example.org")] == [1, 1, 1]


def test_a_server_that_stops_answering_before_data_stops_the_run_without_retries(project: Path, tls: Any) -> None:
    import io

    from rich.console import Console

    from briefing.cli.printing_send import run_send
    from test_send import FAST

    recorder = Recorder(rcpt_delay=30.0)
    console = Console(file=io.StringIO(), width=200)
    with smtp_server(recorder, starttls=tls.server_context) as server:
        start = time.monotonic()
        with pytest.raises(DeliveryError, match="did not answer within 1 s.*stay pending"):
            run_send(console, project, to=[], dry_run=False, resend=False, insecure=False, out_dir=None,
                     env={"BRIEFING_SMTP_URL": server.url()}, timeout=1.0, retry=FAST)
        elapsed = time.monotonic() - start
    assert elapsed < 6, elapsed                       # one wait, not three tries of each recipient
    assert recorder.rcpt_seen == [] and recorder.received == []
    assert [(l["recipient"], l["status"]) for l in ledger_lines(project)] == [("ann", "pending"), ("ann", "failed")]
