"""The brief's stylesheet: one set of CSS files for the HTML brief (inlined) and the web app (served).

The files live in templates/css/ and are joined in `STYLESHEETS` order: colours and type first, then
the sections, then the charts and the map. Each file is ours (no article text), so the joined text
is marked safe for the `<style>` element of the self-contained HTML brief.
"""

from __future__ import annotations

import functools
from importlib import resources

from markupsafe import Markup

STYLESHEETS = ("theme.css", "brief.css", "charts.css", "map.css")


@functools.cache
def brief_stylesheet() -> Markup:
    """The joined CSS of the brief's sections (files not present are skipped)."""
    folder = resources.files(__package__).joinpath("templates", "css")
    parts = [
        folder.joinpath(name).read_text("utf-8") for name in STYLESHEETS if folder.joinpath(name).is_file()
    ]
    return Markup("\n".join(parts))
