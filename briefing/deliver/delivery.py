"""Delivering one recipient's message: retries, the run's deadline, and the ledger lines around DATA.

Every state a message passes through is a durable ledger line before the
next step is taken: ``pending`` (chosen, nothing sent), ``in-flight`` (just
before DATA: from here the server may have it), then ``sent``, ``failed`` or
``uncertain``. A failed attempt that reached DATA but was refused writes
``failed`` before the retry, so a kill during the backoff is not mistaken for
an uncertain delivery. Delivery is at most once: a message whose reply was
lost is never sent again automatically.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from email.message import EmailMessage
from pathlib import Path
from typing import Callable

from briefing.deliver.ledger import Ledger, LedgerEntry, now_iso
from briefing.deliver.transport import (
    ConnectFailure,
    PermanentFailure,
    ServerClosing,
    ServerSilent,
    TransientFailure,
    Transport,
    UncertainDelivery,
)
from briefing.errors import DeliveryError

DEFAULT_DEADLINE = 600.0   # seconds for a whole send


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently transient failures are retried."""

    attempts: int = 3          # tries per recipient, the first included
    backoff: float = 2.0       # seconds before the second try; doubled each time


class Deadline:
    """The time left for the whole run."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self.clock = seconds, clock
        self.end = clock() + seconds

    def remaining(self) -> float:
        """Seconds left (0 once passed)."""
        return max(0.0, self.end - self.clock())

    def passed(self) -> bool:
        """True once no time is left."""
        return self.remaining() <= 0

    def stop(self) -> DeliveryError:
        """The error that ends a run whose deadline passed."""
        return DeliveryError(f"the send deadline of {self.seconds:g} s passed; the recipients not yet sent stay "
                             "pending: run `briefing send` again (--deadline SECONDS allows more time)")


@dataclass
class Outcome:
    """What happened for one recipient."""

    recipient: str
    email: str
    outputs: tuple[str, ...]
    status: str                # sent, already sent, dry run, failed, rejected, uncertain; "" = not attempted
    detail: str = ""
    attempts: int = 0
    message_id: str = ""
    eml: Path | None = None

    @property
    def delivered(self) -> bool:
        """True unless delivery failed or is uncertain (a dry run counts as done)."""
        return self.status in ("sent", "already sent", "dry run")


@dataclass
class Attempt:
    """Everything one recipient's delivery needs."""

    transport: Transport
    msg: EmailMessage
    sender: str
    record: LedgerEntry        # the pending line, already in the ledger
    ledger: Ledger


def deliver(job: Attempt, outcome: Outcome, retry: RetryPolicy, deadline: Deadline,
            sleep: Callable[[float], None], note: Callable[[str], None]) -> None:
    """Deliver with bounded retries within the deadline; fill ``outcome`` and write the ledger.

    Raises DeliveryError when the run must stop: the server is unreachable
    or closing, a reply was lost (uncertain), or the deadline passed. The
    recipient's final ledger line is written in every case.
    """
    delay = retry.backoff
    stop: DeliveryError | None = None
    for attempt in range(1, max(1, retry.attempts) + 1):
        outcome.attempts = attempt
        in_flight = []

        def before_data() -> None:
            job.ledger.append(replace(job.record, status="in-flight", time=now_iso(), attempts=attempt))
            in_flight.append(True)

        try:
            job.transport.deliver(job.msg, job.sender, job.record.email, before_data=before_data,
                                  timeout=max(deadline.remaining(), 0.001))
        except UncertainDelivery as lost:
            outcome.status, outcome.detail = "uncertain", lost.text
            stop = DeliveryError(f"{job.record.email}: {lost.text}; it may have been delivered, so it is not sent "
                                 "again (--resend-uncertain does); the recipients not yet sent stay pending: check "
                                 "the server, then run `briefing send` again")
            break
        except PermanentFailure as refused:
            outcome.status, outcome.detail = "rejected", refused.text
            break
        except TransientFailure as error:
            outcome.status, outcome.detail = "failed", error.text
            if isinstance(error, ServerClosing):
                stop = DeliveryError(f"the server is closing ({error.text}); the recipients not yet sent stay "
                                     "pending: run `briefing send` again later")
                break
            if isinstance(error, ServerSilent) and not deadline.passed():
                stop = DeliveryError(f"{error.text}; the recipients not yet sent stay pending: check the server, "
                                     "then run `briefing send` again")
                break
            if deadline.passed():
                stop = deadline.stop()
                break
            if attempt < retry.attempts:
                if in_flight:   # refused after DATA began: certainly not delivered, and the ledger says so
                    _record(job, outcome, "failed")
                if deadline.remaining() <= delay:
                    stop = deadline.stop()
                    break
                note(f"  {job.record.email}: {error.text}; retrying in {delay:g}s")
                sleep(delay)
                delay *= 2
            elif isinstance(error, ConnectFailure):
                stop = DeliveryError(f"{error.text} (after {attempt} tries); the recipients not yet sent stay "
                                     "pending: check BRIEFING_SMTP_URL and the server, then run `briefing send` "
                                     "again")
            continue
        except DeliveryError as error:
            outcome.status, outcome.detail = "failed", str(error).split(";")[0]
            _record(job, outcome, "failed")
            raise
        outcome.status, outcome.detail = "sent", ""
        break
    _record(job, outcome, {"sent": "sent", "uncertain": "uncertain"}.get(outcome.status, "failed"))
    if stop is not None:
        raise stop


def _record(job: Attempt, outcome: Outcome, status: str) -> None:
    code = outcome.detail.split(" ", 1)[0]
    job.ledger.append(replace(job.record, status=status, time=now_iso(), attempts=outcome.attempts,  # type: ignore[arg-type]
                              code=int(code) if code.isdigit() else None, permanent=outcome.status == "rejected",
                              error=outcome.detail or None))
