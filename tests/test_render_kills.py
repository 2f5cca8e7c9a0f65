"""A real `briefing render` killed, or out of disk: nothing lost, nothing left behind, no orphan."""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from render_helpers import MINIMAL, ROOT, copy_project

from briefing.outputs.manifest import read_manifest, sha256_file


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("BRIEFING_DEBUG", None)
    return env


def children(pid: int) -> list[int]:
    """The ids of the live processes whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def gone(pid: int, within: float) -> bool:
    """True once no process ``pid`` is left (a zombie counts as gone), polling up to ``within`` seconds."""
    give_up = time.monotonic() + within
    while time.monotonic() < give_up:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def _whole(out: Path) -> dict[str, bytes]:
    manifest = read_manifest(out)
    assert manifest is not None
    for record in manifest.outputs:
        assert sha256_file(out / record.path) == record.sha256
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}


def _dead_pid() -> int:
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_the_render_worker_dies_with_its_parent(tmp_path: Path, how: signal.Signals) -> None:
    copy_project(ROOT, tmp_path)
    render = subprocess.Popen([sys.executable, "-m", "briefing", "render", "--force"], cwd=tmp_path, env=_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        give_up = time.monotonic() + 60
        workers: list[int] = []
        while not workers and render.poll() is None and time.monotonic() < give_up:
            workers = children(render.pid)
            time.sleep(0.01)
        assert workers, "the render finished before its worker was seen"
        render.send_signal(how)
        # SIGTERM unwinds the render (it cleans up and says so, exit 143); SIGKILL cannot be caught
        assert render.wait(timeout=30) == (-how if how == signal.SIGKILL else 128 + how)
        for worker in workers:
            assert gone(worker, within=10), f"worker {worker} outlived its parent"
    finally:
        if render.poll() is None:
            render.kill()


def test_the_pipe_alone_ends_a_worker_whose_parent_died(tmp_path: Path) -> None:
    """Without the Linux parent-death signal, end of file on the pipe ends the worker."""
    script = ("import os, sys, time\n"
              "from briefing.commands.worker import Helper\n"
              "helper = Helper(use_prctl=False)\n"
              "print(helper.submit(os.getpid).result(), flush=True)\n"
              "time.sleep(120)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=_env(),
                              cwd=ROOT)
    try:
        worker = int(parent.stdout.readline())
        assert not gone(worker, within=0.5)       # alive while its parent lives
        parent.kill()
        parent.wait(timeout=10)
        assert gone(worker, within=10)
    finally:
        if parent.poll() is None:
            parent.kill()


def test_disk_full_keeps_the_previous_render_and_leaves_nothing(tmp_path: Path) -> None:
    copy_project(MINIMAL, tmp_path)
    first = subprocess.run([sys.executable, "-m", "briefing", "render"], cwd=tmp_path, env=_env(),
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    out = tmp_path / "out"
    before = _whole(out)
    stale = out / f".briefing.pdf.tmp-{_dead_pid()}"     # left by a render killed long ago
    stale.write_bytes(b"%PDF-partial")

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))   # no file may grow past 20 KB

    full = subprocess.run([sys.executable, "-m", "briefing", "render", "--force"], cwd=tmp_path, env=_env(),
                          capture_output=True, text=True, timeout=300, preexec_fn=small_disk)
    assert full.returncode == 1, full.stdout + full.stderr
    assert "could not write to out" in full.stderr and "previous files are unchanged" in full.stderr
    assert "Traceback" not in full.stderr and "internal error" not in full.stderr
    assert _whole(out) == before
    assert not stale.exists()
    assert len(list((out / ".versions").iterdir())) == 1
    assert not [p.name for p in out.iterdir() if ".tmp-" in p.name]


def test_an_up_to_date_render_still_sweeps_what_a_killed_render_left(tmp_path: Path) -> None:
    copy_project(MINIMAL, tmp_path)
    args = [sys.executable, "-m", "briefing", "render", "--format", "html"]
    assert subprocess.run(args, cwd=tmp_path, env=_env(), capture_output=True, timeout=300).returncode == 0
    out = tmp_path / "out"
    before = _whole(out)
    dead = _dead_pid()
    leftovers = [out / f".briefing.html.tmp-{dead}", out / ".versions" / f"0123456789abcdef.{dead}.deadbeef"]
    leftovers[0].write_text("partial")
    leftovers[1].mkdir()
    (leftovers[1] / "briefing.html").write_text("half a render")
    again = subprocess.run(args, cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "Up to date" in again.stdout
    assert not any(p.exists() for p in leftovers)
    assert _whole(out) == before and len(list((out / ".versions").iterdir())) == 1
