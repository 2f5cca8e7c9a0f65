"""Real documents for the ingest tests, built by the tests: a PDF (WeasyPrint), a saved web page, a DOCX.

The PDF is the default source ``security-trade-un-role.txt`` set on A5 pages
with a running header, a "Page N of M" footer and automatic hyphenation. Page
1 is a cover (headline, lead, byline); the first section starts page 2, so
the sentence on the April 7 call is on page 2; later sentences run across
lines and pages.
"""
from __future__ import annotations

import html
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / "sources" / "security-trade-un-role.txt"
PAGE_TWO_QUOTE = ("On April 7, 2025, U.S. Secretary of State Marco Rubio dialed up Pakistani Deputy Prime Minister "
                  "and Foreign Minister Ishaq Dar.")
HEADER = "NewsVane Reprint: US and Pakistan"

_CSS = """
@page { size: A5; margin: 2.2cm 1.8cm;
  @top-center { content: "%s"; font-size: 8pt; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
body { font-family: serif; font-size: 10.5pt; line-height: 1.3; hyphens: auto; text-align: justify; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; }
h2.new-page { break-before: page; }
p { margin: 0 0 0.6em; }
""" % HEADER


def source_paragraphs() -> list[str]:
    """The paragraphs of the default source (one per line), as the file has them."""
    return [line for line in DEFAULT_SOURCE.read_text(encoding="utf-8").split("\n") if line.strip()]


def build_pdf(path: Path, title: str | None = "US and Pakistan Discuss Security, Trade, and UN Role") -> Path:
    """The default source as a multi-page PDF with header, footer and hyphenation."""
    from weasyprint import HTML

    headings = {"A Diplomatic Exchange With High Stakes", "Counterterrorism: A Shared Fight, Uneven Ground",
                "Trade and Tariffs: Dollars, Jobs, and Minerals", "Pakistan’s Voice on the World Stage",
                "What Ties It All Together"}
    parts = []
    for index, para in enumerate(source_paragraphs()):
        if index == 0:
            parts.append(f"<h1>{html.escape(para)}</h1>")
        elif para in headings:
            extra = ' class="new-page"' if para.startswith("A Diplomatic Exchange") else ""
            parts.append(f"<h2{extra}>{html.escape(para)}</h2>")
        else:
            parts.append(f"<p>{html.escape(para)}</p>")
    meta = f"<title>{html.escape(title)}</title>" if title else ""
    page = (f"<html lang='en'><head><meta charset='utf-8'>{meta}<style>{_CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>")
    HTML(string=page).write_pdf(path)
    return path


ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Joint Statement on US-Pakistan Trade | Office of the United States Trade Representative</title>
<meta property="og:site_name" content="Office of the United States Trade Representative">
<meta property="og:title" content="Joint Statement on US-Pakistan Trade">
<meta property="article:published_time" content="2025-07-31T10:00:00Z">
<script>window.dataLayer = ["US goods trade with Pakistan was $99 billion"];</script>
<style>.cookie-banner { position: fixed; }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">Press releases</a></li>
<li><a href="/about">About the Office of the United States Trade Representative</a></li></ul></nav>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience on our website.
By continuing to browse you agree to our cookie policy.</p><button>Accept all cookies</button></div>
<main><article>
<h1>Joint Statement on US-Pakistan Trade</h1>
<p>The United States and Pakistan concluded <b>a reciprocal trade agreement</b> on July 30, 2025, after
<a href="/rounds">four rounds of talks</a> in Washington.</p>
<h2>Tariffs</h2>
<p>The agreement sets a reciprocal tariff of 19 percent on Pakistani goods entering the United States,
down from the 29 percent announced in April.</p>
<p>US total goods trade with Pakistan was an estimated $7.3 billion in 2024, according to the Office of
the United States Trade Representative.</p>
<h2>Minerals and energy</h2>
<p>Both sides will explore cooperation in critical minerals, energy and information technology, officials
said in the statement.</p>
</article>
<aside><h3>Related</h3><p>Read more: Pakistan's budget for the next fiscal year includes new incentives
for exporters and investors in the textile sector.</p></aside></main>
<footer><p>Copyright 2025 Office of the United States Trade Representative. All rights reserved.
Privacy policy. Accessibility statement.</p></footer>
<script>document.write("Late script text that must never appear");</script>
</body></html>
"""


def build_html(path: Path) -> Path:
    """A saved article page with navigation, a cookie banner, an aside, a footer and scripts."""
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def build_docx(path: Path) -> Path:
    """A Word read-out: a title, two headed sections, body paragraphs and a table."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Readout of the Trade Minister's Call"
    document.add_heading("Readout of the Trade Minister's Call", 0)
    document.add_paragraph("The Minister spoke with her Pakistani counterpart on Tuesday.")
    document.add_heading("Tariffs", 1)
    document.add_paragraph("Both sides welcomed the reciprocal tariff of 19 percent agreed in July.")
    document.add_heading("Next steps", 1)
    document.add_paragraph("Officials will meet again in Islamabad in September.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Goods trade, 2024"
    table.cell(0, 1).text = "$7.3 billion"
    document.save(path)
    return path


PAGE_TWO_FACT = """
  rubio-dar-call:
    kind: date
    topic: diplomacy
    text: "U.S. Secretary of State Marco Rubio dialed up Ishaq Dar on April 7, 2025."
    date: 2025-04-07
    source: {source}
    quote: "{quote}"
"""


def cite_page_two(facts: Path, source_id: str) -> None:
    """Append to facts.yaml (whose last section is ``facts``) a date fact quoted from page 2 of the PDF."""
    with facts.open("a", encoding="utf-8") as handle:
        handle.write(PAGE_TWO_FACT.format(source=source_id, quote=PAGE_TWO_QUOTE))
