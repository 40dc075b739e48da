"""Natural Earth outlines from the npm package world-atlas, decoded from TopoJSON once per process.

The data is world-atlas's TopoJSON (countries-110m/50m/10m.json: Natural Earth, public domain; the
package ISC), found beside the project (`make setup` installs it into node_modules/; the setting
NEWSFUSE_NODE_MODULES points elsewhere). Decoding: a quantized topology's arcs hold deltas of
integer positions, summed then scaled and translated by its transform; a ring is its arcs joined.
Rings and arcs are made continuous across the antimeridian (`unwrap`), and each keeps its bounding
box, so a map skips what is out of its view without looking at the points.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "Atlas",
    "Shape",
    "atlas_folder",
    "bbox",
    "decode_topology",
    "load_atlas",
    "moved",
    "numeric_codes",
    "unwrap",
]

Point = tuple[float, float]
Box = tuple[float, float, float, float]
Ring = list[Point]
Geometry = tuple[dict[str, Any], list[list[Ring]]]  # a TopoJSON geometry and its polygons' rings


def atlas_folder() -> Path | None:
    """world-atlas's folder: under $NEWSFUSE_NODE_MODULES, else the first node_modules up from here."""
    env = os.environ.get("NEWSFUSE_NODE_MODULES")
    if env is not None:
        folder = Path(env) / "world-atlas"
        return folder if (folder / "countries-110m.json").is_file() else None
    for parent in Path(__file__).resolve().parents:
        folder = parent / "node_modules" / "world-atlas"
        if (folder / "countries-110m.json").is_file():
            return folder
    return None


@dataclass(frozen=True)
class Shape:
    """One country: its polygons (rings of lon/lat points, outer ring first) and bounding box."""

    id: str  # ISO 3166-1 numeric as world-atlas writes it ("398"), "" for a few disputed areas
    name: str
    polygons: tuple[tuple[Ring, ...], ...]
    rings: tuple[tuple[Box, Ring], ...]  # every ring of every polygon, with its bounding box
    bbox: tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class Atlas:
    """A decoded world-atlas file: countries, and its arcs split into borders and coastline."""

    resolution: str
    shapes: tuple[Shape, ...]
    borders: tuple[tuple[Box, Ring], ...]  # arcs two countries share, with their bounding boxes
    coast: tuple[tuple[Box, Ring], ...]  # arcs of one country only: coastline (and lake shores)


def decode_topology(topology: dict[str, Any]) -> tuple[list[Ring], dict[str, list[Geometry]]]:
    """The topology's arcs as absolute lon/lat points, and each object's geometries as polygons.

    A quantized topology's arcs hold deltas of integer positions: summed, then scaled and
    translated by the transform. A ring is its arcs joined, a negative index ~i reading arc i
    backwards, each arc after the first without its first point (the previous arc's last).
    """
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)

    def ring(indices: Sequence[int]) -> Ring:
        out: Ring = []
        for i in indices:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    objects: dict[str, list[Geometry]] = {}
    for name, obj in topology["objects"].items():
        geometries = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
        found = []
        for g in geometries:
            if g.get("type") == "Polygon":
                polygons = [[ring(r) for r in g["arcs"]]]
            elif g.get("type") == "MultiPolygon":
                polygons = [[ring(r) for r in p] for p in g["arcs"]]
            else:
                continue
            found.append((g, polygons))
        objects[name] = found
    return arcs, objects


def unwrap(points: Sequence[Point]) -> Ring:
    """A ring or line made continuous across the antimeridian: a jump of more than 180° of
    longitude between two points goes the short way round (179° then 181°, not -179°)."""
    if not points:
        return []
    out = [points[0]]
    offset = 0.0
    for (x0, _), (x1, y1) in itertools.pairwise(points):
        if x1 - x0 > 180:
            offset -= 360
        elif x1 - x0 < -180:
            offset += 360
        out.append((x1 + offset, y1))
    return out


def moved(box: Box, points: Sequence[Point], lon0: float) -> tuple[Box, Sequence[Point]]:
    """A ring and its box moved by whole turns of longitude to be nearest the view's middle."""
    turn = 360 * round((lon0 - (box[0] + box[2]) / 2) / 360)
    if not turn:
        return box, points
    return (box[0] + turn, box[1], box[2] + turn, box[3]), [(x + turn, y) for x, y in points]


def bbox(points: Iterable[Point]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _country_id(value: object) -> str:
    """ISO 3166 numeric without leading zeros ("040" -> "40"), as `_numeric_codes` writes it."""
    text = str(value or "")
    return str(int(text)) if text.isdigit() else text


@functools.lru_cache(maxsize=4)
def load_atlas(folder: Path, resolution: str) -> Atlas:
    """countries-{resolution}.json of world-atlas, decoded (cached per process)."""
    topology = json.loads((folder / f"countries-{resolution}.json").read_text("utf-8"))
    arcs, objects = decode_topology(topology)
    shapes: list[Shape] = []
    uses: Counter[int] = Counter()
    arcs = [unwrap(a) for a in arcs]
    for geometry, polygons in objects.get("countries", []):
        polygons = [[unwrap(r) for r in p] for p in polygons]
        rings = [r for p in polygons for r in p if r]
        if not rings:
            continue
        shapes.append(
            Shape(
                _country_id(geometry.get("id")),
                str(geometry.get("properties", {}).get("name", "")),
                tuple(tuple(p) for p in polygons),
                tuple((bbox(r), r) for r in rings if len(r) >= 3),
                bbox(pt for r in rings for pt in r),
            )
        )
        arc_lists = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        uses.update(i if i >= 0 else ~i for polygon in arc_lists for r in polygon for i in r)
    return Atlas(
        resolution,
        tuple(shapes),
        tuple((bbox(arcs[i]), arcs[i]) for i, n in sorted(uses.items()) if n >= 2 and len(arcs[i]) >= 2),
        tuple((bbox(arcs[i]), arcs[i]) for i, n in sorted(uses.items()) if n == 1 and len(arcs[i]) >= 2),
    )


@functools.cache
def numeric_codes() -> dict[str, str]:
    """ISO 3166 alpha-2 -> numeric without leading zeros, as the atlas's shapes are keyed."""
    import pycountry

    return {c.alpha_2: str(int(c.numeric)) for c in pycountry.countries}
