"""The story list for triage: one shape for `newsfuse stories --json`, `GET /api/stories` and the page;
sorting, filtering and paging in the query string; CSV export safe for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

import newsfuse
from newsfuse import __version__
from newsfuse.config import Settings
from newsfuse.store import open_store
from newsfuse.story_export import csv_text, download_name
from newsfuse.web import create_app
from newsfuse.web.app import answer_once
from tests.list_store import LIGHTHOUSE_TITLE, ListStore, build_list_store
from tests.test_cli import no_traceback, run
from tests.two_stories import write_stories
from tests.web.conftest import Server, serving


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    return build_list_store(tmp_path_factory.mktemp("list"))


@pytest.fixture(scope="module")
def app(listed: ListStore) -> FastAPI:
    return create_app(listed.db, warm=False)


def get_json(app: FastAPI, target: str) -> dict[str, Any]:
    status, body = answer_once(app, target)
    assert status == 200, body[:300]
    document: dict[str, Any] = json.loads(body)
    return document


def ids(app: FastAPI, target: str) -> list[int]:
    return [s["id"] for s in get_json(app, target)["stories"]]


def test_the_cli_and_the_api_list_the_same_stories(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_stories(folder, fire=3, strike=2)
    (folder / "fire-4-reprint.txt").write_text(
        (folder / "fire-1.txt").read_text(encoding="utf-8") + "\nWharf Weekly\n", encoding="utf-8"
    )
    db = tmp_path / "store.db"
    report = newsfuse.ingest(folder, db)
    assert report.copies == 1
    with open_store(db) as store, store.writer():
        fire = next(s for s in store.stories() if s.articles == 4)
        # a brief kept under the default settings: both lists show its conflicts, current
        store.keep_brief(fire.id, Settings().fingerprint(), fire.state, __version__, "{}", 2)

    result = run("stories", "--json", "--db", str(db), cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    from_cli = json.loads(result.stdout)

    status, body = answer_once(create_app(db, warm=False), "/api/stories")
    assert status == 200, body[:300]
    assert json.loads(body) == from_cli

    stories = from_cli["stories"]
    assert [s["articles"] for s in stories] == [len(s["article_list"]) for s in stories] and len(stories) == 2
    (listed,) = [s for s in stories if s["id"] == fire.id]
    assert (listed["conflicts"], listed["conflicts_current"], listed["figures"]) == (2, True, "conflict")
    assert (listed["independent_sources"], listed["copies"], listed["languages"]) == (3, 1, ["en"])
    assert listed["page"] == f"/stories/{fire.id}" and listed["brief"] == f"/api/stories/{fire.id}"
    by_name = {Path(a["path"]).name: a for a in listed["article_list"]}
    assert by_name["fire-4-reprint.txt"]["duplicate_of"] == by_name["fire-1.txt"]["id"]
    assert set(by_name["fire-1.txt"]) == {
        "id", "path", "record", "url", "title", "published", "revision", "duplicate_of"
    }  # fmt: skip
    assert (from_cli["total"], from_cli["next"], from_cli["previous"]) == (2, None, None)


def test_each_story_has_its_dates_sources_languages_places_and_badge(app: FastAPI, listed: ListStore) -> None:
    stories = {s["id"]: s for s in get_json(app, "/api/stories")["stories"]}
    fire, strike, usine, lighthouse = (
        stories[i] for i in (listed.fire, listed.strike, listed.usine, listed.lighthouse)
    )
    assert (fire["first_seen"], fire["last_seen"], fire["dated_by"]) == (
        "2025-03-03",
        "2025-03-05",
        "articles",
    )
    # plain text without a metadata date: dated by the dates its brief found in the text
    assert (usine["first_seen"], usine["last_seen"], usine["dated_by"]) == (
        "2025-04-08",
        "2025-04-09",
        "brief",
    )
    assert (lighthouse["first_seen"], lighthouse["dated_by"]) == (None, None)
    assert (fire["independent_sources"], fire["copies"], fire["articles"]) == (3, 1, 4)
    assert (usine["languages"], fire["languages"]) == (["fr"], ["en"])
    assert fire["key_figure"] == "killed 2 (county fire service, 5 Mar)" and fire["places"] == ["Tallowford"]
    badges = [s["figures"] for s in (fire, strike, usine, lighthouse)]
    assert badges == ["conflict", "agree", "no figures", "not briefed"]
    assert (usine["conflicts"], lighthouse["conflicts"]) == (0, None)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("", ["strike", "usine", "fire", "lighthouse"]),  # latest first, undated last
        ("latest", ["strike", "usine", "fire", "lighthouse"]),
        ("earliest", ["fire", "usine", "strike", "lighthouse"]),
        ("sources", ["fire", "strike", "usine", "lighthouse"]),  # independent sources; ties: latest
        ("conflicts", ["fire", "strike", "usine", "lighthouse"]),  # never briefed last
    ],
)
def test_sorting(app: FastAPI, listed: ListStore, sort: str, order: list[str]) -> None:
    assert ids(app, f"/api/stories?sort={sort}") == [getattr(listed, name) for name in order]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("since=2025-04-01", ["strike", "usine"]),
        ("until=2025-04-30", ["usine", "fire"]),
        ("since=2025-03-04&until=2025-03-04", ["fire"]),
        ("place=tallow", ["fire"]),
        ("place=GREYHOLLOW", ["strike"]),
        ("lang=fr", ["usine"]),
        ("lang=en&sort=earliest", ["fire", "strike", "lighthouse"]),
        ("conflict=yes", ["fire"]),
        ("conflict=no", ["strike", "usine"]),
        ("q=miners", ["strike"]),
        ("lang=en&conflict=no", ["strike"]),
        ("place=nowhere", []),
    ],
)
def test_filtering(app: FastAPI, listed: ListStore, query: str, expected: list[str]) -> None:
    document = get_json(app, f"/api/stories?{query}")
    assert [s["id"] for s in document["stories"]] == [getattr(listed, name) for name in expected]
    assert document["total"] == len(expected)


def test_paging_with_next_and_previous_links(app: FastAPI, listed: ListStore) -> None:
    first = get_json(app, "/api/stories?limit=3&lang=en")
    assert (len(first["stories"]), first["total"], first["previous"]) == (3, 3, None)
    first = get_json(app, "/api/stories?limit=2")
    assert [s["id"] for s in first["stories"]] == [listed.strike, listed.usine]
    assert first["total"] == 4 and first["next"] == "/api/stories?limit=2&offset=2"
    second = get_json(app, first["next"])
    assert [s["id"] for s in second["stories"]] == [listed.fire, listed.lighthouse]
    assert second["next"] is None and second["previous"] == "/api/stories?limit=2"
    assert ids(app, "/api/stories?limit=2&offset=9") == []


@pytest.mark.parametrize(
    ("query", "name"),
    [("sort=loudest", "sort"), ("since=2025-13-01", "since"), ("conflict=maybe", "conflict")],
)
def test_a_bad_parameter_is_400_naming_it(app: FastAPI, query: str, name: str) -> None:
    for path in ("/api/stories", "/", "/stories.csv"):
        status, body = answer_once(app, f"{path}?{query}")
        assert status == 400 and name.encode() in body, (path, body[:200])


def test_the_page_keeps_the_query_in_its_links_and_shows_the_badges(listed: ListStore) -> None:
    with serving(create_app(listed.db, warm=False)) as url, httpx.Client(base_url=url) as client:
        page = client.get("/", params={"lang": "en", "limit": "2"})
        assert page.status_code == 200
        html = page.text
        assert '<link rel="stylesheet" href="/static/list.css' in html
        assert 'href="/?lang=en&amp;limit=2&amp;offset=2"' in html and 'rel="next"' in html
        assert 'href="/?lang=en&amp;sort=earliest&amp;limit=2"' in html  # sort links keep the filters
        assert 'href="/stories.csv?lang=en&amp;limit=2"' in html
        assert "figures agree" in html and "⚠ 2 conflicts" in html and 'value="en"' in html
        assert "not briefed yet" not in html  # the lighthouse is on the second page
        html = client.get("/").text
        assert "no figures" in html and "not briefed yet" in html and "⚠ 2 conflicts" in html
        assert "(from the text)" in html and "killed 2 (county fire service, 5 Mar)" in html
        assert "+1 copy" in html
        assert client.get("/static/list.css").status_code == 200


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_list_as_csv_honours_the_filters_and_defuses_formulas(app: FastAPI, listed: ListStore) -> None:
    with serving(app) as url:
        response = httpx.get(f"{url}/stories.csv", params={"sort": "earliest"})
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == 'attachment; filename="stories.csv"'
        rows = csv_rows(response.content.decode("utf-8"))
        assert rows[0][:4] == ["id", "title", "first_seen", "last_seen"]
        assert [int(r[0]) for r in rows[1:]] == [listed.fire, listed.usine, listed.strike, listed.lighthouse]
        title = rows[0].index("title")
        assert rows[-1][title] == "'" + LIGHTHOUSE_TITLE  # never read as a formula
        assert rows[1][rows[0].index("key_figure")] == "killed 2 (county fire service, 5 Mar)"
        assert "Montclervin" in rows[2][rows[0].index("places")]
        only = csv_rows(httpx.get(f"{url}/stories.csv", params={"lang": "fr"}).text)
        assert [r[0] for r in only[1:]] == [str(listed.usine)]


def test_the_story_figures_as_csv_and_json(server: Server) -> None:
    """The bundled example story, briefed for real: one row per claim, in both formats."""
    with httpx.Client(base_url=server.url, timeout=300) as client:
        brief = client.get("/api/stories/1").json()
        figures = client.get("/api/stories/1/figures.json").json()
        response = client.get("/api/stories/1/figures.csv")
        assert client.get("/api/stories/99999/figures.csv").status_code == 404
    assert response.headers["content-disposition"] == 'attachment; filename="story-1-figures.csv"'
    rows = csv_rows(response.text)
    claims = brief["claims"]
    assert len(rows) == len(claims) + 1 and len(figures["figures"]) == len(claims) > 0
    header = rows[0]
    assert header[:3] == ["claim", "source", "outlet"] and "quote" in header and "verdict" in header
    first = dict(zip(header, rows[1], strict=True))
    assert first["claim"] == claims[0]["id"] and first["quote"].lstrip("'") == claims[0]["quote"]
    assert first["value_text"].lstrip("'") == claims[0]["value"]["text"]
    compared = {cid: c["verdict"] for c in brief["comparisons"] for cid in c["claims"]}
    for row in figures["figures"]:
        assert row["verdict"] == compared.get(row["claim"])
        assert row["measure"] and row["source"].startswith("s") and row["status"] in ("current", "superseded")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_made_text(start: str) -> None:
    text = csv_text(
        ("a", "b", "c", "d"), [{"a": f"{start}1+2", "b": -3, "c": None, "d": ["Ærø", f"{start}x"]}]
    )
    header, row = csv_rows(text)
    assert header == ["a", "b", "c", "d"]
    assert row == [f"'{start}1+2", "-3", "", f"Ærø; {start}x"]  # a list is one cell: its start is "Æ"
    assert (
        text.endswith("\r\n")
        and download_name("story/../1 ü", "csv") == 'attachment; filename="story----1--.csv"'
    )


def test_the_list_kept_in_memory_follows_every_commit_to_the_store(tmp_path: Path) -> None:
    """The list is computed once per state of the store (`ListMemo`): an ingest by another
    connection, then a brief made in the server, each show in the very next list."""
    folder = tmp_path / "in"
    write_stories(folder, fire=2, strike=0)
    db = tmp_path / "store.db"
    newsfuse.ingest(folder, db)
    app = create_app(db, warm=False)
    first = get_json(app, "/api/stories")
    assert len(first["stories"]) == 1 and first["stories"][0]["conflicts"] is None
    page = answer_once(app, "/")[1]
    assert answer_once(app, "/")[1] == page  # unchanged store: the same page
    write_stories(tmp_path / "more", fire=0, strike=2)
    newsfuse.ingest(tmp_path / "more", db)  # another connection commits
    assert len(get_json(app, "/api/stories")["stories"]) == 2
    assert answer_once(app, "/")[1] != page
    story = first["stories"][0]["id"]
    assert answer_once(app, f"/api/stories/{story}")[0] == 200  # briefed (and kept) by the server
    briefed = next(s for s in get_json(app, "/api/stories")["stories"] if s["id"] == story)
    assert briefed["conflicts"] is not None
