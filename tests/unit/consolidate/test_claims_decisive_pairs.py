"""The decisive revision and update of a toll group, found from running extremes, are the ones the
every-pair definition picks (the old loops are kept here as the reference)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from newsfuse.consolidate.claims import (
    _below,
    _decisive_revision,
    _decisive_update,
    _gap,
    _later,
    _replaces,
    _when_key,
    firm,
)
from newsfuse.models import Claim, ClaimValue


def _claim(n: int, lo: int | None, hi: int | None, day: int | None, status: str) -> Claim:
    return Claim(
        id=f"c{n}",
        source=f"s{n % 7 + 1}",
        measure="killed",
        victims="people",
        victim_class="people",
        value=ClaimValue(lo=lo, hi=hi, text="n"),
        place=None,
        when=None,
        attributed_to=None,
        quote="q",
        scope="incident",
        reported=None if day is None else dt.date(2025, 3, 1) + dt.timedelta(days=day),
        status=status,  # type: ignore[arg-type]
        partial=False,
        hedged=False,
    )


def _group(rng: random.Random, size: int) -> list[Claim]:
    out = []
    for n in range(1, size + 1):
        lo = rng.choice([None, *range(5, 30)])
        kind = rng.random()
        hi = lo if kind < 0.6 else None if kind < 0.8 else (lo or 0) + rng.randint(0, 10)
        day = None if rng.random() < 0.1 else rng.randint(0, 6)
        out.append(_claim(n, lo, hi, day, rng.choice(["current", "current", "superseded"])))
    rng.shuffle(out)
    return out


def _reference(
    group: list[Claim], window: int
) -> tuple[tuple[Claim, Claim] | None, tuple[Claim, Claim] | None]:
    pairs = [(a, b) for a in group for b in group if a.id != b.id and _later(a, b, window)]
    revisions = [
        (a, b) for a, b in pairs if b.status == "current" and _replaces(a, b, window) and _below(a, b)
    ]
    updates = [(a, b) for a, b in pairs if _replaces(a, b, window) and not _below(a, b)]
    revision = max(revisions, key=lambda p: (p[1].reported or dt.date.min, _gap(*p))) if revisions else None
    update = None
    if updates:
        first = min(updates, key=lambda p: _when_key(p[0]))[0]
        last = max(updates, key=lambda p: (p[1].reported or dt.date.min, firm(p[1]), p[1].value.lo or 0))[1]
        update = (first, last)
    return revision, update


@pytest.mark.parametrize("seed", range(40))
def test_the_decisive_pairs_are_those_every_pair_gives(seed: int) -> None:
    rng = random.Random(seed)
    group = _group(rng, rng.randint(2, 60))
    window = rng.choice([1, 1, 2])
    revision, update = _reference(group, window)
    assert _decisive_revision(group, window) == revision
    assert _decisive_update(group, window) == update


def test_a_group_with_a_revision_and_an_update_names_both() -> None:
    group = [
        _claim(1, 20, 20, 0, "superseded"),
        _claim(2, 12, 12, 2, "current"),  # firm and below 20 two days later: a revision
        _claim(3, 8, 10, 0, "superseded"),
        _claim(4, 15, None, 3, "current"),  # "at least 15", above 10: an update
    ]
    assert _decisive_revision(group, 1) == (group[0], group[1])
    first, last = _decisive_update(group, 1) or (None, None)
    assert (first, last) == (group[2], group[3])
