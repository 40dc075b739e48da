"""The summary across languages: each sentence keeps its language, a fact told in the reader's
language is told in it and cites the sources of every language, a fact told only in another
language still appears, tagged. Every article here is invented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import newsfuse
from newsfuse.config import Settings
from newsfuse.consolidate import assemble_brief
from newsfuse.consolidate.facts import read_articles
from newsfuse.consolidate.similarity import name_key, sentence_units
from newsfuse.consolidate.summary import _Anchors, _covers
from newsfuse.copies import find_copies
from newsfuse.models import Article, Brief, RawArticle

EN = (
    "---\n"
    'title: "Dam bursts above Zarechye, eighteen dead"\n'
    "source: Steppe Wire\n"
    "date: 2026-05-11\n"
    "language: en\n"
    "---\n"
    "\n"
    "Eighteen people were killed when a dam burst above the village of Zarechye on Sunday "
    "night, the regional emergency ministry said.\n"
    "\n"
    "Rescuers evacuated about 600 residents from the flooded streets of Zarechye, officials "
    "said on Monday.\n"
    "\n"
)

RU = (
    "---\n"
    'title: "Прорыв плотины у Заречья: погибли восемнадцать человек"\n'
    "source: Вести Степи\n"
    "date: 2026-05-11\n"
    "language: ru\n"
    "---\n"
    "\n"
    "Восемнадцать человек погибли после прорыва плотины у посёлка Заречье в ночь на "
    "воскресенье, сообщили в региональном МЧС.\n"
    "\n"
    "Спасатели эвакуировали около 600 жителей с затопленных улиц Заречья, сообщили чиновники в "
    "понедельник.\n"
    "\n"
)

IT = (
    "---\n"
    'title: "Crolla una diga a Zarechye, diciotto morti"\n'
    "source: Corriere della Steppa\n"
    "date: 2026-05-11\n"
    "language: it\n"
    "---\n"
    "\n"
    "Diciotto persone sono morte dopo il crollo della diga vicino a Zarechye, ha comunicato il "
    "ministero regionale per le emergenze.\n"
    "\n"
    "Il governatore Pavel Orlov ha proclamato tre giorni di lutto in tutta la regione di "
    "Kostrov.\n"
    "\n"
)


def _brief(folder: Path, files: dict[str, str], settings: Settings | None = None) -> Brief:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    # one story told in three languages: `brief` groups it as one (names, places, numbers)
    return newsfuse.brief(folder, settings=settings)


def _ids(brief: Brief) -> dict[str, str]:
    return {s.id: s.language for s in brief.sources}


def test_the_english_sentence_cites_the_russian_report_too(tmp_path: Path) -> None:
    brief = _brief(tmp_path, {"01-en-wire.md": EN, "02-ru-vesti.md": RU})
    languages = _ids(brief)
    assert sorted(languages.values()) == ["en", "ru"]
    toll = [s for s in brief.summary if "Eighteen" in s.text or "Восемнадцать" in s.text]
    assert len(toll) == 1
    assert toll[0].language == "en" and toll[0].text.startswith("Eighteen people were killed")
    assert {languages[i] for i in toll[0].sources} == {"en", "ru"}
    assert all(s.language == "en" for s in brief.summary)  # every fact has its English wording


def test_a_fact_only_the_italian_source_tells_appears_tagged(tmp_path: Path) -> None:
    brief = _brief(tmp_path, {"01-en-wire.md": EN, "02-ru-vesti.md": RU, "03-it-corriere.md": IT})
    languages = _ids(brief)
    mourning = [s for s in brief.summary if "lutto" in s.text]
    assert len(mourning) == 1 and mourning[0].language == "it"
    assert [languages[i] for i in mourning[0].sources] == ["it"]
    toll = next(s for s in brief.summary if "Eighteen" in s.text)
    assert {languages[i] for i in toll.sources} == {"en", "ru", "it"}
    assert not any("Diciotto" in s.text or "Восемнадцать" in s.text for s in brief.summary)
    markdown = brief.to_markdown()
    assert "[it]" in markdown and "[en]" not in markdown
    html = brief.to_html()
    assert '<span class="lang">[it]</span> Il governatore' in html and "[en]" not in html


def test_the_readers_language_decides_which_wording_is_kept(tmp_path: Path) -> None:
    settings = Settings()
    if "reader_language" in {f.name for f in dataclasses.fields(Settings)}:
        settings = dataclasses.replace(settings, reader_language="ru")  # type: ignore[call-arg]
    else:
        object.__setattr__(settings, "reader_language", "ru")
    brief = _brief(tmp_path, {"01-en-wire.md": EN, "02-ru-vesti.md": RU}, settings)
    toll = [s for s in brief.summary if "Eighteen" in s.text or "Восемнадцать" in s.text]
    assert len(toll) == 1 and toll[0].language == "ru"
    assert {_ids(brief)[i] for i in toll[0].sources} == {"en", "ru"}


def test_a_story_in_one_language_only_is_summarised_in_it(tmp_path: Path) -> None:
    brief = _brief(tmp_path, {"02-ru-vesti.md": RU})
    assert brief.summary and all(s.language == "ru" for s in brief.summary)
    assert any("Восемнадцать" in s.text for s in brief.summary)


def _article(n: int, text: str, language: str) -> Article:
    raw = RawArticle(text=text, path=f"a{n}.txt")
    return Article(raw=raw, text=text, title=None, language=language, removed=(), fingerprint=f"f{n}")


def test_russian_sentences_get_lemmas_number_words_and_name_keys() -> None:
    text = "Восемнадцать человек погибли после прорыва плотины у посёлка Заречье, сообщили в МЧС."
    (unit,) = sentence_units(read_articles([_article(1, text, "ru")]))
    assert 18 in unit.numbers
    assert "погибнуть" in unit.terms and "плотина" in unit.terms
    assert name_key("Заречье") in unit.names and name_key("Zarechye") == name_key("Заречье")


def test_ukrainian_and_german_number_words() -> None:
    uk = "Вісімнадцять людей загинули після прориву греблі біля селища, повідомили рятувальники."
    de = (
        "Achtzehn Menschen kamen ums Leben, als der Damm oberhalb des Dorfes brach, teilten die Behörden mit."
    )
    units = sentence_units(read_articles([_article(1, uk, "uk"), _article(2, de, "de")]))
    assert all(18 in u.numbers for u in units)


def test_a_sentence_covers_another_when_it_gives_all_its_figures_and_names() -> None:
    def anchors(figures: dict[int, frozenset[str]], names: set[str]) -> _Anchors:
        return _Anchors(figures=figures, names=frozenset(names), day=None)

    killed, injured = frozenset({"killed"}), frozenset({"injured"})
    toll = anchors({18: killed}, {"zarec"})
    assert _covers(anchors({18: killed}, {"zarec", "mchs"}), toll)
    assert _covers(anchors({18: killed, 40: injured}, {"zarec"}), toll)  # says more: still says it
    assert _covers(toll, anchors({18: killed, 40: injured}, {"zarec"}))  # its leading fact
    assert not _covers(toll, anchors({40: injured, 18: killed}, {"zarec"}))
    assert not _covers(anchors({18: injured}, {"zarec"}), toll)  # another measure
    assert not _covers(anchors({20: killed}, {"zarec"}), toll)
    assert not _covers(anchors({6: killed}, {"zarec"}), anchors({11: killed, 6: killed}, {"zarec"}))
    assert not _covers(anchors({}, {"zarec"}), anchors({}, {"zarec"}))  # one name is not a fact
    assert _covers(anchors({}, {"zarec", "orlov", "kostr"}), anchors({}, {"orlov", "kostr"}))
    assert _covers(anchors({3000: frozenset()}, {"orlov"}), anchors({3000: frozenset()}, set()))
    assert not _covers(anchors({7: frozenset()}, {"orlov"}), anchors({7: frozenset()}, set()))


def test_copies_in_cyrillic_are_found() -> None:
    original = (
        "Восемнадцать человек погибли после прорыва плотины у посёлка Заречье в ночь на воскресенье, "
        "сообщили в региональном управлении МЧС. Спасатели эвакуировали около шестисот жителей."
    )
    longer = original + " Власти региона объявили трёхдневный траур по погибшим."
    assert find_copies([longer, original]) == {1: 0}  # the excerpt copies the fuller report


def test_assembled_brief_tags_every_sentence() -> None:
    text = "A dam burst above Zarechye on Sunday night and eighteen people were killed, officials said."
    analyzed = read_articles([_article(1, text, "en")])
    brief = assemble_brief(analyzed)
    assert brief.summary and all(s.language == "en" for s in brief.summary)
