"""The render manifest: what `briefing render` wrote, and from which inputs.

``out/manifest.json`` records the digest of every input (facts.yaml, each
source, each template file), whether the render was a draft, the key figures
and each output with its sha256 and page count. `briefing render` uses it to
skip work when nothing changed; `briefing send` uses it to refuse outputs that
are older than the facts or sources.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from briefing.load.files import read_regular_file
from briefing.outputs.atomic import write_atomic

MANIFEST_NAME = "manifest.json"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024   # far more than any render's record


@dataclass
class OutputRecord:
    """One file written by a render."""

    template: str      # "briefing" or "factsheet"
    format: str        # "pdf", "docx" or "html"
    path: str          # relative to the out folder
    sha256: str
    pages: int | None = None


@dataclass
class Manifest:
    """What a render produced and from what."""

    version: str                       # digest of inputs + options: the briefing version
    draft: bool
    title: str
    as_of: str                         # ISO date
    marking: str
    inputs: dict[str, str]             # project-relative path -> sha256
    options: dict[str, Any] = field(default_factory=dict)
    key_figures: list[dict[str, str]] = field(default_factory=list)   # {id, label, figure, text}
    outputs: list[OutputRecord] = field(default_factory=list)
    facts: dict[str, dict[str, str]] = field(default_factory=dict)   # id -> {label, figure, text}: what changed
    mail: dict[str, Any] = field(default_factory=dict)   # the email body's content, from the Document

    def output(self, template: str, fmt: str) -> OutputRecord | None:
        """The record of one output, if this render wrote it."""
        for record in self.outputs:
            if record.template == template and record.format == fmt:
                return record
        return None


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digest_inputs(root: Path, paths: list[Path]) -> dict[str, str]:
    """sha256 of each existing input file, keyed by its path relative to ``root``."""
    result: dict[str, str] = {}
    for path in sorted(set(paths)):
        if path.is_file():
            try:
                key = path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                key = path.resolve().as_posix()
            result[key] = sha256_file(path)
    return result


def version_of(inputs: dict[str, str], options: dict[str, Any]) -> str:
    """The briefing version: one digest over all inputs and render options."""
    blob = json.dumps({"inputs": inputs, "options": options}, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def read_manifest(out_dir: Path, name: str = MANIFEST_NAME) -> Manifest | None:
    """The manifest in ``out_dir``, or None when there is none or it is unreadable."""
    try:   # a regular file of bounded size only: a FIFO or a link to /dev/zero is no manifest
        data = json.loads(read_regular_file(out_dir / name, MAX_MANIFEST_BYTES).decode("utf-8"))
        outputs = [OutputRecord(**record) for record in data.pop("outputs", [])]
        return Manifest(**data, outputs=outputs)
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):
        return None


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest as written to manifest.json (UTF-8 JSON, indented)."""
    return (json.dumps(asdict(manifest), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_manifest(out_dir: Path, manifest: Manifest) -> None:
    """Write ``out_dir/manifest.json`` on its own, atomically (a render commits it with its outputs instead)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / MANIFEST_NAME, manifest_bytes(manifest))
