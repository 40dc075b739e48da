"""Who and where on the five real seed articles (../shared/seeds): one entity per actor.

Names below are the actors' names (data), not text from the articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newsfuse
from newsfuse.consolidate.entities import name_key, spelling_key
from newsfuse.models import Brief, Entity

pytestmark = pytest.mark.seeds

# canonical entity -> (type, surface forms that must all sit in it)
EXPECTED = {
    "CSTO": (
        "org",
        [
            "CSTO",
            "Csto",
            "Collective Security Treaty Organization",
            "Organization of the Collective Security Treaty",
        ],
    ),
    "Tokayev": ("person", ["Kassym-Jomart Tokayev", "Tokayev"]),
    "Azirbek": ("person", ["Saltanat Azirbek", "Azirbek"]),
    "Ramazanov": ("person", ["Olzhas Ramazanov", "Oljassa Ramazanova"]),
    "Almaty": ("place", ["Almaty", "ALMATY"]),
    "Nur-Sultan": ("place", ["Nur-Sultan"]),
    "Kazakhstan": ("place", ["Kazakhstan", "KAZAKHSTAN", "Kazahstan"]),
}


@pytest.fixture(scope="module")
def seed_brief(seeds_dir: Path) -> Brief:
    return newsfuse.brief(seeds_dir)


def holding(brief: Brief, form: str) -> list[Entity]:
    return [e for e in brief.entities if any(name_key(a) == name_key(form) for a in e.aliases)]


@pytest.mark.parametrize("actor", sorted(EXPECTED))
def test_each_actor_is_one_entity_with_all_its_forms(seed_brief: Brief, actor: str) -> None:
    etype, forms = EXPECTED[actor]
    owners = {e.id for form in forms for e in holding(seed_brief, form)}
    assert len(owners) == 1, (actor, [(e.name, e.aliases) for f in forms for e in holding(seed_brief, f)])
    entity = next(e for e in seed_brief.entities if e.id in owners)
    assert entity.type == etype
    assert all(any(a == f for a in entity.aliases) for f in forms), entity.aliases


def test_people_keep_their_roles_and_places_their_coordinates(seed_brief: Brief) -> None:
    tokayev = holding(seed_brief, "Kassym-Jomart Tokayev")[0]
    assert any("president" in r.lower() for r in tokayev.roles)
    assert any("spokes" in r.lower() for r in holding(seed_brief, "Saltanat Azirbek")[0].roles)
    almaty = holding(seed_brief, "Almaty")[0]
    assert almaty.country_code == "KZ" and almaty.latitude is not None and almaty.longitude is not None
    assert holding(seed_brief, "Nur-Sultan")[0].country_code == "KZ"


def test_no_dateline_city_is_an_organisation(seed_brief: Brief) -> None:
    for city in ("ALMATY", "MOSCOW", "KAZAKHSTAN"):
        assert all(e.type == "place" for e in holding(seed_brief, city)), city


def test_no_two_different_people_are_merged(seed_brief: Brief) -> None:
    for person in (e for e in seed_brief.entities if e.type == "person"):
        surnames = {spelling_key(a.split()[-1]) for a in person.aliases}
        assert len(surnames) == 1, person.aliases
        firsts = {spelling_key(a.split()[0]) for a in person.aliases if len(a.split()) > 1}
        assert len(firsts) <= 1, person.aliases
    assert holding(seed_brief, "Nursultan Nazarbayev")[0].id != holding(seed_brief, "Nur-Sultan")[0].id


def test_entity_ids_follow_mentions(seed_brief: Brief) -> None:
    assert [e.id for e in seed_brief.entities] == [f"e{n}" for n in range(1, len(seed_brief.entities) + 1)]
    counts = [e.mentions for e in seed_brief.entities]
    assert counts == sorted(counts, reverse=True)
    assert "entities" not in seed_brief.pending_sections
