"""What the story page shows beyond the brief itself: citation quotes, the timeline axis, the map.

Presentation only: positions in SVG user units and the quote to show for a citation. No text is
marked safe here; templates autoescape everything.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from newsfuse.models import Brief, Entity, Source, SummarySentence, TimelineEntry

_SENTENCE_END = re.compile(r"(?<=[.!?…»”\"'])\s+(?=[\"“«‘'(\[]?[A-ZÀ-ÖØ-ÞА-Я0-9])|\n+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Citation:
    """One [s1] of a summary sentence: the source and the sentence of it that says the same."""

    key: str  # unique in the page, for aria-describedby
    source: str
    label: str
    quote: str


def citations(brief: Brief, labels: dict[str, str]) -> list[list[Citation]]:
    """For each summary sentence, one Citation per cited source."""
    out = []
    for n, sentence in enumerate(brief.summary):
        cited = []
        for source_id in sentence.sources:
            try:
                source = brief.source(source_id)
            except KeyError:
                continue
            cited.append(
                Citation(
                    key=f"q{n}-{source_id}",
                    source=source_id,
                    label=labels.get(source_id, source_id),
                    quote=supporting_sentence(sentence, source),
                )
            )
        out.append(cited)
    return out


def supporting_sentence(sentence: SummarySentence, source: Source) -> str:
    """The sentence of `source` closest in words to the summary sentence (verbatim when present)."""
    if sentence.text in source.text:
        return sentence.text
    wanted = {w.lower() for w in _WORD.findall(sentence.text)}
    best, best_score = "", -1.0
    for candidate in _SENTENCE_END.split(source.text):
        words = {w.lower() for w in _WORD.findall(candidate)}
        if not words:
            continue
        score = len(words & wanted) / len(words | wanted)
        if score > best_score:
            best, best_score = candidate.strip(), score
    return best


# --- the timeline axis ------------------------------------------------------------------------------

AXIS_WIDTH, AXIS_LEFT, AXIS_RIGHT = 800, 60, 740


@dataclass(frozen=True)
class AxisDot:
    x: float
    y: float
    entry: TimelineEntry
    number: int  # position in the timeline list, 1-based


@dataclass(frozen=True)
class AxisTick:
    x: float
    label: str
    date: dt.date


@dataclass(frozen=True)
class TimelineAxis:
    height: int
    baseline: int
    dots: list[AxisDot]
    ticks: list[AxisTick]


def timeline_axis(entries: list[TimelineEntry]) -> TimelineAxis | None:
    """Events as dots over a day axis, stacked when several fall on the same day."""
    if not entries:
        return None
    first = min(e.date for e in entries)
    last = max(e.date for e in entries)
    span = max((last - first).days, 1)
    per_day: defaultdict[dt.date, int] = defaultdict(int)
    for e in entries:
        per_day[e.date] += 1
    height = 60 + 14 * max(per_day.values())
    baseline = height - 30

    def x_of(day: dt.date) -> float:
        if first == last:
            return (AXIS_LEFT + AXIS_RIGHT) / 2
        return round(AXIS_LEFT + (AXIS_RIGHT - AXIS_LEFT) * (day - first).days / span, 1)

    stacked: defaultdict[dt.date, int] = defaultdict(int)
    dots = []
    for number, e in enumerate(entries, start=1):
        dots.append(AxisDot(x_of(e.date), baseline - 12 - 14 * stacked[e.date], e, number))
        stacked[e.date] += 1
    # label every day that has events, thinned so labels never overlap (about 70 units each)
    ticks: list[AxisTick] = []
    for day in sorted(per_day):
        x = x_of(day)
        if not ticks or x - ticks[-1].x >= 70:
            ticks.append(AxisTick(x, day.strftime("%a %d %b"), day))
    return TimelineAxis(height, baseline, dots, ticks)


# --- the map ----------------------------------------------------------------------------------------

MAP_WIDTH, MAP_HEIGHT, MAP_PAD = 480, 260, 30


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    entity: Entity


@dataclass(frozen=True)
class MapLine:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str


@dataclass(frozen=True)
class PlaceMap:
    points: list[MapPoint]
    grid: list[MapLine]  # graticule lines, labelled in degrees
    bounds: tuple[float, float, float, float]  # west, south, east, north


def place_map(entities: list[Entity]) -> PlaceMap | None:
    """Places with coordinates on an equirectangular projection fitted to them (no tiles, no shapes)."""
    located = [e for e in entities if e.latitude is not None and e.longitude is not None]
    if not located:
        return None
    lats = [e.latitude for e in located if e.latitude is not None]
    lons = [e.longitude for e in located if e.longitude is not None]
    # at least 4 degrees of view, a margin of a fifth on each side
    lat_span = max(max(lats) - min(lats), 4.0) * 1.4
    lon_span = max(max(lons) - min(lons), 4.0) * 1.4
    # keep degrees square-ish: widen the narrower dimension to the box's aspect ratio
    aspect = (MAP_WIDTH - 2 * MAP_PAD) / (MAP_HEIGHT - 2 * MAP_PAD)
    lon_span = max(lon_span, lat_span * aspect)
    lat_span = max(lat_span, lon_span / aspect)
    mid_lat, mid_lon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    west, east = mid_lon - lon_span / 2, mid_lon + lon_span / 2
    south, north = max(mid_lat - lat_span / 2, -90.0), min(mid_lat + lat_span / 2, 90.0)

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = MAP_PAD + (lon - west) / (east - west) * (MAP_WIDTH - 2 * MAP_PAD)
        y = MAP_PAD + (north - lat) / (north - south) * (MAP_HEIGHT - 2 * MAP_PAD)
        return round(x, 1), round(y, 1)

    points = [MapPoint(*project(e.latitude, e.longitude), e) for e in located]  # type: ignore[arg-type]
    step = _grid_step(max(east - west, north - south))
    grid: list[MapLine] = []
    lon = step * (west // step + 1)
    while lon < east:
        x, _ = project(south, lon)
        grid.append(MapLine(x, MAP_PAD, x, MAP_HEIGHT - MAP_PAD, f"{lon:g}°{'E' if lon >= 0 else 'W'}"))
        lon += step
    lat = step * (south // step + 1)
    while lat < north:
        _, y = project(lat, west)
        grid.append(MapLine(MAP_PAD, y, MAP_WIDTH - MAP_PAD, y, f"{abs(lat):g}°{'N' if lat >= 0 else 'S'}"))
        lat += step
    return PlaceMap(points, grid, (west, south, east, north))


def _grid_step(span: float) -> float:
    for step in (1, 2, 5, 10, 20, 30, 45, 60, 90):
        if span / step <= 6:
            return float(step)
    return 90.0
