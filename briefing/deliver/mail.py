"""Email messages of a briefing (deliver/smtp.py is the transport that delivers them).

A message is ``multipart/mixed``: a ``multipart/alternative`` body (plain
text and HTML with inline styles, so it reads the same in common mail
clients) and the outputs the recipient asked for. The body is built from the
:class:`~briefing.document.model.Document` the render printed (its content is
kept in the manifest, :mod:`briefing.deliver.body`): the bottom line, the key
figures, what changed, and the as-of date in the one date style ("August 4,
2025").
Its Message-ID depends only on the briefing version and the recipient, so a
retried or re-sent message is recognisably the same one. A CR or LF in any
header value (a name, the subject, an address) is refused, never folded.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from briefing.deliver.body import bodies
from briefing.document.formatting import format_date
from briefing.errors import DeliveryError
from briefing.outputs.atomic import write_atomic
from briefing.outputs.manifest import Manifest
from briefing.deliver.stakeholders import Recipient, Sender, valid_email

MIME_TYPES = {"pdf": ("application", "pdf"),
              "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
              "html": ("text", "html")}


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


def as_of_text(iso: str) -> str:
    """``2025-08-04`` -> ``August 4, 2025``, the PDF's date style (unchanged if it is not an ISO date)."""
    try:
        return format_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def subject_of(manifest: Manifest) -> str:
    """``[MARKING] Title — as of August 4, 2025``."""
    return f"[{manifest.marking}] {manifest.title} \u2014 as of {as_of_text(manifest.as_of)}"


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


def build_message(manifest: Manifest, sender: Sender, recipient: Recipient, attachments: list[Attachment],
                  now: dt.datetime | None = None) -> EmailMessage:
    """The complete message for one recipient; header injection raises DeliveryError.

    Its body is the content the render took from its Document (``manifest.mail``).
    """
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
    """Write the message as an ``.eml`` file (what would have been sent), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, bytes(msg))
