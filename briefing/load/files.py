"""Read an input file safely: regular files only, never more than a cap, UTF-8 only.

A project may come from someone else. Its facts.yaml, stakeholders.yaml,
sources and templates are opened the same way:

* the path is resolved (symlinks followed) and opened without blocking, and
  only a regular file is read: a FIFO would block for ever and ``/dev/zero``
  or ``/dev/urandom`` would be read until memory runs out (their size, as
  ``stat`` reports it, is 0);
* at most ``limit`` bytes are read, whatever the size claims to be;
* the bytes must be UTF-8: UTF-16 or UTF-32 text (with or without a byte
  order mark) is named as such, so the message says how to fix it.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from briefing.text.characters import line_column

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class NotRegularFile(OSError):
    """The path names a folder, a FIFO, a device or a socket; ``kind`` says which."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a regular file")
        self.kind = kind
        self.strerror = f"it is {kind}, not a regular file"


class FileTooLarge(OSError):
    """The file holds more than the limit; ``size`` is what was seen (at least limit + 1)."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path} is larger than {limit:,} bytes")
        self.size = size
        self.limit = limit
        self.strerror = f"it is larger than {limit:,} bytes"


class NotUtf8(ValueError):
    """The bytes are not UTF-8; ``reason`` is the end of a message, ``line`` where it was seen."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def file_kind(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO (named pipe)", "a device"...), or None for a regular file."""
    return next((kind for test, kind in _KINDS if test(mode)), None if stat.S_ISREG(mode) else "not a file")


def read_regular_file(path: Path | str, limit: int, resolved: bool = False) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks resolved), at most ``limit`` of them.

    Raises :class:`FileNotFoundError` (and other :class:`OSError`) when it
    cannot be opened, :class:`NotRegularFile` for anything but a regular file
    and :class:`FileTooLarge` beyond ``limit`` bytes. Never blocks on a FIFO.
    ``resolved``: ``path`` is already a real path (no symlink in it); it is
    then opened without following a link, so one swapped in since is refused.
    """
    real = path if resolved else os.path.realpath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if resolved:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(real, flags)
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise NotRegularFile(Path(path), kind)
        if info.st_size > limit:
            raise FileTooLarge(Path(path), info.st_size, limit)
        chunks: list[bytes] = []
        left = limit + 1                      # one byte more than allowed tells a file that grew
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise FileTooLarge(Path(path), len(data), limit)
    return data


def utf16_or_32(raw: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when ``raw`` looks like text in that encoding (BOM or zero bytes), else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:400]
    if len(head) < 8:
        return None
    quarters = [head[i::4].count(0) / len(head[i::4]) for i in range(4)]
    if sum(share > 0.9 for share in quarters) == 3:
        return "UTF-32"
    halves = [head[i::2].count(0) / len(head[i::2]) for i in range(2)]
    return "UTF-16" if max(halves) > 0.4 and min(halves) < 0.1 else None


def decode_utf8(raw: bytes, keep_bom: bool = False) -> str:
    """``raw`` as text (a UTF-8 byte order mark dropped unless ``keep_bom``); :class:`NotUtf8` says why not."""
    wide = utf16_or_32(raw)
    if wide is not None:
        raise NotUtf8(f"the file is {wide}, not UTF-8: save it as UTF-8", 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = line_column(prefix := raw[: error.start].decode("utf-8"), len(prefix))[0]
        raise NotUtf8(f"byte {error.start} (line {line}) is not UTF-8: save the file as UTF-8", line) from None
    return text if keep_bom else text.removeprefix("\ufeff")
