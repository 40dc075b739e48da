"""A figure's scope: the story's incident, an earlier event, or a running total."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.consolidate.claim_scope import claim_scope, figure_scopes

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
