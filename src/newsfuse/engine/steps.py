"""The per-article work of newsfuse as steps any engine runs; reading and grouping stay in the driver.

    BriefStep    RawArticle -> Analysed | InputError       language, cleaning, full spaCy analysis
    AnalyseStep  Article    -> Analysed | InputError       full spaCy analysis (stored articles)
    IngestStep   RawArticle -> Ready | InputError           language, cleaning, grouping features, MinHash
                 (InputError and AlreadyStored items pass through untouched)

An `Analysed` crossing a process boundary carries its spaCy Doc as bytes and is rebuilt in the
receiving process against that process's vocabulary (`doc_from_bytes`); in-process it is never
serialised.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfuse.analyze.language import detect_language
from newsfuse.analyze.nlp import lexicon, load_pipeline
from newsfuse.analyze.parse import FULL, doc_from_bytes, doc_to_bytes, parse_articles
from newsfuse.clean import clean_article
from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.models import AnalyzedArticle, Article, RawArticle

if TYPE_CHECKING:
    from newsfuse.cluster_features import Features

__all__ = [
    "AlreadyStored",
    "AnalyseStep",
    "Analysed",
    "BriefStep",
    "IngestStep",
    "Ready",
    "clean_raw",
    "raw_key",
]

NO_TEXT_LEFT = "no article text left once page junk was removed"


def raw_key(raw: RawArticle) -> str:
    """Hash of an input as read (text, title, URL): equal keys clean to the same article."""
    key = f"{raw.url or ''}\x00{raw.title or ''}\x00{raw.text}"
    # a lone surrogate (from a JSON escape) is hashed, not a crash of the driver
    digest = hashlib.sha1(key.encode(errors="surrogatepass"))
    return digest.hexdigest()


def clean_raw(raw: RawArticle, settings: Settings) -> Article | InputError:
    """The article's language and cleaned text; a problem when nothing is left of it."""
    language = detect_language(raw.text)
    article = clean_article(raw, language=language, lexicon=lexicon(language), settings=settings)
    if not article.text.strip():
        return InputError(raw.path or "-", NO_TEXT_LEFT, raw.record)
    return article


def failure(raw: RawArticle, error: BaseException) -> InputError:
    """The problem standing for an article whose processing raised."""
    problem = f"could not be processed ({type(error).__name__}: {error})"
    return InputError(raw.path or "-", problem, raw.record)


class Analysed:
    """An analysed article in transit: pickled, its Doc goes as bytes and comes back whole."""

    __slots__ = ("analyzed",)

    def __init__(self, analyzed: AnalyzedArticle) -> None:
        self.analyzed = analyzed

    def __reduce__(self) -> tuple[object, tuple[Article, tuple[tuple[int, int], ...], bytes | None]]:
        a = self.analyzed
        return (_rebuild, (a.article, a.sentences, None if a.doc is None else doc_to_bytes(a.doc)))


def _rebuild(article: Article, sentences: tuple[tuple[int, int], ...], data: bytes | None) -> Analysed:
    doc = None if data is None else doc_from_bytes(data, article.language)
    return Analysed(AnalyzedArticle(article=article, sentences=sentences, doc=doc))


def analyse(articles: Sequence[Article], batch_size: int) -> list[Analysed | InputError]:
    """The full analysis of each article, batched; when a batch fails, article by article."""
    try:
        return [Analysed(a) for a in parse_articles(articles, batch_size=batch_size)]
    except Exception:
        out: list[Analysed | InputError] = []
        for article in articles:
            try:
                out.extend(Analysed(a) for a in parse_articles([article], batch_size=batch_size))
            except Exception as exc:
                out.append(failure(article.raw, exc))
        return out


def _warm_up(*, full: bool) -> None:
    from newsfuse.analyze.language import _identifier

    _identifier()
    lexicon("en")
    if full:
        load_pipeline("en", FULL)


@dataclass(frozen=True)
class BriefStep:
    """For a brief: language, cleaning and the full analysis of each article read."""

    settings: Settings

    @property
    def chunk_size(self) -> int:
        return self.settings.engine_chunk

    def warm_up(self) -> None:
        _warm_up(full=True)

    def __call__(self, raws: Sequence[RawArticle]) -> list[Analysed | InputError]:
        cleaned: list[Article | InputError] = []
        for raw in raws:
            try:
                cleaned.append(clean_raw(raw, self.settings))
            except Exception as exc:
                cleaned.append(failure(raw, exc))
        analysed = iter(analyse([c for c in cleaned if isinstance(c, Article)], self.settings.nlp_batch_size))
        return [c if isinstance(c, InputError) else next(analysed) for c in cleaned]

    def failed(self, raw: RawArticle, error: BaseException) -> Analysed | InputError:
        return failure(raw, error)


@dataclass(frozen=True)
class AnalyseStep:
    """For a stored story's brief: the full analysis of articles cleaned at ingest."""

    settings: Settings

    @property
    def chunk_size(self) -> int:
        return self.settings.engine_chunk

    def warm_up(self) -> None:
        load_pipeline("en", FULL)

    def __call__(self, articles: Sequence[Article]) -> list[Analysed | InputError]:
        return analyse(articles, self.settings.nlp_batch_size)

    def failed(self, article: Article, error: BaseException) -> Analysed | InputError:
        return failure(article.raw, error)


@dataclass(frozen=True)
class AlreadyStored:
    """An input the store holds already: the driver saw it, no worker needs to."""


@dataclass(frozen=True)
class Ready:
    """A cleaned article with what story grouping needs of it, computed before it is placed."""

    article: Article
    raw_hash: str
    features: Features
    signature: bytes  # MinHash of features.shingles


def ready(article: Article, raw_hash: str) -> Ready:
    """The grouping features and MinHash of a cleaned article."""
    from newsfuse.cluster import minhash_signature
    from newsfuse.cluster_features import article_features

    features = article_features(article.text, article.title, article.language)
    return Ready(article, raw_hash, features, minhash_signature(features.shingles))


IngestItem = RawArticle | InputError | AlreadyStored
IngestResult = Ready | InputError | AlreadyStored


@dataclass(frozen=True)
class IngestStep:
    """For ingest: language, cleaning, grouping features and MinHash of each new input."""

    settings: Settings

    @property
    def chunk_size(self) -> int:
        return self.settings.engine_chunk

    def warm_up(self) -> None:
        from newsfuse.cluster import _permutations
        from newsfuse.cluster_features import warm_up

        _warm_up(full=False)
        warm_up()
        _permutations()

    def __call__(self, items: Sequence[IngestItem]) -> list[IngestResult]:
        out: list[IngestResult] = []
        for item in items:
            if not isinstance(item, RawArticle):
                out.append(item)
                continue
            try:
                cleaned = clean_raw(item, self.settings)
                out.append(cleaned if isinstance(cleaned, InputError) else ready(cleaned, raw_key(item)))
            except Exception as exc:
                out.append(failure(item, exc))
        return out

    def failed(self, item: IngestItem, error: BaseException) -> IngestResult:
        return failure(item, error) if isinstance(item, RawArticle) else item
