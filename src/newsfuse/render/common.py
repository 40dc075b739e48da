"""What the Markdown and HTML renderers say alike."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from newsfuse.models import Source

SECTION_TITLES = {
    "summary": "What happened",
    "claims": "Figures",
    "comparisons": "Where the sources agree and conflict",
    "entities": "Who and where",
    "timeline": "Timeline",
}
PENDING_NOTES = {
    "summary": "Not built yet: the cited summary comes in a later newsfuse release.",
    "claims": "Not built yet: figure extraction (killed, injured, arrested…) comes in a later release.",
    "comparisons": "Not built yet: comparing figures across sources needs figure extraction first.",
    "entities": "Not built yet: people, organisations and places merged across spellings come later.",
    "timeline": "Not built yet: dates resolved from the text and a merged timeline come later.",
}


def source_label(source: Source) -> str:
    """How a source is named to a reader: outlet and title, else its file name."""
    name = PurePath(source.path).name if source.path and source.path != "-" else "standard input"
    if source.record is not None:
        name += f" #{source.record}"
    parts = [p for p in (source.outlet, source.title) if p]
    return " — ".join(parts) if parts else name


def date_range(first: dt.date | None, last: dt.date | None) -> str:
    if not first:
        return ""
    return str(first) if not last or last == first else f"{first} → {last}"
