"""Hostile and careless input (issue 14): refused clearly, never read for ever, never proven by accident.

Each case reproduces one report of the hardening issue and fails without its fix.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL, copy_project, run_cli

from briefing.deliver.stakeholders import load_stakeholders
from briefing.load.project import load_project
from briefing.verify.facts import verify

STAKEHOLDERS = """\
sender:
  name: Briefing Desk
  email: desk@example.org
recipients:
  ann:
    name: Ann Lee
    email: ann@example.org
    organisation: Office A
"""

# A one-source project whose source text is filled in per test; the quote of each fact is on line 3.
PROJECT = """\
briefing:
  title: "Test briefing"
  as_of: 2025-08-04
  marking: "UNCLASSIFIED"
sources:
  s:
    path: sources/s.txt
    title: "S"
    published: 2025-08-01
people:
  marco-rubio:
    name: Marco Rubio
    role: Secretary of State
    source: s
    quote: "Secretary of State Marco Rubio"
facts:
  f:
    kind: statement
    topic: t
    text: "Rubio said the talks will deepen ties."
    speaker: marco-rubio
    said: "We will deepen ties"
    source: s
    quote: "\\"We will deepen ties,\\" the official said."
"""


def _project(tmp_path: Path, facts: str, source: str | bytes) -> Path:
    (tmp_path / "sources").mkdir(parents=True, exist_ok=True)
    raw = source if isinstance(source, bytes) else source.encode("utf-8")
    (tmp_path / "sources" / "s.txt").write_bytes(raw)
    path = tmp_path / "facts.yaml"
    path.write_text(facts, encoding="utf-8")
    return path


def _run_limited(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` in a child with 1.5 GB of address space: a memory bomb fails there, not here."""
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit)


# --- 4. A FIFO, /dev/zero or /dev/urandom is refused at once, never read ---

@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom"])
def test_a_facts_file_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    copy_project(MINIMAL, tmp_path)
    facts = tmp_path / "facts.yaml"
    facts.unlink()
    if kind == "fifo":
        os.mkfifo(facts)
    else:
        facts.symlink_to(kind)
    done = run_cli("check", str(facts), cwd=tmp_path)   # run_cli's timeout fails the test if it hangs
    assert done.returncode == 1, done.stdout + done.stderr
    expected = "a FIFO (named pipe)" if kind == "fifo" else "a device"
    assert f"error[file-not-found] cannot read the facts file (it is {expected}, not a regular file" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_stakeholders_file_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "stakeholders.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(kind)
    done = _run_limited("from pathlib import Path; from briefing.deliver.stakeholders import load_stakeholders; "
                        f"print(*load_stakeholders(Path({str(path)!r}), 'stakeholders.yaml').findings)", timeout=30)
    assert done.returncode == 0, done.stderr
    assert "stakeholders.yaml:1:1: error[file-not-found]" in done.stdout and "not a regular file" in done.stdout


def test_a_file_is_read_no_further_than_the_cap(tmp_path: Path) -> None:
    """The cap holds for what is read, not only for what ``st_size`` claims (a file may grow)."""
    from briefing.load.files import FileTooLarge, read_regular_file

    path = tmp_path / "big"
    path.write_bytes(b"x" * 101)
    assert read_regular_file(path, 101) == b"x" * 101
    with pytest.raises(FileTooLarge):
        read_regular_file(path, 100)


# --- 5. and "one line, not 81": an alias bomb is one finding, in both files ---

def _bomb(top: str) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return f"{top}\n" + "\n".join("  " + line for line in lines) + "\n"


def test_an_alias_bomb_in_stakeholders_is_one_finding_not_a_memory_blowup(tmp_path: Path) -> None:
    path = tmp_path / "stakeholders.yaml"
    path.write_text(STAKEHOLDERS + _bomb("bomb:"), encoding="utf-8")
    assert path.stat().st_size < 2000
    done = _run_limited("from pathlib import Path; from briefing.deliver.stakeholders import load_stakeholders; "
                        f"print(*load_stakeholders(Path({str(path)!r}), 'stakeholders.yaml').findings, sep='\\n')")
    assert done.returncode == 0, done.stderr[-500:]
    aliases = [line for line in done.stdout.splitlines() if "aliases (*name)" in line]
    assert len(aliases) == 1 and "71 more aliases below" in aliases[0], done.stdout


def test_an_alias_bomb_in_facts_is_one_finding(tmp_path: Path) -> None:
    path = copy_project(MINIMAL, tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + _bomb("bomb:"), encoding="utf-8")
    findings = [str(f) for f in load_project(path).findings]
    aliases = [line for line in findings if "aliases (*name)" in line]
    assert len(aliases) == 1, findings


# --- 6. A value more precise than its quote is not proven; exact decimals ---

@pytest.mark.parametrize("value", [
    "7.30000000000000000000000000001 billion",   # the scale word used to round it to 28 digits
    "7300000000.0000000000000000001",            # an unquoted float used to round to 7300000000.0
])
def test_a_value_more_precise_than_its_quote_is_not_proven(tmp_path: Path, value: str) -> None:
    path = copy_project(MINIMAL, tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("value: 7.3 billion", f"value: {value}", 1),
                    encoding="utf-8")
    report = verify(load_project(path))
    assert not report.facts["goods-trade-2024"].proven
    codes = {f.code for f in report.findings if f.subject == "goods-trade-2024"}
    assert "value-not-in-quote" in codes, [str(f) for f in report.findings]


def test_a_quote_more_precise_than_the_value_does_not_prove_it() -> None:
    from decimal import Decimal

    from briefing.text.quantities import find_quantities, parse_value

    found, _year = find_quantities("an estimated $7.30000000000000000000000000001 billion in 2024")
    assert found.value != parse_value("7.3 billion")
    assert found.value == Decimal("7300000000.00000000000000000001")


def test_a_huge_proven_figure_is_charted_and_printed_short(tmp_path: Path) -> None:
    """A proven 1e400-billion amount: the DOCX chart used to crash on float NaN; messages print 1e409."""
    from docx import Document as Docx

    from briefing.document.compose import build_document
    from briefing.writers.docx import reference_docx, write_docx
    from briefing.writers.html import render_html, template_dirs
    from briefing.text.figures import plain_number

    digits = "1" + "0" * 400
    path = copy_project(MINIMAL, tmp_path)
    source = tmp_path / "sources" / "second-call.txt"
    source.write_text(source.read_text(encoding="utf-8") + f"\nReserves are worth ${digits} billion in 2024.\n",
                      encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace("facts:\n", f"""facts:
  huge:
    kind: amount
    topic: trade
    text: "Reserves are worth ${digits} billion."
    value: 1e400 billion
    unit: USD
    period: 2024
    source: second-call
    quote: "Reserves are worth ${digits} billion in 2024."
""", 1).replace("facts: [goods-trade-2023, goods-trade-2024]", "facts: [goods-trade-2023, huge]")
    path.write_text(text, encoding="utf-8")
    report = verify(load_project(path))
    assert report.facts["huge"].proven, [str(f) for f in report.findings]
    doc = build_document(report)
    dirs = template_dirs(tmp_path)
    data = write_docx(doc, reference_docx(dirs))
    import io

    assert any(shape for shape in Docx(io.BytesIO(data)).inline_shapes)
    assert "<svg" in render_html(doc, "briefing", dirs)
    assert plain_number(report.project.facts["huge"].value) == "1e409"


# --- 7. Every line end counts: CR, CRLF, U+2028, U+2029 ---

@pytest.mark.parametrize("end", ["\r", "\r\n", "\u2028", "\u2029"])
def test_old_mac_and_unicode_line_ends_split_paragraphs(tmp_path: Path, end: str) -> None:
    """With CR-only line ends the whole file was one paragraph: a speaker named elsewhere was proven."""
    lines = ["Secretary of State Marco Rubio praised the talks.", "", "\"We will deepen ties,\" the official said.",
             "Nothing more was said."]
    path = _project(tmp_path, PROJECT, end.join(lines) + end)
    report = verify(load_project(path))
    [finding] = [f for f in report.findings if f.subject == "f"]
    assert finding.code == "speaker-not-named", str(finding)
    assert report.facts["marco-rubio"].proven if "marco-rubio" in report.facts else True
    assert report.sources["s"].position(report.sources["s"].normalized.find("\"We will")) == (3, 1)


@pytest.mark.parametrize("end", ["\r", "\u2029"])
def test_the_closest_passage_counts_every_line_end(tmp_path: Path, end: str) -> None:
    lines = ["Secretary of State Marco Rubio praised the talks.", "", "\"We will deepen our ties,\" he said."]
    path = _project(tmp_path, PROJECT, end.join(lines) + end)
    report = verify(load_project(path))
    [finding] = [f for f in report.findings if f.code == "quote-not-found"]
    assert "closest passage (line 3, column 1" in finding.message, finding.message


def test_a_raw_control_character_after_cr_line_ends_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(PROJECT.replace("\n", "\r").replace('title: "S"', 'title: "S\x01"').encode("utf-8"))
    [finding] = [f for f in load_project(path).findings if f.code == "control-character"]
    assert (finding.line, finding.column) == (8, 14), str(finding)


# --- 9. A refused value in `briefing:` is one finding, never an internal placeholder ---

@pytest.mark.parametrize("old, new", [
    ('subtitle: "Fixture"', "subtitle: !!binary aGVsbG8="),
    ('marking: "UNCLASSIFIED"', 'marking: "UNCLAS\\rSIFIED"'),
    ('title: "US-Pakistan test briefing"', 'title: "US-Pakistan\\u202etest briefing"'),
])
def test_a_refused_briefing_field_is_one_finding_without_a_placeholder(tmp_path: Path, old: str, new: str) -> None:
    path = copy_project(MINIMAL, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    findings = [str(f) for f in load_project(path).findings]
    assert len(findings) == 1, findings
    assert "object at 0x" not in findings[0] and "Input should be" not in findings[0]


# --- 10. An id with a trailing newline is not an id; keys get the control-character check ---

@pytest.mark.parametrize("key", ['"jane-doe\\n"', '"jane-doe\\r"', '"jane\\u202edoe"', '"jane-doe\\t"'])
def test_a_recipient_id_with_a_line_break_or_control_is_refused(tmp_path: Path, key: str) -> None:
    path = tmp_path / "stakeholders.yaml"
    path.write_text(STAKEHOLDERS + f"  {key}:\n    name: Jane Doe\n    email: jane@example.org\n"
                    "    organisation: Office J\n", encoding="utf-8")
    result = load_stakeholders(path, "stakeholders.yaml")
    assert list(result.recipients) == ["ann"]
    assert [(f.code, f.line) for f in result.findings] == [("control-character", 9)], result.findings


@pytest.mark.parametrize("ident", ["jane-doe\n", "jane-doe\r\n", "Jane", "-jane", ""])
def test_the_one_id_rule_anchors_at_the_very_end(ident: str) -> None:
    from briefing.load.model import ID_RE

    assert ID_RE.match(ident) is None
    assert ID_RE.match("jane-doe") is not None


def test_a_fact_id_with_a_trailing_newline_is_an_invalid_id(tmp_path: Path) -> None:
    path = copy_project(MINIMAL, tmp_path)
    text = path.read_text(encoding="utf-8").replace("  minerals:\n", '  "minerals\\n":\n', 1)
    path.write_text(text, encoding="utf-8")
    findings = load_project(path).findings
    assert [f.code for f in findings] == ["invalid-id"], findings


# --- Clear messages ---

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_input_says_so(tmp_path: Path, encoding: str) -> None:
    """With or without a byte order mark: "UTF-16: save as UTF-8", not "byte 0" or a control character per letter."""
    path = copy_project(MINIMAL, tmp_path)
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    wide = encoding[:6].upper()
    [finding] = load_project(path).findings
    assert (finding.code, finding.line) == ("not-utf8", 1)
    assert f"is {wide}, not UTF-8: save it as UTF-8" in finding.message
    people = tmp_path / "stakeholders.yaml"
    people.write_bytes(STAKEHOLDERS.encode(encoding))
    [finding] = load_stakeholders(people).findings
    assert f"is {wide}, not UTF-8" in finding.message
    source = tmp_path / "sources" / "pact.txt"
    path.write_text((MINIMAL / "facts.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    source.write_bytes(source.read_text(encoding="utf-8").encode(encoding))
    [finding] = [f for f in verify(load_project(path)).findings if f.code == "source-not-utf8"]
    assert f"sources/pact.txt: the file is {wide}, not UTF-8" in finding.message


@pytest.mark.parametrize("old, new, where", [
    ("  marking: ", "\tmarking: ", (6, 1)),
    ("    name: Ishaq Dar\n", "    name: Ishaq Dar\n\t  country: x\n", (26, 1)),
    ("    aliases: [Dar, FM Dar]\n", "    aliases:\n    \t- Dar\n", (29, 5)),
])
def test_a_tab_in_the_indentation_says_tab(tmp_path: Path, old: str, new: str, where: tuple[int, int]) -> None:
    path = copy_project(MINIMAL, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    [finding] = load_project(path).findings
    assert finding.code == "yaml-syntax" and "a tab in the indentation" in finding.message, str(finding)
    assert (finding.line, finding.column) == where


@pytest.mark.parametrize("old, new, where", [
    ('title: "Dar holds second call with Rubio"', 'title: "Dar holds second call with Rubio', (15, 12)),
    ("author: \"Test Desk\"", "author: 'Test Desk", (7, 11)),
    ('quote: "up from around $6.9 billion in 2023"', 'quote: "up from around $6.9 billion in 2023', (62, 12)),
])
def test_an_unclosed_quote_points_at_the_line_where_it_opened(tmp_path: Path, old: str, new: str,
                                                              where: tuple[int, int]) -> None:
    path = copy_project(MINIMAL, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    [finding] = load_project(path).findings
    assert finding.code == "yaml-syntax" and "quote" in finding.message, str(finding)
    assert (finding.line, finding.column) == where, str(finding)


def test_an_unclosed_quote_at_the_end_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "stakeholders.yaml"
    path.write_text(STAKEHOLDERS.replace("organisation: Office A", 'organisation: "Office A'), encoding="utf-8")
    [finding] = load_stakeholders(path).findings
    assert (finding.line, finding.column) == (8, 19) and "never closed" in finding.message, str(finding)


@pytest.mark.parametrize("old, new, expected", [
    ("briefing:\n  title:", "briefing: [a]\nold:\n  title:", "the `briefing` block must be a mapping"),
    ("    source: pact\n    quote: \"Secretary Rubio", "    evidence: [pact]\n    note: \"Secretary Rubio",
     "`evidence.0` must be a mapping (`source`, `quote`), not 'pact'"),
])
def test_messages_name_no_internal_class(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = copy_project(MINIMAL, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    messages = [f.message for f in load_project(path).findings]
    assert any(expected in m for m in messages), messages
    assert not any(internal in m for m in messages for internal in ("BriefingMeta", "briefingmeta", "Evidence",
                                                                     "instance of", "model"))


def test_a_number_yaml_reads_from_a_sha256_pin_is_shown_as_written(tmp_path: Path) -> None:
    path = copy_project(MINIMAL, tmp_path)
    text = path.read_text(encoding="utf-8").replace("    publisher: null\n", "    publisher: null\n    sha256: "
                                                    + "0" * 64 + "\n", 1)
    path.write_text(text, encoding="utf-8")
    [finding] = load_project(path).findings
    assert "YAML reads 0000000000" in finding.message and "put it in quotes" in finding.message, str(finding)
    assert "got 0" not in finding.message and len(finding.message) < 200


@pytest.mark.parametrize("value", ["1e309", "1.0e+309"])
def test_a_huge_value_is_shown_as_written_and_cut_short(tmp_path: Path, value: str) -> None:
    path = copy_project(MINIMAL, tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("value: 5.2\n", f"value: {value}\n", 1),
                    encoding="utf-8")
    findings = [f for f in verify(load_project(path)).findings if f.subject == "deficit-rise"]
    assert findings and all(len(f.message) < 300 for f in findings), [str(f) for f in findings]
    assert any("1e309%" in f.message for f in findings), [str(f) for f in findings]
    assert not any("inf" in f.message.split() or "got inf" in f.message for f in findings)


@pytest.mark.parametrize("old, new", [
    ('title: "US-Pakistan test briefing"', 'title: "US-Pakistan\\ntest briefing"'),
    ('title: "US-Pakistan test briefing"', "title: >\n    US-Pakistan test briefing"),
    ('marking: "UNCLASSIFIED"', 'marking: "UNCLASSIFIED\\tSECRET"'),
    ('title: "Dar holds second call with Rubio"', 'title: "Dar holds\\nsecond call"'),
    ("name: Marco Rubio", 'name: "Marco\\nRubio"'),
])
def test_a_one_line_field_with_a_line_break_is_refused_at_check(tmp_path: Path, old: str, new: str) -> None:
    """A title with a newline used to pass check and fail only at send (mail headers are one line)."""
    path = copy_project(MINIMAL, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    findings = load_project(path).findings
    assert [f.code for f in findings] == ["invalid-field"], findings
    assert "must be one line" in findings[0].message


# --- Hostile templates, end to end: nothing runs, nothing is written ---

@pytest.mark.parametrize("name, content, message", [
    ("briefing.html.j2", "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}", "may not do"),
    # A rule the layout engine cannot lay out (with the endnote layout, `columns` alone is slow, not broken).
    ("briefing.css", "* { columns: 2; float: footnote; }", "templates/briefing.css"),
])
def test_a_hostile_or_broken_template_writes_nothing(tmp_path: Path, name: str, content: str, message: str) -> None:
    copy_project(MINIMAL, tmp_path)
    (tmp_path / "templates").mkdir()
    if name.endswith(".css"):
        builtin = Path(__file__).resolve().parent.parent / "templates" / "briefing.css"
        content = builtin.read_text(encoding="utf-8") + content
    (tmp_path / "templates" / name).write_text(content, encoding="utf-8")
    done = run_cli("render", "--format", "pdf", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in done.stderr and "internal error" not in done.stderr, done.stderr
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "out").exists()


def test_a_layout_that_runs_for_ever_is_stopped_with_a_template_error(tmp_path: Path) -> None:
    """`* { columns: 2 }` keeps WeasyPrint laying out for minutes: the render stops it, names the cause, writes nothing."""
    import os
    import subprocess
    import sys
    import time

    copy_project(MINIMAL, tmp_path)
    (tmp_path / "templates").mkdir()
    builtin = Path(__file__).resolve().parent.parent / "templates" / "briefing.css"
    (tmp_path / "templates" / "briefing.css").write_text(builtin.read_text(encoding="utf-8") + "* { columns: 2; }\n",
                                                         encoding="utf-8")
    env = {**os.environ, "BRIEFING_LAYOUT_TIMEOUT": "5", "NO_COLOR": "1"}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "briefing", "render", "--format", "pdf"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env=env)
    assert time.monotonic() - start < 60
    assert done.returncode == 1, done.stdout + done.stderr
    assert "took longer than 5 s" in done.stderr and "CSS" in done.stderr and "internal error" not in done.stderr
    assert not (tmp_path / "out" / "briefing.pdf").exists()
