"""The app state every view receives (datasette's views are handed the app; ours its `WebState`).

Views read it with `web_state(request)`; nothing under web/ but app.py imports web/app.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request

from newsfuse.config import Settings
from newsfuse.store import Store, open_store
from newsfuse.web.briefs import BriefCache, Warmer
from newsfuse.web.uploads import UploadLimits


@dataclass
class WebState:
    """What every request handler needs: the store's path, settings, limits and the brief cache."""

    db_path: Path
    settings: Settings
    limits: UploadLimits
    briefs: BriefCache
    warmer: Warmer | None

    def reader(self) -> Store:
        return open_store(self.db_path, readonly=True)


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state
