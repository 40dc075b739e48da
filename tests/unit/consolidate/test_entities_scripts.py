"""Entities merged across scripts and languages, and named in the reader's language.

Sentences and names are invented for the test except the public names of real bodies and
countries (the CSTO, Russia) and one head of state's surname written in five conventions.
"""

from __future__ import annotations

import pytest

from newsfuse.analyze.entities import EntityType, Mention
from newsfuse.consolidate.entities import entities_from_mentions, merge_entities
from newsfuse.consolidate.facts import read_articles
from newsfuse.languages.scripts import fold_name, readable_latin
from newsfuse.models import AnalyzedArticle, Article, Entity, RawArticle


def m(text: str, etype: EntityType, language: str, lemma: str = "") -> Mention:
    return Mention(text, etype, 0, len(text), lemma=lemma, language=language)


def holding(entities: list[Entity], form: str) -> Entity:
    return next(e for e in entities if form in e.aliases)


def analysed(texts: dict[str, str]) -> list[AnalyzedArticle]:
    articles = [
        Article(
            raw=RawArticle(text=t, path=f"{n}.txt"),
            text=t,
            title=None,
            language=code,
            removed=(),
            fingerprint=f"{n}",
        )
        for n, (code, t) in enumerate(texts.items())
    ]
    return read_articles(articles)


def test_one_surname_written_five_ways_has_one_key() -> None:
    keys = {fold_name(n) for n in ("Токаев", "Токаєв", "Tokayev", "Tokajew", "Tokaïev")}
    assert len(keys) == 1
    assert readable_latin("Токаев") == "Tokayev"


@pytest.fixture(scope="module")
def story() -> list[AnalyzedArticle]:
    return analysed(
        {
            "en": "President Kassym-Jomart Tokayev asked the CSTO for help on Wednesday. "
            "Tokayev said order would return to Russia's neighbour.",
            "ru": "Президент Касым-Жомарт Токаев обратился за помощью к ОДКБ. "
            "Журналисты спросили Токаева о сроках, Россия пообещала поддержку.",
            "uk": "Президент Касим-Жомарт Токаєв звернувся по допомогу до ОДКБ. Росія пообіцяла підтримку.",
            "de": "Präsident Tokajew bat am Mittwoch die OVKS um Hilfe. Russland sagte Unterstützung zu.",
            "fr": "Le président Kassym-Jomart Tokaïev a demandé l'aide de l'OTSC mercredi. "
            "La Russie a promis son soutien.",
        }
    )


def test_a_person_across_scripts_is_one_entity_named_for_the_reader(story: list[AnalyzedArticle]) -> None:
    english = merge_entities(story, [], reader_language="en") or []
    person = holding(english, "Токаева")
    assert person.type == "person"
    for form in ("Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", "Токаєв", "Tokajew", "Токаева"):
        assert any(form in a for a in person.aliases), (form, person.aliases)
    assert person.name == "Kassym-Jomart Tokayev"
    russian = merge_entities(story, [], reader_language="ru") or []
    assert holding(russian, "Токаева").name == "Касым-Жомарт Токаев"


def test_the_csto_and_russia_are_one_entity_each_across_languages(story: list[AnalyzedArticle]) -> None:
    entities = merge_entities(story, [], reader_language="en") or []
    csto = holding(entities, "ОДКБ")
    assert {"OTSC", "OVKS"} <= set(csto.aliases) and csto.type == "org"
    russia = holding(entities, "Russland")
    assert {"Россия", "Росія"} <= set(russia.aliases) and russia.country_code == "RU"


def test_surnames_alone_in_five_conventions_merge_and_take_the_readers_form() -> None:
    articles = [
        [m("Токаев", "person", "ru"), m("Токаева", "person", "ru", lemma="Токаев")],
        [m("Токаєв", "person", "uk")],
        [m("Tokayev", "person", "en")],
        [m("Tokajew", "person", "de")],
        [m("Tokaïev", "person", "fr")],
    ]
    english = entities_from_mentions(articles, reader_language="en")
    assert len(english) == 1 and english[0].name == "Tokayev"
    assert entities_from_mentions(articles, reader_language="ru")[0].name == "Токаев"
    # no English source: the Russian form, transliterated for an English reader
    assert entities_from_mentions(articles[:2], reader_language="en")[0].name == "Tokayev"


def test_a_body_and_a_country_of_the_gazetteers_merge_and_are_named_in_the_readers_language() -> None:
    articles = [
        [m("ОДКБ", "org", "ru"), m("России", "place", "ru", lemma="Россия")],
        [m("OTSC", "org", "es"), m("Rusia", "place", "es")],
        [m("OVKS", "org", "de"), m("Russland", "place", "de")],
    ]
    english = entities_from_mentions(articles, reader_language="en")
    assert len(english) == 2
    names = {e.type: e.name for e in english}
    assert names == {"org": "Collective Security Treaty Organization", "place": "Russia"}
    german = {e.type: e.name for e in entities_from_mentions(articles, reader_language="de")}
    assert german == {"org": "OVKS", "place": "Russland"}
    with_english = [*articles, [m("CSTO", "org", "en"), m("Russia", "place", "en")]]
    assert {e.name for e in entities_from_mentions(with_english, reader_language="en")} == {"CSTO", "Russia"}


def test_different_people_with_similar_names_stay_apart() -> None:
    articles = [
        [m("Ivan Petrov", "person", "en"), m("Anton Sokolov", "person", "en")],
        [m("Ольга Петрова", "person", "ru"), m("Антон Соколовский", "person", "ru")],
    ]
    people = entities_from_mentions(articles, reader_language="en")
    assert len(people) == 4, [(p.name, p.aliases) for p in people]


def test_a_countrys_own_agency_joins_the_generic_ministry_when_it_is_the_only_one() -> None:
    articles = [[m("МЧС", "org", "ru")], [m("Emergencies Ministry", "org", "en")]]
    assert len(entities_from_mentions(articles, reader_language="en")) == 1
    two = [*articles, [m("ДСНС", "org", "uk")]]
    assert len(entities_from_mentions(two, reader_language="en")) == 3
