"""The email body of a briefing: plain text and HTML with inline styles, from the Document's strings.

`briefing render` takes the body's content from the Document it printed
(:meth:`MailContent.from_document`) and keeps it in the manifest, so `briefing
send` needs no second proof: the marking, title, as-of date ("August 4,
2025", the PDF's date style), the bottom line, the key figures and what
changed since the last version are the very strings the PDF prints. The HTML
uses inline styles only, because common mail clients drop ``<style>`` blocks,
and one centred column that reads on a phone.
"""
from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.document.model import Document

if TYPE_CHECKING:
    from briefing.deliver.mail import Attachment
    from briefing.deliver.stakeholders import Recipient
    from briefing.outputs.manifest import Manifest


@dataclass(frozen=True)
class MailContent:
    """What the email body prints, as the Document formatted it."""

    title: str
    marking: str
    as_of_display: str
    subtitle: str | None = None
    short_title: str | None = None
    language: str = "en"
    summary: list[str] = field(default_factory=list)
    key_figures: list[list[str]] = field(default_factory=list)   # [figure, label]
    changes_since: str | None = None
    changes: list[str] = field(default_factory=list)

    @classmethod
    def from_document(cls, doc: Document) -> "MailContent":
        """The body's content from the Document a render printed."""
        box = doc.changes
        changes = [] if box is None or box.empty else (
            [f"New: {fact.text}" for fact in box.new]
            + [f"Changed: {c.label}: {c.old} \u2192 {c.new}" for c in box.changed]
            + [f"Removed: {text or ident}" for ident, text in box.removed])
        meta = doc.meta
        return cls(meta.title, meta.marking, meta.as_of_display, meta.subtitle, meta.short_title, meta.language,
                   [b.text for b in doc.summary], [[f.figure or f.text, f.label or f.text] for f in doc.key_figures],
                   box.since if changes and box is not None else None, changes)

    @classmethod
    def from_manifest(cls, manifest: "Manifest") -> "MailContent":
        """The content a render kept in the manifest (a manifest without it: title, date and key figures)."""
        if manifest.mail:
            return cls(**manifest.mail)
        from briefing.deliver.mail import as_of_text

        return cls(manifest.title, manifest.marking, as_of_text(manifest.as_of),
                   key_figures=[[f.get("figure", ""), f.get("label") or f.get("text", "")]
                                for f in manifest.key_figures])

    def as_dict(self) -> dict[str, Any]:
        """The JSON form kept in the manifest."""
        return asdict(self)


#: Inline styles of the HTML body (mail clients drop <style> blocks).
_CSS = {
    "body": "margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font:15px/1.45 Georgia,'DejaVu Serif',serif;",
    "marking": "display:inline-block;margin:0 0 10px;padding:2px 7px;background:#1f3a5f;color:#ffffff;"
               "font:bold 11px Arial,sans-serif;letter-spacing:2px;",
    "h1": "margin:0 0 4px;color:#1f3a5f;font:bold 22px/1.2 Arial,sans-serif;",
    "meta": "margin:0 0 14px;color:#5b6573;font:13px Arial,sans-serif;",
    "h2": "margin:18px 0 6px;color:#1f3a5f;font:bold 12px Arial,sans-serif;text-transform:uppercase;"
          "letter-spacing:2px;",
    "box": "margin:0 0 12px;padding:8px 12px;background:#f2f4f7;border-left:4px solid #1f3a5f;",
    "li": "margin:0 0 6px;",
    "figure": "padding:4px 12px 4px 0;color:#1f3a5f;font:bold 17px Arial,sans-serif;white-space:nowrap;"
              "vertical-align:top;",
    "label": "padding:6px 0 4px;color:#5b6573;font:13px Arial,sans-serif;vertical-align:top;",
    "changes": "margin:0 0 12px;padding:6px 12px;border:1px solid #8a5a00;font:13px Arial,sans-serif;",
    "small": "margin:18px 0 0;color:#5b6573;font:12px Arial,sans-serif;",
}


def bodies(manifest: "Manifest", recipient: "Recipient", attachments: "list[Attachment]") -> tuple[str, str]:
    """The plain-text and HTML bodies: marking, title, as-of date, bottom line, key figures, what changed."""
    meta = MailContent.from_manifest(manifest)
    files = ", ".join(a.filename for a in attachments) or "none"
    figures = meta.key_figures
    changes = meta.changes
    lines = [meta.marking, "", meta.title] + ([meta.subtitle] if meta.subtitle else [])
    lines += [f"As of {meta.as_of_display}", "", f"Dear {recipient.name},", "", f"Attached: {files}.", ""]
    if meta.summary:
        lines += ["BOTTOM LINE"] + [f"  * {bullet}" for bullet in meta.summary] + [""]
    if figures:
        lines += ["KEY FIGURES"] + [f"  * {figure}: {label}" for figure, label in figures] + [""]
    if changes and meta.changes_since:
        lines += [f"WHAT CHANGED SINCE {meta.changes_since.upper()}"] + [f"  * {line}" for line in changes] + [""]
    lines += [f"Briefing version {manifest.version}", meta.marking]
    e, c = html.escape, _CSS
    parts = [f'<p style="{c["marking"]}">{e(meta.marking)}</p>', f'<h1 style="{c["h1"]}">{e(meta.title)}</h1>']
    if meta.subtitle:
        parts.append(f'<p style="{c["meta"]};margin-bottom:2px;font-style:italic">{e(meta.subtitle)}</p>')
    parts += [f'<p style="{c["meta"]}">As of {e(meta.as_of_display)}</p>', f"<p>Dear {e(recipient.name)},</p>",
              f'<p>Attached: {e(files)}.</p>']
    if meta.summary:
        items = "".join(f'<li style="{c["li"]}">{e(bullet)}</li>' for bullet in meta.summary)
        parts.append(f'<div style="{c["box"]}"><h2 style="{c["h2"]};margin-top:4px">Bottom line</h2>'
                     f'<ul style="margin:0;padding-left:18px">{items}</ul></div>')
    if figures:
        rows = "".join(f'<tr><td style="{c["figure"]}">{e(figure)}</td><td style="{c["label"]}">{e(label)}</td></tr>'
                       for figure, label in figures)
        parts.append(f'<h2 style="{c["h2"]}">Key figures</h2><table role="presentation" cellpadding="0" '
                     f'cellspacing="0" style="border-collapse:collapse">{rows}</table>')
    if changes and meta.changes_since:
        items = "".join(f'<li style="{c["li"]}">{e(line)}</li>' for line in changes)
        parts.append(f'<div style="{c["changes"]}"><strong>What changed since {e(meta.changes_since)}</strong>'
                     f'<ul style="margin:4px 0 0;padding-left:18px">{items}</ul></div>')
    parts.append(f'<p style="{c["small"]}">Briefing version {e(manifest.version)} &middot; {e(meta.marking)}</p>')
    page = (f'<!DOCTYPE html><html lang="{e(meta.language)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(meta.title)}</title>'
            f'</head><body style="{c["body"]}"><div style="max-width:640px;margin:0 auto">{"".join(parts)}</div>'
            "</body></html>")
    return "\n".join(lines) + "\n", page + "\n"
