"""The web app's templates and page rendering (the brief's templates, then web/templates)."""

from __future__ import annotations

import functools
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment

from newsfuse import __version__
from newsfuse.render.common import SECTION_TITLES, date_range
from newsfuse.render.html import template_environment


@functools.cache
def templates() -> Environment:
    env = template_environment("newsfuse.web")
    env.globals.update(version=__version__, sections=SECTION_TITLES, date_range=date_range)
    return env


def page(
    name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    html = templates().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code, headers=headers)
