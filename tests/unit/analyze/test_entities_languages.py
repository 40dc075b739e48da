"""Names in Russian, Ukrainian, Italian, German and Spanish, read through each language's pack.

Every sentence here is invented for the test (an imagined governor, an imagined city council).
"""

from __future__ import annotations

import pytest

from newsfuse.analyze.entities import Mention, extract_mentions
from newsfuse.analyze.parse import parse_articles
from newsfuse.models import Article, RawArticle


def mentions(text: str, language: str) -> list[Mention]:
    article = Article(
        raw=RawArticle(text=text, path="x"),
        text=text,
        title=None,
        language=language,
        removed=(),
        fingerprint="f",
    )
    return extract_mentions(parse_articles([article])[0])


def typed(found: list[Mention]) -> dict[str, tuple[str, str]]:
    """{surface: (type, dictionary form)}"""
    return {m.text: (m.type, m.lemma or m.text) for m in found}


def test_russian_names_come_from_natasha_in_their_dictionary_form() -> None:
    found = mentions(
        "Губернатор Игорь Власенко встретился с представителями ОДКБ. По данным Минздрава, "
        "в Самаре пострадали шесть человек. Позже Власенко посетил больницу, а Ольга Кравцова "
        "из МЧС рассказала о поддержке России.",
        "ru",
    )
    names = typed(found)
    assert names["Игорь Власенко"][0] == "person"
    assert names["Минздрава"] == ("org", "Минздрав")
    assert names["ОДКБ"][0] == "org"
    assert names["России"] == ("place", "Россия")
    assert names["Ольга Кравцова"] == ("person", "Ольга Кравцова")
    governor = next(m for m in found if m.text == "Игорь Власенко")
    assert governor.role and "губернатор" in governor.role.lower()
    assert all(m.language == "ru" for m in found)


def test_russian_surname_alone_in_an_oblique_case_is_lemmatised() -> None:
    found = mentions("Журналисты спросили Токаева о планах. Правительство поддержало Токаева.", "ru")
    assert ("person", "Токаев") in typed(found).values()


def test_ukrainian_names_from_morphology_tags_and_gazetteers() -> None:
    found = mentions(
        "Речник Марина Остапчук повідомила, що рятувальники ДСНС прибули до Полтави. "
        "За словами Остапчук, Росія не відповіла.",
        "uk",
    )
    names = typed(found)
    assert names["Марина Остапчук"][0] == "person"
    assert names["ДСНС"][0] == "org"
    assert names["Полтави"] == ("place", "Полтава")
    assert names["Росія"][0] == "place"
    assert "Речник" not in names and "За" not in names


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "it",
            "Secondo la Croce Rossa, il sindaco Paolo Ferrandi ha visitato Torino con i medici dell'OMS. "
            "Ieri la Germania ha offerto aiuto.",
            {
                "Croce Rossa": "org",
                "Paolo Ferrandi": "person",
                "Torino": "place",
                "OMS": "org",
                "Germania": "place",
            },
        ),
        (
            "de",
            "Laut dem Roten Kreuz besuchte Bürgermeisterin Helga Brandauer am Montag Leipzig. "
            "Die Regierung in Russland schwieg, die WHO schickte Ärzte.",
            {
                "Roten Kreuz": "org",
                "Helga Brandauer": "person",
                "Leipzig": "place",
                "Russland": "place",
                "WHO": "org",
            },
        ),
        (
            "es",
            "Según la Cruz Roja, el alcalde Tomás Aranburu visitó Valencia con médicos de la OMS. "
            "Ayer Rusia ofreció ayuda.",
            {
                "Cruz Roja": "org",
                "Tomás Aranburu": "person",
                "Valencia": "place",
                "OMS": "org",
                "Rusia": "place",
            },
        ),
    ],
)
def test_capitalised_sequences_typed_by_gazetteers_and_roles(
    language: str, text: str, expected: dict[str, str]
) -> None:
    names = typed(mentions(text, language))
    for surface, etype in expected.items():
        assert names.get(surface, ("missing",))[0] == etype, (surface, names)


@pytest.mark.parametrize(
    ("language", "text", "word"),
    [
        ("it", "Secondo i medici, la situazione resta grave a Torino.", "Secondo"),
        ("de", "Gestern sagte die Polizei, die Lage in Leipzig sei ruhig.", "Gestern"),
        ("es", "Según los médicos, la situación sigue grave en Valencia.", "Según"),
        ("uk", "Рятувальники працюють у Полтаві всю ніч.", "Рятувальники"),
        ("it", "Medici e infermieri lavorano a Torino. I medici sono stanchi.", "Medici"),
    ],
)
def test_a_sentence_initial_ordinary_word_is_not_a_name(language: str, text: str, word: str) -> None:
    found = mentions(text, language)
    assert not any(m.text.split()[0] == word for m in found), [m.text for m in found]


def test_a_role_written_before_a_name_is_kept_and_makes_a_person() -> None:
    found = mentions("Ieri il presidente Arvanel ha parlato a lungo con i giornalisti.", "it")
    person = next(m for m in found if m.text == "Arvanel")
    assert person.type == "person" and person.role == "presidente"
    found = mentions("Am Abend sprach Präsident Arvanel mit Journalisten.", "de")
    person = next(m for m in found if m.text == "Arvanel")
    assert person.type == "person" and person.role == "Präsident"


def test_a_russian_role_reaches_the_person_over_the_region_it_names() -> None:
    found = mentions(
        "Губернатор Северной области Пётр Лаврин осмотрел склад вместе с сотрудниками МЧС.", "ru"
    )
    person = next(m for m in found if m.type == "person")
    assert person.lemma == "Пётр Лаврин" and person.role == "Губернатор Северной области"
    assert all(m.role is None for m in found if m.type != "person")


def test_runs_are_cut_into_names_the_way_each_language_writes_them() -> None:
    german = typed(
        mentions("Am Abend sprach Bundeskanzler Friedrich Holm mit der Nachrichtenagentur Interfax.", "de")
    )
    assert german.get("Friedrich Holm", ("missing",))[0] == "person" and german["Interfax"][0] == "org"
    spanish = typed(
        mentions("Ayer Norvalis y Tecmara firmaron. El acuerdo une a Norvalis con Tecmara.", "es")
    )
    assert "Norvalis y Tecmara" not in spanish
    assert spanish["Norvalis"][0] == "org" and spanish["Tecmara"][0] == "org"
    italian = typed(
        mentions("Il gruppo General Veltrano ha chiuso. Secondo General Veltrano, i conti tornano.", "it")
    )
    assert "General Veltrano" in italian  # a capitalised role word inside a name is part of it


def test_a_body_of_the_table_written_with_a_lower_case_head_is_found() -> None:
    found = typed(
        mentions("Ieri il ministero della Salute ha aggiornato il bilancio dei feriti a Torino.", "it")
    )
    assert found.get("ministero della Salute", ("missing",))[0] == "org"
