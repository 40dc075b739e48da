"""The quality gate's arithmetic: a score below its floor (or a rate of errors above its ceiling)
fails, pinned floors sit a margin below the measured scores, and the committed floors cover every
gated table (figures, each language of the two language stories, cross-lingual entities)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
eval_gate = pytest.importorskip("eval_gate")


def test_a_score_below_its_floor_fails_and_one_at_it_passes() -> None:
    pinned = {"floors": {"fakes-syria test": {"recall": 0.9, "precision": 0.9}}}
    scores = {"fakes-syria test": {"recall": 0.8999, "precision": 0.9}}
    assert eval_gate.check(scores, pinned) == ["fakes-syria test recall: 0.8999 is below the floor 0.9000"]


def test_a_rate_of_errors_has_a_ceiling() -> None:
    pinned = {"floors": {"gva test": {"killed_spurious": 0.1, "killed_exact": 0.8}}}
    assert eval_gate.check({"gva test": {"killed_spurious": 0.1, "killed_exact": 0.85}}, pinned) == []
    failed = eval_gate.check({"gva test": {"killed_spurious": 0.12, "killed_exact": 0.85}}, pinned)
    assert failed == ["gva test killed_spurious: 0.1200 is above the ceiling 0.1000"]


def test_a_pinned_score_that_was_not_measured_fails() -> None:
    assert eval_gate.check({}, {"floors": {"seeds": {"f1": 0.5}}}) == ["seeds f1: not measured (pinned 0.5)"]


def test_pin_sets_floors_below_and_ceilings_above_the_measured_scores() -> None:
    pinned = eval_gate.pin({"seeds": {"f1": 0.9666}, "gva tune": {"killed_spurious": 0.052}}, 150)
    assert pinned["gva_incidents_per_part"] == 150
    assert pinned["floors"]["seeds"]["f1"] == pytest.approx(0.95)
    assert pinned["floors"]["gva tune"]["killed_spurious"] == pytest.approx(0.07)
    assert eval_gate.check({"seeds": {"f1": 0.9666}, "gva tune": {"killed_spurious": 0.052}}, pinned) == []


def test_the_committed_floors_gate_every_table() -> None:
    pinned = json.loads((BENCH / "eval_floors.json").read_text(encoding="utf-8"))
    figures = {"seeds", "fakes-syria tune", "fakes-syria test", "gva tune", "gva test"}
    langs = eval_gate.languages.LANGS
    stories = {f"languages {story} {lang}" for story in ("dev", "heldout") for lang in langs}
    entities = {"languages dev", "languages heldout", "meantime cross-lingual"}
    grouping = {f"grouping {name} {split}" for name in eval_gate.GROUPING_SETS for split in ("tune", "test")}
    assert set(pinned["floors"]) == figures | stories | entities | grouping
    for dataset, metrics in pinned["floors"].items():
        if dataset in figures:
            assert set(metrics) in (set(eval_gate.CLAIM_METRICS), set(eval_gate.GVA_METRICS))
        elif dataset in grouping:
            assert "bcubed_f1" in metrics and set(metrics) <= set(eval_gate.GROUPING_METRICS)
        else:
            assert set(metrics) == {"entity_conll_f1" if dataset in entities else "claim_f1"}


def test_without_the_shared_data_only_the_measured_tables_are_checked() -> None:
    pinned = {"floors": {"seeds": {"f1": 0.9}, "languages heldout uk": {"claim_f1": 0.7}}}
    scores = {"languages heldout uk": {"claim_f1": 0.69}}
    failed = ["languages heldout uk claim_f1: 0.6900 is below the floor 0.7000"]
    assert eval_gate.check(scores, pinned, only=set(scores)) == failed
