"""The send ledger: ``out/mail/ledger.jsonl``, one JSON object per line, append-only.

Every delivery writes a ``pending`` line before it talks to the server, an
``in-flight`` line just before DATA, and a ``sent``, ``failed`` or
``uncertain`` line after, each flushed and fsynced, so a crash midway loses
no record. The state of a recipient for a briefing version is its last line:
``sent`` means done; ``pending`` and ``failed`` mean it is sent on the next
run; ``in-flight`` (a crash during DATA) and ``uncertain`` (the reply was
lost) mean the server may have it, so the next run reports it as uncertain
and sends it again only with ``--resend-uncertain``. A message sent twice
carries the same Message-ID, so mail clients recognise it.

A torn line (a crash while writing it: an unfinished JSON object) is
ignored. Any other unreadable line stops the send before anything is sent
(:class:`LedgerDamaged`): the ledger no longer proves who has the briefing,
and the user decides.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator, Literal

from briefing.errors import DeliveryError

try:  # POSIX only; elsewhere the ledger is not locked against a second run
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

LEDGER_NAME = "ledger.jsonl"
Status = Literal["pending", "in-flight", "sent", "failed", "uncertain"]
STATUSES = ("pending", "in-flight", "sent", "failed", "uncertain")
MAX_LEDGER = 256 * 1024 * 1024   # bytes; a larger ledger is not one this tool wrote


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

    def uncertain_for(self, email: str, attachments: dict[str, str]) -> bool:
        """True if this exact message may have been delivered (in flight, or its reply was lost)."""
        return self.status in ("in-flight", "uncertain") and self.email.casefold() == email.casefold() \
            and self.attachments == attachments


class LedgerDamaged(DeliveryError):
    """The ledger holds lines that are not records; nothing is sent until the user decides."""


_FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {   # name -> (type, required)
    "version": (str, True), "recipient": (str, True), "email": (str, True), "message_id": (str, True),
    "attachments": (dict, True), "status": (str, True), "time": (str, False), "attempts": (int, False),
    "code": ((int, type(None)), False), "permanent": (bool, False), "error": ((str, type(None)), False),
}


def parse_line(line: bytes) -> tuple[LedgerEntry | None, str]:
    """One ledger line -> (entry, "") or (None, what is wrong); (None, "") for a torn line."""
    try:
        text = line.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    try:
        data = json.loads(text)
    except RecursionError:                      # [[[[...: nested deeper than any record
        return None, "not a ledger record (nested too deep)"
    except ValueError:
        torn = text.startswith("{") and not text.endswith("}")
        return None, "" if torn else "not JSON"
    if not isinstance(data, dict):
        return None, "not a JSON object"
    values = {}
    for name, (kind, required) in _FIELDS.items():
        if name not in data:
            if required:
                return None, f"no \"{name}\""
            continue
        value = data[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return None, f"\"{name}\" is {json.dumps(value)[:40]}, not {_kind_name(kind)}"
        values[name] = value
    if values["status"] not in STATUSES:
        return None, f"\"status\" is {json.dumps(values['status'])[:40]}, not one of {', '.join(STATUSES)}"
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in values["attachments"].items()):
        return None, "\"attachments\" must map file names to sha256 digests"
    return LedgerEntry(**values), ""


def _kind_name(kind: type | tuple[type, ...]) -> str:
    first = kind[0] if isinstance(kind, tuple) else kind
    return {str: "text", int: "a whole number", bool: "true or false", dict: "an object"}[first]


def now_iso() -> str:
    """The current UTC time, ISO 8601 with seconds."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Ledger:
    """Append-only JSON Lines file of delivery records."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def entries(self) -> list[LedgerEntry]:
        """Every record in order; torn lines are skipped, any other bad line raises LedgerDamaged."""
        raw = self._read()
        result: list[LedgerEntry] = []
        bad: list[str] = []
        for number, line in enumerate(raw.split(b"\n"), 1):
            if not line.strip():
                continue
            entry, problem = parse_line(line)
            if entry is not None:
                result.append(entry)
            elif problem:
                bad.append(f"line {number}: {problem}")
        if bad:
            shown = "; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else "")
            raise LedgerDamaged(f"the send ledger {self.path} has {len(bad)} unreadable line(s) ({shown}); nothing "
                                "was sent, because the ledger no longer shows who already has this briefing. "
                                "Look at those lines: delete them if they are damage, or move the ledger away to "
                                "start afresh (then every recipient gets the briefing again)")
        return result

    def _read(self) -> bytes:
        """The ledger's bytes; a missing ledger is empty; anything but a regular file is refused."""
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            return b""
        except OSError as error:
            raise DeliveryError(f"cannot read the send ledger {self.path} ({error.strerror}); nothing was sent: "
                                "check its permissions, or move it away if it is a broken link") from error
        if not stat.S_ISREG(os.fstat(fd).st_mode):   # a folder, FIFO or device (checked before any read)
            os.close(fd)
            raise LedgerDamaged(f"the send ledger {self.path} is not a regular file; nothing was sent: "
                                "remove it (or move it away) and run again")
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_LEDGER + 1)
        if len(data) > MAX_LEDGER:
            raise LedgerDamaged(f"the send ledger {self.path} is larger than {MAX_LEDGER >> 20} MB, which no "
                                "briefing ledger is; nothing was sent: move it away and run again")
        return data

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
        lock_path = self.path.with_name(".ledger.lock")
        folder = self.path.parent
        if os.path.lexists(folder) and not folder.is_dir():
            raise DeliveryError(f"the mail folder {folder} is not a folder (a file, a FIFO or a broken link is "
                                "there); nothing was sent: move it away and run again")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(lock_path, "a+b")
        except OSError as error:   # out/mail is a file or a FIFO, .ledger.lock a folder, a read-only disk
            raise DeliveryError(f"cannot use the mail folder {self.path.parent} ({error.strerror}: "
                                f"{error.filename}); nothing was sent: it must be a folder this user can "
                                "write (move away whatever is there)") from error
        with handle:
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
