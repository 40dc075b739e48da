"""The cited summary: support from independent sources only, citations, budget, damage, title."""

from __future__ import annotations

import dataclasses

import pytest

from newsfuse.analyze.damage import TRANSLATION_DAMAGE, article_damaged
from newsfuse.config import Settings
from newsfuse.consolidate import assemble_brief
from newsfuse.consolidate.facts import read_articles
from newsfuse.consolidate.similarity import sentence_units, similarity_matrix
from newsfuse.consolidate.summary import SAME, clean_title
from newsfuse.models import AnalyzedArticle, Article, Brief, RawArticle


def _article(n: int, text: str, title: str | None = None, outlet: str | None = None) -> Article:
    raw = RawArticle(text=text, path=f"a{n}.txt", title=title, outlet=outlet)
    return Article(
        raw=raw, text=text, title=title, language="en", removed=(), fingerprint=f"f{n}-{hash(text)}"
    )


WIRE = (
    "A fire destroyed the central library of Norvik on Monday night, the city's fire service said.\n\n"
    "Three firefighters were injured while fighting the blaze, which burned for six hours.\n\n"
    "The mayor promised that the library would be rebuilt within two years."
)
OTHER = (
    "The central library of Norvik was destroyed by a fire on Monday night, according to the fire service."
    "\n\n"
    "Investigators are examining an electrical fault in the basement archive of the building.\n\n"
    "Three firefighters suffered injuries as they fought the blaze for six hours."
)
DAMAGED = (
    "The library of Norvik burned in the night night night night of Monday completely down.\n\n"
    "The fire brigade was with more than sixty forces in the use. Operation. The investigators examine "
    "an electrical fault in the basement archive of the building."
)


@pytest.fixture(scope="module")
def story() -> list[AnalyzedArticle]:
    articles = [
        _article(1, WIRE, "Fire destroys Norvik's central library - Norvik Daily", "Norvik Daily"),
        _article(2, WIRE, "Fire destroys Norvik's central library"),  # a reprint of 1
        _article(3, OTHER, "Norvik library destroyed in overnight fire"),
        _article(4, DAMAGED, "Library fire in Norvik"),
    ]
    return read_articles(articles)


def _brief(story: list[AnalyzedArticle], words: int = 80) -> Brief:
    return assemble_brief(story, settings=Settings(summary_words=words))


def test_summary_is_built_and_every_sentence_is_cited(story: list[AnalyzedArticle]) -> None:
    brief = _brief(story)
    assert "summary" not in brief.pending_sections
    assert brief.summary
    assert all(s.sources for s in brief.summary)


def test_the_corroborated_fact_comes_first_and_cites_every_source_that_says_it(
    story: list[AnalyzedArticle],
) -> None:
    brief = _brief(story)
    assert brief.sources[1].duplicate_of == "s1"
    # the summary opens with the current toll (the key figure: three firefighters injured) …
    assert "Three firefighters" in brief.summary[0].text
    # … then the corroborated fact
    fact = next(s for s in brief.summary if "library" in s.text and "fire" in s.text.lower())
    assert set(fact.sources) >= {"s1", "s2", "s3"}  # the copy may be cited, never counted


def test_citations_point_to_sources_saying_it(story: list[AnalyzedArticle]) -> None:
    brief = _brief(story)
    units = sentence_units(story)
    sim = similarity_matrix(units)
    for sentence in brief.summary:
        own = [i for i, u in enumerate(units) if " ".join(u.text.split()).endswith(sentence.text)]
        assert own, sentence.text
        for source_id in sentence.sources:
            n = int(source_id[1:]) - 1
            assert any(sim[own[0], j] >= SAME for j, u in enumerate(units) if u.source == n)


def test_a_copy_adds_no_support() -> None:
    """Said by an original and its reprint only vs said by two independent outlets: the latter wins."""
    lone = "Officials in Tarsa said that 40 homes were flooded after the river burst its banks on Friday."
    shared_a = "The river Tarsa burst its banks on Friday evening and flooded the old town, police said."
    shared_b = "Police said the river Tarsa burst its banks on Friday evening, flooding the old town."
    texts = [
        f"{lone}\n\n{shared_a}",
        f"{lone}\n\n{shared_a}",
        f"Rescue teams worked all night.\n\n{shared_b}",
    ]
    analyzed = read_articles([_article(n, t) for n, t in enumerate(texts)])
    brief = assemble_brief(analyzed, settings=Settings(summary_words=20))
    assert [s.sources for s in brief.summary] == [["s1", "s2", "s3"]]


@pytest.mark.parametrize("budget", [1, 12, 25, 40, 80, 200])
def test_the_word_budget_is_respected(story: list[AnalyzedArticle], budget: int) -> None:
    brief = _brief(story, budget)
    assert sum(len(s.text.split()) for s in brief.summary) <= budget


def test_output_is_deterministic(story: list[AnalyzedArticle]) -> None:
    first, second = _brief(story), _brief(story)
    assert first.summary == second.summary
    assert first.story.title == second.story.title


def test_the_damaged_source_is_flagged_and_its_damaged_sentences_never_chosen(
    story: list[AnalyzedArticle],
) -> None:
    brief = _brief(story, 200)
    assert brief.source("s4").quality == [TRANSLATION_DAMAGE]
    assert all(s.quality == [] for s in brief.sources if s.id != "s4")
    for sentence in brief.summary:
        assert "night night" not in sentence.text
        assert sentence.text != "Operation."


def test_among_equivalent_wordings_the_clean_one_is_chosen(story: list[AnalyzedArticle]) -> None:
    brief = _brief(story, 200)
    texts = [s.text for s in brief.summary]
    assert not any("examine an electrical fault" in t for t in texts)  # s4's wording of s3's sentence
    cited = [s for s in brief.summary if "electrical fault" in s.text]
    assert cited and "s3" in cited[0].sources


def test_title_is_a_representative_headline_without_the_outlet(story: list[AnalyzedArticle]) -> None:
    brief = _brief(story)
    titles = {"Fire destroys Norvik's central library", "Norvik library destroyed in overnight fire"}
    assert brief.story.title in titles


def test_clean_title() -> None:
    assert clean_title("  Storm hits coast  -  Coastal Times ", "Coastal Times") == "Storm hits coast"
    assert clean_title("Storm hits coast - again", None) == "Storm hits coast - again"
    assert clean_title("Storm hits coast.", None) == "Storm hits coast"


def test_article_damage_needs_two_marks_or_a_loop() -> None:
    assert not article_damaged([["fragment"], []])
    assert article_damaged([["fragment"], ["broken-word"]])
    assert article_damaged([["word-loop"]])
    assert article_damaged([["fragment"]], ["This article was automatically translated from German."])


def test_summary_words_setting_is_validated() -> None:
    assert Settings().summary_words == 80
    with pytest.raises(ValueError):
        Settings(summary_words=0)
    assert dataclasses.replace(Settings(), summary_words=30).summary_words == 30


def test_cli_summary_words_option(tmp_path: object) -> None:
    import json
    from pathlib import Path

    from typer.testing import CliRunner

    from newsfuse.cli import app

    folder = Path(str(tmp_path))
    for n, text in enumerate((WIRE, OTHER)):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    out = folder / "brief.json"
    result = CliRunner().invoke(app, ["brief", str(folder), "-o", str(out), "-q", "--summary-words", "20"])
    assert result.exit_code == 0, result.output
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert summary and sum(len(s["text"].split()) for s in summary) <= 20


def test_the_summary_opens_with_the_current_toll() -> None:
    texts = [
        "A crowd crush at the Pellam stadium on Friday evening caused panic among thousands of fans, "
        "organisers said.\n\nNine people were killed in the crush, police said.\n\nThe match was abandoned "
        "after the first half and the league called an emergency meeting.",
        "Thousands of fans panicked in a crowd crush at the Pellam stadium on Friday evening, the "
        "organisers said.\n\nPolice said nine people were killed in the crush.\n\nThe league suspended "
        "all matches for a week.",
    ]
    analyzed = read_articles([_article(n, t) for n, t in enumerate(texts)])
    brief = assemble_brief(analyzed, settings=Settings(summary_words=40))
    [killed] = [k for k in brief.key_figures if k.measure == "killed"]
    assert killed.current.lo == 9 and killed.sources == ["s1", "s2"]
    first = brief.summary[0]
    assert first.text == "Nine people were killed in the crush, police said."
    assert first.sources == ["s1", "s2"]
    assert sum(len(s.text.split()) for s in brief.summary) <= 40
