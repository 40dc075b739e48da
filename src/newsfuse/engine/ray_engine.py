"""The Ray engine: the same steps on a Ray cluster, one actor a CPU, each holding its models.

Actors, not tasks: an actor loads the spaCy pipelines once and keeps them, where a task's worker
process may be recycled and load them again. Chunks go to the least busy actor, at most
`inflight_per_actor` each; results come back in input order. Ray is imported only here, and only
when the engine starts: `pip install 'newsfuse[ray]'` when it is missing. Every worker needs the
same newsfuse (and its spaCy models) installed as the driver.

When the driver dies (`kill -9` included): a local cluster started here goes with it, since Ray
starts its processes (GCS, raylet, which ends its workers) with kernel fate-sharing
(`PR_SET_PDEATHSIG` on Linux, set from the thread that calls `ray.init`: the CLI's main thread);
on an existing cluster the actors are the driver's job's and Ray ends them once it notices the
driver gone. Neither needs a watchdog of ours (see `engine.local` for the process pool's).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsfuse.engine.base import ItemT, ResultT, Step, chunks, run_here
from newsfuse.errors import NewsfuseError

__all__ = ["RayEngine", "import_ray"]

RAY_HINT = "the Ray engine needs Ray: pip install 'newsfuse[ray]'"


def import_ray() -> Any:
    """The `ray` module, or a NewsfuseError saying how to install it."""
    try:
        import ray
    except ImportError:
        raise NewsfuseError(RAY_HINT) from None
    return ray


def _prepare_local_cluster() -> None:
    """A local cluster reports no usage, and its workers import the newsfuse this driver runs.

    The workers inherit this process's environment: the folder newsfuse was imported from goes
    first on their PYTHONPATH (a source checkout run with a relative PYTHONPATH included).
    """
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import newsfuse

    home = str(Path(newsfuse.__file__).resolve().parents[1])
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if home not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([home, *paths])


class _Worker:
    """One Ray actor: runs chunks of any step, warming each kind of step up once."""

    def __init__(self) -> None:
        self._warm: set[type] = set()

    def run(self, step: Step[Any, Any], chunk: list[Any]) -> list[Any]:
        if type(step) not in self._warm:
            step.warm_up()
            self._warm.add(type(step))
        return run_here(step, chunk)


class RayEngine:
    """Steps on Ray: an existing cluster (`address="auto"`, `"ray://host:10001"`) or, by default,
    a local one started here with `num_cpus` CPUs (no dashboard, no usage reporting).

    A Ray already initialised in this process is used as it is and left running by `close()`.
    """

    def __init__(
        self,
        address: str | None = None,
        num_cpus: int | None = None,
        *,
        actors: int | None = None,
        inflight_per_actor: int = 2,
    ) -> None:
        self.address, self.num_cpus, self.actors = address, num_cpus, actors
        self.inflight_per_actor = inflight_per_actor
        self._ray: Any = None
        self._started_ray = False
        self._workers: list[Any] = []
        self.redone = 0  # chunks an actor failed to return, redone in this process

    def __repr__(self) -> str:
        return f"RayEngine(address={self.address!r}, num_cpus={self.num_cpus!r})"

    def _start(self) -> Any:
        if self._ray is not None:
            return self._ray
        ray = import_ray()
        if not ray.is_initialized():
            if self.address is None:
                _prepare_local_cluster()
            ray.init(
                address=self.address,
                num_cpus=self.num_cpus if self.address is None else None,
                include_dashboard=False,
                logging_level=logging.WARNING,
                log_to_driver=False,
            )
            self._started_ray = True
        count = self.actors or max(1, int(ray.available_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(_Worker)
        self._workers = [actor.remote() for _ in range(count)]
        self._ray = ray
        return ray

    def run(self, step: Step[ItemT, ResultT], items: Iterable[ItemT]) -> Iterator[ResultT]:
        ray = self._start()
        busy = [0] * len(self._workers)
        pending: deque[tuple[Any, int, list[ItemT]]] = deque()  # (object ref, actor index, chunk)
        stream = chunks(items, step.chunk_size)
        limit = self.inflight_per_actor * len(self._workers)

        def submit() -> bool:
            chunk = next(stream, None)
            if chunk is None:
                return False
            index = min(range(len(busy)), key=busy.__getitem__)
            busy[index] += 1
            pending.append((self._workers[index].run.remote(step, chunk), index, chunk))
            return True

        try:
            while len(pending) < limit and submit():
                pass
            while pending:
                ref, index, chunk = pending.popleft()
                busy[index] -= 1
                try:
                    results: list[ResultT] = ray.get(ref)
                except ray.exceptions.RayActorError:
                    self._workers[index] = ray.remote(num_cpus=1)(_Worker).remote()  # a dead actor replaced
                    self.redone += 1
                    results = run_here(step, chunk)
                except Exception:
                    self.redone += 1
                    results = run_here(step, chunk)
                submit()
                yield from results
        finally:
            for ref, _, _ in pending:
                # a chunk already running on a sync actor cannot be cancelled
                with contextlib.suppress(Exception):
                    ray.cancel(ref)

    def close(self) -> None:
        if self._ray is None:
            return
        for worker in self._workers:
            self._ray.kill(worker)
        self._workers = []
        if self._started_ray:
            self._ray.shutdown()
        self._ray, self._started_ray = None, False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
