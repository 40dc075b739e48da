"""`newsfuse serve`: the web app and JSON API over the store (FastAPI, server-rendered pages)."""

from newsfuse.web.app import answer_once, create_app, run
from newsfuse.web.uploads import UploadLimits

__all__ = ["UploadLimits", "answer_once", "create_app", "run"]
