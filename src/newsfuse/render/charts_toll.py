"""The toll over time, as geometry: a key figure's figures by reporting date, a step line through them.

A panel per measure reported on two days or more (its own y axis from 0; one x axis of dates shared by
all panels), a dot per reported figure with its value, a vertical band where sources gave different
figures on one day. Strings may be article-derived: the template autoescapes them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from newsfuse.models import Brief, ClaimValue
from newsfuse.render.charts import (
    LAYOUTS,
    Layout,
    Tick,
    high_end,
    low_end,
    nice_ticks,
    per_brief,
    slug,
    source_roots,
    text_width,
    value_label,
)
from newsfuse.render.common import short_date

PLOT_HEIGHT = 120.0
PLOT_TOP = 12.0


@dataclass(frozen=True)
class TollMark:
    """One reported figure: a dot (or a range bar, or a dot with an "at least" arrow) and its label."""

    x: float
    y: float  # the figure (its middle for a range)
    y1: float  # the range's top (a smaller y is a larger figure); the arrow's tip for "at least"
    y2: float  # the range's bottom
    shape: Literal["dot", "range", "atleast"]
    current: bool
    label: str  # "" when thinned out
    label_x: float
    label_y: float
    title: str


@dataclass(frozen=True)
class Spread:
    """Sources gave different figures on one day: a vertical band from the lowest to the highest."""

    x: float
    y1: float
    y2: float


@dataclass(frozen=True)
class TollDrawing:
    layout: str
    width: float
    height: float
    plot_x1: float
    plot_x2: float
    plot_y2: float  # the zero line
    step: str  # the step line as SVG path data
    marks: list[TollMark]
    spreads: list[Spread]
    x_ticks: list[Tick]
    y_ticks: list[tuple[float, str]]  # (y, label)


@dataclass(frozen=True)
class TollSeries:
    """One measure's toll by reporting date."""

    key: str
    title: str
    desc: str
    drawings: list[TollDrawing]


@dataclass(frozen=True)
class TollChart:
    """The toll over time: a panel per measure reported on two days or more, a note for the rest."""

    series: list[TollSeries]
    one_day: list[str]  # "hospitalized (people) 86, 12 Mar" for measures reported on one day only
    note: str  # said instead of a chart when every figure was reported on the same day


@dataclass(frozen=True)
class _Said:
    day: dt.date
    value: ClaimValue
    sources: list[str]
    current: bool


def _said(brief: Brief, kf_index: int) -> list[_Said]:
    """A key figure's reported figures, oldest first: its history, then its current claims one by one."""
    kf = brief.key_figures[kf_index]
    current = set(kf.claims)
    roots = source_roots(brief)
    said = [
        _Said(p.reported, p.value, list(dict.fromkeys(roots.get(s, s) for s in p.sources)), False)
        for p in kf.history
        if p.reported is not None and not (current and p.claims and set(p.claims) <= current)
    ]
    by_id = {c.id: c for c in brief.claims}
    now: dict[tuple[dt.date, int | None, int | None], _Said] = {}
    for cid in kf.claims:
        claim = by_id.get(cid)
        day = (claim.reported if claim else None) or kf.reported
        value = claim.value if claim else kf.current
        if day is None:
            continue
        key = (day, value.lo, value.hi)
        source = roots.get(claim.source, claim.source) if claim else None
        entry = now.setdefault(key, _Said(day, value, [], True))
        if source and source not in entry.sources:
            entry.sources.append(source)
    if not kf.claims and kf.reported is not None:
        now[(kf.reported, kf.current.lo, kf.current.hi)] = _Said(kf.reported, kf.current, kf.sources, True)
    return sorted(said + list(now.values()), key=lambda s: (s.day, s.current))


def _middle(value: ClaimValue) -> float:
    lo, hi = low_end(value), high_end(value)
    return lo if hi is None else (lo + hi) / 2


def _draw_toll(said: list[_Said], first: dt.date, last: dt.date, layout: Layout) -> TollDrawing:
    font = layout.font
    top = max([high_end(s.value) or low_end(s.value) * 1.15 for s in said] + [1.0])
    y_ticks = nice_ticks(top, 3)
    x1 = layout.left + text_width(f"{y_ticks[-1]:,}", font) + 14  # room for the y labels, then an inset
    x2 = layout.width - layout.right - text_width("00,000", font)
    y2 = PLOT_TOP + PLOT_HEIGHT
    span = max((last - first).days, 1)

    def xof(day: dt.date) -> float:
        return round(x1 + (day - first).days / span * (x2 - x1), 1)

    def yof(v: float) -> float:
        return round(y2 - v / y_ticks[-1] * PLOT_HEIGHT, 1)

    days = sorted({s.day for s in said})
    level = {d: max(_middle(s.value) for s in said if s.day == d) for d in days}
    path = f"M{xof(days[0])},{yof(level[days[0]])}"
    for d in days[1:]:
        path += f" H{xof(d)} V{yof(level[d])}"
    spreads = []
    for d in days:
        values = [s.value for s in said if s.day == d]
        low = min(low_end(v) for v in values)
        high = max(high_end(v) or low_end(v) for v in values)
        if len({(v.lo, v.hi) for v in values}) > 1 and high > low:
            spreads.append(Spread(xof(d), yof(high), yof(low)))
    # labels: right of each dot, pushed apart within a day; one per day when the days are close
    gap = min([xof(b) - xof(a) for a, b in itertools.pairwise(days)] + [x2 - x1])
    crowded = gap < 2 * text_width("0,000", font)
    marks: list[TollMark] = []
    shown_to = -math.inf  # where the last label shown ends, when the days are too close for all of them
    for d in days:
        todays = sorted((s for s in said if s.day == d), key=lambda s: -_middle(s.value))
        if not crowded:
            labelled = todays
        else:  # the day's own toll only, when it clears the label before it (the last day always)
            main = max(todays, key=lambda s: (s.current, _middle(s.value)))
            end = xof(d) + 7 + text_width(value_label(main.value), font)
            labelled = [main] if (xof(d) + 7 >= shown_to + 4 and end <= x2) or d == days[-1] else []
            if labelled:
                shown_to = end
        next_y = -math.inf
        for s in todays:
            lo, hi = low_end(s.value), high_end(s.value)
            shape: Literal["dot", "range", "atleast"] = (
                "atleast" if hi is None else ("dot" if hi == lo else "range")
            )
            y = yof(_middle(s.value))
            ly = 0.0
            if s in labelled:
                ly = max(y + font * 0.35, next_y)
                next_y = ly + font + 2
            marks.append(
                TollMark(
                    x=xof(d), y=y, y1=yof(hi) if hi is not None else max(PLOT_TOP - 6, y - 16), y2=yof(lo),
                    shape=shape, current=s.current, label=value_label(s.value) if s in labelled else "",
                    label_x=round(xof(d) + 7, 1), label_y=round(min(ly, y2 + font), 1),
                    title=_point_title(s),
                )
            )  # fmt: skip
    x_ticks: list[Tick] = []
    for d in days:
        tick = Tick(xof(d), short_date(d, last.year))
        if x_ticks and tick.x - x_ticks[-1].x < text_width(x_ticks[-1].label, font) + 6:
            if d != days[-1]:
                continue
            x_ticks.pop()
        x_ticks.append(tick)
    return TollDrawing(
        layout=layout.name, width=layout.width, height=y2 + font + 14, plot_x1=x1, plot_x2=x2, plot_y2=y2,
        step=path, marks=marks, spreads=spreads, x_ticks=x_ticks,
        y_ticks=[(yof(t), f"{t:,}") for t in y_ticks],
    )  # fmt: skip


def _point_title(said: _Said) -> str:
    """A reported figure in words: "at least six (≥6), 4 Jun, s1; the current toll"."""
    who = f", {', '.join(said.sources)}" if said.sources else ""
    now = "; the current toll" if said.current else ""
    return f"{said.value.text} ({value_label(said.value)}), {short_date(said.day)}{who}{now}"


def _said_text(said: Iterable[_Said]) -> str:
    by_day: dict[dt.date, list[str]] = {}
    for s in said:
        who = f" ({', '.join(s.sources)})" if s.sources else ""
        by_day.setdefault(s.day, []).append(value_label(s.value) + who)
    return " → ".join(f"{short_date(d)}: {'; '.join(v)}" for d, v in by_day.items())


@per_brief
def toll_chart(brief: Brief) -> TollChart:
    """The toll over time, per key figure: its figures by reporting date (history, then the current toll)."""
    stories: list[tuple[int, list[_Said]]] = [(n, _said(brief, n)) for n in range(len(brief.key_figures))]
    stories = [(n, s) for n, s in stories if s]
    all_days = sorted({x.day for _, said in stories for x in said})
    several = [(n, s) for n, s in stories if len({x.day for x in s}) > 1]
    one_day = []
    for n, said in stories:
        if (n, said) in several:
            continue
        kf = brief.key_figures[n]
        what = f"{kf.measure.replace('_', ' ')} ({kf.victim_class.replace('_', ' ')})"
        values = ", ".join(dict.fromkeys(value_label(x.value) for x in said))
        one_day.append(f"{what} {values}, {short_date(said[0].day)}")
    note = ""
    if len(all_days) == 1:
        note = f"Every figure was reported on {short_date(all_days[0])}: no change over time to chart yet."
    series = []
    for n, said in several:
        kf = brief.key_figures[n]
        title = f"{kf.measure.replace('_', ' ').capitalize()} ({kf.victim_class.replace('_', ' ')})"
        series.append(
            TollSeries(
                key=slug(str(n + 1), kf.measure, kf.victim_class), title=title,
                desc=f"{title} by reporting date: {_said_text(said)}",
                drawings=[_draw_toll(said, all_days[0], all_days[-1], layout) for layout in LAYOUTS],
            )
        )  # fmt: skip
    return TollChart(series=series, one_day=one_day if series else [], note=note)
