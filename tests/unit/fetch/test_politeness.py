"""Pacing as the servers saw it: starts per host spaced, in-flight capped per host, hosts in parallel."""

from __future__ import annotations

import itertools
import threading

import pytest

from newsfuse.engine.stop import Stopped
from newsfuse.fetch import Fetched, Fetcher, FetchError, FetchRequest
from newsfuse.fetch.client import LOOKAHEAD, READY
from tests.localhttp import LocalServer, Reply, Seen
from tests.unit.fetch.conftest import fast

TOLERANCE = (
    0.02  # timer granularity and connection set-up between the client's start and the server's arrival
)


def most_at_once(log: list[Seen], lasting: float) -> int:
    """The most requests a server held at once, each lasting `lasting` seconds from its arrival."""
    events = sorted([(s.at, 1) for s in log] + [(s.at + lasting - TOLERANCE, -1) for s in log])
    return max(itertools.accumulate(step for _, step in events))


def test_starts_to_one_host_are_at_least_the_interval_apart() -> None:
    with LocalServer({f"/p{i}": Reply(200, "x") for i in range(6)}) as server:
        with Fetcher(fast(fetch_host_interval=0.2, fetch_host_concurrency=2)) as f:
            results = list(f.get_many(server.url(f"/p{i}") for i in range(6)))
        assert all(isinstance(result, Fetched) for _, result in results)
        starts = sorted(seen.at for seen in server.log)
        assert len(starts) == 7  # robots.txt paced too
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        assert min(gaps) >= 0.2 - TOLERANCE, gaps


def test_requests_in_flight_to_one_host_are_capped() -> None:
    routes = {f"/slow{i}": Reply(200, "x", delay=0.3) for i in range(6)}
    with LocalServer(routes) as server:
        with Fetcher(fast(fetch_host_concurrency=2, fetch_concurrency=8)) as f:
            assert len(list(f.get_many(server.url(f"/slow{i}") for i in range(6)))) == 6
        pages = [seen for seen in server.log if seen.path != "/robots.txt"]
        assert most_at_once(pages, 0.3) == 2


def test_two_hosts_are_fetched_in_parallel_each_within_its_cap() -> None:
    with (
        LocalServer({"/a": Reply(200, "a", delay=0.4)}) as one,
        LocalServer({"/b": Reply(200, "b", delay=0.4)}) as two,
    ):
        with Fetcher(fast(fetch_host_concurrency=1)) as f:
            got = {request.url: result for request, result in f.get_many([one.url("/a"), two.url("/b")])}
        assert {type(result) for result in got.values()} == {Fetched}
        (a,), (b,) = one.requests_for("/a"), two.requests_for("/b")
        assert abs(a.at - b.at) < 0.4  # the second host did not wait for the first one's answer


def test_get_many_fetches_50_urls_and_hands_back_each_request() -> None:
    routes = {f"/story/{i}": Reply(200, f"story {i}") for i in range(50)}
    routes["/story/13"] = Reply(404, "no")
    with LocalServer(routes) as server, Fetcher(fast(fetch_host_concurrency=4)) as f:
        requests = [FetchRequest(server.url(f"/story/{i}"), tag=i) for i in range(50)]
        results = list(f.get_many(requests))
        assert sorted(int(str(request.tag)) for request, _ in results) == list(range(50))
        for request, result in results:
            if request.tag == 13:
                assert isinstance(result, FetchError) and result.gone
            else:
                assert isinstance(result, Fetched) and result.body == f"story {request.tag}".encode()
        assert f.requests_made == 51
        assert sorted(server.paths()) == sorted(["/robots.txt", *routes])


def test_get_many_reads_its_input_a_bounded_way_ahead() -> None:
    taken = []

    def endless() -> object:
        for i in itertools.count():
            taken.append(i)
            yield server.url(f"/n{i % 3}")

    with LocalServer({f"/n{i}": Reply(200, "x") for i in range(3)}) as server:
        with Fetcher(fast(fetch_concurrency=4)) as f:
            results = f.get_many(endless())  # type: ignore[arg-type]
            for _ in range(10):
                next(results)
            results.close()
        assert len(taken) <= 10 + LOOKAHEAD + READY + 4 + 1


def test_get_many_lets_hosts_take_turns_whatever_the_input_order() -> None:
    """Twelve pages on one paced host, then two on another: the second host is not kept waiting
    behind the first one's queue (as a feed's entries, all on one site, would otherwise do)."""
    with (
        LocalServer({f"/a{i}": Reply(200, "a") for i in range(12)}) as slow,
        LocalServer({"/b0": Reply(200, "b"), "/b1": Reply(200, "b")}) as other,
    ):
        urls = [slow.url(f"/a{i}") for i in range(12)] + [other.url("/b0"), other.url("/b1")]
        with Fetcher(fast(fetch_host_interval=0.05, fetch_host_concurrency=1, fetch_concurrency=2)) as f:
            order = [request.url for request, _ in f.get_many(urls)]
        assert order.index(other.url("/b1")) < 4  # both of the other host's pages before the third slow one


def test_get_many_mixes_bad_urls_and_strings() -> None:
    with LocalServer({"/ok": Reply(200, "ok")}) as server, Fetcher(fast()) as f:
        got = {
            request.url: result
            for request, result in f.get_many([server.url("/ok"), "ftp://x/y", "http://[::1/"])
        }
        assert isinstance(got[server.url("/ok")], Fetched)
        assert str(got["ftp://x/y"]) == "ftp://x/y: only http and https URLs are fetched"
        assert isinstance(got["http://[::1/"], FetchError)


def test_get_many_stops_between_results_when_asked(stop_requested: None) -> None:
    with LocalServer({"/x": Reply(200, "x")}) as server, Fetcher(fast()) as f:
        with pytest.raises(Stopped):
            list(f.get_many([server.url("/x")] * 5))
        assert server.log == []


def test_the_host_cap_holds_for_plain_gets_from_many_threads() -> None:
    routes = {f"/t{i}": Reply(200, "x", delay=0.3) for i in range(6)}
    with LocalServer(routes) as server, Fetcher(fast(fetch_host_concurrency=2, fetch_concurrency=16)) as f:
        threads = [threading.Thread(target=f.get, args=(server.url(f"/t{i}"),)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        pages = [seen for seen in server.log if seen.path != "/robots.txt"]
        assert len(pages) == 6 and most_at_once(pages, 0.3) == 2
        assert server.paths().count("/robots.txt") == 1  # read once for six threads


def test_get_many_goes_on_fetching_while_its_consumer_is_busy() -> None:
    """A consumer busy with its first result (a watch cleaning articles) does not hold the fetches
    back: the server has seen most of the requests before the consumer asks for a second one."""
    with LocalServer({f"/q{i}": Reply(200, "q", delay=0.02) for i in range(10)}) as server:
        with Fetcher(fast(fetch_concurrency=2)) as f:
            results = f.get_many(server.url(f"/q{i}") for i in range(10))
            next(results)
            seen_at_first = len(server.paths())
            threading.Event().wait(1.0)  # the consumer's work
            seen_while_busy = len(server.paths())
            rest = list(results)
        assert seen_at_first < 11 and seen_while_busy == 11  # robots.txt and all ten pages
        assert len(rest) == 9
