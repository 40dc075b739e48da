"""Fixtures for the fetcher's tests: settings that go fast unless a test is about pacing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from newsfuse.config import Settings
from newsfuse.engine import stop


def fast(**overrides: object) -> Settings:
    """No pacing, short timeouts, quick retries: a test sets what it is about."""
    base = {"fetch_host_interval": 0.0, "fetch_timeout": 2.0, "fetch_max_wait": 5.0}
    base.update(overrides)
    return dataclasses.replace(Settings(), **base)  # type: ignore[arg-type]


@pytest.fixture
def stop_requested() -> Iterator[None]:
    """The process's stop flag set (as a first Ctrl-C does), cleared afterwards."""
    stop.request()
    try:
        yield
    finally:
        stop._state["signal"] = None
