"""The cited summary and the story title.

(Issue 6 builds this. Until then `summarize` returns None and the summary is pending.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsfuse.config import Settings
from newsfuse.consolidate.timeline import StoryDates
from newsfuse.models import AnalyzedArticle, Claim, Entity, Source, SummarySentence

__all__ = ["StorySummary", "summarize"]


@dataclass(frozen=True)
class StorySummary:
    sentences: list[SummarySentence]
    title: str | None
    # source id -> quality flags (e.g. "translation-damage")
    flags: dict[str, list[str]] = field(default_factory=dict)


def summarize(
    analyzed: Sequence[AnalyzedArticle],
    sources: Sequence[Source],
    *,
    claims: Sequence[Claim],
    entities: Sequence[Entity],
    dates: StoryDates | None,
    settings: Settings,
) -> StorySummary | None:
    """The summary within the word budget, each sentence cited; None when not built."""
    return None
