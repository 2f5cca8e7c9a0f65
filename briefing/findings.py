"""Findings: problems with the fact base, as data.

Each finding has a kebab-case ``code`` from :data:`CODES`, a severity, a
message that says what is wrong and what to do, and the location of the YAML
node at fault (file, line, column) with the id of the fact, person, source or
chart it concerns. Checks collect findings and keep going; nothing stops at
the first problem.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable, Literal

from briefing.text.characters import escape_unprintable

Severity = Literal["error", "warning"]

#: Every finding code with its severity and a one-line meaning (shown in docs).
CODES: dict[str, tuple[Severity, str]] = {
    # loading
    "file-not-found": ("error", "the facts file does not exist"),
    "file-too-large": ("error", "the file is larger than the size cap"),
    "not-utf8": ("error", "a file is not valid UTF-8"),
    "yaml-syntax": ("error", "the YAML cannot be parsed"),
    "duplicate-key": ("error", "a mapping has the same key twice"),
    "tag-not-allowed": ("error", "a YAML tag that would construct an object"),
    "control-character": ("error", "a string holds a control character"),
    "invalid-id": ("error", "an id does not match [a-z0-9][a-z0-9-]*"),
    "unknown-key": ("error", "a key the format does not define"),
    "missing-field": ("error", "a required field is absent"),
    "invalid-field": ("error", "a field has the wrong type or value"),
    "unknown-kind": ("error", "a fact kind the format does not define"),
    "text-disagrees": ("error", "a figure or date in a fact's text (or a bottom-line bullet) is not one of its facts' values"),
    # sources
    "source-missing": ("error", "a source file does not exist"),
    "source-outside-project": ("error", "a source path leaves the project folder"),
    "source-not-utf8": ("error", "a source file is not UTF-8"),
    "source-changed": ("error", "a source file's sha256 differs from its pin"),
    "source-too-large": ("error", "a source file is larger than the size cap"),
    "source-unreadable": ("error", "no text can be derived from a PDF, HTML or Word source (encrypted, corrupt, "
                          "scanned, or no main text)"),
    "unknown-source": ("error", "evidence names a source id that is not defined"),
    "unknown-person": ("error", "a fact names a person id that is not defined"),
    # quotes and support
    "quote-not-found": ("error", "the quote does not occur in its source"),
    "value-not-in-quote": ("error", "the quote does not state the fact's value"),
    "unit-not-in-quote": ("error", "the quote states the value in another unit"),
    "period-not-in-quote": ("error", "the fact's period (year) is not in the quote"),
    "range-not-in-quote": ("error", "the quote does not state the fact's range"),
    "figure-not-understood": ("error", "part of a figure or date in the quote could not be read, so it proves nothing"),
    "date-not-in-quote": ("error", "no date expression in the quote resolves to the fact's date"),
    "published-missing": ("error", "a relative or year-less date needs the source's published date"),
    "participant-not-in-quote": ("error", "a participant is not named in the quote"),
    "location-not-in-quote": ("error", "the location is not in the quote"),
    "mention-not-in-quote": ("error", "a person the fact mentions is not named in the quote"),
    "said-not-in-quote": ("error", "the words said are not inside the quote"),
    "speaker-not-named": ("error", "the speaker is named neither in the quote nor its paragraph"),
    "name-not-in-quote": ("error", "a person's quote does not name them"),
    "role-not-in-quote": ("error", "a person's quote does not state every word of the role"),
    # the sentence against its quote (docs/facts-format.md, "Proving the sentence")
    "subject-contradicts-quote": ("error", "the text says the figure measures something else than the quote says"),
    "direction-contradicts-quote": ("error", "the text moves the opposite way to the quote (fell for increase)"),
    "negation-differs": ("error", "a negation is in the text or the quote but not in both"),
    "hedge-differs": ("error", "the text adds, drops or changes the quote's hedge on the figure"),
    "counted-noun-differs": ("error", "the text's count counts another noun than the quote's"),
    "event-differs": ("error", "the text's event is not the quote's (met for called)"),
    "tense-differs": ("error", "the text reports as done what the quote puts ahead"),
    "actor-not-in-quote": ("error", "the text names an actor the quote, its paragraph and the fact's people do not"),
    "actors-reversed": ("error", "the text swaps who does what to whom"),
    "speaker-not-credited": ("error", "the source credits the words to someone other than the speaker"),
    "text-credits-other": ("error", "the text names someone other than the speaker as saying the words"),
    "figure-role-differs": ("error", "the quote's figure plays another role (a from-value, another year's)"),
    "change-not-in-quote": ("error", "the quote does not state the change from `from` to `to`"),
    "published-disagrees": ("error", "the source's own dateline disagrees with its `published` date"),
    "metric-conflict": ("error", "two facts measure the same metric and period with different values"),
    "unknown-fact": ("error", "a chart or bottom-line bullet names a fact id that is not defined"),
    "unproven-fact": ("error", "a chart or bottom-line bullet names a fact that is not proven"),
    "chart-mixed-units": ("error", "a chart plots facts in different units"),
    # stakeholders.yaml (briefing send)
    "invalid-email": ("error", "a recipient's or the sender's address is not a valid email address"),
    "duplicate-recipient": ("error", "two recipients have the same email address"),
    "unknown-output": ("error", "a recipient asks for an output that is not a format or TEMPLATE.FORMAT"),
    "unknown-group": ("error", "a recipient names a group that is not defined"),
    # warnings
    "stale-fact": ("warning", "the fact's review_by date is before the briefing's as_of"),
    "unused-source": ("warning", "no fact or person cites this source"),
    "unused-person": ("warning", "no fact refers to this person"),
    "text-word-unsupported": ("warning", "a text word that the quote neither supports nor contradicts"),
    "published-stated": ("warning", "a source without `published` states its own date (suggested in the finding)"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place: ``file:line:column: severity[code] subject: message``."""

    code: str
    message: str
    file: str
    line: int
    column: int
    subject: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        subject = f" {self.subject}:" if self.subject else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]{subject} {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The finding as a JSON-ready mapping (``fact`` is the subject id)."""
        data = asdict(self)
        data["fact"] = data.pop("subject")
        return data


def one_line(text: str) -> str:
    """``text`` with line breaks and other unprintable characters escaped, so a finding stays one line."""
    return escape_unprintable(text)


def make_finding(code: str, message: str, file: str, line: int, column: int,
                 subject: str | None = None) -> Finding:
    """Build a finding whose severity comes from :data:`CODES` (text made safe for one line)."""
    severity = CODES[code][0]
    return Finding(code=code, message=one_line(message), file=one_line(file), line=line, column=column,
                   subject=None if subject is None else one_line(subject), severity=severity)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Order findings by file, line and column, errors before warnings at one place."""
    return sorted(findings, key=lambda f: (f.file, f.line, f.column, f.severity != "error", f.code))
