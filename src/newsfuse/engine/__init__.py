"""Engines: where the per-article work runs, the way httpx takes a transport.

    LocalEngine(workers=1)     in this process (what the api does when given no engine)
    LocalEngine(workers=N)     a pool of N worker processes, one spaCy model set each
    RayEngine(address=None)    actors on a Ray cluster (an existing one, or a local one)

The driver reads the inputs (streaming), hands a per-article step to the engine and consumes the
results in input order; the steps live beside the stages they run (`consolidate.facts.BriefStep`:
language, cleaning, parse and each article's facts; `cluster_features.IngestStep`: language,
cleaning, grouping features). Story grouping and consolidation stay in the driver, and read
only the steps' small plain results. Every engine cuts the stream into
the same chunks and runs the same step code, so the choice of engine never changes a result.
"""

from __future__ import annotations

from typing import Literal

from newsfuse.engine.base import Engine, Step
from newsfuse.engine.local import LocalEngine, default_workers
from newsfuse.engine.ray_engine import RayEngine

__all__ = ["Engine", "EngineName", "LocalEngine", "RayEngine", "Step", "default_workers", "make_engine"]

EngineName = Literal["local", "ray"]


def make_engine(name: str = "local", *, workers: int | None = None, address: str | None = None) -> Engine:
    """The engine a command line asks for: "local" (`workers`, default all cores) or "ray"
    (`address` of an existing cluster, else a local one with `workers` CPUs)."""
    if name == "local":
        if address is not None:
            raise ValueError("--address is for the Ray engine (--engine ray)")
        return LocalEngine(workers)
    if name == "ray":
        if address is None:
            return RayEngine(num_cpus=workers)
        return RayEngine(address=address, actors=workers)
    raise ValueError(f"unknown engine {name!r}: choose local or ray")
