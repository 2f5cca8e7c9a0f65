"""The send ledger: append-only, durable, tolerant of a torn last line, one run at a time."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.errors import DeliveryError
from briefing.deliver.ledger import Ledger, LedgerEntry

ENTRY = LedgerEntry("v1", "ann", "ann@example.org", "<briefing.v1.ann@example.org>", {"briefing.pdf": "ab" * 32},
                    "pending")


def test_entries_round_trip_and_the_last_line_wins(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "mail" / "ledger.jsonl")
    assert ledger.entries() == [] and ledger.state("v1") == {}
    ledger.append(ENTRY)
    ledger.append(replace(ENTRY, status="sent", attempts=1))
    ledger.append(replace(ENTRY, version="v2", status="failed", code=451, error="451 later"))
    assert [e.status for e in ledger.entries()] == ["pending", "sent", "failed"]
    assert ledger.state("v1")["ann"].status == "sent"
    assert ledger.state("v2")["ann"].code == 451
    lines = (tmp_path / "mail" / "ledger.jsonl").read_text().splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["message_id"] == ENTRY.message_id


def test_covers_only_the_same_address_and_attachments() -> None:
    sent = replace(ENTRY, status="sent")
    assert sent.covers("ANN@example.org", {"briefing.pdf": "ab" * 32})
    assert not sent.covers("ann@example.org", {"briefing.pdf": "ab" * 32, "briefing.docx": "cd" * 32})
    assert not sent.covers("ann@example.net", {"briefing.pdf": "ab" * 32})
    assert not ENTRY.covers("ann@example.org", {"briefing.pdf": "ab" * 32})  # pending is not delivered


def test_a_torn_last_line_is_skipped_and_the_next_line_starts_fresh(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger(path)
    ledger.append(ENTRY)
    with open(path, "ab") as handle:
        handle.write(b'{"version": "v1", "recipient": "bob", "sta')  # the crash came mid-write
    assert [e.recipient for e in ledger.entries()] == ["ann"]
    ledger.append(replace(ENTRY, recipient="cleo"))
    assert [e.recipient for e in ledger.entries()] == ["ann", "cleo"]


def test_a_second_run_cannot_take_the_ledger(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.jsonl")
    with ledger.locked():
        with pytest.raises(DeliveryError, match="another `briefing send`"):
            with Ledger(tmp_path / "ledger.jsonl").locked():
                pass
    with ledger.locked():
        pass  # released after the run
