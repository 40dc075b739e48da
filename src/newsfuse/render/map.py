"""The story's map, offline: Natural Earth outlines (npm `world-atlas`) drawn as inline SVG path data.

The outlines are world-atlas's (render/atlas.py: Natural Earth, decoded once per process and
resolution; 1:110m for a view 50° of longitude wide or more, else 1:50m). The view is fitted to
the story's located places and its main country, projected equirectangularly with the view's
middle latitude as the standard parallel (x = lon·cos φ0): at a country's or a continent's scale
it keeps shapes near the middle of the view true with no trigonometry per point. Rings outside
the view are skipped, the rest clipped to it (Sutherland–Hodgman) and thinned to about one point
per unit of the viewBox, so a map is a few tens of kilobytes. Without the data the map is a
graticule and the dots, and its caption says the outlines are not installed.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.models import Brief, Entity
from newsfuse.render.atlas import (
    Atlas,
    Box,
    Point,
    Ring,
    atlas_folder,
    bbox,
    load_atlas,
    moved,
    numeric_codes,
)

__all__ = [
    "StoryMap",
    "View",
    "clip_line",
    "clip_ring",
    "fit_view",
    "path_data",
    "place_label_boxes",
    "story_map",
    "thin",
]

WIDTH, HEIGHT, PAD = 400.0, 250.0, 14.0
MIN_SPAN = 4.0  # degrees: the smallest view, so a single town shows its surroundings
COARSE_FROM = 50.0  # degrees of longitude in view from which 1:110m is fine enough
WORLD_FROM = 150.0  # degrees of longitude in view from which outlines are thinned further
MAIN_COUNTRY_MAX_SPAN = 60.0  # a country wider than this (or across the antimeridian) is not fitted
LABEL_FONT = 13.5  # viewBox units of the largest label font the stylesheet sets (phones)
COUNTRY_FONT = 13.0
_MARGIN = 8.0  # viewBox units kept around the view when clipping


# --- the view ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """An equirectangular projection fitted to a box of lon/lat, standard parallel at its middle."""

    lon0: float
    lat0: float
    scale: float  # viewBox units per degree of latitude
    width: float = WIDTH
    height: float = HEIGHT

    @property
    def kx(self) -> float:
        return self.scale * math.cos(math.radians(self.lat0))

    def project(self, lon: float, lat: float) -> Point:
        return self.width / 2 + (lon - self.lon0) * self.kx, self.height / 2 - (lat - self.lat0) * self.scale

    def bounds(self, margin: float = 0.0) -> tuple[float, float, float, float]:
        """The lon/lat box the viewBox (grown by `margin` units) shows: west, south, east, north."""
        half_w, half_h = (self.width / 2 + margin) / self.kx, (self.height / 2 + margin) / self.scale
        return self.lon0 - half_w, self.lat0 - half_h, self.lon0 + half_w, self.lat0 + half_h


def fit_view(west: float, south: float, east: float, north: float) -> View:
    """The view showing the box with a margin of a fifth, at least `MIN_SPAN` degrees each way."""
    lat0 = max(min((south + north) / 2, 75.0), -75.0)
    lon0 = (west + east) / 2
    lon_span = max(east - west, MIN_SPAN) * 1.4
    lat_span = max(north - south, MIN_SPAN) * 1.4
    cos = math.cos(math.radians(lat0))
    scale = min((WIDTH - 2 * PAD) / (lon_span * cos), (HEIGHT - 2 * PAD) / lat_span)
    return View(lon0, lat0, scale)


# --- clipping and thinning ----------------------------------------------------------------------


def clip_ring(points: Sequence[Point], box: tuple[float, float, float, float]) -> Ring:
    """A closed ring clipped to a rectangle (Sutherland–Hodgman; a concave ring may keep seams
    along the edge, which the viewBox hides)."""
    x0, y0, x1, y1 = box
    out = list(points)
    for axis, bound, low in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not out:
            break
        current, out = out, []
        prev = current[-1]
        prev_in = prev[axis] >= bound if low else prev[axis] <= bound
        for p in current:
            p_in = p[axis] >= bound if low else p[axis] <= bound
            if p_in != prev_in:
                out.append(_crossing(prev, p, axis, bound))
            if p_in:
                out.append(p)
            prev, prev_in = p, p_in
    return out


def _crossing(a: Point, b: Point, axis: int, bound: float) -> Point:
    """Where the segment a-b crosses the line x = bound (axis 0) or y = bound (axis 1)."""
    t = (bound - a[axis]) / (b[axis] - a[axis])
    other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
    return (bound, other) if axis == 0 else (other, bound)


def clip_line(points: Sequence[Point], box: tuple[float, float, float, float]) -> list[Ring]:
    """The runs of a polyline near a rectangle: each point inside, with its neighbours outside."""
    x0, y0, x1, y1 = box
    inside = [x0 <= x <= x1 and y0 <= y <= y1 for x, y in points]
    runs: list[Ring] = []
    run: Ring = []
    for n, p in enumerate(points):
        near = inside[n] or (n > 0 and inside[n - 1]) or (n + 1 < len(points) and inside[n + 1])
        if near:
            run.append(p)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if len(r) >= 2]


def thin(points: Sequence[Point], step: float = 1.0) -> Ring:
    """Points at least `step` units apart (about one per pixel), the last point kept."""
    if not points:
        return []
    out = [points[0]]
    for p in points[1:-1]:
        last = out[-1]
        if abs(p[0] - last[0]) >= step or abs(p[1] - last[1]) >= step:
            out.append(p)
    if len(points) > 1:
        out.append(points[-1])
    return out


def _num(v: float) -> str:
    text = f"{v:.1f}".rstrip("0").rstrip(".")
    if text.startswith("0."):
        text = text[1:]
    elif text.startswith("-0."):
        text = "-" + text[2:]
    return "0" if text in ("", "-0", "-") else text


def path_data(rings: Iterable[Sequence[Point]], closed: bool) -> str:
    """SVG path data: each ring "M x y l dx dy …" (relative moves, one decimal), "z" when closed."""
    parts: list[str] = []
    for ring in rings:
        pts = [(round(x, 1), round(y, 1)) for x, y in ring]
        if len(pts) < 2:
            continue
        out = [f"M{_num(pts[0][0])} {_num(pts[0][1])}l"]
        numbers: list[str] = []
        for (ax, ay), (bx, by) in itertools.pairwise(pts):
            numbers += [_num(bx - ax), _num(by - ay)]
        body = ""
        for n in numbers:
            body += n if (n.startswith("-") or not body) else " " + n
        out.append(body)
        if closed:
            out.append("z")
        parts.append("".join(out))
    return "".join(parts)


# --- the map ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """A name on the map, at its baseline point, anchored as SVG's text-anchor says."""

    x: float
    y: float
    anchor: str  # text-anchor: start | end | middle
    text: str


@dataclass(frozen=True)
class MapPlace:
    """A place's dot (radius by mentions) and its label, None where a label would collide."""

    x: float
    y: float
    r: float
    entity: Entity
    label: Label | None


@dataclass(frozen=True)
class MapCountry:
    """A country's filled outline in view, marked when the story names it."""

    name: str
    path: str
    story: bool  # named by the story
    main: bool = False  # the country it names most

    @property
    def css_class(self) -> str:
        return "land story main" if self.main else "land story" if self.story else "land"


@dataclass
class StoryMap:
    """What the map partial draws; path data are numbers only (no text from articles)."""

    width: float
    height: float
    title: str
    caption: str
    outlines: bool
    countries: list[MapCountry] = field(default_factory=list)
    borders: str = ""
    coast: str = ""
    graticule: str = ""
    places: list[MapPlace] = field(default_factory=list)
    country_labels: list[Label] = field(default_factory=list)
    scale_bar: tuple[float, float, float, str] | None = None  # x, y, length in units, text


_MAPS: dict[tuple[object, ...], StoryMap | None] = {}  # the last maps drawn, by what they show
_MAPS_KEPT = 64
_MAPS_LOCK = threading.Lock()


def story_map(brief: Brief) -> StoryMap | None:
    """The story's map, or None when no place of it has coordinates or a known country.

    A web page renders the same story many times: the map is kept by what it shows.
    """
    places = [e for e in brief.entities if e.type == "place"]
    folder = atlas_folder()
    key = (
        folder,
        *((e.name, e.mentions, e.country, e.country_code, e.latitude, e.longitude) for e in places),
    )
    with _MAPS_LOCK:
        if key in _MAPS:
            return _MAPS[key]
    drawn = _draw(places, folder)
    with _MAPS_LOCK:  # the web app renders pages in threads
        while len(_MAPS) >= _MAPS_KEPT:
            _MAPS.pop(next(iter(_MAPS)))
        _MAPS[key] = drawn
    return drawn


def _draw(places: Sequence[Entity], folder: Path | None) -> StoryMap | None:
    located = [e for e in places if e.latitude is not None and e.longitude is not None]
    countries = [e for e in places if e.latitude is None and e.country_code]
    if not located and not (countries and folder):
        return None
    atlas = load_atlas(folder, "110m") if folder else None
    by_code = numeric_codes()
    shapes = {s.id: s for s in atlas.shapes} if atlas else {}
    where = _where(located)
    box_points: list[Point] = list(where.values())
    countries.sort(key=lambda e: (-e.mentions, e.name))
    main = countries[0] if countries else None
    shape = shapes.get(by_code.get(main.country_code or "", "")) if main else None
    if shape and shape.bbox[2] - shape.bbox[0] <= MAIN_COUNTRY_MAX_SPAN:
        middle = (min(x for x, _ in box_points) + max(x for x, _ in box_points)) / 2 if box_points else 0.0
        west, south, east, north = moved(shape.bbox, (), middle)[0] if box_points else shape.bbox
        box_points += [(west, south), (east, north)]
    if not box_points:
        return None
    view = fit_view(*bbox(box_points))
    west, _, east, _ = view.bounds()
    resolution = "110m" if east - west >= COARSE_FROM else "50m"
    if folder:
        atlas = load_atlas(folder, resolution)
    named = {by_code.get(e.country_code or "") for e in countries}
    out = StoryMap(WIDTH, HEIGHT, _title(located), _caption(atlas, view), atlas is not None)
    out.graticule = _graticule(view)
    occupied: list[tuple[float, float, float, float]] = []
    dots = _dots(located, where, view, occupied)
    if atlas:
        _outlines(
            out, atlas, view, named, by_code.get(countries[0].country_code or "") if countries else None
        )
        # the main country's name first, then the places', then the other countries' where room is left
        out.country_labels = _country_labels(atlas, view, countries[:1], by_code, occupied)
    out.places = _places(dots, view, occupied)
    if atlas:
        out.country_labels += _country_labels(atlas, view, countries[1:], by_code, occupied)
    out.scale_bar = _scale_bar(view)
    return out


def _title(located: Sequence[Entity]) -> str:
    n = len(located)
    return f"Map of {n} place{'s' if n != 1 else ''} named by the sources"


def _caption(atlas: Atlas | None, view: View) -> str:
    parallel = f"{abs(view.lat0):.0f}°{'N' if view.lat0 >= 0 else 'S'}"
    projection = f"equirectangular projection, standard parallel {parallel}"
    if atlas is None:
        return (
            f"Places with known coordinates (GeoNames), {projection}. "
            "Country outlines are not installed (run make setup)."
        )
    scale = atlas.resolution.replace("m", "")
    return (
        f"Places: GeoNames. Outlines: Natural Earth 1:{scale} million (world-atlas). "
        f"{projection[0].upper()}{projection[1:]}."
    )


def _graticule(view: View) -> str:
    west, south, east, north = view.bounds(_MARGIN)
    step = next((s for s in (1, 2, 5, 10, 15, 30) if (east - west) / s <= 8), 30)
    lines: list[Ring] = []
    lon = math.ceil(west / step) * step
    while lon <= east:
        lines.append([view.project(lon, south), view.project(lon, north)])
        lon += step
    lat = math.ceil(south / step) * step
    while lat <= north:
        if -90 < lat < 90:
            lines.append([view.project(west, lat), view.project(east, lat)])
        lat += step
    return path_data(lines, closed=False)


def _clip_box(view: View) -> tuple[float, float, float, float]:
    return -_MARGIN, -_MARGIN, view.width + _MARGIN, view.height + _MARGIN


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _outlines(out: StoryMap, atlas: Atlas, view: View, named: set[str | None], main: str | None) -> None:
    bounds = view.bounds(_MARGIN)
    box = _clip_box(view)
    for shape in atlas.shapes:
        west, south, east, north = shape.bbox
        turn = 360 * round((view.lon0 - (west + east) / 2) / 360)
        if not _overlaps((west + turn, south, east + turn, north), bounds) and not _overlaps(
            shape.bbox, bounds
        ):
            continue
        rings: list[Ring] = []
        for ring_box, ring in shape.rings:
            ring_box, moved_ring = moved(ring_box, ring, view.lon0)
            if not _overlaps(ring_box, bounds):
                continue
            kept = thin(clip_ring([view.project(*p) for p in moved_ring], box), _step(view))
            if len(kept) >= 3 and _visible(kept):
                rings.append(kept)
        if rings:
            path = path_data(rings, closed=True)
            out.countries.append(MapCountry(shape.name, path, shape.id in named, shape.id == main))
    out.borders = _lines(atlas.borders, view, bounds, box)
    out.coast = _lines(atlas.coast, view, bounds, box)


def _step(view: View) -> float:
    """Units between kept points: one, or one and a half for a view of most of the world (its
    hundreds of coasts would otherwise weigh 80 kB)."""
    west, _, east, _ = view.bounds()
    return 1.0 if east - west < WORLD_FROM else 1.5


def _visible(points: Sequence[Point]) -> bool:
    """Whether a ring or line is bigger than a dot (an islet under 1.5 units either way is left out)."""
    west, south, east, north = bbox(points)
    return east - west >= 1.5 or north - south >= 1.5


def _lines(arcs: Iterable[tuple[Box, Ring]], view: View, bounds: Box, box: Box) -> str:
    runs: list[Ring] = []
    for arc_box, arc in arcs:
        arc_box, moved_arc = moved(arc_box, arc, view.lon0)
        if _overlaps(arc_box, bounds):
            runs += [
                thin(r, _step(view))
                for r in clip_line([view.project(*p) for p in moved_arc], box)
                if _visible(r)
            ]
    return path_data(runs, closed=False)


def place_label_boxes(
    text: str, x: float, y: float, r: float, font: float = LABEL_FONT
) -> list[tuple[Label, tuple[float, float, float, float]]]:
    """Where a dot's label may go, in order of preference (right, left, above, below), with the
    box it would take (an estimate: 0.58 em per character)."""
    w, h = 0.58 * font * len(text), font
    gap = r + 3
    return [
        (Label(x + gap, y + h / 3, "start", text), (x + gap, y - h / 2, x + gap + w, y + h / 2)),
        (Label(x - gap, y + h / 3, "end", text), (x - gap - w, y - h / 2, x - gap, y + h / 2)),
        (Label(x, y - gap - 2, "middle", text), (x - w / 2, y - gap - h, x + w / 2, y - gap)),
        (Label(x, y + gap + h - 2, "middle", text), (x - w / 2, y + gap, x + w / 2, y + gap + h)),
    ]


def _fits(box: Box, occupied: Sequence[Box], width: float, height: float) -> bool:
    inside = box[0] >= 2 and box[1] >= 2 and box[2] <= width - 2 and box[3] <= height - 2
    return inside and not any(_overlaps(box, o) for o in occupied)


_Dot = tuple[Entity, float, float, float]


def _where(located: Sequence[Entity]) -> dict[str, Point]:
    """Each place's (lon, lat) by entity id, longitudes taken 0-360 when that brings them closer
    (places either side of the antimeridian: Suva and Apia are 10° apart, not 350°)."""
    points = {e.id: (float(e.longitude or 0), float(e.latitude or 0)) for e in located}
    lons = [x for x, _ in points.values()]
    if lons and max(lons) - min(lons) > 180:
        east = [x % 360 for x in lons]
        if max(east) - min(east) < max(lons) - min(lons):
            return {k: (x % 360, y) for k, (x, y) in points.items()}
    return points


def _dots(located: Sequence[Entity], where: dict[str, Point], view: View, occupied: list[Box]) -> list[_Dot]:
    """Dots sized by mentions, the most mentioned first, each taking its room."""
    dots = []
    for e in sorted(located, key=lambda e: (-e.mentions, e.name)):
        x, y = view.project(*where[e.id])
        r = min(3.0 + math.sqrt(e.mentions), 9.0)
        dots.append((e, round(x, 1), round(y, 1), round(r, 1)))
    occupied.extend((x - r, y - r, x + r, y + r) for _, x, y, r in dots)
    return dots


def _places(dots: Sequence[_Dot], view: View, occupied: list[Box]) -> list[MapPlace]:
    """Each dot's label where it collides with nothing placed before (else none: no overlap)."""
    out = []
    for e, x, y, r in dots:
        label = None
        for candidate, box in place_label_boxes(e.name, x, y, r):
            if _fits(box, occupied, view.width, view.height):
                label = Label(round(candidate.x, 1), round(candidate.y, 1), candidate.anchor, candidate.text)
                occupied.append(box)
                break
        out.append(MapPlace(x, y, r, e, label))
    return out


def _country_labels(
    atlas: Atlas, view: View, countries: Sequence[Entity], by_code: dict[str, str], occupied: list[Box]
) -> list[Label]:
    """The story's countries named at the middle of their largest visible part, where room is left."""
    shapes = {s.id: s for s in atlas.shapes}
    out: list[Label] = []
    for e in sorted(countries, key=lambda c: (-c.mentions, c.name)):
        shape = shapes.get(by_code.get(e.country_code or "", ""))
        if shape is None:
            continue
        best: tuple[float, Point] | None = None
        for polygon in shape.polygons:
            outer = moved(bbox(polygon[0]), polygon[0], view.lon0)[1]
            clipped = clip_ring([view.project(*p) for p in outer], (0, 0, view.width, view.height))
            if len(clipped) >= 3:
                area, centre = _centroid(clipped)
                if best is None or area > best[0]:
                    best = (area, centre)
        if best is None:
            continue
        (cx, cy) = best[1]
        text = e.name.upper()
        w, h = 0.62 * COUNTRY_FONT * len(text), COUNTRY_FONT
        for dx, dy in ((0.0, 0.0), (0.0, h * 1.5), (0.0, -h * 1.5), (w / 3, h * 3), (-w / 3, -h * 3)):
            label_box = (cx + dx - w / 2, cy + dy - h / 2, cx + dx + w / 2, cy + dy + h / 2)
            if _fits(label_box, occupied, view.width, view.height):
                out.append(Label(round(cx + dx, 1), round(cy + dy + h / 3, 1), "middle", text))
                occupied.append(label_box)
                break
    return out


def _centroid(ring: Sequence[Point]) -> tuple[float, Point]:
    """A ring's area and centroid (shoelace); the mean of its points for a degenerate ring."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-9:
        xs, ys = zip(*ring, strict=True)
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return abs(a) / 2, (cx / (3 * a), cy / (3 * a))


def _scale_bar(view: View) -> tuple[float, float, float, str]:
    """A bar of a round number of kilometres, about a fifth of the map's width, bottom left."""
    km_per_unit = 111.32 / view.scale
    target = view.width / 5 * km_per_unit
    nice = max(n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000) if n <= max(target, 1))
    return PAD, view.height - PAD, round(nice / km_per_unit, 1), f"{nice:,} km"
