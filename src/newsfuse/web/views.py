"""What the web story page adds to the brief's shared page (render/page.py): its chrome.

The sections, citations, figure groups and timeline days are the HTML brief's own (`page_context`);
the web page adds the store's "updated" time, the JSON link, the table of contents and the controls
its script enhances (`interactive`: the figures' filters, the junk toggle).
"""

from __future__ import annotations

from typing import Any

from newsfuse.models import Brief
from newsfuse.render.page import page_context
from newsfuse.store import StoredStory


def story_context(story: StoredStory, brief: Brief) -> dict[str, Any]:
    """The story page's template context: the shared page plus the web's chrome."""
    updated = story.updated_at.replace("T", " ")[:16] if story.updated_at else None
    return {
        **page_context(brief, updated=updated),
        "story": story,
        "json_href": f"/api/stories/{story.id}",
        "toc": True,
        "interactive": True,
    }
