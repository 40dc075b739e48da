"""Render: a Brief as Markdown, a self-contained HTML page, or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from newsfuse.models import Brief

Format = Literal["md", "html", "json"]
_BY_SUFFIX: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def format_for(path: str) -> Format | None:
    """The format an output file's name asks for, or None when its suffix says nothing."""
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def render(brief: Brief, fmt: Format) -> str:
    if fmt == "md":
        return brief.to_markdown()
    if fmt == "html":
        return brief.to_html()
    return brief.to_json()
