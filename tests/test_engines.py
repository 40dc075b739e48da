"""Engines change where the per-article work runs, never what comes out.

The bundled example is briefed, ingested and briefed from the store in this process, in a local
pool of two worker processes and on a local Ray cluster (2 CPUs), with chunks of two articles so
that every engine really spreads the work; briefs, stories and copies must be identical. A bad
article is that article's problem, never its chunk's; without Ray the engine says how to get it.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from newsfuse.api import brief, brief_story, ingest_items
from newsfuse.cluster_features import IngestStep, Ready
from newsfuse.config import Settings
from newsfuse.consolidate.facts import ArticleFacts, BriefStep
from newsfuse.engine import Engine, LocalEngine, RayEngine
from newsfuse.errors import InputError
from newsfuse.ingest import read_inputs
from newsfuse.models import RawArticle
from newsfuse.store import open_store
from tests.conftest import EXAMPLE, ROOT

SMALL = Settings(engine_chunk=2, nlp_batch_size=2)  # five articles, three chunks


@pytest.fixture(scope="module")
def pool() -> Iterator[LocalEngine]:
    with LocalEngine(workers=2) as engine:
        engine.start(BriefStep(SMALL))  # workers ready: every chunk goes to them, none is done here
        yield engine
        assert engine.pooled and engine.redone == engine.worked_here == 0  # all done by the workers


@pytest.fixture(scope="module")
def on_ray(ray_cluster: Any) -> Iterator[RayEngine]:
    with RayEngine() as engine:
        yield engine
        assert engine.redone == 0


@pytest.fixture(params=["pool", "on_ray"])
def engine(request: pytest.FixtureRequest) -> Engine:
    chosen: Engine = request.getfixturevalue(request.param)
    return chosen


@pytest.fixture(scope="module")
def in_process_brief() -> str:
    return brief(EXAMPLE, settings=SMALL).to_json()


def bad_article(record: int) -> RawArticle:
    """An input that makes cleaning raise (a reader that handed over no text)."""
    return RawArticle(text=None, path="broken.jsonl", record=record)  # type: ignore[arg-type]


def test_brief_is_the_in_process_brief(engine: Engine, in_process_brief: str) -> None:
    assert brief(EXAMPLE, settings=SMALL, engine=engine).to_json() == in_process_brief


def stories(db: Path) -> list[tuple[Any, ...]]:
    """Every stored story with its articles, copies and revisions, as comparable data."""
    with open_store(db, readonly=True) as store:
        return [
            (
                story.id,
                story.title,
                story.first_seen,
                story.last_seen,
                [
                    (a.id, a.url, a.article.raw.where, a.article.text, a.revision, a.duplicate_of)
                    for a in store.story_articles(story.id)
                ],
            )
            for story in store.stories()
        ]


def ingest_example(db: Path, engine: Engine | None) -> tuple[dict[str, int], list[str]]:
    """The example, a broken record and the example again, ingested into `db`."""
    items: list[RawArticle | InputError] = [*read_inputs([str(EXAMPLE)], SMALL), bad_article(7)]
    items += list(read_inputs([str(EXAMPLE)], SMALL))
    problems: list[str] = []
    report = ingest_items(
        items, db, settings=SMALL, engine=engine, on_problem=lambda e: problems.append(str(e))
    )
    return dataclasses.asdict(report), problems


def test_ingest_stores_the_same_stories_and_copies(engine: Engine, tmp_path: Path) -> None:
    here = ingest_example(tmp_path / "here.db", None)
    there = ingest_example(tmp_path / "there.db", engine)
    assert there == here
    report, problems = here
    assert report["problems"] == 1 and report["unchanged"] == report["added"] > 0
    assert len(problems) == 1 and problems[0].startswith("broken.jsonl:7: could not be processed")
    assert stories(tmp_path / "there.db") == stories(tmp_path / "here.db")
    assert any(article[-1] is not None for story in stories(tmp_path / "here.db") for article in story[-1])


def test_stored_story_brief_is_the_in_process_brief(engine: Engine, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    ingest_items(read_inputs([str(EXAMPLE)], SMALL), db, settings=SMALL)
    with open_store(db, readonly=True) as store:
        story = max(store.stories(), key=lambda s: s.articles).id
    expected = brief_story(story, db, settings=SMALL).to_json()
    assert brief_story(story, db, settings=SMALL, engine=engine).to_json() == expected


def test_results_come_back_in_input_order_with_a_bad_article_in_place(engine: Engine) -> None:
    raws: list[RawArticle] = [
        RawArticle(f"Bulletin {n} of the harbour watch: the quay was calm on day {n}.", "feed", n)
        for n in range(23)
    ]
    raws[9] = bad_article(9)
    results = list(engine.run(IngestStep(Settings(engine_chunk=3)), raws))
    assert [r.article.raw.record if isinstance(r, Ready) else r.record for r in results] == list(range(23))
    assert [n for n, r in enumerate(results) if isinstance(r, InputError)] == [9]


def test_a_bad_article_costs_only_itself_in_a_brief_step(pool: LocalEngine) -> None:
    raws = [r for r in read_inputs([str(EXAMPLE)], SMALL) if isinstance(r, RawArticle)]
    raws.insert(1, bad_article(2))
    results = list(pool.run(BriefStep(SMALL), raws))
    assert [type(r) for r in results] == [ArticleFacts, InputError] + [ArticleFacts] * (len(raws) - 2)
    facts = results[0]
    assert isinstance(facts, ArticleFacts)
    # read from the full parse in the worker: names, figures and sentence lemmas came back, no Doc
    assert facts.mentions and facts.units and any(u.terms for u in facts.units)
    assert not hasattr(facts, "doc")


@dataclasses.dataclass(frozen=True)
class DiesInAWorker:
    """A step whose worker process dies on the item "die" (the driver survives it)."""

    driver: int
    chunk_size: int = 2

    def warm_up(self) -> None:
        pass

    def __call__(self, items: Sequence[str]) -> list[str]:
        if "die" in items and os.getpid() != self.driver:
            os._exit(1)
        return [item.upper() for item in items]

    def failed(self, item: str, error: BaseException) -> str:
        return f"failed: {item}"


def test_a_dead_worker_costs_no_result() -> None:
    items = [f"item {n}" for n in range(12)]
    items[7] = "die"
    with LocalEngine(workers=2) as engine:
        engine.start(DiesInAWorker(os.getpid()))
        results = list(engine.run(DiesInAWorker(os.getpid()), items))
        assert results == [item.upper() for item in items]
        assert engine.redone >= 1  # the dead worker's chunk, redone here


@dataclasses.dataclass(frozen=True)
class SlowToStart:
    """A step whose workers take seconds to get ready; it tells which process did each item."""

    chunk_size: int = 2

    def warm_up(self) -> None:
        time.sleep(3)

    def __call__(self, items: Sequence[str]) -> list[tuple[str, int]]:
        return [(item, os.getpid()) for item in items]

    def failed(self, item: str, error: BaseException) -> tuple[str, int]:
        return (item, -1)


def test_while_no_worker_is_ready_this_process_works_the_chunks() -> None:
    items = [f"item {n}" for n in range(12)]
    with LocalEngine(workers=2) as engine:
        results = list(engine.run(SlowToStart(), items))
        assert [item for item, _ in results] == items  # in input order
        assert {pid for _, pid in results} == {os.getpid()}  # a short stream never waited for them
        assert engine.worked_here == 6 and engine.pooled
        engine.start(SlowToStart())
        later = list(engine.run(SlowToStart(), items))
        assert [item for item, _ in later] == items
        assert os.getpid() not in {pid for _, pid in later}  # ready workers take every chunk


def test_without_ray_the_engine_says_how_to_install_it() -> None:
    shim = (
        "import sys; sys.modules['ray'] = None\n"
        "from newsfuse.cli import main\n"
        f"sys.argv = ['newsfuse', 'brief', {str(EXAMPLE)!r}, '--engine', 'ray', '-q']\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", shim], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert "pip install 'newsfuse[ray]'" in done.stderr and "Traceback" not in done.stderr


def test_an_address_without_the_ray_engine_is_a_usage_error() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "newsfuse", "brief", str(EXAMPLE), "--address", "auto"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert "--address is for the Ray engine" in done.stderr and "Traceback" not in done.stderr
