"""Claim extraction from the dependency parse, on invented sentences (no seed text)."""

from __future__ import annotations

from newsfuse.analyze import parse_articles
from newsfuse.analyze.figures import extract_figures, victim_class
from newsfuse.models import Article, RawArticle


def _figures(text: str, language: str = "en") -> list[tuple[str, str, int | None, int | None]]:
    article = Article(RawArticle(text=text, path="t.txt"), text, None, language, (), "x")
    [analyzed] = parse_articles([article])
    return [(f.measure, f.victim_class, f.count.lo, f.count.hi) for f in extract_figures(analyzed)]


def test_two_claims_about_the_same_victims() -> None:
    text = (
        "Two hundred and eleven police officers were injured, and nine were killed, "
        "according to the city council."
    )
    assert _figures(text) == [("injured", "security_forces", 211, 211), ("killed", "security_forces", 9, 9)]


def test_measures_and_qualifiers() -> None:
    text = (
        "At least 14 miners died in the collapse. More than 200 people were wounded. "
        "Up to 90 were taken to hospital. Police arrested 35 rioters. Dozens of residents are missing."
    )
    assert _figures(text) == [
        ("killed", "people", 14, None),
        ("injured", "people", 201, None),
        ("hospitalized", "people", 0, 90),
        ("arrested", "protesters", 35, 35),
        ("missing", "civilians", 20, 99),
    ]


def test_counts_that_are_not_people_affected_are_left_out() -> None:
    text = (
        "The company sent 300 trucks and the protest lasted five days in 2021. "
        "The fire destroyed 12 buildings."
    )
    assert _figures(text) == []


def test_vague_and_measure_nouns() -> None:
    assert _figures("The storm left dozens of deaths in the valley.") == [("killed", "people", 20, 99)]


def test_french_figures() -> None:
    found = _figures("Au moins 14 personnes ont été tuées et plus de 200 blessées dans l'incendie.", "fr")
    assert found[0] == ("killed", "people", 14, None)


def test_victim_classes() -> None:
    assert victim_class("police and security forces employees") == "security_forces"
    assert victim_class("law enforcement officers") == "security_forces"
    assert victim_class("demonstrators") == "protesters"
    assert victim_class("“extremists”") == "protesters"
    assert victim_class("rebel fighters") == "armed_group"
    assert victim_class("civilians") == "civilians"
    assert victim_class("children") == "children"
    assert victim_class("people") == "people"


def test_counts_inside_a_group_are_part_of_its_toll() -> None:
    text = "Gunmen shot dead five villagers, among them a woman, and wounded 11 others including two boys."
    found = _figures(text)
    assert ("killed", "people", 5, 5) in found
    assert ("killed", "other", 1, 1) in found  # "a woman" among them: a named sub-population (C9)
    assert ("injured", "children", 2, 2) in found


def test_lives_claimed_and_harm_suffered() -> None:
    assert _figures("The shelling hit the depot, claiming four lives.") == [("killed", "people", 4, 4)]
    found = _figures("More than 35 workers suffered suffocation in the tunnel.")
    assert found == [("injured", "people", 36, None)]


def test_among_the_dead() -> None:
    assert _figures("Two nurses were among the dead.") == [("killed", "other", 2, 2)]  # C9


def test_a_fraction_of_a_million() -> None:
    found = _figures("More than a quarter of a million people have been killed in the war.")
    assert found == [("killed", "people", 250_001, None)]


def test_a_day_of_the_month_is_no_count() -> None:
    found = _figures("17 March 2019 Four miners killed in a collapse at the pit.")
    assert found == [("killed", "people", 4, 4)]


def test_headline_style_line_is_read_clause_by_clause() -> None:
    found = _figures("Storm Kills Two Injures Seven in Coastal Town. The storm hit on Monday.")
    assert found == [("killed", "people", 2, 2), ("injured", "people", 7, 7)]


def test_it_said_carries_the_last_named_source() -> None:
    text = (
        "The bridge collapsed on Monday, the regional governor's office said. "
        "It said six pedestrians were injured."
    )
    article = Article(RawArticle(text=text, path="t.txt"), text, None, "en", (), "x")
    [analyzed] = parse_articles([article])
    [figure] = extract_figures(analyzed)
    assert figure.attributed_to is not None and "governor" in figure.attributed_to


def test_one_person_named_by_an_article_is_a_count_of_one() -> None:
    assert _figures("A 25-year-old man was shot and killed early Sunday in Brellin, police said.") == [
        ("killed", "people", 1, 1)
    ]
    assert _figures("Deputies arrested a teenager on Friday.") == [("arrested", "people", 1, 1)]
    taken = _figures("A man was taken to hospital in critical condition.")
    assert taken == [("hospitalized", "people", 1, 1)]
    # a person who says, sees or does something is no figure
    assert _figures("A woman said she heard five shots near the market.") == []
    assert _figures("A neighbour called the police at midnight.") == []
