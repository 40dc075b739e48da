"""Consolidate: the facts of many articles (`facts.ArticleFacts`, read per article) -> one Brief.

The sources come first (copies marked), then each section in the order its inputs need:
dates (publication dates, sentence dates, timeline) -> entities -> claims and comparisons (which
use sentence dates) -> key figures (the current toll per measure) -> summary and title (which use
all of them; the summary opens with the current toll). A section builder that returns
None is not built by this release: its section is listed in `pending_sections` and left empty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from newsfuse.config import Settings
from newsfuse.consolidate.claims import compare_claims
from newsfuse.consolidate.entities import merge_entities
from newsfuse.consolidate.facts import ArticleFacts
from newsfuse.consolidate.summary import summarize
from newsfuse.consolidate.timeline import date_story
from newsfuse.consolidate.tolls import key_figures
from newsfuse.copies import find_copies
from newsfuse.errors import InputError
from newsfuse.ingest.outlets import OutletTable, outlet_info, table_for
from newsfuse.models import (
    Brief,
    RemovedText,
    Section,
    SkippedInput,
    Source,
    Story,
)

__all__ = ["assemble_brief"]


def assemble_brief(
    analyzed: Sequence[ArticleFacts],
    skipped: Sequence[InputError] = (),
    settings: Settings | None = None,
    *,
    copies: Mapping[int, int] | None = None,
) -> Brief:
    """The brief of one story told by `analyzed`, in the order given.

    `copies` ({index of a copy: index of its original}) replaces copy detection, e.g. with the
    store's decisions for a stored story (the same rule, `newsfuse.copies`); by default `find_copies`
    decides.
    """
    settings = settings or Settings()
    sources = _sources(analyzed, copies, settings.duplicate_containment, table_for(settings.outlets))
    pending: list[Section] = []

    dates = date_story(analyzed, sources)
    if dates is None:
        pending.append("timeline")
    else:
        sources = [
            s.model_copy(update={"published": d, "published_from": f if d else None})
            for s, (d, f) in zip(sources, dates.published, strict=True)
        ]
    entities = merge_entities(analyzed, sources, reader_language=settings.reader_language)
    if entities is None:
        pending.append("entities")
    found = compare_claims(analyzed, sources, dates, settings.toll_window_days)
    if found is None:
        pending += ["claims", "comparisons"]
    claims, comparisons = found or ([], [])
    tolls = key_figures(claims, comparisons, sources, settings.toll_window_days)
    summary = summarize(
        analyzed,
        sources,
        claims=claims,
        entities=entities or [],
        dates=dates,
        settings=settings,
        key_figures=tolls,
    )
    if summary is None:
        pending.append("summary")
    elif summary.flags:
        sources = [s.model_copy(update={"quality": summary.flags.get(s.id, [])}) for s in sources]

    published = [s.published for s in sources if s.published]
    story = Story(
        id=story_id([a.article.fingerprint for a in analyzed]),
        title=(summary.title if summary and summary.title else None) or _story_title(sources),
        first_seen=dates.first_seen if dates else min(published, default=None),
        last_seen=dates.last_seen if dates else max(published, default=None),
    )
    order: list[Section] = ["summary", "claims", "comparisons", "entities", "timeline"]
    return Brief(
        story=story,
        sources=sources,
        key_figures=tolls,
        claims=claims,
        comparisons=comparisons,
        entities=entities or [],
        timeline=dates.timeline if dates else [],
        summary=summary.sentences if summary else [],
        pending_sections=[s for s in order if s in pending],
        skipped=[SkippedInput(path=e.where, problem=e.problem) for e in skipped],
    )


def _sources(
    analyzed: Sequence[ArticleFacts],
    copies: Mapping[int, int] | None = None,
    containment: float | None = None,
    outlets: OutletTable | None = None,
) -> list[Source]:
    sources: list[Source] = []
    if copies is None:
        copies = find_copies(
            [a.article.text for a in analyzed],
            [a.article.raw.published for a in analyzed],
            urls=[a.article.raw.url for a in analyzed],
            containment=containment,
        )
    for n, item in enumerate(analyzed, start=1):
        article, raw = item.article, item.article.raw
        source_id = f"s{n}"
        original = f"s{copies[n - 1] + 1}" if n - 1 in copies else source_id
        known = outlet_info(raw.outlet, outlets)  # the name ingest resolved: the table's own
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
                outlet_country=known.country or None if known else None,
                outlet_kind=known.kind if known else None,
            )
        )
    return sources


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
