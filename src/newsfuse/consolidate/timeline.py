"""Dates across the story: each source's publication date, dates resolved in the text, the timeline.

(Issue 5 builds this. Until then `date_story` returns None and the timeline is listed as pending.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsfuse.models import AnalyzedArticle, PublishedFrom, Source, TimelineEntry

__all__ = ["StoryDates", "date_story"]


@dataclass(frozen=True)
class StoryDates:
    """What the dates stage learnt about the story, for the brief and for the other stages."""

    published: list[tuple[dt.date | None, PublishedFrom | None]]  # per source, in source order
    first_seen: dt.date | None
    last_seen: dt.date | None
    timeline: list[TimelineEntry]
    # (source index, sentence start char) -> the date the sentence's event happened on
    sentence_dates: dict[tuple[int, int], dt.date] = field(default_factory=dict)

    def date_of(self, source_index: int, sentence_start: int) -> dt.date | None:
        """The resolved date of the sentence starting at `sentence_start` in source `source_index`."""
        return self.sentence_dates.get((source_index, sentence_start))


def date_story(analyzed: Sequence[AnalyzedArticle], sources: Sequence[Source]) -> StoryDates | None:
    """Publication dates, resolved sentence dates and the merged timeline; None when not built."""
    return None
