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
