"""The bundled example story exercises what the seeds do: the brief shows each trouble handled."""

from __future__ import annotations

import re

import pytest

import newsfuse
from newsfuse.models import Brief
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def example() -> Brief:
    return newsfuse.brief(EXAMPLE)


def rules(brief: Brief, source_id: str) -> list[str]:
    return [r.rule for r in brief.source(source_id).removed]


def test_sources_formats_and_languages(example: Brief) -> None:
    assert len(example.sources) == 6
    assert [s.language for s in example.sources] == ["en", "en", "en", "en", "en", "fr"]
    html = example.source("s3")
    assert html.outlet == "The Harbour Herald" and html.published_from == "metadata"
    assert html.url and html.url.startswith("https://")
    assert [s.record for s in example.sources[4:]] == [1, 2]  # two JSONL records, by line
    assert example.story.first_seen is not None and example.story.first_seen <= example.story.last_seen  # type: ignore[operator]


def test_the_reprinted_wire_story_counts_once(example: Brief) -> None:
    assert example.source("s2").duplicate_of == "s1"
    assert [s.id for s in example.sources if s.duplicate_of] == ["s2"]


def test_page_junk_of_every_kind_is_removed_and_recorded(example: Brief) -> None:
    assert {"language-switcher", "page-date", "section-label", "photo-credit", "comment-form"} <= set(
        rules(example, "s1")
    )
    assert {"newsletter", "share-prompt", "cross-promotion", "copyright"} <= set(rules(example, "s2"))
    translated = rules(example, "s4")
    for rule in (
        "translation-notice",
        "byline",
        "stray-html",
        "truncated-word",
        "teaser",
        "repeated-paragraph",
    ):
        assert rule in translated
    # the photo caption printed twice, the second time with a credit, is kept once
    caption_repeat = next(r for r in example.source("s4").removed if "Photo by" in r.text)
    assert caption_repeat.reason == "duplicate"
    first_sentence = caption_repeat.text.split(" (Photo")[0]
    assert example.source("s4").text.count(first_sentence) == 1


def test_reader_comments_are_not_taken_as_the_article(example: Brief) -> None:
    # the Herald's page has a reader claiming "more like 30 dead": not the outlet speaking
    assert "30 dead" not in example.source("s3").text
    assert "Comments" not in example.source("s3").text


def test_no_junk_is_left_in_any_text(example: Brief) -> None:
    for source in example.sources:
        for junk in ("Getty Images", "Leave a Reply", "Share this article", "br>", "→", "©", "EN | DE"):
            assert junk not in source.text, (source.id, junk)


def test_the_summary_opens_with_the_current_toll_then_the_event_most_sources_tell(example: Brief) -> None:
    # the first sentence states the current killed toll (the key figure), cited
    [killed] = [k for k in example.key_figures if k.measure == "killed"]
    assert example.summary[0].sources and str(killed.current.lo) in example.summary[0].text
    event = next(s for s in example.summary if "killed" in s.text)
    independent = {s.id for s in example.sources if s.duplicate_of is None}
    assert len(set(event.sources) & independent) >= 1
    assert any(w in event.text for w in ("explosion", "fire", "blast"))
    text = " ".join(s.text for s in example.summary)
    assert "200" in text and "injured" in text  # the corroborated injured figure
    assert re.search(r"evacuat|moved to schools", text)
