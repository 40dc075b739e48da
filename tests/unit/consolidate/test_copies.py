"""Copies between sources: reprints and excerpts do not count as independent."""

from __future__ import annotations

import datetime as dt

from newsfuse.consolidate.copies import find_copies

WIRE = (
    "Fourteen people were killed when a chemical warehouse exploded in the port of Kessara "
    "late on Tuesday, the regional fire service said. More than 200 people were injured, "
    "according to the city hospital network. Mayor Ilse Varga ordered the evacuation of some "
    "4,000 residents living within two kilometres of the port."
)
OTHER = (
    "Three managers of the warehouse company were detained on Thursday, police said, as the health ministry "
    "raised the death toll to 17, three more than the fire service had reported the day before."
)


def test_a_reprint_is_a_copy_of_the_first() -> None:
    assert find_copies([WIRE, OTHER, WIRE + " Coastal Times"]) == {2: 0}


def test_the_later_publication_is_the_copy() -> None:
    dates = [dt.date(2025, 3, 13), dt.date(2025, 3, 12)]
    assert find_copies([WIRE, WIRE], dates) == {0: 1}


def test_an_excerpt_is_a_copy_but_the_fuller_story_is_not() -> None:
    excerpt = WIRE.split(". ")[0] + "."
    fuller = WIRE + " " + OTHER
    assert find_copies([fuller, excerpt]) == {1: 0}
    assert find_copies([excerpt, fuller]) == {0: 1}


def test_articles_sharing_a_quote_are_independent() -> None:
    quote = "“We stand at the side of the families,” the mayor said."
    a = WIRE + " " + quote
    b = OTHER + " " + quote
    assert find_copies([a, b]) == {}


def test_copies_point_at_the_original_not_at_each_other() -> None:
    assert find_copies([WIRE, WIRE + " A.", WIRE + " B."]) == {1: 0, 2: 0}


def test_empty_and_tiny_texts_are_safe() -> None:
    assert find_copies(["", "Fire.", "Fire."]) == {2: 1}
    assert find_copies([]) == {}
