"""What an engine is: it runs a `Step` over a stream of items, chunk by chunk, and yields the
results in input order. Engines differ only in where the chunks run.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")
ItemT_contra = TypeVar("ItemT_contra", contravariant=True)
ResultT_co = TypeVar("ResultT_co", covariant=True)


class Step(Protocol[ItemT_contra, ResultT_co]):
    """One unit of per-article work: a picklable object mapping a chunk of items to as many results.

    A step never raises for one bad item: it returns `failed(item, error)` in that item's place,
    so one article's problem never costs its chunk. `chunk_size` is the step's own, not the
    engine's, so every engine cuts the stream at the same places and batches the same articles
    together (spaCy's batched results are then the same, whichever engine ran them).
    """

    @property
    def chunk_size(self) -> int: ...

    def warm_up(self) -> None:
        """Load what the step needs (models, tables) once per worker, before the first chunk."""

    def __call__(self, items: Sequence[ItemT_contra], /) -> Sequence[ResultT_co]: ...

    def failed(self, item: ItemT_contra, error: BaseException, /) -> ResultT_co:
        """The result standing for an item whose work raised `error`."""
        ...


class Engine(Protocol):
    """Runs steps: in this process, in a local process pool, or on a Ray cluster."""

    def run(self, step: Step[ItemT, ResultT], items: Iterable[ItemT]) -> Iterator[ResultT]:
        """The step's result for each item, in input order, streamed: memory stays flat."""
        ...

    def close(self) -> None:
        """Stop the workers this engine started (safe to call twice)."""
        ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


def chunks(items: Iterable[ItemT], size: int) -> Iterator[list[ItemT]]:
    """The stream cut into lists of `size` items (the last one shorter)."""
    stream = iter(items)
    while chunk := list(itertools.islice(stream, size)):
        yield chunk


def run_here(step: Step[ItemT, ResultT], chunk: Sequence[ItemT]) -> list[ResultT]:
    """The step over one chunk in this process; if the chunk as a whole fails, item by item."""
    try:
        results = list(step(chunk))
    except Exception:
        results = []
        for item in chunk:
            try:
                results.extend(step([item]))
            except Exception as exc:
                results.append(step.failed(item, exc))
    if len(results) != len(chunk):
        name = type(step).__name__
        raise RuntimeError(f"step {name} returned {len(results)} results for {len(chunk)} items")
    return results
