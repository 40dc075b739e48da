"""The story page as both the HTML brief and the web page show it: status line, figures grouped by
comparison with copies folded, the timeline by day, citations. One context, so the two cannot drift.

Every string here that comes from an article stays a plain string: the templates autoescape it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsfuse.models import Brief, Claim, Source, TimelineEntry
from newsfuse.render.citations import Citations, Quote, cited_text, marked_quote
from newsfuse.render.common import (
    KIND_LABELS,
    comparison_anchor,
    language_marks,
    ordered_comparisons,
    short_date,
    source_label,
    window_text,
)

LABEL_CHARS = 60  # a source's short label, where a table cell or a citation names it


def short_label(source: Source) -> str:
    """A source as a cell names it: its outlet, else its label (title or file name), shortened."""
    text = source.outlet or source_label(source)
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def status_line(brief: Brief, updated: str | None = None) -> list[str]:
    """The one line under the title: sources (independent), outlets, languages, dates, updated."""
    total = len(brief.sources)
    independent = sum(1 for s in brief.sources if s.duplicate_of is None)
    parts = [f"{total} source{'s' if total != 1 else ''}"]
    if independent != total:
        parts[0] += f" ({independent} independent)"
    outlets = len({s.outlet for s in brief.sources if s.outlet})
    if outlets:
        parts.append(f"{outlets} outlet{'s' if outlets != 1 else ''}")
    languages = Counter(s.language for s in brief.sources).most_common()
    if languages:
        parts.append("languages: " + ", ".join(f"{lang} ×{n}" if n > 1 else lang for lang, n in languages))
    span = _span(brief.story.first_seen, brief.story.last_seen)
    if span:
        parts.append(span)
    if updated:
        parts.append(f"updated {updated}")
    return parts


def _span(first: dt.date | None, last: dt.date | None) -> str:
    """The story's dates as a reader says them: "2 Jan → 6 Jan 2022", "30 Dec 2021 → 6 Jan 2022"."""
    if first is None:
        return ""
    if last is None or last == first:
        return short_date(first, None) + f" {first.year}"
    return f"{short_date(first, last.year)} → {short_date(last, None)} {last.year}"


# --- the figures table -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    """One claim of the table, with the copies that repeat it folded under it."""

    claim: Claim
    who: str  # who says it: the quoted speaker, else the source's outlet or label
    own: bool  # the outlet says it in its own voice
    source_name: str
    href: str  # its quote in the source's text
    quote: tuple[str, str, str]  # before, figure, after
    copies: list[tuple[Claim, str, str]] = field(default_factory=list)  # (claim, source name, href)

    @property
    def sources(self) -> list[str]:
        """Source ids of the row and its copies (for the filter)."""
        return [self.claim.source] + [c.source for c, _, _ in self.copies]


@dataclass(frozen=True)
class FigureGroup:
    """The claims of one comparison (or those compared with nothing), ready for a <tbody>."""

    kind: str  # conflict, revision, update, agree, or "single"
    label: str
    title: str
    anchor: str | None  # the comparison's element id
    window: str
    explanation: str
    rows: list[FigureRow]


SINGLE_TITLE = "Not compared: said by one source only, or about another event"


def figure_groups(brief: Brief, cites: Citations) -> list[FigureGroup]:
    """The claims by comparison (conflicts first), then the rest; a copy's claim folded under its original."""
    sources = {s.id: s for s in brief.sources}
    by_id = {c.id: c for c in brief.claims}
    placed: set[str] = set()
    groups = []
    for index, comparison, kind in ordered_comparisons(brief):
        claims = [by_id[i] for i in comparison.claims if i in by_id and i not in placed]
        placed.update(c.id for c in claims)
        if not claims:
            continue
        where = f" in {comparison.place}" if comparison.place else ""
        groups.append(
            FigureGroup(
                kind=kind,
                label=KIND_LABELS.get(kind, kind),
                title=f"{_words(comparison.measure)} / {_words(comparison.victim_class)}{where}",
                anchor=comparison_anchor(index),
                window=window_text(comparison.window),
                explanation=comparison.explanation,
                rows=_rows(claims, sources, cites),
            )
        )
    rest = [c for c in brief.claims if c.id not in placed]
    if rest:
        groups.append(FigureGroup("single", "", SINGLE_TITLE, None, "", "", _rows(rest, sources, cites)))
    return groups


def _words(name: str) -> str:
    return name.replace("_", " ")


def _copy_key(claim: Claim) -> tuple[Any, ...]:
    return (claim.measure, claim.victim_class, claim.value.lo, claim.value.hi, claim.value.text.casefold())


def _quote_key(claim: Claim) -> str:
    return " ".join(claim.quote.split()).casefold()


def _rows(claims: list[Claim], sources: dict[str, Source], cites: Citations) -> list[FigureRow]:
    rows: list[FigureRow] = []
    originals: dict[tuple[Any, ...], FigureRow] = {}
    for claim in claims:
        source = sources.get(claim.source)
        name = short_label(source) if source else claim.source
        original = source.duplicate_of if source else None
        if original is not None:
            row = originals.get((original, _quote_key(claim), *_copy_key(claim)))
            row = row or originals.get((original, None, *_copy_key(claim)))
            if row is not None:
                row.copies.append((claim, name, cites.claim(claim.id)))
                continue
        row = FigureRow(
            claim=claim,
            who=claim.attributed_to or name,
            own=not claim.attributed_to,
            source_name=name,
            href=cites.claim(claim.id),
            quote=marked_quote(claim),
        )
        originals.setdefault((claim.source, _quote_key(claim), *_copy_key(claim)), row)
        originals.setdefault((claim.source, None, *_copy_key(claim)), row)
        rows.append(row)
    return rows


def measures_of(brief: Brief) -> list[str]:
    """The measures the figures table holds, in first-seen order (the filter's choices)."""
    return list(dict.fromkeys(c.measure for c in brief.claims))


# --- the timeline ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    number: int  # 1-based position in brief.timeline: the element id is event-{number}
    entry: TimelineEntry
    cites: list[Quote]


@dataclass(frozen=True)
class TimelineDay:
    date: dt.date
    heading: str  # "Tue 11 Mar 2025"
    gap: str  # "2 days later", "" for the first day and the next day
    items: list[TimelineItem]


def timeline_days(brief: Brief, cites: Citations) -> list[TimelineDay]:
    """The timeline as days in order, each with its events and how long after the day before it came."""
    days: dict[dt.date, list[TimelineItem]] = {}
    for number, entry in enumerate(brief.timeline, start=1):
        quotes = [cites.quote(s, entry.text) for s in entry.sources]
        days.setdefault(entry.date, []).append(TimelineItem(number, entry, quotes))
    out: list[TimelineDay] = []
    previous: dt.date | None = None
    for day in sorted(days):
        gap = (day - previous).days if previous else 0
        later = f"{gap} days later" if gap > 1 else ""
        out.append(TimelineDay(day, f"{day:%a} {day.day} {day:%b %Y}", later, days[day]))
        previous = day
    return out


# --- the page --------------------------------------------------------------------------------------


def summary_cites(brief: Brief, cites: Citations) -> list[list[Quote]]:
    """Per summary sentence, where each of its sources says it."""
    return [[cites.quote(s, cited_text(sentence, s)) for s in sentence.sources] for sentence in brief.summary]


def page_context(brief: Brief, updated: str | None = None) -> dict[str, Any]:
    """What brief.html.j2 and the web's story.html.j2 render the shared sections from."""
    cites = Citations(brief)
    return {
        "brief": brief,
        "cites": cites,
        "status": status_line(brief, updated),
        "labels": {s.id: short_label(s) for s in brief.sources},
        "summary_cites": summary_cites(brief, cites),
        "summary_langs": language_marks(brief),
        "figure_groups": figure_groups(brief, cites),
        "measures": measures_of(brief),
        "timeline_days": timeline_days(brief, cites),
        "short_date": short_date,
    }
