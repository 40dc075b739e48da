"""Failures grouped by sort, for an assertion message or bench/fuzz.py's table."""

from __future__ import annotations

from collections.abc import Sequence

from tests.fuzz.harness import Failure


def distinct(failures: Sequence[Failure]) -> dict[str, tuple[int, Failure]]:
    """Each sort of failure (its signature), with how many times it came and its smallest input."""
    out: dict[str, tuple[int, Failure]] = {}
    for f in failures:
        count, first = out.get(f.signature, (0, f))
        smaller = f if len(f.data) < len(first.data) else first
        out[f.signature] = (count + 1, smaller)
    return out


def summary(failures: Sequence[Failure], cases: int) -> str:
    """One line per sort of failure: count, signature, the reason and the smallest input's recipe."""
    lines = [f"{len(failures)} failures in {cases} cases, {len(distinct(failures))} sorts:"]
    for sig, (count, f) in sorted(distinct(failures).items()):
        lines.append(f"  {count:4d} x {sig}\n         {f.reason}\n         input: {f.name!r} {f.how[:300]}")
    return "\n".join(lines)
