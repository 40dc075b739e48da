"""Copies and online story grouping: one article at a time, in publication order.

Pure: no files, no SQL. The store persists what this module decides and gives it back on restart.

- **Cheap features** (`newsfuse.cluster_features`): content words, capitalised phrases as
  named-entity candidates, numbers, and, given the language, names and places as terms every
  language shares. No spaCy parse.
- **Copies** (`newsfuse.copies.CopyIndex`, the streaming form of the one copy rule): a new
  article that repeats an earlier one (`duplicate_containment`) points at its original
  (`duplicate_of`) and joins its story while that story is current.
- **Stories** (`StoryGrouper`): an article's TF-IDF vector, entities weighted up, document
  frequencies counted online and blended with a prior from general word frequencies (`wordfreq`,
  worth `PRIOR_DOCUMENTS` documents: a young store still knows which words are rare), is scored
  against candidate stories: the better of the cosine with the story's centroid and (a little
  less) with its closest recent member, damped by the share of the article's entity weight the
  story lacks (two events of one kind differ in who and where). It joins the best story when the
  score reaches `story_similarity`, else starts a new story; any other candidate that also
  reaches `story_merge_similarity` is merged into it (the article joins them). Against a story's
  articles in other languages, the names, places and numbers are compared instead (`Parts`).
  Candidates come from blocking: an inverted index from each article's most distinctive terms,
  entities and cross-language terms to the stories holding them, within `story_window_days`, or
  `story_followup_days` for a follow-up that matches closely — never a scan of all stories.
  Stories idle for `active_days` leave memory, so cost and memory stay near-linear / bounded.

**Resumable exactly**: everything a decision reads is a function of what the store keeps, so a
grouper restored from the store (`StoryGrouper.restore`, after a kill or between two ingests)
decides as the one that ran on would have: vectors are rounded as stored (`VECTOR_DECIMALS`),
document frequencies are the weighted counts the store sums, idle stories leave memory only after
an article whose id is a multiple of `PRUNE_EVERY` (so the store can tell which are in memory:
`Store.grouping_state`), a merged story is rebuilt from its articles in article order (`rebuild`,
as `restore` builds it), and posting lists are read as the `POSTING_CAP` most recent live
stories, whatever stale entries they still hold.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsfuse.cluster_features import (
    NAME_KEY,
    PLACE_KEY,
    Features,
    article_features,
    prior_document_rate,
)
from newsfuse.config import Settings
from newsfuse.copies import CopyIndex, minhash_signature

VECTOR_TERMS = 100  # terms kept per article vector
CENTROID_TERMS = 240  # terms kept per story centroid
BLOCKING_KEYS = 10  # distinctive terms per article that index its story
POSTING_CAP = 400  # most recent stories kept per blocking key
CANDIDATES = 25  # candidate stories scored per article
ENTITY_WEIGHT = 1.5
MEMBER_VECTORS = 20  # recent article vectors kept per story for closest-member similarity
MEMBER_FACTOR = 0.8  # the closest member counts for a little less than the centroid
ENTITY_AGREEMENT_POWER = 0.15  # how hard entities the story lacks pull the score down
PRIOR_DOCUMENTS = 1000.0  # pseudo-documents the word-frequency prior of document frequency counts for
UNIVERSAL_TERMS = 40  # cross-language terms kept per article vector
UNIVERSAL_BLOCKING_KEYS = 6  # of which index its story for articles in other languages
CROSS_FACTOR = 0.6  # a cross-language match (names, places, numbers) counts for this much of a word match
VECTOR_DECIMALS = 5  # vector weights are rounded to what the store keeps: a restored grouper reads the same
PRUNE_EVERY = 1000  # idle stories leave memory after each article whose id is a multiple of this


# --- stories ----------------------------------------------------------------------------------------


def is_universal(term: str) -> bool:
    """Whether a vector term is one of the cross-language terms (names, places, numbers)."""
    return term[:1] in _UNIVERSAL_PREFIXES


_UNIVERSAL_PREFIXES = frozenset({NAME_KEY, PLACE_KEY, "="})


@dataclass(frozen=True)
class Parts:
    """An article's vector cut in two unit vectors: its words and its cross-language terms."""

    words: Mapping[str, float]
    universal: Mapping[str, float]
    language: str | None = None

    @classmethod
    def of(cls, vector: Mapping[str, float], language: str | None = None) -> Parts:
        words: dict[str, float] = {}
        universal: dict[str, float] = {}
        for term, weight in vector.items():
            (universal if term[:1] in _UNIVERSAL_PREFIXES else words)[term] = weight
        return cls(words, universal, language)


def _dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    return sum(w * large.get(t, 0.0) for t, w in small.items())


@dataclass
class StoryState:
    """What the grouper keeps in memory about an active story.

    An article's vector holds two unit vectors side by side (`Parts`): its words (TF-IDF, compared
    within a language) and its cross-language terms (`is_universal`: name keys, places, numbers),
    compared with the story's articles written in other languages.
    """

    id: int
    centroid: dict[str, float] = field(default_factory=dict)  # words
    universal: dict[str, float] = field(default_factory=dict)  # cross-language terms
    norm: float = 0.0
    universal_norm: float = 0.0
    keys: set[str] = field(default_factory=set)
    first: dt.date | None = None
    last: dt.date | None = None
    articles: list[int] = field(default_factory=list)
    members: deque[Parts] = field(default_factory=lambda: deque(maxlen=MEMBER_VECTORS))
    languages: Counter[str] = field(default_factory=Counter)

    def absorb(self, parts: Parts, keys: Iterable[str], when: dt.date | None) -> None:
        self.centroid, self.norm = _add(self.centroid, parts.words, CENTROID_TERMS)
        self.universal, self.universal_norm = _add(self.universal, parts.universal, UNIVERSAL_TERMS * 2)
        self.keys.update(keys)
        if when is not None:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)

    def similarity(self, parts: Parts) -> float:
        """Cosine of the article's words with the story's centroid."""
        return _dot(parts.words, self.centroid) / self.norm if self.norm else 0.0

    def member_similarity(self, parts: Parts) -> float:
        """Cosine of the words with the closest of the story's recent articles (vectors are unit length)."""
        return max((_dot(parts.words, m.words) for m in self.members), default=0.0)

    def cross_similarity(self, parts: Parts) -> float:
        """Cosine of the cross-language terms with the story's articles in other languages (0 without)."""
        language = parts.language
        if language is None or not parts.universal:
            return 0.0
        best = max(
            (_dot(parts.universal, m.universal) for m in self.members if m.language not in (None, language)),
            default=0.0,
        )
        if self.universal_norm and self.languages and language not in self.languages:
            best = max(best, _dot(parts.universal, self.universal) / self.universal_norm)
        return best

    def entity_agreement(self, parts: Parts) -> float:
        """Share of the article's entity weight that the story's centroid also holds (1 without entities)."""
        total = shared = 0.0
        for term, weight in parts.words.items():
            if term[0] == "@":
                total += weight * weight
                if term in self.centroid:
                    shared += weight * weight
        return shared / total if total else 1.0

    def score(self, parts: Parts) -> float:
        """How well the article fits: its words' match (centroid or closest member, damped by entity
        disagreement), or its names, places and numbers matched with the story's other languages."""
        base = max(self.similarity(parts), MEMBER_FACTOR * self.member_similarity(parts))
        lexical = base * float(self.entity_agreement(parts) ** ENTITY_AGREEMENT_POWER)
        if parts.language is None or not self.languages.keys() - {parts.language}:
            return lexical  # nothing in another language to compare with
        return max(lexical, CROSS_FACTOR * self.cross_similarity(parts))


def _add(centroid: dict[str, float], vector: Mapping[str, float], cap: int) -> tuple[dict[str, float], float]:
    """The centroid with a vector added (its `cap` heaviest terms kept past twice that), and its norm."""
    for term, weight in vector.items():
        centroid[term] = centroid.get(term, 0.0) + weight
    if len(centroid) > cap * 2:
        centroid = dict(sorted(centroid.items(), key=lambda kv: -kv[1])[:cap])
    return centroid, math.sqrt(sum(w * w for w in centroid.values()))


@dataclass(frozen=True)
class Placement:
    """Where an article goes: a story (None = a new one), the stories it merges, the copy it is."""

    story: int | None
    merges: tuple[int, ...]
    duplicate_of: int | None
    vector: dict[str, float]
    keys: tuple[str, ...]
    score: float
    revision_of: int | None = None  # the older revision this article supersedes


class StoryGrouper:
    """Online grouping of articles into stories; `place` decides, `commit` remembers."""

    def __init__(self, settings: Settings | None = None, *, prune_every: int = PRUNE_EVERY) -> None:
        self.settings = settings or Settings()
        self.prune_every = prune_every  # idle stories leave after each article id this divides
        self.window = dt.timedelta(days=self.settings.story_window_days)
        # how far a follow-up may be from its story (never less than the window)
        self.reach = max(self.window, dt.timedelta(days=self.settings.story_followup_days))
        self.df: Counter[str] = Counter()  # weighted counts (`Features.counts` summed), as stored
        self.seen = 0
        self.stories: dict[int, StoryState] = {}
        self.merged_into: dict[int, int] = {}
        self.postings: dict[str, OrderedDict[int, None]] = {}
        self.copies = CopyIndex(self.settings.duplicate_containment)
        self._article_story: dict[int, int] = {}
        self._latest: dt.date | None = None

    @staticmethod
    def active_days(settings: Settings) -> int:
        """Days before the latest article within which a story stays in memory (and is restored)."""
        return settings.story_window_days + max(settings.story_window_days, settings.story_followup_days)

    @classmethod
    def restore(
        cls,
        settings: Settings | None,
        seen: int,
        df: Mapping[str, float],
        rows: Iterable[Any],
        *,
        prune_every: int = PRUNE_EVERY,
    ) -> StoryGrouper:
        """A grouper in the state the store recorded (rows: `store.GroupingRow`, in article order)."""
        grouper = cls(settings, prune_every=prune_every)
        grouper.seen = seen
        grouper.df = Counter(df)
        for row in rows:
            grouper.remember(
                row.article_id,
                row.story_id,
                row.vector,
                row.keys,
                (),
                row.published,
                count=False,
                language=getattr(row, "language", None) or None,
            )
            if row.minhash is not None and not getattr(row, "superseded", False):
                original = getattr(row, "duplicate_of", None)
                grouper.copies.add(row.article_id, row.minhash, row.shingles, row.url, original)
        return grouper

    def rebuild(self, story_id: int, rows: Iterable[Any]) -> None:
        """Make a story's state what `restore` would build from its articles (rows in article order).

        Called after a merge: summing the absorbed story's centroid into the other's would depend on
        the order the stories grew in, which a restored grouper cannot know.
        """
        story = self.stories[story_id] = StoryState(story_id)
        for row in rows:
            language = getattr(row, "language", None) or None
            parts = Parts.of(row.vector, language)
            story.absorb(parts, row.keys, row.published)
            story.members.append(parts)
            if language:
                story.languages[language] += 1
            story.articles.append(row.article_id)
            self._article_story[row.article_id] = story_id

    # -- deciding ------------------------------------------------------------------------------

    def vector(self, features: Features) -> tuple[dict[str, float], tuple[str, ...]]:
        """The article's unit TF-IDF vector (current document frequencies) and its blocking keys.

        Words and cross-language terms are normalised apart (see `StoryState`); numbers count in
        both, as "#n" among the words and "=n" among the cross-language terms.
        """
        n = self.seen + 1 + PRIOR_DOCUMENTS
        weights: dict[str, float] = {}
        for term, count in features.counts.items():
            rate = features.priors.get(term)
            prior = PRIOR_DOCUMENTS * (prior_document_rate(term) if rate is None else rate)
            idf = math.log(n / (self.df.get(term, 0) + prior + 0.5))
            boost = ENTITY_WEIGHT if term[0] == "@" else 1.0
            weights[term] = (1 + math.log(count)) * idf * boost if count >= 1 else count * idf * boost
        words = [(t, w) for t, w in weights.items() if not is_universal(t)]
        top = sorted(words, key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vector = {t: round(w / norm, VECTOR_DECIMALS) for t, w in top}
        keys = tuple(t for t, _ in top if t[0] != "#")[:BLOCKING_KEYS]
        if features.language:
            universal = [
                ("=" + t[1:] if t[0] == "#" else t, w)
                for t, w in weights.items()
                if (t[0] == "#" or is_universal(t)) and w > 0
            ]
            top_universal = sorted(universal, key=lambda kv: (-kv[1], kv[0]))[:UNIVERSAL_TERMS]
            norm = math.sqrt(sum(w * w for _, w in top_universal)) or 1.0
            vector.update((t, round(w / norm, VECTOR_DECIMALS)) for t, w in top_universal)
            named = [t for t, _ in top_universal if t[0] != "="][:UNIVERSAL_BLOCKING_KEYS]
            keys += tuple(t for t in named if t not in keys)
        return vector, keys

    def place(
        self,
        features: Features,
        when: dt.date | None,
        *,
        signature: bytes | None = None,
        url: str | None = None,
        revision_of: int | None = None,
    ) -> Placement:
        """Where the next article goes; changes nothing (call `commit` once it is stored)."""
        vector, keys = self.vector(features)
        if revision_of is not None and revision_of in self._article_story:
            story = self.resolve(self._article_story[revision_of])
            return Placement(story, (), None, vector, keys, 1.0, revision_of)
        copy_of = None
        if signature is not None:
            copy_of = self.copies.find(signature, len(features.shingles), url)
        if copy_of is not None and copy_of in self._article_story:
            story = self.resolve(self._article_story[copy_of])
            state = self.stories.get(story)
            # a reprint joins its original's story while that story is current, like any article
            if state is None or self._in_window(state, when, self.window):
                return Placement(story, (), copy_of, vector, keys, 1.0)
        # a story beyond the window takes a follow-up (an arrest, a funeral) only on a closer match
        settings = self.settings
        parts = Parts.of(vector, features.language)
        scored = sorted(
            (
                (s.score(parts), s.id, self._in_window(s, when, self.window))
                for s in self.candidates(keys, when)
            ),
            key=lambda triple: (-triple[0], triple[1]),
        )
        joinable = [
            (score, sid, near)
            for score, sid, near in scored
            if score >= (settings.story_similarity if near else settings.story_followup_similarity)
        ]
        if not joinable:
            return Placement(None, (), copy_of, vector, keys, scored[0][0] if scored else 0.0)
        best_score, best, _ = joinable[0]
        merge_bar = settings.story_merge_similarity
        merges = tuple(
            sid
            for score, sid, near in joinable[1:]
            if score >= (merge_bar if near else max(merge_bar, settings.story_followup_similarity))
        )
        keep = min((best, *merges))  # the oldest story keeps its id
        absorbed = tuple(sorted({best, *merges} - {keep}))
        return Placement(keep, absorbed, copy_of, vector, keys, best_score)

    def candidates(self, keys: Iterable[str], when: dt.date | None) -> list[StoryState]:
        """Stories sharing a distinctive key with the article, within the window, best first."""
        shared: Counter[int] = Counter()
        for key in keys:
            shared.update(self._posted(key))
        found: list[StoryState] = []
        for story_id, _ in sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0])):
            story = self.stories.get(story_id)
            if story is None or not self._in_window(story, when, self.reach):
                continue
            found.append(story)
            if len(found) >= CANDIDATES:
                break
        return found

    def _posted(self, key: str) -> list[int]:
        """The `POSTING_CAP` live stories holding `key` most recently (by their latest such article).

        Read from the newest entry back, merged stories resolved, stale ones skipped: the answer
        depends only on the live stories, as in a grouper restored from the store.
        """
        found: dict[int, None] = {}
        for story_id in reversed(self.postings.get(key, {})):
            live = self.resolve(story_id)
            if live in self.stories and live not in found:
                found[live] = None
                if len(found) >= POSTING_CAP:
                    break
        return list(found)

    def _in_window(self, story: StoryState, when: dt.date | None, window: dt.timedelta) -> bool:
        """Is `when` within `window` of the story's dates? Differences of dates, which never overflow
        (a date plus or minus the window does at the ends of the calendar)."""
        if when is None or story.last is None or story.first is None:
            return True
        return story.first - when <= window and when - story.last <= window

    def resolve(self, story_id: int) -> int:
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    # -- remembering ---------------------------------------------------------------------------

    def commit(
        self,
        article_id: int,
        story_id: int,
        placement: Placement,
        features: Features,
        when: dt.date | None,
        *,
        signature: bytes | None = None,
        url: str | None = None,
        rows_of: Callable[[int], Iterable[Any]] | None = None,
    ) -> None:
        """Remember a stored article: its story (and merges), document frequencies, its MinHash
        (a superseded revision's is forgotten). After a merge the story is rebuilt from
        `rows_of(story_id)` (its articles' rows in article order, as the store keeps them), before
        idle stories are pruned: a story pruned first would be missing, or come back unpruned."""
        self.remember(
            article_id,
            story_id,
            placement.vector,
            placement.keys,
            features.counts,
            when,
            placement.merges,
            language=features.language,
        )
        if placement.revision_of is not None:
            self.copies.forget([placement.revision_of])
        if signature is not None:
            self.copies.add(article_id, signature, len(features.shingles), url, placement.duplicate_of)
        if placement.merges and rows_of is not None:  # as a grouper restored from the store holds it
            self.rebuild(story_id, rows_of(story_id))
        if article_id % self.prune_every == 0:  # last: the article itself may belong to an idle story
            self.prune()

    def remember(
        self,
        article_id: int,
        story_id: int,
        vector: Mapping[str, float],
        keys: Sequence[str],
        terms: Iterable[str],
        when: dt.date | None,
        merges: Sequence[int] = (),
        *,
        count: bool = True,
        language: str | None = None,
    ) -> None:
        """Add an article to the state (`count=False`: restoring, frequencies already counted)."""
        if count:
            self.seen += 1
            self.df.update(terms)
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryState(story_id)
        for other_id in merges:
            self.merge(other_id, story_id)
        parts = Parts.of(vector, language)
        story.absorb(parts, keys, when)
        story.members.append(parts)
        if language:
            story.languages[language] += 1
        story.articles.append(article_id)
        for key in keys:
            posting = self.postings.setdefault(key, OrderedDict())
            posting.pop(story_id, None)
            posting[story_id] = None
        self._article_story[article_id] = story_id
        if when is not None and (self._latest is None or when > self._latest):
            self._latest = when

    def merge(self, absorbed_id: int, into_id: int) -> None:
        """Story `absorbed_id` becomes part of `into_id`."""
        absorbed = self.stories.pop(absorbed_id, None)
        self.merged_into[absorbed_id] = into_id
        into = self.stories.get(into_id)
        if into is None:
            into = self.stories[into_id] = StoryState(into_id)
        if absorbed is None:
            return
        into.absorb(Parts(absorbed.centroid, absorbed.universal), absorbed.keys, absorbed.first)
        if absorbed.last is not None:
            into.absorb(Parts({}, {}), (), absorbed.last)
        into.articles.extend(absorbed.articles)
        into.members.extend(absorbed.members)
        into.languages.update(absorbed.languages)
        for article_id in absorbed.articles:
            self._article_story[article_id] = into_id

    def prune(self) -> None:
        """Forget stories idle for `active_days` before the latest date seen: bounded memory.

        Called after each article whose id is a multiple of `prune_every`, never at a time the
        store cannot tell: `Store.grouping_state` loads exactly the stories still in memory.
        """
        if self._latest is None:
            return
        idle_for = self.window + self.reach  # compared as a difference: no date arithmetic to overflow
        idle = [s for s in self.stories.values() if s.last is not None and self._latest - s.last > idle_for]
        for story in idle:
            del self.stories[story.id]
            self.copies.forget(story.articles)
            for article_id in story.articles:
                self._article_story.pop(article_id, None)
        for key in list(self.postings):  # entries of stories gone (memory only: `_posted` skips them)
            posting = self.postings[key]
            for story_id in [s for s in posting if self.resolve(s) not in self.stories]:
                del posting[story_id]
            if not posting:
                del self.postings[key]
        self.merged_into = {a: b for a, b in self.merged_into.items() if self.resolve(b) in self.stories}


# --- batch: a list of articles grouped as a stream (brief's stories, benchmarks) ----------------


@dataclass(frozen=True)
class Item:
    """One article for `group_stories`: its text, title, date and language (ISO 639-1), and its
    grouping features and MinHash when they were computed already (where it was read)."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    features: Features | None = None
    signature: bytes | None = None


def group_stories(items: Sequence[Item], settings: Settings | None = None) -> list[int]:
    """Story label of each item, grouped online in publication order (dated first, then input order).

    As `ingest` groups a stream: a merged story is rebuilt from its articles in the order they came.
    """
    grouper = StoryGrouper(settings)
    story_of: dict[int, int] = {}
    merged: dict[int, int] = {}
    rows: dict[int, _Row] = {}  # what a store would keep of each placed article
    order = sorted(range(len(items)), key=lambda i: (items[i].published or dt.date.max, i))
    for article_id in order:
        item = items[article_id]
        features = item.features or article_features(item.text, item.title, item.language)
        signature = item.signature or minhash_signature(features.shingles)
        placement = grouper.place(features, item.published, signature=signature, url=item.url)
        story_id = placement.story if placement.story is not None else len(story_of) + len(items) + 1
        for absorbed in placement.merges:
            merged[absorbed] = story_id
        story_of[article_id] = story_id
        rows[article_id] = _Row(
            article_id, len(rows), placement.vector, placement.keys, item.published, features.language
        )
        grouper.commit(
            article_id,
            story_id,
            placement,
            features,
            item.published,
            signature=signature,
            url=item.url,
            rows_of=lambda story: sorted(
                (rows[a] for a in grouper.stories[story].articles), key=lambda r: r.seq
            ),
        )

    def final(story_id: int) -> int:
        while story_id in merged:
            story_id = merged[story_id]
        return story_id

    return [final(story_of[i]) for i in range(len(items))]


@dataclass(frozen=True)
class _Row:
    """One placed article as `StoryGrouper.rebuild` reads it (a store's `GroupingRow`, in memory)."""

    article_id: int
    seq: int  # the order it was placed in (a store's article id)
    vector: Mapping[str, float]
    keys: Sequence[str]
    published: dt.date | None
    language: str | None
