"""The front door: the CLI, the web app and library users all call these functions."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from newsfuse.clean import clean_raw
from newsfuse.clean.cap import cap_note
from newsfuse.cluster import PRUNE_EVERY
from newsfuse.cluster_features import AlreadyStored, IngestStep, Ready, ready
from newsfuse.config import Settings
from newsfuse.consolidate import assemble_brief
from newsfuse.consolidate.facts import AnalyseStep, ArticleFacts, BriefStep
from newsfuse.engine import Engine, LocalEngine, stop
from newsfuse.engine.base import chunks
from newsfuse.errors import InputError, NoArticlesError
from newsfuse.ingest import raw_key, read_inputs
from newsfuse.models import Article, Brief, OtherStory, RawArticle
from newsfuse.store import DEFAULT_PATH, Store, StoryQuery, open_store

if TYPE_CHECKING:
    from newsfuse.story_briefs import BriefSource
    from newsfuse.story_list import Memory

Progress = Callable[[str, int, int | None], None]  # (stage, done, total or None)


def brief(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
    engine: Engine | None = None,
    group: bool = True,
) -> Brief:
    """The brief of the story told by the articles under `paths` (files, folders, "-" for stdin).

    The articles are grouped into stories as `ingest` groups them; when they hold several, the
    largest is briefed and the others are listed in `Brief.other_stories` (titles and paths):
    their figures are never compared with its. `group=False` briefs every article as one story.
    Inputs that cannot be read are reported to `on_problem` (and listed in `Brief.skipped`);
    raises NoArticlesError when none can. `engine` runs the per-article work (cleaning and
    analysis; default: in this process); the brief is the same whichever runs it.
    """
    settings = settings or Settings()
    analyzed, problems = _analyse_inputs(paths, settings, on_problem, progress, stdin, engine, group)
    stories = story_groups(analyzed, settings) if group else [list(range(len(analyzed)))]
    return _story_brief(analyzed, stories, 0, problems, settings)


def brief_stories(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
    engine: Engine | None = None,
    group: bool = True,
) -> list[Brief]:
    """One brief per story the articles under `paths` hold, largest first (the first is `brief`'s).

    Each article is read and analysed once; each brief lists the other stories in `other_stories`
    and compares figures only among its own articles. Arguments as for `brief`.
    """
    settings = settings or Settings()
    analyzed, problems = _analyse_inputs(paths, settings, on_problem, progress, stdin, engine, group)
    stories = story_groups(analyzed, settings) if group else [list(range(len(analyzed)))]
    return [_story_brief(analyzed, stories, n, problems, settings) for n in range(len(stories))]


def story_groups(analyzed: Sequence[ArticleFacts], settings: Settings | None = None) -> list[list[int]]:
    """The stories among analysed articles (indices, in input order), largest first.

    Grouped by `cluster.group_stories`, as `ingest` groups a stream (copies join their original's
    story). Ties go to the story with the earliest-published article (undated ones last), then
    to the one whose first article came first in the input: the order never depends on chance.
    """
    from newsfuse.cluster import Item, group_stories

    items = [
        Item(
            text=a.article.text,
            title=a.article.title,
            published=a.article.raw.published,
            url=a.article.raw.url,
            language=a.article.language,
            features=a.features,
            signature=a.signature,
        )
        for a in analyzed
    ]
    members: dict[int, list[int]] = {}
    for n, label in enumerate(group_stories(items, settings)):
        members.setdefault(label, []).append(n)

    def rank(story: list[int]) -> tuple[int, bool, dt.date, int]:
        dates = [d for n in story if (d := analyzed[n].article.raw.published) is not None]
        return (-len(story), not dates, min(dates, default=dt.date.max), story[0])

    return sorted(members.values(), key=rank)


def story_label(articles: Sequence[Article]) -> str:
    """A title a reader recognises a story by: the headline of its earliest report.

    Earliest by publication date (undated reports after dated ones, then input order), its
    outlet's name trimmed off; without any headline, the opening words of that report.
    """
    from newsfuse.consolidate.summary import clean_title

    order = sorted(
        range(len(articles)),
        key=lambda n: (articles[n].raw.published is None, articles[n].raw.published or dt.date.max, n),
    )
    for n in order:
        title = clean_title(articles[n].title or "", articles[n].raw.outlet)
        if title:
            return title
    words = articles[order[0]].text.split() if articles else []
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "") if words else "Untitled story"


def _story_brief(
    analyzed: Sequence[ArticleFacts],
    stories: Sequence[Sequence[int]],
    chosen: int,
    problems: Sequence[InputError],
    settings: Settings,
) -> Brief:
    """The brief of one of `stories`, listing the others; only its own articles are assembled."""
    result = assemble_brief([analyzed[n] for n in stories[chosen]], problems, settings)
    others = [
        OtherStory(
            title=story_label([analyzed[n].article for n in story]),
            paths=[analyzed[n].article.raw.where for n in story],
        )
        for k, story in enumerate(stories)
        if k != chosen
    ]
    return result.model_copy(update={"other_stories": others}) if others else result


def _analyse_inputs(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    settings: Settings,
    on_problem: Callable[[InputError], None] | None,
    progress: Progress | None,
    stdin: BinaryIO | None,
    engine: Engine | None,
    group: bool,
) -> tuple[list[ArticleFacts], list[InputError]]:
    """Read, clean and analyse every input once; the problems, unreadable inputs first."""
    path_list = [os.fspath(paths)] if isinstance(paths, str | os.PathLike) else [os.fspath(p) for p in paths]
    read_problems: list[InputError] = []
    clean_problems: list[InputError] = []
    counts = {"read": 0, "analyse": 0}

    def raws() -> Iterator[RawArticle]:
        for item in read_inputs(path_list, settings, stdin=stdin):
            if isinstance(item, InputError):
                read_problems.append(item)
                if on_problem:
                    on_problem(item)
                continue
            counts["read"] += 1
            if progress:
                progress("read", counts["read"], None)
            yield item

    analyzed: list[ArticleFacts] = []
    for result in (engine or LocalEngine(1)).run(BriefStep(settings, group), raws()):
        if isinstance(result, InputError):
            clean_problems.append(result)
            if on_problem:
                on_problem(result)
        else:
            analyzed.append(result)
        counts["analyse"] += 1
        if progress:
            progress("analyse", counts["analyse"], None)
    problems = read_problems + clean_problems  # unreadable inputs first, as the brief lists them
    if not analyzed:
        raise NoArticlesError(_nothing_found(path_list, problems))
    return analyzed, problems


def clean_articles(
    raws: Sequence[RawArticle],
    *,
    settings: Settings | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
) -> list[Article]:
    """Language identification and cleaning of each article, in this process; empty results are problems."""
    settings = settings or Settings()
    articles: list[Article] = []
    for n, raw in enumerate(raws, start=1):
        cleaned = clean_raw(raw, settings)
        if isinstance(cleaned, InputError):
            if on_problem:
                on_problem(cleaned)
        else:
            articles.append(cleaned)
        if progress:
            progress("clean", n, len(raws))
    return articles


@dataclass
class IngestReport:
    """What one ingest did."""

    read: int = 0  # inputs read (articles)
    added: int = 0  # new articles stored (new revisions included)
    revisions: int = 0  # of which new revisions of a known URL
    unchanged: int = 0  # already stored, skipped
    copies: int = 0  # added articles marked as copies of an earlier one
    new_stories: int = 0
    merges: int = 0  # stories merged into another
    problems: int = 0  # inputs skipped (unreadable, or no text left after cleaning)


log = logging.getLogger(__name__)

INGEST_CHUNK = 256  # articles read and cleaned at a time; ordered by publication date within it
WRITE_BATCH = 50  # articles stored per SQLite transaction
TEST_HOOK_ENV = "NEWSFUSE_TEST_INGEST"  # the kill test's hook: see `_TestHook`


@dataclass(frozen=True)
class _TestHook:
    """What the kill test (tests/test_kill.py, bench/killtest.py) asks of an ingest, read from
    `TEST_HOOK_ENV`, e.g. "signal_after=120:KILL,chunk=16,batch=5,prune=40": send this process a
    signal once it has added N articles (inside the open write transaction), and smaller chunks,
    write batches and prune period, so that a small corpus crosses every boundary. Unset: no hook."""

    signal_after: int | None = None
    signum: int = 9  # SIGKILL
    chunk: int = INGEST_CHUNK
    batch: int = WRITE_BATCH
    prune: int = PRUNE_EVERY

    @classmethod
    def read(cls) -> _TestHook:
        import signal

        fields: dict[str, int] = {}
        for part in filter(None, os.environ.get(TEST_HOOK_ENV, "").split(",")):
            name, _, value = part.partition("=")
            if name == "signal_after":
                count, _, signame = value.partition(":")
                fields |= {"signal_after": int(count), "signum": signal.Signals[f"SIG{signame or 'KILL'}"]}
            else:
                fields[name] = int(value)
        return cls(**fields)


def ingest(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | Store = DEFAULT_PATH,
    *,
    settings: Settings | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
    engine: Engine | None = None,
) -> IngestReport:
    """Read, clean and store the articles under `paths`, marking copies and grouping them into stories.

    `db` is a store path (created when missing) or an open `Store`. Inputs already stored are
    skipped before cleaning, so re-running an interrupted ingest finishes it without doubles.
    Articles are grouped in publication order within each chunk of `INGEST_CHUNK` inputs.
    `engine` runs the per-article work (cleaning, grouping features; default: in this process);
    reading and grouping stay here, and the stories are the same whichever engine runs it.

    Resuming is exact: an ingest stopped or killed at any point and run again stores the same
    articles, stories (ids included) and copies as one run to the end. Inputs are cut into the
    same chunks (by input position, stored ones included), a chunk's new articles are placed in
    the same order, and the grouper restored from the store is the one that would have run on.
    A stop requested by a signal (`engine.stop`) ends it between two write transactions
    (`engine.stop.Stopped`, with the `IngestReport` so far).
    """
    settings = settings or Settings()
    path_list = [os.fspath(paths)] if isinstance(paths, str | os.PathLike) else [os.fspath(p) for p in paths]
    items = read_inputs(path_list, settings, stdin=stdin)
    return ingest_items(items, db, settings=settings, on_problem=on_problem, progress=progress, engine=engine)


def ingest_items(
    items: Iterable[RawArticle | InputError],
    db: str | os.PathLike[str] | Store = DEFAULT_PATH,
    *,
    settings: Settings | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> IngestReport:
    """`ingest` of articles already read (e.g. `ingest.read_bytes` of an upload), errors included.

    The engine works ahead of the store by a few chunks; an input it was handed that an earlier
    chunk has stored in the meantime is counted unchanged, as if it had been checked just before
    its own chunk (the store only grows, so the two checks together are that one check).
    """
    settings = settings or Settings()
    report = IngestReport()

    def problem(error: InputError) -> None:
        report.problems += 1
        if on_problem:
            on_problem(error)

    store = db if isinstance(db, Store) else open_store(db)
    try:
        with store.writer():
            session = _Ingest(store, settings, report, progress)
            unread: deque[bool] = deque()  # per input handed to the engine: was it a read problem

            def marked() -> Iterator[RawArticle | InputError | AlreadyStored]:
                for item in items:
                    stop.check()
                    unread.append(isinstance(item, InputError))
                    if isinstance(item, RawArticle) and store.has_raw(raw_key(item)):
                        yield AlreadyStored()
                    else:
                        yield item

            results = (engine or LocalEngine(1)).run(IngestStep(settings), marked())
            for chunk in chunks(results, session.hook.chunk):
                fresh: list[Ready] = []
                cleaning_problems: list[InputError] = []
                for result in chunk:
                    if unread.popleft():
                        problem(result)  # type: ignore[arg-type]  # read problems pass through as they came
                        continue
                    report.read += 1
                    if isinstance(result, AlreadyStored) or (
                        isinstance(result, Ready) and store.has_raw(result.raw_hash)
                    ):
                        report.unchanged += 1
                    elif isinstance(result, InputError):
                        cleaning_problems.append(result)
                    else:
                        fresh.append(result)
                for error in cleaning_problems:
                    problem(error)
                session.add_all(fresh)
                if progress:
                    progress("ingest", report.read, None)
    except stop.Stopped as stopped:
        stopped.report = report
        raise
    finally:
        if not isinstance(db, Store):
            store.close()
    return report


def add_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Store already cleaned articles, in the order given (for engines and benchmarks)."""
    settings = settings or Settings()
    report = IngestReport()
    with store.writer():
        session = _Ingest(store, settings, report, progress)
        for chunk in chunks(articles, INGEST_CHUNK):
            report.read += len(chunk)
            session.add_all([ready(a, raw_key(a.raw)) for a in chunk], keep_order=True)
    return report


class _Ingest:
    """Grouping state resumed from the store, and the article-by-article write loop."""

    def __init__(self, store: Store, settings: Settings, report: IngestReport, progress: Progress | None):
        from newsfuse.cluster import StoryGrouper

        self.store, self.settings, self.report, self.progress = store, settings, report, progress
        self.hook = _TestHook.read()
        seen, df, rows = store.grouping_state(StoryGrouper.active_days(settings), self.hook.prune)
        self.grouper = StoryGrouper.restore(settings, seen, df, rows, prune_every=self.hook.prune)

    def add_all(self, items: Sequence[Ready], *, keep_order: bool = False) -> None:
        """Store articles, `WRITE_BATCH` to a transaction (kill -9 loses at most one; a re-run redoes it)."""
        order: Sequence[int] = range(len(items))
        if not keep_order:
            published = [item.article.raw.published for item in items]
            order = sorted(order, key=lambda i: (published[i] is None, published[i], i))
        size = self.hook.batch
        for start in range(0, len(order), size):
            stop.check()  # between two transactions: a stop leaves nothing half-written
            with self.store.batch():
                self._add_batch([items[i] for i in order[start : start + size]])

    def _add_batch(self, items: Sequence[Ready]) -> None:
        for item in items:
            article, features, signature = item.article, item.features, item.signature
            known = self.store.find(article.raw.url, article.fingerprint)
            if known is not None and known.kind == "same":
                self.report.unchanged += 1
                continue
            when = article.raw.published
            key = self.store_url(article)
            placement = self.grouper.place(
                features,
                when,
                signature=signature,
                url=key,
                revision_of=known.article_id if known else None,
            )
            article_id, story_id = self.store.add(
                article,
                raw_hash=item.raw_hash,
                story_id=placement.story,
                merges=placement.merges,
                duplicate_of=placement.duplicate_of,
                supersedes=known,
                vector=placement.vector,
                keys=placement.keys,
                terms=features.counts,
                minhash=signature,
                shingles=len(features.shingles),
            )
            self.grouper.commit(
                article_id,
                story_id,
                placement,
                features,
                when,
                signature=signature,
                url=key,
                rows_of=self.store.grouping_rows,
            )
            if note := cap_note(article):  # the text was cut to `max_article_chars`: say so, as `brief` does
                log.info(note)
            report = self.report
            report.added += 1
            if report.added == self.hook.signal_after:
                self.signal(self.hook.signum)
            report.revisions += known is not None
            report.copies += placement.duplicate_of is not None
            report.new_stories += placement.story is None
            report.merges += len(placement.merges)
            if self.progress and report.added % 50 == 0:
                self.progress("store", report.added, None)

    @staticmethod
    def signal(signum: int) -> None:
        """The test hook's signal to this process (replaced by in-process tests)."""
        os.kill(os.getpid(), signum)

    @staticmethod
    def store_url(article: Article) -> str | None:
        from newsfuse.store import canonical_url

        return canonical_url(article.raw.url)


def brief_story(
    story_id: int,
    db: str | os.PathLike[str] | Store = DEFAULT_PATH,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> Brief:
    """The brief of a stored story: its current articles, with the store's copy decisions.

    `engine` runs the analysis of each article (default: in this process).
    """
    settings = settings or Settings()
    store = db if isinstance(db, Store) else open_store(db, readonly=True)
    try:
        try:
            stored = store.story_articles(story_id)
        except KeyError:
            raise NoArticlesError(f"{store.path}: no story {story_id}") from None
    finally:
        if not isinstance(db, Store):
            store.close()
    if not stored:
        raise NoArticlesError(f"{store.path}: story {story_id} has no articles")
    analyzed: list[ArticleFacts] = []
    kept: list[int] = []  # index in `stored` of each analysed article
    problems: list[InputError] = []
    if progress:
        progress("analyse", 0, len(stored))
    results = (engine or LocalEngine(1)).run(AnalyseStep(settings), [s.article for s in stored])
    for n, result in enumerate(results):
        if isinstance(result, InputError):
            problems.append(result)
        else:
            analyzed.append(result)
            kept.append(n)
        if progress:
            progress("analyse", n + 1, len(stored))
    if not analyzed:
        raise NoArticlesError(f"{store.path}: no article of story {story_id} could be analysed")
    position = {stored[n].id: i for i, n in enumerate(kept)}
    copies = {
        i: position[original]
        for i, n in enumerate(kept)
        if (original := stored[n].duplicate_of) is not None and original in position
    }
    return assemble_brief(analyzed, problems, settings, copies=copies)


def _collect(
    problems: list[InputError], on_problem: Callable[[InputError], None] | None
) -> Callable[[InputError], None]:
    def report(problem: InputError) -> None:
        problems.append(problem)
        if on_problem:
            on_problem(problem)

    return report


def _nothing_found(paths: list[str], problems: list[InputError]) -> str:
    if not paths:
        return "no input given"
    if problems:
        return f"no article could be read from {', '.join(paths)} ({len(problems)} input(s) skipped)"
    return f"no article found in {', '.join(paths)}"


# --- stored stories: one shape of the list, one cache of briefs ----------------------------------


def list_stories(
    store: Store,
    query: StoryQuery | None = None,
    settings: Settings | None = None,
    memory: Memory | None = None,
    *,
    base: str = "/api/stories",
) -> dict[str, Any]:
    """The story list in its one shape (story_list.py): `newsfuse stories`, `/api/stories`, the list page.

    `query`: filters, sort and page (`story_list.parse_query` reads one from a query string);
    `memory`: briefs the caller holds that are newer than the kept ones (the web server's cache);
    `base`: where the document's next/previous links point.
    """
    from newsfuse.story_list import list_document

    return list_document(store, query or StoryQuery(), settings or Settings(), memory, base=base)


def story_brief(
    store: Store,
    story_id: int,
    settings: Settings | None = None,
    cache: BriefSource | None = None,
    *,
    engine: Engine | None = None,
    progress: Progress | None = None,
) -> Brief:
    """The brief of a stored story through the one cache of briefs: `cache` (the web server's memory,
    which reads and keeps briefs itself) when given, else the brief kept in the store for this state
    of the story, else `brief_story`'s, then kept (`newsfuse show`, library users).

    NoArticlesError when there is no such story (a merged story's id gives the story it joined).
    """
    from newsfuse.story_briefs import find_story, keep, kept_brief

    settings = settings or Settings()
    story = find_story(store, story_id)
    if cache is not None:
        return cache.get(story)
    found = kept_brief(store, story, settings.fingerprint())
    if found is not None:
        return found
    result = brief_story(story.id, store, settings=settings, progress=progress, engine=engine)
    keep(store.path, story, settings.fingerprint(), result)
    return result


def story_figures(brief: Brief) -> list[dict[str, Any]]:
    """A brief's figures, one row per claim with its source, value, status, quote and comparison's
    verdict: what `/api/stories/{id}/figures.json` and `.csv` give."""
    from newsfuse.story_export import figure_rows

    return figure_rows(brief)
