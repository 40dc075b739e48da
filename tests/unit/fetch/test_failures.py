"""Bad servers: missing pages, retries with Retry-After, hangs, drips, huge and endless bodies, bombs."""

from __future__ import annotations

import gzip
import threading
import time

import brotli
import pytest

from newsfuse.fetch import Fetcher, FetchError
from tests.localhttp import LocalServer, Reply, Seen
from tests.unit.fetch.conftest import fast

MB = 1024 * 1024


def first_then(first: Reply, then: Reply) -> object:
    """A route answering `first` once, then `then`."""
    calls = []

    def route(seen: Seen) -> Reply:
        calls.append(seen)
        return first if len(calls) == 1 else then

    return route


def test_404_and_410_are_gone() -> None:
    with LocalServer({"/retired.xml": Reply(410, "gone")}) as server, Fetcher(fast()) as f:
        for path, problem in (("/missing", "HTTP 404 Not Found"), ("/retired.xml", "HTTP 410 Gone")):
            with pytest.raises(FetchError) as caught:
                f.get(server.url(path))
            assert (caught.value.problem, caught.value.gone) == (problem, True)
            assert caught.value.status == int(problem.split()[1])
        assert f.requests_made == 3  # robots.txt, and no retry of a 4xx


def test_429_with_retry_after_is_waited_for_then_fetched() -> None:
    routes = {"/feed": first_then(Reply(429, "slow down", {"Retry-After": "1"}), Reply(200, "<rss/>"))}
    with LocalServer(routes) as server, Fetcher(fast()) as f:
        assert f.get(server.url("/feed")).body == b"<rss/>"
        first, second = server.requests_for("/feed")
        assert second.at - first.at >= 1.0 - 0.01
        assert f.requests_made == 3


def test_5xx_is_retried_with_backoff_then_given_up_naming_the_setting() -> None:
    routes = {"/busy": Reply(503, "busy", {"Retry-After": "0"}), "/bad": Reply(502, "bad gateway")}
    with LocalServer(routes) as server:
        with Fetcher(fast(fetch_retries=2)) as f, pytest.raises(FetchError) as caught:
            f.get(server.url("/busy"))
        assert caught.value.problem == "HTTP 503 Service Unavailable after 3 tries (setting fetch_retries)"
        assert caught.value.status == 503 and len(server.requests_for("/busy")) == 3
        with (
            Fetcher(fast(fetch_retries=1)) as f,
            pytest.raises(FetchError, match="HTTP 502 Bad Gateway after 2"),
        ):
            f.get(server.url("/bad"))
        first, second = server.requests_for("/bad")
        assert second.at - first.at >= 1.0 - 0.01  # no Retry-After: 1 s, then 2 s, 4 s...


def test_a_retry_after_over_fetch_max_wait_gives_up_and_holds_the_host_off() -> None:
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 3600))
    routes = {"/a": Reply(429, "", {"Retry-After": "120"}), "/b": Reply(503, "", {"Retry-After": when})}
    with LocalServer(routes) as server, Fetcher(fast(fetch_max_wait=5.0)) as f:
        with pytest.raises(FetchError) as caught:
            f.get(server.url("/a"))
        assert caught.value.problem == (
            "HTTP 429 Too Many Requests: the server asks to wait 120 s (Retry-After), "
            "over fetch_max_wait (5 s)"
        )
        assert caught.value.retry_after == 120
        with pytest.raises(FetchError, match="asks to wait 120 s"):
            f.get(server.url("/b"))  # not asked: the host asked for quiet
        assert server.paths() == ["/robots.txt", "/a"]
    with LocalServer(routes) as server, Fetcher(fast(fetch_max_wait=5.0)) as f:
        with pytest.raises(FetchError) as caught:
            f.get(server.url("/b"))  # Retry-After as an HTTP date
        assert caught.value.retry_after is not None and 3500 < caught.value.retry_after <= 3600


def test_a_server_that_hangs_costs_one_timeout_not_retries() -> None:
    with LocalServer({"/hang": Reply(200, "late", delay=3.0)}) as server:
        with Fetcher(fast(fetch_timeout=0.5, fetch_retries=2)) as f, pytest.raises(FetchError) as caught:
            f.get(server.url("/hang"))
        assert caught.value.problem == "server does not answer (no response in 0.5 s; setting fetch_timeout)"
        assert len(server.requests_for("/hang")) == 1


def test_a_server_dripping_bytes_forever_is_cut_off_at_the_deadline() -> None:
    with LocalServer({"/drip": Reply(200, b"<", endless=True, drip=0.05)}) as server:
        started = time.monotonic()
        with Fetcher(fast(fetch_timeout=0.5)) as f, pytest.raises(FetchError) as caught:
            f.get(server.url("/drip"))
        assert caught.value.problem == "server too slow (response not complete in 1 s; setting fetch_timeout)"
        assert time.monotonic() - started < 10  # cut off, not read for ever
        assert len(server.requests_for("/drip")) == 1


def test_a_huge_declared_length_is_refused_before_reading() -> None:
    routes = {"/huge": Reply(200, b"x" * 1000, {"Content-Length": str(50 * MB)})}
    with LocalServer(routes) as server, Fetcher(fast(fetch_max_mb=1)) as f:
        with pytest.raises(FetchError) as caught:
            f.get(server.url("/huge"))
        assert caught.value.problem == "response over the 1 MB limit (setting fetch_max_mb)"


def test_an_endless_body_is_cut_at_the_limit() -> None:
    with LocalServer({"/endless": Reply(200, b"y" * 65536, endless=True)}) as server:
        with Fetcher(fast(fetch_max_mb=1)) as f, pytest.raises(FetchError, match="over the 1 MB limit"):
            f.get(server.url("/endless"))
        assert len(server.requests_for("/endless")) == 1


def test_decompression_bombs_are_cut_at_the_limit_as_decoded() -> None:
    zeros = b"\0" * (40 * MB)
    routes = {
        "/gzip-bomb": Reply(200, gzip.compress(zeros, 9), {"Content-Encoding": "gzip"}),
        "/br-bomb": Reply(200, brotli.compress(zeros, quality=1), {"Content-Encoding": "br"}),
        "/fits": Reply(200, gzip.compress(b"a" * (MB - 10)), {"Content-Encoding": "gzip"}),
    }
    with LocalServer(routes) as server, Fetcher(fast(fetch_max_mb=1)) as f:
        for path in ("/gzip-bomb", "/br-bomb"):
            with pytest.raises(FetchError) as caught:
                f.get(server.url(path))
            assert caught.value.problem == "response over the 1 MB limit (setting fetch_max_mb)", path
        assert len(f.get(server.url("/fits")).body) == MB - 10


def test_a_2xx_of_any_type_is_returned_for_the_readers_to_judge() -> None:
    routes = {"/img": Reply(200, b"\x89PNG\r\n", {"Content-Type": "image/png"}), "/odd": Reply(299, "odd")}
    with LocalServer(routes) as server, Fetcher(fast()) as f:
        assert f.get(server.url("/img")).content_type == "image/png"
        assert f.get(server.url("/odd")).status == 299


def test_a_wait_ends_early_when_the_fetcher_is_told_to_stop() -> None:
    stop = threading.Event()
    routes = {"/later": Reply(503, "", {"Retry-After": "30"})}
    with LocalServer(routes) as server, Fetcher(fast(fetch_max_wait=60.0), stop_event=stop) as f:
        threading.Timer(0.3, stop.set).start()
        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            f.get(server.url("/later"))
        assert caught.value.problem == "stopped"
        assert time.monotonic() - started < 20  # not the 30 s the server asked for


def test_a_wait_ends_early_on_the_process_stop_flag(stop_requested: None) -> None:
    with LocalServer({"/p": Reply(200, "x")}) as server, Fetcher(fast()) as f:
        with pytest.raises(FetchError, match="stopped"):
            f.get(server.url("/p"))
        assert server.log == []
