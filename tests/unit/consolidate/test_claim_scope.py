"""A figure's scope: the story's incident, an earlier event, or a running total."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.consolidate.claim_scope import claim_scope

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
