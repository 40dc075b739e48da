"""The temporal resolver: weekdays, calendar-consistent years, night spans, relative words, values."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.analyze.timex import (
    clock_part,
    find_timexes,
    infer_year,
    resolve,
    resolve_weekday,
    sentence_tense,
)

DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@given(DAYS, st.integers(0, 6))
def test_a_weekday_leans_to_the_past_within_the_week(reference: dt.date, weekday: int) -> None:
    day = resolve_weekday(weekday, reference)
    assert day.weekday() == weekday
    assert 0 <= (reference - day).days <= 6


@given(DAYS, st.integers(0, 6))
def test_a_weekday_in_the_future_tense_is_ahead_within_the_week(reference: dt.date, weekday: int) -> None:
    found = resolve(NAMES[weekday], reference, tense="future")
    assert found is not None and found.day is not None
    assert found.day.weekday() == weekday and 0 <= (found.day - reference).days <= 6


@given(DAYS, st.integers(0, 6))
def test_last_and_next_weekday_skip_the_reference_day(reference: dt.date, weekday: int) -> None:
    last = resolve(f"last {NAMES[weekday]}", reference)
    following = resolve(f"next {NAMES[weekday]}", reference)
    assert last and last.day and following and following.day
    assert 1 <= (reference - last.day).days <= 7
    assert 1 <= (following.day - reference).days <= 7


@pytest.mark.parametrize(
    ("reference", "expression", "expected"),
    [
        (dt.date(2022, 1, 1), "on Friday", dt.date(2021, 12, 31)),  # across a year end
        (dt.date(2022, 1, 3), "late on Wednesday", dt.date(2021, 12, 29)),
        (dt.date(2024, 3, 1), "Thursday", dt.date(2024, 2, 29)),  # a leap day
        (dt.date(2025, 3, 1), "yesterday", dt.date(2025, 2, 28)),
        (dt.date(2022, 1, 1), "last night", dt.date(2021, 12, 31)),
    ],
)
def test_weekdays_and_relative_days_across_month_and_year_ends(
    reference: dt.date, expression: str, expected: dt.date
) -> None:
    found = resolve(expression, reference)
    assert found is not None and found.day == expected


@given(DAYS, st.integers(1, 12), st.integers(1, 28))
def test_a_weekday_with_a_day_of_month_picks_a_year_the_calendar_allows(
    near: dt.date, month: int, day: int
) -> None:
    weekday = dt.date(near.year, month, day).weekday()
    year = infer_year(month, day, near, weekday=weekday)
    assert dt.date(year, month, day).weekday() == weekday
    assert abs(year - near.year) <= 1  # the reference year itself fits, or a neighbour nearer to it


def test_the_calendar_moves_the_year_when_the_reference_year_does_not_fit() -> None:
    # Wednesday 5 January is 2022 (and 2011, 2033): a 2024 reference must not keep 2024
    found = resolve("the night of Wednesday 5 to Thursday 6 January", dt.date(2024, 6, 1))
    assert found is not None and found.day == dt.date(2022, 1, 5)
    assert found.until == dt.date(2022, 1, 6) and found.part_of_day == "night"
    sunday = resolve("Sunday January 2", dt.date(2020, 5, 1))
    assert sunday is not None and sunday.day == dt.date(2022, 1, 2)


@given(DAYS)
def test_a_night_of_weekdays_starts_the_day_before_its_morning(reference: dt.date) -> None:
    found = resolve("the night of Tuesday to Wednesday", reference)
    assert found is not None and found.day is not None and found.until is not None
    assert found.day.weekday() == 1 and found.until - found.day == dt.timedelta(days=1)
    assert found.part_of_day == "night" and found.until <= reference


@given(DAYS)
def test_overnight_is_the_night_before_the_reference(reference: dt.date) -> None:
    found = resolve("overnight", reference)
    assert found is not None and found.day == reference - dt.timedelta(days=1)
    assert found.part_of_day == "night"


def test_a_french_night_span() -> None:
    found = resolve("dans la nuit de mardi à mercredi", dt.date(2025, 3, 12))
    assert found is not None and (found.day, found.until) == (dt.date(2025, 3, 11), dt.date(2025, 3, 12))


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("5th of January, 2022", "2022-01-05"),
        ("Thursday morning", "2022-01-06TMO"),
        ("three decades ago", "199"),
        ("last summer", "2021-SU"),
        ("this week", "2022-W01"),
        ("last month", "2021-12"),
        ("the final quarter of 2009", "2009-Q4"),
        ("the 1990s", "199"),
        ("20th century", "19"),
        ("five years", "P5Y"),
        ("now", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("May 2010", "2010-05"),
        ("December 28", "2021-12-28"),  # nearer last year than next
        ("2010", "2010"),
    ],
)
def test_timex3_values(expression: str, value: str) -> None:
    found = resolve(expression, dt.date(2022, 1, 6))
    assert found is not None and found.value == value


def test_spans_that_are_not_days_give_no_day() -> None:
    for expression in ("three decades ago", "the 1990s", "earlier this week", "2010"):
        found = resolve(expression, dt.date(2022, 1, 6))
        assert found is not None and found.day is None


def test_a_bare_weekday_before_the_story_began_is_taken_forward() -> None:
    found = resolve("Friday", dt.date(2025, 3, 13), earliest=dt.date(2025, 3, 9))
    assert found is not None and found.day == dt.date(2025, 3, 14)


def test_only_the_clause_around_the_expression_sets_the_tense() -> None:
    sentence = "The agency announced Friday that it will close the airport."
    assert sentence_tense(sentence, sentence.index("Friday")) is None
    assert sentence_tense(sentence, sentence.index("close")) == "future"
    assert sentence_tense("The trial is set to begin on Wednesday.", 30) == "future"


def test_the_finder_takes_whole_expressions() -> None:
    text = (
        "The unrest began on Sunday January 2 and grew late on Wednesday; on the night of Wednesday 5 "
        "to Thursday 6 January troops arrived. The country gained independence three decades ago. "
        "La première explosion a eu lieu mardi 11 mars. He may come in May 2010."
    )
    found = [m.text for m in find_timexes(text)]
    assert found == [
        "Sunday January 2",
        "late on Wednesday",
        "on the night of Wednesday 5 to Thursday 6 January",
        "three decades ago",
        "mardi 11 mars",
        "May 2010",
    ]
    for m in find_timexes(text):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("The first blast came shortly before 11 p.m.", "evening"),
        ("La première explosion s'est produite peu avant 23 heures.", "evening"),
        ("Shots were heard at 3:40 a.m. near the square.", "night"),
        ("The minister spoke at 10am.", "morning"),
        ("Shooting began at 6.16 local time.", None),  # no am/pm or hours word: not a clock for sure
    ],
)
def test_clock_times_give_the_part_of_day(sentence: str, part: str | None) -> None:
    assert clock_part(sentence) == part
