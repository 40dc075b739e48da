"""The seam between reading one article and reading the story: each article's facts, found once.

Everything a brief learns from one article alone is found by `read_article` right after the
article is parsed, where the engine runs it (this process, worker processes, a Ray cluster):
its figures, the places its parse names, its name mentions and acronyms, its time expressions,
and each sentence's summary features. The result, `ArticleFacts`, is plain data: it crosses a
process boundary pickled in a few kilobytes, and the spaCy `Doc` it was read from is dropped.
Consolidation (`assemble_brief`) reads only these facts, never a `Doc`, and parses nothing. (The
one parse per article covers its text and headline; the figure reader still parses a headline-style
line again clause by clause, a different text, here in the step.)

    BriefStep    RawArticle -> ArticleFacts | InputError   language, cleaning, parse, facts
    AnalyseStep  Article    -> ArticleFacts | InputError   parse, facts (articles cleaned at ingest)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsfuse.analyze.entities import AcronymDefinition, Mention, article_mentions
from newsfuse.analyze.nlp import lexicon, load_pipeline
from newsfuse.analyze.parse import FULL, parse_articles
from newsfuse.clean import clean_raw
from newsfuse.cluster_features import Features, article_features
from newsfuse.config import Settings
from newsfuse.consolidate.claims import ArticleFigures, read_figures
from newsfuse.consolidate.similarity import SentenceUnit, article_units
from newsfuse.consolidate.summary import title_terms
from newsfuse.consolidate.timeline import ArticleDates, read_dates
from newsfuse.copies import minhash_signature
from newsfuse.errors import InputError, processing_failed
from newsfuse.models import AnalyzedArticle, Article, RawArticle

__all__ = ["AnalyseStep", "ArticleFacts", "BriefStep", "read_article", "read_articles"]


@dataclass(frozen=True)
class ArticleFacts:
    """What the story's sections need of one article, read from its parse (`read_article`)."""

    article: Article
    sentences: tuple[tuple[int, int], ...]  # [start, end) character offsets into article.text
    figures: ArticleFigures
    mentions: tuple[Mention, ...]  # names the model found, repaired (the story's ruler adds more)
    acronyms: tuple[AcronymDefinition, ...]  # acronyms its headline and text define
    dates: ArticleDates
    units: tuple[SentenceUnit, ...]  # each sentence's summary features (`source` 0)
    title_terms: tuple[str, ...]  # content lemmas of its cleaned headline
    features: Features | None = None  # for grouping into stories (`read_article(group=True)`)
    signature: bytes | None = None  # MinHash of features.shingles


def read_article(analyzed: AnalyzedArticle, *, group: bool = False) -> ArticleFacts:
    """The facts of one parsed article, for every section of the brief; with `group`, also
    what grouping the brief's inputs into stories needs of it."""
    mentions, acronyms = article_mentions(analyzed)
    article = analyzed.article
    features, signature = None, None
    if group:
        features = article_features(article.text, article.title, article.language)
        signature = minhash_signature(features.shingles)
    return ArticleFacts(
        article=analyzed.article,
        sentences=analyzed.sentences,
        figures=read_figures(analyzed),
        mentions=tuple(mentions),
        acronyms=tuple(acronyms),
        dates=read_dates(analyzed),
        units=tuple(article_units(analyzed)),
        title_terms=title_terms(analyzed),
        features=features,
        signature=signature,
    )


def read_articles(
    articles: Sequence[Article], *, batch_size: int = 32, group: bool = False
) -> list[ArticleFacts]:
    """Each cleaned article parsed and read, in this process; for a caller holding `Article`s."""
    return [read_article(a, group=group) for a in parse_articles(articles, batch_size=batch_size)]


def _read(articles: Sequence[Article], batch_size: int, group: bool) -> list[ArticleFacts | InputError]:
    """Each article parsed and read, batched; when a batch fails, article by article."""
    try:
        return list(read_articles(articles, batch_size=batch_size, group=group))
    except Exception:
        out: list[ArticleFacts | InputError] = []
        for article in articles:
            try:
                out.extend(read_articles([article], batch_size=batch_size, group=group))
            except Exception as exc:
                out.append(processing_failed(article.raw, exc))
        return out


def _warm_up() -> None:
    from newsfuse.analyze.language import _identifier

    _identifier()
    lexicon("en")
    load_pipeline("en", FULL)


@dataclass(frozen=True)
class BriefStep:
    """For a brief: language, cleaning, parse and facts of each article read (with `group`, its
    grouping features too)."""

    settings: Settings
    group: bool = False

    @property
    def chunk_size(self) -> int:
        return self.settings.engine_chunk

    def warm_up(self) -> None:
        _warm_up()
        if self.group:
            from newsfuse.cluster_features import warm_up

            warm_up()

    def __call__(self, raws: Sequence[RawArticle]) -> list[ArticleFacts | InputError]:
        cleaned: list[Article | InputError] = []
        for raw in raws:
            try:
                cleaned.append(clean_raw(raw, self.settings))
            except Exception as exc:
                cleaned.append(processing_failed(raw, exc))
        articles = [c for c in cleaned if isinstance(c, Article)]
        read = iter(_read(articles, self.settings.nlp_batch_size, self.group))
        return [c if isinstance(c, InputError) else next(read) for c in cleaned]

    def failed(self, raw: RawArticle, error: BaseException) -> ArticleFacts | InputError:
        return processing_failed(raw, error)


@dataclass(frozen=True)
class AnalyseStep:
    """For a stored story's brief: parse and facts of articles cleaned at ingest."""

    settings: Settings

    @property
    def chunk_size(self) -> int:
        return self.settings.engine_chunk

    def warm_up(self) -> None:
        load_pipeline("en", FULL)

    def __call__(self, articles: Sequence[Article]) -> list[ArticleFacts | InputError]:
        return _read(articles, self.settings.nlp_batch_size, group=False)

    def failed(self, article: Article, error: BaseException) -> ArticleFacts | InputError:
        return processing_failed(article.raw, error)
