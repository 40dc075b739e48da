"""newsfuse: one brief a reader can trust from many news articles about a developing story.

>>> import newsfuse
>>> brief = newsfuse.brief("examples/harbour-fire")
>>> print(brief.to_markdown())
"""

from newsfuse.api import brief
from newsfuse.config import Settings
from newsfuse.errors import InputError, ModelMissingError, NewsfuseError, NoArticlesError
from newsfuse.models import Brief

__version__ = "0.1.0"

__all__ = [
    "Brief",
    "InputError",
    "ModelMissingError",
    "NewsfuseError",
    "NoArticlesError",
    "Settings",
    "__version__",
    "brief",
]
