"""An in-memory transport for `briefing send`: keeps each message, plays scripted failures.

It stands where the SMTP transport stands (deliver/transport.py), so the
retry, deadline and ledger logic can be tested without a server; the real
SMTP path is tested against aiosmtpd in test_send.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Callable

from briefing.deliver.transport import TransientFailure


class Crash(BaseException):
    """Stands for the process dying at that instant (nothing after it runs but ``finally`` blocks)."""


@dataclass
class Clock:
    """A clock the transport advances by the time each delivery takes."""

    now: float = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Mailbox:
    """Delivers into ``delivered``; ``faults[address]`` lists what to do on each try, first to last.

    A fault is ``("rcpt", exc)`` (raised before DATA), ``("data", exc)``
    (raised after ``before_data``: the server refused or the reply was lost)
    or ``("crash", None)`` (the process dies right after ``before_data``).
    """

    clock: Clock = field(default_factory=Clock)
    latency: float = 1.0
    faults: dict[str, list[tuple[str, BaseException | None]]] = field(default_factory=dict)
    delivered: list[tuple[str, EmailMessage]] = field(default_factory=list)
    tries: list[str] = field(default_factory=list)
    timeouts: list[float] = field(default_factory=list)
    closed: int = 0

    def deliver(self, msg: EmailMessage, sender: str, recipient: str, *, before_data: Callable[[], None],
                timeout: float) -> None:
        """Deliver, or play the next scripted fault for ``recipient``."""
        self.tries.append(recipient)
        self.timeouts.append(timeout)
        if timeout < self.latency:
            self.clock.now += timeout
            raise TransientFailure(None, "timed out")
        self.clock.now += self.latency
        script = self.faults.get(recipient)
        stage, error = script.pop(0) if script else ("", None)
        if stage == "rcpt" and error is not None:
            raise error
        before_data()
        if stage == "crash":
            raise Crash()
        if stage == "data" and error is not None:
            raise error
        self.delivered.append((recipient, msg))

    def close(self) -> None:
        """Count the sessions ended."""
        self.closed += 1

    def to(self, address: str) -> list[EmailMessage]:
        """The messages delivered to ``address``."""
        return [msg for who, msg in self.delivered if who == address]
