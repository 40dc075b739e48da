"""The charts in Debian's Chromium at a phone's and a laptop's width: one drawing shown, text >= 11 px,
no label over another, nothing wider than the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsfuse.models import Brief
from newsfuse.render.html import _environment
from newsfuse.render.styles import brief_stylesheet
from tests.unit.render.briefs import toll_brief
from tests.unit.render.test_charts import _brief

WIDTHS = (390, 1280)

MEASURE = """() => {
  const shown = [...document.querySelectorAll('#charts svg.chart')]
    .filter(s => s.getBoundingClientRect().width > 0);
  const texts = shown.flatMap(svg => [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return {svg: shown.indexOf(svg), label: t.classList.contains('label'), text: t.textContent,
            px: parseFloat(getComputedStyle(t).fontSize) * scale,
            box: [r.left, r.right, r.top, r.bottom]};
  }));
  return {shown: shown.map(s => s.getAttribute('class')),
          all: document.querySelectorAll('#charts svg.chart').length,
          texts, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""


def _page(brief: Brief, folder: Path) -> str:
    body = _environment().from_string('{% include "sections/charts.html.j2" %}').render(brief=brief)
    path = folder / "charts.html"
    path.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>charts</title><style>{brief_stylesheet()}</style></head><body><main>{body}</main></body></html>",
        "utf-8",
    )
    return path.as_uri()


def _crowded() -> Brief:
    """Forty sources on one row: 25 say the same figure, the rest spread out; a range and "at least"."""
    values: list[tuple[int | None, int | None]] = [(14, 14)] * 25 + [(n, n) for n in range(1, 14)]
    return _brief([*values, (20, 99), (12, None)], copies=2)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("make", [toll_brief, _crowded])
def test_charts_read_at_a_phone_and_a_laptop_width(
    browser: Any, tmp_path: Path, width: int, make: Any
) -> None:
    brief = make()
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(_page(brief, tmp_path))
    seen = page.evaluate(MEASURE)
    page.close()
    variant = "chart-narrow" if width < 760 else "chart-wide"
    assert (
        seen["shown"] and all(variant in c for c in seen["shown"]) and len(seen["shown"]) * 2 == seen["all"]
    )
    assert seen["overflow"] <= 0
    sizes = [t["px"] for t in seen["texts"]]
    assert sizes and min(sizes) >= 11, min(sizes)
    labels = [t for t in seen["texts"] if t["label"]]
    assert {"36–44", "≥61"} <= {t["text"].split(" ")[0] for t in labels} or make is _crowded
    for n, a in enumerate(labels):  # no label drawn over another one
        for b in labels[n + 1 :]:
            if a["svg"] != b["svg"]:
                continue
            (l1, r1, t1, b1), (l2, r2, t2, b2) = a["box"], b["box"]
            assert r1 <= l2 + 0.5 or r2 <= l1 + 0.5 or b1 <= t2 + 0.5 or b2 <= t1 + 0.5, (
                a["text"],
                b["text"],
            )
