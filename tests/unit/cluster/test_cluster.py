"""Cheap features, MinHash copies and online story grouping, on articles built in code."""

from __future__ import annotations

import datetime as dt

from newsfuse.cluster import (
    Item,
    StoryGrouper,
    group_stories,
    minhash_signature,
)
from newsfuse.cluster_features import article_features
from newsfuse.config import Settings
from newsfuse.copies import CopyIndex

FIRE = [
    "Fourteen people were killed when a chemical warehouse exploded in the port of Kessara, the Valdonia "
    "fire service said. Mayor Ilse Varga ordered the evacuation of residents near the Kessara warehouse.",
    "The death toll from the Kessara warehouse explosion rose to 17, Valdonia's health ministry said, as "
    "Mayor Ilse Varga visited the port and firefighters searched the chemical warehouse ruins.",
    "Police in Kessara detained three managers of the chemical warehouse company after the explosion "
    "that killed 17 people in the port, Valdonia prosecutors said; Ilse Varga called for an inquiry.",
]
STRIKE = [
    "Rail workers in Norland extended their strike into a second week after talks with the Ministry of "
    "Transport collapsed. Union leader Petra Holm said train drivers would stay out until wages rose.",
    "Commuters in Norland faced empty platforms again as the rail strike led by Petra Holm's union "
    "entered its ninth day, with the Ministry of Transport refusing new wage talks with train drivers.",
]


def test_features_are_content_words_entities_and_numbers() -> None:
    counts = article_features("Mayor Ilse Varga said 17 people died in Kessara on Tuesday.", "Blast").counts
    assert {"@ilse varga", "@kessara", "#17", "people", "blast"} <= set(counts)
    assert "said" not in counts and "@tuesday" not in counts and "in" not in counts
    assert counts["blast"] == 2  # title words count twice


def test_a_reprint_and_an_excerpt_are_copies_a_different_article_is_not() -> None:
    index = CopyIndex(containment=0.9)
    original = article_features(" ".join(FIRE))
    index.add(1, minhash_signature(original.shingles), len(original.shingles))
    reprint = article_features(" ".join(FIRE) + " Coastal Times")
    excerpt = article_features(" ".join(FIRE[:2]))
    other = article_features(" ".join(STRIKE))
    assert index.find(minhash_signature(reprint.shingles), len(reprint.shingles)) == 1
    assert index.find(minhash_signature(excerpt.shingles), len(excerpt.shingles)) == 1
    assert index.find(minhash_signature(other.shingles), len(other.shingles)) is None
    # a new revision of the same URL is not a copy of its older self
    index.add(2, minhash_signature(other.shingles), len(other.shingles), "https://a.example/x")
    assert index.find(minhash_signature(other.shingles), len(other.shingles), "https://a.example/x") is None


def test_articles_group_by_story_online() -> None:
    items = [Item(t) for pair in zip(FIRE, [*STRIKE, ""], strict=True) for t in pair if t]
    labels = group_stories(items)
    fire = {labels[0], labels[2], labels[4]}
    strike = {labels[1], labels[3]}
    assert len(fire) == 1 and len(strike) == 1 and fire != strike


def test_the_time_window_keeps_distant_events_apart() -> None:
    day = dt.date(2025, 3, 1)
    items = [Item(FIRE[0], published=day), Item(FIRE[1], published=day + dt.timedelta(days=60))]
    assert len(set(group_stories(items, Settings(story_window_days=7)))) == 2
    assert len(set(group_stories(items, Settings(story_window_days=90)))) == 1


def test_an_article_that_joins_two_stories_merges_them() -> None:
    grouper = StoryGrouper(Settings(story_similarity=0.1, story_merge_similarity=0.1))
    for article_id, (story_id, text) in enumerate([(1, FIRE[0]), (2, FIRE[2])]):
        features = article_features(text)
        placement = grouper.place(features, None)
        grouper.commit(article_id, story_id, placement, features, None)
    bridge = grouper.place(article_features(FIRE[1]), None)
    assert bridge.story == 1 and bridge.merges == (2,)


def test_candidates_come_from_blocking_not_from_every_story() -> None:
    grouper = StoryGrouper()
    features = article_features(FIRE[0])
    grouper.commit(0, 1, grouper.place(features, None), features, None)
    strike = article_features(STRIKE[0])
    _, keys = grouper.vector(strike)
    assert grouper.candidates(keys, None) == []


def test_a_merge_on_a_prune_article_is_rebuilt_before_idle_stories_are_pruned() -> None:
    """An undated article whose id prunes, merging two idle stories: the merged story is rebuilt
    first and then pruned like any idle story (pruned first, it was missing, or came back)."""
    from newsfuse.cluster import Placement, StoryGrouper
    from newsfuse.cluster_features import article_features

    grouper = StoryGrouper(Settings(), prune_every=4)
    features = article_features("Floodwater closed the coast road at Maresby on Sunday.", None, "en")
    vector, keys = grouper.vector(features)
    rows: dict[int, object] = {}

    def commit(article_id: int, story: int, placement: Placement, when: dt.date | None) -> None:
        rows[article_id] = type(
            "Row",
            (),
            {"article_id": article_id, "vector": vector, "keys": keys, "published": when, "language": "en"},
        )()
        grouper.commit(
            article_id,
            story,
            placement,
            features,
            when,
            rows_of=lambda s: [rows[a] for a in sorted(grouper.stories[s].articles)],
        )

    for article_id, when in [(1, dt.date(2025, 1, 1)), (2, dt.date(2025, 1, 2)), (3, dt.date(2025, 6, 1))]:
        commit(article_id, article_id, Placement(None, (), None, vector, keys, 0.0), when)
    rebuilt: list[list[int]] = []
    real = grouper.rebuild
    grouper.rebuild = lambda s, r: (rebuilt.append(sorted(grouper.stories[s].articles)), real(s, r))[1]  # type: ignore[method-assign]
    commit(4, 1, Placement(1, (2,), None, vector, keys, 1.0), None)
    assert rebuilt == [[1, 2, 4]]  # the merged story, whole, before the prune
    assert sorted(grouper.stories) == [3]  # then pruned with the other idle one
