"""The SMTP transport of `briefing send`: one connection, TLS verified, replies mapped to failures.

The settings come from the environment only: ``BRIEFING_SMTP_URL``,
``BRIEFING_SMTP_USER`` and ``BRIEFING_SMTP_PASSWORD``. ``smtp://`` requires
STARTTLS, ``smtps://`` is implicit TLS; certificates are verified with
``ssl.create_default_context()`` and credentials are only sent afterwards.

The DATA step is where a message can be delivered without us knowing: the
client calls ``before_data`` (the ledger records the message as in flight)
just before DATA, and a reply lost after the whole message went out is an
:class:`UncertainDelivery`, never retried. A 421 in reply to DATA is a
:class:`ServerClosing`: the run stops.
"""
from __future__ import annotations

import ipaddress
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Callable, Mapping
from urllib.parse import urlsplit

from briefing.deliver.transport import (
    ConnectFailure,
    PermanentFailure,
    ServerClosing,
    ServerSilent,
    TransientFailure,
    UncertainDelivery,
)
from briefing.errors import DeliveryError, UsageError

_LEADING_DOT = re.compile(rb"(?m)^\.")
MAX_REPLY_LINES = 100          # an SMTP reply (EHLO's is the longest) has a few dozen lines at most
MAX_REPLY_BYTES = 64 * 1024
MAX_REPLY_LINE = 8192        # smtplib's own cap on one line (RFC 5321 allows 512)


class UnclearReply(smtplib.SMTPException):
    """The server's reply to the whole message is not an SMTP reply: it may or may not have the message."""


class _DataSteps:
    """smtplib's DATA, split at the two points that matter: before DATA, and after the last byte."""

    before_data: Callable[[], None] | None = None
    message_sent: bool = False

    def data(self, msg: bytes | str) -> tuple[int, bytes]:
        """Like ``smtplib.SMTP.data``, calling ``before_data`` first and noting when the message is out."""
        assert isinstance(self, smtplib.SMTP)
        if self.before_data is not None:
            self.before_data()
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        data = msg.encode("ascii") if isinstance(msg, str) else msg
        quoted = _LEADING_DOT.sub(b"..", data)
        if not quoted.endswith(b"\r\n"):
            quoted += b"\r\n"
        self.send(quoted + b".\r\n")
        self.message_sent = True          # from here, a lost reply leaves the delivery uncertain
        code, reply = self.getreply()
        if 200 <= code < 300:
            return 250, reply             # any 2xx: the server took the message
        if not 400 <= code < 600:         # garbage or a 1xx/3xx: not a refusal, so never retried
            raise UnclearReply(f"the server answered the message with {_shown_reply(code, reply)}")
        return code, reply

    def getreply(self) -> tuple[int, bytes]:
        """Like ``smtplib.SMTP.getreply``, but a reply of more than 100 lines or 64 KB is refused.

        A server that streams continuation lines for ever would otherwise keep
        the client reading (within every timeout) and growing without end.
        """
        assert isinstance(self, smtplib.SMTP)
        lines: list[bytes] = []
        size = 0
        if self.file is None:
            self.file = self.sock.makefile("rb")
        while True:
            try:
                line = self.file.readline(MAX_REPLY_LINE + 1)
            except OSError as error:
                self.close()
                raise smtplib.SMTPServerDisconnected(f"Connection unexpectedly closed: {error}") from error
            if not line:
                self.close()
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            size += len(line)
            if len(line) > MAX_REPLY_LINE or len(lines) >= MAX_REPLY_LINES or size > MAX_REPLY_BYTES:
                self.close()
                raise smtplib.SMTPServerDisconnected("the server's reply is too long (more than "
                                                     f"{MAX_REPLY_LINES} lines or {MAX_REPLY_BYTES >> 10} KB): "
                                                     "it is not an SMTP server, or it misbehaves")
            lines.append(line[4:].strip(b" \t\r\n"))
            try:
                code = int(line[:3])
            except ValueError:
                return -1, line.strip(b"\r\n")[:200]
            if line[3:4] != b"-":
                return code, b"\n".join(lines)


class _Client(_DataSteps, smtplib.SMTP):
    """An SMTP client with the split DATA step."""


class _ClientTls(_DataSteps, smtplib.SMTP_SSL):
    """An implicit-TLS client with the split DATA step."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to connect, from the environment."""

    scheme: str
    host: str
    port: int
    user: str | None = None
    password: str | None = None
    insecure: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str], insecure: bool = False) -> "SmtpSettings":
        """Parse BRIEFING_SMTP_URL / _USER / _PASSWORD; UsageError says what to set."""
        url = env.get("BRIEFING_SMTP_URL", "").strip()
        if not url:
            raise UsageError("BRIEFING_SMTP_URL is not set: export BRIEFING_SMTP_URL=smtp://host:587 (STARTTLS) "
                             "or smtps://host:465 (TLS), or use --dry-run")
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError as error:                 # smtp://[::1 : an unclosed IPv6 bracket
            raise UsageError(f"BRIEFING_SMTP_URL is not a valid address ({error}): {url[:200]!r}; write "
                             "smtp://host:port, with an IPv6 address in brackets: smtp://[::1]:25") from None
        if parts.scheme not in ("smtp", "smtps") or not host:
            raise UsageError(f"BRIEFING_SMTP_URL must look like smtp://host:port or smtps://host:port, not {url!r}")
        if parts.username or parts.password or parts.path.strip("/") or parts.query:
            raise UsageError("BRIEFING_SMTP_URL holds only scheme, host and port; put credentials in "
                             "BRIEFING_SMTP_USER and BRIEFING_SMTP_PASSWORD")
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 587)
        except ValueError as error:
            raise UsageError(f"BRIEFING_SMTP_URL has an invalid port: {error}") from error
        user, password = env.get("BRIEFING_SMTP_USER") or None, env.get("BRIEFING_SMTP_PASSWORD") or None
        if bool(user) != bool(password):
            raise UsageError("set both BRIEFING_SMTP_USER and BRIEFING_SMTP_PASSWORD, or neither")
        if insecure and not _loopback(parts.hostname):
            raise UsageError(f"--insecure is for a local test server only (127.0.0.1, ::1, localhost), "
                             f"not {parts.hostname}; certificates of real servers are always verified")
        return cls(parts.scheme, parts.hostname, port, user, password, insecure)


def no_starttls_message(host: str, port: int) -> str:
    """Why a server without STARTTLS is refused, and what to do (``--insecure`` only for a local server)."""
    message = (f"{host}:{port} does not offer STARTTLS; briefings and credentials are never sent in clear text: "
               "use a server with STARTTLS or smtps://")
    if _loopback(host):
        message += (" (for a local test server on this machine, add --insecure to allow plain text; "
                    "note that with --insecure any BRIEFING_SMTP_PASSWORD is sent unencrypted)")
    return message


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SmtpTransport:
    """One SMTP connection, opened lazily and reopened after any failure."""

    def __init__(self, settings: SmtpSettings, timeout: float = 30.0) -> None:
        self.settings = settings
        self.timeout = timeout
        self._client: _Client | _ClientTls | None = None

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.settings.insecure:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def connect(self, timeout: float | None = None) -> smtplib.SMTP:
        """Connect, secure (TLS verified first), then log in; DeliveryError stops the run."""
        s = self.settings
        timeout = self.timeout if timeout is None else min(self.timeout, timeout)
        where = f"{s.host}:{s.port}"
        client: _Client | _ClientTls | None = None
        try:
            if s.scheme == "smtps":
                client = _ClientTls(s.host, s.port, timeout=timeout, context=self._context())
            else:
                client = _Client(s.host, s.port, timeout=timeout)
                client.ehlo()
                if client.has_extn("starttls"):
                    client.starttls(context=self._context())
                    client.ehlo()
                elif not s.insecure:
                    raise DeliveryError(no_starttls_message(s.host, s.port))
            if s.user and s.password:
                client.login(s.user, s.password)
        except ssl.SSLCertVerificationError as error:
            self._abandon(client)
            raise DeliveryError(f"the TLS certificate of {where} cannot be verified ({error.verify_message}); "
                                "nothing was sent and no credentials were sent. Fix the server's certificate or "
                                "trust its CA (SSL_CERT_FILE); --insecure is for a local test server only") from error
        except ssl.SSLError as error:
            self._abandon(client)
            raise DeliveryError(f"the TLS handshake with {where} failed ({error.reason or error}); "
                                "check BRIEFING_SMTP_URL (smtp:// is STARTTLS, smtps:// is implicit TLS)") from error
        except smtplib.SMTPAuthenticationError as error:
            self._abandon(client)
            raise DeliveryError(f"{where} refused the login of BRIEFING_SMTP_USER ({error.smtp_code} "
                                f"{_text(error.smtp_error)}); check BRIEFING_SMTP_USER and BRIEFING_SMTP_PASSWORD") from error
        except smtplib.SMTPNotSupportedError as error:
            self._abandon(client)
            raise DeliveryError(f"{where} does not offer AUTH; unset BRIEFING_SMTP_USER/PASSWORD or use "
                                "another server") from error
        except DeliveryError:
            self._abandon(client)
            raise
        except (smtplib.SMTPException, OSError) as error:
            self._abandon(client)
            failure = _failure(error, f"cannot connect to {where}")
            raise ConnectFailure(failure.code, failure.text) from error
        self._client = client
        return client

    def deliver(self, msg: EmailMessage, sender: str, recipient: str, *, before_data: Callable[[], None],
                timeout: float) -> None:
        """Send one message to one address; raises a failure of deliver/transport.py."""
        timeout = max(0.001, min(self.timeout, timeout))
        client = self._client or self.connect(timeout)
        if client.sock is not None:
            client.sock.settimeout(timeout)
        client.before_data, client.message_sent = before_data, False
        try:
            client.send_message(msg, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as error:
            self.close()
            code, text = error.recipients.get(recipient, (None, b"refused"))
            raise _by_code(code, _text(text)) from error
        except smtplib.SMTPSenderRefused as error:
            self.close()
            if error.smtp_code == 530:
                raise DeliveryError(f"{self.settings.host} requires authentication: set BRIEFING_SMTP_USER "
                                    "and BRIEFING_SMTP_PASSWORD") from error
            raise _by_code(error.smtp_code, _text(error.smtp_error)) from error
        except smtplib.SMTPDataError as error:
            self.close()
            if error.smtp_code == 421:
                raise ServerClosing(421, f"421 {_text(error.smtp_error)}") from error
            raise _by_code(error.smtp_code, _text(error.smtp_error)) from error
        except (smtplib.SMTPException, OSError) as error:
            sent = client.message_sent
            self.close()
            if sent:
                raise UncertainDelivery(None, f"no reply after the message was sent ({error or type(error).__name__})") \
                    from error
            if isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError):
                raise ServerSilent(None, f"{self.settings.host} did not answer within {timeout:g} s") from error
            raise _failure(error, "delivery failed") from error

    def close(self) -> None:
        """Say QUIT if the connection is still up; forget it either way."""
        client, self._client = self._client, None
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                self._abandon(client)

    @staticmethod
    def _abandon(client: smtplib.SMTP | None) -> None:
        if client is not None:
            try:
                client.close()
            except OSError:
                pass


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _shown_reply(code: int, reply: bytes | str) -> str:
    """A reply as a message shows it: ``451 later``, or the garbage a non-SMTP reply holds, cut short."""
    text = _text(reply)
    if code == -1:
        return f"a line that is not an SMTP reply ({text[:80]!r})"
    return f"{code} {text[:200]}"


def _by_code(code: int | None, text: str) -> TransientFailure:
    if code == -1:
        return TransientFailure(None, f"the server sent a line that is not an SMTP reply ({text[:80]!r})")
    if code is not None and 500 <= code < 600:
        return PermanentFailure(code, f"{code} {text}")
    return TransientFailure(code, f"{code} {text}" if code else text)


def _failure(error: Exception, what: str) -> TransientFailure:
    if isinstance(error, smtplib.SMTPResponseException):
        return _by_code(error.smtp_code, _text(error.smtp_error))
    return TransientFailure(None, f"{what}: {error or type(error).__name__}")
