"""The offline map: bytes of inline SVG and time to build it, per story, with the places it shows.

For each input folder: the brief (built once, not timed), then `story_map` twice — the first call
decodes world-atlas's TopoJSON (cold cache), the second reuses the decoded outlines — and the
map partial rendered as the HTML brief and the web page inline it. Places: each located place's
country, and the places left without coordinates.

    python bench/map.py [FOLDER ...]   # default: examples/harbour-fire examples/steppe-dam ../shared/seeds
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from newsfuse.api import brief as make_brief
from newsfuse.render import map as story_maps
from newsfuse.render.html import template_environment

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "examples/harbour-fire", ROOT / "examples/steppe-dam", ROOT.parent / "shared/seeds"]


def measure(folder: Path) -> dict[str, object]:
    brief = make_brief(folder)
    story_maps.load_atlas.cache_clear()
    story_maps._MAPS.clear()
    start = time.perf_counter()
    found = story_maps.story_map(brief)  # decodes the outlines, then draws
    first = time.perf_counter() - start
    places = [e for e in brief.entities if e.type == "place"]
    start = time.perf_counter()
    story_maps._draw(places, story_maps.atlas_folder())  # draws from the decoded outlines
    drawn = time.perf_counter() - start
    start = time.perf_counter()
    story_maps.story_map(brief)  # the same story again: the map kept
    kept = time.perf_counter() - start
    html = template_environment("newsfuse.render").get_template("sections/map.html.j2").render(brief=brief)
    return {
        "story": folder.name,
        "map_bytes": len(html.encode()),
        "resolution": found.caption.split("1:")[1].split(" ")[0] + "m" if found and found.outlines else None,
        "countries_drawn": len(found.countries) if found else 0,
        "labels": sum(1 for p in found.places if p.label) + len(found.country_labels) if found else 0,
        "dots": len(found.places) if found else 0,
        "first_ms": round(first * 1000, 1),
        "draw_ms": round(drawn * 1000, 1),
        "kept_ms": round(kept * 1000, 2),
        "located": {e.name: e.country_code for e in places if e.latitude is not None},
        "unlocated": [e.name for e in places if e.latitude is None and not e.country_code],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args()
    folders = [f for f in (args.folders or DEFAULT) if f.exists()]
    rows = [measure(f) for f in folders]
    head = ("story", "bytes", "res", "countries", "dots", "labels", "first ms", "draw ms", "kept ms")
    print(f"{head[0]:<14}" + "".join(f"{h:>10}" for h in head[1:]))
    cells = ("map_bytes", "resolution", "countries_drawn", "dots", "labels", "first_ms", "draw_ms", "kept_ms")
    for r in rows:
        print(f"{r['story']:<14}" + "".join(f"{r[c] if r[c] is not None else '-':>10}" for c in cells))
        print(f"  located: {r['located']}  unlocated: {r['unlocated']}")
    write_result("map", {"machine": machine_info(), "stories": rows})


if __name__ == "__main__":
    main()
