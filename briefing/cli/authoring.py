"""The commands that build the fact base: `sources` (list, pin, add, show), `init`, `suggest`, `coverage`.

They are added to the :func:`briefing.cli.cli` group when :mod:`briefing.cli` is imported.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from briefing.cli import FACTS_HELP, _facts_path, cli


class _SourcesGroup(click.Group):
    """`briefing sources [FACTS_FILE] [--pin]` lists or pins; `briefing sources add|show ...` are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and (args[0] in self.commands or args[0] in ("-h", "--help")):
            return super().parse_args(ctx, args)
        return super().parse_args(ctx, ["list", *args])


@cli.group(cls=_SourcesGroup)
def sources() -> None:
    """List, pin, add and show the sources.

    \b
      briefing sources [FACTS_FILE] [--pin]    list them (or pin their sha256)
      briefing sources add FILE|URL [--id ID]  keep a PDF, web page, Word or text file under sources/
      briefing sources show ID                 print the text its quotes are proved against
    """


@sources.command("list")
@click.argument("facts_file", required=False, metavar="[FACTS_FILE]")
@click.option("--pin", is_flag=True, help="Write each source's current sha256 into facts.yaml (comments and "
              "layout are kept). A pinned source that changes later is an error.")
def sources_list(facts_file: str | None, pin: bool) -> None:
    """List the sources: title, published date, sha256 and how many facts cite each."""
    from briefing.cli.printing import print_pin, print_sources
    from briefing.commands.sources import list_sources, pin_sources

    path = _facts_path(facts_file)
    if pin:
        pinned = pin_sources(path, display=str(path))
        print_pin(pinned)
        sys.exit(pinned.exit_code)
    listing = list_sources(path, display=str(path))
    print_sources(listing)
    sys.exit(listing.exit_code)


@sources.command("add")
@click.argument("document", metavar="FILE|URL")
@click.option("--id", "ident", default=None, help="The source id (default: made from the file name).")
@click.option("--facts", "facts_file", default=None, metavar="FACTS_FILE", help=FACTS_HELP)
@click.option("--allow-private", is_flag=True, help="For a local test server only: allow a URL on a loopback, "
              "private or link-local address.")
def sources_add(document: str, ident: str | None, facts_file: str | None, allow_private: bool) -> None:
    """Add a PDF, web page (file or URL), Word or text document as a source.

    The file is kept byte-exact under sources/ and pinned by sha256; title,
    publisher and published date come from the document's own metadata only.
    facts.yaml gains one entry and nothing else in it changes. A failed add
    leaves facts.yaml and sources/ as they were.
    """
    from briefing.cli.printing_sources import print_added
    from briefing.commands.sources_add import add_source

    path = _facts_path(facts_file)
    result = add_source(path, document, ident, allow_private, display=str(path))
    print_added(result)
    sys.exit(result.exit_code)


@sources.command("show")
@click.argument("ident", metavar="ID")
@click.option("--facts", "facts_file", default=None, metavar="FACTS_FILE", help=FACTS_HELP)
def sources_show(ident: str, facts_file: str | None) -> None:
    """Print the text of source ID that quotes are proved against (line numbers in findings refer to it)."""
    from briefing.cli.printing_sources import print_shown
    from briefing.commands.sources import show_source

    path = _facts_path(facts_file)
    shown = show_source(path, ident, display=str(path))
    print_shown(shown)
    sys.exit(shown.exit_code)


@cli.command()
@click.argument("directory", required=False, default=".", metavar="[DIR]")
def init(directory: str) -> None:
    """Start a new project in DIR (default: here): facts.yaml, sources/, stakeholders.yaml, .gitignore.

    The example fact base has the four sections and one fact of each kind,
    proven against the one example source; `briefing check` passes on it and
    `briefing render` renders it. Existing files are never overwritten.
    """
    from briefing.cli.printing_sources import print_init
    from briefing.commands.init import init_project

    result = init_project(Path(directory))
    print_init(result)
    sys.exit(result.exit_code)


@cli.command()
@click.argument("source_ids", nargs=-1, required=True, metavar="SOURCE_ID...")
@click.option("--facts", "facts_file", default=None, metavar="FACTS_FILE", help=FACTS_HELP)
@click.option("--kinds", multiple=True, metavar="LIST", help="Only these kinds, comma-separated or repeated: "
              "amount, percent, count, range, date, statement, people (default: all).")
@click.option("--append", is_flag=True, help="Add the suggestions to facts.yaml under a comment marking them "
              "suggested (nothing already in the file changes), instead of printing them.")
def suggest(source_ids: tuple[str, ...], facts_file: str | None, kinds: tuple[str, ...], append: bool) -> None:
    """Propose candidate facts and people from a source, each proven by `briefing check` as written.

    \b
    Reads every money amount, percentage, count, range, change and date (resolved
    against the source's published date; the note says which rule resolved it),
    every direct quotation with its speaker and every person named with a role.
    Prints paste-ready YAML; a candidate the fact base already has, corroborates
    or contradicts is marked so. With several sources, one candidate found in
    more than one of them becomes one fact with an evidence list.
    """
    from briefing.cli.printing_suggest import print_suggestions
    from briefing.commands.suggest import suggest as suggest_facts

    path = _facts_path(facts_file)
    wanted = [kind.strip() for item in kinds for kind in item.split(",") if kind.strip()]
    result = suggest_facts(path, list(source_ids), kinds=wanted or None, append=append, display=str(path))
    print_suggestions(result)
    sys.exit(result.exit_code)


@cli.command()
@click.argument("facts_file", required=False, metavar="[FACTS_FILE]")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: per source the share covered and each uncited figure or date; json: every item.")
def coverage(facts_file: str | None, fmt: str) -> None:
    """List, per source, the figures and dates no fact cites (line:col) and the share covered."""
    from briefing.cli.printing_suggest import print_coverage
    from briefing.commands.coverage import coverage as source_coverage

    path = _facts_path(facts_file)
    result = source_coverage(path, display=str(path))
    print_coverage(result, fmt)
    sys.exit(result.exit_code)
