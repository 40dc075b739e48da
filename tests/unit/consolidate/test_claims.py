"""Comparisons: overlapping intervals agree, disjoint ones conflict; copies never corroborate."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfuse.consolidate.claims import compare, overlap
from newsfuse.models import Claim, ClaimValue, Source


def _source(n: int, copy_of: int | None = None) -> Source:
    return Source(
        id=f"s{n}", path=f"{n}.txt", url=None, outlet=None, title=None, language="en", published=None,
        published_from=None, text="", removed=[], duplicate_of=f"s{copy_of}" if copy_of else None,
    )  # fmt: skip


def _claim(
    n: int,
    source: int,
    lo: int | None,
    hi: int | None,
    text: str,
    who: str | None = None,
    measure: str = "injured",
    cls: str = "security_forces",
    place: str | None = None,
) -> Claim:
    return Claim(
        id=f"c{n}", source=f"s{source}", measure=measure, victims="police", victim_class=cls,  # type: ignore[arg-type]
        value=ClaimValue(lo=lo, hi=hi, text=text), place=place, when=None, attributed_to=who, quote="q",
    )  # fmt: skip


SOURCES = [_source(1), _source(2), _source(3, copy_of=1), _source(4)]


def test_disjoint_values_conflict_and_the_explanation_names_who_says_what() -> None:
    claims = [
        _claim(1, 1, 353, 353, "353", "city authorities"),
        _claim(2, 2, 353, 353, "353", "state TV"),
        _claim(3, 2, 317, 317, "317", "interior ministry"),
    ]
    [comparison] = compare(claims, SOURCES)
    assert comparison.verdict == "conflict"
    assert comparison.claims == ["c1", "c2", "c3"]
    assert "353 per city authorities (s1), state TV (s2)" in comparison.explanation
    assert "317 per interior ministry (s2)" in comparison.explanation


def test_a_figure_in_an_outlets_own_voice_is_said_by_that_outlet() -> None:
    """No speaker quoted: the explanation names the outlet, not "the outlet itself"."""
    sources = [_source(1).model_copy(update={"outlet": "The Lowmere Gazette"}), _source(2)]
    claims = [_claim(1, 1, 40, 40, "40"), _claim(2, 2, 12, 12, "12")]
    [comparison] = compare(claims, sources)
    assert comparison.verdict == "conflict"
    assert "40 per The Lowmere Gazette (s1)" in comparison.explanation
    assert "12 per the outlet itself (s2)" in comparison.explanation  # no outlet known


def test_at_least_eight_and_twelve_agree() -> None:
    claims = [
        _claim(1, 1, 8, None, "at least eight", measure="killed"),
        _claim(2, 2, 12, 12, "twelve", measure="killed"),
    ]
    [comparison] = compare(claims, SOURCES)
    assert comparison.verdict == "agree"


def test_a_copy_is_not_independent_agreement() -> None:
    claims = [_claim(1, 1, 14, 14, "14"), _claim(2, 3, 14, 14, "14")]
    assert compare(claims, SOURCES) == []
    claims.append(_claim(3, 4, 14, 14, "fourteen"))
    [comparison] = compare(claims, SOURCES)
    assert comparison.verdict == "agree"
    assert "s3, a copy of s1" in comparison.explanation
    assert "2 independent sources (s1, s4)" in comparison.explanation


def test_conflicts_come_first_and_classes_and_places_are_kept_apart() -> None:
    claims = [
        _claim(1, 1, 5, 5, "5", measure="killed", cls="civilians"),
        _claim(2, 2, 5, 5, "five", measure="killed", cls="civilians"),
        _claim(3, 1, 100, 100, "100", cls="people"),
        _claim(4, 2, 200, 200, "200", cls="people"),
        _claim(5, 4, 1, 1, "one", cls="people", place="Harbor City"),
        _claim(6, 1, 9, 9, "nine", cls="people", place="Port Vale"),
    ]
    found = compare(claims, SOURCES)
    assert [c.verdict for c in found] == ["conflict", "agree"]
    # claims naming no place join the place most named; a figure for another place stands apart
    assert found[0].claims == ["c3", "c4", "c5"] and found[0].place == "Harbor City"
    assert found[1].claims == ["c1", "c2"] and found[1].victim_class == "civilians"


def test_part_of_a_toll_is_not_compared_with_the_total() -> None:
    # FIGURES.md A1: partial counts are compared only with partial counts of the same group
    claims = [_claim(1, 1, 12, 12, "12", measure="killed"), _claim(2, 2, 2, 2, "the two", measure="killed")]
    assert compare(claims, SOURCES)[0].verdict == "conflict"
    assert compare(claims, SOURCES, {"c2"}) == []


interval = st.tuples(st.integers(0, 500), st.one_of(st.none(), st.integers(0, 500))).filter(
    lambda t: t[1] is None or t[0] <= t[1]
)


@given(interval, interval)
def test_overlap_is_symmetric_and_matches_the_sets(
    a: tuple[int, int | None], b: tuple[int, int | None]
) -> None:
    assert overlap(a, b) == overlap(b, a)
    top = 1000
    set_a = set(range(a[0], (a[1] if a[1] is not None else top) + 1))
    set_b = set(range(b[0], (b[1] if b[1] is not None else top) + 1))
    assert overlap(a, b) == bool(set_a & set_b)


def test_background_and_cumulative_figures_are_never_compared() -> None:
    claims = [
        _claim(1, 1, 12, 12, "12", measure="killed", cls="people"),
        _claim(2, 2, 12, 12, "12", measure="killed", cls="people"),
        _claim(3, 4, 27, None, "at least 27", measure="killed", cls="people").model_copy(
            update={"scope": "background"}
        ),
        _claim(4, 4, 5000, 5000, "5,000", measure="killed", cls="people").model_copy(
            update={"scope": "cumulative"}
        ),
    ]
    [comparison] = compare(claims, SOURCES)
    assert comparison.verdict == "agree" and comparison.claims == ["c1", "c2"]


def test_a_figure_is_reported_when_said_not_when_the_event_happened() -> None:
    import datetime as dt

    from newsfuse.consolidate.claims import _reported

    tuesday, wednesday, thursday = dt.date(2031, 5, 6), dt.date(2031, 5, 7), dt.date(2031, 5, 8)
    # the event's day is not the day the figure was said: the article's date is
    assert _reported(tuesday, wednesday, "Nine people died in the blaze late on Tuesday.") == wednesday
    # a day named for the saying is
    assert _reported(wednesday, thursday, "The ministry said on Wednesday that 12 had died.") == wednesday
    # a named day after publication is a misread weekday
    assert _reported(thursday, wednesday, "Officials said on Thursday that 12 had died.") == wednesday
    assert _reported(None, wednesday, "Twelve died.") == wednesday
