"""The number grammar of FIGURES.md §A6/§B (C2, C3): qualifier rules, vague words, ranges and number
formats as properties, and the number phrases found whole by the parser in invented sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.analyze import parse_articles
from newsfuse.analyze.figures import extract_figures
from newsfuse.analyze.numbers import parse_count, word_number
from newsfuse.models import Article, RawArticle

from .test_numbers import english

counts = st.integers(min_value=1, max_value=999_999)  # the range `english` writes


def _interval(text: str) -> tuple[int | None, int | None]:
    count = parse_count(text)
    assert count is not None, text
    return count.lo, count.hi


def _written(n: int) -> st.SearchStrategy[str]:
    """n as digits, digits with separators, or English words."""
    return st.sampled_from([str(n), f"{n:,}", english(n)])


@given(counts, st.data())
def test_qualifiers_follow_the_rules(n: int, data: st.DataObject) -> None:
    written = data.draw(_written(n))
    assert _interval(f"at least {written}") == (n, None)
    assert _interval(f"more than {written}") == (n + 1, None)
    assert _interval(f"over {written}") == (n + 1, None)
    assert _interval(f"up to {written}") == (0, n)
    assert _interval(f"as many as {written}") == (0, n)
    assert _interval(f"fewer than {written}") == (0, n - 1)
    assert _interval(f"about {written}") == (9 * n // 10, -(-11 * n // 10))  # floor(0.9n), ceil(1.1n)
    assert _interval(f"nearly {written}") == (9 * n // 10, n - 1)


@given(counts, counts, st.sampled_from(["between {a} and {b}", "from {a} to {b}", "{a} to {b}", "{a}-{b}"]))
def test_ranges_are_one_interval(a: int, b: int, form: str) -> None:
    lo, hi = _interval(form.format(a=a, b=b))
    assert (lo, hi) == (min(a, b), max(a, b))
    assert lo is not None and hi is not None and lo <= hi


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_ranges_in_words_and_with_qualified_ends(a: int, b: int) -> None:
    lo, hi = _interval(f"between {english(a)} and {english(b)}")
    assert (lo, hi) == (min(a, b), max(a, b))
    assert _interval(f"ranging from about {a} to some {b}") == (min(a, b), max(a, b))
    assert _interval(f"{a}–{b}") == (min(a, b), max(a, b))


@given(st.integers(min_value=21, max_value=99).filter(lambda n: n % 10 != 0))
def test_a_hyphenated_number_word_equals_its_digits(n: int) -> None:
    word = english(n)
    assert "-" in word
    assert word_number(word) == n
    assert _interval(word) == (n, n)
    assert _interval(word.capitalize()) == (n, n)


@given(counts)
def test_floors_written_after_the_number(n: int) -> None:
    assert _interval(f"{n}+") == (n, None)
    assert _interval(f"{n:,}-plus") == (n, None)
    assert _interval(f"{n} or more") == (n, None)


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("dozens", 20, 99),
        ("tens", 20, 99),
        ("scores", 40, 99),
        ("hundreds", 200, 999),
        ("thousands", 2000, 9999),
        ("millions", 2_000_000, 9_999_999),
        ("tens of thousands", 20_000, 99_999),
        ("Tens of thousands", 20_000, 99_999),
        ("hundreds of thousands", 200_000, 999_999),
        ("several", 3, 9),
        ("several dozen", 36, 108),
        ("several hundred", 300, 999),
        ("a few", 2, 5),
        ("a dozen", 12, 12),
        ("about a dozen", 10, 14),
        ("at least dozens", 20, None),
        ("more than a dozen", 13, None),
        ("at least tens of thousands", 20_000, None),
        ('"dozens"', 20, 99),
        ("as high as 60", 0, 60),
        ("at least at 45", 45, None),
        ("two or three", 2, 3),
        ("two dozen", 24, 24),
        ("about two dozen", 21, 27),
        ("a few hundred", 200, 599),
        ("several thousand", 3000, 9999),
        ("between dozens and hundreds", 20, 999),
        ("des dizaines de milliers", 20_000, 99_999),
        ("entre 20 et 30", 20, 30),
    ],
)
def test_vague_phrases_follow_the_convention(text: str, lo: int, hi: int | None) -> None:
    count = parse_count(text, "fr" if text.startswith(("des", "entre")) else "en")
    assert count is not None and (count.lo, count.hi) == (lo, hi)


@given(st.sampled_from(["tens", "hundreds", "dozens", "scores"]), st.sampled_from(["thousands", "millions"]))
def test_a_plural_of_a_plural_is_one_band(factor: str, unit: str) -> None:
    lo, hi = _interval(f"{factor} of {unit}")
    single_lo, single_hi = _interval(factor)
    size = 1000 if unit == "thousands" else 1_000_000
    assert single_hi is not None and (lo, hi) == (single_lo * size, (single_hi + 1) * size - 1)


# --- the parser finds the phrase whole, in context (invented sentences) ---


def _figures(text: str) -> list[tuple[str, int | None, int | None, str]]:
    article = Article(RawArticle(text=text, path="t.txt"), text, None, "en", (), "x")
    [analyzed] = parse_articles([article])
    return [
        (f.measure, f.count.lo, f.count.hi, text[f.number[0] : f.number[1]])
        for f in extract_figures(analyzed)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tens of thousands of residents fled the town of Varnholt.",
            [("displaced", 20_000, 99_999, "Tens of thousands")],
        ),
        (
            "Hundreds of thousands of people have been displaced by the floods.",
            [("displaced", 200_000, 999_999, "Hundreds of thousands")],
        ),
        (
            "Millions of people were displaced by the drought.",
            [("displaced", 2_000_000, 9_999_999, "Millions")],
        ),
        ("Between 30 and 40 people were killed in Ostrava Bay.", [("killed", 30, 40, "Between 30 and 40")]),
        ("The gunmen killed 12 to 15 people in the market.", [("killed", 12, 15, "12 to 15")]),
        ("From 20 to 25 miners were injured in the collapse.", [("injured", 20, 25, "From 20 to 25")]),
        ("The raid killed 20-25 people, residents said.", [("killed", 20, 25, "20-25")]),
        ("Two or three people were injured.", [("injured", 2, 3, "Two or three")]),
        ("Scores of protesters were arrested in Pellmar.", [("arrested", 40, 99, "Scores")]),
        ("Several people were injured in the stampede.", [("injured", 3, 9, "Several")]),
        ("Several dozen people were arrested after the march.", [("arrested", 36, 108, "Several dozen")]),
        ("Several hundred people were evacuated.", [("evacuated", 300, 999, "Several hundred")]),
        ("A few people were injured.", [("injured", 2, 5, "A few")]),
        ("The blast killed 50+ people.", [("killed", 50, None, "50+")]),
        ("The blast killed 50-plus people.", [("killed", 50, None, "50-plus")]),
        ("Twenty-five people were killed in the crash.", [("killed", 25, 25, "Twenty-five")]),
        (
            'Two people were killed and "dozens" more were wounded.',
            [("killed", 2, 2, "Two"), ("injured", 20, 99, "dozens")],
        ),
        ("Officials put the death toll at least at 45.", [("killed", 45, None, "at least at 45")]),
        ("Gunmen killed two dozen villagers.", [("killed", 24, 24, "two dozen")]),
        ("A score of people were arrested.", [("arrested", 20, 20, "A score")]),
    ],
)
def test_phrases_are_found_whole(text: str, expected: list[tuple[str, int, int | None, str]]) -> None:
    assert _figures(text) == expected


def test_tens_of_thousands_is_never_two_claims() -> None:
    for text in (
        "Tens of thousands of residents fled the fighting.",
        "Officials said tens of thousands of people were displaced.",
    ):
        found = _figures(text)
        assert len(found) == 1 and found[0][1:3] == (20_000, 99_999)


def test_a_toll_that_rose_is_not_a_range() -> None:
    assert all(lo == hi for _, lo, hi, _ in _figures("The death toll rose from 20 to 25 on Monday."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 34-year-old man was shot in the leg.", [("shot", 1, 1, "A")]),  # the man, not his age
        ("The five-year war has killed 300 people in Dunmore.", [("killed", 300, 300, "300")]),
        ("The 10-day siege left 8 people dead.", [("killed", 8, 8, "8")]),
        ("The gunman, aged 30, killed two people.", [("killed", 2, 2, "two")]),
        ("Two people aged between 20 and 30 were arrested.", [("arrested", 2, 2, "Two")]),
        (
            "He had been jailed for more than five years before 12 people were killed.",
            [("killed", 12, 12, "12")],
        ),
        ("At one point 40 people were trapped and 3 were killed.", [("killed", 3, 3, "3")]),
        ("It was one of the deadliest attacks, and 9 people were killed.", [("killed", 9, 9, "9")]),
        ("The protesters attacked one another and 4 were arrested.", [("arrested", 4, 4, "4")]),
        ("Views 1234 Three people were killed in Marlow.", [("killed", 3, 3, "Three")]),
        ("(3) 4 5 Two police officers were injured on Friday.", [("injured", 2, 2, "Two")]),
        ("About 80 percent of residents were evacuated.", []),
        ("Rescuers said 6 people died at 10:30 on Sunday.", [("killed", 6, 6, "6")]),
        (  # the dash-parenthetical's subset is its own (partial) claim, §A1
            "The strike killed 9 - including two children - in Alvor.",
            [("killed", 9, 9, "9"), ("killed", 2, 2, "two")],
        ),
        ("Updated 1532 Four people were injured in Kestrel.", [("injured", 4, 4, "Four")]),
    ],
)
def test_numbers_that_count_nobody(text: str, expected: list[tuple[str, int, int | None, str]]) -> None:
    assert _figures(text) == expected


def test_french_keeps_working() -> None:
    text = (
        "Des dizaines de milliers de personnes ont fui Valmont. Au moins 14 personnes ont été tuées. "
        "Entre 20 et 30 personnes ont été blessées."
    )
    article = Article(RawArticle(text=text, path="t.txt"), text, None, "fr", (), "x")
    [analyzed] = parse_articles([article])
    found = [(f.measure, f.count.lo, f.count.hi) for f in extract_figures(analyzed)]
    assert found == [("displaced", 20_000, 99_999), ("killed", 14, None), ("injured", 20, 30)]


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("No one was injured in the fire at Corran.", []),
        ("Each one of the guards was questioned.", []),
        ("This one hurt a lot.", []),
        ("Police said that one injured woman drove to the clinic.", ["one"]),
        ("One of the wounded died later.", ["one"]),
        ("One of the men was shot in the arm.", ["one"]),
        ("One of the shooting victims hid in a shed.", []),
        ("It was one of the deadliest attacks.", []),
        ("Officials said tens of thousands fled.", ["tens of thousands"]),
        ("Police detained 12 to 15 men.", ["12 to 15"]),
        ("The toll rose from 20 to 25.", ["20", "25"]),
        ("Mon Mar 6 2017 3 Dead 8 Hurt in Blast at Corran Depot", ["3", "8"]),
        ("(3) 4 5 Share Two guards were hurt.", ["two"]),
    ],
)
def test_number_runs(text: str, runs: list[str]) -> None:
    from newsfuse.analyze.nlp import load_pipeline
    from newsfuse.analyze.number_runs import number_runs
    from newsfuse.analyze.parse import FULL

    doc = load_pipeline("en", FULL)(text)
    found = number_runs(doc[:], lambda _token: False)
    assert [doc[run[0].i : run[-1].i + 1].text.lower() for run in found] == runs


@pytest.mark.parametrize(
    "text",
    [
        "Mara Tolvey, 14, was shot in the right leg.",
        "Woman, 61, hit by stray gunfire in Dunmore",
        "The girl's sister told KRTV 6 the teen was shot four or five times.",
    ],
)
def test_ages_in_apposition_and_numbers_in_names_count_nobody(text: str) -> None:
    assert all(lo != 14 and lo != 61 and lo != 6 for _, lo, _, _ in _figures(text))
