"""What the story page computes for display: where a citation lands, how figures and days are grouped."""

from __future__ import annotations

import datetime as dt

from newsfuse.models import (
    Brief,
    Claim,
    ClaimValue,
    Comparison,
    Source,
    Story,
    SummarySentence,
    TimelineEntry,
)
from newsfuse.render.citations import Citations, locate, marked_quote, supporting_sentence
from newsfuse.render.page import figure_groups, status_line, timeline_days
from newsfuse.store import StoredStory
from newsfuse.web.uploads import safe_label
from newsfuse.web.views import story_context


def source(text: str, sid: str = "s1", **fields: object) -> Source:
    values: dict[str, object] = {
        "id": sid, "path": "/home/someone/in/a.txt", "url": None, "outlet": None, "title": None,
        "language": "en", "published": None, "published_from": None, "text": text, "removed": [],
        "duplicate_of": None,
    }  # fmt: skip
    values.update(fields)
    return Source(**values)  # type: ignore[arg-type]


def claim(cid: str, sid: str, figure: str, quote: str, **fields: object) -> Claim:
    values: dict[str, object] = {
        "id": cid, "source": sid, "measure": "killed", "victims": "people", "victim_class": "people",
        "value": ClaimValue(lo=14, hi=14, text=figure), "place": None, "when": None,
        "attributed_to": None, "quote": quote,
    }  # fmt: skip
    values.update(fields)
    return Claim(**values)  # type: ignore[arg-type]


def brief(sources: list[Source], **fields: object) -> Brief:
    story = Story(id="story-x", title="Quarry collapse at Veldrun", first_seen=None, last_seen=None)
    return Brief(story=story, sources=sources, **fields)  # type: ignore[arg-type]


def test_a_citation_quotes_the_closest_sentence_of_its_source() -> None:
    text = "The port reopened on Friday. Fourteen people died in the warehouse blasts, officials said."
    cited = SummarySentence(
        text="Fourteen people were killed in the blasts at the warehouse.", sources=["s1"]
    )
    assert (
        supporting_sentence(cited, source(text))
        == "Fourteen people died in the warehouse blasts, officials said."
    )
    verbatim = SummarySentence(text="The port reopened on Friday.", sources=["s1"])
    assert supporting_sentence(verbatim, source(text)) == "The port reopened on Friday."


def test_a_quote_is_found_by_offsets_even_across_other_spaces() -> None:
    text = "Rain fell.\n\nNine miners were  trapped\nunderground, the mine said. Rescuers dug."
    assert locate("Rain fell.", text) == (0, 10)
    start, end = locate("Nine miners were trapped underground, the mine said.", text) or (0, 0)
    assert text[start:end] == "Nine miners were  trapped\nunderground, the mine said."
    assert locate("Völlig anderer Satz ohne Treffer", text) is None  # no shared word: the card


def test_overlapping_citations_share_one_span_and_each_lands_on_it() -> None:
    text = "Nine miners were trapped, the mine said on Monday. Rescuers dug through the night."
    one = claim("c1", "s1", "Nine", "Nine miners were trapped, the mine said on Monday.")
    part = claim("c2", "s1", "Nine", "Nine miners were trapped")
    cites = Citations(brief([source(text)], claims=[one, part]))
    assert cites.claim("c1") == cites.claim("c2") == "#src-s1-at-0"
    (paragraph,) = cites.paragraphs("s1")
    assert [(s.cited, s.anchor) for s in paragraph] == [(True, "src-s1-at-0"), (False, None)]
    assert "".join(s.text for s in paragraph) == text


def test_a_headline_figure_lands_on_the_title_and_an_unknown_source_on_nothing() -> None:
    s1 = source("The body text says other things.", title="Nine trapped in Veldrun quarry")
    headline = claim("c1", "s1", "Nine", "Nine trapped in Veldrun quarry")
    cites = Citations(brief([s1], claims=[headline]))
    assert cites.claim("c1") == "#src-s1-title"
    assert cites.of_source(["c1"], "s9") == "#src-s9"


def test_the_figure_is_found_in_its_quote_by_offsets() -> None:
    assert marked_quote(claim("c1", "s1", "Nine", "Nine were trapped.")) == ("", "Nine", " were trapped.")
    assert marked_quote(claim("c1", "s1", "nine", "Nine were trapped.")) == ("", "Nine", " were trapped.")
    assert marked_quote(claim("c1", "s1", "12", "None given.")) == ("None given.", "", "")


def test_a_copy_is_folded_under_its_original_in_its_comparison_group() -> None:
    text = "Nine miners were trapped, the mine said."
    s1, s2 = source(text, outlet="Veldrun Post"), source(text, "s2", duplicate_of="s1")
    s3 = source("Eleven miners were trapped.", "s3")
    eleven = ClaimValue(lo=11, hi=11, text="Eleven")
    claims = [
        claim("c1", "s1", "Nine", text),
        claim("c2", "s2", "Nine", text),
        claim("c3", "s3", "Eleven", "Eleven miners were trapped.", value=eleven),
    ]  # fmt: skip
    conflict = Comparison(
        measure="killed", victim_class="people", place=None, verdict="conflict",
        claims=["c1", "c2", "c3"], explanation="9 vs 11", kind="conflict",
    )  # fmt: skip
    b = brief([s1, s2, s3], claims=claims, comparisons=[conflict])
    (group,) = figure_groups(b, Citations(b))
    assert group.kind == "conflict" and group.anchor == "comparison-1"
    assert [r.claim.id for r in group.rows] == ["c1", "c3"]
    (copy, _, href) = group.rows[0].copies[0]
    assert copy.id == "c2" and href == "#src-s2-at-0" and group.rows[0].sources == ["s1", "s2"]
    # the outlet says it itself: named by its outlet, else by its file's name (never its full path)
    assert (group.rows[0].who, group.rows[0].own) == ("Veldrun Post", True)
    assert group.rows[1].who == "a.txt"


def test_the_timeline_is_days_with_the_gap_between_them() -> None:
    day = dt.date(2031, 5, 2)
    entries = [
        TimelineEntry(date=day + dt.timedelta(days=d), text=f"Event {n}.", sources=["s1"])
        for n, d in enumerate((0, 0, 1, 4))
    ]
    b = brief([source("Event 0. Event 1. Event 2. Event 3.")], timeline=entries)
    days = timeline_days(b, Citations(b))
    assert [d.heading for d in days] == ["Fri 2 May 2031", "Sat 3 May 2031", "Tue 6 May 2031"]
    assert [d.gap for d in days] == ["", "", "3 days later"]
    assert [i.number for i in days[0].items] == [1, 2] and days[2].items[0].number == 4
    assert days[2].items[0].cites[0].href == "#src-s1-at-27"


def test_the_status_line_says_sources_outlets_languages_dates_and_update() -> None:
    b = brief([source("a", outlet="Veldrun Post"), source("b", "s2", duplicate_of="s1", language="de")])
    assert status_line(b, "2031-05-07 10:00") == [
        "2 sources (1 independent)", "1 outlet", "languages: en, de", "updated 2031-05-07 10:00",
    ]  # fmt: skip

    def dates(first: dt.date, last: dt.date | None) -> str:
        story = b.story.model_copy(update={"first_seen": first, "last_seen": last})
        return status_line(b.model_copy(update={"story": story}))[-1]

    assert dates(dt.date(2030, 12, 30), None) == "30 Dec 2030"
    assert dates(dt.date(2030, 12, 30), dt.date(2031, 1, 6)) == "30 Dec 2030 → 6 Jan 2031"
    assert dates(dt.date(2031, 1, 2), dt.date(2031, 1, 6)) == "2 Jan → 6 Jan 2031"


def test_the_web_page_adds_its_chrome_to_the_shared_context() -> None:
    stored = StoredStory(
        id=3, title="t", first_seen=None, last_seen=None, articles=1, updated_at="2031-05-07T10:00:12"
    )
    context = story_context(stored, brief([source("a")]))
    assert context["json_href"] == "/api/stories/3" and context["interactive"] and context["toc"]
    assert context["status"][-1] == "updated 2031-05-07 10:00"


def test_upload_names_are_labels_without_paths() -> None:
    assert safe_label("../../etc/passwd", "x") == "passwd"
    assert safe_label("C:\\Users\\a\\report.html", "x") == "report.html"
    assert safe_label("<img src=x onerror=alert(1)>.txt", "x") == "img src_x onerror_alert(1)_.txt"
    assert safe_label("", "upload-1.txt") == "upload-1.txt"
    assert len(safe_label("a" * 500 + ".txt", "x")) <= 80
