"""The store's story search: an SQLite FTS5 index when this Python's SQLite has it, else `LIKE`.

Helper of store.py (the SQL lives with it). The index is external-content FTS5 over every article
revision's title and text and over story titles (tokenizer `unicode61 remove_diacritics 2`: case
and accents folded, so "sao" finds "São"), kept in step by triggers; a search joins back to
`articles` and keeps current revisions only (`superseded_by IS NULL`), so indexing superseded
revisions costs a little space and never a wrong match.

Each user word is one quoted prefix phrase (`"word"*`, inner quotes doubled): user input is never
FTS syntax, so `NEAR(`, `OR`, `-` or `*` are searched as the words they contain. A word without a
letter or digit would be an empty phrase that matches nothing; it is ignored instead.

A build without FTS5 (probed once) searches with `LIKE` (case-insensitive for ASCII only); a store
file whose index was never built (created by such a build) gets it from the first writer that
has FTS5 — `ensure_full_text` — so migrations never fail for want of the module.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from newsfuse.errors import NewsfuseError

FULL_TEXT_TABLES = ("articles_fts", "stories_fts")

FULL_TEXT_SCHEMA = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE VIRTUAL TABLE stories_fts USING fts5(
    title, content='stories', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
    INSERT INTO stories_fts (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER stories_fts_update AFTER UPDATE OF title ON stories BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO stories_fts (rowid, title) VALUES (new.id, new.title);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
INSERT INTO stories_fts (stories_fts) VALUES ('rebuild')
"""


@functools.cache
def fts5_available() -> bool:
    """Whether this Python's SQLite can create (and so read and write) FTS5 tables."""
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.execute(
                "CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='unicode61 remove_diacritics 2')"
            )
    except sqlite3.OperationalError:
        return False
    return True


def has_full_text(db: sqlite3.Connection) -> bool:
    """Whether the file holds the full-text index (built by `ensure_full_text`)."""
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return all(table in names for table in FULL_TEXT_TABLES)


def ensure_full_text(db: sqlite3.Connection, path: Path) -> None:
    """Build and fill the index of a file that lacks it (new, or made without FTS5), if SQLite can.

    Its own write transaction (the file may be new to the index while others read it); a file that
    has the index but meets a build without FTS5 is refused for writing: its triggers would fail.
    """
    if has_full_text(db):
        if not fts5_available():
            raise NewsfuseError(
                f"{path}: this store has a full-text index but this Python's SQLite lacks FTS5; "
                "open it for writing with a Python whose SQLite has FTS5"
            )
        return
    if not fts5_available():
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if not has_full_text(db):  # another process may have built it meanwhile
            for statement in sql_statements(FULL_TEXT_SCHEMA):
                db.execute(statement)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def full_text_problems(db: sqlite3.Connection) -> list[str]:
    """FTS5's own check of each index against its content table (empty when they agree)."""
    problems = []
    for table in FULL_TEXT_TABLES:
        try:
            db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"{table}: {exc}")
    return problems


def match_phrase(word: str) -> str | None:
    """The FTS5 query for one user word: a quoted prefix phrase, or None for a word of no letter/digit."""
    if not any(ch.isalnum() for ch in word):
        return None
    return '"' + word.replace('"', '""') + '"*'


def word_filters(words: Sequence[str], *, full_text: bool) -> tuple[list[str], list[str]]:
    """WHERE clauses over `stories s` (one per word, all must hold) and their parameters.

    A word holds when it is in the story's title or in a current article's title or text.
    """
    where: list[str] = []
    params: list[str] = []
    for word in words:
        if full_text:
            phrase = match_phrase(word)
            if phrase is None:
                continue
            where.append(
                "(s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?) OR s.id IN "
                "(SELECT a.story_id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH ? AND a.superseded_by IS NULL))"
            )
            params += [phrase, phrase]
        else:
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                "(s.title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id "
                "AND a.superseded_by IS NULL AND (a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')))"
            )
            params += [like, like, like]
    return where, params


def sql_statements(script: str) -> list[str]:
    """A script cut into whole statements (a trigger's body keeps its inner semicolons)."""
    statements, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip())
    return statements
