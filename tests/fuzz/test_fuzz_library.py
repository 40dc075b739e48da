"""The library harness: `read_inputs` over mutated fixtures of every kind never raises.

It yields only RawArticle or InputError; every article's text is storable (no lone surrogate) and
its publication date plausible; every error line is UTF-8-safe.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given

from newsfuse.config import Settings
from tests.fuzz.harness import Tally, check_read
from tests.fuzz.mutators import Case, generate
from tests.fuzz.report import summary
from tests.fuzz.strategies import ci_settings, dumps_any, hostile_records, named_bytes

pytestmark = pytest.mark.fuzz

SEED, COUNT = 18, 800


def test_mutated_fixtures_never_raise(tmp_path: Path, fuzz_settings: Settings) -> None:
    tally = Tally()
    for n, case in enumerate(generate(random.Random(SEED), COUNT, size=20_000)):
        check_read(case, tmp_path, n, fuzz_settings, tally)
    assert tally.cases == COUNT
    if tally.failures:
        pytest.fail(summary(tally.failures, tally.cases), pytrace=False)


def test_hostile_records_never_raise(tmp_path: Path, fuzz_settings: Settings) -> None:
    tally = Tally()

    @ci_settings(300)
    @given(record=hostile_records(), as_lines=...)
    def one(record: dict[str, object], as_lines: bool) -> None:
        raw = dumps_any(record)  # \ud800 stays an escape, as scrapers write it
        name = "r.jsonl" if as_lines else "r.json"
        case = Case(name, raw.encode(), f"{'jsonl' if as_lines else 'json'}: hypothesis record {raw[:200]}")
        check_read(case, tmp_path, tally.cases, fuzz_settings, tally)

    one()
    assert tally.cases >= 300
    if tally.failures:
        pytest.fail(summary(tally.failures, tally.cases), pytrace=False)


def test_random_bytes_under_every_name_never_raise(tmp_path: Path, fuzz_settings: Settings) -> None:
    tally = Tally()

    @ci_settings(300)
    @given(named=named_bytes)
    def one(named: tuple[str, bytes]) -> None:
        suffix, data = named
        case = Case("b" + suffix, data, f"bytes{suffix or ' (no suffix)'}: hypothesis {data[:60]!r}")
        check_read(case, tmp_path, tally.cases, fuzz_settings, tally)

    one()
    if tally.failures:
        pytest.fail(summary(tally.failures, tally.cases), pytrace=False)
