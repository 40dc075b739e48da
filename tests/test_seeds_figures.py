"""Figures on the five seed articles: values, qualifiers, classes, attribution and the two verdicts
PRODUCT.md names (353 vs 317 conflict; 12 vs "at least eight" agree). Seed text is read from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsfuse
from newsfuse.models import Brief

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def seeds_brief(seeds_dir: Path) -> Brief:
    return newsfuse.brief(seeds_dir)


def _values(brief: Brief, measure: str, cls: str) -> set[tuple[int | None, int | None]]:
    return {(c.value.lo, c.value.hi) for c in brief.claims if c.measure == measure and c.victim_class == cls}


def test_every_figure_with_its_interval(seeds_brief: Brief) -> None:
    assert _values(seeds_brief, "injured", "security_forces") == {(353, 353), (317, 317)}
    assert _values(seeds_brief, "killed", "security_forces") >= {(12, 12), (8, None)}
    assert _values(seeds_brief, "killed", "protesters") == {(20, 99)}
    assert _values(seeds_brief, "killed", "civilians") == {(0, 100)}
    assert _values(seeds_brief, "injured", "people") == {(1001, None), (900, 1100)}
    assert _values(seeds_brief, "hospitalized", "people") == {(360, 440), (0, 400)}
    assert _values(seeds_brief, "arrested", "people") == {(201, None)}
    assert "claims" not in seeds_brief.pending_sections and "comparisons" not in seeds_brief.pending_sections


def test_quotes_are_verbatim_and_ids_stable(seeds_brief: Brief) -> None:
    assert [c.id for c in seeds_brief.claims] == [f"c{n}" for n in range(1, len(seeds_brief.claims) + 1)]
    for claim in seeds_brief.claims:
        source = seeds_brief.source(claim.source)
        assert claim.quote in source.text or claim.quote == source.title
        assert claim.value.text in claim.quote


def test_attribution(seeds_brief: Brief) -> None:
    by_value = {(c.source, c.value.text): c.attributed_to for c in seeds_brief.claims}
    assert by_value[("s4", "317")] == "Kazakh interior ministry"
    assert by_value[("s2", "Three hundred and fifty-three")] == "Almaty city authorities"
    assert by_value[("s5", "353")] == "State television"
    assert by_value[("s4", "more than 200")] is None


def test_verdicts(seeds_brief: Brief) -> None:
    verdicts = {(c.measure, c.victim_class): c.verdict for c in seeds_brief.comparisons}
    assert verdicts[("injured", "security_forces")] == "conflict"
    assert verdicts[("killed", "security_forces")] == "agree"
    assert seeds_brief.comparisons[0].verdict == "conflict"
    conflict = seeds_brief.comparisons[0]
    assert "317 per Kazakh interior ministry (s4)" in conflict.explanation
    assert "353 per" in conflict.explanation and "(s2)" in conflict.explanation
