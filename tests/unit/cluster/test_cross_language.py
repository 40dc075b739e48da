"""Story grouping across languages, follow-ups after the window, and look-alike incidents kept apart.

Every article is invented for these tests (towns, people and events do not exist).
"""

from __future__ import annotations

import datetime as dt

from newsfuse.cluster import Item, StoryGrouper, group_stories
from newsfuse.cluster_features import article_features
from newsfuse.config import Settings
from newsfuse.languages.scripts import skeleton

DAY = dt.date(2026, 5, 4)

FLOOD_EN = (
    "Flood in Zhytomyr",
    "Floodwater from the Teteriv river swept through Zhytomyr on Monday, killing 23 people, said "
    "regional governor Oleksandr Bondarchuk. Rescuers led by Vasyl Hrytsenko evacuated 1,400 residents "
    "from the lower town, and Bondarchuk asked Kyiv for emergency funds.",
)
FLOOD_RU = (
    "Наводнение в Житомире",
    "Вода из реки Тетерев затопила Житомир в понедельник, погибли 23 человека, сообщил губернатор "
    "области Олександр Бондарчук. Спасатели под руководством Василия Гриценко эвакуировали 1400 жителей "
    "нижнего города, а Бондарчук попросил Киев о срочной помощи.",
)
FLOOD_DE = (
    "Hochwasser in Schytomyr",
    "Das Hochwasser des Flusses Teteriw hat am Montag Schytomyr überflutet und 23 Menschen getötet, "
    "sagte Gouverneur Oleksandr Bondartschuk. Retter unter Leitung von Wassyl Hryzenko brachten 1400 "
    "Bewohner in Sicherheit; Bondartschuk bat Kiew um Nothilfe.",
)
STRIKE_EN = (
    "Dockers strike in Gdansk",
    "Dockers at the port of Gdansk stopped work on Monday after wage talks with operator Baltic Quay "
    "collapsed, union leader Marta Zielinska said. Ships queued outside the harbour as the strike by "
    "Zielinska's union entered its first day.",
)
STRIKE_IT = (
    "Sciopero dei portuali a Danzica",
    "I portuali del porto di Danzica hanno incrociato le braccia lunedì dopo il fallimento delle "
    "trattative salariali con l'operatore, ha detto la sindacalista Marta Zielinska. Le navi sono in "
    "coda fuori dal porto.",
)


def item(pair: tuple[str, str], language: str, day: dt.date = DAY) -> Item:
    return Item(pair[1], pair[0], day, language=language)


def test_a_name_has_one_skeleton_in_every_script_and_spelling() -> None:
    assert len({skeleton(w) for w in ("Бондарчук", "Bondarchuk", "Bondartschuk", "Bondartchouk")}) == 1
    assert skeleton("Bondarchuk") != skeleton("Zielinska")


def test_a_pack_respells_its_own_transcriptions_before_the_skeleton() -> None:
    french = article_features("Le gouverneur Joumagoulov a parlé à Oural.", None, "fr").counts
    english = article_features("Governor Zhumagulov spoke in Ural.", None, "en").counts
    assert "~" + skeleton("Zhumagulov") in french and "~" + skeleton("Zhumagulov") in english


def test_features_name_places_in_every_script_with_one_id() -> None:
    english = article_features(FLOOD_EN[1], FLOOD_EN[0], "en").counts
    russian = article_features(FLOOD_RU[1], FLOOD_RU[0], "ru").counts
    places = {t for t in english if t.startswith("^")}
    assert places and places <= set(russian)  # Zhytomyr / Житомире (inflected), Kyiv / Киев


def test_a_russian_report_and_its_english_report_join_one_story() -> None:
    labels = group_stories([item(FLOOD_EN, "en"), item(FLOOD_RU, "ru"), item(FLOOD_DE, "de")])
    assert len(set(labels)) == 1


def test_reports_of_two_events_in_two_languages_stay_two_stories() -> None:
    labels = group_stories(
        [item(FLOOD_EN, "en"), item(STRIKE_EN, "en"), item(FLOOD_RU, "ru"), item(STRIKE_IT, "it")]
    )
    assert labels[0] == labels[2] and labels[1] == labels[3]
    assert labels[0] != labels[1]


def test_without_a_language_nothing_is_compared_across_languages() -> None:
    labels = group_stories([Item(FLOOD_EN[1], FLOOD_EN[0], DAY), Item(FLOOD_RU[1], FLOOD_RU[0], DAY)])
    assert len(set(labels)) == 2


SHOOTING = (
    "A 19-year-old man was shot and killed outside a convenience store on Maple Avenue in {town} on "
    "Saturday night, {town} police said. Officers found {victim} with a gunshot wound to the chest; he "
    "died at {hospital}. Police have not made an arrest and asked witnesses to call detectives."
)
LOOK_ALIKE = (
    "Millbrook detectives are looking for the gunman who killed Travis Kemper, 24, in the parking lot of "
    "a gas station on Route 9 late Saturday. Kemper was pronounced dead at Millbrook Regional Medical "
    "Center. Police said the shooting followed an argument and that no one is in custody."
)
RETOLD = (
    "Brookhaven police are still searching for whoever shot Darnell Oakes, 19, in front of a corner "
    "store on Maple Avenue. His family gathered outside Brookhaven General Hospital on Sunday, where "
    "he died of a chest wound. Detectives asked anyone with video from the street to come forward."
)


def shooting(town: str, victim: str, hospital: str, day: dt.date) -> Item:
    text = SHOOTING.format(town=town, victim=victim, hospital=hospital)
    return Item(text, f"Man shot dead outside store in {town}", day, language="en")


def test_two_incidents_of_one_kind_in_two_towns_stay_apart() -> None:
    labels = group_stories(
        [
            shooting("Brookhaven", "Darnell Oakes", "Brookhaven General Hospital", DAY),
            Item(LOOK_ALIKE, "Man killed at Millbrook gas station", DAY, language="en"),
            Item(RETOLD, "Family mourns teen shot on Maple Avenue", DAY + dt.timedelta(1), language="en"),
        ]
    )
    assert labels[0] == labels[2] != labels[1]


FOLLOW_UP = (
    "Prosecutors charged a 22-year-old man with murder in the death of Darnell Oakes, who was shot "
    "outside a convenience store on Maple Avenue in Brookhaven last month, Brookhaven police said. "
    "Oakes, 19, died at Brookhaven General Hospital."
)


def test_a_follow_up_weeks_later_joins_its_story_only_on_a_close_match() -> None:
    first = shooting("Brookhaven", "Darnell Oakes", "Brookhaven General Hospital", DAY)
    later_day = DAY + dt.timedelta(days=20)
    later = Item(FOLLOW_UP, "Man charged in Brookhaven store killing", later_day, language="en")
    other = Item(
        "The Brookhaven city council approved a budget for road repairs on Maple Avenue and two other "
        "streets on Tuesday. Work on the pavement starts in June, the council said, and the avenue will "
        "close to traffic for three weeks while crews replace the water main.",
        "Council passes road budget",
        DAY + dt.timedelta(days=20),
        language="en",
    )
    assert len(set(group_stories([first, later]))) == 1
    assert len(set(group_stories([first, later], Settings(story_followup_days=7)))) == 2
    assert len(set(group_stories([first, other]))) == 2


def test_the_grouper_keeps_stories_in_memory_for_the_follow_up_reach() -> None:
    settings = Settings(story_window_days=7, story_followup_days=30)
    assert StoryGrouper.active_days(settings) == 37
