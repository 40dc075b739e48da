"""Copies between sources: reprints and excerpts do not count as independent; both forms agree."""

from __future__ import annotations

import datetime as dt

from newsfuse.copies import CopyIndex, copy_order, find_copies, minhash_signature, shingles

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


def test_an_excerpt_is_a_copy_but_a_fuller_later_story_is_not() -> None:
    excerpt = WIRE.split(". ")[0] + "."
    fuller = WIRE + " " + OTHER
    assert find_copies([fuller, excerpt]) == {1: 0}
    assert find_copies([excerpt, fuller]) == {}  # it adds to what the excerpt said first


def test_a_revision_of_the_same_url_is_not_a_copy() -> None:
    urls = ["https://www.a.example/x?utm_source=feed", "https://a.example/x/", "https://b.example/y"]
    assert find_copies([WIRE, WIRE + " Updated.", WIRE], urls=urls) == {2: 0}


def _streamed(texts: list[str], published: list[dt.date | None], containment: float = 0.9) -> dict[int, int]:
    """The streaming form over the same articles, in the rule's reading order."""
    index = CopyIndex(containment)
    found: dict[int, int] = {}
    for i in copy_order(published):
        sh = shingles(texts[i])
        signature = minhash_signature(sh)
        original = index.find(signature, len(sh))
        if original is None:
            index.add(i, signature, len(sh))
        else:
            found[i] = original
    return found


def test_the_streaming_form_marks_what_the_batch_form_marks() -> None:
    excerpt = WIRE.split(". More")[0] + "."
    texts = [excerpt, WIRE + " " + OTHER, WIRE, OTHER, WIRE + " Coastal Times", OTHER + " Wire"]
    published = [dt.date(2025, 3, d) for d in (11, 12, 12, 13, 14, 13)]
    expected = {2: 1, 3: 1, 4: 1, 5: 1}  # the excerpt came first: the fuller report is no copy
    assert find_copies(texts, published) == expected
    assert _streamed(texts, published) == expected


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
