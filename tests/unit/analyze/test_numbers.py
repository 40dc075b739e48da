"""The number + qualifier grammar: digits, words (English, French), vague quantities, qualifiers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.analyze.numbers import number_value, parse_count, word_number

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def english(n: int) -> str:
    """n in English words, British style ("three hundred and fifty-three"), written independently."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _UNITS[n % 10])
    if n < 1000:
        rest = n % 100
        return _UNITS[n // 100] + " hundred" + ("" if rest == 0 else " and " + english(rest))
    rest = n % 1000
    return (
        english(n // 1000)
        + " thousand"
        + ("" if rest == 0 else (" and " if rest < 100 else " ") + english(rest))
    )


@given(st.integers(min_value=0, max_value=999_999))
def test_words_read_back(n: int) -> None:
    assert word_number(english(n)) == n
    assert word_number(english(n).capitalize()) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_and_without_separators(n: int) -> None:
    assert number_value(str(n)) == n
    assert number_value(f"{n:,}") == n
    assert number_value(f"{n:,}".replace(",", "\u00a0"), "fr") == n


@given(st.integers(min_value=1, max_value=100_000))
def test_qualifiers_bound_the_number(n: int) -> None:
    assert (parse_count(f"at least {n}").lo, parse_count(f"at least {n}").hi) == (n, None)  # type: ignore[union-attr]
    assert (parse_count(f"more than {n:,}").lo, parse_count(f"more than {n:,}").hi) == (n + 1, None)  # type: ignore[union-attr]
    assert (parse_count(f"up to {n}").lo, parse_count(f"up to {n}").hi) == (0, n)  # type: ignore[union-attr]
    about = parse_count(f"about {n}")
    assert about is not None and about.lo is not None and about.hi is not None
    assert about.lo <= n <= about.hi
    nearly = parse_count(f"nearly {n}")
    assert nearly is not None and nearly.hi == n - 1


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("353", 353, 353),
        ("1,000", 1000, 1000),
        ("Three hundred and fifty-three", 353, 353),
        ("twelve", 12, 12),
        ("at least eight", 8, None),
        ("more than 200", 201, None),
        ("over a thousand", 1001, None),
        ("up to 400", 0, 400),
        ("about 1,000", 900, 1100),
        ("some 4,000", 3600, 4400),
        ("dozens", 20, 99),
        ("Tens", 20, 99),
        ("scores", 40, 99),
        ("hundreds", 200, 999),
        ("thousands", 2000, 9999),
        ("a hundred", 100, 100),
        ("a thousand", 1000, 1000),
        ("up to a hundred", 0, 100),
        ("one", 1, 1),
        ("a", 1, 1),
        ("a dozen", 12, 12),
        ("fewer than 10", 0, 9),
    ],
)
def test_english_phrases(text: str, lo: int, hi: int | None) -> None:
    count = parse_count(text)
    assert count is not None and (count.lo, count.hi) == (lo, hi)
    assert count.text == text


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("au moins 14", 14, None),
        ("plus de 200", 201, None),
        ("quelque 4\u00a0000", 3600, 4400),
        ("plusieurs dizaines", 20, 99),
        ("quatre-vingt-dix-neuf", 99, 99),
        ("soixante-dix", 70, 70),
        ("une centaine", 80, 120),
    ],
)
def test_french_phrases(text: str, lo: int, hi: int | None) -> None:
    count = parse_count(text, "fr")
    assert count is not None and (count.lo, count.hi) == (lo, hi)


@pytest.mark.parametrize("text", ["", "police", "the", "and", "many"])
def test_not_a_count(text: str) -> None:
    assert parse_count(text) is None


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("a quarter of a million", 250_000, 250_000),
        ("more than a quarter of a million", 250_001, None),
        ("half a million", 500_000, 500_000),
        ("un quart de million", 250_000, 250_000),
    ],
)
def test_fractions_of_a_scale(text: str, lo: int, hi: int | None) -> None:
    count = parse_count(text, "fr" if text.startswith("un ") else "en")
    assert count is not None and (count.lo, count.hi) == (lo, hi)
