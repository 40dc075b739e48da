"""Dates on the five real seed articles (../shared/seeds): none has a publication date of its own.

The weekdays ("late on Wednesday", "on Thursday"), the calendar ("Wednesday 5 to Thursday 6
January", "Sunday January 2") and one caption dateline must place the story on 2022-01-02 …
2022-01-06; the scrape date one page carries (a Friday, 22 November, no year) must never be used.
Only short markers of the seed text appear here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import newsfuse
from newsfuse.models import Brief, TimelineEntry

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def seed_brief(seeds_dir: Path) -> Brief:
    return newsfuse.brief(seeds_dir)


def _on(brief: Brief, day: str, *markers: str) -> list[TimelineEntry]:
    return [
        t
        for t in brief.timeline
        if t.date == dt.date.fromisoformat(day) and all(m.lower() in t.text.lower() for m in markers)
    ]


def test_every_source_is_dated_within_the_story(seed_brief: Brief) -> None:
    for source in seed_brief.sources:
        assert source.published is not None and source.published_from is not None
        assert dt.date(2022, 1, 2) <= source.published <= dt.date(2022, 1, 7)
    assert seed_brief.story.first_seen == dt.date(2022, 1, 2)
    assert seed_brief.story.last_seen == dt.date(2022, 1, 6)


def test_the_protests_start_on_sunday_2_january(seed_brief: Brief) -> None:
    start = _on(seed_brief, "2022-01-02", "began")
    assert start and all(t.sources for t in start)


def test_the_storming_and_the_csto_request_on_wednesday_5_january(seed_brief: Brief) -> None:
    assert _on(seed_brief, "2022-01-05", "storm")
    request = _on(seed_brief, "2022-01-05", "CSTO")
    assert request and request[0].part_of_day in {"evening", "night"}


def test_troops_and_casualty_figures_on_thursday_6_january(seed_brief: Brief) -> None:
    assert _on(seed_brief, "2022-01-06", "troops") or _on(seed_brief, "2022-01-06", "paratroopers")
    casualties = _on(seed_brief, "2022-01-06", "twelve")
    assert casualties and len(casualties[0].sources) >= 2  # told by two outlets, merged


def test_the_timeline_is_ordered_and_cited(seed_brief: Brief) -> None:
    assert seed_brief.timeline
    keys = [t.date for t in seed_brief.timeline]
    assert keys == sorted(keys)
    ids = {s.id for s in seed_brief.sources}
    for entry in seed_brief.timeline:
        assert entry.sources and set(entry.sources) <= ids
        assert any(
            " ".join(entry.text.split()) in " ".join(seed_brief.source(s).text.split()) for s in entry.sources
        )


def test_the_scrape_date_appears_nowhere(seed_brief: Brief) -> None:
    # the removed line itself stays in `removed` (what cleaning dropped); no date may come from it
    dumped = json.dumps(seed_brief.model_dump(mode="json", exclude={"sources": {"__all__": {"removed"}}}))
    assert "-11-22" not in dumped and "22 November" not in dumped
    assert "11-22" not in seed_brief.to_markdown().split("## Sources")[0]
