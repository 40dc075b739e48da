"""Junk inside a paragraph: cut precisely, with the rest of the paragraph untouched."""

from __future__ import annotations

import pytest

from newsfuse.clean.inline import (
    cut_spans,
    is_credit,
    is_credit_line,
    repair_spacing,
    strip_credits,
    strip_markup,
    strip_truncated_words,
)

LEXICON = frozenset({"watch", "the", "military", "firefighters", "battle", "tension", "according", "with"})


def test_broken_and_whole_tags_are_cut_and_recorded() -> None:
    text, removed = strip_markup("The warehouse was still burning.br>")
    assert text == "The warehouse was still burning."
    assert [(r.text, r.reason, r.rule) for r in removed] == [("br>", "other", "stray-html")]

    text, removed = strip_markup("Crews arrived <b>at dawn</b> and <!-- ad slot --> stayed.")
    assert text == "Crews arrived at dawn and stayed."
    assert {r.text for r in removed} == {"<b>", "</b>", "<!-- ad slot -->"}


@pytest.mark.parametrize(
    "text", ["The ratio p>0.05 held.", "Turnout was <50% in the east.", "He wrote 3 < 4."]
)
def test_text_that_only_looks_like_markup_is_kept(text: str) -> None:
    assert strip_markup(text) == (text, [])


def test_shortcodes_are_cut_with_their_content() -> None:
    text, removed = strip_markup("Before [caption id=7]A crane[/caption] after.")
    assert text == "Before after."
    assert removed[0].rule == "shortcode"


@pytest.mark.parametrize(
    "line",
    [
        "Getty Images",
        "AFP via Getty Images",
        "Photo: Milo Danek/AFP",
        "Fot. Anna Nowak / Agencja Gazeta",
        "Crédits photos : Studio Nord",
        "© Jane Roe/Reuters",
        "Image source, Getty Images",
    ],
)
def test_credit_lines(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reuters reported that the port would reopen on Friday.",
        "The AP count of the dead differs from the ministry's.",
        "Photos circulating online showed the warehouse roof collapsing.",
    ],
)
def test_sentences_about_agencies_or_photos_are_not_credits(line: str) -> None:
    assert not is_credit_line(line)
    assert not is_credit(line)


def test_a_paragraph_ending_in_a_credit_is_a_caption() -> None:
    text, removed, caption = strip_credits("Smoke rises above the harbour at dawn. (Photo: Milo Danek/AFP)")
    assert caption is True
    assert text == "Smoke rises above the harbour at dawn."
    assert removed[0].reason == "caption"


def test_a_wire_dateline_is_not_a_credit() -> None:
    line = "KESSARA (AP) — Fourteen people were killed when a warehouse exploded, officials said."
    text, removed, caption = strip_credits(line)
    assert (text, removed, caption) == (line, [], False)


def test_a_credit_inside_prose_is_cut_alone() -> None:
    text, removed, caption = strip_credits(
        "Crews (Photo: Milo Danek/AFP) worked all night, the fire service said, and the blaze was out by six."
    )
    assert caption is False
    assert text == "Crews worked all night, the fire service said, and the blaze was out by six."
    assert len(removed) == 1


def test_truncated_word_needs_both_signals() -> None:
    text, removed = strip_truncated_words(
        "Residents left their homes. atch firefighters battle the blaze", LEXICON
    )
    assert text == "Residents left their homes. firefighters battle the blaze"
    assert [r.text for r in removed] == ["atch"]
    # a real word in lower case at a sentence start (a recipe's "tsp. olive oil") is not touched
    assert strip_truncated_words("Add 1 tsp. the oil.", LEXICON) == ("Add 1 tsp. the oil.", [])
    # an unknown word that no letter turns into a known one is left alone
    assert strip_truncated_words("It ended. zzyzx road was closed", LEXICON)[1] == []
    # without a lexicon for the language nothing is guessed
    assert strip_truncated_words("It ended. atch this", None) == ("It ended. atch this", [])


def test_lost_spaces_between_sentences_are_put_back() -> None:
    assert repair_spacing("The city is under control.Despite this, shops closed.") == (
        "The city is under control. Despite this, shops closed."
    )
    for kept in ("See example.com for details.", "U.S. officials", "Node.js runs it."):
        assert repair_spacing(kept) == kept


def test_cut_spans_mends_spacing_only_at_the_cut() -> None:
    assert cut_spans("A  b [x] , c", [(5, 8)]) == "A  b, c"
    assert cut_spans("Vraiment ? Oui : non.", []) == "Vraiment ? Oui : non."
