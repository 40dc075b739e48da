"""The fuzz suite's shared pieces: a scratch folder per test and the settings the harnesses use."""

from __future__ import annotations

import pytest

from newsfuse.config import Settings


@pytest.fixture(scope="session")
def fuzz_settings() -> Settings:
    """Defaults: the promises hold at the limits users get."""
    return Settings()
