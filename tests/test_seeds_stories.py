"""The five seed articles make one story: among unrelated eval articles, and alone on a cold store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsfuse

pytestmark = [pytest.mark.seeds, pytest.mark.eval]


def test_the_seeds_are_one_story_of_their_own(tmp_path: Path, seeds_dir: Path, eval_dir: Path) -> None:
    feed = tmp_path / "unrelated.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for line in (eval_dir / "newswcl50" / "newswcl50_docs.jsonl").open(encoding="utf-8"):
            doc = json.loads(line)
            out.write(json.dumps({"text": doc["text"], "url": doc["url"]}) + "\n")
        for n, line in enumerate((eval_dir / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8")):
            if n % 10 == 0:
                out.write(json.dumps({"text": json.loads(line)["text"]}) + "\n")
    db = tmp_path / "n.db"
    report = newsfuse.ingest([feed, seeds_dir], db)
    assert report.problems == 0
    with newsfuse.open_store(db, readonly=True) as store:
        homes = {
            story.id: [Path(a.article.raw.path or "").parent for a in store.story_articles(story.id)]
            for story in store.stories()
        }
    with_seeds = [folders for folders in homes.values() if seeds_dir in folders]
    assert len(with_seeds) == 1
    assert with_seeds[0] == [seeds_dir] * 5


def test_the_seeds_alone_on_a_cold_store_are_one_story(tmp_path: Path, seeds_dir: Path) -> None:
    # five articles give no document frequencies to speak of: the word-frequency prior must
    newsfuse.ingest([seeds_dir], tmp_path / "n.db")
    with newsfuse.open_store(tmp_path / "n.db", readonly=True) as store:
        assert [story.articles for story in store.stories()] == [5]
