"""People, organisations and places merged across the story's sources.

(Issue 4 builds this. Until then `merge_entities` returns None and the section is pending.)
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.models import AnalyzedArticle, Entity, Source

__all__ = ["merge_entities"]


def merge_entities(analyzed: Sequence[AnalyzedArticle], sources: Sequence[Source]) -> list[Entity] | None:
    """The story's canonical entities with every surface form; None when not built."""
    return None
