"""The web harness: hostile requests to a real uvicorn server on 127.0.0.1.

Posts of generated JSON records and multipart uploads (each beside the good article), GETs of
every route with generated ids, paths and query strings, wrong methods and huge headers; then a
visit of every stored story. No 500, the security headers on every response, the good article
kept by every well-formed post.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import Tally
from tests.fuzz.mutators import classic_cases, generate
from tests.fuzz.report import summary
from tests.fuzz.strategies import ci_settings, odd_text
from tests.fuzz.web import (
    PASTED,
    Request,
    get_request,
    post_files,
    post_form,
    post_json,
    post_odd,
    send,
    serve,
    story_ids,
    visit_stories,
)

pytestmark = pytest.mark.fuzz


SEED, POSTS, GETS = 1820, 20, 250


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with (
        serve(tmp_path_factory.mktemp("fuzz-web") / "store.db") as url,
        httpx.Client(base_url=url, timeout=300) as c,
    ):
        yield c


def test_hostile_requests_get_no_500_and_keep_the_good_article(client: httpx.Client) -> None:
    rng = random.Random(SEED)
    tally = Tally()
    for case in classic_cases(size=4_000):
        send(client, post_files(case), tally)
    for case in generate(rng, POSTS // 2, size=8_000):
        send(client, post_files(case), tally)
    for _ in range(POSTS // 2):
        send(client, post_json(rng, 8_000), tally)
    for case in generate(rng, 5, size=4_000):
        send(client, post_form(case, rng.choice(PASTED)), tally)
    for _ in range(10):
        send(client, post_odd(rng), tally)
    ids = story_ids(client)
    for _ in range(GETS):
        send(client, get_request(rng, ids), tally)
    visit_stories(client, tally)
    if tally.failures:
        pytest.fail(summary(tally.failures, tally.cases), pytrace=False)


def test_generated_queries_get_no_500(client: httpx.Client) -> None:
    tally = Tally()

    @ci_settings(150)
    @given(
        route=st.sampled_from(["/api/stories", "/", "/api/stories/1", "/stories/1"]),
        params=st.dictionaries(st.sampled_from(["q", "since", "until", "limit"]), odd_text, max_size=4),
    )
    def one(route: str, params: dict[str, str]) -> None:
        clean = {k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for k, v in params.items()}
        query = httpx.QueryParams(clean)
        send(
            client,
            Request("GET", f"{route}?{query}", f"GET {route}?{query}"[:300], f"GET {route}?hypothesis"),
            tally,
        )

    one()
    if tally.failures:
        pytest.fail(summary(tally.failures, tally.cases), pytrace=False)
