"""`briefing sources add FILE|URL`: keep a document under sources/, pinned, and declare it in facts.yaml.

All or nothing. The document is read (or downloaded) and its text derived
first, so an encrypted, corrupt or empty document changes nothing. Then the
file is written under sources/ byte-exact (unless it is already there), and
facts.yaml is edited as text (:mod:`briefing.commands.source_entry`),
written to a temporary file, loaded again, and only then renamed over the
original. Any failure removes what this command wrote, so facts.yaml and
sources/ are exactly as they were.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefing.errors import UsageError
from briefing.findings import Finding
from briefing.ingest.cache import cache_path, store
from briefing.ingest.extracted import Extracted, IngestError, Kind, extract, kind_of, sniff
from briefing.load.files import read_regular_file
from briefing.load.model import ID_PATTERN
from briefing.load.sources import MAX_DOCUMENT_BYTES
from briefing.load.project import load_project
from briefing.commands.source_entry import Value, with_source

_SUFFIX: dict[Kind, str] = {"pdf": ".pdf", "html": ".html", "docx": ".docx", "text": ".txt"}


@dataclass
class AddResult:
    """`briefing sources add`: the entry added, or why nothing was."""

    display: str
    ident: str = ""
    path: str = ""                  # the kept file, relative to facts.yaml
    kind: Kind = "text"
    pages: int = 0                  # a PDF's page count
    characters: int = 0             # length of the derived text
    sha256: str = ""
    notes: list[str] = field(default_factory=list)      # what the document does not state, pages without text
    refused: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 when nothing was added, else 0."""
        return 1 if self.refused else 0


def add_source(facts_path: Path, target: str, ident: str | None, allow_private: bool,
               display: str | None = None) -> AddResult:
    """Add the document ``target`` (a file or an http(s) URL) as a source of ``facts_path``."""
    project = load_project(facts_path, display=display or str(facts_path))
    display = project.display
    broken = [f for f in project.findings if f.code in ("yaml-syntax", "duplicate-key", "not-utf8", "file-too-large")]
    if broken:
        return AddResult(display, refused=f"{display} must parse before a source can be added to it",
                         findings=broken)
    root = project.root
    url = retrieved = None
    local: Path | None = None
    try:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", target):
            from briefing.ingest.fetch import download

            fetched = download(target, allow_private=allow_private)
            raw, kind, url, retrieved = fetched.raw, fetched.kind, fetched.url, fetched.retrieved
            name = _url_name(url, kind)
        else:
            local = Path(target)
            if not local.exists():
                raise UsageError(f"{target}: no such file (give a file or an http:// or https:// address)")
            try:
                raw = read_regular_file(local, MAX_DOCUMENT_BYTES)
            except OSError as error:           # a folder, a FIFO, a device, too large, unreadable
                return AddResult(display, refused=f"cannot add {target}: {error.strerror}")
            name = local.name
            kind = kind_of(name)
            if kind == "text" and not name.lower().endswith((".txt", ".md", ".markdown", ".text")):
                kind = sniff(raw) or "text"
                name = Path(name).stem + _SUFFIX[kind] if kind != "text" else name
        extracted = extract(raw, kind, name)
    except IngestError as error:
        return AddResult(display, refused=str(error))
    digest = hashlib.sha256(raw).hexdigest()
    ident = _choose_id(ident, name, project.declared.get("sources", set()))
    destination = _destination(root, local, name, raw)
    relative = destination.relative_to(root.resolve()).as_posix()
    taken = [i for i, s in project.sources.items() if s.path == relative]
    if taken:
        return AddResult(display, refused=f"{relative} is already source `{taken[0]}` in {display}")
    fields, notes = _fields(extracted, name, relative, url, retrieved, digest)
    failed = _commit(facts_path, destination, raw, ident, fields, display)
    if failed:
        return AddResult(display, refused=failed)
    store(cache_path(root, digest, kind), digest, extracted)
    return AddResult(display, ident, relative, kind, extracted.pages, len(extracted.text), digest, notes)


def _url_name(url: str, kind: Kind) -> str:
    """A file name for a download: the last part of its path, with the suffix of its format."""
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) or parts.hostname or "download"
    stem = last.rsplit(".", 1)[0] if "." in last else last
    return stem + _SUFFIX[kind]


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-") or "source"


def _choose_id(ident: str | None, name: str, taken: set[str]) -> str:
    """``--id`` checked, or an id made from the file name that no source has yet."""
    if ident is not None:
        if not re.match(ID_PATTERN, ident):
            raise UsageError(f"--id {ident!r}: an id is lowercase letters, digits and hyphens ([a-z0-9][a-z0-9-]*)")
        if ident in taken:
            raise UsageError(f"--id {ident}: a source with this id is already in facts.yaml; choose another")
        return ident
    base = _slug(Path(name).stem)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _destination(root: Path, local: Path | None, name: str, raw: bytes) -> Path:
    """Where the document is kept: where it is if already under sources/, else sources/<name>."""
    folder = (root / "sources").resolve()
    if local is not None and local.resolve().is_relative_to(folder):
        return local.resolve()
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "source"
    target = folder / safe
    if target.exists() and target.read_bytes() != raw:
        stem, suffix = target.stem, target.suffix
        number = 2
        while target.exists() and target.read_bytes() != raw:
            target, number = folder / f"{stem}-{number}{suffix}", number + 1
    return target


def _fields(extracted: Extracted, name: str, relative: str, url: str | None, retrieved: dt.date | None,
            digest: str) -> tuple[list[tuple[str, Value]], list[str]]:
    """The entry's fields, from the document's own metadata only, and notes on what it does not state."""
    meta = extracted.metadata
    one_line = {"title": " ".join((meta.title or "").split()) or None,       # a field is one line of text
                "publisher": " ".join((meta.publisher or "").split()) or None}
    notes = []
    with_text = {int(label[5:]) for _, label in extracted.locations if label.startswith("page ")}
    blank = [str(page) for page in range(1, extracted.pages + 1) if page not in with_text]
    if blank:
        notes.append(f"page{'s' * (len(blank) > 1)} {', '.join(blank)}: no text (scanned, or images only); "
                     "quotes from there cannot be proved")
    title = one_line["title"]
    if not title:
        title = Path(name).stem
        notes.append(f"title: the document states none; the file name {title!r} is used; edit it")
    published = None
    if meta.published:
        try:
            published = dt.date.fromisoformat(meta.published)
        except ValueError:
            published = None
    if not one_line["publisher"]:
        notes.append("publisher: not stated in the document; left null")
    if not published:
        notes.append("published: not stated in the document; left null (needed for relative dates)")
    fields: list[tuple[str, Value]] = [("path", relative), ("title", title), ("publisher", one_line["publisher"]),
                                       ("published", published)]
    if url:
        fields += [("url", url), ("retrieved", retrieved)]
    fields.append(("sha256", digest))
    return fields, notes


def _commit(facts_path: Path, destination: Path, raw: bytes, ident: str, fields: list[tuple[str, Value]],
            display: str) -> str | None:
    """Write the document and the edited facts.yaml, all or nothing; why not, when not."""
    original = facts_path.read_bytes()
    bom = original.startswith(b"\xef\xbb\xbf")
    text = original.decode("utf-8").removeprefix("\ufeff")
    edited = with_source(text, ident, fields)
    created: list[Path] = []
    tmp = facts_path.with_name(f".{facts_path.name}.add-{os.getpid()}")
    part = destination.with_name(f".{destination.name}.part-{os.getpid()}")
    try:
        if not destination.exists():
            if not destination.parent.exists():
                destination.parent.mkdir(parents=True)
                created.append(destination.parent)
            part.write_bytes(raw)
            os.replace(part, destination)
            created.insert(0, destination)
        tmp.write_bytes(("\ufeff" if bom else "").encode("utf-8") + edited.encode("utf-8"))
        check = load_project(tmp, display=display)
        wrong = [f for f in check.findings if f.severity == "error" and f.subject == ident]
        if wrong or ident not in check.sources:
            _undo(tmp, part, created)
            return "the new entry would not load (" + "; ".join(f.message for f in wrong) + ")"
        os.replace(tmp, facts_path)
    except OSError as error:
        _undo(tmp, part, created)
        return f"cannot write {error.filename or destination} ({error.strerror})"
    except BaseException:
        _undo(tmp, part, created)
        raise
    return None


def _undo(tmp: Path, part: Path, created: list[Path]) -> None:
    """Remove what a failed add wrote: the temporary files, the copied document, a new sources/ folder."""
    tmp.unlink(missing_ok=True)
    part.unlink(missing_ok=True)
    for path in created:
        if path.is_dir():
            path.rmdir()
        else:
            path.unlink(missing_ok=True)
