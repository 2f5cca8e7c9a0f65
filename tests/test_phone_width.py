"""Key-figure cards at a 390 px phone width, in a real headless Chromium (Debian's package, driven by Playwright).

The HTML output is opened from disk in Debian's chromium (installed on first
use by tests/system_tools.py when missing); nothing is downloaded
(`playwright install` is never run). A card is cut off when it
reaches past the viewport or its figure is wider than the card.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from render_helpers import ROOT, briefing, copy_project
from system_tools import require_program

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
MEASURE = """() => [...document.querySelectorAll('.kf')].map(card => {
  const box = card.getBoundingClientRect(), big = card.querySelector('.big');
  return {left: box.left, right: box.right, cardScroll: card.scrollWidth, cardWidth: card.clientWidth,
          bigScroll: big.scrollWidth, bigWidth: big.clientWidth, text: big.textContent};
})"""


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("phone")
    copy_project(ROOT, root)
    done = briefing("render", "--format", "html", "--template", "all", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "out"


@pytest.mark.parametrize("template", ["briefing", "factsheet"])
def test_key_figure_cards_fit_a_390px_phone(html_file: Path, template: str) -> None:
    from playwright.sync_api import sync_playwright

    chromium = require_program("chromium", "chromium")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto((html_file / f"{template}.html").as_uri())
            cards = page.evaluate(MEASURE)
            page_width = page.evaluate("document.documentElement.scrollWidth")
        finally:
            browser.close()
    assert len(cards) == 6
    assert page_width <= 390   # nothing scrolls sideways
    for card in cards:
        assert 0 <= card["left"] and card["right"] <= 390, card
        assert card["cardScroll"] <= card["cardWidth"] and card["bigScroll"] <= card["bigWidth"], card
    assert {card["text"] for card in cards} >= {"$7.3 billion", "$6-8 trillion", "46 missions"}
