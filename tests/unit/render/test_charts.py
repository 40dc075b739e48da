"""The charts' geometry: figures by source (positions, ranges, copies, conflicts) and the toll over time."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from newsfuse.models import Brief, ClaimValue, Comparison, KeyFigure, Source, TollPoint
from newsfuse.render.charts import (
    LAYOUTS,
    NARROW,
    WIDE,
    FigureRow,
    figure_rows,
    has_charts,
    text_width,
    value_label,
)
from newsfuse.render.charts_toll import toll_chart
from tests.unit.render.briefs import DAY1, DAY2, DAY3, _claim, _source, toll_brief


def _row(brief: Brief, measure: str) -> FigureRow:
    return next(r for r in figure_rows(brief) if r.measure == measure)


def _brief(values: list[tuple[int | None, int | None]], *, copies: int = 0, day: dt.date = DAY1) -> Brief:
    """One killed toll told by a source per value (s1, s2, …), plus `copies` reprints of s1."""
    sources = [_source(n + 1, f"Outlet {n + 1}", day) for n in range(len(values) + copies)]
    for n in range(len(values), len(values) + copies):
        sources[n] = sources[n].model_copy(update={"duplicate_of": "s1"})
    claims = [
        _claim(
            f"c{n + 1}",
            f"s{n + 1}",
            "killed",
            value_label(ClaimValue(lo=lo, hi=hi, text="")),
            lo,
            hi,
            reported=day,
        )
        for n, (lo, hi) in enumerate(values)
    ]
    lo, hi = values[0]
    claims += [
        _claim(f"c{len(claims) + k + 1}", s.id, "killed", "copy", lo, hi, reported=day)
        for k, s in enumerate(sources[len(values) :])
    ]
    kf = KeyFigure(
        measure="killed", victim_class="people", place="Brenholt", current=ClaimValue(lo=lo, hi=hi, text="x"),
        sources=[s.id for s in sources], attributed_to=[], reported=day, history=[], conflict=False,
        comparison=None, claims=[c.id for c in claims],
    )  # fmt: skip
    return toll_brief().model_copy(
        update={"sources": sources, "claims": claims, "key_figures": [kf], "comparisons": []}
    )


def _dots_x(row: FigureRow, layout: int = 0) -> list[tuple[float, str]]:
    return [(d.x, d.href) for m in row.drawings[layout].marks for d in m.dots]


@pytest.mark.parametrize("layout", range(len(LAYOUTS)))
def test_positions_grow_with_the_value_on_a_shared_axis_from_zero(layout: int) -> None:
    row = _row(_brief([(40, 40), (5, 5), (20, 20), (10, 10)]), "killed")
    drawing = row.drawings[layout]
    by_claim = {href: x for x, href in _dots_x(row, layout)}
    xs = [by_claim[f"#claim-{c}"] for c in ("c2", "c4", "c3", "c1")]  # 5, 10, 20, 40
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert drawing.ticks[0].label == "0" and drawing.ticks[0].x == drawing.axis_x1
    assert drawing.ticks[-1].x == drawing.axis_x2 and int(drawing.ticks[-1].label) >= 40
    # proportional: 20 sits halfway between 0 and 40
    zero = drawing.axis_x1
    assert abs((xs[2] - zero) / (xs[3] - zero) - 0.5) < 0.01


def test_a_range_is_a_bar_and_at_least_an_arrow_past_the_axis_end() -> None:
    row = _row(toll_brief(), "injured")
    for drawing in row.drawings:
        about, more = sorted(drawing.marks, key=lambda m: m.x1)
        assert about.shape == "range" and about.value == "36–44" and about.x1 < about.x2
        assert more.shape == "atleast" and more.value == "≥61" and more.x2 > drawing.axis_x2
        assert about.x1 < more.x1 < about.x2 + (drawing.axis_x2 - drawing.axis_x1) * 0.5


def test_a_copy_is_folded_into_its_original_not_an_extra_dot() -> None:
    brief = _brief([(14, 14), (12, 12)], copies=2)  # s3 and s4 reprint s1
    row = _row(brief, "killed")
    assert row.sources == 2 and row.copies == 2
    for drawing in row.drawings:
        fourteen = next(m for m in drawing.marks if m.value == "14")
        assert len(fourteen.dots) == 1 and fourteen.dots[0].href == "#claim-c1"
        assert "+2 copies" in fourteen.names and "s3, s4 (copies)" in fourteen.dots[0].title
    assert "14 (s1 +2 copy)" in row.desc


def test_conflicting_figures_are_marked_and_superseded_ones_are_told_apart() -> None:
    brief = toll_brief()
    injured, killed = _row(brief, "injured"), _row(brief, "killed")
    assert injured.conflict and injured.comparison == "comparison-2"
    assert all(m.conflict for m in injured.drawings[0].marks)
    assert not killed.conflict and not any(m.conflict for m in killed.drawings[0].marks)
    old = {m.value: m.superseded for m in killed.drawings[0].marks}
    assert old == {"≥6": True, "11": True, "23": True, "22": False}
    assert "(s3; superseded)" in killed.desc and "conflict" in injured.desc
    # the partial count ("three children") is not a figure of the toll
    assert "3" not in old


def test_a_figure_told_by_one_source_still_gets_its_row() -> None:
    row = _row(_brief([(7, 7)]), "killed")
    assert row.sources == 1 and [len(m.dots) for m in row.drawings[0].marks] == [1]
    assert row.desc.startswith("Killed (people, Brenholt): 1 independent source;")


def test_every_dot_links_to_a_claim_of_its_row() -> None:
    brief = toll_brief()
    ids = {c.id for c in brief.claims}
    for row in figure_rows(brief):
        for drawing in row.drawings:
            for _, href in _dots_x(row, LAYOUTS.index(WIDE if drawing.layout == "wide" else NARROW)):
                assert href.startswith("#claim-") and href.removeprefix("#claim-") in ids


def test_a_comparison_no_key_figure_covers_gets_a_row_too() -> None:
    brief = toll_brief()
    extra = Comparison(
        measure="injured", victim_class="security_forces", place=None, verdict="conflict",
        claims=["c9", "c10"], explanation="x", kind="conflict",
    )  # fmt: skip
    claims = [
        *brief.claims,
        _claim("c9", "s1", "injured", "9", 9, 9, victim_class="security_forces"),
        _claim("c10", "s2", "injured", "19", 19, 19, victim_class="security_forces"),
    ]
    rows = figure_rows(
        brief.model_copy(update={"claims": claims, "comparisons": [*brief.comparisons, extra]})
    )
    assert [r.title for r in rows][-1] == "Injured (security forces)" and rows[-1].conflict


@pytest.mark.parametrize("layout", range(len(LAYOUTS)))
def test_forty_sources_on_a_row_stay_legible(layout: int) -> None:
    values: list[tuple[int | None, int | None]] = [(14, 14)] * 25 + [(n, n) for n in [*range(1, 14), 15, 16]]
    row = _row(_brief(values), "killed")
    drawing = row.drawings[layout]
    width = LAYOUTS[layout].width
    assert sum(len(m.dots) for m in drawing.marks) == 40  # a dot per source
    boxes = [(m.left, m.right, m.top, m.bottom) for m in drawing.marks]
    for n, a in enumerate(boxes):  # no label or mark overlaps another
        assert a[0] >= 0 and a[1] <= width
        for b in boxes[n + 1 :]:
            assert a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
    for m in drawing.marks:  # labels thinned to fit: "+N more"
        assert text_width(f"{m.value} · {m.names}", LAYOUTS[layout].font) <= width
        assert all(0 < d.x < width for d in m.dots)
    crowd = next(m for m in drawing.marks if m.value == "14")
    assert len(crowd.dots) == 25 and crowd.names.endswith("more")
    assert len({(d.x, d.y) for d in crowd.dots}) == 25  # stacked, none hidden under another
    assert drawing.height < 900


def test_toll_steps_follow_the_reporting_dates() -> None:
    chart = toll_chart(toll_brief())
    assert [s.title for s in chart.series] == ["Killed (people)"]  # injured was reported on one day
    assert chart.one_day == ["injured (people) 36–44, ≥61, 5 Jun"] and chart.note == ""
    for drawing in chart.series[0].drawings:
        xs = [float(x) for x in re.findall(r"[MH]([\d.]+)", drawing.step)]
        assert xs == sorted(xs) and len(xs) == 3  # one step per reporting day
        by_label = {m.label: m for m in drawing.marks if m.label}
        assert {"≥6", "11", "23", "22"} <= set(by_label)
        assert by_label["≥6"].x < by_label["11"].x < by_label["22"].x == by_label["23"].x
        assert by_label["23"].y < by_label["22"].y < by_label["11"].y  # higher figure, higher up
        assert by_label["≥6"].shape == "atleast" and by_label["22"].current and not by_label["23"].current
        # two figures on one day: a vertical range between them
        assert [(s.x, s.y1, s.y2) for s in drawing.spreads] == [
            (by_label["22"].x, by_label["23"].y, by_label["22"].y)
        ]
    assert "4 Jun: ≥6 (s1) → 5 Jun: 11 (s2) → 6 Jun: 23 (s3); 22 (s3)" in chart.series[0].desc


def test_toll_labels_on_one_day_do_not_overlap() -> None:
    brief = _brief([(14, 14), (15, 15), (16, 16), (17, 17)], day=DAY2)
    kf = brief.key_figures[0].model_copy(
        update={
            "history": [
                TollPoint(reported=DAY1, value=ClaimValue(lo=9, hi=9, text="9"), claims=[], sources=["s1"])
            ]
        }
    )
    chart = toll_chart(brief.model_copy(update={"key_figures": [kf]}))
    for drawing, layout in zip(chart.series[0].drawings, LAYOUTS, strict=True):
        ys = sorted(m.label_y for m in drawing.marks if m.label and m.x == max(m.x for m in drawing.marks))
        assert all(b - a >= layout.font for a, b in itertools.pairwise(ys))


def test_a_story_told_on_one_day_gets_a_note_not_an_empty_chart() -> None:
    chart = toll_chart(_brief([(14, 14), (12, None)], day=DAY3))
    assert chart.series == [] and chart.one_day == []
    assert chart.note == "Every figure was reported on 6 Jun: no change over time to chart yet."


def test_a_brief_without_figures_has_no_charts() -> None:
    brief = toll_brief().model_copy(update={"key_figures": [], "comparisons": [], "claims": []})
    assert not has_charts(brief) and figure_rows(brief) == [] and toll_chart(brief).series == []


def test_value_labels_are_short_and_say_the_kind_of_figure() -> None:
    pairs = [(3, 3), (6, None), (20, 99), (0, 90), (3600, 4400)]
    assert [value_label(ClaimValue(lo=lo, hi=hi, text="t")) for lo, hi in pairs] == [
        "3", "≥6", "20–99", "≤90", "3,600–4,400",
    ]  # fmt: skip


def test_sources_unknown_to_the_brief_are_named_by_their_id() -> None:
    brief = _brief([(5, 5)])
    brief = brief.model_copy(
        update={"sources": [Source(**{**brief.sources[0].model_dump(), "outlet": None})]}
    )
    mark = _row(brief, "killed").drawings[0].marks[0]
    assert mark.names == "s1" and mark.dots[0].title.startswith("5 (5); source s1;")
