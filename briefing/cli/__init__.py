"""The command line: parse arguments, call one verb, print findings, exit.

Exit status: 0 all proven, 1 any error, 2 the command itself was misused.
Heavy libraries are imported inside the commands that need them, so that
``briefing --help`` stays fast. No traceback ever reaches a user.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from briefing.cli.arguments import facts_path as _facts_path, out_option as _out_option, render_choices
from briefing.cli.signals import Terminated, catch_signals, restore
from briefing.errors import BriefingError

FACTS_HELP = "The fact base to use (default: ./facts.yaml). Sources are read relative to its folder."


_formats_option = click.option("--format", "formats", default="pdf,docx,html", show_default=True, metavar="LIST",
                               help="Comma-separated outputs: pdf, docx, html.")
_template_option = click.option(
    "--template", type=click.Choice(["briefing", "factsheet", "all"]), default=None,
    help="briefing: the multi-page memo; factsheet: one page; all: both. Default: the briefing, and every other "
    "template a recipient in stakeholders.yaml asks for.")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="briefing", message="briefing %(version)s")
def cli() -> None:
    """Prove a fact base against its sources, then render and deliver briefings.

    \b
    A briefing project is a folder with:
      facts.yaml   the fact base: every fact cites a verbatim quote
      sources/     the source documents (text, Markdown, PDF, HTML, Word)
      templates/   optional: your own templates override the built-in ones
      out/         rendered briefings (generated)

    \b
    Typical use:
      briefing init new-project   start a project from a working example
      briefing sources add report.pdf   keep a document under sources/
      briefing check              prove every fact; fix what it reports
      briefing suggest SOURCE_ID  propose proven facts from a source
      briefing coverage           what each source states that no fact cites
      briefing render             write out/briefing.pdf, .docx and .html
      briefing watch              re-check and re-render on every save
      briefing diff               what changed since the last version sent
      briefing send --dry-run     write the emails to out/mail/ and send nothing
    """


@cli.command()
@click.argument("facts_file", required=False, metavar="[FACTS_FILE]")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one compiler-style line per finding; json: findings and a verdict per fact.")
@click.option("--strict", is_flag=True, help="Treat warnings (stale facts, unused sources or people, text words the quote does not support) as errors.")
def check(facts_file: str | None, fmt: str, strict: bool) -> None:
    """Prove every fact and person against its quote and source.

    \b
    Each finding is printed as
      facts.yaml:42:5: error[value-not-in-quote] us-pk-goods-trade-2024: value 7.4 billion USD
      is not in the quote; the quote says $7.3 billion
    followed by a summary line. Exit status: 0 all proven, 1 any error
    (with --strict, any warning too), 2 the command was misused.
    """
    from briefing.check import check as check_facts
    from briefing.cli.printing import print_report

    path = _facts_path(facts_file)
    report = check_facts(path, display=str(path))   # a folder argument names its facts.yaml
    print_report(report, fmt)
    failed = not report.ok or (strict and report.warnings)
    global _LEAVE_AT_ONCE
    _LEAVE_AT_ONCE = True
    sys.exit(1 if failed else 0)



@cli.command()
@click.argument("facts_file", required=False, metavar="[FACTS_FILE]")
@_formats_option
@_template_option
@click.option("--out", "out_dir", metavar="DIR", default=None,
              help="Output folder (default: out/ beside facts.yaml; out/draft/ with --draft).")
@click.option("--draft", is_flag=True, help="Render even with errors: every page says DRAFT - NOT VERIFIED and "
              "each unproven fact is marked. Drafts go to out/draft/ (the proven briefing in out/ is kept) and "
              "are never sent.")
@click.option("--paper", type=click.Choice(["A4", "Letter"]), default=None,
              help="Page size of the PDF (default: briefing.paper, else A4).")
@click.option("--force", is_flag=True, help="Render even if nothing changed since the last render.")
@click.option("--no-appendix", "no_appendix", is_flag=True, help="Leave the provenance appendix (every quote) out "
              "of the briefing; the record stays attached to the PDF as verification.json.")
@click.option("--comments", is_flag=True, help="Add a provenance comment (the verbatim quotes) to each fact in the "
              "Word draft.")
def render(facts_file: str | None, formats: str, template: str | None, out_dir: str | None, draft: bool,
           paper: str | None, force: bool, no_appendix: bool, comments: bool) -> None:
    """Check the facts, then write the briefing as PDF, DOCX and HTML.

    Only proven facts reach a page. On any error nothing is written and the
    findings are printed (exit 1), unless --draft. Each file is written to a
    temporary file and renamed, so a failed render leaves the previous files
    in out/ intact. An unchanged project is not rendered again.
    """
    from briefing.cli.printing import RenderProgressBar, print_render
    from briefing.commands.render import render_project

    path = _facts_path(facts_file)
    wanted, templates = render_choices(formats, template, path)
    bar = RenderProgressBar()
    try:
        result = render_project(path, formats=wanted, templates=templates,
                                out_dir=_out_option(out_dir), draft=draft, paper=paper, force=force,
                                display=str(path), progress=bar, appendix=not no_appendix, comments=comments)
    finally:
        bar.stop()
    print_render(result)
    sys.exit(result.exit_code)


@cli.command()
@click.argument("facts_file", required=False, metavar="[FACTS_FILE]")
@_formats_option
@_template_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Output folder (default: out/ beside facts.yaml; out/draft/ with --draft).")
@click.option("--draft", is_flag=True, help="Render drafts (marked DRAFT - NOT VERIFIED) even with errors.")
@click.option("--paper", type=click.Choice(["A4", "Letter"]), default=None,
              help="Page size of the PDF (default: briefing.paper, else A4).")
def watch(facts_file: str | None, formats: str, template: str | None, out_dir: str | None, draft: bool,
          paper: str | None) -> None:
    """Re-check and re-render on every save, in one warm process (Ctrl-C to stop).

    Renders once, then watches facts.yaml, the sources and the templates.
    Each save that changes a file re-checks the facts and re-renders, as
    `briefing render` does, and prints the findings; a save that changes
    nothing does nothing. A change that breaks a fact renders nothing: the
    last good outputs stay in out/.
    """
    from briefing.cli.printing import print_watch_run
    from briefing.commands.watch import WatchOptions, watch_project

    path = _facts_path(facts_file)
    wanted, templates = render_choices(formats, template, path)
    options = WatchOptions(formats=wanted, templates=templates, out_dir=_out_option(out_dir),
                           draft=draft, paper=paper, display=str(path))
    watch_project(path, options, print_watch_run)
    sys.exit(0)


@cli.command()
@click.argument("facts_file", required=False, metavar="[FACTS_FILE]")
@click.option("--since", metavar="VERSION", default=None,
              help="Compare with this version (its first characters are enough); default: the last version "
              "sent, else the last one rendered.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="The folder `briefing render` wrote (default: out/ beside facts.yaml).")
def diff(facts_file: str | None, since: str | None, fmt: str, out_dir: str | None) -> None:
    """Show what changed since the last version: new facts, changed figures (old -> new), removed facts."""
    from briefing.cli.printing import print_diff
    from briefing.commands.diff import diff as diff_facts

    path = _facts_path(facts_file)
    print_diff(diff_facts(path, since, _out_option(out_dir)), fmt)


@cli.command()
@click.argument("facts_file", required=False, metavar="[FACTS_FILE]")
@click.option("--to", "to", multiple=True, metavar="GROUP_OR_ADDRESS",
              help="Send only to this group, recipient id or address from stakeholders.yaml (repeatable).")
@click.option("--dry-run", is_flag=True, help="Write each message as .eml under out/mail/ and send nothing.")
@click.option("--resend", is_flag=True, help="Send again to recipients the ledger says already have this version.")
@click.option("--resend-uncertain", is_flag=True, help="Send again the messages a stopped run left uncertain "
              "(in flight when it died, or no reply after the message): they may have been delivered already.")
@click.option("--deadline", type=click.FloatRange(min=1), default=None, show_default="600", metavar="SECONDS",
              help="Stop the whole send after this long; the recipients not yet sent stay pending for the next run.")
@click.option("--insecure", is_flag=True, help="For a local test server on this machine only: do not verify its "
              "certificate and allow a server without STARTTLS (plain text). Anyone on the path could read the "
              "mail and the password.")
@click.option("--out", "out_dir", metavar="DIR", default=None,
              help="The folder `briefing render` wrote (default: out/ beside facts.yaml).")
def send(facts_file: str | None, to: tuple[str, ...], dry_run: bool, resend: bool, resend_uncertain: bool,
         deadline: float | None, insecure: bool, out_dir: str | None) -> None:
    """Email the current proven briefing to the distribution list.

    \b
    Recipients come from stakeholders.yaml beside facts.yaml. The server is
    taken from the environment only:
      BRIEFING_SMTP_URL       smtp://host:587 (STARTTLS) or smtps://host:465
      BRIEFING_SMTP_USER      optional login
      BRIEFING_SMTP_PASSWORD  optional password
    Each recipient gets each version at most once: out/mail/ledger.jsonl
    records every delivery, so a rerun sends only what is pending or failed.
    A message that was in flight when a run died may have been delivered: it
    is reported as uncertain and sent again only with --resend-uncertain.
    """
    from rich.console import Console

    from briefing.cli.printing_send import run_send
    from briefing.deliver.delivery import DEFAULT_DEADLINE
    from briefing.outputs.place import check_out_folder

    path = _facts_path(facts_file)
    console = Console(stderr=False)
    for warning in check_out_folder(_out_option(out_dir) or path.parent / "out", explicit=out_dir is not None,
                                    project=path.parent):
        click.echo(warning, err=True)
    result = run_send(console, path, to=list(to), dry_run=dry_run, resend=resend, insecure=insecure,
                      out_dir=Path(out_dir) if out_dir else None, env=dict(os.environ),
                      resend_uncertain=resend_uncertain, deadline=DEFAULT_DEADLINE if deadline is None else deadline)
    sys.exit(result.exit_code)


# The commands that build the fact base (sources, init, suggest, coverage) live in their own module.
from briefing.cli import authoring  # noqa: E402,F401 - imported for the commands it adds to `cli`


#: Set by a command whose work is all printed when it returns (``check``): the
#: program then leaves without freeing its objects one by one, which costs
#: about 40 ms after checking a 10,000-fact base. Only when ``main`` runs as
#: the program (``argv`` None), never when a caller in the same process runs it.
_LEAVE_AT_ONCE = False


def _leave_at_once(code: int) -> NoReturn:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe: nothing more can reach the reader
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: run the CLI; errors become messages and exit codes, never tracebacks."""
    previous = catch_signals()
    try:
        _main(argv)
    finally:
        restore(previous)


def _main(argv: list[str] | None) -> NoReturn:
    for stream in (sys.stdout, sys.stderr):   # a non-UTF-8 terminal gets escapes, not UnicodeEncodeError
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        cli.main(args=argv, prog_name="briefing", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(2 if isinstance(error, click.UsageError) else error.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except BriefingError as error:
        click.echo(f"briefing: {error}", err=True)
        sys.exit(error.exit_code)
    except BrokenPipeError:                   # `briefing check | head`: the reader went away
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Terminated:
        click.echo("Terminated (SIGTERM): stopped; what was already written is whole.", err=True)
        sys.exit(143)
    except SystemExit as done:
        if argv is None and _LEAVE_AT_ONCE:
            _leave_at_once(done.code if isinstance(done.code, int) else 1)
        raise
    except BaseException as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        click.echo(f"briefing: internal error ({type(error).__name__}: {error}). This is a bug in briefing; "
                   "run again with BRIEFING_DEBUG=1 for details and report it.", err=True)
        sys.exit(3)
    sys.exit(0)
