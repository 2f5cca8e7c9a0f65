"""stakeholders.yaml: the format, and line-aware findings for everything wrong in it."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import UsageError
from briefing.deliver.stakeholders import Recipient, Sender, load_stakeholders, valid_email

REPO = Path(__file__).resolve().parent.parent
GOOD = """\
sender:
  name: Briefing Desk
  email: desk@example.org
groups:
  press: Press office
recipients:
  ann:
    name: Ann Lee
    email: ann@example.org
    organisation: Office A
  bob:
    name: Bob Roe
    email: bob@example.org
    organisation: Office B
    outputs: [docx, pdf]
    groups: [staff, press]
"""


def load(tmp_path: Path, text: str) -> list[str]:
    """The findings of ``text`` as printed lines."""
    path = tmp_path / "stakeholders.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(f) for f in load_stakeholders(path, "stakeholders.yaml").findings]


def test_the_default_project_file_is_valid() -> None:
    people = load_stakeholders(REPO / "stakeholders.yaml")
    assert people.findings == []
    assert people.sender is not None and people.sender.email.endswith("@example.org")
    assert people.recipients and all(r.email.endswith("@example.org") for r in people.recipients.values())
    assert {g for r in people.recipients.values() for g in r.groups} <= {"principals", "staff"}


def test_outputs_name_any_template_and_format(tmp_path: Path) -> None:
    path = tmp_path / "stakeholders.yaml"
    path.write_text(GOOD.replace("outputs: [docx, pdf]", "outputs: [factsheet.pdf, briefing.docx, factsheet.pdf]"))
    people = load_stakeholders(path)
    assert people.findings == []
    assert people.recipients["bob"].outputs == ("factsheet.pdf", "briefing.docx")


def test_a_valid_file_loads_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "stakeholders.yaml"
    path.write_text(GOOD, encoding="utf-8")
    people = load_stakeholders(path)
    assert people.findings == []
    assert people.sender == Sender("Briefing Desk", "desk@example.org")
    assert people.recipients["ann"] == Recipient("ann", "Ann Lee", "ann@example.org", "Office A", ("briefing.pdf",), ())
    assert people.recipients["bob"].outputs == ("briefing.docx", "briefing.pdf")   # a bare format: the briefing
    assert people.recipients["bob"].groups == ("staff", "press")
    assert set(people.groups) == {"principals", "staff", "press"}


@pytest.mark.parametrize("old, new, expected", [
    ("email: ann@example.org", "email: ann@example", "stakeholders.yaml:9:12: error[invalid-email] ann: `ann@example`"),
    ("email: ann@example.org", "email: Ann <ann@example.org>", "9:12: error[invalid-email] ann"),
    ("email: bob@example.org", "email: ANN@example.org",
     "13:12: error[duplicate-recipient] bob: ANN@example.org is already recipient `ann`"),
    ("outputs: [docx, pdf]", "outputs: [docx, epub]", "15:21: error[unknown-output] bob: unknown output `epub`"),
    ("outputs: [docx, pdf]", "outputs: [memo.pdf]", "15:15: error[unknown-output] bob: unknown output `memo.pdf`"),
    ("outputs: [docx, pdf]", "outputs: [factsheet.epub]", "15:15: error[unknown-output] bob: unknown output"),
    ("groups: [staff, press]", "groups: [staff, bosses]", "16:21: error[unknown-group] bob: unknown group `bosses`"),
    ("  bob:\n", "  ann:\n", "11:3: error[duplicate-key] ann: `ann` is defined twice, on lines 7 and 11"),
    ("    organisation: Office A\n", "", "7:3: error[missing-field] ann: `organisation` is required"),
    ("    organisation: Office A\n", "    organisation: Office A\n    phone: 123\n",
     "11:5: error[unknown-key] ann: unknown key `phone`"),
    ("name: Ann Lee", 'name: "Ann\\r\\nBcc: x@example.net"', "8:11: error[control-character] ann"),
    ("name: Ann Lee", "name: !!python/object:os.system x", "8:11: error[tag-not-allowed] ann"),
    ("  ann:\n", "  Ann:\n", "7:3: error[invalid-id] Ann"),
    ("sender:\n  name: Briefing Desk\n  email: desk@example.org\n", "", "1:1: error[missing-field]"),
    ("  email: desk@example.org", "  email: desk", "3:10: error[invalid-email]"),
    ("groups:\n", "extra: 1\ngroups:\n", "4:1: error[unknown-key]"),
])
def test_each_problem_is_a_finding_at_its_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in GOOD
    findings = load(tmp_path, GOOD.replace(old, new, 1))
    assert any(expected in line for line in findings), findings
    assert all(line.startswith("stakeholders.yaml:") for line in findings)


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    text = GOOD.replace("ann@example.org", "ann@").replace("[docx, pdf]", "[epub]").replace("press]", "vips]")
    codes = [line.split("[")[1].split("]")[0] for line in load(tmp_path, text)]
    assert codes == ["invalid-email", "unknown-output", "unknown-group"]


@pytest.mark.parametrize("text, code", [
    ("recipients: [unclosed\n", "yaml-syntax"),
    ("- just\n- a list\n", "invalid-field"),
    ("", "invalid-field"),
    ("sender: {name: D, email: d@example.org}\nrecipients: {}\n", "missing-field"),
])
def test_broken_files_are_findings_not_exceptions(tmp_path: Path, text: str, code: str) -> None:
    findings = load(tmp_path, text)
    assert findings and f"[{code}]" in findings[0]


def test_a_missing_file_is_a_finding(tmp_path: Path) -> None:
    [finding] = load_stakeholders(tmp_path / "stakeholders.yaml", "stakeholders.yaml").findings
    assert finding.code == "file-not-found" and "beside facts.yaml" in finding.message


def test_select_by_group_id_address_and_all(tmp_path: Path) -> None:
    path = tmp_path / "stakeholders.yaml"
    path.write_text(GOOD, encoding="utf-8")
    people = load_stakeholders(path)
    assert [r.id for r in people.select([])] == ["ann", "bob"]
    assert [r.id for r in people.select(["all"])] == ["ann", "bob"]
    assert [r.id for r in people.select(["press"])] == ["bob"]
    assert [r.id for r in people.select(["bob", "ANN@example.org"])] == ["ann", "bob"]
    with pytest.raises(UsageError, match="principals.*no members"):
        people.select(["principals"])
    with pytest.raises(UsageError, match="not a group"):
        people.select(["carol@example.org"])


@pytest.mark.parametrize("address, ok", [
    ("jane.doe@example.org", True), ("a+tag@sub.example.co.uk", True), ("x@example", False),
    ("a b@example.org", False), ("a@example.org\r\nBcc: b@example.org", False), ("@example.org", False),
    ("a..b@example.org", False), ("a@-example.org", False), ("\u00e9@example.org", False),
])
def test_valid_email(address: str, ok: bool) -> None:
    assert valid_email(address) is ok


def test_deep_nesting_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    """100,000 levels of nesting: one error at line 1 that says so, and no crash (whichever layer refuses it)."""
    path = tmp_path / "stakeholders.yaml"
    path.write_text("recipients: " + "[" * 100_000 + "1" + "]" * 100_000 + "\n", encoding="utf-8")
    result = load_stakeholders(path)
    assert [(f.severity, f.line) for f in result.findings] == [("error", 1)]
    assert "nesting" in result.findings[0].message
    assert not result.recipients


def test_values_are_read_as_written_through_the_shared_walker(tmp_path: Path) -> None:
    """The shared YAML walker keeps stakeholders' scalars as text: `yes` is a name, 12345 an (invalid) address."""
    text = GOOD.replace("name: Ann Lee", "name: yes").replace("organisation: Office B", "organisation: 2025-01-01")
    path = tmp_path / "stakeholders.yaml"
    path.write_text(text, encoding="utf-8")
    people = load_stakeholders(path)
    assert people.findings == []
    assert people.recipients["ann"].name == "yes" and people.recipients["bob"].organisation == "2025-01-01"
    findings = load(tmp_path, GOOD.replace("email: ann@example.org", "email: 12345"))
    assert findings == ["stakeholders.yaml:9:12: error[invalid-email] ann: `12345` is not a valid email address: "
                        "write it as name@domain.tld (no display name, spaces or quotes)"]


def test_a_refused_recipient_key_is_its_one_finding(tmp_path: Path) -> None:
    text = GOOD.split("  bob:\n")[0].replace("  ann:\n", '  "ann\\n":\n')
    findings = load(tmp_path, text)
    assert len(findings) == 1 and "7:3: error[control-character]" in findings[0], findings
