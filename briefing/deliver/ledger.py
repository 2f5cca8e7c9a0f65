"""The send ledger: ``out/mail/ledger.jsonl``, one JSON object per line, append-only.

Every delivery writes a ``pending`` line before it talks to the server and a
``sent`` or ``failed`` line after, each flushed and fsynced, so a crash midway
loses no record. The state of a recipient for a briefing version is its last
line: ``sent`` means done; ``pending`` (a crash between the two lines) and
``failed`` mean it is sent again on the next run. A message sent twice after
such a crash carries the same Message-ID, so mail clients recognise it.

A torn last line (a crash while writing it) is ignored when reading.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator, Literal

from briefing.errors import DeliveryError

try:  # POSIX only; elsewhere the ledger is not locked against a second run
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

LEDGER_NAME = "ledger.jsonl"
Status = Literal["pending", "sent", "failed"]


@dataclass(frozen=True)
class LedgerEntry:
    """One line: the state of one recipient's message for one briefing version."""

    version: str
    recipient: str                    # the recipient id in stakeholders.yaml
    email: str
    message_id: str
    attachments: dict[str, str]       # attachment file name -> sha256
    status: Status
    time: str = field(default_factory=lambda: now_iso())
    attempts: int = 0
    code: int | None = None           # the SMTP reply code of a failure, if there was one
    permanent: bool = False           # a 5xx refusal (retrying the same message will not help)
    error: str | None = None

    def covers(self, email: str, attachments: dict[str, str]) -> bool:
        """True if this is a delivery of exactly these attachments to this address."""
        return self.status == "sent" and self.email.casefold() == email.casefold() \
            and self.attachments == attachments


def now_iso() -> str:
    """The current UTC time, ISO 8601 with seconds."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Ledger:
    """Append-only JSON Lines file of delivery records."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def entries(self) -> list[LedgerEntry]:
        """Every readable line in order; unreadable or torn lines are skipped."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise DeliveryError(f"cannot read the send ledger {self.path} ({error.strerror}); "
                                "check its permissions") from error
        result: list[LedgerEntry] = []
        for line in raw.splitlines():
            try:
                data = json.loads(line)
                result.append(LedgerEntry(**data))
            except (ValueError, TypeError):
                continue
        return result

    def state(self, version: str) -> dict[str, LedgerEntry]:
        """The last record of each recipient for ``version``."""
        return {entry.recipient: entry for entry in self.entries() if entry.version == version}

    def append(self, entry: LedgerEntry) -> None:
        """Write one line and make it durable (flush + fsync) before returning."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n"
        try:
            with open(self.path, "ab") as handle:
                if handle.tell() > 0 and not self._ends_with_newline():
                    handle.write(b"\n")  # after a torn line, start a fresh one
                handle.write(line.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise DeliveryError(f"cannot write the send ledger {self.path} ({error.strerror}); "
                                "nothing more is sent until it is writable") from error

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as handle:
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b"\n"

    @contextlib.contextmanager
    def locked(self) -> Iterator["Ledger"]:
        """Hold an exclusive lock for one run, so two sends cannot deliver the same message."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(".ledger.lock")
        with open(lock_path, "a+b") as handle:
            if fcntl is not None:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError as error:
                    raise DeliveryError(f"another `briefing send` is using {self.path}; wait for it "
                                        "to finish, then run again") from error
            try:
                yield self
            finally:
                if fcntl is not None:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
