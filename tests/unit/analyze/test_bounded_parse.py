"""Parsing in bounded batches: a long text parsed in pieces reads as the same text, sentence for
sentence, with its parse, entities and lemmas; batches never hold more than `BATCH_CHARS`."""

from __future__ import annotations

import pytest

from newsfuse.analyze import sentences
from newsfuse.analyze.parse import parse_articles
from newsfuse.analyze.sentences import _batches, _segments
from newsfuse.clean import clean_article
from newsfuse.models import RawArticle

PARAGRAPHS = [
    f"Crews from the Tolve station pumped water out of {n + 3} houses on Harrow Street on day {n + 1}. "
    f"Mayor Ansel Kettering visited the Maresby shelter, where {n * 7 + 20} residents spent the night."
    for n in range(12)
]
TEXT = "\n\n".join(PARAGRAPHS)


def test_segments_join_back_to_the_text_and_respect_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentences, "SEGMENT_CHARS", 500)
    pieces = _segments(TEXT)
    assert "".join(pieces) == TEXT
    assert len(pieces) > 2
    assert all(len(p.rstrip()) <= 500 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # cut after a paragraph break
    one_paragraph = " ".join(PARAGRAPHS)
    pieces = _segments(one_paragraph)
    assert "".join(pieces) == one_paragraph
    assert all(p.rstrip().endswith(".") for p in pieces)  # else after a sentence end


def test_batches_hold_a_bounded_number_of_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentences, "BATCH_CHARS", 100)
    pieces = ["x" * 40] * 5 + ["y" * 150] + ["z" * 10] * 3
    batches = list(_batches(pieces, batch_size=32))
    assert [k for b in batches for k in b] == list(range(len(pieces)))
    assert all(sum(len(pieces[k]) for k in b) <= 100 or len(b) == 1 for b in batches)
    assert batches[:3] == [[0, 1], [2, 3], [4]]
    assert list(_batches(["a"] * 5, batch_size=2)) == [[0, 1], [2, 3], [4]]


def test_a_long_article_parsed_in_pieces_reads_as_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    article = clean_article(RawArticle(text="\n".join(PARAGRAPHS), path="flood.txt"), language="en")
    whole = parse_articles([article])[0]
    monkeypatch.setattr(sentences, "SEGMENT_CHARS", 400)
    monkeypatch.setattr(sentences, "BATCH_CHARS", 400)
    pieces = parse_articles([article, article])
    for parsed in pieces:
        assert parsed.doc is not None and whole.doc is not None
        assert parsed.doc.text == article.text
        assert parsed.sentences == whole.sentences
        assert [(e.text, e.label_) for e in parsed.doc.ents] == [(e.text, e.label_) for e in whole.doc.ents]
        assert [t.lemma_ for t in parsed.doc] == [t.lemma_ for t in whole.doc]
        assert parsed.doc.has_annotation("DEP")
