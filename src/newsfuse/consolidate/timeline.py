"""Dates across the story: each source's publication date, dates resolved in the text, the timeline.

Publication date per source, in order of trust: metadata (HTML markup, JSON record fields; the WARC
reader gives the page's own date, else the crawl's WARC-Date, an upper bound, as "metadata"),
a dated page line the cleaner removed (a byline or meta bar with a year), a dateline opening the
article, a page-chrome date without a year only when it sits within a week after what the content
says, then inference: the date that makes the article's own dates most compact (a weekday is told
relative to the day it is published), and last the story's usual date, borrowed. A chrome date that
contradicts the content (a scrape date) is never used.

Sentence dates are resolved against their source's publication date (`analyze.timex`); a sentence
with a day and an event verb becomes a timeline event, and events of the same day told by several
sources (similar words, weighted by rarity) merge into one entry citing them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsfuse.analyze.timex import (
    PART_RANK,
    PartOfDay,
    Resolution,
    Tense,
    TimexMention,
    clock_part,
    find_timexes,
    month_words,
    non_event_verbs,
    part_words,
    sentence_tense,
    weekday_words,
)
from newsfuse.analyze.timex import resolve as resolve_timex
from newsfuse.ingest.dates import dateline_date, plausible_date
from newsfuse.models import AnalyzedArticle, PublishedFrom, Source, TimelineEntry

if TYPE_CHECKING:
    from newsfuse.consolidate.facts import ArticleFacts

__all__ = ["ArticleDates", "StoryDates", "date_story", "read_dates"]

# cleaning rules whose removed lines may carry the page's own date
_DATED_CHROME = {"page-date", "meta-bar", "byline", "dateline"}
_STORY_RADIUS = dt.timedelta(days=45)  # how far from the story's centre a date still dates the story
_DATE_EXTRA = {"late", "early", "night", "overnight", "day"}
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?")


def _date_words() -> set[str]:
    """Weekday, month and part-of-day words of every pack: no content words of an event."""
    return set(weekday_words()) | set(month_words()) | set(part_words()) | _DATE_EXTRA


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").replace("ʼ", "'")


MERGE_SIMILARITY = 0.3


@dataclass(frozen=True)
class StoryDates:
    """What the dates stage learnt about the story, for the brief and for the other stages."""

    published: list[tuple[dt.date | None, PublishedFrom | None]]  # per source, in source order
    first_seen: dt.date | None
    last_seen: dt.date | None
    timeline: list[TimelineEntry]
    # (source index, sentence start char) -> the date the sentence's event happened on
    sentence_dates: dict[tuple[int, int], dt.date] = field(default_factory=dict)
    # (source index, sentence start char) -> part of the day, when the sentence says it
    sentence_parts: dict[tuple[int, int], PartOfDay] = field(default_factory=dict)

    def date_of(self, source_index: int, sentence_start: int) -> dt.date | None:
        """The resolved date of the sentence starting at `sentence_start` in source `source_index`."""
        return self.sentence_dates.get((source_index, sentence_start))


@dataclass(frozen=True)
class _Mention:
    sentence: tuple[int, int]  # the sentence's [start, end) in the article text
    timex: TimexMention  # offsets relative to the sentence
    tense: Tense | None

    @property
    def calendar(self) -> bool:
        """Names a day of a month ("Sunday January 2"), so it does not need the publication date."""
        months = month_words()
        return bool(re.search(r"\d", self.timex.text)) and any(
            w.lower().rstrip(".") in months for w in re.findall(r"[^\W\d_]+\.?", self.timex.text)
        )


@dataclass
class ArticleDates:
    """What the dates stage reads of one article, found where the article is analysed (`read_dates`)."""

    mentions: list[_Mention]
    texts: dict[tuple[int, int], str]  # sentence span -> its text
    metadata: dt.date | None = None
    chrome: list[str] = field(default_factory=list)  # dated page lines the cleaner removed
    top_dateline: str | None = None
    inner_datelines: list[str] = field(default_factory=list)  # captions and later paragraphs
    # sentence span -> (it has an event verb, its content words), for the sentences with a mention
    events: dict[tuple[int, int], tuple[bool, frozenset[str]]] = field(default_factory=dict)


def date_story(analyzed: Sequence[ArticleFacts], sources: Sequence[Source]) -> StoryDates:
    """Publication dates, resolved sentence dates and the merged timeline."""
    found = [item.dates for item in analyzed]
    near = _story_centre(found)
    if near is None:
        return _undated(analyzed, found, sources)
    anchors = [_anchors(f, near) for f in found]
    story_days = sorted(d for a in anchors for d in a if abs(d - near) <= _STORY_RADIUS)
    earliest = story_days[0] if story_days else None
    published = [_publication(f, a, near, story_days) for f, a in zip(found, anchors, strict=True)]
    published = _borrow(published)

    sentence_dates: dict[tuple[int, int], dt.date] = {}
    sentence_parts: dict[tuple[int, int], PartOfDay] = {}
    events: list[_Event] = []
    for index, (source_found, (reference, _)) in enumerate(zip(found, published, strict=True)):
        for sentence, resolution, mention in _sentence_days(source_found, reference or near, earliest):
            key = (index, sentence[0])
            sentence_dates[key] = resolution.day  # type: ignore[assignment]
            if resolution.part_of_day:
                sentence_parts[key] = resolution.part_of_day
            event_verb, words = source_found.events[sentence]
            if event_verb:
                events.append(_Event(index, sentence, resolution, mention, words))

    days = [d for d, _ in published if d]
    low = min(days + story_days[:1], default=None)
    high = max(days, default=None)
    if low and high:
        week = dt.timedelta(days=7)  # differences of dates: never out of the calendar's range
        events = [e for e in events if low - e.day <= week and e.day - high <= week]
    timeline = _merge(events, analyzed, sources)
    first_seen = min([*days, *(t.date for t in timeline if not high or t.date <= high)], default=None)
    return StoryDates(
        published=published,
        first_seen=first_seen,
        last_seen=high,
        timeline=timeline,
        sentence_dates=sentence_dates,
        sentence_parts=sentence_parts,
    )


def _undated(
    analyzed: Sequence[ArticleFacts], found: Sequence[ArticleDates], sources: Sequence[Source]
) -> StoryDates:
    """No source and no text gives a date: relative dates stay unresolved, the timeline empty."""
    return StoryDates(published=[(None, None) for _ in found], first_seen=None, last_seen=None, timeline=[])


def read_dates(item: AnalyzedArticle) -> ArticleDates:
    """The time expressions of one analysed article, its datelines and its dated sentences' events."""
    article = item.article
    mentions = [
        _Mention((a, b), m, sentence_tense(article.text[a:b], m.start, article.language))
        for a, b in item.sentences
        for m in find_timexes(article.text[a:b])
    ]
    raw = article.raw
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    if article.title and paragraphs and paragraphs[0].strip() == article.title.strip():
        paragraphs = paragraphs[1:]
    datelines = [(n, d) for n, p in enumerate(paragraphs) if (d := dateline_date(p))]
    # a wire dateline among the first paragraphs (a photo caption may come first) dates the article
    top = next((n for n, p in enumerate(paragraphs[:3]) if dateline_date(p, wire_only=True)), None)
    mentions = [m for m in mentions if not _is_dateline(article.text, m)] or mentions
    return ArticleDates(
        mentions=mentions,
        texts={(a, b): article.text[a:b] for a, b in item.sentences},
        metadata=plausible_date(raw.published),
        chrome=[r.text for r in article.removed if r.rule in _DATED_CHROME],
        top_dateline=next((d for n, d in datelines if n == top), None),
        inner_datelines=[d for n, d in datelines if n != top],
        events={
            m.sentence: (_has_event_verb(item, m.sentence), _content_words(item, m.sentence))
            for m in mentions
        },
    )


def _is_dateline(text: str, m: _Mention) -> bool:
    """The mention is the date of a dateline opening its paragraph (not the date of the event)."""
    start = m.sentence[0]
    at_paragraph_start = start == 0 or text[max(0, start - 2) : start].endswith("\n")
    return (
        at_paragraph_start
        and m.timex.start < 40
        and dateline_date(text[start : m.sentence[1]]) == m.timex.text
    )


def _story_centre(found: Sequence[ArticleDates]) -> dt.date | None:
    """The date the story is about, for years left unwritten: from metadata, else written dates.

    None when nothing is dated: then only dates written with their year are resolved.
    """
    trusted = [f.metadata for f in found if f.metadata]
    for f in found:
        for text in [*f.chrome, *([f.top_dateline] if f.top_dateline else []), *f.inner_datelines]:
            trusted += [r.day for r in _absolute(text) if r.day]
    if trusted:
        return _median(trusted)
    written = [
        r.day
        for f in found
        for m in f.mentions
        if (r := _resolve(m.timex.text, None)) and r.day and not r.relative
    ]
    return _median(written) if written else None


def _resolve(
    expression: str,
    reference: dt.date | None,
    *,
    tense: Tense | None = None,
    earliest: dt.date | None = None,
) -> Resolution | None:
    """`timex.resolve`, kept to plausible days (`plausible_date`): "31 December 9999" or "3,000,000
    days ago" resolves to nothing, so that no date arithmetic of the story can overflow."""
    try:
        r = resolve_timex(expression, reference, tense=tense, earliest=earliest)
    except OverflowError:
        return None
    if r is None or all(plausible_date(d) for d in (r.day, r.until) if d is not None):
        return r
    return None


def _absolute(text: str) -> list[Resolution]:
    return [r for m in find_timexes(text) if (r := _resolve(m.text, None)) and r.day and not r.relative]


def _median(days: Sequence[dt.date]) -> dt.date:
    return dt.date.fromordinal(int(statistics.median_low([d.toordinal() for d in days])))


def _anchors(f: ArticleDates, near: dt.date) -> list[dt.date]:
    """Days the source names on the calendar (its own text and datelines), past or present tense."""
    days = []
    for m in f.mentions:
        if m.calendar and m.tense != "future":
            r = _resolve(m.timex.text, near)
            if r and r.day:
                days.append(r.day)
    for text in f.inner_datelines:
        r = _resolve(text, near)
        if r and r.day:
            days.append(r.day)
    return days


def _publication(
    f: ArticleDates, anchors: list[dt.date], near: dt.date, story_days: list[dt.date]
) -> tuple[dt.date | None, PublishedFrom | None]:
    if f.metadata:
        return f.metadata, "metadata"
    own = [d for d in anchors if abs(d - near) <= _STORY_RADIUS]
    for text in f.chrome:  # a dated byline or meta bar; a year makes it trustworthy
        for r in _absolute(text):
            if r.day and abs(r.day - near) <= _STORY_RADIUS and (not own or r.day >= max(own)):
                return r.day, "text"
    if f.top_dateline:
        dateline = _resolve(f.top_dateline, near)
        if dateline and dateline.day:
            return dateline.day, "text"
    content = own or story_days
    for text in f.chrome:  # no year: only when it sits just after what the content says
        for m in find_timexes(text):
            chrome = _resolve(m.text, near)
            after = chrome.day - max(content) if chrome and chrome.day and content else None
            if (
                chrome
                and chrome.day
                and after is not None
                and dt.timedelta(0) <= after <= dt.timedelta(days=7)
            ):
                return chrome.day, "text"
    return _infer(f, own, story_days), "inferred"


def _infer(f: ArticleDates, own: list[dt.date], story_days: list[dt.date]) -> dt.date | None:
    """The publication date that makes the source's dates most compact, earliest when tied.

    Only weekdays inform it ("yesterday" moves with any date); a weekday that would fall before
    the story's first known day costs the days it falls short. None when nothing informs it.
    """
    weekdays = [m for m in f.mentions if not m.calendar and _names_weekday(m.timex.text)]
    if own:
        start = max(own)
    elif story_days and weekdays:
        start = story_days[0]
    else:
        return None
    first = story_days[0] if story_days else None
    stop = max([*story_days, *own, start]) + dt.timedelta(days=6)
    best: tuple[int, dt.date] | None = None
    day = start
    while day <= stop:
        resolved = [r.day for m in weekdays if (r := _resolve(m.timex.text, day, tense=_tense(m))) and r.day]
        spread = [*resolved, *own, day]
        cost = (max(spread) - min(spread)).days
        if first:
            cost += sum((first - d).days for d in resolved if d < first)
        if best is None or cost < best[0]:
            best = (cost, day)
        day += dt.timedelta(days=1)
    return best[1] if best else start


def _names_weekday(text: str) -> bool:
    weekdays = weekday_words()
    return any(_norm(w) in weekdays and len(w) > 3 for w in _WORD.findall(text))


def _tense(m: _Mention) -> Tense | None:
    return m.tense


def _borrow(
    published: list[tuple[dt.date | None, PublishedFrom | None]],
) -> list[tuple[dt.date | None, PublishedFrom | None]]:
    """Sources with no date of their own take the story's most common one (the latest on a tie)."""
    counts = Counter(d for d, _ in published if d)
    if not counts:
        return [(None, None) for _ in published]
    usual = max(counts, key=lambda d: (counts[d], d))
    return [(d, f) if d else (usual, "inferred") for d, f in published]


def _sentence_days(
    f: ArticleDates, reference: dt.date, earliest: dt.date | None
) -> list[tuple[tuple[int, int], Resolution, TimexMention]]:
    """Each sentence's first expression that names a day, resolved."""
    out: list[tuple[tuple[int, int], Resolution, TimexMention]] = []
    done: set[tuple[int, int]] = set()
    for m in f.mentions:
        if m.sentence in done:
            continue
        r = _resolve(m.timex.text, reference, tense=_tense(m), earliest=earliest)
        if r and r.day and r.part_of_day is None:
            part = clock_part(f.texts[m.sentence])
            r = dataclasses.replace(r, part_of_day=part) if part else r
        if r and r.day:
            out.append((m.sentence, r, m.timex))
            done.add(m.sentence)
    return out


def _event(item: AnalyzedArticle, sentence: tuple[int, int]) -> tuple[bool, frozenset[str]]:
    """Whether a dated sentence tells an event (a verb other than of saying), and its content words."""
    return _has_event_verb(item, sentence), _content_words(item, sentence)


def _has_event_verb(item: AnalyzedArticle, sentence: tuple[int, int]) -> bool:
    doc = item.doc
    if doc is None or not doc.has_annotation("POS"):
        return True
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    if span is None:
        return True
    told = non_event_verbs()
    return any(t.pos_ == "VERB" and t.lemma_.lower() not in told for t in span)


def _content_words(item: AnalyzedArticle, sentence: tuple[int, int]) -> frozenset[str]:
    doc = item.doc
    text = item.article.text[sentence[0] : sentence[1]]
    date_words = _date_words()
    told = non_event_verbs()
    if doc is not None and doc.has_annotation("POS") and doc.has_annotation("LEMMA"):
        span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
        if span is not None:
            return frozenset(
                t.lemma_.lower()
                for t in span
                if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
                and not t.is_stop
                and t.lemma_.lower() not in date_words
                and t.lemma_.lower() not in told
                and any(ch.isalnum() for ch in t.text)
            )
    return frozenset(w for w in re.findall(r"\w{4,}", text.lower()) if w not in date_words)


@dataclass(frozen=True)
class _Event:
    source: int
    sentence: tuple[int, int]
    resolution: Resolution
    mention: TimexMention
    words: frozenset[str]

    @property
    def day(self) -> dt.date:
        assert self.resolution.day is not None
        return self.resolution.day


def _merge(
    events: list[_Event], analyzed: Sequence[ArticleFacts], sources: Sequence[Source]
) -> list[TimelineEntry]:
    """One entry per event: same day, similar words (rare words count more); all tellers cited."""
    frequency = Counter(w for e in events for w in e.words)
    weight = {w: math.log((1 + len(events)) / n) for w, n in frequency.items()}

    def similarity(a: _Event, b: _Event) -> float:
        shared = sum(weight[w] for w in a.words & b.words)
        smaller = min(sum(weight[w] for w in a.words), sum(weight[w] for w in b.words))
        return shared / smaller if smaller > 0 else 0.0

    groups: list[list[_Event]] = []
    # (day, word) -> the groups of that day with a member using the word: an event is compared
    # only with the groups it shares a word with (the others are at similarity 0)
    sharing: dict[tuple[dt.date, str], set[int]] = defaultdict(set)
    for event in events:
        candidates = sorted({g for w in event.words for g in sharing.get((event.day, w), ())})
        best = max(candidates, key=lambda g: max(similarity(event, m) for m in groups[g]), default=None)
        if best is not None and max(similarity(event, m) for m in groups[best]) >= MERGE_SIMILARITY:
            groups[best].append(event)
        else:
            best = len(groups)
            groups.append([event])
        for w in event.words:
            sharing[(event.day, w)].add(best)

    root = {s.id: s.duplicate_of or s.id for s in sources}
    entries: list[tuple[tuple[dt.date, int, int, int], TimelineEntry]] = []
    for group in groups:
        lead = max(group, key=lambda e: (sum(similarity(e, o) for o in group if o is not e), -e.source))
        cited = sorted({sources[e.source].id for e in group}, key=lambda s: int(s[1:]))
        part = lead.resolution.part_of_day
        text = analyzed[lead.source].article.text[lead.sentence[0] : lead.sentence[1]]
        entry = TimelineEntry(
            date=lead.day,
            text=" ".join(text.split()),
            sources=cited,
            part_of_day=part,
            time_text=lead.mention.text,
            support=len({root[s] for s in cited}),
        )
        entries.append(((lead.day, PART_RANK[part], lead.source, lead.sentence[0]), entry))
    return [e for _, e in sorted(entries, key=lambda pair: pair[0])]
