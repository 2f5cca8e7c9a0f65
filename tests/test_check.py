"""check(): the one way in. Each input is read once, its digest is in the report, and every command agrees."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, REPO, copy_project

from briefing.check import check

# Runs a CLI command in a fresh process and prints, as JSON, how often each file under the project was opened.
COUNT_OPENS = """
import json, os, sys
root = os.path.realpath(sys.argv[1])
opened = {}
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.realpath(os.fsdecode(args[0]))
        if path.startswith(root + os.sep) and (args[1] or "r").startswith("r"):
            opened[os.path.relpath(path, root)] = opened.get(os.path.relpath(path, root), 0) + 1
sys.addaudithook(hook)
from briefing.cli import main
try:
    main(sys.argv[2:])
except SystemExit as done:
    code = done.code
sys.stderr.write("\\nOPENS " + json.dumps(opened) + " EXIT " + str(code) + "\\n")
"""


def _opens(project: Path, *args: str) -> tuple[dict[str, int], int]:
    done = subprocess.run([sys.executable, "-c", COUNT_OPENS, str(project), *args], cwd=project,
                          capture_output=True, text=True, timeout=300)
    tail = done.stderr.rsplit("OPENS ", 1)[1]
    opened, code = tail.split(" EXIT ")
    return json.loads(opened), int(code)


def _sources(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in (project / "sources").iterdir())


def test_digests_cover_the_facts_file_every_source_and_the_templates(minimal: Path) -> None:
    report = check(minimal)
    keys = set(report.digests)
    assert {"facts.yaml", "sources/second-call.txt", "sources/pact.txt"} <= keys
    assert any(key.endswith("/briefing.html.j2") for key in keys)
    assert report.digests["sources/pact.txt"] == report.sources["pact"].sha256


def test_checking_twice_gives_the_same_findings_and_never_duplicates(minimal: Path) -> None:
    minimal.write_text(minimal.read_text(encoding="utf-8").replace("$7.3 billion in 2024.\"",
                                                                   "$7.4 billion in 2024.\""), encoding="utf-8")
    first, second = check(minimal), check(minimal)
    assert [str(f) for f in first.findings] == [str(f) for f in second.findings]
    assert len({str(f) for f in first.findings}) == len(first.findings) >= 1


def test_a_render_opens_each_source_once(tmp_path: Path) -> None:
    project = copy_project(MINIMAL, tmp_path / "p").parent
    opened, code = _opens(project, "render", "--force", "--format", "html")
    assert code == 0
    assert {path: opened.get(path) for path in _sources(project)} == {path: 1 for path in _sources(project)}
    assert opened["facts.yaml"] == 1


def test_a_send_opens_each_source_once_and_proves_nothing_again(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p").parent
    rendered = subprocess.run([sys.executable, "-m", "briefing", "render", "--format", "pdf,docx"], cwd=project,
                              capture_output=True, text=True, timeout=300)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    opened, code = _opens(project, "send", "--dry-run")
    assert code == 0
    assert {path: opened.get(path) for path in _sources(project)} == {path: 1 for path in _sources(project)}
    assert opened["facts.yaml"] == 1 and opened["stakeholders.yaml"] == 1


def test_check_and_render_name_an_error_at_the_same_place(tmp_path: Path) -> None:
    facts = copy_project(MINIMAL, tmp_path / "p")
    facts.write_text(facts.read_text(encoding="utf-8").replace("$7.3 billion in 2024.\"", "$7.4 billion in 2024.\""),
                     encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"}
    lines = {}
    for command in ("check", "render"):
        done = subprocess.run([sys.executable, "-m", "briefing", command, "p"], cwd=tmp_path, capture_output=True,
                              text=True, timeout=300, env=env)
        assert done.returncode == 1
        lines[command] = [line for line in done.stdout.splitlines() if "error[" in line]
    assert lines["check"] and lines["check"] == lines["render"]
    assert lines["check"][0].startswith("p/facts.yaml:")
