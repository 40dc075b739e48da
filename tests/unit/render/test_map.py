"""The offline map: TopoJSON decoding, projection and clipping, and the partial, with and without data."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from newsfuse.models import Brief, Entity
from newsfuse.render.atlas import atlas_folder, decode_topology, load_atlas, unwrap
from newsfuse.render.html import template_environment
from newsfuse.render.map import (
    View,
    clip_line,
    clip_ring,
    fit_view,
    path_data,
    place_label_boxes,
    story_map,
    thin,
)
from tests.unit.render.briefs import toll_brief

# two squares side by side, sharing the edge x = 10: arc 0 is the border, arcs 1 and 2 the coast
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "arcs": [
        [[10, 0], [0, 10]],
        [[10, 10], [-10, 0], [0, -10], [10, 0]],
        [[10, 0], [10, 0], [0, 10], [-10, 0]],
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "152", "properties": {"name": "West Square"}},
                {
                    "type": "MultiPolygon",
                    "arcs": [[[2, -1]]],
                    "id": "604",
                    "properties": {"name": "East Square"},
                },
            ],
        }
    },
}


def test_arcs_are_delta_decoded_with_the_transform_and_stitched_into_rings() -> None:
    arcs, objects = decode_topology(TOPOLOGY)
    assert arcs[1] == [(10, 10), (0, 10), (0, 0), (10, 0)]
    (west, west_rings), (_, east_rings) = objects["countries"]
    assert west["id"] == "152" and west_rings == [[[(10, 0), (10, 10), (0, 10), (0, 0), (10, 0)]]]
    # a negative index reads the arc backwards; the joint point is not repeated
    assert east_rings == [[[(10, 0), (20, 0), (20, 10), (10, 10), (10, 0)]]]
    scaled = dict(TOPOLOGY, transform={"scale": [0.5, 2], "translate": [1, -1]})
    arcs, _ = decode_topology(scaled)
    assert arcs[0] == [(6.0, -1.0), (6.0, 19.0)]


def test_arcs_two_countries_share_are_borders_the_others_coast(tmp_path: Path) -> None:
    (tmp_path / "countries-110m.json").write_text(json.dumps(TOPOLOGY))
    atlas = load_atlas(tmp_path, "110m")
    assert [s.name for s in atlas.shapes] == ["West Square", "East Square"]
    assert atlas.shapes[1].bbox == (10, 0, 20, 10)
    assert [ring for _, ring in atlas.borders] == [[(10, 0), (10, 10)]]
    assert len(atlas.coast) == 2


def test_the_projection_keeps_the_middle_latitude_true() -> None:
    view = View(lon0=10, lat0=60, scale=2)
    assert view.project(10, 60) == (view.width / 2, view.height / 2)
    x, y = view.project(11, 61)
    assert math.isclose(x - view.width / 2, 1.0) and math.isclose(view.height / 2 - y, 2.0)  # cos 60° = 1/2
    fitted = fit_view(20, 40, 30, 50)
    for lon, lat in ((20, 40), (30, 50)):
        x, y = fitted.project(lon, lat)
        assert 0 < x < fitted.width and 0 < y < fitted.height


def test_rings_are_clipped_to_the_view_and_thinned() -> None:
    square = [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)]
    clipped = clip_ring(square, (0, 0, 5, 5))
    assert clipped and all(0 <= x <= 5 and 0 <= y <= 5 for x, y in clipped)
    assert {(0.0, 0.0), (5.0, 5.0)} <= set(clipped)
    assert clip_ring([(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], (0, 0, 5, 5)) == []
    runs = clip_line([(-20.0, 2.0), (-10.0, 2.0), (2.0, 2.0), (20.0, 2.0), (30.0, 2.0)], (0, 0, 5, 5))
    assert runs == [[(-10.0, 2.0), (2.0, 2.0), (20.0, 2.0)]]
    assert thin([(0.0, 0.0), (0.2, 0.1), (0.5, 0.5), (1.5, 0.0), (1.6, 0.1)]) == [
        (0.0, 0.0),
        (1.5, 0.0),
        (1.6, 0.1),
    ]
    assert path_data([[(1.0, 2.0), (3.5, 2.0), (3.5, 0.25)]], closed=True) == "M1 2l2.5 0 0-1.8z"


def place(name: str, lat: float | None, lon: float | None, code: str, mentions: int = 3) -> Entity:
    return Entity(
        id=f"e-{name}", name=name, type="place", aliases=[name], sources=["s1"], mentions=mentions,
        country_code=code, latitude=lat, longitude=lon,
    )  # fmt: skip


def brief_with(*entities: Entity) -> Brief:
    return toll_brief().model_copy(update={"entities": list(entities)})


def render_map(brief: Brief) -> str:
    return template_environment("newsfuse.render").get_template("sections/map.html.j2").render(brief=brief)


@pytest.fixture
def squares(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A node_modules with a world-atlas of the two squares (both resolutions)."""
    folder = tmp_path / "node_modules" / "world-atlas"
    folder.mkdir(parents=True)
    for resolution in ("110m", "50m"):
        (folder / f"countries-{resolution}.json").write_text(json.dumps(TOPOLOGY))
    monkeypatch.setenv("NEWSFUSE_NODE_MODULES", str(folder.parent))
    return folder


def test_the_partial_draws_outlines_the_story_countries_and_labelled_dots(squares: Path) -> None:
    brief = brief_with(
        place("Chile", None, None, "CL", 9),  # a country: ISO 152, the west square
        place("Tarvosk", 5, 5, "CL"),
        place("<b>Orsanne</b>", 6, 15, "PE"),
    )
    html = render_map(brief)
    assert atlas_folder() == squares
    assert html.count('<path class="land story main"') == 1 and html.count('<path class="land"') == 1
    assert '<path class="border"' in html and '<path class="coast"' in html
    assert ">CHILE</text>" in html and ">Tarvosk</text>" in html
    assert "&lt;b&gt;Orsanne&lt;/b&gt;" in html and "<b>" not in html  # names are text, escaped
    assert "Natural Earth" in html and "make setup" not in html
    assert "style=" not in html  # the web's CSP forbids inline styles
    assert html.count("<circle") == 2


def test_without_world_atlas_the_map_is_dots_on_a_graticule_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSFUSE_NODE_MODULES", str(tmp_path))  # an empty node_modules
    html = render_map(brief_with(place("Tarvosk", 5, 5, "CL"), place("Orsanne", 6, 15, "PE")))
    assert 'class="land' not in html and 'class="graticule"' in html
    assert html.count("<circle") == 2
    assert "not installed (run make setup)" in html


def test_no_located_place_no_figure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFUSE_NODE_MODULES", str(tmp_path))
    assert render_map(brief_with(place("Chile", None, None, "CL"))).strip() == ""
    assert story_map(brief_with()) is None


def test_labels_that_would_collide_are_dropped_not_overlapped(squares: Path) -> None:
    crowded = [place(f"Town number {n}", 5 + n * 0.05, 5 + n * 0.05, "CL", n + 1) for n in range(12)]
    found = story_map(brief_with(*crowded))
    assert found is not None
    boxes = [
        next(
            box
            for label, box in place_label_boxes(p.entity.name, p.x, p.y, p.r)
            if (label.anchor, round(label.y, 1)) == (p.label.anchor, p.label.y)
        )
        for p in found.places
        if p.label
    ]
    assert 0 < len(boxes) < len(crowded)
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


@pytest.mark.skipif(atlas_folder() is None, reason="world-atlas is not installed (make setup)")
def test_natural_earth_outlines_of_a_country_inline_small(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NEWSFUSE_NODE_MODULES", raising=False)
    brief = brief_with(place("Austria", None, None, "AT", 9), place("Tarvosk", 48.2, 16.4, "AT"))
    found = story_map(brief)
    assert found is not None and found.outlines and "1:50 million" in found.caption
    html = render_map(brief)
    assert len(html.encode()) < 80_000
    assert re.search(r'<path class="land story main" d="M[-\d.]', html)


def test_places_either_side_of_the_antimeridian_are_neighbours(squares: Path) -> None:
    found = story_map(brief_with(place("Tarvosk", -18, 178, "FJ"), place("Orsanne", -14, -172, "WS")))
    assert found is not None
    assert all(0 < p.x < found.width for p in found.places)
    assert "1:50 million" in found.caption  # a view 10° wide, not the whole world
    assert unwrap([(179.0, 0.0), (-179.0, 1.0), (-178.0, 0.0)]) == [(179.0, 0.0), (181.0, 1.0), (182.0, 0.0)]
