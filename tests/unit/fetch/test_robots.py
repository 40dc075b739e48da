"""robots.txt: the parser against RFC 9309's rules, and the fetcher honouring it on real servers."""

from __future__ import annotations

import itertools
import time
import urllib.robotparser

import pytest

from newsfuse.fetch import Fetcher, FetchError
from newsfuse.fetch.robots import PARSE_LIMIT, parse_robots
from tests.localhttp import LocalServer, Reply
from tests.unit.fetch.conftest import fast


def test_longest_match_wins_where_robotparser_takes_the_first_rule() -> None:
    text = "User-agent: *\nDisallow: /\nAllow: /news/\n"
    robots = parse_robots(text)
    assert robots.allowed("/news/harbour-crane") and not robots.allowed("/account")
    stdlib = urllib.robotparser.RobotFileParser()
    stdlib.parse(text.splitlines())
    assert not stdlib.can_fetch("newsfuse", "/news/harbour-crane")  # why we do not use it


@pytest.mark.parametrize(
    ("rules", "path", "allowed"),
    [
        ("Allow: /p\nDisallow: /", "/page", True),
        ("Allow: /folder\nDisallow: /folder", "/folder/page", True),  # a tie: Allow
        ("Allow: /page\nDisallow: /*.htm", "/page.htm", False),  # the longer pattern
        ("Allow: /$\nDisallow: /", "/", True),
        ("Allow: /$\nDisallow: /", "/page.htm", False),
        ("Disallow: /*.pdf$", "/report.pdf", False),
        ("Disallow: /*.pdf$", "/report.pdf?x=1", True),
        ("Disallow: /search?q=", "/search?q=crane", False),
        ("Disallow: /fish*", "/fishheads/yummy.html", False),
        ("Disallow: /fish", "/Fish.asp", True),  # paths are case-sensitive
        ("Disallow:", "/anything", True),  # an empty Disallow allows
        ("Disallow: /caf%C3%A9", "/café", False),  # percent-encoding normalised
        ("Disallow: /a%7eb", "/a~b", False),
        ("Disallow: /private", "/robots.txt", True),
    ],
)
def test_rfc_9309_matching(rules: str, path: str, allowed: bool) -> None:
    assert parse_robots(f"User-agent: *\n{rules}\n").allowed(path) is allowed


def test_our_group_is_merged_and_wins_over_the_star_group() -> None:
    text = (
        "# the newsroom's rules\n"
        "User-agent: *\nDisallow: /\n\n"
        "User-agent: OtherBot\nUser-agent: NewsFuse/2.0\nDisallow: /drafts/\n"
        "User-agent: newsfuse\nDisallow: /embargo/   # until noon\nCrawl-delay: 2.5\n"
    )
    robots = parse_robots(text)
    assert robots.allowed("/news/1")
    assert not robots.allowed("/drafts/x") and not robots.allowed("/embargo/y")
    assert robots.crawl_delay == 2.5
    assert parse_robots("User-agent: newsfuser\nDisallow: /\n").allowed("/x")  # not our token
    assert parse_robots("Disallow: /\n").allowed("/x")  # rules before any group are ignored
    assert parse_robots(b"\xef\xbb\xbfUser-agent: *\r\nDisallow: /x\r\n").allowed("/x") is False
    assert parse_robots("User-agent: *\nCrawl-delay: soon\nCrawl-delay: -1\n").crawl_delay is None


def test_only_the_first_500_kib_are_read() -> None:
    text = "User-agent: *\n" + "Disallow: /a\n" * (PARSE_LIMIT // 13) + "Disallow: /late\n"
    assert parse_robots(text.encode()).allowed("/late")


def test_a_disallowed_page_is_never_requested() -> None:
    routes = {"/news/1": Reply(200, "ok"), "/drafts/2": Reply(200, "secret")}
    with (
        LocalServer(routes, robots="User-agent: newsfuse\nDisallow: /drafts/\n") as server,
        Fetcher(fast()) as f,
    ):
        assert f.get(server.url("/news/1")).body == b"ok"
        with pytest.raises(FetchError) as caught:
            f.get(server.url("/drafts/2"))
        assert caught.value.problem == "disallowed by robots.txt"
        assert f.get(server.url("/news/1")).body == b"ok"
        assert server.paths() == ["/robots.txt", "/news/1", "/news/1"]  # robots.txt read once


def test_robots_4xx_allows_everything_and_5xx_denies_for_now() -> None:
    with (
        LocalServer({"/robots.txt": Reply(404, "none"), "/p": Reply(200, "ok")}) as server,
        Fetcher(fast()) as f,
    ):
        assert f.get(server.url("/p")).body == b"ok"
    with (
        LocalServer({"/robots.txt": Reply(500, "oops"), "/p": Reply(200, "ok")}) as server,
        Fetcher(fast()) as f,
    ):
        for _ in range(2):
            with pytest.raises(FetchError) as caught:
                f.get(server.url("/p"))
            assert caught.value.problem == (
                "disallowed by robots.txt (robots.txt answered HTTP 500 Internal Server Error)"
            )
        assert server.paths() == ["/robots.txt"]  # neither the page nor robots.txt again


def test_a_robots_txt_that_redirects_is_followed() -> None:
    routes = {"/robots.txt": Reply(301, "", {"Location": "/real-robots.txt"}), "/x": Reply(200, "x")}
    routes["/real-robots.txt"] = Reply(200, "User-agent: *\nDisallow: /x\n")
    with LocalServer(routes) as server, Fetcher(fast()) as f, pytest.raises(FetchError) as caught:
        f.get(server.url("/x"))
    assert caught.value.problem == "disallowed by robots.txt"


def test_crawl_delay_larger_than_the_interval_spaces_the_requests() -> None:
    with LocalServer({"/a": Reply(200, "a")}, robots="User-agent: *\nCrawl-delay: 0.4\n") as server:
        with Fetcher(fast(fetch_host_interval=0.1)) as f:
            for _ in range(3):
                f.get(server.url("/a"))
        starts = [seen.at for seen in server.log]
        assert len(starts) == 4
        gaps = [b - a for a, b in itertools.pairwise(starts[1:])]  # the pages (robots.txt set the pace)
        assert min(gaps) >= 0.4 - 0.02, gaps


def test_robots_txt_is_read_again_when_its_time_is_up_and_a_good_copy_outlives_an_outage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsfuse.fetch.client as client

    monkeypatch.setattr(client, "ROBOTS_TTL", 0.2)
    rules = "User-agent: *\nDisallow: /drafts/\n"
    with LocalServer({"/p": Reply(200, "ok")}, robots=rules) as server, Fetcher(fast()) as f:
        f.get(server.url("/p"))
        time.sleep(0.3)
        server.routes["/robots.txt"] = Reply(503, "down for maintenance")
        assert f.get(server.url("/p")).body == b"ok"  # the last good copy stands in
        with pytest.raises(FetchError) as caught:
            f.get(server.url("/drafts/1"))
        assert caught.value.problem == "disallowed by robots.txt"
        assert server.paths() == ["/robots.txt", "/p", "/robots.txt", "/p"]
