"""The output audit: the record printed verbatim is taken out, every other figure must be a proven one."""
from __future__ import annotations

import time

import pytest
from sample_document import sample_document

from briefing.writers.audit import audit_text

QUOTE = "US total goods trade with Pakistan was an estimated $7.3 billion in 2024"
NEST = "The U.S. has slapped a 29% tariff on Pakistani exports"


@pytest.mark.parametrize("printed, flagged", [
    (f"Appendix: \u201c{QUOTE}\u201d (12:1).", []),                               # the quote as printed
    ("Appendix: \u201cUS total goods trade with Pakistan was an\nestimated$7.3 bil lion in 2024\u201d", []),
    (f"\u201c{QUOTE.replace(' ', '  ')}\u201d", []),                               # spacing of a PDF line
    (f"{NEST} and {NEST}", []),                                                     # every occurrence
    ("Trade will reach $9.9 billion.", ["$9.9 billion"]),                          # not in any proven fact
    (f"\u201c{QUOTE}\u201d, and trade will reach $9.9 billion.", ["$9.9 billion"]),
    ("The meeting on July 26, 2025 was cancelled.", ["July 26, 2025"]),
])
def test_what_the_audit_takes_out_and_what_it_flags(printed: str, flagged: list[str]) -> None:
    problems = audit_text(printed, sample_document(), "briefing.pdf")
    assert [p.split('"')[1] for p in problems] == flagged


def test_stripping_the_record_is_linear_in_its_size() -> None:
    """Eight times the text and the record takes about eight times the CPU time, not sixty-four.

    A complexity guard, not a benchmark: CPU time (not wall time, which the
    machine's load stretches) and a margin of three times linear."""
    import dataclasses

    from briefing.document.model import Citation

    def timed(n: int) -> float:
        doc = sample_document()
        quotes = [f"Quote number {i:05d} says trade item {i} grew by {i % 90 + 1}% in 2024." for i in range(n)]
        fact = dataclasses.replace(doc.facts[0], citations=tuple(
            Citation("s", "A source", None, None, None, q, 1, 1, "0" * 64) for q in quotes))
        doc = dataclasses.replace(doc, facts=(fact, *doc.facts[1:]))
        text = " ".join(quotes)
        start = time.process_time()
        assert audit_text(text, doc, "briefing.pdf") == []
        return time.process_time() - start

    timed(200)   # warm up
    small, large = min(timed(500) for _ in range(3)), min(timed(4000) for _ in range(3))
    assert large < small * 24, (small, large)   # quadratic would be 64 times
