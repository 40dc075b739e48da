"""What the story page computes for display: citation quotes, the timeline axis, the map; upload names."""

from __future__ import annotations

import datetime as dt

from newsfuse.models import Entity, Source, SummarySentence, TimelineEntry
from newsfuse.web.uploads import safe_label
from newsfuse.web.views import place_map, supporting_sentence, timeline_axis


def source(text: str) -> Source:
    return Source(
        id="s1", path="a.txt", url=None, outlet=None, title=None, language="en", published=None,
        published_from=None, text=text, removed=[], duplicate_of=None,
    )  # fmt: skip


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


def test_timeline_dots_stack_on_a_day_and_spread_over_the_span() -> None:
    day = dt.date(2025, 3, 11)
    entries = [
        TimelineEntry(date=day + dt.timedelta(days=d), text=f"event {n}", sources=["s1"])
        for n, d in enumerate((0, 0, 3))
    ]
    axis = timeline_axis(entries)
    assert axis is not None and axis.dots[0].x == axis.dots[1].x < axis.dots[2].x
    assert axis.dots[1].y < axis.dots[0].y  # stacked upwards
    assert timeline_axis([]) is None


def test_places_are_placed_west_to_east_and_north_to_south() -> None:
    def place(name: str, lat: float | None, lon: float | None) -> Entity:
        return Entity(
            id=name,
            name=name,
            type="place",
            aliases=[name],
            sources=["s1"],
            mentions=1,
            latitude=lat,
            longitude=lon,
        )

    mapped = place_map(
        [place("Almaty", 43.25, 76.9), place("Astana", 51.18, 71.45), place("Nowhere", None, None)]
    )
    assert mapped is not None and [p.entity.name for p in mapped.points] == ["Almaty", "Astana"]
    almaty, astana = mapped.points
    assert astana.x < almaty.x and astana.y < almaty.y
    assert all(0 <= p.x <= 480 and 0 <= p.y <= 260 for p in mapped.points)
    assert place_map([place("Nowhere", None, None)]) is None


def test_upload_names_are_labels_without_paths() -> None:
    assert safe_label("../../etc/passwd", "x") == "passwd"
    assert safe_label("C:\\Users\\a\\report.html", "x") == "report.html"
    assert safe_label("<img src=x onerror=alert(1)>.txt", "x") == "img src_x onerror_alert(1)_.txt"
    assert safe_label("", "upload-1.txt") == "upload-1.txt"
    assert len(safe_label("a" * 500 + ".txt", "x")) <= 80
