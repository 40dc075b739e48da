"""Language identification and sentence splitting, with the models newsfuse installs."""

from __future__ import annotations

from newsfuse.analyze import detect_language, lexicon, load_pipeline, split_sentences
from newsfuse.models import Article, RawArticle


def article(text: str, language: str) -> Article:
    return Article(
        raw=RawArticle(text=text, path="x"),
        text=text,
        title=None,
        language=language,
        removed=(),
        fingerprint="f",
    )


def test_languages_are_identified() -> None:
    assert detect_language("Firefighters fought the blaze through the night, the city said.") == "en"
    assert detect_language("Les pompiers ont lutté contre l'incendie toute la nuit, selon la mairie.") == "fr"
    assert detect_language("Пожежники всю ніч гасили вогонь у порту, повідомила міська рада.") == "uk"
    assert detect_language("Die Feuerwehr kämpfte die ganze Nacht gegen die Flammen im Hafen.") == "de"
    assert detect_language("ok 12") == "und"


def test_pipelines_run_only_what_is_needed() -> None:
    assert load_pipeline("en").pipe_names == ["tok2vec", "senter"]
    assert load_pipeline("fr").pipe_names == ["tok2vec", "senter"]
    assert load_pipeline("uk").pipe_names == ["sentencizer"]  # no trained pipeline: rules
    assert load_pipeline("und").pipe_names == ["sentencizer"]
    assert load_pipeline("en") is load_pipeline("en")  # loaded once


def test_lexicon_comes_from_the_trained_pipeline() -> None:
    words = lexicon("en")
    assert words is not None and "watch" in words and "atch" not in words
    assert lexicon("uk") is None
    # read from the package's string table: the same words a freshly loaded pipeline knows
    import importlib

    from newsfuse.analyze.nlp import trained_package

    package = trained_package("en")
    assert package is not None
    loaded = importlib.import_module(package).load(exclude=["tok2vec", "tagger", "parser", "ner"])
    assert words == frozenset(s.lower() for s in loaded.vocab.strings if s.isalpha())


def test_sentences_are_spans_that_never_cross_a_paragraph() -> None:
    text = (
        "Kessara port blasts\n\n"
        "Fourteen people were killed, the fire service said. "
        "Mr. Lazo, the port director, declined to comment.\n\n"
        "Crews worked through the night"
    )
    french = "Au moins 14 personnes sont mortes. Les secours cherchent encore des disparus."
    ukrainian = "Вибух стався пізно ввечері. Рятувальники працюють на місці."
    done = split_sentences([article(text, "en"), article(french, "fr"), article(ukrainian, "uk")])
    assert done[0].sentence_texts() == [
        "Kessara port blasts",
        "Fourteen people were killed, the fire service said.",
        "Mr. Lazo, the port director, declined to comment.",
        "Crews worked through the night",
    ]
    assert len(done[1].sentences) == 2 and len(done[2].sentences) == 2
    for item in done:
        for start, end in item.sentences:
            assert item.article.text[start:end].strip() == item.article.text[start:end]
