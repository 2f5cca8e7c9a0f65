"""A render's commit: out/ shows one complete version at every instant, and a killed run leaves nothing behind.

The kill tests run the real commit in a child process and SIGKILL it at each
file-system call it makes (every write, fsync, mkdir, symlink, rename and
unlink), one run per call; after each kill, out/ must show the old set or the
new set whole, and the next commit must remove everything the killed one left.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.outputs.atomic import sweep_stale, write_atomic
from briefing.outputs.manifest import Manifest, OutputRecord, manifest_bytes, read_manifest, sha256_file
from briefing.outputs.versions import CURRENT, VERSIONS, commit

ROOT = Path(__file__).resolve().parent.parent

# The child: count (or die at) the file-system calls of one commit.
CHILD = r"""
import json, os, shutil, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from briefing.outputs.versions import commit, commit_plain
out, files, kill_at = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()), int(sys.argv[3])
plain = sys.argv[5] == "plain"
calls = 0
def counted(real):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call
for name in ("write", "fsync", "mkdir", "symlink", "replace", "rename", "unlink", "rmdir"):
    setattr(os, name, counted(getattr(os, name)))
files = {name: data.encode("latin-1") for name, data in files.items()}
commit_plain(out, files) if plain else commit(out, files, "b")
print(calls)
"""


def make_set(tag: str, names: list[str]) -> dict[str, bytes]:
    """Outputs named ``names`` with content unique to ``tag``, and their manifest."""
    files = {name: f"{tag}:{name}:".encode() * 500 for name in names}
    manifest = Manifest(version=tag * 8, draft=False, title=tag, as_of="2025-08-04", marking="U", inputs={},
                        outputs=[OutputRecord("briefing", name.rsplit(".", 1)[1], name,
                                              hashlib.sha256(data).hexdigest()) for name, data in files.items()])
    return {**files, "manifest.json": manifest_bytes(manifest)}


OLD = make_set("a", ["briefing.pdf", "briefing.docx", "briefing.html"])
NEW = make_set("b", ["briefing.pdf", "factsheet.pdf"])
NEXT = make_set("c", ["briefing.pdf"])


def visible(out: Path) -> dict[str, bytes]:
    """What a user sees in out/: every entry that is not hidden and is a readable file."""
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".") and p.is_file()}


def shows_one_whole_set(out: Path, allowed: list[dict[str, bytes]], allow_empty: bool = False) -> None:
    """out/ shows exactly one of the allowed sets (or, for a migration, no manifest at all)."""
    seen = visible(out)
    manifest = read_manifest(out)
    if manifest is None and allow_empty:
        assert "manifest.json" not in seen
        return
    assert manifest is not None, sorted(seen)
    assert any(seen == whole for whole in allowed), (manifest.version, sorted(seen))
    for record in manifest.outputs:
        assert sha256_file(out / record.path) == record.sha256


def no_leftovers(out: Path) -> None:
    """After a finished commit: one version folder, the one shown, and no temporary entries."""
    assert [p.name for p in (out / VERSIONS).iterdir()] == [os.readlink(out / CURRENT).split("/", 1)[1]]
    assert not [p.name for p in out.iterdir() if ".tmp-" in p.name]
    assert all(p.exists() for p in out.iterdir())   # no dangling links


def child(out: Path, files: dict[str, bytes], kill_at: int, tmp: Path,
          how: str = "versioned") -> subprocess.CompletedProcess[str]:
    spec = tmp / "files.json"
    spec.write_text(json.dumps({name: data.decode("latin-1") for name, data in files.items()}))
    return subprocess.run([sys.executable, "-c", CHILD, str(out), str(spec), str(kill_at), str(ROOT), how],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def legacy(out: Path) -> None:
    """An out/ written by a briefing from before versions: plain files."""
    out.mkdir()
    for name, data in OLD.items():
        (out / name).write_bytes(data)


@pytest.mark.parametrize("start", ["versioned", "legacy", "plain"])
def test_a_kill_at_every_file_system_call_leaves_one_whole_version(tmp_path: Path, start: str) -> None:
    """versioned: out/ as a render leaves it; legacy: plain files of a render from before versions;
    plain: the commit for a file system without symlinks."""
    template = tmp_path / "template"
    how = "plain" if start == "plain" else "versioned"
    if start == "versioned":
        commit(template, OLD, "a")
    else:
        legacy(template)
    counting = tmp_path / "count"
    shutil.copytree(template, counting, symlinks=True)
    done = child(counting, NEW, 0, tmp_path, how)
    assert done.returncode == 0, done.stderr
    total = int(done.stdout)
    assert total > 10
    shows_one_whole_set(counting, [NEW])
    for kill_at in range(1, total + 1):
        out = tmp_path / f"out-{kill_at}"
        shutil.copytree(template, out, symlinks=True)
        killed = child(out, NEW, kill_at, tmp_path, how)
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stderr)
        shows_one_whole_set(out, [OLD, NEW], allow_empty=start != "versioned")
        commit(out, NEXT, "c")   # the next run sweeps what the killed one left
        shows_one_whole_set(out, [NEXT])
        no_leftovers(out)
        shutil.rmtree(out)


def test_the_previous_version_stays_whole_until_the_next_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "out"
    commit(out, OLD, "a")
    first = os.readlink(out / CURRENT)
    commit(out, NEW, "b")
    shows_one_whole_set(out, [NEW])
    no_leftovers(out)
    assert os.readlink(out / CURRENT) != first
    assert not (out / "briefing.docx").exists() and not os.path.lexists(out / "briefing.docx")


def test_a_failed_commit_removes_its_folder_and_links(tmp_path: Path) -> None:
    out = tmp_path / "out"
    commit(out, OLD, "a")
    broken = {**NEW, "sub/x.pdf": b"x"}          # writing it fails: there is no such folder
    with pytest.raises(OSError):
        commit(out, broken, "b")
    shows_one_whole_set(out, [OLD])
    no_leftovers(out)


def test_stale_temp_files_are_swept_only_when_their_process_is_gone(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    (tmp_path / f".briefing.pdf.tmp-{dead}").write_bytes(b"partial")
    (tmp_path / f".briefing.docx.tmp-{os.getppid()}").write_bytes(b"its owner runs")
    (tmp_path / "briefing.pdf.tmp-1").write_bytes(b"not one of ours")
    removed = sweep_stale(tmp_path)
    assert [p.name for p in removed] == [f".briefing.pdf.tmp-{dead}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f".briefing.docx.tmp-{os.getppid()}",
                                                                 "briefing.pdf.tmp-1"])


def test_write_atomic_keeps_the_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "facts.yaml"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o600
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, b"a folder cannot be replaced by a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.yaml"]
