"""Work bounded by input size in cleaning: the per-article cap (`max_article_chars`) and pages that
repeat themselves. Every text here is invented."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from newsfuse.clean import clean_article
from newsfuse.clean.cap import ARTICLE_CAP, RAW_FACTOR, TITLE_CHARS, cap_note, cut_at
from newsfuse.clean.repeats import STRUCTURE_COPIES, find_repeats
from newsfuse.config import Settings
from newsfuse.models import Article, RawArticle

SENTENCES = [
    "Floodwater reached the lower streets of Maresby on Sunday night, the harbour office said.",
    "About 300 residents spent the night in the gymnasium of the Tolve school.",
    "Engineers from the Orlan water board inspected the dyke at first light.",
    "The mayor, Ansel Kettering, asked drivers to keep off the coast road until Tuesday.",
]


STREETS = ["Harrow", "Lindqvist", "Mourne", "Pellan", "Quist", "Rovan", "Sallow", "Tarne", "Ulden", "Vesk"]
CREWS = ["pumped water out of", "sandbagged", "checked the wiring of", "cleared mud from", "boarded up"]


def _paragraphs(count: int) -> list[str]:
    """Paragraphs that never repeat one another (so cleaning keeps every one)."""
    return [
        f"Crews from station {n} {CREWS[n % 5]} {n * 7 + 3} houses on {STREETS[n % 10]} Street. "
        f"By {n % 12 + 1} o'clock on day {n // 10 + 1}, {STREETS[(n * 3) % 10]} residents counted "
        f"{n * 13 % 97} cars lost to the water near {STREETS[(n * 7) % 10]} bridge number {n}."
        for n in range(count)
    ]


def _clean(text: str, cap: int, title: str | None = None) -> Article:
    raw = RawArticle(text=text, path="long.txt", title=title)
    return clean_article(raw, language="en", settings=Settings(max_article_chars=cap))


def test_a_text_longer_than_the_cap_is_cut_at_a_paragraph_and_the_cut_recorded() -> None:
    paragraphs = _paragraphs(200)
    article = _clean("\n".join(paragraphs), cap=5000)
    assert len(article.text) <= 5000
    kept = article.text.split("\n\n")
    assert kept == paragraphs[: len(kept)]  # whole paragraphs, in order
    assert len(article.text) > 4000  # cut near the cap, not far before it
    cuts = [r for r in article.removed if r.rule == ARTICLE_CAP]
    assert len(cuts) == 1 and cuts[0].reason == "other"
    assert f"first {len(article.text):,} characters" in cuts[0].text
    assert paragraphs[len(kept)][:40] in cuts[0].text  # where it went on
    note = cap_note(article)
    assert note is not None and note.startswith("long.txt: text after the first")


def test_one_paragraph_longer_than_the_cap_is_cut_at_a_sentence_end() -> None:
    article = _clean(" ".join(_paragraphs(100)), cap=3000)
    assert len(article.text) <= 3000
    assert article.text.endswith(".")
    assert cap_note(article) is not None


def test_a_text_under_the_cap_is_untouched() -> None:
    text = "\n".join(_paragraphs(5))
    article = _clean(text, cap=200_000)
    assert article.text == "\n\n".join(_paragraphs(5))
    assert cap_note(article) is None
    assert not [r for r in article.removed if r.rule == ARTICLE_CAP]


def test_raw_text_far_beyond_the_cap_is_not_cleaned_whole() -> None:
    # junk lines that cleaning would remove do not let a dump through: the raw text is cut too
    cap = 2000
    lines = ["Share this story"] * (RAW_FACTOR * cap) + _paragraphs(50)
    article = _clean("\n".join(lines), cap=cap)
    assert _paragraphs(1)[0] not in article.text  # the prose came after the raw cut
    note = cap_note(article)
    assert note is not None and "characters of the page not read" in note and note.endswith("once cleaned)")


def test_cut_at_falls_back_from_paragraphs_to_sentences_to_spaces() -> None:
    assert cut_at("aaaa\n\nbbbb\n\ncccc", 12) == 10
    assert cut_at("Alpha beta gamma. Delta epsilon zeta", 30) == 18
    assert cut_at("alpha beta gamma delta", 15) == 10
    assert cut_at("x" * 50, 20) == 20
    assert cut_at("short", 20) == 5


def test_a_huge_title_is_cut() -> None:
    article = _clean(SENTENCES[0], cap=1000, title="Flood " * 1000)
    assert article.title is not None and len(article.title) <= TITLE_CHARS


def test_a_page_repeating_itself_is_read_once() -> None:
    # headings, a question and a short caption repeat by design once; a loop repeats them many times
    unit = ["Latest updates", *_paragraphs(3), "What happens next?", "Crews at the dyke (Photo: Invented)"]
    blocks = unit * 40
    repeats = find_repeats(blocks, 0.85)
    kept = [b for i, b in enumerate(blocks) if i not in repeats]
    prose = set(_paragraphs(3))
    assert sorted(b for b in kept if b in prose) == sorted(prose)  # prose once
    assert all(kept.count(b) <= STRUCTURE_COPIES for b in unit)  # structure at most twice
    assert all(repeats[i] == blocks.index(blocks[i]) for i in repeats)  # pointing at the first copy


def test_paragraphs_sharing_a_trigram_are_compared_with_a_bounded_few() -> None:
    # every paragraph shares "the harbour office" with every other: a repeat is still found
    blocks = [f"{p} The harbour office said so." for p in _paragraphs(300)]
    edited = blocks[250].replace("residents counted", "residents had counted")
    assert find_repeats([*blocks, edited], 0.85) == {300: 250}


def test_exact_repeats_ignore_case_and_spacing() -> None:
    blocks = ["Latest updates", "LATEST   updates", "latest updates", _paragraphs(1)[0]]
    assert find_repeats(blocks, 0.85) == {2: 0}


def test_a_page_repeating_itself_is_cleaned_to_one_copy() -> None:
    unit = ["Latest updates", *_paragraphs(3), "Read the full report"]
    article = _clean("\n".join(unit * 100), cap=200_000)
    assert article.text.count(_paragraphs(3)[1]) == 1
    assert len(article.text) < 3 * len("\n\n".join(unit))


def test_a_cut_article_is_said_in_the_brief_and_on_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import newsfuse

    path = tmp_path / "long.txt"
    path.write_text("Flood in Maresby\n\n" + "\n\n".join(_paragraphs(40)), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="newsfuse"):
        brief = newsfuse.brief([str(path)], settings=Settings(max_article_chars=2000))
    source = brief.sources[0]
    assert len(source.text) <= 2000
    assert [r.reason for r in source.removed if r.rule == ARTICLE_CAP] == ["other"]
    assert any("long.txt: text after the first" in r.getMessage() for r in caplog.records)


def test_a_cut_article_is_said_on_the_log_when_ingested(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import newsfuse

    path, db = tmp_path / "long.txt", tmp_path / "n.db"
    path.write_text("Flood in Maresby\n\n" + "\n\n".join(_paragraphs(40)), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="newsfuse"):
        assert newsfuse.ingest(path, db, settings=Settings(max_article_chars=2000)).added == 1
    with newsfuse.open_store(db, readonly=True) as store:
        (stored,) = store.story_articles(store.stories()[0].id)
    said = [r.getMessage() for r in caplog.records if "text after the first" in r.getMessage()]
    assert said == [cap_note(stored.article)]
