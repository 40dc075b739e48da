"""Renderers: article text is untrusted; every output shows it as text, never as markup."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

from newsfuse.models import (
    Brief,
    Claim,
    ClaimValue,
    Comparison,
    Entity,
    KeyFigure,
    RemovedText,
    Source,
    Story,
    SummarySentence,
    TimelineEntry,
    TollPoint,
)
from newsfuse.render import format_for, render

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** | pipe'


def make_brief(**source: object) -> Brief:
    fields: dict[str, object] = {
        "id": "s1",
        "path": "in/evil.txt",
        "url": "https://example.org/a b<c>",
        "outlet": EVIL,
        "title": EVIL,
        "language": "en",
        "published": dt.date(2025, 3, 12),
        "published_from": "metadata",
        "text": f"First paragraph {EVIL}.\n\nSecond paragraph.",
        "removed": [RemovedText(text=EVIL, reason="boilerplate", rule="comment-form")],
        "duplicate_of": None,
        "words": 9,
        "sentences": 2,
    }
    fields.update(source)
    return Brief(
        story=Story(
            id="story-x", title=EVIL, first_seen=dt.date(2025, 3, 12), last_seen=dt.date(2025, 3, 13)
        ),
        sources=[Source(**fields)],  # type: ignore[arg-type]
        pending_sections=["summary", "claims", "comparisons", "entities", "timeline"],
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_escapes_article_text_and_runs_nothing() -> None:
    page = make_brief().to_html()
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a, _ in parser.attrs if a.startswith("on")]
    assert "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # self-contained: nothing is fetched from anywhere
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def every_section_evil() -> Brief:
    """A brief whose every section carries article-derived text that tries to become markup."""
    claim = Claim(
        id="c1",
        source="s1",
        measure="killed",
        victims=EVIL,
        victim_class="people",
        value=ClaimValue(lo=14, hi=14, text=EVIL),
        place=EVIL,
        when=dt.date(2025, 3, 11),
        attributed_to=EVIL,
        quote=EVIL,
    )
    return make_brief().model_copy(
        update={
            "pending_sections": [],
            "summary": [SummarySentence(text=EVIL, sources=["s1"])],
            "claims": [claim, claim.model_copy(update={"id": "c2"})],
            "comparisons": [
                Comparison(
                    measure="killed",
                    victim_class="people",
                    place=EVIL,
                    verdict="conflict",
                    claims=["c1", "c2"],
                    explanation=EVIL,
                )
            ],
            "entities": [
                Entity(id="e1", name=EVIL, type=t, aliases=[EVIL, "x"], sources=["s1"], mentions=2)
                for t in ("person", "org", "place", "other")
            ],
            "timeline": [TimelineEntry(date=dt.date(2025, 3, 11), text=EVIL, sources=["s1"])],
            "key_figures": [
                KeyFigure(
                    measure="killed",
                    victim_class="people",
                    place=EVIL,
                    current=ClaimValue(lo=14, hi=14, text=EVIL),
                    sources=["s1"],
                    attributed_to=[EVIL],
                    reported=dt.date(2025, 3, 13),
                    history=[
                        TollPoint(
                            reported=dt.date(2025, 3, 12),
                            value=ClaimValue(lo=9, hi=None, text=EVIL),
                            claims=["c2"],
                            sources=["s1"],
                            attributed_to=[EVIL],
                        )
                    ],
                    conflict=True,
                    comparison=0,
                    claims=["c1"],
                )
            ],
        }
    )


def test_every_section_escapes_article_text_in_html() -> None:
    page = every_section_evil().to_html()
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a, _ in parser.attrs if a.startswith("on")]
    assert not [v for a, v in parser.attrs if a == "href" and v and "javascript" in v]
    # the hostile text is there, as text, in each section
    for section in ("key-figures", "summary", "figures", "comparisons", "entities", "timeline", "sources"):
        body = page.split(f'<section id="{section}"', 1)[1].split("</section>", 1)[0]
        assert "&lt;script&gt;" in body, section
    # a key figure's hostile history and sayer are text too
    figures = page.split('<section id="key-figures"', 1)[1].split("</section>", 1)[0]
    assert figures.count("&lt;script&gt;") >= 4  # current toll, place, who says it, the earlier figure


def test_every_section_escapes_article_text_in_markdown() -> None:
    text = every_section_evil().to_markdown()
    assert not re.search(r"(?<!\\)<(script|img)", text)
    assert "](javascript:" not in text.replace("\\]", "")
    for title in (
        "Key figures",
        "What happened",
        "Figures",
        "Where the sources agree and conflict",
        "Who and where",
        "Timeline",
    ):
        body = text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
        assert "\\<script>" in body, title
    figures = text.split("## Key figures", 1)[1].split("\n## ", 1)[0]
    assert figures.count("\\<script>") >= 4  # current toll, place, who says it, the earlier figure
    assert "](javascript:" not in figures.replace("\\]", "")


def test_html_lists_sources_removed_junk_and_pending_sections() -> None:
    page = make_brief(duplicate_of="s1").to_html()
    assert 'id="src-s1"' in page and "copy of" in page
    assert "Removed junk: 1" in page and "comment-form" in page
    assert page.count("Not built yet") == 5


def test_markdown_escapes_article_text() -> None:
    text = make_brief().to_markdown()
    assert not re.search(r"(?<!\\)<(script|img)", text)  # every "<" from an article is escaped
    assert "\\<script>" in text
    assert "](javascript:" not in text.replace("\\]", "")  # no live link
    assert "\\*\\*bold\\*\\*" in text
    # a table cell cannot be split by a pipe in a title
    row = next(line for line in text.splitlines() if line.startswith("| s1 |"))
    assert row.count(" | ") == 7  # eight cells: the escaped pipe in the title is not a separator
    # a web address with spaces and angle brackets cannot break out of its autolink
    assert "<https://example.org/a%20b%3Cc%3E>" in text


def test_markdown_says_plainly_what_is_not_built_yet() -> None:
    text = make_brief().to_markdown()
    assert text.count("_Not built yet:") == 5
    built = make_brief().model_copy(update={"pending_sections": []}).to_markdown()
    assert "Not built yet" not in built and built.count("_None found in these sources._") == 5


def test_a_non_web_url_is_not_made_a_link() -> None:
    text = make_brief(url="javascript:alert(1)").to_markdown()
    assert "<javascript:" not in text


def test_json_round_trips_through_the_model() -> None:
    brief = make_brief()
    again = Brief.model_validate(json.loads(render(brief, "json")))
    assert again == brief


def test_output_format_follows_the_file_suffix() -> None:
    assert format_for("out.json") == "json"
    assert format_for("OUT.HTML") == "html"
    assert format_for("brief.md") == "md"
    assert format_for("brief.txt") is None
