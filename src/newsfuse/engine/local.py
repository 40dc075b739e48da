"""The local engine: steps in this process (one worker) or in a pool of worker processes.

Each worker process loads its models once (the step's `warm_up`, run as the pool initializer)
and keeps them for every chunk after. Processes are spawned, never forked: a fork would copy
whatever threads the driver runs (a progress bar, a web server) in an undefined state.

Workers die with their parent: each runs a watchdog thread that ends the worker (`os._exit`) as
soon as its parent process is gone (`os.getppid()` no longer the pid it was started by), however
the parent died (`kill -9` included). The multiprocessing resource tracker then goes too: it exits
when the last process holding its pipe (the parent and the workers) has gone. Not
`prctl(PR_SET_PDEATHSIG)`: that fires when the *thread* that started the worker ends, and a pool
starts workers from whichever thread submits (a web request's). Workers ignore SIGINT: a Ctrl-C
in a terminal reaches the whole process group, and the parent decides (`engine.stop`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import time
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
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


WATCH_SECONDS = 0.5  # how often a worker looks whether its parent is still there


def _warm_up(step: bytes, parent: int | None = None) -> None:
    """The pool initializer: SIGINT ignored, the parent watched, then the step loaded and warmed up.

    The step comes pickled, and is unpickled only once the watchdog runs: unpickling imports its
    modules, seconds of a worker's start during which an orphan would otherwise linger.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), name="newsfuse-watchdog", daemon=True).start()
    pickle.loads(step).warm_up()


def _watch_parent(parent: int) -> None:
    """End this worker as soon as the process that started it is gone (its orphan is re-parented)."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _ping() -> None:
    """Done as soon as a worker has finished its initializer: the pool is ready for work."""


class LocalEngine:
    """Steps on this machine: `workers=1` in this process; more, in a pool of worker processes.

    With more than one worker the pool starts at the first stream longer than one chunk and is
    kept until `close()`. Starting it costs seconds (processes spawned, models loaded), so until
    a worker is ready this process works through the chunks itself, one at a time: a stream too
    short to repay the start-up costs about what it costs in-process, and where a chunk runs never
    changes its result. `start(step)` waits for the workers instead (benchmarks, tests). At most
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
        self._ready: list[Future[None]] = []  # one ping per worker of the current pool
        self.redone = 0  # chunks a worker failed to return, redone in this process
        self.worked_here = 0  # chunks of pooled streams worked here while no worker was ready

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
            """Queue the next chunk: False when the stream is done, or the chunk will run here."""
            chunk = next(queued, None)
            if chunk is None:
                chunk = next(stream, None)
            if chunk is None:
                return False
            future = self._submit(step, chunk) if self._started(step) else None
            pending.append((future, self._generation, chunk))
            return future is not None

        def fill() -> None:
            while len(pending) < self.inflight and submit():
                pass

        try:
            fill()
            while pending:
                future, generation, chunk = pending.popleft()
                if future is None:
                    fill()  # hand a worker what it can take before this chunk is worked here
                    self.worked_here += 1
                try:
                    results = future.result() if future is not None else run_here(step, chunk)
                except BrokenProcessPool:
                    if generation == self._generation:  # not a pool already replaced
                        self._discard_pool(broken=True)
                    results = self._redo(step, chunk)
                except Exception:
                    results = self._redo(step, chunk)
                fill()
                yield from results
        finally:
            for future, _, _ in pending:
                if future is not None:
                    future.cancel()

    def _redo(self, step: Step[ItemT, ResultT], chunk: list[ItemT]) -> list[ResultT]:
        self.redone += 1
        return run_here(step, chunk)

    def start(self, step: Step[ItemT, ResultT]) -> None:
        """Start the worker processes (if more than one) and wait until they are ready for `step`."""
        if self.workers > 1 and self._pool_for(step) is not None:
            wait(self._ready)

    def _started(self, step: Step[ItemT, ResultT]) -> bool:
        """Whether a worker is ready; starts the pool on first call. False once the pool is given up."""
        if self._pool_for(step) is None:
            return False
        return any(f.done() for f in self._ready)

    @property
    def pooled(self) -> bool:
        """Whether worker processes are running."""
        return self._pool is not None

    def _submit(self, step: Step[ItemT, ResultT], chunk: list[ItemT]) -> Future[list[ResultT]] | None:
        """The chunk handed to the pool; None when the pool was given up (the chunk runs here)."""
        pool = self._pool_for(step)
        if pool is None:
            return None
        try:
            return pool.submit(_run_chunk, step, chunk)
        except BrokenProcessPool:
            self._discard_pool(broken=True)
            return self._submit(step, chunk)

    def _pool_for(self, step: Step[ItemT, ResultT]) -> ProcessPoolExecutor | None:
        """The pool, started (its workers warmed up for `step`) when missing; None once given up."""
        with self._lock:
            if self._broken_pools >= 2:
                return None
            if self._pool is None:
                self._generation += 1
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_warm_up,
                    initargs=(pickle.dumps(step), os.getpid()),
                )
                self._ready = [self._pool.submit(_ping) for _ in range(self.workers)]
            return self._pool

    def _discard_pool(self, *, broken: bool) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            if pool is None:
                return
            self._broken_pools += broken
        if self._broken_pools == 2:
            warnings.warn("worker processes keep dying: the rest runs in this process", stacklevel=2)
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self, *, now: bool = False) -> None:
        """Stop the workers: after their current chunks, or (`now`) at once, their work dropped."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        if now:
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join()
        pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        """Close; at once when leaving on an interruption (Ctrl-C, `engine.stop.Stopped`)."""
        kind = exc[0] if exc else None
        self.close(now=isinstance(kind, type) and not issubclass(kind, Exception))
