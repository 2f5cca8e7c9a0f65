"""What `briefing send` shows: a line per recipient as it goes, the --insecure warning and the summary table.

The send command reports :class:`~briefing.commands.send.Step` values and
returns a SendResult; everything the user sees is drawn here. Names,
addresses and server replies are printed literally, never read as rich markup.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.status import Status
from rich.table import Table

from briefing.commands.send import SendResult, Step, open_transport, send
from briefing.deliver.transport import Transport
from briefing.errors import DeliveryError

_COLOURS = {"sent": "green", "already sent": "green", "dry run": "cyan", "failed": "red", "rejected": "red",
            "uncertain": "magenta"}


class SendPrinter:
    """Prints each Step on ``console``; a spinner shows while a message is being sent."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._status: Status | None = None

    def __call__(self, step: Step) -> None:
        """Show one step."""
        prefix = escape(f"[{step.index}/{step.total}] {step.name} <{step.email}>")
        if step.status == "note":
            self.console.print(escape(step.detail), soft_wrap=True)
            return
        self._stop()
        if step.status == "sending":
            self._status = self.console.status(f"{prefix}: sending…")
            self._status.start()
            return
        detail = f" ({escape(step.detail)})" if step.detail else ""
        if step.status == "dry run":
            detail = f", {escape(step.detail)}"
        elif step.status == "already sent":
            detail = f" {escape(step.detail)}"
        self.console.print(f"{prefix}: {step.status}{detail}", soft_wrap=True)

    def _stop(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None

    def insecure_warning(self) -> None:
        """The warning that --insecure turned certificate checks off."""
        self.console.print("[bold red]WARNING: --insecure: the server's TLS certificate is NOT verified (and plain "
                           "text is allowed). This is for a local test server only.[/]", soft_wrap=True)

    def summary(self, result: SendResult) -> None:
        """The final table: recipient, outputs, status."""
        self._stop()
        self.console.print(summary_table(result))


def summary_table(result: SendResult) -> Table:
    """The table of every recipient's outputs and status."""
    title = f"briefing {result.version}" + (" (dry run: nothing sent)" if result.dry_run else "")
    table = Table(title=title)
    for column in ("Recipient", "Outputs", "Status"):
        table.add_column(column)
    for outcome in result.outcomes:
        colour = _COLOURS.get(outcome.status, "yellow")
        status = f"[{colour}]{outcome.status or 'pending (not attempted)'}[/]"
        if outcome.detail and outcome.status in ("failed", "rejected", "uncertain"):
            status += f": {escape(outcome.detail)}"
        table.add_row(escape(f"{outcome.recipient} <{outcome.email}>"), ", ".join(outcome.outputs), status)
    return table


def run_send(console: Console, facts_path: Path, *, to: list[str], dry_run: bool, resend: bool, insecure: bool,
             out_dir: Path | None, env: dict[str, str], timeout: float = 30.0, **options: Any) -> SendResult:
    """`briefing send` as the CLI runs it: build the transport, send, and print progress and the summary."""
    transport = None if dry_run else open_transport(env, insecure, timeout)
    if transport is not None and transport.settings.insecure:
        SendPrinter(console).insecure_warning()
    return send_printing(console, facts_path, transport, to=to, resend=resend, out_dir=out_dir, **options)


def send_printing(console: Console, facts_path: Path, transport: Transport | None, *, to: list[str], resend: bool,
                  out_dir: Path | None, **options: Any) -> SendResult:
    """Send through ``transport`` (None: a dry run), printing each step and then the summary table."""
    printer = SendPrinter(console)
    try:
        result = send(facts_path, to, transport, resend, out_dir, printer, **options)
    except DeliveryError as error:
        partial = getattr(error, "result", None)
        if partial is not None:
            printer.summary(partial)
        raise
    printer.summary(result)
    return result
