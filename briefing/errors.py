"""Exceptions raised inside briefing.

Problems with a user's *content* (a wrong figure, a missing source) are never
exceptions: they are :class:`briefing.findings.Finding` values, collected and
reported together. Exceptions are for a command that cannot go on::

    BriefingError                 base; the CLI prints its message, never a traceback
    ├── UsageError                the command was misused (exit 2): bad flag, missing file
    ├── CheckFailed               the fact base has errors; render/send refuse (exit 1)
    ├── RenderError               a writer or the output audit failed (exit 1)
    │   └── UnsafeResource        a template or fact pointed at a URL outside the templates
    └── DeliveryError             sending email failed in a way that stops the whole run (exit 1)

Every message says what went wrong and what to do about it.
"""
from __future__ import annotations


class BriefingError(Exception):
    """Base class: a condition that stops a command; its message is shown as is."""

    exit_code: int = 1


class UsageError(BriefingError):
    """The command itself was misused (bad flag, missing file): exit status 2."""

    exit_code = 2


class CheckFailed(BriefingError):
    """The fact base has errors, so a render or send refuses to go on."""


class RenderError(BriefingError):
    """A writer, or the output audit after it, failed; nothing in out/ was replaced."""


class UnsafeResource(RenderError):
    """A template or fact asked for a URL outside the project's templates folder."""


class DeliveryError(BriefingError):
    """Email delivery cannot go on at all (bad SMTP URL, TLS failure, auth refused)."""
