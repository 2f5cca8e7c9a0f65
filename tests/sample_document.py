"""A small hand-built Document for writer tests that do not need the pipeline.

Writer tests on the real default project use ``build_document``; this one is
for unit tests of one writer, and for edge cases (markup in text, drafts).
"""
from __future__ import annotations

import datetime as dt
import json

from briefing.document.formatting import format_location
from briefing.document.variants import for_template
from briefing.document.model import (
    Bar,
    Chart,
    Citation,
    Document,
    FactItem,
    Meta,
    PersonEntry,
    Section,
    SourceEntry,
    SourceFactRef,
    SummaryItem,
    TimelineEntry,
)

SHA = "683eb7bc9bc95207b194032f33d86f9e819ea8d83827960e2e3107c5e8a51595"


def citation(quote: str, line: int = 12, column: int = 1, source_id: str = "second-call") -> Citation:
    """A citation of the 'second call' article."""
    return Citation(source_id=source_id, source_title="Dar holds second call with Rubio",
                    publisher=None, published=None, url=None, quote=quote,
                    line=line, column=column, sha256=SHA, short_title="Second call",
                    where=format_location(line, column))


def sample_document(draft: bool = False, text_override: str | None = None, template: str = "briefing") -> Document:
    """A briefing with one fact of each printed shape, two sections and a chart, numbered for ``template``."""
    trade24 = FactItem(
        id="us-pk-goods-trade-2024", kind="amount", topic="trade",
        text=text_override or "US goods trade with Pakistan was an estimated $7.3 billion in 2024.",
        citations=(citation("US total goods trade with Pakistan was an estimated $7.3 billion in 2024"),),
        figure="$7.3 billion", label="Goods trade, 2024", priority=1)
    trade23 = FactItem(
        id="us-pk-goods-trade-2023", kind="amount", topic="trade",
        text="US goods trade with Pakistan was around $6.9 billion in 2023.",
        citations=(citation("up from around $6.9 billion in 2023"),),
        figure="$6.9 billion", label="Goods trade, 2023", priority=3)
    tariff = FactItem(
        id="us-tariff-pakistan", kind="percent", topic="trade",
        text="The US applied a 29% tariff to Pakistani exports.",
        citations=(citation("The U.S. has slapped a 29% tariff on Pakistani exports", 27, 54, "un-role"),),
        figure="29%", label="US tariff on Pakistani exports", priority=2)
    meeting = FactItem(
        id="dar-rubio-meeting", kind="date", topic="diplomacy",
        text="Dar and Rubio met in Washington on July 25, 2025.",
        citations=(citation("met with US Secretary of State Marco Rubio in Washington on Friday", 5, 60),),
        figure="July 25, 2025", date=dt.date(2025, 7, 25), priority=4)
    statement = FactItem(
        id="dar-bridge", kind="statement", topic="diplomacy",
        text="Dar said Pakistan wants deeper and more stable ties with the US.",
        citations=(citation("He said Pakistan seeks deeper and more stable ties with the US.", 17, 1),),
        speaker="Ishaq Dar", speaker_role="Deputy Prime Minister and Foreign Minister",
        said="Pakistan seeks deeper and more stable ties with the US.")
    claim = FactItem(
        id="minerals-claim", kind="claim", topic="diplomacy",
        text="Both sides discussed collaboration on critical minerals.",
        citations=(citation("the two sides discussed expanding trade and collaborating on critical minerals", 19, 30),),
        proven=not draft, problems=(("quote-not-found: the quote is not in the source",) if draft else ()),
        attribution="Second call")
    facts = (trade24, trade23, tariff, meeting, statement, claim)
    dar = PersonEntry(id="ishaq-dar", name="Ishaq Dar", role="Deputy Prime Minister and Foreign Minister",
                      country="Pakistan", citation=citation("Deputy Prime Minister and Foreign Minister Ishaq Dar", 2, 12))
    chart = Chart(id="trade", title="US–Pakistan goods trade", unit="USD",
                  caption="Source: Dar holds second call with Rubio.",
                  bars=(Bar("us-pk-goods-trade-2023", "2023", 6.9e9, "$6.9 billion"),
                        Bar("us-pk-goods-trade-2024", "2024", 7.3e9, "$7.3 billion")))
    source = SourceEntry(id="second-call", title="Dar holds second call with Rubio", publisher=None,
                         published=None, url=None, sha256=SHA, path="sources/dar-rubio-second-call.txt",
                         refs=tuple(SourceFactRef(f.id, f.citations[0].quote, f.citations[0].line,
                                                  f.citations[0].column) for f in facts),
                         short_title="Second call", published_display="not stated")
    meta = Meta(title="United States – Pakistan: Trade, Minerals and Security",
                subtitle="Background for principals", as_of=dt.date(2025, 8, 4),
                as_of_display="August 4, 2025", marking="UNCLASSIFIED", author="Policy Planning Desk",
                keywords=("Pakistan", "trade"), short_title="US–Pakistan", footer="US–Pakistan",
                file_stem="us-pakistan-briefing-2025-08-04")
    summary = (SummaryItem("Trade is small: goods trade was an estimated $7.3 billion in 2024.",
                           ("us-pk-goods-trade-2024",)),
               SummaryItem("A 29% US tariff hits Pakistani exports.", ("us-tariff-pakistan",)),
               SummaryItem("Dar and Rubio met in Washington on July 25, 2025.", ("dar-rubio-meeting",)))
    return for_template(Document(
        meta=meta, draft=draft, key_figures=(trade24, tariff),
        sections=(Section("trade", "Trade and tariffs", (trade24, trade23, tariff)),
                  Section("diplomacy", "Diplomacy", (meeting, statement, claim))),
        timeline=(TimelineEntry(dt.date(2025, 7, 25), "July 25, 2025", meeting),),
        people=(dar,), statements=(statement,), charts=(chart,), sources=(source,),
        top_facts=(trade24, tariff, trade23, meeting, statement),
        record_json=json.dumps({"facts": {f.id: {"proven": f.proven} for f in facts}}),
        facts=facts, summary=summary), template)
