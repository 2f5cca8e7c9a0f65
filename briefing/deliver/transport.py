"""What `briefing send` needs from a mail transport, and how a delivery can fail.

`send` is given a :class:`Transport`; the command line builds the real SMTP
one (deliver/smtp.py), and tests can pass one that keeps messages in memory.
A transport delivers one message to one address and reports failure with one
of the exceptions below, which decide what the send does next:

* :class:`TransientFailure` (a 4xx reply, a dropped connection before the
  message was sent): retried with backoff;
* :class:`PermanentFailure` (a 5xx reply): not retried, the recipient is
  reported as rejected;
* :class:`ConnectFailure` (the server cannot be reached): retried, then the
  run stops with the rest pending;
* :class:`ServerClosing` (421 in reply to the message: the server is going
  away): the run stops at once, with the rest pending;
* :class:`ServerSilent` (no answer within the timeout, before the message
  went out): the server is not answering, so the run stops with the rest
  pending rather than waiting again for every try of every recipient;
* :class:`UncertainDelivery` (the whole message went out but no reply came
  back): the message may have been delivered, so it is never sent again
  automatically (at most once), and the run stops.
"""
from __future__ import annotations

from email.message import EmailMessage
from typing import Callable, Protocol


class TransientFailure(Exception):
    """A 4xx reply or a dropped connection: worth retrying."""

    def __init__(self, code: int | None, text: str) -> None:
        super().__init__(text)
        self.code, self.text = code, text


class PermanentFailure(TransientFailure):
    """A 5xx reply: the server refused this message for good."""


class ConnectFailure(TransientFailure):
    """The server could not be reached or greeted us with an error."""


class ServerClosing(TransientFailure):
    """A 421 reply to the message: the server is shutting down; the run stops."""


class ServerSilent(TransientFailure):
    """No answer within the timeout (before the message went out): the run stops."""


class UncertainDelivery(TransientFailure):
    """The message was sent but its reply never came: it may have been delivered."""


class Transport(Protocol):
    """Delivers one message at a time (an SMTP connection, or a test's mailbox)."""

    def deliver(self, msg: EmailMessage, sender: str, recipient: str, *, before_data: Callable[[], None],
                timeout: float) -> None:
        """Deliver ``msg`` to ``recipient``; call ``before_data`` just before the message itself is sent.

        ``timeout`` bounds each wait for the server, in seconds. Raises one of
        the failures above.
        """

    def close(self) -> None:
        """End the session, if one is open."""
