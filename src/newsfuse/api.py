"""The front door: the CLI, the web app and library users all call these functions."""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from newsfuse.analyze import detect_language, lexicon, parse_articles
from newsfuse.clean import clean_article
from newsfuse.config import Settings
from newsfuse.consolidate import assemble_brief
from newsfuse.errors import InputError, NoArticlesError
from newsfuse.ingest import read_inputs
from newsfuse.models import Article, Brief, RawArticle
from newsfuse.store import DEFAULT_PATH, Store, open_store

Progress = Callable[[str, int, int | None], None]  # (stage, done, total or None)


def brief(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
) -> Brief:
    """The brief of the story told by the articles under `paths` (files, folders, "-" for stdin).

    Inputs that cannot be read are reported to `on_problem` (and listed in `Brief.skipped`);
    raises NoArticlesError when none can.
    """
    settings = settings or Settings()
    path_list = [os.fspath(paths)] if isinstance(paths, str | os.PathLike) else [os.fspath(p) for p in paths]
    problems: list[InputError] = []
    raws: list[RawArticle] = []
    for item in read_inputs(path_list, settings, stdin=stdin):
        if isinstance(item, InputError):
            problems.append(item)
            if on_problem:
                on_problem(item)
        else:
            raws.append(item)
            if progress:
                progress("read", len(raws), None)
    articles = clean_articles(
        raws, settings=settings, on_problem=_collect(problems, on_problem), progress=progress
    )
    if not articles:
        raise NoArticlesError(_nothing_found(path_list, problems))
    if progress:
        progress("analyse", 0, len(articles))
    analyzed = parse_articles(articles, batch_size=settings.nlp_batch_size)
    if progress:
        progress("analyse", len(articles), len(articles))
    return assemble_brief(analyzed, problems, settings)


def clean_articles(
    raws: Sequence[RawArticle],
    *,
    settings: Settings | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
) -> list[Article]:
    """Language identification and cleaning of each article; empty results are problems."""
    settings = settings or Settings()
    articles: list[Article] = []
    for n, raw in enumerate(raws, start=1):
        language = detect_language(raw.text)
        article = clean_article(raw, language=language, lexicon=lexicon(language), settings=settings)
        if not article.text.strip():
            if on_problem:
                on_problem(
                    InputError(
                        raw.path or "-",
                        "no article text left once page junk was removed",
                        raw.record,
                    )
                )
        else:
            articles.append(article)
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


INGEST_CHUNK = 256  # articles read and cleaned at a time; ordered by publication date within it
WRITE_BATCH = 50  # articles stored per SQLite transaction


def ingest(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | Store = DEFAULT_PATH,
    *,
    settings: Settings | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Read, clean and store the articles under `paths`, marking copies and grouping them into stories.

    `db` is a store path (created when missing) or an open `Store`. Inputs already stored are
    skipped before cleaning, so re-running an interrupted ingest finishes it without doubles.
    Articles are grouped in publication order within each chunk of `INGEST_CHUNK` inputs.
    """
    settings = settings or Settings()
    path_list = [os.fspath(paths)] if isinstance(paths, str | os.PathLike) else [os.fspath(p) for p in paths]
    items = read_inputs(path_list, settings, stdin=stdin)
    return ingest_items(items, db, settings=settings, on_problem=on_problem, progress=progress)


def ingest_items(
    items: Iterable[RawArticle | InputError],
    db: str | os.PathLike[str] | Store = DEFAULT_PATH,
    *,
    settings: Settings | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """`ingest` of articles already read (e.g. `ingest.read_bytes` of an upload), errors included."""
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
            stream = iter(items)
            while chunk := list(itertools.islice(stream, INGEST_CHUNK)):
                raws: list[RawArticle] = []
                for item in chunk:
                    if isinstance(item, InputError):
                        problem(item)
                        continue
                    report.read += 1
                    if store.has_raw(raw_key(item)):
                        report.unchanged += 1
                    else:
                        raws.append(item)
                session.add_all(clean_articles(raws, settings=settings, on_problem=problem))
                if progress:
                    progress("ingest", report.read, None)
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
        stream = iter(articles)
        while chunk := list(itertools.islice(stream, INGEST_CHUNK)):
            report.read += len(chunk)
            session.add_all(chunk, keep_order=True)
    return report


def raw_key(raw: RawArticle) -> str:
    """Hash of an input as read (text, title, URL): equal keys clean to the same article."""
    digest = hashlib.sha1(f"{raw.url or ''}\x00{raw.title or ''}\x00{raw.text}".encode())
    return digest.hexdigest()


class _Ingest:
    """Grouping state resumed from the store, and the article-by-article write loop."""

    def __init__(self, store: Store, settings: Settings, report: IngestReport, progress: Progress | None):
        from newsfuse.cluster import StoryGrouper

        self.store, self.settings, self.report, self.progress = store, settings, report, progress
        seen, df, rows = store.grouping_state(settings.story_window_days)
        self.grouper = StoryGrouper.restore(settings, seen, df, rows)

    def add_all(self, articles: Sequence[Article], *, keep_order: bool = False) -> None:
        """Store articles, `WRITE_BATCH` to a transaction (kill -9 loses at most one; a re-run redoes it)."""
        order: Sequence[int] = range(len(articles))
        if not keep_order:
            order = sorted(
                order, key=lambda i: (articles[i].raw.published is None, articles[i].raw.published, i)
            )
        for start in range(0, len(order), WRITE_BATCH):
            with self.store.batch():
                self._add_batch([articles[i] for i in order[start : start + WRITE_BATCH]])

    def _add_batch(self, articles: Sequence[Article]) -> None:
        from newsfuse.cluster import article_features, minhash_signature

        for article in articles:
            known = self.store.find(article.raw.url, article.fingerprint)
            if known is not None and known.kind == "same":
                self.report.unchanged += 1
                continue
            features = article_features(article.text, article.title)
            signature = minhash_signature(features.shingles)
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
                raw_hash=raw_key(article.raw),
                story_id=placement.story,
                merges=placement.merges,
                duplicate_of=placement.duplicate_of,
                supersedes=known,
                vector=placement.vector,
                keys=placement.keys,
                terms=list(features.counts),
                minhash=signature,
                shingles=len(features.shingles),
            )
            self.grouper.commit(article_id, story_id, placement, features, when, signature=signature, url=key)
            report = self.report
            report.added += 1
            report.revisions += known is not None
            report.copies += placement.duplicate_of is not None
            report.new_stories += placement.story is None
            report.merges += len(placement.merges)
            if self.progress and report.added % 50 == 0:
                self.progress("store", report.added, None)

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
) -> Brief:
    """The brief of a stored story: its current articles, with the store's copy decisions."""
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
    position = {s.id: n for n, s in enumerate(stored)}
    copies = {
        n: position[s.duplicate_of]
        for n, s in enumerate(stored)
        if s.duplicate_of is not None and s.duplicate_of in position
    }
    articles = [s.article for s in stored]
    if progress:
        progress("analyse", 0, len(articles))
    analyzed = parse_articles(articles, batch_size=settings.nlp_batch_size)
    if progress:
        progress("analyse", len(articles), len(articles))
    return assemble_brief(analyzed, (), settings, copies=copies)


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
