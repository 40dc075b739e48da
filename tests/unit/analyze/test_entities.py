"""Mention extraction and its repairs, on short texts written for the test, with the real models."""

from __future__ import annotations

from newsfuse.analyze.entities import (
    AcronymDefinition,
    Mention,
    acronym_matches,
    extract_mentions,
    find_acronyms,
    recover_mentions,
)
from newsfuse.analyze.parse import parse_articles
from newsfuse.models import Article, RawArticle


def mentions(text: str, language: str = "en") -> list[Mention]:
    article = Article(
        raw=RawArticle(text=text, path="x"),
        text=text,
        title=None,
        language=language,
        removed=(),
        fingerprint="f",
    )
    return extract_mentions(parse_articles([article])[0])


def find(found: list[Mention], text: str) -> Mention:
    return next(m for m in found if m.text == text)


def test_an_all_caps_dateline_is_a_place_pair_never_an_organisation() -> None:
    found = mentions("Photo taken on 5 May, at ORVANDA, MERELAND A car burns outside the town hall.")
    assert find(found, "ORVANDA").type == "place" and find(found, "MERELAND").type == "place"
    found = mentions("TARVOSK – Troops arrived in the capital on Thursday, officials said.")
    assert find(found, "TARVOSK").type == "place" and find(found, "TARVOSK").evidence == "dateline"


def test_an_acronym_in_running_text_is_not_a_dateline() -> None:
    found = mentions("The NCPA said on Friday that the search would go on.")
    assert all(m.evidence != "dateline" for m in found)


def test_a_title_before_a_name_becomes_the_role_of_a_person() -> None:
    found = mentions("Valdonian President Arno Telmik blamed the port operator for the blast.")
    person = find(found, "Arno Telmik")
    assert person.type == "person" and person.role == "Valdonian President"
    assert not any(m.text == "Valdonian" for m in found)  # the adjective went into the role
    found = mentions("Police spokesman Tomas Brell said the square was cleared overnight.")
    assert find(found, "Tomas Brell").role == "Police spokesman"


def test_an_appositive_role_is_kept() -> None:
    found = mentions("The mayor, Ilse Varga, ordered the evacuation of the district.")
    assert find(found, "Ilse Varga").role == "mayor"


def test_a_name_without_a_title_has_no_role() -> None:
    found = mentions("Witnesses said Emil Prasko ran towards the harbour after the blast.")
    assert all(m.role is None for m in found)


def test_an_organisation_running_into_a_name_is_split() -> None:
    found = mentions("The spokesperson of the National Bank Oljana Perimova announced new limits.")
    assert find(found, "National Bank").type == "org"
    person = find(found, "Oljana Perimova")
    assert person.type == "person" and person.role == "spokesperson of National Bank"


def test_acronyms_defined_in_the_text_are_found_in_any_order_and_language() -> None:
    text = (
        "Troops of the Collective Security Treaty Organization (CSTO) landed; "
        "Csto (Organization of the Collective Security Treaty) said."
    )
    found = find_acronyms(text)
    assert AcronymDefinition("CSTO", "Collective Security Treaty Organization") in found
    assert AcronymDefinition("Csto", "Organization of the Collective Security Treaty") in found
    french = find_acronyms(
        "Les équipes de l’Agence nationale de protection civile (NCPA, selon son sigle) fouillaient."
    )
    assert french == [AcronymDefinition("NCPA", "Agence nationale de protection civile")]


def test_brackets_that_are_not_acronyms_are_ignored() -> None:
    assert find_acronyms("The toll rose to 17 (officials said) on Thursday (March 13).") == []
    assert not acronym_matches("CSTO", "Central Bank")
    assert not acronym_matches("Tass", "Telegram Agency")  # mixed case beyond a capital is not an acronym


def test_the_story_ruler_finds_what_the_model_missed() -> None:
    texts = [
        "The NCPA sent teams. Teralis Chemical Logistics said nothing.",
        "NCPA teams and Teralis Chemical Logistics.",
    ]
    first, second = texts[0].index("Teralis"), texts[1].index("Chemical")
    given = [
        [Mention("Teralis Chemical Logistics", "org", first, first + 26)],
        [Mention("Chemical Logistics", "org", second, second + 18)],
    ]
    found = recover_mentions(texts, given, [AcronymDefinition("NCPA", "National Civil Protection Agency")])
    assert [m.text for m in found[0]] == ["NCPA", "Teralis Chemical Logistics"]
    # the longer name replaces the piece the model cut from it
    assert [m.text for m in found[1]] == ["NCPA", "Teralis Chemical Logistics"]
    assert all(m.evidence == "ruler" for m in found[1])


def test_french_mentions_are_typed() -> None:
    found = mentions("Le maire Ilse Varga a ordonné l’évacuation de Kessara, en Valdonie.", "fr")
    assert find(found, "Valdonie").type == "place"


def test_a_place_opening_the_article_as_a_dateline_in_ordinary_case_is_a_dateline() -> None:
    found = mentions("Lisbon – Firefighters fought a blaze at the harbour of Porto on Tuesday.")
    assert find(found, "Lisbon").evidence == "dateline"
    assert find(found, "Porto").evidence != "dateline"
    found = mentions("The storm passed.\n\nLisbon, Jan. 5 (Wire Agency) - Crews fought a fire in Porto.")
    assert find(found, "Lisbon").evidence == "dateline"
    # a place opening a later paragraph without a date or an agency is running text
    found = mentions("The storm passed.\n\nLisbon – the capital – was spared, officials in Porto said.")
    assert find(found, "Lisbon").evidence != "dateline"
