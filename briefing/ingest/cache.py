"""The derived-text cache: out/.cache/sources/<sha256>.<kind>.v<N>.json beside facts.yaml.

Derived text is a pure function of a source's bytes, so it is cached under
their sha256 and re-derived whenever the entry is missing, unreadable, from
another extractor version, or does not hold the digest of its own text (a
torn write). The cache lives under ``out/``: generated, never curated, safe
to delete. A project on a read-only disk still checks; it just re-derives.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from briefing.ingest.extracted import EXTRACTOR_VERSION, Extracted, Kind, Metadata, extract

CACHE_DIR = Path("out") / ".cache" / "sources"


def cache_path(root: Path, sha256: str, kind: Kind) -> Path:
    """Where the derived text of the bytes with ``sha256`` read as ``kind`` is cached."""
    return root / CACHE_DIR / f"{sha256}.{kind}.v{EXTRACTOR_VERSION}.json"


def derived_text(root: Path, raw: bytes, sha256: str, kind: Kind, name: str) -> Extracted:
    """The derived text of ``raw``: from the cache when it holds it, else extracted and cached."""
    path = cache_path(root, sha256, kind)
    cached = _read(path, sha256, kind)
    if cached is not None:
        return cached
    extracted = extract(raw, kind, name)
    store(path, sha256, extracted)
    return extracted


def _read(path: Path, sha256: str, kind: Kind) -> Extracted | None:
    try:
        data = json.loads(path.read_bytes())
        text = data["text"]
        if data["sha256"] != sha256 or data["text_sha256"] != hashlib.sha256(text.encode("utf-8")).hexdigest():
            return None
        locations = [(int(offset), str(label)) for offset, label in data["locations"]]
        return Extracted(kind, text, locations, Metadata(**data["metadata"]), pages=int(data["pages"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(path: Path, sha256: str, extracted: Extracted) -> None:
    """Write one cache entry atomically; a cache that cannot be written is not an error."""
    data = {"sha256": sha256, "kind": extracted.kind, "version": EXTRACTOR_VERSION,
            "text_sha256": hashlib.sha256(extracted.text.encode("utf-8")).hexdigest(),
            "locations": extracted.locations, "pages": extracted.pages, "text": extracted.text,
            "metadata": {"title": extracted.metadata.title, "publisher": extracted.metadata.publisher,
                         "published": extracted.metadata.published}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
