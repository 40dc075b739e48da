"""Consolidate: many analysed articles -> one Brief.

This release assembles the story and its sources (exact copies marked). Figures, entities,
timeline and summary are built by later stages; until then their sections are listed in
`pending_sections` and left empty, as the schema requires.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from newsfuse.consolidate.copies import find_copies
from newsfuse.errors import InputError
from newsfuse.models import (
    AnalyzedArticle,
    Brief,
    RemovedText,
    Section,
    SkippedInput,
    Source,
    Story,
)

__all__ = ["assemble_brief"]

PENDING: list[Section] = ["summary", "claims", "comparisons", "entities", "timeline"]


def assemble_brief(analyzed: Sequence[AnalyzedArticle], skipped: Sequence[InputError] = ()) -> Brief:
    """The brief of one story told by `analyzed`, in the order given."""
    sources: list[Source] = []
    copies = find_copies([a.article.text for a in analyzed], [a.article.raw.published for a in analyzed])
    for n, item in enumerate(analyzed, start=1):
        article, raw = item.article, item.article.raw
        source_id = f"s{n}"
        original = f"s{copies[n - 1] + 1}" if n - 1 in copies else source_id
        sources.append(
            Source(
                id=source_id,
                path=raw.path,
                record=raw.record,
                url=raw.url,
                outlet=raw.outlet,
                title=article.title,
                language=article.language,
                published=raw.published,
                published_from=raw.published_from,
                text=article.text,
                removed=[RemovedText(text=r.text, reason=r.reason, rule=r.rule) for r in article.removed],
                duplicate_of=None if original == source_id else original,
                words=len(article.text.split()),
                sentences=len(item.sentences),
            )
        )
    dates = [s.published for s in sources if s.published]
    story = Story(
        id=story_id([a.article.fingerprint for a in analyzed]),
        title=_story_title(sources),
        first_seen=min(dates) if dates else None,
        last_seen=max(dates) if dates else None,
    )
    return Brief(
        story=story,
        sources=sources,
        pending_sections=list(PENDING),
        skipped=[SkippedInput(path=e.where, problem=e.problem) for e in skipped],
    )


def story_id(fingerprints: Sequence[str]) -> str:
    """The same articles give the same id, whatever their order or file names."""
    digest = hashlib.sha1("\n".join(sorted(set(fingerprints))).encode()).hexdigest()
    return f"story-{digest[:10]}"


def _story_title(sources: Sequence[Source]) -> str:
    # interim rule until the summariser picks the most representative headline: the first
    # original source's title, else the opening words of its text
    originals = [s for s in sources if s.duplicate_of is None] or list(sources)
    for source in originals:
        if source.title:
            return source.title
    words = originals[0].text.split() if originals else []
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "") if words else "Untitled story"
