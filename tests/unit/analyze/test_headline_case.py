"""Headline-style lines cut into clauses, one count each, offsets kept."""

from __future__ import annotations

from newsfuse.analyze.headline_case import headline_clauses, is_headline_case, parse_form


def _clauses(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in headline_clauses(text)]


def test_counts_after_their_words_and_verbs_before_theirs() -> None:
    assert _clauses("Two Killed Three Injured in Blast") == ["Two Killed", "Three Injured in Blast"]
    assert _clauses("Blast Kills Two Injures Three") == ["Blast Kills Two", "Injures Three"]
    assert _clauses("Blast Claims 6 Martyrs 22 Injured") == ["Blast Claims 6 Martyrs", "22 Injured"]


def test_ordinary_sentences_are_not_headlines() -> None:
    assert not is_headline_case("Police said twelve people were killed in the city on Monday.")
    assert is_headline_case("Three Civilians Killed in Rocket Attack on Market")


def test_parse_form_keeps_the_length_and_lowers_only_counts_and_casualty_words() -> None:
    text = "Blast Kills Two in Aleppo"
    form = parse_form(text)
    assert len(form) == len(text)
    assert form == "Blast kills two in Aleppo"
