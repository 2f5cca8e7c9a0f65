"""What the CLI prints for `briefing sources add`, `briefing sources show` and `briefing init`."""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.commands.init import InitResult
    from briefing.commands.sources import ShownSource
    from briefing.commands.sources_add import AddResult

_LABEL = {"pdf": "PDF", "html": "web page", "docx": "Word document", "text": "text"}


def print_added(result: "AddResult") -> None:
    """The entry `sources add` wrote and what the document does not state, or why nothing was added."""
    if result.refused:
        for finding in result.findings:
            print(finding)
        print(f"briefing: {result.refused}. Nothing added.")
        return
    pages = f", {result.pages} page{'s' * (result.pages != 1)}" if result.kind == "pdf" else ""
    print(f"Added source `{result.ident}` ({_LABEL[result.kind]}{pages}, {result.characters:,} characters of "
          f"text) as {result.path}, pinned to sha256 {result.sha256[:12]}...")
    for note in result.notes:
        print(f"  {note}")
    print(f"  Its text: briefing sources show {result.ident}")


def print_shown(shown: "ShownSource") -> None:
    """The source's text exactly as quotes are proved against it, or the findings that say why not."""
    if shown.text is None:
        for finding in shown.findings:
            print(finding)
        return
    sys.stdout.write(shown.text if shown.text.endswith("\n") else shown.text + "\n")


def print_init(result: "InitResult") -> None:
    """What `briefing init` wrote and what to do next, or what stopped it."""
    where = result.directory
    if result.refused:
        names = ", ".join(str(where / name) for name in result.existing) or str(where)
        print(f"briefing: {names} {result.refused}: nothing written. Choose an empty folder: "
              "briefing init new-folder")
        return
    here = where.resolve() == where.cwd().resolve()
    print(f"Started a briefing project {'here' if here else 'in ' + str(where)}: {', '.join(result.written)}.")
    step = "" if here else f"cd {where} && "
    print(f"Next: {step}briefing check && briefing render   (then replace the example with your own sources "
          "and facts; add a document with `briefing sources add FILE|URL`)")
