"""Counts as written -> intervals: "353", "1,000", "Three hundred and fifty-three", "at least eight",
"dozens", "plus de 200", "quelque 4 000".

`parse_count(text)` reads one number phrase (qualifier + number) and returns its interval as in
BRIEF_SCHEMA.md: exact "12" -> [12, 12]; "at least 8" -> [8, None]; "more than 200" -> [201, None];
"up to 400" -> [0, 400]; "about 1,000" -> [900, 1100]; "dozens"/"tens" -> [20, 99]; "hundreds" ->
[200, 999]; "thousands" -> [2000, 9999]. English and French words are read; unknown text -> None.

The words-to-number step is text2num (`text_to_num`): it reads every English number the property
tests write (and French compounds), so our own qualifier grammar, vague words and character
offsets sit on top of it; only "a hundred"/"a thousand" are rewritten to "one …" for it first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "QUALIFIERS",
    "VAGUE",
    "Count",
    "number_value",
    "parse_count",
    "word_number",
]


@dataclass(frozen=True)
class Count:
    """A count as an interval; `hi` None means unbounded above."""

    lo: int | None
    hi: int | None
    text: str


_SCALES = {"thousand": 1000, "mille": 1000, "million": 1_000_000, "millions": 1_000_000}
_FILLERS = {"and", "et", "a", "an"}  # "a hundred", "vingt et un"

# vague quantities: word -> interval (lo, hi); the plural forms as BRIEF_SCHEMA.md gives them
VAGUE: dict[str, tuple[int, int | None]] = {
    "dozens": (20, 99), "tens": (20, 99), "scores": (20, 99), "dizaines": (20, 99),
    "hundreds": (200, 999), "centaines": (200, 999),
    "thousands": (2000, 9999), "milliers": (2000, 9999),
    "dozen": (12, 12), "score": (20, 20),
    "dizaine": (8, 12), "centaine": (80, 120), "millier": (800, 1200),
    "several": (3, 9), "plusieurs": (3, 9), "few": (2, 5),
}  # fmt: skip
# a vague word after "several"/"a few"/"many" keeps its own interval ("plusieurs dizaines")
_VAGUE_PREFIXES = {"several", "plusieurs", "many", "a few", "few", "de", "des"}

# qualifier phrases (lower-case, longest first) -> how they turn a number n into an interval
_AT_LEAST = ("at least", "no fewer than", "no less than", "a minimum of", "au moins", "au minimum")
_MORE_THAN = ("more than", "over", "above", "in excess of", "upwards of", "plus de", "plus d'")
_NEARLY = ("nearly", "almost", "close to", "just under", "près de", "presque", "pas loin de")
_ABOUT = (
    "about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "circa",
    "an approximate", "environ", "quelque", "quelques", "autour de", "à peu près",
)  # fmt: skip
_UP_TO = ("up to", "as many as", "at most", "a maximum of", "jusqu'à", "jusqu’à", "au plus")
_LESS_THAN = ("less than", "fewer than", "under", "below", "moins de", "moins d'")
QUALIFIERS: tuple[str, ...] = tuple(
    sorted(_AT_LEAST + _MORE_THAN + _NEARLY + _ABOUT + _UP_TO + _LESS_THAN, key=len, reverse=True)
)

_DIGITS = re.compile(r"^\d{1,3}(?:[,\u00a0\u202f ]\d{3})+$|^\d+$")
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_FRACTION_SHARE = {"quarter": 0.25, "half": 0.5, "third": 1 / 3, "quart": 0.25, "moitié": 0.5, "tiers": 1 / 3}
_FRACTION = re.compile(
    r"^(?:a |an |one |un |une |la )?(quarter|half|third|quart|moitié|tiers)"
    r"(?: of| d'un| d'une| de)?(?: a| an| un)? (hundred|thousand|million|mille|millions|cent)$"
)
_WORD_SPLIT = re.compile(r"[\s\-‑–]+")


def word_number(text: str) -> int | None:
    """An integer written in English or French words ("three hundred and fifty-three"), or None.

    The words are read by text2num (`text_to_num`); "a hundred", "a thousand" become "one …" first.
    """
    from text_to_num import text2num  # type: ignore[import-untyped]

    low = " ".join(w for w in _WORD_SPLIT.split(text.lower().strip()) if w)
    if not low or all(w in _FILLERS for w in low.split()):
        return None
    low = re.sub(r"^(?:a|an)\s+(?=(?:hundred|thousand|million)\b)", "one ", low)
    low = re.sub(r"^une?\s+(?=(?:cent|mille|million)s?\b)", "", low)
    for language in ("en", "fr"):
        # text2num wants French compounds hyphenated as written; English ones read either way
        for form in (low, text.lower().strip()) if language == "fr" else (low,):
            try:
                return int(text2num(form, language))
            except ValueError:
                continue
    return None


def number_value(token: str, language: str = "en") -> int | None:
    """The value of one numeric token: digits with separators ("1,000", "4 000") or a number word."""
    text = token.strip()
    if _DIGITS.match(text):
        return int(re.sub(r"\D", "", text))
    if language != "en" and _DOT_THOUSANDS.match(text):  # "4.000" is four thousand in fr/de/it
        return int(text.replace(".", ""))
    return word_number(text)


def _split_qualifier(text: str) -> tuple[str, str]:
    low = text.lower()
    for q in QUALIFIERS:
        if low.startswith(q) and (len(low) == len(q) or not low[len(q)].isalpha() or q.endswith("'")):
            return q, text[len(q) :].strip()
    return "", text.strip()


def _core_interval(core: str, language: str) -> tuple[int, int | None, bool] | None:
    """(lo, hi, exact) for the number itself, without its qualifier."""
    low = " ".join(core.lower().replace("’", "'").split())
    low = re.sub(r"^(of|de|d')\s*", "", low)
    for prefix in sorted(_VAGUE_PREFIXES, key=len, reverse=True):
        rest = low[len(prefix) :].strip()
        if low.startswith(prefix + " ") and rest in VAGUE:
            return (*VAGUE[rest], False)
    if low in VAGUE:
        return (*VAGUE[low], False)
    article, _, rest = low.partition(" ")
    if article in ("a", "an", "une", "un") and rest in VAGUE:  # "a dozen", "une centaine"
        return (*VAGUE[rest], rest == "dozen")
    if low in ("a", "an", "one", "un", "une", "single", "a single"):
        return (1, 1, True)
    fraction = _FRACTION.match(low)
    if fraction:  # "a quarter of a million", "half a million", "un quart de million"
        share = _FRACTION_SHARE[fraction.group(1)]
        value = round(share * _SCALES.get(fraction.group(2), 100))
        return (value, value, True)
    m = re.match(r"^([\d.,\s\u00a0\u202f]*\d)\s*(million|millions|thousand|mille)$", low)
    if m:
        base = m.group(1).replace(",", ".").replace(" ", "")
        try:
            value = round(float(base) * _SCALES[m.group(2)])
        except ValueError:
            return None
        return (value, value, True)
    number = number_value(low, language)
    return None if number is None else (number, number, True)


def parse_count(text: str, language: str = "en") -> Count | None:
    """The interval a number phrase states, qualifier included; None when it is not a count."""
    phrase = text.strip()
    qualifier, core = _split_qualifier(" ".join(phrase.split()))
    found = _core_interval(core, language)
    if found is None:
        return None
    lo, hi, exact = found
    if not qualifier:
        return Count(lo, hi, phrase)
    top = hi if hi is not None else lo
    if qualifier in _AT_LEAST:
        return Count(lo, None, phrase)
    if qualifier in _MORE_THAN:
        return Count(top + 1 if exact else lo, None, phrase)
    if qualifier in _UP_TO:
        return Count(0, top, phrase)
    if qualifier in _LESS_THAN:
        return Count(0, max(lo - 1, 0) if exact else lo, phrase)
    if qualifier in _NEARLY:
        return Count(9 * lo // 10, max(lo - 1, 0), phrase) if exact else Count(lo, hi, phrase)
    # about / some / around: a band of 10% either side of an exact number
    if exact:
        return Count(9 * lo // 10, -(-11 * lo // 10), phrase)
    return Count(lo, hi, phrase)
