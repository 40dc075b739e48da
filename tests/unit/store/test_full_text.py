"""Store: the FTS5 story search — case and accents folded, current revisions only, hostile input
searched as words, old files indexed on migration, `LIKE` where SQLite lacks FTS5."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import newsfuse
from newsfuse import store_search
from newsfuse.store import MIGRATIONS, open_store
from tests.unit.store.test_store import FIRE, STRIKE

pytestmark = pytest.mark.skipif(not store_search.fts5_available(), reason="this SQLite lacks FTS5")

SAO = (
    "Flooding in São Tomé cut the coastal road on Friday, the Ministério da Saúde said. "
    "Crews from Príncipe reached the town by boat."
)


def feed(folder: Path, name: str, records: list[dict[str, str]]) -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    records = [
        {"url": "https://a.example/fire", "title": "Warehouse blast", "text": FIRE},
        {"url": "https://b.example/strike", "title": "Rail strike", "text": STRIKE},
        {"url": "https://c.example/sao", "title": "Estrada cortada", "text": SAO},
    ]
    newsfuse.ingest(feed(tmp_path, "feed.jsonl", records), path)
    return path


def titles(db: Path, *words: str) -> set[str | None]:
    with open_store(db, readonly=True) as store:
        assert store.full_text
        return {s.title for s in store.stories(words=words)}


def test_case_accents_and_prefixes_are_folded(db: Path) -> None:
    assert titles(db, "kessara") == {"Warehouse blast"}
    assert titles(db, "KESSARA", "warehouse") == {"Warehouse blast"}
    assert titles(db, "sao") == titles(db, "SÃO") == titles(db, "saude") == {"Estrada cortada"}
    assert titles(db, "kess") == {"Warehouse blast"}  # a word is a prefix
    assert titles(db, "rail") == {"Rail strike"}  # the story's title
    assert titles(db, "kessara", "union") == set()  # every word must be found


def test_hostile_input_is_searched_as_the_words_it_holds(db: Path) -> None:
    everything = titles(db)
    assert len(everything) == 3
    for punctuation in ['"', "*", "-", "(", ")", '""*', "^", ":"]:
        assert titles(db, punctuation) == everything  # no word in it: no filter
    assert titles(db, "NEAR(") == {"Warehouse blast"}  # "near" the port, not an FTS5 operator
    assert titles(db, 'kessara"') == titles(db, "-kessara") == {"Warehouse blast"}
    assert titles(db, "kessara", "OR", "union") == set()  # OR is a word, not an operator
    assert titles(db, "title:kessara") == set()  # no column filter: "title" must be found too
    assert titles(db, 'x" OR "kessara') == set()


def test_superseded_revisions_do_not_match(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    old = {"url": "https://a.example/fire", "title": "Blast", "text": FIRE + " Zanzibar was mentioned."}
    new = {"url": "https://a.example/fire", "title": "Blast", "text": FIRE + " A correction followed."}
    newsfuse.ingest(feed(tmp_path, "old.jsonl", [old]), db)
    assert titles(db, "zanzibar") == {"Blast"}
    newsfuse.ingest(feed(tmp_path, "new.jsonl", [new]), db)
    assert titles(db, "zanzibar") == set()
    assert titles(db, "correction") == {"Blast"}
    with open_store(db) as store:
        assert store.check() == []  # the index agrees with the articles table


def test_a_version_2_file_gets_its_articles_indexed(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.executescript(MIGRATIONS[1])
        conn.execute(
            "INSERT INTO stories (id, title, articles, created_at, updated_at) "
            "VALUES (1, 'Port fire', 1, 'x', 'x')"
        )
        conn.execute(
            "INSERT INTO articles (id, raw_hash, content_hash, story_id, fmt, language, text, removed, "
            "ingested_at) VALUES (1, 'r', 'c', 1, 'text', 'pt', ?, '[]', 'x')",
            (SAO,),
        )
        conn.execute("INSERT INTO grouping (article_id, vector, keys, shingles) VALUES (1, '{}', '[]', 0)")
        conn.execute("PRAGMA user_version = 2")
    with open_store(db) as store:
        assert store.full_text
        assert [s.id for s in store.stories(words=["principe"])] == [1]
        assert [s.id for s in store.stories(words=["port"])] == [1]  # the story's title
        assert store.check() == []


def test_without_fts5_search_falls_back_to_like_and_a_later_writer_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "n.db"
    record = {"url": "https://c.example/sao", "title": "Estrada", "text": SAO}
    with monkeypatch.context() as patched:
        patched.setattr(store_search, "fts5_available", lambda: False)  # an SQLite built without FTS5
        newsfuse.ingest(feed(tmp_path, "feed.jsonl", [record]), db)
        with open_store(db, readonly=True) as store:
            assert not store.full_text
            assert [s.title for s in store.stories(words=["TOMÉ"])] == []  # LIKE: ASCII case only
            assert [s.title for s in store.stories(words=["flooding"])] == ["Estrada"]
    with open_store(db) as writer:  # this SQLite has FTS5: the index is built now
        assert writer.full_text and writer.check() == []
    assert titles(db, "tome") == {"Estrada"}


def test_statements_keep_trigger_bodies_whole() -> None:
    statements = store_search.sql_statements(store_search.FULL_TEXT_SCHEMA)
    assert all(sqlite3.complete_statement(s) for s in statements)
    assert sum(s.startswith("CREATE TRIGGER") for s in statements) == 6
