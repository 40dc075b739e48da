"""The brief as one self-contained HTML page: no script, no external resource, all text escaped."""

from __future__ import annotations

import functools
from collections import Counter

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from newsfuse.models import Brief
from newsfuse.render.common import (
    KEY_FIGURES_TITLE,
    KIND_LABELS,
    OTHER_STORIES_NOTE,
    OTHER_STORIES_TITLE,
    PENDING_NOTES,
    SECTION_TITLES,
    claim_marks,
    comparison_anchor,
    date_range,
    key_figure_lines,
    language_marks,
    ordered_comparisons,
    other_story_lines,
    short_date,
    source_label,
    window_text,
)
from newsfuse.render.map import story_map
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
        story_map=story_map,
    )
    return env


@functools.cache
def _environment() -> Environment:
    return template_environment("newsfuse.render")


def render_html(brief: Brief) -> str:
    languages = Counter(s.language for s in brief.sources)
    return (
        _environment()
        .get_template("brief.html.j2")
        .render(
            brief=brief,
            stylesheet=brief_stylesheet(),
            sections=SECTION_TITLES,
            pending=PENDING_NOTES,
            span=date_range(brief.story.first_seen, brief.story.last_seen),
            independent=sum(1 for s in brief.sources if s.duplicate_of is None),
            languages=languages.most_common(),
            paragraphs={s.id: [p for p in s.text.split("\n\n") if p.strip()] for s in brief.sources},
            reasons={s.id: Counter(r.reason for r in s.removed).most_common() for s in brief.sources},
            other_stories=other_story_lines(brief),
            other_stories_title=OTHER_STORIES_TITLE,
            other_stories_note=OTHER_STORIES_NOTE,
        )
    )
