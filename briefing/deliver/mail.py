"""Email messages of a briefing (deliver/smtp.py is the transport that delivers them).

A message is ``multipart/mixed``: a ``multipart/alternative`` body (plain
text and HTML: title, as-of date, marking, key figures from the manifest of
the render, i.e. from proven facts) and the outputs the recipient asked for.
Its Message-ID depends only on the briefing version and the recipient, so a
retried or re-sent message is recognisably the same one. A CR or LF in any
header value (a name, the subject, an address) is refused, never folded.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from briefing.errors import DeliveryError
from briefing.outputs.atomic import write_atomic
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
    """Write the message as an ``.eml`` file (what would have been sent), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, bytes(msg))
