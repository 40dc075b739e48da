"""Figures over time: updates and revisions are no conflicts; copies never count; key figures."""

from __future__ import annotations

import datetime as dt

from newsfuse.consolidate.claims import compare, supersede
from newsfuse.consolidate.tolls import key_figures
from newsfuse.models import Claim, ClaimValue, Source


def _source(n: int, copy_of: int | None = None) -> Source:
    return Source(
        id=f"s{n}", path=f"{n}.txt", url=None, outlet=None, title=None, language="en", published=None,
        published_from=None, text="", removed=[], duplicate_of=f"s{copy_of}" if copy_of else None,
    )  # fmt: skip


SOURCES = [_source(1), _source(2), _source(3, copy_of=1), _source(4), _source(5)]


def _claim(
    n: int,
    source: int,
    value: tuple[int | None, int | None, str],
    day: int | None,
    who: str | None = None,
    measure: str = "killed",
    cls: str = "people",
    **more: object,
) -> Claim:
    lo, hi, text = value
    return Claim(
        id=f"c{n}", source=f"s{source}", measure=measure, victims="people", victim_class=cls,  # type: ignore[arg-type]
        value=ClaimValue(lo=lo, hi=hi, text=text), place=None, when=None, attributed_to=who, quote="q",
        reported=dt.date(2031, 5, day) if day else None, **more,  # type: ignore[arg-type]
    )  # fmt: skip


def _run(claims: list[Claim]) -> tuple[list[Claim], list]:  # type: ignore[type-arg]
    claims = supersede(claims)
    return claims, compare(claims, SOURCES)


def test_a_toll_rising_over_three_days_is_an_update_with_a_history() -> None:
    claims, [comparison] = _run(
        [
            _claim(1, 1, (20, 99, "dozens"), 3, "police"),
            _claim(2, 2, (80, 80, "80"), 4, "rescuers"),
            _claim(3, 4, (164, 164, "164"), 6, "health ministry"),
        ]
    )
    assert comparison.verdict == "agree" and comparison.kind == "update"
    assert comparison.window == [dt.date(2031, 5, 3), dt.date(2031, 5, 6)]
    assert "from dozens (3 May, police, s1) to 164 (6 May, health ministry, s4)" in comparison.explanation
    assert [c.status for c in claims] == ["superseded", "superseded", "current"]
    [toll] = key_figures(claims, [comparison], SOURCES)
    assert toll.current.text == "164" and toll.claims == ["c3"] and not toll.conflict
    assert [p.value.text for p in toll.history] == ["dozens", "80"]
    assert toll.history[0].attributed_to == ["police"] and toll.history[0].sources == ["s1"]
    assert toll.attributed_to == ["health ministry"] and toll.reported == dt.date(2031, 5, 6)
    assert toll.comparison == 0


def test_two_independent_sources_disagreeing_the_same_day_conflict_and_the_pair_is_named() -> None:
    _claims, [comparison] = _run(
        [
            _claim(1, 1, (14, 14, "14"), 11, "fire service"),
            _claim(2, 5, (17, 17, "17"), 11, "health ministry"),
        ]
    )
    assert comparison.verdict == "conflict" and comparison.kind == "conflict"
    assert comparison.explanation.startswith(
        "14 per fire service (s1, 11 May) vs 17 per health ministry (s5, 11 May) — cannot both be true"
    )


def test_figures_days_apart_do_not_conflict() -> None:
    _claims, [comparison] = _run([_claim(1, 1, (14, 14, "14"), 11), _claim(2, 5, (17, 17, "17"), 13)])
    assert comparison.verdict == "agree" and comparison.kind == "update"


def test_a_copy_never_conflicts_with_nor_corroborates_its_original() -> None:
    same = [_claim(1, 1, (14, 14, "14"), 11, "police"), _claim(2, 3, (14, 14, "14"), 11, "police")]
    assert _run(same)[1] == []
    differing = [_claim(1, 1, (14, 14, "14"), 11, "police"), _claim(2, 3, (19, 19, "19"), 11, "police")]
    assert all(c.verdict != "conflict" for c in _run(differing)[1])


def test_one_article_giving_two_voices_disjoint_figures_is_a_conflict() -> None:
    _claims, [comparison] = _run(
        [
            _claim(1, 2, (180, 198, "about 180"), 13, "ministry"),
            _claim(2, 2, (201, None, "more than 200"), 13, "hospitals"),
        ]
    )
    assert comparison.verdict == "conflict"


def test_a_later_firm_figure_below_an_earlier_firm_one_is_a_revision() -> None:
    claims, [comparison] = _run(
        [_claim(1, 1, (20, 20, "20"), 10, "police"), _claim(2, 4, (14, 14, "14"), 12, "prosecutor")]
    )
    assert comparison.verdict == "agree" and comparison.kind == "revision"
    assert (
        "revised down from 20 (10 May, police, s1) to 14 (12 May, prosecutor, s4)" in comparison.explanation
    )
    assert claims[0].status == "superseded"


def test_a_vague_early_figure_below_is_no_revision() -> None:
    _claims, [comparison] = _run([_claim(1, 1, (20, 99, "dozens"), 10), _claim(2, 4, (14, 14, "14"), 12)])
    assert comparison.kind != "revision" and comparison.verdict == "agree"


def test_superseded_claims_are_in_the_history_only() -> None:
    claims, comparisons = _run(
        [
            _claim(
                1, 1, (9, 9, "nine"), 11, "police", status="superseded"
            ),  # "updating an earlier toll of nine"
            _claim(2, 1, (12, 12, "12"), 11, "police"),
            _claim(3, 4, (12, 12, "twelve"), 11, "mayor"),
        ]
    )
    [comparison] = comparisons
    assert comparison.verdict == "agree" and "9 (superseded)" in comparison.explanation
    [toll] = key_figures(claims, comparisons, SOURCES)
    assert toll.claims == ["c2", "c3"] and [p.claims for p in toll.history] == [["c1"]]


def test_partial_counts_never_conflict_with_totals_but_with_each_other() -> None:
    claims = [
        _claim(1, 1, (12, 12, "12"), 11),
        _claim(2, 4, (2, 2, "two"), 11, cls="children", partial=True),
        _claim(3, 5, (30, 30, "30"), 11, partial=True),
    ]
    assert _run(claims)[1] == []
    claims.append(_claim(4, 2, (5, 5, "five"), 11, cls="children", partial=True))
    [comparison] = _run(claims)[1]
    assert comparison.verdict == "conflict" and comparison.claims == ["c2", "c4"]


def test_war_wide_totals_and_earlier_incidents_never_enter_comparisons_or_key_figures() -> None:
    claims = [
        _claim(1, 1, (12, 12, "12"), 11),
        _claim(2, 4, (12, 12, "twelve"), 11),
        _claim(3, 4, (300000, None, "more than 300,000"), 11, scope="cumulative"),
        _claim(4, 5, (8, 8, "eight"), 10, scope="background"),
    ]
    claims, comparisons = _run(claims)
    [comparison] = comparisons
    assert comparison.claims == ["c1", "c2"]
    [toll] = key_figures(claims, comparisons, SOURCES)
    assert toll.current.text == "12" and toll.claims == ["c1", "c2"] and toll.history == []


def test_the_key_figure_is_the_range_across_independent_sources_of_the_latest_window() -> None:
    claims, comparisons = _run(
        [
            _claim(1, 1, (10, 10, "ten"), 10, "police"),
            _claim(2, 1, (14, 14, "14"), 12, "fire service"),
            _claim(3, 5, (17, 17, "17"), 12, "health ministry"),
            _claim(4, 3, (14, 14, "14"), 12, "fire service"),  # a copy of s1
            _claim(5, 4, (3, 3, "three"), 12, cls="children", partial=True),
            _claim(6, 4, (40, 40, "40"), 12, measure="injured"),
        ]
    )
    killed, injured = key_figures(claims, comparisons, SOURCES)
    assert killed.measure == "killed" and killed.victim_class == "people"
    assert (killed.current.lo, killed.current.hi, killed.current.text) == (14, 17, "14–17")
    assert killed.sources == ["s1", "s3", "s5"] and killed.conflict
    assert killed.attributed_to == ["fire service", "health ministry"]
    assert [p.value.text for p in killed.history] == ["ten"]
    assert comparisons[killed.comparison or 0].verdict == "conflict"
    assert injured.measure == "injured" and injured.current.text == "40" and injured.comparison is None


def test_the_broadest_class_carries_the_toll_and_hedged_figures_only_when_nothing_firmer() -> None:
    claims, comparisons = _run(
        [
            _claim(1, 1, (5, 5, "five"), 11, cls="civilians"),
            _claim(2, 4, (5, 5, "five"), 11, cls="civilians"),
            _claim(3, 5, (9, 9, "nine"), 11),
            _claim(4, 2, (30, 30, "30"), 11, hedged=True),
        ]
    )
    [toll] = key_figures(claims, comparisons, SOURCES)
    assert toll.victim_class == "people" and toll.claims == ["c3"]
    hedged = [_claim(1, 2, (30, 30, "30"), 11, hedged=True)]
    [toll] = key_figures(hedged, [], SOURCES)
    assert toll.claims == ["c1"]


def test_the_toll_is_worded_in_the_language_most_sources_use() -> None:
    sources = [_source(1).model_copy(update={"language": "fr"}), _source(2), _source(4)]
    claims, comparisons = (
        supersede([_claim(1, 1, (14, 14, "quatorze"), 3), _claim(2, 2, (14, 14, "fourteen"), 3)]),
        [],
    )
    [toll] = key_figures(claims, comparisons, sources)
    assert toll.current.text == "fourteen" and toll.sources == ["s1", "s2"]
