"""The two ids of a story: the store's number and the brief's `story-…` id.

`newsfuse stories` and the web number stored stories (12); a brief names its story by the articles
it holds (`story-1a2b3c4d5e`: the same articles give the same id, wherever they are briefed). So a
user who read an id off a brief can hand it to `newsfuse show`: the stored story whose current
articles are exactly those is found. A story that gained or lost articles since has another id.
"""

from __future__ import annotations

import re

from newsfuse.consolidate import story_id
from newsfuse.store import Store

_NUMBER = re.compile(r"#?([0-9]{1,19})")
_BRIEF_ID = re.compile(r"story-[0-9a-f]{10}")


class StoryRefError(ValueError):
    """The text names no stored story (the message says why and what to try)."""


def resolve_story(store: Store, ref: str) -> int:
    """The stored story number `ref` names: "12", "#12" or a brief's "story-1a2b3c4d5e"."""
    text = ref.strip()
    if number := _NUMBER.fullmatch(text):
        return int(number.group(1))
    key = text.lower()
    if not _BRIEF_ID.fullmatch(key):
        raise StoryRefError(
            f"{ref!r} is not a story id: give the number `newsfuse stories` lists (12) "
            "or the id a brief prints (story- and 10 hex digits)"
        )
    for number_, fingerprints in store.story_fingerprints().items():
        if story_id(fingerprints) == key:
            return number_
    raise StoryRefError(
        f"no stored story is {key}: that id names a set of articles, and no story holds exactly "
        "those now (`newsfuse stories` lists the stored stories by number)"
    )
