"""Figures (claims) from every source, and where the sources agree or conflict.

(Issue 3 builds this. Until then `compare_claims` returns None and both sections are pending.)
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.consolidate.timeline import StoryDates
from newsfuse.models import AnalyzedArticle, Claim, Comparison, Source

__all__ = ["compare_claims"]


def compare_claims(
    analyzed: Sequence[AnalyzedArticle], sources: Sequence[Source], dates: StoryDates | None
) -> tuple[list[Claim], list[Comparison]] | None:
    """Every figure each source reports, and the comparisons between them; None when not built."""
    return None
