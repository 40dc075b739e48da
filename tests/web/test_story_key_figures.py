"""The story page puts the key figures first, from the brief's own partial, under the app's CSP."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from newsfuse.models import Brief, ClaimValue, TollPoint
from newsfuse.store import StoredStory
from newsfuse.web.pages import _story_html
from tests.unit.render.briefs import toll_brief
from tests.unit.render.test_render import EVIL

STORY = StoredStory(id=7, title="Flood at the Brenholt mill", first_seen=None, last_seen=None, articles=3,
                    updated_at="2031-06-06T12:00:00")  # fmt: skip


class _Page(HTMLParser):
    """Element ids in page order, tags, attributes and inline <style> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self.ids += [v for a, v in attrs if a == "id" and v]


def story_page(brief: Brief) -> tuple[str, _Page]:
    html = _story_html(STORY, brief)
    parsed = _Page()
    parsed.feed(html)
    return html, parsed


def test_key_figures_come_above_the_summary_with_links_that_land() -> None:
    html, page = story_page(toll_brief())
    assert page.ids.index("key-figures") < page.ids.index("summary") < page.ids.index("figures")
    assert '<a href="#key-figures">Key figures</a>' in html  # in the table of contents
    block = html.split('id="key-figures"', 1)[1].split("</section>", 1)[0]
    links = set(re.findall(r'href="#([\w-]+)"', block))
    assert links == {"src-s1", "src-s2", "src-s3", "comparison-1", "comparison-2"}
    assert links <= set(page.ids)  # each figure links to its source card, each flag to its comparison
    conflict = html.split('id="comparison-2"', 1)[1].split("</li>", 1)[0]
    assert "conflict" in conflict and "(5 Jun)" in conflict and "mill union" in conflict
    assert "revision" in html.split('id="comparison-1"', 1)[1].split("</li>", 1)[0]


def test_the_page_keeps_the_csp_rules_no_inline_style_or_script() -> None:
    _, page = story_page(toll_brief())
    assert "style" not in page.tags and not [a for a, _ in page.attrs if a == "style" or a.startswith("on")]
    assert page.tags.count("script") == 1  # the app's own /static/app.js, nothing inline


def test_figures_table_marks_and_dates_each_figure() -> None:
    html, _ = story_page(toll_brief())
    row = html.split('id="claim-c1"', 1)[1].split("</tr>", 1)[0]
    assert "superseded" in row and "reportedly" in row and "4 Jun" in row
    assert "part of the toll" in html.split('id="claim-c7"', 1)[1].split("</tr>", 1)[0]


def test_hostile_text_in_a_key_figure_stays_text() -> None:
    brief = toll_brief()
    hostile = brief.key_figures[0].model_copy(
        update={
            "current": ClaimValue(lo=1, hi=1, text=EVIL),
            "attributed_to": [EVIL],
            "place": EVIL,
            "history": [
                TollPoint(
                    reported=None,
                    value=ClaimValue(lo=1, hi=1, text=EVIL),
                    claims=["c1"],
                    sources=["s1"],
                    attributed_to=[EVIL],
                )
            ],
        }
    )
    html, page = story_page(brief.model_copy(update={"key_figures": [hostile]}))
    block = html.split('id="key-figures"', 1)[1].split("</section>", 1)[0]
    assert block.count("&lt;script&gt;") >= 4
    assert "img" not in page.tags and not [
        v for a, v in page.attrs if a == "href" and v and "javascript" in v
    ]
