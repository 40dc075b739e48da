"""A language newsfuse does not bundle is read once its pack folder exists: no code changes.

Two packs are written to tmp_path: "xx", a made-up language with no lemmatizer and its number words
in the pack, and Portuguese ("pt"), read with simplemma and text2num as the bundled packs are.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse import languages
from newsfuse.analyze.figures import extract_figures
from newsfuse.analyze.lemma_figures import extract_text
from newsfuse.models import AnalyzedArticle, Article, RawArticle

_XX_PACK = """[pack]
code = "xx"
name = "Toy"
script = "latin"
lemmatizer = "none"
numbers = "none"
parser = "none"
"""
_XX_FIGURES = """articles = []
negation = ["nu"]
zero_words = ["nul"]
attribution_cues = ["sago"]
person_words = ["hom", "homi"]
not_people = ["jar", "jari"]
inclusion = ["inkle"]
hedges = ["fora"]

[number_words]
"un" = 1
"du" = 2
"tri" = 3
"oki" = 8

[qualifiers]
"minim" = "at_least"
"plu ke" = "more_than"

[vague]
"dekoj" = [20, 99]

[measures]
killed = ["mort*", "kilo"]
injured = ["vund*"]

[victim_classes]
children = ["kido", "kidoj"]
security_forces = ["polo", "poloj"]
people = ["hom", "homi"]
"""
_PT_PACK = """[pack]
code = "pt"
name = "Portuguese"
script = "latin"
lemmatizer = "simplemma"
numbers = "text2num"
parser = "none"
"""
_PT_FIGURES = """articles = ["um", "uma"]
negation = ["não"]
zero_words = ["nenhum", "nenhuma", "ninguém"]
attribution_cues = ["segundo", "de acordo com"]
speech_verbs = ["disse", "informou"]
source_drop = ["o", "a", "os", "as"]
person_words = ["pessoa"]
not_people = ["ano", "anos"]
inclusion = ["entre eles", "incluindo"]

[qualifiers]
"pelo menos" = "at_least"
"mais de" = "more_than"
"cerca de" = "about"

[vague]
"dezenas" = [20, 99]
"centenas" = [200, 999]

[measures]
killed = ["morrer", "morto", "mort*"]
injured = ["ferido", "ferid*"]

[victim_classes]
children = ["criança", "crianças"]
security_forces = ["policial", "policiais", "polícia"]
people = ["pessoa", "pessoas"]
"""


@pytest.fixture
def toy_packs(tmp_path: Path) -> Iterator[Path]:
    """Registers the two packs for one test, and forgets them after it."""
    for code, head, figures in (("xx", _XX_PACK, _XX_FIGURES), ("pt", _PT_PACK, _PT_FIGURES)):
        (tmp_path / code).mkdir()
        (tmp_path / code / "pack.toml").write_text(head, encoding="utf-8")
        (tmp_path / code / "figures.toml").write_text(figures, encoding="utf-8")
    languages.add_pack_folder(tmp_path)
    yield tmp_path
    languages._FOLDERS.remove(tmp_path)
    languages.pack.cache_clear()
    languages.known_languages.cache_clear()


def _rows(text: str, code: str) -> list[tuple[str, str, int | None, int | None, bool, str | None]]:
    return [
        (c.measure, c.victim_class, c.count.lo, c.count.hi, c.partial, c.attributed_to)
        for c in extract_text(text, code, [(0, len(text))])
    ]


def test_a_made_up_language_is_read_from_its_pack(toy_packs: Path) -> None:
    assert "xx" in languages.known_languages()
    assert _rows("Sago Polo, minim oki homi mortis, inkle tri kidoj.", "xx") == [
        ("killed", "people", 8, None, False, "Polo"),
        ("killed", "children", 3, 3, True, "Polo"),
    ]
    assert _rows("Plu ke du poloj vundis.", "xx") == [("injured", "security_forces", 3, None, False, None)]
    assert _rows("Dekoj homi vundis.", "xx") == [("injured", "people", 20, 99, False, None)]
    assert _rows("Oki jari homi mortis.", "xx") == []  # "eight years": not a count of people
    assert _rows("Du homi nu mortis.", "xx") == []  # negated
    assert _rows("Nul mortis.", "xx") == [("killed", "people", 0, 0, False, None)]


def test_portuguese_from_a_pack_folder(toy_packs: Path) -> None:
    assert _rows(
        "Pelo menos dezoito pessoas morreram, entre eles três crianças, segundo a polícia.", "pt"
    ) == [
        ("killed", "people", 18, None, False, "polícia"),
        ("killed", "children", 3, 3, True, "polícia"),
    ]
    assert _rows("Mais de 40 pessoas ficaram feridas.", "pt") == [
        ("injured", "people", 41, None, False, None)
    ]
    assert _rows("Dezenas de pessoas morreram.", "pt") == [("killed", "people", 20, 99, False, None)]
    assert _rows("Um homem de 45 anos morreu.", "pt") == []


def test_extract_figures_reads_the_added_pack(toy_packs: Path) -> None:
    text = "Cerca de 30 pessoas morreram."
    article = Article(RawArticle(text=text, path="t.txt"), text, None, "pt", (), "x")
    [claim] = extract_figures(AnalyzedArticle(article=article, sentences=((0, len(text)),)))
    assert (claim.measure, claim.count.lo, claim.count.hi, claim.count.text) == (
        "killed",
        27,
        33,
        "Cerca de 30",
    )
