"""`newsfuse brief URL…` and `newsfuse ingest URL…` as a user runs them, against a server on 127.0.0.1."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.localhttp import LocalServer, Reply
from tests.test_cli import no_traceback, run, stderr_lines
from tests.unit.ingest.test_feed_pages import HTML, PARAS, RSS, page, rss

OTHER = [
    "Ferry crossings from Lowmere to the island of Skerrow will resume in April after the harbour board "
    "voted on Tuesday to reopen the north ferry slip.",
    "The repairs over the winter cost more than planned, board members said, and four sailings a day are "
    "promised for the summer season.",
    "Fishermen asked that the old slip stay open for their boats until the new moorings are finished.",
]


def _server() -> LocalServer:
    feed = rss(
        [
            ("Ferry slip to reopen", "/tidings/ferry", "<p>Teaser.</p>", "Tue, 11 Mar 2025 09:15:00 +0000"),
            (
                "Gone story",
                "/tidings/gone",
                "<p>" + " ".join(OTHER) + "</p>",
                "Tue, 11 Mar 2025 10:15:00 +0000",
            ),
        ]
    )
    return LocalServer(
        {
            "/tidings/feed.xml": Reply(200, feed, RSS),
            "/tidings/ferry": Reply(200, page("Ferry slip to reopen", PARAS), HTML),
            "/herald/ferry": Reply(
                200, page("Skerrow ferry back in April", OTHER, site="Skerrow Herald"), HTML
            ),
        }
    )


def test_brief_and_ingest_urls(tmp_path: Path) -> None:
    with _server() as server:
        feed, herald, missing = (server.url(p) for p in ("/tidings/feed.xml", "/herald/ferry", "/nowhere"))
        fast = ["-s", "fetch_host_interval=0", "-s", "fetch_retries=0"]
        result = run("brief", feed, herald, missing, "-o", "out.json", *fast, cwd=tmp_path)
        no_traceback(result)
        assert result.returncode == 0, result.stderr
        document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        urls = sorted(s["url"] for s in document["sources"])
        assert urls == sorted([server.url("/tidings/ferry"), server.url("/tidings/gone"), herald])
        lines = stderr_lines(result)
        assert f"newsfuse: error: {missing}: HTTP 404 Not Found" in lines, lines
        assert f"newsfuse: {feed}: 2 entries; fetching their pages (setting fetch_pages)" in lines, lines
        assert any(line.startswith(f"newsfuse: {server.url('/tidings/gone')}: HTTP 404") for line in lines), (
            lines
        )

        result = run("ingest", herald, "--db", "news.db", *fast, cwd=tmp_path)
        no_traceback(result)
        assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "news.db") as db:
        assert db.execute("select count(*) from articles").fetchone() == (1,)


def test_sources_read_from_the_web_are_named_by_their_url() -> None:
    """A brief names a file by its name only (no private folders) but a web page by its whole address."""
    from newsfuse.render.common import file_name

    assert file_name("in/notes/a.txt") == "a.txt"
    assert file_name("https://tidings.example.org/news/ferry") == "https://tidings.example.org/news/ferry"
