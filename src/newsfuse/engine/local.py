"""The local engine: steps in this process (one worker) or in a pool of worker processes.

Each worker process loads its models once (the step's `warm_up`, run as the pool initializer)
and keeps them for every chunk after. Processes are spawned, never forked: a fork would copy
whatever threads the driver runs (a progress bar, a web server) in an undefined state.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from newsfuse.engine.base import ItemT, ResultT, Step, chunks, run_here

__all__ = ["LocalEngine", "default_workers"]


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run_chunk(step: Step[ItemT, ResultT], chunk: list[ItemT]) -> list[ResultT]:
    return run_here(step, chunk)


def _warm_up(step: Step[ItemT, ResultT]) -> None:
    step.warm_up()


class LocalEngine:
    """Steps on this machine: `workers=1` in this process; more, in a pool of worker processes.

    With more than one worker the pool starts at the first stream longer than one chunk (a
    short stream is done here sooner than processes start) and is kept until `close()`. At most
    `inflight` chunks (default: two per worker) are out at a time, so a long stream costs
    bounded memory. A chunk whose worker died is redone in this process, item by item if need be.
    """

    def __init__(self, workers: int | None = None, *, inflight: int | None = None) -> None:
        self.workers = workers if workers is not None else default_workers()
        if self.workers < 1:
            raise ValueError(f"workers must be 1 or more (got {self.workers})")
        self.inflight = inflight or 2 * self.workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # runs from several threads (a web app) share one pool
        self._broken_pools = 0  # after two, the pool is given up and chunks run here
        self._generation = 0  # pools started so far
        self.redone = 0  # chunks a worker failed to return, redone in this process

    def __repr__(self) -> str:
        return f"LocalEngine(workers={self.workers})"

    def run(self, step: Step[ItemT, ResultT], items: Iterable[ItemT]) -> Iterator[ResultT]:
        stream = chunks(items, step.chunk_size)
        if self.workers == 1:
            for chunk in stream:
                yield from run_here(step, chunk)
            return
        first = next(stream, None)
        second = next(stream, None) if first is not None else None
        if first is None:
            return
        if second is None:
            yield from run_here(step, first)
            return
        yield from self._run_pooled(step, [first, second], stream)

    def _run_pooled(
        self, step: Step[ItemT, ResultT], head: list[list[ItemT]], stream: Iterator[list[ItemT]]
    ) -> Iterator[ResultT]:
        # each chunk out: (its future, or None to run it here; the pool generation it went to; it)
        pending: deque[tuple[Future[list[ResultT]] | None, int, list[ItemT]]] = deque()
        queued = iter(head)

        def submit() -> bool:
            chunk = next(queued, None)
            if chunk is None:
                chunk = next(stream, None)
            if chunk is None:
                return False
            pending.append((self._submit(step, chunk), self._generation, chunk))
            return True

        try:
            while len(pending) < self.inflight and submit():
                pass
            while pending:
                future, generation, chunk = pending.popleft()
                try:
                    results = future.result() if future is not None else run_here(step, chunk)
                except BrokenProcessPool:
                    if generation == self._generation:  # not a pool already replaced
                        self._discard_pool(broken=True)
                    results = self._redo(step, chunk)
                except Exception:
                    results = self._redo(step, chunk)
                submit()
                yield from results
        finally:
            for future, _, _ in pending:
                if future is not None:
                    future.cancel()

    def _redo(self, step: Step[ItemT, ResultT], chunk: list[ItemT]) -> list[ResultT]:
        self.redone += 1
        return run_here(step, chunk)

    @property
    def pooled(self) -> bool:
        """Whether worker processes are running."""
        return self._pool is not None

    def _submit(self, step: Step[ItemT, ResultT], chunk: list[ItemT]) -> Future[list[ResultT]] | None:
        """The chunk handed to the pool; None when the pool was given up (the chunk runs here)."""
        with self._lock:
            if self._broken_pools >= 2:
                return None
            if self._pool is None:
                self._generation += 1
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_warm_up,
                    initargs=(step,),
                )
            pool = self._pool
        try:
            return pool.submit(_run_chunk, step, chunk)
        except BrokenProcessPool:
            self._discard_pool(broken=True)
            return self._submit(step, chunk)

    def _discard_pool(self, *, broken: bool) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            if pool is None:
                return
            self._broken_pools += broken
        if self._broken_pools == 2:
            warnings.warn("worker processes keep dying: the rest runs in this process", stacklevel=2)
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
