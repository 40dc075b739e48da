"""A figure's scope: the story's incident, an earlier event, or a running total."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.consolidate.claim_scope import (
    claim_scope,
    figure_scopes,
    lead_of,
    named_places,
    off_lead,
    place_key,
)

STORY = (dt.date(2019, 3, 14), dt.date(2019, 3, 16))


@pytest.mark.parametrize(
    ("sentence", "when", "scope"),
    [
        ("Four miners were killed on Thursday.", dt.date(2019, 3, 14), "incident"),
        ("Four miners were killed on Tuesday.", dt.date(2019, 3, 12), "incident"),
        ("A similar blast on February 2 killed nine.", dt.date(2019, 2, 2), "background"),
        ("Last year another collapse killed 27 people.", None, "background"),
        ("In May 2016 more than 300 people were killed there.", None, "background"),
        ("More than 400 have died since the start of the civil war.", None, "cumulative"),
        ("At least 130 civilians have been killed since the end of January.", None, "cumulative"),
        ("It put the war's death toll at 5,000.", None, "cumulative"),
        ("Some 80 were killed during the past month.", None, "cumulative"),
        ("Since the start of the protests 12 have been killed.", None, "incident"),
    ],
)
def test_scope(sentence: str, when: dt.date | None, scope: str) -> None:
    assert claim_scope(sentence, when, STORY) == scope


def test_a_date_after_the_last_publication_is_not_another_event() -> None:
    assert claim_scope("Six were killed on Sunday.", dt.date(2019, 3, 24), STORY) == "incident"


def test_without_publication_dates_only_the_words_decide() -> None:
    assert claim_scope("Nine were killed.", dt.date(2001, 1, 1), (None, None)) == "incident"
    assert claim_scope("Last year nine were killed.", None, (None, None)) == "background"


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("In total 23 people had died by Friday evening, the coroner said.", "incident"),
        ("Eleven people in total were killed in the collapse.", "incident"),
        ("The conflict has killed more than 90,000 people.", "cumulative"),
        ("The nine-year conflict has caused 40,000 deaths.", "cumulative"),
        ("About 6,000 fighters have been killed in the conflict so far.", "cumulative"),
        ("Since then more than 2,000 people have been killed across the province.", "cumulative"),
        ("Over 300 have so far been killed in the ongoing bombing campaign on the city.", "cumulative"),
        ("A war monitor said 40 people have been killed so far in the raid.", "incident"),
        ("The shelling comes a day after nine villagers were killed in a similar raid.", "background"),
        ("It came days after a bombing killed 12 people in the capital.", "background"),
        ("The raid comes on the heels of an ambush in which 30 soldiers died.", "background"),
        ("In a separate attack on Monday, four guards were wounded.", "background"),
    ],
)
def test_scope_from_the_words(sentence: str, scope: str) -> None:
    assert claim_scope(sentence, None, STORY) == scope


def _at(sentence: str, number: str) -> tuple[int, int]:
    start = sentence.index(number)
    return (start, start + len(number))


def test_scope_is_decided_per_figure_of_a_sentence() -> None:
    sentence = "Six miners were killed on Thursday, bringing the toll since the start of the war to 4,100."
    scopes = figure_scopes(sentence, [_at(sentence, "Six"), _at(sentence, "4,100")], None, STORY)
    assert scopes == ["incident", "cumulative"]
    sentence = "Seven people were killed in the market and another attack killed two guards."
    scopes = figure_scopes(sentence, [_at(sentence, "Seven"), _at(sentence, "two")], None, STORY)
    assert scopes == ["incident", "background"]
    sentence = "A day after 12 were killed in Vell, the toll of the dam breach rose to 40."
    scopes = figure_scopes(sentence, [_at(sentence, "12"), _at(sentence, "40")], None, STORY)
    assert scopes == ["background", "incident"]


def test_a_sentence_opening_with_days_after_the_incident_keeps_its_figure() -> None:
    sentence = "Two days after the blast the toll rose to 40."
    assert claim_scope(sentence, None, STORY, _at(sentence, "40")) == "incident"
    sentence = "The photo shows the street the day after the blast officials say 30 people were killed."
    assert claim_scope(sentence, None, STORY, _at(sentence, "30")) == "incident"


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("Some 70 fighters have been killed since the start of the offensive.", "cumulative"),
        ("Over 200 have died since the fighting began in the valley.", "cumulative"),
        ("At least 90 civilians have been killed since a fragile truce collapsed on Monday.", "cumulative"),
        ("The siege has killed more than 900 people.", "cumulative"),
        ("The campaign's death toll stands at 1,200.", "cumulative"),
        ("Thousands have fled during the month-long offensive.", "cumulative"),
        ("Tens of thousands have been displaced in the war.", "cumulative"),
        ("The flood has since killed more than 300 people.", "cumulative"),
        ("Hundreds were killed in a week of heavy shelling.", "cumulative"),
        ("They counted 33 dead over the first six months of the year.", "cumulative"),
        ("So far this year 31 climbers have died on the mountain.", "cumulative"),
        ("Twelve patients died this month alone.", "cumulative"),
        # near misses: a short bombardment, a named afternoon, a war monitor
        ("Two days of heavy bombardment have killed 38 people.", "incident"),
        ("Thirty soldiers have been killed in clashes since Wednesday afternoon.", "incident"),
        ("A war monitor said nine were killed in the raid.", "incident"),
        # another incident named by its time, or set apart
        ("Last week a bus crash killed nine people.", "background"),
        ("Earlier this week 48 villagers were shot dead.", "background"),
        ("Elsewhere, a mine blast killed three workers.", "background"),
        ("In separate raids on Monday, five were killed.", "background"),
        ("Three people were also killed in another town in the hills.", "background"),
        ("Fifteen others were killed in two more incidents.", "background"),
        ("Three more were killed in the town, the mayor said.", "incident"),
        ("Separate raids by two air forces killed 25 civilians on Friday.", "incident"),
    ],
)
def test_campaign_and_period_totals_and_other_incidents(sentence: str, scope: str) -> None:
    assert claim_scope(sentence, None, STORY) == scope


THURSDAY = dt.date(2019, 3, 14)
LEAD = lead_of(["Lyon"], THURSDAY, dt.date(2019, 3, 15), ["Nine were killed in Lyon on Thursday."])


@pytest.mark.parametrize(
    ("places", "when", "other"),
    [
        (["Grenoble"], None, True),  # another city, 100 km away
        (["Lyon", "Grenoble"], None, False),  # the lead's city is named too
        (["Villeurbanne"], None, False),  # inside the lead's city
        (["France"], None, False),  # the country containing it
        (["Vellmoor"], None, False),  # unknown: maybe a district
        ([], dt.date(2019, 3, 13), True),  # the day before the lead's day
        ([], THURSDAY, False),
        ([], dt.date(2019, 3, 16), False),  # a later day: an update, or a misread weekday
        ([], None, False),
    ],
)
def test_a_figure_away_from_the_lead_is_another_incident(
    places: list[str], when: dt.date | None, other: bool
) -> None:
    assert off_lead(LEAD, places, when) is other


def test_a_lead_without_its_own_day_keeps_its_eve() -> None:
    dated = lead_of([], THURSDAY, None, ["14 March 2019 Nine were killed."])  # a dateline's day
    assert not off_lead(dated, [], dt.date(2019, 3, 13))
    assert off_lead(dated, [], dt.date(2019, 3, 12))
    undated = lead_of([], None, dt.date(2019, 3, 15))  # the publication's
    assert not off_lead(undated, [], THURSDAY)
    assert off_lead(undated, [], dt.date(2019, 3, 13))


def test_a_lead_without_a_city_decides_by_day_only() -> None:
    lead = lead_of(["France", "Vellmoor"], None, dt.date(2019, 3, 15))
    assert not off_lead(lead, ["Grenoble"], None)


def test_named_places_are_cities_after_a_preposition() -> None:
    assert named_places("Shells fell on New Vellmoor, in Grenoble and east of Lyon.") == ["Grenoble", "Lyon"]
    assert place_key("Deir ez-Zor") == place_key("Deir Ezzor")


def _claims(text: str, title: str) -> dict[tuple[str, int | None, str], str]:
    """The scope of each claim of one parsed article, by measure, low value and quote start."""
    from newsfuse.consolidate import assemble_brief
    from newsfuse.consolidate.facts import read_articles
    from newsfuse.models import Article, RawArticle

    raw = RawArticle(text=text, path="a.txt", title=title, published=dt.date(2019, 3, 15))
    article = Article(raw=raw, text=text, title=title, language="en", removed=(), fingerprint="f1")
    claims = assemble_brief(read_articles([article])).claims
    return {(c.measure, c.value.lo, c.quote[:12]): c.scope for c in claims}


def test_an_article_s_figures_are_scoped_against_its_lead() -> None:
    text = (
        "A gas explosion killed nine people in Lyon on Thursday, the fire service said.\n\n"
        "Six more residents were injured in Villeurbanne when a wall fell.\n\n"
        "On Tuesday a landslide killed four hikers near Grenoble.\n\n"
        "A flood in Grenoble left 14 people injured."
    )
    scopes = _claims(text, "Gas blast kills nine in Lyon")
    assert scopes == {
        ("killed", 9, "Gas blast ki"): "incident",  # the headline's own claim (C1)
        ("killed", 9, "A gas explos"): "incident",
        ("injured", 6, "Six more res"): "incident",
        ("killed", 4, "On Tuesday a"): "background",
        ("injured", 14, "A flood in G"): "background",
    }


def test_a_running_total_first_is_not_the_lead() -> None:
    text = (
        "The war has killed more than 5,000 people in the region.\n\n"
        "A gas explosion killed nine people in Lyon on Thursday, the fire service said.\n\n"
        "A flood in Grenoble left 14 people injured."
    )
    assert _claims(text, "Gas blast kills nine") == {
        ("killed", 9, "Gas blast ki"): "incident",  # the headline's own claim (C1)
        ("killed", 5001, "The war has "): "cumulative",
        ("killed", 9, "A gas explos"): "incident",
        ("injured", 14, "A flood in G"): "background",
    }
