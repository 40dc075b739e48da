"""The story page, as the HTML brief and as the web page: one layout, citations that land on the sentence.

Run on the bundled example's golden brief (made by the pipeline from invented articles) and on
hand-made briefs; every check holds for both outputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser

import pytest

from newsfuse.models import Brief, ClaimValue, SummarySentence, TimelineEntry
from newsfuse.render.citations import supporting_sentence
from newsfuse.store import StoredStory
from newsfuse.web.pages import _story_html
from tests.conftest import ROOT
from tests.unit.render.briefs import toll_brief
from tests.unit.render.test_render import EVIL, every_section_evil

GOLDEN = ROOT / "tests" / "golden" / "harbour-fire" / "expected.json"
STORY = StoredStory(
    id=5, title="t", first_seen=None, last_seen=None, articles=8, updated_at="2031-06-06T12:00"
)
SECTIONS = ["key-figures", "summary", "comparisons", "figures", "timeline", "entities", "sources"]
VOID = {"meta", "link", "br", "img", "input", "hr", "wbr", "source", "col"}


def example() -> Brief:
    return Brief.model_validate_json(GOLDEN.read_text(encoding="utf-8"))


def web(brief: Brief) -> str:
    return _story_html(STORY, brief)


def html_brief(brief: Brief) -> str:
    return brief.to_html()


OUTPUTS: list[Callable[[Brief], str]] = [html_brief, web]


class _Page(HTMLParser):
    """Each element id's text, its tag and classes; the <section> ids in order; every tag and attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: dict[str, str] = {}
        self.classes: dict[str, list[str]] = {}
        self.sections: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.duplicates: list[str] = []
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        self.attrs.extend(attrs)
        element_id = found.get("id")
        if element_id:
            if element_id in self.text:
                self.duplicates.append(element_id)
            self.text[element_id] = ""
            self.classes[element_id] = (found.get("class") or "").split()
            if tag == "section":
                self.sections.append(element_id)
        if tag not in VOID:
            self._open.append((tag, element_id))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, element_id in self._open:
            if element_id:
                self.text[element_id] += data


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def squash(text: str) -> str:
    return " ".join(text.split())


def section(html: str, element_id: str) -> str:
    return html.split(f'<section id="{element_id}"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("brief", [example(), toll_brief()], ids=["example", "toll"])
def test_both_outputs_show_the_same_sections_in_the_same_order(brief: Brief) -> None:
    brief_sections = parse(html_brief(brief)).sections
    web_sections = parse(web(brief)).sections
    assert brief_sections == web_sections
    assert [s for s in brief_sections if s in SECTIONS] == SECTIONS


@pytest.mark.parametrize("render", OUTPUTS)
@pytest.mark.parametrize("brief", [example(), toll_brief()], ids=["example", "toll"])
def test_every_link_in_the_page_lands_on_an_element(render: Callable[[Brief], str], brief: Brief) -> None:
    html = render(brief)
    page = parse(html)
    targets = {unescape(h)[1:] for h in re.findall(r'href="(#[^"]*)"', html)}
    assert targets and targets <= set(page.text), targets - set(page.text)
    assert page.duplicates == []


@pytest.mark.parametrize("render", OUTPUTS)
def test_every_figure_lands_on_its_quote_in_the_sources_text(render: Callable[[Brief], str]) -> None:
    brief = example()
    html = render(brief)
    page = parse(html)
    figures = section(html, "figures")
    for claim in brief.claims:
        found = re.search(rf'id="claim-{claim.id}".*?class="src-ref" href="#([^"]+)"', figures, re.S)
        assert found, claim.id
        target = found.group(1)
        assert target.startswith(f"src-{claim.source}-"), (claim.id, target)
        assert squash(claim.quote) in squash(page.text[target]), (claim.id, target)
        assert {"cited", "source-title"} & set(page.classes[target])


@pytest.mark.parametrize("render", OUTPUTS)
def test_every_timeline_item_and_summary_sentence_lands_on_its_sentence(
    render: Callable[[Brief], str],
) -> None:
    brief = example()
    html = render(brief)
    page = parse(html)
    events = re.findall(r'<li id="event-(\d+)"(.*?)</li>', section(html, "timeline"), re.S)
    assert len(events) == len(brief.timeline)
    for number, body in events:
        entry = brief.timeline[int(number) - 1]
        hrefs = re.findall(r'href="#([^"]+)"', body)
        assert len(hrefs) == len(entry.sources)
        for source_id, target in zip(entry.sources, hrefs, strict=True):
            wanted = supporting_sentence(
                SummarySentence(text=entry.text, sources=[]), brief.source(source_id)
            )
            assert target.startswith(f"src-{source_id}-at-") and "cited" in page.classes[target]
            assert squash(wanted) in squash(page.text[target]), (number, source_id)
    items = section(html, "summary").split("<li>")[1:]
    assert len(items) == len(brief.summary)
    for sentence, body in zip(brief.summary, items, strict=True):
        hrefs = re.findall(r'class="cite-ref" href="#([^"]+)"', body)
        assert len(hrefs) == len(sentence.sources)
        for source_id, target in zip(sentence.sources, hrefs, strict=True):
            wanted = supporting_sentence(sentence, brief.source(source_id))
            assert squash(wanted) in squash(page.text[target]), (sentence.text, source_id)


@pytest.mark.parametrize("render", OUTPUTS)
def test_a_key_figures_sources_land_on_the_sentence_that_gives_it(render: Callable[[Brief], str]) -> None:
    brief = example()
    html = render(brief)
    page = parse(html)
    killed = section(html, "key-figures").split("</li>", 1)[0]
    current = brief.key_figures[0]
    (href,) = re.findall(r'<span class="kf-sources">\[<a href="#([^"]+)"', killed)
    quotes = [squash(c.quote) for c in brief.claims if c.id in current.claims]
    assert any(q in squash(page.text[href]) for q in quotes)


@pytest.mark.parametrize("render", OUTPUTS)
def test_the_figure_is_highlighted_inside_its_quote(render: Callable[[Brief], str]) -> None:
    brief = example()
    figures = section(render(brief), "figures")
    rows = dict(re.findall(r'<tr id="claim-(c\d+)"(.*?)</tr>', figures, re.S))
    assert rows
    for cid, row in rows.items():
        claim = next(c for c in brief.claims if c.id == cid)
        marks = re.findall(r"<mark>(.*?)</mark>", row)
        assert [unescape(m) for m in marks] == [claim.value.text], cid


@pytest.mark.parametrize("render", OUTPUTS)
def test_a_copys_figure_is_folded_under_its_original(render: Callable[[Brief], str]) -> None:
    brief = example()  # s2 reprints s1
    assert brief.source("s2").duplicate_of == "s1"
    figures = section(render(brief), "figures")
    copies = [c for c in brief.claims if c.source == "s2"]
    assert copies and all(f'<tr id="claim-{c.id}"' not in figures for c in copies)
    original = figures.split('<tr id="claim-c2"', 1)[1].split("</tr>", 1)[0]  # s1's own toll
    assert "+ 1 copy</summary>" in original and '<li id="claim-c9">' in original
    assert 'data-sources="s1 s2"' in figures.split('<tr id="claim-c2"', 1)[1]


def test_only_the_web_page_has_filters_and_the_brief_shows_every_row() -> None:
    brief = example()
    assert 'form class="filters"' not in html_brief(brief) and "<script" not in html_brief(brief)
    page = web(brief)
    assert '<form class="filters" hidden>' in page and '<option value="injured">injured</option>' in page
    assert 'data-measure="killed"' in page


def hostile() -> Brief:
    """Every new place a page shows article text: quotes (with their figure), cited spans, copies, titles."""
    brief = every_section_evil()
    text = f"Opening line.\n\nThe police said {EVIL} were killed.\n\nClosing line."
    quote = f"The police said {EVIL} were killed."
    s1 = brief.sources[0].model_copy(update={"text": text, "outlet": EVIL})
    s2 = s1.model_copy(update={"id": "s2", "duplicate_of": "s1"})
    claims = [c.model_copy(update={"quote": quote}) for c in brief.claims]
    claims.append(claims[0].model_copy(update={"id": "c3", "source": "s2"}))
    return brief.model_copy(
        update={
            "sources": [s1, s2],
            "claims": claims,
            "comparisons": [brief.comparisons[0].model_copy(update={"claims": ["c1", "c2", "c3"]})],
            "summary": [SummarySentence(text=quote, sources=["s1", "s2"])],
            "timeline": [
                TimelineEntry(date=brief.timeline[0].date, text=quote, sources=["s1", "s2"], time_text=EVIL)
            ],
            "key_figures": [
                brief.key_figures[0].model_copy(update={"current": ClaimValue(lo=1, hi=1, text=EVIL)})
            ],
        }
    )


@pytest.mark.parametrize("render", OUTPUTS)
def test_hostile_article_text_stays_text_in_every_new_place(render: Callable[[Brief], str]) -> None:
    html = render(hostile())
    page = parse(html)
    assert "img" not in page.tags and page.tags.count("script") <= 1  # the web app's own app.js only
    assert not [a for a, _ in page.attrs if a.startswith("on") or a == "style"]
    assert not [v for a, v in page.attrs if a == "href" and v and "javascript" in v]
    escaped = "&lt;script&gt;"
    figures = section(html, "figures")
    assert f"<mark>{escaped}" in figures  # the figure marked inside its quote
    assert escaped in figures.split('<details class="copies">', 1)[1].split("</details>", 1)[0]
    cited = re.findall(r'<span class="cited" id="src-s\d-at-\d+">(.*?)</span>', section(html, "sources"))
    assert len(cited) == 2 and all(escaped in c for c in cited)  # the cited span of each source
    assert escaped in section(html, "summary").split('class="quote"', 1)[1]  # the citation's quote
    assert escaped in section(html, "timeline")
    titles = re.findall(r'<span class="source-title" id="src-s\d-title">(.*?)</span>', html)
    assert len(titles) == 2 and all(escaped in t for t in titles)
    if render is web:
        assert escaped in html.split('data-filter="source"', 1)[1].split("</select>", 1)[0]
