"""Email messages of a briefing, and the SMTP transport that delivers them.

A message is ``multipart/mixed``: a ``multipart/alternative`` body (plain
text and HTML: title, as-of date, marking, key figures from the manifest of
the render, i.e. from proven facts) and the outputs the recipient asked for.
Its Message-ID depends only on the briefing version and the recipient, so a
retried or re-sent message is recognisably the same one. A CR or LF in any
header value (a name, the subject, an address) is refused, never folded.

The transport reads ``BRIEFING_SMTP_URL``, ``BRIEFING_SMTP_USER`` and
``BRIEFING_SMTP_PASSWORD`` from the environment only. ``smtp://`` requires
STARTTLS, ``smtps://`` is implicit TLS; certificates are verified with
``ssl.create_default_context()`` and credentials are only sent afterwards.
"""
from __future__ import annotations

import datetime as dt
import html
import ipaddress
import smtplib
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

from briefing.errors import DeliveryError, UsageError
from briefing.outputs.manifest import Manifest
from briefing.deliver.stakeholders import Recipient, Sender, valid_email

MIME_TYPES = {"pdf": ("application", "pdf"),
              "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")}


@dataclass(frozen=True)
class Attachment:
    """One rendered output, read once from out/."""

    format: str
    filename: str
    data: bytes
    sha256: str


def message_id(version: str, recipient_id: str, sender_email: str) -> str:
    """The Message-ID for (briefing version, recipient): the same on every retry."""
    return f"<briefing.{version}.{recipient_id}@{sender_email.rsplit('@', 1)[1]}>"


def human_date(iso: str) -> str:
    """``2025-08-04`` -> ``4 August 2025`` (unchanged if it is not an ISO date)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def subject_of(manifest: Manifest) -> str:
    """``[MARKING] Title — as of 4 August 2025``."""
    return f"[{manifest.marking}] {manifest.title} \u2014 as of {human_date(manifest.as_of)}"


def _single_line(value: str, what: str) -> str:
    if "\r" in value or "\n" in value:
        raise DeliveryError(f"refusing to build the message: {what} contains a line break (CR or LF), which "
                            "could inject mail headers; remove it (facts.yaml or stakeholders.yaml) and run again")
    return value


def _address(name: str, email: str, what: str) -> Address:
    _single_line(name, f"the name of {what}")
    if not valid_email(_single_line(email, f"the address of {what}")):
        raise DeliveryError(f"refusing to send: {email!r} ({what}) is not a valid address; fix stakeholders.yaml")
    local, domain = email.rsplit("@", 1)
    return Address(display_name=name, username=local, domain=domain)


def bodies(manifest: Manifest, recipient: Recipient, attachments: list[Attachment]) -> tuple[str, str]:
    """The plain-text and HTML bodies: title, as-of date, marking, key figures, attachments."""
    as_of = human_date(manifest.as_of)
    figures = [(f.get("label") or f.get("id", ""), f.get("figure", ""), f.get("text", ""))
               for f in manifest.key_figures]
    files = ", ".join(a.filename for a in attachments)
    lines = [manifest.marking, "", manifest.title, f"As of {as_of}", "", f"Dear {recipient.name},", "",
             f"attached is the briefing ({files}).", ""]
    if figures:
        lines.append("Key figures")
        lines += [f"  * {label}: {figure}\n    {text}" for label, figure, text in figures]
        lines.append("")
    lines += [f"Briefing version {manifest.version}", manifest.marking]
    e = html.escape
    rows = "".join(f"<tr><th scope=\"row\">{e(label)}</th><td><strong>{e(figure)}</strong></td>"
                   f"<td>{e(text)}</td></tr>" for label, figure, text in figures)
    table = (f"<h2>Key figures</h2><table><tbody>{rows}</tbody></table>" if rows else "")
    page = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{e(manifest.title)}</title>"
            f"</head><body><p><strong>{e(manifest.marking)}</strong></p><h1>{e(manifest.title)}</h1>"
            f"<p>As of {e(as_of)}</p><p>Dear {e(recipient.name)},</p><p>attached is the briefing "
            f"({e(files)}).</p>{table}<p><small>Briefing version {e(manifest.version)}</small></p>"
            f"<p><strong>{e(manifest.marking)}</strong></p></body></html>")
    return "\n".join(lines) + "\n", page + "\n"


def build_message(manifest: Manifest, sender: Sender, recipient: Recipient, attachments: list[Attachment],
                  now: dt.datetime | None = None) -> EmailMessage:
    """The complete message for one recipient; header injection raises DeliveryError."""
    msg = EmailMessage()
    msg["From"] = _address(sender.name, sender.email, "the sender")
    msg["To"] = _address(recipient.name, recipient.email, f"recipient {recipient.id}")
    msg["Subject"] = _single_line(subject_of(manifest), "the subject (title or marking)")
    msg["Date"] = format_datetime(now or dt.datetime.now(dt.timezone.utc))
    msg["Message-ID"] = message_id(manifest.version, recipient.id, sender.email)
    msg["X-Briefing-Version"] = _single_line(manifest.version, "the version")
    text, page = bodies(manifest, recipient, attachments)
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(page, subtype="html", cte="quoted-printable")
    for item in attachments:
        maintype, subtype = MIME_TYPES[item.format]
        msg.add_attachment(item.data, maintype=maintype, subtype=subtype,
                           filename=_single_line(item.filename, "an attachment name"))
    return msg


def write_eml(msg: EmailMessage, path: Path) -> None:
    """Write the message as an ``.eml`` file (what would have been sent)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(msg))


class TransientFailure(Exception):
    """A 4xx reply or a dropped connection: worth retrying."""

    def __init__(self, code: int | None, text: str) -> None:
        super().__init__(text)
        self.code, self.text = code, text


class PermanentFailure(TransientFailure):
    """A 5xx reply: the server refused this message for good."""


class ConnectFailure(TransientFailure):
    """The server could not be reached or greeted us with an error."""


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
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
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
        self._client: smtplib.SMTP | None = None

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.settings.insecure:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def connect(self) -> smtplib.SMTP:
        """Connect, secure (TLS verified first), then log in; DeliveryError stops the run."""
        s = self.settings
        where = f"{s.host}:{s.port}"
        client: smtplib.SMTP | None = None
        try:
            if s.scheme == "smtps":
                client = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=self._context())
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
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

    def deliver(self, msg: EmailMessage, sender: str, recipient: str) -> None:
        """Send one message to one address; raises TransientFailure or PermanentFailure."""
        client = self._client or self.connect()
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
        except (smtplib.SMTPException, OSError) as error:
            self.close()
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


def _by_code(code: int | None, text: str) -> TransientFailure:
    if code is not None and 500 <= code < 600:
        return PermanentFailure(code, f"{code} {text}")
    return TransientFailure(code, f"{code} {text}" if code else text)


def _failure(error: Exception, what: str) -> TransientFailure:
    if isinstance(error, smtplib.SMTPResponseException):
        return _by_code(error.smtp_code, _text(error.smtp_error))
    return TransientFailure(None, f"{what}: {error or type(error).__name__}")
