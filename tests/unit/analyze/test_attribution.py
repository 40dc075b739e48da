"""Attribution patterns on invented sentences, read through the English and French parses."""

from __future__ import annotations

import pytest

from newsfuse.analyze.attribution import attribution
from newsfuse.analyze.nlp import load_pipeline
from newsfuse.analyze.parse import FULL


def _who(sentence: str, verb: str, language: str = "en") -> str | None:
    doc = load_pipeline(language, FULL)(sentence)
    token = next(t for t in doc if t.text == verb)
    return attribution(token, doc[:])


@pytest.mark.parametrize(
    ("sentence", "verb", "who"),
    [
        (
            "Nine people were killed in the blast, according to the regional fire service.",
            "killed",
            "regional fire service",
        ),
        ("The coast guard said four sailors were injured.", "injured", "coast guard"),
        (
            "Forty people were arrested, police spokesman Tomas Brell told reporters.",
            "arrested",
            "police spokesman Tomas Brell",
        ),
        (
            "A hospital director was quoted by local radio as saying that 30 people were hurt.",
            "hurt",
            "hospital director",
        ),
        ("According to reports from the harbour police, six workers died.", "died", "harbour police"),
        ("Eleven people were injured in the crash on Tuesday.", "injured", None),
    ],
)
def test_english_patterns(sentence: str, verb: str, who: str | None) -> None:
    assert _who(sentence, verb) == who


def test_passive_reporting_is_not_a_speaker() -> None:
    # "were reported dead": the subject is what is reported, nobody is named as the source
    assert _who("Dozens of miners were reported dead in the flood.", "reported") is None


def test_french_selon() -> None:
    who = _who("Au moins 9 personnes ont été tuées, selon les pompiers.", "tuées", "fr")
    assert who == "pompiers"


# --- run-on lines: the speaker's name swallowed by the clause before the verb -----------------------


@pytest.mark.parametrize(
    ("sentence", "verb", "who"),
    [
        (
            "Six dockers died in the blaze on the eastern quay the Kessara Office for Port Safety said.",
            "died",
            "Kessara Office for Port Safety",
        ),
        ("The blast at the depot injured twelve sailors the coast guard said.", "injured", "coast guard"),
    ],
)
def test_run_on_speaker(sentence: str, verb: str, who: str) -> None:
    assert _who(sentence, verb) == who


def test_run_on_line_without_a_verb_of_saying_names_nobody() -> None:
    # "the harbour master resigned": not a verb of saying, so no speaker however the line runs on
    assert (
        _who("Six dockers died in the blaze on the eastern quay the harbour master resigned.", "died") is None
    )


def test_claimed_the_lives_is_a_measure_not_a_claim() -> None:
    who = _who("The port captain said the blaze claimed the lives of 3 dockers.", "lives")
    assert who == "port captain"


def test_a_subject_holding_the_figure_is_not_its_speaker() -> None:
    who = _who(
        "A warehouse fire killed at least 12 workers on Monday in the old port the fire service said.",
        "killed",
    )
    assert who != "warehouse fire"


def test_source_in_a_place_is_the_source() -> None:
    who = _who("According to a police source in the Marrow District, 50 people were arrested.", "arrested")
    assert who == "police source"


def test_according_to_the_toll_names_nobody() -> None:
    assert _who("Nine people were injured, according to the latest toll.", "injured") is None


def test_spoke_of_a_figure() -> None:
    assert _who("The mayor spoke of 40 dead after the fire.", "dead") == "mayor"
    assert _who("The mayor spoke after 40 people died in the fire.", "died") is None


def test_headline_speaker_next_to_the_verb() -> None:
    assert _who("Blaze in the old port: fire brigade speaks of 9 dead", "dead") == "fire brigade"


# --- the next sentence names the source ----------------------------------------------------------


def _figures(text: str) -> list[tuple[int | None, str | None]]:
    from newsfuse.analyze import parse_articles
    from newsfuse.analyze.figures import extract_figures
    from newsfuse.api import clean_articles
    from newsfuse.models import RawArticle

    analyzed = parse_articles(clean_articles([RawArticle(text=text, path="t")]))[0]
    return [(f.count.lo, f.attributed_to) for f in extract_figures(analyzed)]


_OPENING = "A fire swept through a grain depot in the port of Kessara overnight. "


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            _OPENING + "Forty people died in the blaze. The figure was given by the health ministry.",
            "health ministry",
        ),
        (
            _OPENING + "Forty people died in the blaze. The regional hospital confirmed the toll on Sunday.",
            "regional hospital",
        ),
        (
            "Un incendie a ravagé un entrepôt du port dans la nuit. Au moins 40 personnes ont été tuées "
            "dans l'incendie. Ce bilan a été communiqué par la préfecture dans la matinée.",
            "préfecture",
        ),
    ],
)
def test_source_in_the_next_sentence(text: str, who: str) -> None:
    assert _figures(text) == [(40, who)]


@pytest.mark.parametrize(
    "follow",
    [
        "The toll could not be confirmed by independent monitors.",  # negated: nobody gave it
        "A figure of 12 injured was given by the hospital.",  # another figure, not this one
        '"It was like a furnace," a witness told the local radio.',  # a witness, no figure
        "It was given by the ministry.",  # a pronoun: which figure is not said
    ],
)
def test_next_sentence_near_misses(follow: str) -> None:
    assert _figures(_OPENING + "Forty people died in the blaze. " + follow)[0] == (40, None)


def test_next_sentence_keeps_a_figure_already_attributed() -> None:
    text = (
        _OPENING
        + "Forty people died in the blaze, the mayor said. The figure was given by the health ministry."
    )
    assert _figures(text) == [(40, "mayor")]
