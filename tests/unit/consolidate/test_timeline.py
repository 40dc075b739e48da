"""Story dates: publication date per source, sentence dates, and the merged timeline."""

from __future__ import annotations

import datetime as dt

from newsfuse.api import clean_articles
from newsfuse.consolidate import assemble_brief
from newsfuse.consolidate.facts import read_articles
from newsfuse.consolidate.timeline import date_story
from newsfuse.models import AnalyzedArticle, Brief, RawArticle, Removal


def _analyze(*raws: RawArticle) -> list[AnalyzedArticle]:
    return read_articles(clean_articles(list(raws)))


def _brief(*raws: RawArticle) -> Brief:
    return assemble_brief(_analyze(*raws))


WIRE = RawArticle(
    text=(
        "Dam breach floods river town\n\n"
        "VELMORE, 15 May (NPA) – A dam upstream of Velmore burst late on Tuesday, flooding the "
        "lower town, the regional council said.\n\n"
        "Rescue crews evacuated about 900 residents overnight, and the water began to recede on "
        "Wednesday morning.\n\n"
        "The council will hold an inquiry on Friday."
    ),
    path="wire.txt",
)
FOLLOW_UP = RawArticle(
    text=(
        "Inquiry opens into Velmore dam failure\n\n"
        "The Velmore dam burst late on Tuesday and flooded the lower town, engineers told the "
        "regional council.\n\n"
        "Residents returned to their homes on Thursday as the river fell back."
    ),
    path="follow.txt",
    published=dt.date(2024, 5, 16),
    published_from="metadata",
)


def test_publication_dates_in_order_of_trust() -> None:
    brief = _brief(WIRE, FOLLOW_UP)
    wire, follow = brief.sources
    assert (follow.published, follow.published_from) == (dt.date(2024, 5, 16), "metadata")
    # the wire dateline gives day and month; the year comes from the rest of the story
    assert (wire.published, wire.published_from) == (dt.date(2024, 5, 15), "text")
    assert brief.story.first_seen == dt.date(2024, 5, 14)
    assert brief.story.last_seen == dt.date(2024, 5, 16)
    assert "timeline" not in brief.pending_sections


def test_the_same_event_told_twice_is_one_entry_citing_both() -> None:
    brief = _brief(WIRE, FOLLOW_UP)
    tuesday = [t for t in brief.timeline if t.date == dt.date(2024, 5, 14)]
    assert len(tuesday) == 2  # the breach (late on Tuesday), the evacuation (overnight)
    breach = tuesday[0]
    assert breach.sources == ["s1", "s2"] and breach.support == 2
    assert breach.part_of_day == "evening" and breach.time_text == "late on Tuesday"
    assert tuesday[1].part_of_day == "night"
    dates = [(t.date, t.part_of_day) for t in brief.timeline]
    assert dt.date(2024, 5, 17) in [d for d, _ in dates]  # "will hold an inquiry on Friday": ahead
    assert [d for d, _ in dates] == sorted(d for d, _ in dates)


def test_sentence_dates_are_kept_for_claims() -> None:
    analyzed = _analyze(WIRE, FOLLOW_UP)
    sources = assemble_brief(analyzed).sources
    dates = date_story(analyzed, sources)
    text = analyzed[1].article.text
    start = text.index("Residents returned")
    assert dates.date_of(1, start) == dt.date(2024, 5, 16)
    assert dates.date_of(1, 10_000) is None


def test_a_chrome_date_without_year_that_contradicts_the_content_is_never_used() -> None:
    scraped = RawArticle(
        text=WIRE.text,
        path="scraped.txt",
        removed=(Removal("Friday, 22 November", "boilerplate", "page-date"),),
    )
    brief = _brief(scraped, FOLLOW_UP)
    dumped = brief.model_dump(exclude={"sources": {"__all__": {"removed"}}})
    assert "-11-22" not in str(dumped) and "22 November" not in str(dumped)
    assert brief.sources[0].published == dt.date(2024, 5, 15)


def test_a_source_without_any_date_borrows_the_story_date() -> None:
    undated = RawArticle(
        text="Velmore counts the cost\n\nShops along the river stayed shut as volunteers cleared mud.",
        path="undated.txt",
    )
    brief = _brief(FOLLOW_UP, undated)
    assert (brief.sources[1].published, brief.sources[1].published_from) == (dt.date(2024, 5, 16), "inferred")


def test_weekdays_date_a_source_with_no_date_of_its_own() -> None:
    # the story knows its days from the other source; this one only says "Tuesday" and "Thursday"
    weekdays = RawArticle(
        text=(
            "Velmore mourns\n\nThe dam burst on Tuesday night, flooding the lower town.\n\n"
            "Mourners gathered by the river on Thursday to remember the dead."
        ),
        path="weekdays.txt",
    )
    brief = _brief(FOLLOW_UP, weekdays)
    assert (brief.sources[1].published, brief.sources[1].published_from) == (dt.date(2024, 5, 16), "inferred")
    assert dt.date(2024, 5, 16) in [t.date for t in brief.timeline if "s2" in t.sources]


def test_with_no_date_anywhere_nothing_is_guessed_from_the_clock() -> None:
    alone = RawArticle(
        text="Port reopens\n\nThe port reopened to freight on Friday, officials said.", path="a.txt"
    )
    brief = _brief(alone)
    assert brief.sources[0].published is None and brief.timeline == []
    assert brief.story.first_seen is None
