"""The fetcher against scripted servers on 127.0.0.1: answers, encodings, conditional requests."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest

import newsfuse
import newsfuse.fetch as fetch
from newsfuse.errors import InputError
from newsfuse.fetch import Fetched, Fetcher, FetchError, FetchRequest, is_url, user_agent
from tests.localhttp import LocalServer, Reply, Seen
from tests.unit.fetch.conftest import fast

PAGE = (
    "<html><head><title>Quay crane stalls</title></head><body><p>Work stopped at berth 4.</p></body></html>"
)


def test_exported_members_are_curated() -> None:
    public = {name for name in vars(fetch) if not name.startswith("_")} - {"annotations"}
    modules = {
        "body",
        "client",
        "exchange",
        "politeness",
        "problems",
        "result",
        "robots",
        "transport",
        "urls",
    }
    assert sorted(fetch.__all__) == sorted(public - modules)
    assert set(fetch.__all__) == {"FetchError", "FetchRequest", "Fetched", "Fetcher", "is_url", "user_agent"}


def test_a_page_is_fetched_with_its_type_charset_and_validators() -> None:
    headers = {
        "Content-Type": 'Text/HTML; Charset="ISO-8859-1"',
        "ETag": '"p1"',
        "Last-Modified": "Tue, 01 Dec 2026 08:00:00 GMT",
    }
    with (
        LocalServer({"/news/1": Reply(200, PAGE.encode("latin-1"), headers)}) as server,
        Fetcher(fast()) as f,
    ):
        got = f.get(server.url("/news/1"))
        assert got == Fetched(
            server.url("/news/1"),
            server.url("/news/1"),
            200,
            PAGE.encode("latin-1"),
            "text/html",
            "iso-8859-1",
            '"p1"',
            "Tue, 01 Dec 2026 08:00:00 GMT",
        )
        assert not got.not_modified
        assert server.paths() == ["/robots.txt", "/news/1"]
        assert f.requests_made == 2


def test_an_answer_without_content_type_or_with_an_odd_one_is_still_returned() -> None:
    routes = {
        "/bare": Reply(200, b"\x00\x01 raw"),
        "/odd": Reply(200, "x", {"Content-Type": 'application/octet-stream; charset="; boundary'}),
        "/created": Reply(201, "made", {"Content-Type": "text/plain;charset=utf-8"}),
    }
    with LocalServer(routes) as server, Fetcher(fast()) as f:
        bare = f.get(server.url("/bare"))
        assert (bare.content_type, bare.charset, bare.body) == ("", None, b"\x00\x01 raw")
        odd = f.get(server.url("/odd"))
        assert (odd.content_type, odd.charset) == ("application/octet-stream", None)
        assert f.get(server.url("/created")).charset == "utf-8"


def test_user_agent_names_newsfuse_its_version_and_the_contact() -> None:
    settings = fast(user_agent_contact="desk@harbour-wire.example")
    assert user_agent(fast()) == f"newsfuse/{newsfuse.__version__}"
    assert user_agent(settings) == f"newsfuse/{newsfuse.__version__} (+desk@harbour-wire.example)"
    with LocalServer({"/": Reply(200, PAGE)}) as server, Fetcher(settings) as f:
        f.get(server.url("/"), accept="text/html")
        for seen in server.log:
            assert seen.headers["user-agent"] == user_agent(settings)
            assert seen.headers["accept-encoding"] == "gzip, deflate, br"
        assert server.requests_for("/")[0].headers["accept"] == "text/html"


def test_gzip_deflate_and_br_bodies_are_decoded() -> None:
    body = (PAGE * 50).encode()
    routes = {
        "/gz": Reply(200, body, gzip=True),
        "/gz2": Reply(
            200, gzip.compress(body[:100]) + gzip.compress(body[100:]), {"Content-Encoding": "gzip"}
        ),
        "/zlib": Reply(200, zlib.compress(body), {"Content-Encoding": "deflate"}),
        "/raw-deflate": Reply(200, zlib.compress(body, wbits=-15), {"Content-Encoding": "deflate"}),
        "/br": Reply(200, brotli.compress(body), {"Content-Encoding": "br"}),
        "/broken": Reply(200, b"not gzip at all", {"Content-Encoding": "gzip"}),
        "/zstd": Reply(200, b"(zstd)", {"Content-Encoding": "zstd"}),
    }
    with LocalServer(routes) as server, Fetcher(fast()) as f:
        for path in ("/gz", "/gz2", "/zlib", "/raw-deflate", "/br"):
            assert f.get(server.url(path)).body == body, path
        with pytest.raises(FetchError, match=r"/broken: malformed gzip body"):
            f.get(server.url("/broken"))
        with pytest.raises(FetchError, match=r"unsupported Content-Encoding 'zstd'"):
            f.get(server.url("/zstd"))


def test_a_conditional_request_answered_304_keeps_the_validators() -> None:
    def feed(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v7"':
            return Reply(304, b"", {"ETag": '"v7"'})
        return Reply(200, "<rss/>", {"ETag": '"v7"', "Last-Modified": "Mon, 30 Nov 2026 10:00:00 GMT"})

    with LocalServer({"/feed.xml": feed}) as server, Fetcher(fast()) as f:
        first = f.get(server.url("/feed.xml"))
        again = f.get(server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified and again.status == 304 and again.body == b""
        assert (again.etag, again.last_modified) == ('"v7"', "Mon, 30 Nov 2026 10:00:00 GMT")
        sent = server.requests_for("/feed.xml")
        assert "if-none-match" not in sent[0].headers
        assert sent[1].headers["if-none-match"] == '"v7"'
        assert sent[1].headers["if-modified-since"] == "Mon, 30 Nov 2026 10:00:00 GMT"


def test_a_304_without_validators_hands_back_those_sent() -> None:
    with LocalServer({"/f": Reply(304)}) as server, Fetcher(fast()) as f:
        got = f.get(server.url("/f"), last_modified="Sun, 29 Nov 2026 10:00:00 GMT")
        assert got.not_modified and got.etag is None
        assert got.last_modified == "Sun, 29 Nov 2026 10:00:00 GMT"
        assert "if-none-match" not in server.requests_for("/f")[0].headers


def test_only_http_and_https_urls_are_fetched_and_malformed_ones_are_one_line() -> None:
    with Fetcher(fast()) as f:
        for url in ("ftp://files.example/a.xml", "file:///etc/passwd", "javascript:alert(1)", "feed.xml"):
            with pytest.raises(FetchError) as caught:
                f.get(url)
            assert caught.value.problem == "only http and https URLs are fetched"
            assert str(caught.value) == f"{url}: only http and https URLs are fetched"
        for url in ("http://[::1/x", "http:///no-host", "http://bad host/\r\nX-Injected: 1"):
            with pytest.raises(FetchError) as caught:
                f.get(url)
            assert "malformed URL" in caught.value.problem
            assert "\n" not in str(caught.value) and "\r" not in str(caught.value)
        assert f.requests_made == 0


def test_a_refused_connection_is_one_line() -> None:
    with LocalServer() as server:
        url = server.url("/gone")
    with Fetcher(fast()) as f, pytest.raises(FetchError) as caught:
        f.get(url)
    assert caught.value.problem == "cannot connect (connection refused)"


def test_nothing_is_fetched_before_the_first_get_nor_after_close() -> None:
    with LocalServer({"/": Reply(200, PAGE)}) as server:
        f = Fetcher(fast())
        f.close()
        with pytest.raises(FetchError, match="stopped"):
            f.get(server.url("/"))
        with Fetcher(fast()):
            pass
        assert server.log == []


def test_fetch_error_is_one_line_with_gone_and_an_input_error() -> None:
    error = FetchError("http://a.example/feed\nx", "HTTP 410 Gone", status=410)
    assert str(error) == "http://a.example/feed\\nx: HTTP 410 Gone"
    assert error.gone and not FetchError("u", "HTTP 500 Internal Server Error", status=500).gone
    assert str(error.input_error()) == str(InputError("http://a.example/feed\nx", "HTTP 410 Gone"))
    import pickle

    copy = pickle.loads(pickle.dumps(error))
    assert (copy.url, copy.problem, copy.status) == (error.url, error.problem, 410)


def test_is_url() -> None:
    assert is_url("http://a.example/") and is_url("HTTPS://A.example/x")
    assert not any(map(is_url, ["ftp://a/b", "feeds.txt", " http://a/", "httpx://a", "", "http:/a"]))


def test_fetch_request_defaults() -> None:
    assert FetchRequest("http://a.example/") == FetchRequest("http://a.example/", None, None, None, None)
