"""Load ``stakeholders.yaml`` (beside facts.yaml): who receives the briefing, and which outputs.

    sender: {name: Policy Planning Desk, email: briefings@example.org}
    groups: {principals: Principals and deputies}   # optional; principals, staff always exist
    recipients:
      jane-doe:
        name: Jane Doe
        email: jane.doe@example.org
        organisation: Office of the Under Secretary
        outputs: [factsheet.pdf]  # pdf, docx, html (the briefing) or TEMPLATE.FORMAT; default [pdf]
        groups: [principals]

Read like facts.yaml (a regular file, capped, UTF-8), through the same YAML walker and its
guards (:mod:`briefing.load.yamltree`): duplicate keys, tags, control characters and line
breaks (keys too), a bad address, a recipient listed twice, an unknown output or group are
findings at ``stakeholders.yaml:line:column``, collected, never raised.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Callable

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from briefing.errors import CheckFailed, UsageError
from briefing.findings import Finding, make_finding, sort_findings
from briefing.load.files import FileTooLarge, NotUtf8, decode_utf8, read_regular_file
from briefing.load.model import ID_RE, id_message
from briefing.load.yamlsyntax import YamlProblem, compose
from briefing.load.yamltree import BAD, Marks, Walk, to_python
from briefing.load.yamltree import YamlPath as Path_

STAKEHOLDERS_NAME = "stakeholders.yaml"
MAX_STAKEHOLDERS_BYTES = 1024 * 1024
FORMATS = ("pdf", "docx", "html")
TEMPLATES = ("briefing", "factsheet")   # the built-in templates (briefing.document.variants)
#: What a recipient may ask for: a format (the briefing in it) or TEMPLATE.FORMAT.
OUTPUTS = FORMATS + tuple(f"{t}.{f}" for t in TEMPLATES for f in FORMATS)
BUILTIN_GROUPS = {"principals": "Principals", "staff": "Staff"}
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_RE = re.compile(rf"\A{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+\Z")

Line = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class _SenderModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    name: Line
    email: str


class _RecipientModel(_SenderModel):
    name: Line
    email: str
    organisation: Line
    outputs: list[str] = Field(default_factory=lambda: ["pdf"], min_length=1)
    groups: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Sender:
    """Who the briefing comes from (the From header and the envelope sender)."""

    name: str
    email: str


@dataclass(frozen=True)
class Recipient:
    """One stakeholder: where to send, and which outputs (``briefing.pdf``, ``factsheet.pdf``...) to attach."""

    id: str
    name: str
    email: str
    organisation: str
    outputs: tuple[str, ...] = ("briefing.pdf",)   # TEMPLATE.FORMAT, in the order written
    groups: tuple[str, ...] = ()


def output_name(value: str) -> str:
    """``pdf`` -> ``briefing.pdf`` (a bare format means the briefing); ``factsheet.pdf`` stays."""
    return value if "." in value else f"briefing.{value}"


def split_output(name: str) -> tuple[str, str]:
    """``factsheet.pdf`` -> ``("factsheet", "pdf")``."""
    template, _, fmt = output_name(name).partition(".")
    return template, fmt


@dataclass
class Stakeholders:
    """The loaded file: sender, groups, recipients in file order, and findings."""

    path: Path
    sender: Sender | None = None
    groups: dict[str, str] = field(default_factory=lambda: dict(BUILTIN_GROUPS))
    recipients: dict[str, Recipient] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """The findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]

    def select(self, targets: list[str]) -> list[Recipient]:
        """Recipients named by ``--to`` (groups, ids, addresses, ``all``); none given means all."""
        if not targets:
            return list(self.recipients.values())
        chosen: set[str] = set()
        for target in targets:
            matched = [r.id for r in self.recipients.values()
                       if target == "all" or target == r.id or target in r.groups
                       or target.casefold() == r.email.casefold()]
            if not matched:
                where = self.path.name
                if target in self.groups:
                    raise UsageError(f"--to {target}: the group has no members in {where}: "
                                     f"add `groups: [{target}]` to a recipient")
                raise UsageError(f"--to {target}: not a group ({', '.join(sorted(self.groups))}), recipient id "
                                 f"or address listed in {where}; add the recipient to {where} first")
            chosen.update(matched)
        return [r for r in self.recipients.values() if r.id in chosen]


class StakeholdersInvalid(CheckFailed):
    """stakeholders.yaml has errors; ``findings`` lists them, and the message starts with them."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__("\n".join([*(str(f) for f in findings), message]))
        self.findings = findings


def templates_asked_for(folder: Path) -> tuple[list[str], str | None]:
    """The templates the recipients of ``folder/stakeholders.yaml`` ask for, and a warning if it is invalid.

    None are asked for when it is absent, or invalid (then the warning names its first error; `briefing send`
    reports them all).
    """
    path = folder / STAKEHOLDERS_NAME
    if not os.path.lexists(path):
        return [], None
    loaded = load_stakeholders(path)
    if loaded.errors:
        return [], (f"warning: {loaded.errors[0]} ({len(loaded.errors)} error(s) in {STAKEHOLDERS_NAME}: only the "
                    "briefing is rendered for now, and `briefing send` refuses until they are fixed)")
    return list(dict.fromkeys(split_output(name)[0] for r in loaded.recipients.values() for name in r.outputs)), None


def valid_email(address: str) -> bool:
    """A plain ASCII ``local@domain.tld`` address (no display name, quotes or spaces)."""
    return len(address) <= 254 and EMAIL_RE.match(address) is not None


def load_stakeholders(path: Path, display: str | None = None) -> Stakeholders:
    """Load ``path``; every problem becomes a finding in ``result.findings``."""
    result = Stakeholders(path=path)
    shown = display or str(path)
    problems: list[Finding] = result.findings

    def add(code: str, message: str, line: int, column: int, subject: str | None = None) -> None:
        problems.append(make_finding(code, message, shown, line, column, subject))

    try:
        text = decode_utf8(read_regular_file(path, MAX_STAKEHOLDERS_BYTES))
    except NotUtf8 as error:
        add("not-utf8", error.reason, error.line, 1)
        return result
    except FileTooLarge as error:
        add("file-too-large", f"the file is over {error.limit:,} bytes: list the recipients only", 1, 1)
        return result
    except OSError as error:
        add("file-not-found", f"cannot read {path.name} ({error.strerror}): create it beside facts.yaml "
            "with `sender:` and `recipients:`", 1, 1)
        return result
    try:
        root = compose(text)
    except YamlProblem as problem:
        add(problem.code, problem.message, problem.line, problem.column)
        return result
    if root is None or root.id != "mapping":
        add("invalid-field", "the file must be a mapping with `sender` and `recipients`", 1, 1)
        return result
    walk = Walk(Marks(), as_text=True, one_line=True)
    data = to_python(root, (), walk, 0)
    for code, message, mark, where in walk.problems:
        add(code, message, mark.line + 1, mark.column + 1, _subject(where))
    _Reader(add, walk.marks, walk.refused).build(data, result)
    result.findings[:] = sort_findings(result.findings)
    return result


def _subject(path: Path_) -> str | None:
    """The recipient id a finding at ``path`` concerns, if any."""
    return str(path[1]) if len(path) > 1 and path[0] == "recipients" else None


def _has_bad(value: Any) -> bool:
    if value is BAD:
        return True
    if isinstance(value, dict):
        return any(_has_bad(item) for item in value.values())
    return isinstance(value, list) and any(_has_bad(item) for item in value)


class _Reader:
    """Builds the stakeholders from the walked values, with findings at the marks the walker recorded."""

    def __init__(self, add: Callable[..., None], marks: Marks, refused: list[Path_]) -> None:
        self.add = add
        self.marks = marks
        self.refused = refused   # paths the walker refused (and reported)

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of ``path`` (its key or its value), else of its nearest ancestor."""
        while path:
            found = (None if key else self.marks.values.get(path)) or self.marks.at_path.get(path)
            if found:
                return found
            path = path[:-1]
        return (1, 1)

    def refuse(self, code: str, message: str, path: Path_, key: bool = False) -> None:
        """A finding at ``path``; the subject is the recipient id when inside one."""
        self.add(code, message, *self.where(path, key), _subject(path))

    def validate(self, model: type[BaseModel], data: Any, path: Path_, what: str) -> Any:
        """``data`` as ``model``, or None with one finding per pydantic error."""
        if _has_bad(data):
            return None  # already reported
        if not isinstance(data, dict):
            self.refuse("invalid-field", f"{what} must be a mapping of fields", path)
            return None
        try:
            return model.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                loc = path + tuple(detail["loc"])
                name = ".".join(str(part) for part in detail["loc"])
                if detail["type"] == "missing":
                    self.refuse("missing-field", f"`{name}` is required: add it", path, key=True)
                elif detail["type"] == "extra_forbidden":
                    fields = ", ".join(model.model_fields)
                    self.refuse("unknown-key", f"unknown key `{name}`: use {fields}", loc, key=True)
                else:
                    self.refuse("invalid-field", f"`{name}` {detail['msg'].lower()}: correct the value", loc)
            return None

    def email(self, address: str, path: Path_) -> bool:
        """True if ``address`` is valid, else a finding at it."""
        if valid_email(address):
            return True
        self.refuse("invalid-email", f"`{address}` is not a valid email address: write it as name@domain.tld "
                    "(no display name, spaces or quotes)", path)
        return False

    def build(self, data: Any, result: Stakeholders) -> None:
        """Fill ``result`` from the walked file."""
        if not isinstance(data, dict):
            return  # a tagged top-level mapping, already reported
        for key in data:
            if key not in ("sender", "groups", "recipients"):
                self.refuse("unknown-key", f"unknown top-level key `{key}`: use sender, groups, recipients",
                            (key,), key=True)
        if "sender" not in data:
            self.refuse("missing-field", "`sender` is missing: add `sender:` with the name and email "
                        "the briefing comes from", ())
        sender = self.validate(_SenderModel, data.get("sender", BAD), ("sender",), "`sender` (name, email)")
        if sender is not None and self.email(sender.email, ("sender", "email")):
            result.sender = Sender(sender.name, sender.email)
        groups = data.get("groups") or {}
        if _has_bad(groups):
            groups = {}
        elif not isinstance(groups, dict):
            self.refuse("invalid-field", "`groups` must be a mapping of group id -> description", ("groups",))
            groups = {}
        for ident, description in groups.items():
            if not ID_RE.match(ident):
                self.refuse("invalid-id", id_message(ident, "group"), ("groups", ident), key=True)
            else:
                result.groups[ident] = description if isinstance(description, str) else ident
        self.recipients(data.get("recipients"), result)

    def recipients(self, block: Any, result: Stakeholders) -> None:
        """Validate each recipient; duplicates, unknown outputs and groups are findings."""
        if block is BAD:
            return
        if block == {} and any(path[:1] == ("recipients",) for path in self.refused):
            return   # every recipient was refused, and each refusal is reported
        if not isinstance(block, dict) or not block:
            self.refuse("missing-field", "`recipients` is missing or empty: add at least one recipient",
                        ("recipients",), key=True)
            return
        by_email: dict[str, str] = {}
        for ident, entry in block.items():
            path = ("recipients", ident)
            if not ID_RE.match(ident):
                self.refuse("invalid-id", id_message(ident), path, key=True)
                continue
            model = self.validate(_RecipientModel, entry, path, f"recipient `{ident}`")
            checked = isinstance(entry, dict) and not _has_bad(entry) and self.fields(entry, path, result, by_email)
            if model is not None and checked:
                outputs = tuple(dict.fromkeys(output_name(o) for o in model.outputs))
                result.recipients[ident] = Recipient(ident, model.name, model.email, model.organisation,
                                                     outputs, tuple(dict.fromkeys(model.groups)))

    def fields(self, entry: dict[str, Any], path: Path_, result: Stakeholders, by_email: dict[str, str]) -> bool:
        """Check address, uniqueness, outputs and groups of one recipient; False after a finding."""
        ok = True
        email = entry.get("email")
        if isinstance(email, str):
            ok = self.email(email, path + ("email",))
            first = by_email.setdefault(email.casefold(), str(path[1]))
            if ok and first != path[1]:
                self.refuse("duplicate-recipient", f"{email} is already recipient `{first}`: list each person "
                            "once (give them all their outputs and groups there)", path + ("email",))
                ok = False
        for name, allowed, hint in (("outputs", OUTPUTS, "use a format (pdf, docx, html: the briefing) or "
                                     "TEMPLATE.FORMAT such as factsheet.pdf or briefing.docx"),
                                    ("groups", tuple(result.groups), "declare it under `groups:`")):
            values = entry.get(name)
            for index, value in enumerate(values if isinstance(values, list) else []):
                if isinstance(value, str) and value not in allowed:
                    code = "unknown-output" if name == "outputs" else "unknown-group"
                    self.refuse(code, f"unknown {name[:-1]} `{value}`: {hint} (known: {', '.join(sorted(allowed))})",
                                path + (name, index))
                    ok = False
        return ok
