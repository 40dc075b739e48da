"""The words of figures: what happened to the people counted, and who they are (FIGURES.md §A7, §A9,
§A10, C7-C10, C17, C18), on invented sentences with made-up names and places."""

from __future__ import annotations

import pytest

from newsfuse.analyze import parse_articles
from newsfuse.analyze.casualty_words import armed_conflict, victim_class
from newsfuse.analyze.figures import FigureClaim, extract_figures
from newsfuse.models import Article, RawArticle

Figure = tuple[str, str, int | None, int | None]


def _claims(text: str) -> list[FigureClaim]:
    article = Article(RawArticle(text=text, path="t.txt"), text, None, "en", (), "x")
    [analyzed] = parse_articles([article])
    return extract_figures(analyzed)


def _figures(text: str) -> list[Figure]:
    return [(f.measure, f.victim_class, f.count.lo, f.count.hi) for f in _claims(text)]


# --- C17: "shot" ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Five people were shot in Dunmore on Friday night.", [("shot", "people", 5, 5)]),
        ("Two men were shot dead outside a bar in Karsby.", [("killed", "people", 2, 2)]),
        ("Three teenagers were fatally shot near the Velm park.", [("killed", "people", 3, 3)]),
        ("Deputies said two people were shot and killed in Orlin.", [("killed", "people", 2, 2)]),
        ("Four people were shot and wounded at the Tessel fair.", [("injured", "people", 4, 4)]),
        ("Police said 4 shot, 2 fatally, in Ebb.", [("shot", "people", 4, 4), ("killed", "people", 2, 2)]),
    ],
)  # fmt: skip
def test_shot_is_its_own_measure(text: str, expected: list[Figure]) -> None:
    assert _figures(text) == expected


def test_shot_at_is_no_hit() -> None:
    assert _figures("Two officers were shot at near the Morrow depot.") == []


# --- C18 and status nouns ---------------------------------------------------------------------


def test_victims_alone_is_no_measure() -> None:
    assert _figures("Three victims were found in the house on Elm Row.") == []


def test_victims_taken_in_for_care_are_injured() -> None:
    assert _figures("The Pelham clinic received 12 victims.") == [("injured", "people", 12, 12)]
    assert _figures("Nine victims were treated at Carrow hospital.") == [("injured", "people", 9, 9)]


def test_a_status_noun_yields_to_the_verb() -> None:
    found = _figures("Twelve evacuees were killed when the Dorne convoy was hit.")
    assert found == [("killed", "other", 12, 12)]
    assert _figures("Six refugees died in the Halvik camp fire.") == [("killed", "people", 6, 6)]


def test_a_status_noun_alone_keeps_its_measure() -> None:
    assert _figures("About 300 refugees arrived in Tarvel.") == [("displaced", "people", 270, 330)]


# --- §A7: killed, kidnapped, displaced --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Ostrel rebels lost 14 fighters in the battle.", ("killed", "armed_group", 14, 14)),
        ("The army retook Vessa at the cost of 12 lives.", ("killed", "people", 12, 12)),
        ("Rescuers recovered 23 bodies from the Lindel mine.", ("killed", "people", 23, 23)),
        ("The bodies of 7 miners were recovered at Gorsk.", ("killed", "people", 7, 7)),
        ("Gunmen took 9 workers hostage near Sarn.", ("kidnapped", "people", 9, 9)),
        ("Militants seized 4 engineers near the Haldo dam.", ("kidnapped", "people", 4, 4)),
        ("Gunmen abducted 30 students from a school in Obra.", ("kidnapped", "people", 30, 30)),
        ("The clashes forced 300 families to flee.", ("displaced", "people", 300, 300)),
        ("The shelling forced 500 to flee.", ("displaced", "people", 500, 500)),
        ("The floods have driven 3000 from their homes in Pellin.", ("displaced", "people", 3000, 3000)),
        ("About 200 fled.", ("displaced", "people", 180, 220)),
    ],
)  # fmt: skip
def test_measure_vocabulary(text: str, expected: Figure) -> None:
    assert _figures(text) == [expected]


def test_people_object_verbs_need_people() -> None:
    assert _figures("The Varn club lost 3 games this season.") == []
    assert _figures("Customs officers seized 40 rifles at the Drell port.") == []


def test_two_counts_run_together_keep_their_measures() -> None:
    found = _figures("Storm hits Melk: 4 people dead 11 injured.")
    assert ("killed", "people", 4, 4) in found and ("injured", "people", 11, 11) in found


# --- combined counts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The blast in Quarl caused 40 casualties.",
        "The strike on Fenby left 40 dead and wounded.",
        "Six people were killed or injured in the Brisk crash.",
        "The bomb exploded in Sollet, killing and wounding 25 people.",
    ],
)
def test_combined_counts_are_other(text: str) -> None:
    assert [f[0] for f in _figures(text)] == ["other"]


def test_separate_counts_are_not_combined() -> None:
    found = _figures("Twelve people were killed and 30 wounded in Ardale.")
    assert found == [("killed", "people", 12, 12), ("injured", "people", 30, 30)]


# --- C7 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Fourteen pupils suffered breathing problems after the leak in Tamsby.", "injured"),
        ("Eight workers fainted in the heat at the Corro plant.", "injured"),
        ("Twenty residents were treated for smoke inhalation in Ludd.", "injured"),
        ("Thirty people choked on the fumes in Berrow.", "injured"),
        ("Dozens of villagers were gassed in Elsom, the group said.", "other"),
        ("About 400 families were affected by the spill in Cray.", "other"),
    ],
)
def test_harm_words(text: str, measure: str) -> None:
    assert [f[0] for f in _figures(text)] == [measure]


def test_fatally_wounded_is_killed() -> None:
    assert _figures("Two guards were fatally wounded in Merrin.") == [("killed", "security_forces", 2, 2)]


# --- §A9: counts of things --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thirty rockets hit the Dalby suburbs and 12 buses were burned.",
        "The evacuation of four towns near Porrin was completed.",
        "Police fired 30 shots in the Kell square.",
        "Two airstrikes destroyed 15 houses in Anver over five days.",
    ],
)
def test_counts_of_things_are_no_figures(text: str) -> None:
    assert _figures(text) == []


def test_rockets_that_killed_people_count_the_people() -> None:
    assert _figures("Thirty rockets killed five people in Dalby.") == [("killed", "people", 5, 5)]


# --- §A10, C9, C10: classes -------------------------------------------------------------------


def test_class_words() -> None:
    assert victim_class("citizens") == "civilians"
    assert victim_class("pro-government militiamen") == "security_forces"
    assert victim_class("Popular Mobilisation fighters") == "security_forces"
    assert victim_class("militiamen") == "armed_group"
    named = ("women", "medics", "doctors", "nurses", "journalists", "aid workers", "teachers", "evacuees")
    for group in named:
        assert victim_class(group) == "other", group
    assert victim_class("Rebels") == "armed_group"
    assert victim_class("Civilians") == "civilians"


def test_state_labels_depend_on_the_conflict() -> None:
    assert victim_class("terrorists") == "protesters"
    assert victim_class("terrorists", armed_conflict=True) == "armed_group"
    assert armed_conflict("Airstrikes and shelling hit the rebel-held town.")
    assert not armed_conflict("Troops were deployed after the riot; the army said order was restored.")


def test_terrorists_in_a_war_and_in_a_riot() -> None:
    assert _figures("Airstrikes on Vorn killed 12 terrorists.") == [("killed", "armed_group", 12, 12)]
    assert _figures("Police in Brask said 20 terrorists were killed in the riot.") == [
        ("killed", "protesters", 20, 20)
    ]


def test_title_case_class_words() -> None:
    found = _figures("Clashes In Orvel Kill 12 Rebels")
    assert found == [("killed", "armed_group", 12, 12)]


def test_a_pronoun_takes_its_antecedent_class() -> None:
    found = _figures("Police charged the protesters in Hamm square, wounding dozens of them.")
    assert found == [("injured", "protesters", 20, 99)]


def test_each_count_keeps_its_noun() -> None:
    found = _figures("The Garrow attack killed 5 soldiers and 3 civilians.")
    assert found == [("killed", "security_forces", 5, 5), ("killed", "civilians", 3, 3)]


def test_named_sub_populations_keep_their_group() -> None:
    [claim] = _claims("Three medics were killed in Sardo.")
    assert (claim.measure, claim.victim_class, claim.victims) == ("killed", "other", "medics")


# --- C8: explicit zeros -----------------------------------------------------------------------

_NO_INJURED = ("injured", "people", 0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No one was killed in the Marrow fire.", [("killed", "people", 0, 0)]),
        ("Nobody was hurt when the Tesk bridge fell.", [("injured", "people", 0, 0)]),
        ("There were no deaths at the Kolby plant.", [("killed", "people", 0, 0)]),
        ("No injuries were reported at the Harl depot.", [("injured", "people", 0, 0)]),
        ("None of the passengers were injured.", [("injured", "people", 0, 0)]),
        ("No casualties were reported in Dunwick.", [("killed", "people", 0, 0), _NO_INJURED]),
        ("No one was killed or injured in the Ebbs crash.", [("killed", "people", 0, 0), _NO_INJURED]),
        ("No civilians were hurt in the Pyre raid.", [("injured", "civilians", 0, 0)]),
        ("There were no reports of injuries at Ferrow.", [_NO_INJURED]),
    ],
)  # fmt: skip
def test_explicit_zeros(text: str, expected: list[Figure]) -> None:
    assert _figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "No more than 20 people were killed in Ulm Gate.",
        "Not a single house in Brede was spared.",
        "No one else was hurt in the Osk blast.",
        "No one was seriously injured in the Carden crash.",
        "No one knows how many were killed at the Thorn mill.",
        "No arrests have been made in the Vell case.",
    ],
)
def test_near_misses_are_no_zeros(text: str) -> None:
    assert all(f[2] != 0 for f in _figures(text))


def test_a_zero_is_attributed_and_quoted() -> None:
    text = "No one was killed in the Marrow fire, the fire brigade said."
    [claim] = _claims(text)
    assert claim.attributed_to is not None and "brigade" in claim.attributed_to
    assert text[claim.number[0] : claim.number[1]] == claim.count.text == "No one"


def test_a_zero_follows_its_sentences_counts() -> None:
    found = _figures("Three people were injured in Calder but no one was killed.")
    assert found == [("injured", "people", 3, 3), ("killed", "people", 0, 0)]


def test_the_attackers_are_not_counted() -> None:
    assert _figures("One deputy shot the suspect twice in Harrow.") == []
    assert _figures("Two gunmen killed three villagers in Orsk.") == [("killed", "people", 3, 3)]


def test_run_together_groups_keep_their_nouns() -> None:
    found = _figures("5 Soldiers 3 Civilians Killed In Orvel Blast")
    assert found == [("killed", "security_forces", 5, 5), ("killed", "civilians", 3, 3)]
    found = _figures("Shelling killed 5 soldiers 3 citizens in Orvel.")
    assert found == [("killed", "security_forces", 5, 5), ("killed", "civilians", 3, 3)]
    assert _figures("Three civilians killed 12 others injured in Orvel.") == [
        ("killed", "civilians", 3, 3),
        ("injured", "people", 12, 12),
    ]


def test_a_getaway_is_no_displacement() -> None:
    assert _figures("Two suspects fled the scene in a grey car.") == []
    assert _figures("Three men fled on foot after the Velm shooting.") == []
    assert _figures("About 200 residents fled the Orvel fighting.") == [("displaced", "civilians", 180, 220)]
