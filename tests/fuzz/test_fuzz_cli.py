"""The CLI harness: `newsfuse brief` and `newsfuse ingest` on many mutated inputs plus the good one.

One subprocess per command for the whole batch (start-up would dominate otherwise): exit code 0,
no traceback, every input the library reports as bad named on stderr, the good article in the
brief and in the store.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsfuse.config import Settings
from newsfuse.errors import InputError
from tests.fuzz.harness import Tally, check_cli, check_read
from tests.fuzz.mutators import classic_cases, generate
from tests.fuzz.report import summary

pytestmark = pytest.mark.fuzz

SEED, COUNT = 1819, 24


def test_cli_reports_each_bad_input_and_keeps_the_good(tmp_path: Path, fuzz_settings: Settings) -> None:
    cases = classic_cases(size=4_000) + generate(random.Random(SEED), COUNT, size=8_000)
    probe = tmp_path / "probe"
    probe.mkdir()
    library = Tally()
    errors = [
        any(isinstance(i, InputError) for i in check_read(case, probe, n, fuzz_settings, library))
        for n, case in enumerate(cases)
    ]
    tally = {"cli-brief": Tally(), "cli-ingest": Tally()}
    batch = tmp_path / "cli"
    batch.mkdir()
    check_cli(cases, errors, batch, [], tally)
    assert tally["cli-brief"].cases > COUNT // 2
    failures = [f for t in tally.values() for f in t.failures]
    if failures:
        pytest.fail(summary(failures, sum(t.cases for t in tally.values())), pytrace=False)
