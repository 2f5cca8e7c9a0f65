"""`briefing watch` for real: a process watching a project copy, files edited, outputs read back."""
from __future__ import annotations

import hashlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from render_helpers import MINIMAL, copy_project

OUTPUTS = ("briefing.pdf", "briefing.docx", "briefing.html")


class Watch:
    """A `briefing watch` subprocess whose output lines are read with deadlines."""

    def __init__(self, project: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("BRIEFING_DEBUG", None)
        self.process = subprocess.Popen([sys.executable, "-m", "briefing", "watch"], cwd=project, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_pass(self, timeout: float = 120) -> list[str]:
        """The lines of the next pass, up to its "watching ..." line."""
        deadline = time.monotonic() + timeout
        lines: list[str] = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                break
            lines.append(line)
            self.seen.append(line)
            if line.startswith("watching "):
                return lines
        raise AssertionError(f"no pass within {timeout} s; output so far:\n" + "\n".join(self.seen))

    def quiet_for(self, seconds: float) -> bool:
        """True if nothing is printed for ``seconds``."""
        try:
            line = self.lines.get(timeout=seconds)
        except queue.Empty:
            return True
        self.seen.append(line)
        return False

    def stop(self) -> int:
        """Ctrl-C, as a user stops it; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
            raise AssertionError("briefing watch did not stop on Ctrl-C") from None


def _digests(out: Path) -> dict[str, str]:
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUTS}


def _memory(lines: list[str]) -> float:
    match = re.search(r", (\d+) MiB", lines[0])
    assert match, lines[0]
    return float(match.group(1))


def test_watch_renders_on_change_ignores_unchanged_saves_and_keeps_the_last_good_outputs(tmp_path: Path) -> None:
    facts = copy_project(MINIMAL, tmp_path)
    out = tmp_path / "out"
    watch = Watch(tmp_path)
    try:
        first = watch.next_pass()
        assert first[0].startswith("[") and "pass 1 (first run)" in first[0], first
        wrote = [line.split()[1] for line in first if line.startswith("wrote ")]
        assert sorted(Path(name).name for name in wrote) == sorted(OUTPUTS), first
        written = _digests(out)

        # A save with the same bytes, and a touched source: nothing happens.
        facts.write_bytes(facts.read_bytes())
        source = tmp_path / "sources" / "pact.txt"
        source.write_bytes(source.read_bytes())
        assert watch.quiet_for(2.5), watch.seen[-3:]
        assert _digests(out) == written

        # A real change: a new render with the new subtitle.
        text = facts.read_text(encoding="utf-8")
        facts.write_text(text.replace('subtitle: "Fixture"', 'subtitle: "Fixture, revised"'), encoding="utf-8")
        second = watch.next_pass()
        assert "pass 2 (facts.yaml)" in second[0], second
        assert any(line.startswith("wrote ") and "briefing.pdf" in line for line in second), second
        revised = _digests(out)
        assert revised["briefing.pdf"] != written["briefing.pdf"]
        assert "Fixture, revised" in (out / "briefing.html").read_text(encoding="utf-8")

        # A change that breaks a fact: the findings are printed, the last good outputs stay.
        broken = facts.read_text(encoding="utf-8").replace("value: 6.9 billion", "value: 6.8 billion")
        facts.write_text(broken, encoding="utf-8")
        third = watch.next_pass()
        assert "pass 3 (facts.yaml)" in third[0], third
        assert any("error[value-not-in-quote] goods-trade-2023" in line for line in third), third
        assert any(line.startswith("Nothing rendered") for line in third), third
        assert _digests(out) == revised

        # Fixed again: the outputs of that content are the ones in out/, so the render is up to date.
        facts.write_text(broken.replace("value: 6.8 billion", "value: 6.9 billion"), encoding="utf-8")
        fourth = watch.next_pass()
        assert any(line.startswith("Up to date") for line in fourth), fourth
        assert _digests(out) == revised
        assert _memory(fourth) < _memory(second) + 40      # MiB: a warm process does not grow pass by pass
    finally:
        status = watch.stop()
    assert status == 0, watch.seen[-5:]
