"""Dates at the ends of the calendar (year 1, year 9999), wherever they come from — metadata given
straight to the library, a sentence, a store row written by an older version — never overflow the
date arithmetic of grouping, the timeline or the store, and never cost a brief or a story page."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import newsfuse
from newsfuse.api import brief_story, clean_articles
from newsfuse.cluster import StoryGrouper, StoryState
from newsfuse.consolidate import assemble_brief
from newsfuse.consolidate.facts import read_articles
from newsfuse.ingest.dates import latest_date
from newsfuse.models import RawArticle
from newsfuse.store import open_store

FLOOD = (
    "Flood waters cut off Brannock\n\n"
    "The river Ulde burst its banks at Brannock on Tuesday, cutting the town off from the coast road, "
    "the county council said.\n\n"
    "Rescue teams moved 300 residents to the school hall overnight, and the water began to fall on "
    "Wednesday morning.\n\n"
    "The bridge will stay closed until engineers inspect it on Friday."
)
FAR_TEXT = (
    "Archive vault sealed in Brannock\n\n"
    "The vault in Brannock was sealed on December 31, 9999, a clerk wrote in the ledger, and the "
    "ledger was opened on January 1, 0001 by the county archivist.\n\n"
    "The archivist said the vault had stood for 3,000,000 days ago and that it was opened yesterday."
)


def test_the_window_of_a_story_never_overflows() -> None:
    grouper = StoryGrouper()
    week = grouper.window
    edge = StoryState(id=1, first=dt.date.min, last=dt.date.max)
    assert grouper._in_window(edge, dt.date(2025, 3, 1), week)
    low = StoryState(id=2, first=dt.date.min, last=dt.date.min)
    assert grouper._in_window(low, dt.date.min + dt.timedelta(days=3), week)
    assert not grouper._in_window(low, dt.date.max, week)
    high = StoryState(id=3, first=dt.date.max, last=dt.date.max)
    assert grouper._in_window(high, dt.date.max - dt.timedelta(days=3), week)
    assert not grouper._in_window(high, dt.date.min, week)
    # the same days as before for an ordinary story
    story = StoryState(id=4, first=dt.date(2025, 3, 10), last=dt.date(2025, 3, 12))
    assert grouper._in_window(story, dt.date(2025, 3, 3), week)
    assert not grouper._in_window(story, dt.date(2025, 3, 2), week)
    assert grouper._in_window(story, dt.date(2025, 3, 19), week)
    assert not grouper._in_window(story, dt.date(2025, 3, 20), week)


def test_pruning_after_a_year_one_story_does_not_overflow() -> None:
    grouper = StoryGrouper()
    grouper.stories = {1: StoryState(id=1, first=dt.date.min, last=dt.date.min)}
    grouper._latest = dt.date.min
    grouper.prune()
    assert 1 in grouper.stories
    grouper._latest = dt.date.max
    grouper.prune()
    assert 1 not in grouper.stories


def test_a_brief_with_far_metadata_and_far_dates_in_the_text_builds() -> None:
    """RawArticles built by a library user (no reader to drop their dates) and sentences naming the
    ends of the calendar: the brief builds, and no date in it lies outside the plausible range."""
    raws = [
        RawArticle(FLOOD, "a.txt", published=dt.date(9999, 12, 31), published_from="metadata"),
        RawArticle(
            FLOOD.replace("300", "320"), "b.txt", published=dt.date(1, 1, 1), published_from="metadata"
        ),
        RawArticle(FAR_TEXT, "c.txt", published=dt.date(2025, 4, 2), published_from="metadata"),
        RawArticle(FAR_TEXT.replace("vault", "cellar"), "d.txt"),
    ]
    brief = assemble_brief(read_articles(clean_articles(raws)))
    days = [e.date for e in brief.timeline] + [brief.story.first_seen, brief.story.last_seen]
    days += [c.reported for c in brief.claims] + [c.when for c in brief.claims]
    assert all(d is None or dt.date(1900, 1, 1) <= d <= latest_date() for d in days), days
    assert len(brief.sources) == 4


def _article_dates(db: Path, published: str | None, first: str | None, last: str | None) -> None:
    """Write dates into the store as an older version (or a hand edit) might have left them."""
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE articles SET published = ?", (published,))
        con.execute("UPDATE stories SET first_seen = ?, last_seen = ?", (first, last))
    con.close()


def test_stored_far_or_malformed_dates_read_as_none_and_the_story_still_briefs(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    (tmp_path / "flood.txt").write_text(FLOOD, encoding="utf-8")
    assert newsfuse.ingest(tmp_path / "flood.txt", db).added == 1
    for published, first, last in [
        ("0001-01-01", "0001-01-01", "9999-12-31"),
        ("9999-12-31", "9999-12-31", "9999-12-31"),
        ("not a date", "31/12/9999", ""),
    ]:
        _article_dates(db, published, first, last)
        with open_store(db, readonly=True) as store:
            (story,) = store.stories()
            assert (story.first_seen, story.last_seen) == (None, None)
            (stored,) = store.story_articles(story.id)
            assert stored.article.raw.published is None
            store.grouping_state(30, prune_every=1)
        assert brief_story(story.id, db).sources[0].text.startswith("The river Ulde")
    # grouping resumes over the bad rows: a dated follow-up joins or starts a story, nothing raises
    follow = FLOOD.replace("Tuesday", "Thursday") + "\n\nThe coast road reopened on Saturday."
    record = {"text": follow, "published": "2025-04-03"}
    (tmp_path / "follow.json").write_text(json.dumps(record), encoding="utf-8")
    _article_dates(db, "0001-01-01", "0001-01-01", "0001-01-01")
    assert newsfuse.ingest(tmp_path / "follow.json", db).added == 1
