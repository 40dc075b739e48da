"""Hypothesis strategies: mutated fixture cases, hostile JSON values and records, raw bytes by name.

CI runs them derandomized (a fixed seed per test) with a fixed `max_examples`, so a run is the same
every time; the tests collect failures instead of raising, so hypothesis never shrinks and the
count of cases is exact.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.fuzz.fixtures import STORIES, record
from tests.fuzz.mutators import FAR_DATES, Case, generate

SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".warc", ".warc.gz", ".txt.gz", ".json.gz", ""]


def ci_settings(examples: int) -> settings:
    """Deterministic and bounded: the same examples every run, no deadline on a loaded machine."""
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def cases(size: int = 20_000) -> st.SearchStrategy[Case]:
    """One mutated fixture (any kind), drawn through the seeded mutators."""
    return st.integers(0, 2**32 - 1).map(lambda seed: generate(random.Random(seed), 1, size)[0])


# text with lone surrogates, NULs, controls and far-off code points
odd_text = st.text(st.characters(codec=None, categories=None), max_size=60) | st.sampled_from(
    ["\ud800", "\udfff x", "\x00", "\u202e", "9" * 5000, "", " ", "\ufeff"]
)
# built by map: hypothesis cannot repr an int over 4,300 digits
huge_ints = st.integers() | st.sampled_from([4400, -4400, 63, -63]).map(
    lambda k: (10 if abs(k) > 100 else 2) ** abs(k) * (1 if k > 0 else -1)
)
scalars = st.none() | st.booleans() | huge_ints | st.floats(allow_nan=True, allow_infinity=True) | odd_text
hostile_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=4),
    max_leaves=12,
)
dates = st.sampled_from(FAR_DATES) | hostile_values | st.datetimes().map(lambda d: d.isoformat())


@st.composite
def hostile_records(draw: st.DrawFn) -> dict[str, object]:
    """An article record whose fields (any of them) are replaced by hostile values."""
    rec: dict[str, object] = record(draw(st.sampled_from(STORIES)))
    for key in draw(
        st.lists(
            st.sampled_from(["text", "title", "url", "source", "published", "html", "articles"]), max_size=3
        )
    ):
        rec[key] = draw(dates if key == "published" else hostile_values)
    extra = draw(st.dictionaries(odd_text, hostile_values, max_size=2))
    return {**extra, **rec}


named_bytes = st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=2000))


def dumps_any(value: object) -> str:
    """JSON text for any generated value: huge integers written out, lone surrogates as \\u escapes."""
    import json
    import sys

    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return json.dumps(value, ensure_ascii=True)
    finally:
        sys.set_int_max_str_digits(old)
