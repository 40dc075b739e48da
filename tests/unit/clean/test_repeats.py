"""Repeated paragraphs: scraper duplicates go, structure that repeats by design stays."""

from __future__ import annotations

from newsfuse.clean.repeats import find_repeats

P1 = (
    "The fire service said crews had contained the blaze by dawn, "
    "although parts of the warehouse still smouldered."
)
P2 = (
    "Mayor Ilse Varga ordered the evacuation of some 4,000 residents "
    "living within two kilometres of the port."
)
CAPTION = (
    "Smoke and flames rise above the warehouse in the harbour after the first explosion late on Tuesday."
)


def test_an_exact_repeat_is_found_and_points_at_the_first_copy() -> None:
    assert find_repeats([P1, P2, P1], 0.85) == {2: 0}


def test_a_caption_repeated_with_a_credit_is_a_repeat() -> None:
    blocks = [CAPTION, P1, CAPTION + " (Photo by Jonas Reddel/VPA)"]
    assert find_repeats(blocks, 0.85) == {2: 0}


def test_a_paragraph_rejoining_two_earlier_ones_is_a_repeat() -> None:
    assert find_repeats([P1, P2, P1 + " " + P2], 0.85) == {2: 0}


def test_a_near_copy_with_a_small_edit_is_a_repeat() -> None:
    edited = P1.replace("by dawn", "by early morning")
    assert find_repeats([P1, P2, edited], 0.6) == {2: 0}


def test_new_information_around_an_old_sentence_is_not_a_repeat() -> None:
    longer = (
        P1 + " Investigators from the prosecutor's office arrived at noon and sealed the site for a week."
    )
    assert find_repeats([P1, longer], 0.85) == {}


def test_structure_that_repeats_by_design_is_kept() -> None:
    question = "What made you start cooking for other people, and what do you cook most often at home?"
    items = "Portion: 1 cup rice, 2 tbsp. oil, 1 tsp. salt, 4 oz. chicken, 1 cup beans."
    heading = "Scenes of chaos"
    blocks = [question, P1, question, items, P2, items, heading, heading]
    assert find_repeats(blocks, 0.85) == {}
