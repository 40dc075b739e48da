"""newsfuse: one brief a reader can trust from many news articles about a developing story.

>>> import newsfuse
>>> brief = newsfuse.brief("examples/harbour-fire")
>>> print(brief.to_markdown())
>>> for story in newsfuse.brief_stories("inbox/"):         # inputs that hold several stories: one brief each
...     print(story.story.title)
>>> newsfuse.ingest("feed/", "newsfuse.db")              # a stream: copies marked, stories grouped
>>> store = newsfuse.open_store("newsfuse.db")
>>> print(newsfuse.brief_story(store.stories()[0].id, store).to_markdown())
>>> with newsfuse.LocalEngine(workers=4) as engine:      # per-article work in 4 processes (or RayEngine)
...     newsfuse.ingest("feed/", "newsfuse.db", engine=engine)
"""

from newsfuse.api import IngestReport, brief, brief_stories, brief_story, ingest
from newsfuse.config import Settings
from newsfuse.engine import LocalEngine, RayEngine
from newsfuse.errors import InputError, ModelMissingError, NewsfuseError, NoArticlesError
from newsfuse.models import Brief
from newsfuse.store import Store, StoredArticle, StoredStory, open_store

__version__ = "0.1.0"

__all__ = [
    "Brief",
    "IngestReport",
    "InputError",
    "LocalEngine",
    "ModelMissingError",
    "NewsfuseError",
    "NoArticlesError",
    "RayEngine",
    "Settings",
    "Store",
    "StoredArticle",
    "StoredStory",
    "__version__",
    "brief",
    "brief_stories",
    "brief_story",
    "ingest",
    "open_store",
]
