"""`newsfuse.brief` groups its inputs: the largest story is briefed, the others listed, none compared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsfuse
from newsfuse.api import brief_stories
from newsfuse.models import Brief
from tests.conftest import EXAMPLE, validate_brief_json
from tests.two_stories import FIRE, STRIKE, write_stories


def names(brief: Brief) -> list[str]:
    return [Path(s.path or "").name for s in brief.sources]


def mixed_comparisons(brief: Brief) -> list[str]:
    """Explanations of comparisons whose claims come from both stories' reports (fire-*, strike-*)."""
    source_of = {c.id: c.source for c in brief.claims}
    mixed = []
    for comparison in brief.comparisons:
        stories = {names(brief)[int(source_of[c][1:]) - 1].split("-")[0] for c in comparison.claims}
        if stories == {"fire", "strike"}:
            mixed.append(comparison.explanation)
    return mixed


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three fire reports and two strike reports."""
    return write_stories(tmp_path_factory.mktemp("two") / "in", fire=3, strike=2)


@pytest.fixture(scope="module")
def briefs(folder: Path) -> list[Brief]:
    return brief_stories(folder)


def test_the_largest_story_is_briefed_and_the_other_listed(folder: Path, briefs: list[Brief]) -> None:
    brief = newsfuse.brief(folder)
    assert names(brief) == ["fire-1.txt", "fire-2.txt", "fire-3.txt"]
    assert "Tallowford" in brief.story.title
    (other,) = brief.other_stories
    assert other.title == "Greyhollow miners walk out over pit safety"  # the earliest report's headline
    assert other.paths == [str(folder / "strike-1.txt"), str(folder / "strike-2.txt")]
    assert not any("Greyhollow" in c.quote for c in brief.claims)
    assert brief == briefs[0]  # the library's brief is the first of all the stories' briefs


def test_each_story_gets_its_own_brief_and_names_the_others(briefs: list[Brief]) -> None:
    fire, strike = briefs
    assert names(strike) == ["strike-1.txt", "strike-2.txt"]
    assert [s.id for s in strike.sources] == ["s1", "s2"]
    assert [o.title for o in strike.other_stories] == ["Fire destroys paint warehouse in Tallowford"]
    assert [Path(p).name for p in strike.other_stories[0].paths] == list(FIRE)
    assert {c.measure for c in strike.claims} >= {"killed", "injured"}
    assert all(c.source in {"s1", "s2"} for c in strike.claims)
    assert fire.story.id != strike.story.id


def test_figures_are_never_compared_across_stories(folder: Path, briefs: list[Brief]) -> None:
    assert briefs[0].comparisons  # the fire's reports are compared among themselves...
    for brief in briefs:
        assert mixed_comparisons(brief) == []  # ...and never with the strike's
    # the same inputs briefed as one story do mix them: the check above can fail
    one = newsfuse.brief(folder, group=False)
    assert len(one.sources) == 5 and one.other_stories == []
    assert mixed_comparisons(one)


def test_json_lists_the_other_stories_and_validates(
    briefs: list[Brief], brief_schema: dict[str, Any]
) -> None:
    for brief in briefs:
        document = json.loads(brief.to_json())
        validate_brief_json(document, brief_schema)
        assert [o["title"] for o in document["other_stories"]] == [o.title for o in brief.other_stories]


def test_ties_go_to_the_story_reported_first(tmp_path: Path) -> None:
    """Three reports each: the fire (March) is briefed before the strike (June), whatever the input order."""
    folder = write_stories(tmp_path / "in", dated=True)
    strike_first = sorted(folder.glob("strike-*.md")) + sorted(folder.glob("fire-*.md"))
    brief = newsfuse.brief(strike_first)
    assert names(brief) == ["fire-1.md", "fire-2.md", "fire-3.md"]
    assert [Path(p).name for p in brief.other_stories[0].paths] == [
        "strike-1.md",
        "strike-2.md",
        "strike-3.md",
    ]
    assert mixed_comparisons(brief) == []


def test_undated_ties_go_to_the_story_given_first(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "in")
    brief = newsfuse.brief([folder / n for n in STRIKE] + [folder / n for n in FIRE])
    assert names(brief) == list(STRIKE)
    assert [Path(p).name for p in brief.other_stories[0].paths] == list(FIRE)
    assert mixed_comparisons(brief) == []


def test_one_story_inputs_list_no_other_stories() -> None:
    brief = newsfuse.brief(EXAMPLE)
    assert len(brief.sources) == 8 and brief.other_stories == []
    assert "other_stories" not in json.loads(brief.to_json())  # the brief reads as before grouping existed
    assert "Other stories" not in brief.to_markdown()


def test_the_seed_articles_are_one_story(seeds_dir: Path) -> None:
    brief = newsfuse.brief(seeds_dir)
    assert len(brief.sources) == 5 and brief.other_stories == []
