"""Golden files: the bundled example story's brief, as JSON and Markdown, byte for byte.

Rewrite them only on purpose, with `pytest --update-golden`, and review the diff like code.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

import newsfuse
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_brief_matches_golden_files(case: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # paths in the brief are as given: relative, so the same on every machine
    brief = newsfuse.brief(f"examples/{case}")
    outputs = {"expected.json": brief.to_json(), "expected.md": brief.to_markdown()}
    for name, text in outputs.items():
        path = GOLDEN / case / name
        if update_golden:
            path.write_text(text, encoding="utf-8")
            continue
        assert path.exists(), f"{path} missing: run pytest --update-golden and review it"
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            diff = "".join(
                difflib.unified_diff(expected.splitlines(True), text.splitlines(True), str(path), "now", n=2)
            )
            pytest.fail(f"{name} differs from the golden file:\n{diff[:6000]}")


def test_every_example_story_has_golden_files() -> None:
    stories = sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir())
    assert stories == CASES
