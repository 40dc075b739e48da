"""The front door: the CLI, the web app and library users all call these functions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import BinaryIO

from newsfuse.analyze import detect_language, lexicon, parse_articles
from newsfuse.clean import clean_article
from newsfuse.config import Settings
from newsfuse.consolidate import assemble_brief
from newsfuse.errors import InputError, NoArticlesError
from newsfuse.ingest import read_inputs
from newsfuse.models import Article, Brief, RawArticle

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
