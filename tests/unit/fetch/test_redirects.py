"""Redirects are followed one hop at a time: bounded, loops refused, robots.txt and scheme checked per hop."""

from __future__ import annotations

import pytest

from newsfuse.fetch import Fetcher, FetchError
from tests.localhttp import LocalServer, Reply
from tests.unit.fetch.conftest import fast


def moved(location: str, status: int = 301) -> Reply:
    return Reply(status, "moved", {"Location": location})


def test_redirects_absolute_and_relative_are_followed_to_the_final_url() -> None:
    with LocalServer() as server:
        server.routes.update(
            {
                "/old/feed": moved(server.url("/feeds/main")),
                "/feeds/main": moved("../new/feed.xml?x=1#top", 302),
                "/new/feed.xml?x=1": moved("/final.xml", 307),
                "/final.xml": Reply(200, "<rss/>", {"Content-Type": "application/rss+xml", "ETag": '"f"'}),
            }
        )
        with Fetcher(fast()) as f:
            got = f.get(server.url("/old/feed"), etag='"f-old"')
        assert (got.url, got.requested, got.body, got.etag) == (
            server.url("/final.xml"),
            server.url("/old/feed"),
            b"<rss/>",
            '"f"',
        )
        assert server.paths() == [
            "/robots.txt",
            "/old/feed",
            "/feeds/main",
            "/new/feed.xml?x=1",
            "/final.xml",
        ]
        # the validators go with every hop: a moved feed that did not change still costs a 304
        assert all(seen.headers.get("if-none-match") == '"f-old"' for seen in server.log[1:])
        assert f.requests_made == 5


def test_a_redirect_loop_is_refused() -> None:
    routes = {"/a": moved("/b"), "/b": moved("/a")}
    with LocalServer(routes) as server, Fetcher(fast()) as f, pytest.raises(FetchError) as caught:
        f.get(server.url("/a"))
    assert caught.value.url == server.url("/a")
    assert caught.value.problem.startswith("redirect loop")
    assert server.paths() == ["/robots.txt", "/a", "/b"]


def test_more_redirects_than_the_setting_are_refused() -> None:
    routes = {f"/hop{i}": moved(f"/hop{i + 1}") for i in range(10)}
    with LocalServer(routes) as server:
        with Fetcher(fast(fetch_max_redirects=3)) as f, pytest.raises(FetchError) as caught:
            f.get(server.url("/hop0"))
        assert caught.value.problem == "over 3 redirects (setting fetch_max_redirects)"
        assert server.paths() == ["/robots.txt", "/hop0", "/hop1", "/hop2", "/hop3"]
        with Fetcher(fast(fetch_max_redirects=0)) as f, pytest.raises(FetchError, match="over 0 redirects"):
            f.get(server.url("/hop0"))


def test_a_redirect_to_another_scheme_or_nowhere_is_refused() -> None:
    routes = {
        "/ftp": moved("ftp://files.example/feed.xml"),
        "/js": moved("javascript:alert(1)"),
        "/none": Reply(302, "no location"),
    }
    with LocalServer(routes) as server, Fetcher(fast()) as f:
        with pytest.raises(FetchError) as caught:
            f.get(server.url("/ftp"))
        assert caught.value.problem == (
            "redirected to ftp://files.example/feed.xml: only http and https URLs are fetched"
        )
        with pytest.raises(FetchError, match="only http and https URLs are fetched"):
            f.get(server.url("/js"))
        with pytest.raises(FetchError, match="HTTP 302 Found: a redirect without a Location"):
            f.get(server.url("/none"))


def test_a_redirect_to_another_host_reads_that_hosts_robots_txt_first() -> None:
    with (
        LocalServer(
            {"/private/page": Reply(200, "secret")}, robots="User-agent: *\nDisallow: /private/\n"
        ) as other,
        LocalServer({"/go": moved(other.url("/private/page"))}) as server,
        Fetcher(fast()) as f,
        pytest.raises(FetchError) as caught,
    ):
        f.get(server.url("/go"))
    assert caught.value.problem == f"disallowed by robots.txt (redirected to {other.url('/private/page')})"
    assert other.paths() == ["/robots.txt"]
