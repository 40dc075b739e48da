"""Citations in Debian's Chromium: each lands on its highlighted sentence, in the web page and in the
HTML brief (no script there); on a phone a tap opens the quote inside the screen; the figures filter.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsfuse.models import Brief
from newsfuse.store import open_store
from tests.web.conftest import Server

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "harbour-fire" / "expected.json"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    opened = browser.new_context(viewport={"width": 1280, "height": 800})
    opened.set_default_timeout(120_000)  # the first request briefs the story
    yield opened
    opened.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    opened = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    opened.set_default_timeout(120_000)
    yield opened
    opened.close()


def story_url(server: Server) -> str:
    with open_store(server.db, readonly=True) as store:
        story = max(store.stories(), key=lambda s: s.articles)
    return f"{server.url}/stories/{story.id}"


@pytest.fixture(scope="module")
def brief_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("brief") / "brief.html"
    path.write_text(Brief.model_validate_json(GOLDEN.read_text("utf-8")).to_html(), "utf-8")
    return path.as_uri()


def highlighted(page: Any, element_id: str) -> bool:
    """The element is the :target, on screen, and painted differently from the text around it."""
    return bool(
        page.evaluate(
            """id => {
                const e = document.getElementById(id);
                const box = e.getBoundingClientRect();
                const style = getComputedStyle(e);
                return e.matches(':target') && box.top >= 0 && box.top < innerHeight
                    && style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.outlineStyle !== 'none';
            }""",
            element_id,
        )
    )


def no_overflow(page: Any) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"))


@pytest.mark.parametrize("where", ["web", "brief"])
def test_a_figure_a_summary_citation_and_an_event_land_on_their_highlighted_sentence(
    context: Any, server: Server, brief_file: str, where: str
) -> None:
    page = context.new_page()
    page.goto(story_url(server) if where == "web" else brief_file)
    # (a citation of a source telling it in another language, sharing no word, lands on the card)
    sentence = "[href*='-at-']"
    for selector in (
        f"#figures a.src-ref{sentence}",
        f"#summary a.cite-ref{sentence}",
        f"#timeline li.event a{sentence}",
    ):
        link = page.locator(selector).first
        target = (link.get_attribute("href") or "")[1:]
        link.click()
        page.wait_for_function("id => location.hash === '#' + id", arg=target)
        assert highlighted(page, target), (selector, target)
        assert page.locator(f"#{target}").inner_text().strip()


@pytest.mark.parametrize("where", ["web", "brief"])
def test_a_link_to_a_folded_copy_opens_its_fold(
    context: Any, server: Server, brief_file: str, where: str
) -> None:
    """Chromium opens a closed <details> when a fragment navigation lands inside it (no script needed)."""
    page = context.new_page()
    page.goto(story_url(server) if where == "web" else brief_file)
    copy_id = page.locator("details.copies li[id]").first.get_attribute("id")
    fold = page.locator("details.copies", has=page.locator(f"#{copy_id}"))
    assert not fold.evaluate("d => d.open")
    page.locator(f"#comparisons a[href='#{copy_id}']").first.click()
    page.wait_for_function("() => document.querySelector('details.copies li:target') !== null")
    assert fold.evaluate("d => d.open") and page.locator(f"#{copy_id}").is_visible()


def test_on_a_phone_a_tap_opens_the_quote_inside_the_screen_and_escape_closes_it(
    phone: Any, server: Server
) -> None:
    page = phone.new_page()
    page.goto(story_url(server))
    assert no_overflow(page)
    key_figures = page.locator("#key-figures").bounding_box()
    assert key_figures is not None and 0 <= key_figures["y"] < PHONE["height"]  # above the fold
    citation = page.locator("#summary .cite-ref[href*='-at-']").first
    quote = page.locator("#" + (citation.get_attribute("aria-describedby") or ""))
    citation.scroll_into_view_if_needed()
    assert not quote.is_visible()
    citation.tap()
    assert quote.is_visible() and page.evaluate("() => location.hash") == ""  # opened, not followed
    box = quote.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    page.keyboard.press("Escape")
    assert not quote.is_visible()
    citation.tap()
    citation.tap()  # the second tap follows the link to the sentence
    target = (citation.get_attribute("href") or "")[1:]
    page.wait_for_function("id => location.hash === '#' + id", arg=target)
    assert highlighted(page, target) and not quote.is_visible()  # the quote does not cover the sentence


def test_the_html_brief_fits_a_phone(phone: Any, brief_file: str) -> None:
    page = phone.new_page()
    page.goto(brief_file)
    assert no_overflow(page)
    box = page.locator("#key-figures").bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"]
    card = page.locator("table.figures tr.claim").first.bounding_box()
    assert card is not None and card["width"] <= PHONE["width"]  # a row is a card, not a wide table row


def test_the_figures_filter_by_measure_and_by_source(context: Any, server: Server) -> None:
    page = context.new_page()
    page.goto(story_url(server))
    rows = page.locator("table.figures tr.claim")
    total = rows.count()
    page.select_option("select[data-filter='measure']", "killed")
    shown = page.locator("table.figures tr.claim:visible")
    assert 0 < shown.count() < total
    assert {r.get_attribute("data-measure") for r in shown.all()} == {"killed"}
    page.select_option("select[data-filter='source']", "s2")
    assert all("s2" in (r.get_attribute("data-sources") or "").split() for r in shown.all())
    page.select_option("select[data-filter='measure']", "")
    page.select_option("select[data-filter='source']", "")
    assert page.locator("table.figures tr.claim:visible").count() == total
