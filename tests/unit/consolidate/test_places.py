"""Place names read in the story's own countries first; datelines are not story places."""

from __future__ import annotations

import pytest

from newsfuse.analyze.entities import Mention
from newsfuse.consolidate import places
from newsfuse.consolidate.entities import entities_from_mentions
from newsfuse.consolidate.places import resolve_places


def city(gid: int, name: str, code: str, population: int, *aliases: str) -> dict[str, object]:
    return {
        "geonameid": gid,
        "name": name,
        "alternatenames": list(aliases),
        "countrycode": code,
        "latitude": 1.0,
        "longitude": 2.0,
        "population": population,
    }


# invented towns in real countries (the countries' names must resolve through ISO 3166)
CITIES = (
    city(9001, "Tarvosk", "PE", 300_000),  # the big namesake
    city(9002, "Tarvosk", "CL", 20_000),  # the small one, in the story's country
    city(9003, "Velmora", "TR", 16_000),  # a small town abroad, the only one of its name
    city(9004, "Orsanne", "CL", 50_000),  # one town of the story's country: unambiguous
    city(9005, "Grand Mirel", "FI", 5_000_000),  # a world city
    city(9006, "Grand Mirel", "CL", 30_000),  # its small namesake at home
    city(9007, "Lusk", "NO", 120_000),  # a bigger town abroad
    city(9008, "Brennvik", "NO", 150_000, "Brenvika", "hammar"),  # a lower-case alias: a word
)


@pytest.fixture(autouse=True)
def invented_cities(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(places, "_city_records", lambda: CITIES)


def codes(found: dict[str, places.Place | None]) -> dict[str, str | None]:
    return {name: (p.country_code if p else None) for name, p in found.items()}


def test_without_context_the_most_populous_city_wins() -> None:
    assert codes(resolve_places(["Tarvosk", "Velmora"])) == {"Tarvosk": "PE", "Velmora": "TR"}


def test_an_alternate_name_in_lower_case_ascii_is_a_word_not_the_town() -> None:
    assert codes(resolve_places(["Brenvika", "Hammar"])) == {"Brenvika": "NO", "Hammar": None}


def test_an_ambiguous_name_is_read_in_the_country_the_story_names_most() -> None:
    found = resolve_places(["Chile", "Peru", "Tarvosk"], mentions={"Chile": 5, "Peru": 1, "Tarvosk": 2})
    assert codes(found)["Tarvosk"] == "CL"
    # the other way round, the other town
    found = resolve_places(["Chile", "Peru", "Tarvosk"], mentions={"Chile": 1, "Peru": 4, "Tarvosk": 2})
    assert codes(found)["Tarvosk"] == "PE"


def test_places_resolved_unambiguously_count_as_the_story_naming_their_country() -> None:
    found = resolve_places(["Orsanne", "Tarvosk"], mentions={"Orsanne": 3, "Tarvosk": 1})
    assert codes(found) == {"Orsanne": "CL", "Tarvosk": "CL"}


def test_a_small_town_abroad_named_once_in_a_story_about_other_countries_is_not_placed() -> None:
    found = resolve_places(["Chile", "Velmora", "Lusk"], mentions={"Chile": 6, "Velmora": 1, "Lusk": 1})
    assert codes(found) == {"Chile": "CL", "Velmora": None, "Lusk": "NO"}  # Lusk is big enough
    # named more than once, or in a story naming no country, it is kept
    assert codes(resolve_places(["Chile", "Velmora"], mentions={"Chile": 6, "Velmora": 3}))["Velmora"] == "TR"
    assert codes(resolve_places(["Velmora"], mentions={"Velmora": 1}))["Velmora"] == "TR"


def test_a_world_city_beats_a_small_namesake_at_home() -> None:
    found = resolve_places(["Chile", "Grand Mirel"], mentions={"Chile": 9, "Grand Mirel": 1})
    assert codes(found)["Grand Mirel"] == "FI"


def place(text: str, start: int, evidence: str = "ner") -> Mention:
    return Mention(text, "place", start, start + len(text), evidence=evidence, language="en")


def test_a_place_named_only_in_datelines_is_not_a_story_place() -> None:
    mentions = [
        [place("ORSANNE", 0, "dateline"), place("Tarvosk", 40)],
        [place("Orsanne", 0, "dateline"), place("Tarvosk", 30)],
    ]
    names = {e.name for e in entities_from_mentions(mentions)}
    assert names == {"Tarvosk"}
    # named in a story's text too, it is one of the story's places
    mentions[1].append(place("Orsanne", 90))
    names = {e.name for e in entities_from_mentions(mentions)}
    assert names == {"Tarvosk", "Orsanne"}
