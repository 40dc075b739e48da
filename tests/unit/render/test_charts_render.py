"""The charts section as the HTML brief and the web page include it: labels, links, escaping, a11y."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from newsfuse.models import Brief
from newsfuse.render.html import _environment
from newsfuse.render.styles import brief_stylesheet
from tests.unit.render.briefs import toll_brief

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _render(brief: Brief) -> str:
    """The partial, rendered by the HTML brief's own template environment."""
    return _environment().from_string('{% include "sections/charts.html.j2" %}').render(brief=brief)


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg class=\"chart .*?</svg>", html, re.S)]


def test_the_section_has_its_heading_labels_and_both_charts() -> None:
    html = _render(toll_brief())
    assert html.lstrip().startswith('<section id="charts" aria-labelledby="h-charts">')
    assert '<h2 id="h-charts">' in html and html.rstrip().endswith("</section>")
    text = re.sub(r"<[^>]+>", " ", html)
    for label in ("Figures by source", "The toll over time", "Killed (people, Brenholt)", "36–44", "≥61",
                  "Brenholt Echo", "Tarn Radio", "≥6", "22", "4 Jun", "6 Jun"):  # fmt: skip
        assert label in text, label
    assert "Reported on one day only: injured (people) 36–44, ≥61, 5 Jun." in text


def test_every_link_lands_on_an_existing_claim_row_or_comparison() -> None:
    brief = toll_brief()
    html = _render(brief)
    hrefs = re.findall(r'href="#([^"]+)"', html)
    claims = {f"claim-{c.id}" for c in brief.claims}
    comparisons = {f"comparison-{n + 1}" for n in range(len(brief.comparisons))}
    assert hrefs and set(hrefs) <= claims | comparisons
    assert {"claim-c4", "claim-c5", "claim-c6", "comparison-2"} <= set(hrefs)
    assert "claim-c7" not in hrefs  # a partial count is not a dot of the toll


def test_each_chart_says_what_it_shows_in_words() -> None:
    html = _render(toll_brief())
    svgs = _svgs(html)
    assert len(svgs) == 6  # (killed, injured, killed over time) × (wide, narrow)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # wide and narrow drawings never share an id
    for svg in svgs:
        assert svg.get("role") in ("img", "group")
        title, desc = svg.find("title"), svg.find("desc")
        assert title is not None and desc is not None and title.text and desc.text
        assert svg.get("aria-labelledby") == title.get("id") and svg.get("aria-describedby") == desc.get("id")
        assert int(svg.get("font-size") or 0) >= 12
    injured = next(s for s in svgs if (s.findtext("title") or "").startswith("Injured"))
    assert "conflict" in (injured.findtext("desc") or "")
    # a dot is a link whose name says the figure and its source
    first = next(a for a in injured.iter("a"))
    assert (first.findtext("title") or "").startswith(
        "about 40 (36–44); source s2, Brenholt Echo; per Brenholt clinic"
    )


def test_article_text_is_escaped_everywhere_in_the_charts() -> None:
    brief = toll_brief()
    sources = [s.model_copy(update={"outlet": HOSTILE}) for s in brief.sources]
    claims = [
        c.model_copy(update={"value": c.value.model_copy(update={"text": HOSTILE}), "attributed_to": HOSTILE})
        for c in brief.claims
    ]
    html = _render(brief.model_copy(update={"sources": sources, "claims": claims}))
    assert "<script" not in html and "<img" not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;" in html
    assert all(svg is not None for svg in _svgs(html))  # still well-formed


def test_no_inline_style_and_the_stylesheet_is_joined() -> None:
    html = _render(toll_brief())
    assert not re.search(r"\sstyle=", html) and "<style" not in html and "<script" not in html
    css = str(brief_stylesheet())
    assert ".chart-narrow" in css and "@media (max-width: 759px)" in css
    rules = css.split("/* the charts under the key figures", 1)[1]
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b(?![^(]*\))", rules)  # colours come from the theme's variables


def test_a_brief_without_figures_renders_nothing() -> None:
    brief = toll_brief().model_copy(update={"key_figures": [], "comparisons": [], "claims": []})
    assert _render(brief).strip() == ""


def test_a_story_told_on_one_day_says_so_instead_of_an_empty_chart() -> None:
    brief = toll_brief()
    kfs = [kf.model_copy(update={"history": []}) for kf in brief.key_figures]
    claims = [c for c in brief.claims if c.id in {"c4", "c5", "c6"}]
    html = _render(brief.model_copy(update={"key_figures": kfs, "claims": claims, "comparisons": []}))
    assert "no change over time to chart yet" in html
    assert "The toll over time" in html and len(_svgs(html)) == 4  # the source chart only
