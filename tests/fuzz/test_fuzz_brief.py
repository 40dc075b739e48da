"""The brief harness: mutated inputs briefed together with the good article, in one `api.brief` call.

The good article must be a source of the brief (or listed among its other stories); nothing may
raise (the documented "no articles" error cannot happen with a good article in the batch). A
failing batch is halved until each input that breaks it alone is found.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsfuse.config import Settings
from tests.fuzz.harness import Tally, check_brief
from tests.fuzz.mutators import classic_cases, generate
from tests.fuzz.report import summary

pytestmark = pytest.mark.fuzz

SEED, BATCHES, PER_BATCH = 1818, 3, 10


def test_bad_inputs_never_cost_the_good_article(tmp_path: Path, fuzz_settings: Settings) -> None:
    rng = random.Random(SEED)
    tally = Tally()
    check_brief(classic_cases(size=4_000), tmp_path, fuzz_settings, tally)
    for _ in range(BATCHES):
        check_brief(generate(rng, PER_BATCH, size=8_000), tmp_path, fuzz_settings, tally)
    assert tally.cases == BATCHES * PER_BATCH + len(classic_cases())
    if tally.failures:
        pytest.fail(summary(tally.failures, tally.cases), pytrace=False)
