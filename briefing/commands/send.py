"""`briefing send`: deliver what `briefing render` produced to the stakeholders.

Nothing is sent unless the fact base passes the check, out/ holds a final
(not draft) render whose inputs are exactly the current facts.yaml, sources
and templates, and every output file is byte-identical to its manifest
record. Each recipient gets one message, at most once: the ledger in
out/mail/ records it before delivery, just before DATA (in flight) and after,
so a rerun sends only what is still pending or failed for this briefing
version (``--resend`` forces), and reports a message that was in flight when
a run died as uncertain (``--resend-uncertain`` sends it again). Transient
failures are retried with backoff; permanent ones are reported per
recipient; the whole run has a deadline. The transport is passed in: the
command line builds the SMTP one (:func:`open_transport`).
"""
from __future__ import annotations

import contextlib
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping


from briefing.check import check
from briefing.deliver.delivery import DEFAULT_DEADLINE, Attempt, Deadline, Outcome, RetryPolicy, deliver
from briefing.deliver.ledger import LEDGER_NAME, Ledger, LedgerEntry
from briefing.deliver.mail import Attachment, build_message, message_id, write_eml
from briefing.deliver.smtp import SmtpSettings, SmtpTransport
from briefing.outputs.history import keep_sent
from briefing.deliver.stakeholders import (
    STAKEHOLDERS_NAME,
    Recipient,
    StakeholdersInvalid,
    load_stakeholders,
    split_output,
)
from briefing.deliver.transport import Transport
from briefing.errors import CheckFailed, DeliveryError
from briefing.findings import Finding
from briefing.outputs.atomic import sweep_stale
from briefing.outputs.manifest import Manifest, read_manifest
from briefing.verify.facts import Report

__all__ = ["Outcome", "RetryPolicy", "SendResult", "open_transport", "send"]

RENDER_AGAIN = "nothing was sent: run `briefing render` first"


@dataclass
class SendResult:
    """Per-recipient outcomes of one run."""

    version: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 if any recipient was not delivered, else 0."""
        return 0 if all(outcome.delivered for outcome in self.outcomes) else 1


class CheckFindings(CheckFailed):
    """The fact base has errors; ``findings`` lists them, and the message starts with them."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__("\n".join([*(str(f) for f in findings), message]))
        self.findings = findings


def ensure_checked(report: Report) -> None:
    """CheckFindings (a CheckFailed) if loading the fact base or reading its sources found errors."""
    if report.errors:
        raise CheckFindings(f"{report.project.facts_path} has {len(report.errors)} error(s); nothing was sent: "
                            "fix them (`briefing check`), render again, then send", report.errors)


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):   # outside the working folder; a link loop (RuntimeError)
        return str(path)


def ensure_fresh(report: Report, out_dir: Path) -> Manifest:
    """The manifest of out/, if it is a proven (not draft) render of exactly the inputs ``report`` read.

    The digests were taken by :func:`briefing.check.check` as it read the
    files; nothing is read again here. CheckFailed when out/ is stale.
    """
    facts_path = report.project.facts_path
    manifest = read_manifest(out_dir)
    if manifest is None:
        raise CheckFailed(f"{_show(out_dir)} holds no readable manifest.json, so nothing was rendered there; "
                          f"{RENDER_AGAIN}")
    if manifest.draft:
        raise CheckFailed(f"{_show(out_dir)} holds a draft render (unproven facts marked); drafts are never "
                          "sent: run `briefing render` without --draft")
    facts_key = next((key for key in report.digests if key == facts_path.name or key.endswith("/" + facts_path.name)),
                     facts_path.name)
    if facts_key not in manifest.inputs:
        raise CheckFailed(f"{_show(out_dir)} was not rendered from {_show(facts_path)}; {RENDER_AGAIN}")
    changed = sorted(key for key in set(manifest.inputs) | set(report.digests)
                     if manifest.inputs.get(key) != report.digests.get(key))
    if changed:
        raise CheckFailed(f"{_show(out_dir)} was rendered before {', '.join(changed)} changed; {RENDER_AGAIN}")
    return manifest


MAX_ATTACHMENT = 256 * 1024 * 1024   # bytes; an output larger than this is not one render wrote


def _output_bytes(out_dir: Path, name: str) -> bytes:
    """The bytes of the output ``name`` of out/: a plain file name there, a regular file, within the cap.

    The manifest is data in a folder anyone may have changed: a name with a
    folder in it (``../../etc/passwd``), a FIFO or ``/dev/zero`` in place of
    an output is refused (CheckFailed), never attached, waited on or read
    without end.
    """
    from briefing.load.files import read_regular_file

    if not name or Path(name).name != name or name in (".", ".."):
        raise CheckFailed(f"manifest.json lists {name[:100]!r}, which is not a file of {_show(out_dir)}; "
                          f"{RENDER_AGAIN}")
    try:
        return read_regular_file(out_dir / name, MAX_ATTACHMENT)
    except OSError as error:
        raise CheckFailed(f"{_show(out_dir / name)} cannot be read ({error.strerror or error}); "
                          f"{RENDER_AGAIN}") from None


def _attachments(manifest: Manifest, out_dir: Path, recipients: list[Recipient]) -> dict[str, Attachment]:
    """Each output the recipients ask for (``factsheet.pdf``...), named for the title and the as-of date."""
    import datetime as dt

    from briefing.deliver.body import MailContent
    from briefing.document.formatting import file_stem

    short_title = MailContent.from_manifest(manifest).short_title
    wanted = sorted({name for r in recipients for name in r.outputs})
    result: dict[str, Attachment] = {}
    for name in wanted:
        template, fmt = split_output(name)
        record = manifest.output(template, fmt)
        if record is None:
            who = ", ".join(r.id for r in recipients if name in r.outputs)
            flag = " --template all" if template != "briefing" else ""
            raise CheckFailed(f"out/ holds no {template} {fmt.upper()}, which {who} asked for in "
                              f"{STAKEHOLDERS_NAME}; run `briefing render{flag}` with {fmt} output")
        data = _output_bytes(out_dir, record.path)
        if hashlib.sha256(data).hexdigest() != record.sha256:
            raise CheckFailed(f"{record.path} differs from its record in manifest.json (changed after rendering); "
                              f"{RENDER_AGAIN}")
        stem = file_stem(manifest.title, short_title, template, dt.date.fromisoformat(manifest.as_of))
        result[name] = Attachment(fmt, f"{stem}.{fmt}", data, record.sha256)
    return result


def open_transport(env: Mapping[str, str], insecure: bool, timeout: float = 30.0) -> SmtpTransport:
    """The SMTP transport the environment describes (UsageError says what to set).

    With ``insecure`` the caller should warn: ``transport.settings.insecure``
    says whether certificate checks are off.
    """
    return SmtpTransport(SmtpSettings.from_env(env, insecure), timeout)


@dataclass(frozen=True)
class Step:
    """One thing that happened during a send, for whoever shows progress (the CLI)."""

    index: int          # 1-based position of the recipient in this run
    total: int
    name: str
    email: str
    status: str         # sending, already sent, uncertain, dry run, sent, failed, rejected, note
    detail: str = ""


#: Called for every Step; the CLI prints them. The default shows nothing.
Progress = Callable[[Step], None]


def _quiet(step: Step) -> None:
    """Show nothing."""


def send(facts_path: Path, to: list[str], transport: Transport | None, resend: bool, out_dir: Path | None,
         progress: Progress = _quiet, *, resend_uncertain: bool = False, retry: RetryPolicy | None = None,
         deadline: float = DEFAULT_DEADLINE, sleep: Callable[[float], None] = time.sleep,
         clock: Callable[[], float] = time.monotonic) -> SendResult:
    """Send the current render to the recipients selected by ``to`` (all if empty) through ``transport``.

    ``transport`` None is a dry run: each message is written as .eml. Raises
    StakeholdersInvalid or CheckFindings (both CheckFailed, with
    ``.findings``), CheckFailed (stale, draft or missing render), UsageError
    (bad --to) or DeliveryError (TLS, login, server unreachable or closing,
    an uncertain delivery, the deadline passed, a damaged ledger).
    Per-recipient failures are in the result, not raised; a DeliveryError
    carries the result so far as ``.result``. Each step is reported to
    ``progress``; nothing is printed here.
    """
    retry = retry or RetryPolicy()
    clock_deadline = Deadline(deadline, clock)   # for the whole run, from its start
    out_dir = out_dir or facts_path.parent / "out"
    stakeholders = load_stakeholders(facts_path.parent / STAKEHOLDERS_NAME,
                                     _show(facts_path.parent / STAKEHOLDERS_NAME))
    if stakeholders.errors:
        raise StakeholdersInvalid(f"{STAKEHOLDERS_NAME} has {len(stakeholders.errors)} error(s); nothing was "
                                  "sent: fix them and run again", stakeholders.errors)
    recipients = stakeholders.select(list(to))
    report = check(facts_path, _show(facts_path), prove=False)
    ensure_checked(report)
    with _reading(out_dir):   # a render committing meanwhile cannot remove the version we read
        manifest = ensure_fresh(report, out_dir)
        files = _attachments(manifest, out_dir, recipients)
    mail_dir = out_dir / "mail"
    ledger = Ledger(mail_dir / LEDGER_NAME)
    result = SendResult(manifest.version, transport is None)
    sender = stakeholders.sender
    assert sender is not None  # a missing sender is a finding, raised above
    result.outcomes = [Outcome(r.id, r.email, r.outputs, "", message_id=message_id(manifest.version, r.id, sender.email))
                       for r in recipients]
    with ledger.locked():
        sweep_stale(mail_dir)   # .eml temp files of a dry run that was killed
        state = ledger.state(manifest.version)
        try:
            for index, (recipient, outcome) in enumerate(zip(recipients, result.outcomes), 1):
                attachments = [files[name] for name in recipient.outputs]
                digests = {a.filename: a.sha256 for a in attachments}
                last = state.get(recipient.id)
                def step(status: str, detail: str = "", index: int = index, recipient: Recipient = recipient) -> None:
                    progress(Step(index, len(recipients), recipient.name, recipient.email, status, detail))

                if last is not None and last.covers(recipient.email, digests) and not resend:
                    outcome.status, outcome.detail = "already sent", f"at {last.time}"
                    step("already sent", f"at {last.time} (--resend to send again)")
                    continue
                if last is not None and last.uncertain_for(recipient.email, digests) and not (resend_uncertain
                                                                                           or resend):
                    outcome.status = "uncertain"
                    outcome.detail = (f"in flight at {last.time} when a run stopped: it may have been delivered; "
                                      "--resend-uncertain sends it again")
                    step("uncertain", outcome.detail)
                    continue
                msg = build_message(manifest, sender, recipient, attachments)
                if transport is None:
                    outcome.eml = mail_dir / f"{recipient.id}.eml"
                    write_eml(msg, outcome.eml)
                    outcome.status, outcome.detail = "dry run", f"written to {_show(outcome.eml)}"
                    step("dry run", outcome.detail)
                    continue
                if clock_deadline.passed():
                    raise clock_deadline.stop()
                keep_sent(out_dir, manifest)   # what this version printed, for "what changed" next time
                record = LedgerEntry(manifest.version, recipient.id, recipient.email, outcome.message_id, digests,
                                     "pending")
                ledger.append(record)
                job = Attempt(transport, msg, sender.email, record, ledger)
                step("sending")
                deliver(job, outcome, retry, clock_deadline, sleep, lambda text, step=step: step("note", text))
                step(outcome.status, outcome.detail)
        except DeliveryError as error:
            error.result = result   # type: ignore[attr-defined]  # the CLI prints what happened so far
            raise
        finally:
            if transport is not None:
                transport.close()
    return result


@contextlib.contextmanager
def _reading(out_dir: Path) -> Iterator[None]:
    """Hold out/ for reading while a render may commit (a shared lock), so the version read stays."""
    from briefing.outputs.versions import OutBusy, locked

    stack = contextlib.ExitStack()
    if out_dir.is_dir():
        try:
            stack.enter_context(locked(out_dir, shared=True))
        except OutBusy as error:
            raise DeliveryError(f"{error}; wait for the render to finish, then send again") from None
        except OSError:
            pass   # a read-only out/: no render can commit there either
    with stack:
        yield
