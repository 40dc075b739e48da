"""The brief as one self-contained HTML page: no script, no external resource, all text escaped."""

from __future__ import annotations

import functools
from collections import Counter

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from newsfuse.models import Brief
from newsfuse.render.charts import figure_rows, has_charts
from newsfuse.render.charts_toll import toll_chart
from newsfuse.render.common import (
    KEY_FIGURES_TITLE,
    KIND_LABELS,
    OTHER_STORIES_NOTE,
    OTHER_STORIES_TITLE,
    PAGE_SECTIONS,
    PENDING_NOTES,
    SECTION_TITLES,
    claim_marks,
    comparison_anchor,
    file_name,
    key_figure_lines,
    language_marks,
    ordered_comparisons,
    other_story_lines,
    short_date,
    source_label,
    window_text,
)
from newsfuse.render.map import story_map
from newsfuse.render.page import page_context
from newsfuse.render.styles import brief_stylesheet


def template_environment(package: str) -> Environment:
    """Jinja2 over `package`'s templates/ folder, every value autoescaped (article text is untrusted).

    The brief's own templates come second, so another package's pages (the web app) can include
    its sections (e.g. "sections/key_figures.html.j2") rather than keep a copy.
    """
    loaders = [PackageLoader(package, "templates")]
    if package != __package__:
        loaders.append(PackageLoader(str(__package__), "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["source_label"] = source_label
    env.filters["file_name"] = file_name
    env.filters["count_by"] = lambda items: Counter(items).most_common()
    env.globals.update(
        key_figure_lines=key_figure_lines,
        ordered_comparisons=ordered_comparisons,
        comparison_anchor=comparison_anchor,
        claim_marks=claim_marks,
        language_marks=language_marks,
        short_date=short_date,
        window_text=window_text,
        kind_labels=KIND_LABELS,
        key_figures_title=KEY_FIGURES_TITLE,
        figure_rows=figure_rows,  # the charts section (sections/charts.html.j2)
        toll_chart=toll_chart,
        has_charts=has_charts,
        story_map=story_map,  # the map (sections/map.html.j2)
    )
    # the story page's frame (sections/page.html.j2): its sections in order, their titles and notes
    env.globals.update(
        page_sections=PAGE_SECTIONS,
        section_titles=SECTION_TITLES,
        pending_notes=PENDING_NOTES,
        other_story_lines=other_story_lines,
        other_stories_title=OTHER_STORIES_TITLE,
        other_stories_note=OTHER_STORIES_NOTE,
    )
    return env


@functools.cache
def _environment() -> Environment:
    return template_environment("newsfuse.render")


def render_html(brief: Brief) -> str:
    """The brief as one page: the story's shared sections (sections/page.html.j2), its stylesheet inlined."""
    template = _environment().get_template("brief.html.j2")
    return template.render(stylesheet=brief_stylesheet(), **page_context(brief))
