"""Counts as written -> intervals: "353", "1,000", "Three hundred and fifty-three", "at least eight",
"dozens", "tens of thousands", "between 30 and 40", "50+", "plus de 200", "quelque 4 000".

`parse_count(text)` reads one number phrase (qualifier + number, or a range) and returns its
interval as in BRIEF_SCHEMA.md, by the conventions of FIGURES.md §B:
- exact "12" -> [12, 12]; "at least 8" -> [8, None]; "more than 200" -> [201, None];
  "nearly 50" -> [45, 49]; "about 30" -> [27, 33] (10% either side); "up to 400", "as many as 400",
  "as high as 400" -> [0, 400]; "fewer than 10" -> [0, 9];
- vague words: "dozens"/"tens" [20, 99]; "scores" [40, 99]; "hundreds" [200, 999]; "thousands"
  [2000, 9999]; "millions" [2000000, 9999999]; "several" [3, 9]; "a few" [2, 5]; "a dozen" [12, 12];
- a vague multiplier of a unit: "several dozen" [36, 108], "several hundred" [300, 999],
  "tens of thousands" [20000, 99999], "hundreds of thousands" [200000, 999999];
- ranges: "between A and B", "from A to B", "A to B", "A-B", "A or B", "ranging from about A to
  some B" -> [A, B]; "N+", "N-plus", "N or more" -> [N, None].
English and French words are read; unknown text -> None.

The words-to-number step is text2num (`text_to_num`): it reads every English number the property
tests write (and French compounds), so our own qualifier grammar, vague words and character
offsets sit on top of it; only "a hundred"/"a thousand" are rewritten to "one …" for it first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.languages import Pack, known_languages, pack

__all__ = [
    "QUALIFIERS",
    "VAGUE",
    "Count",
    "number_value",
    "parse_count",
    "qualified",
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


def _parsed_languages() -> list[Pack]:
    """The packs of the languages read with a trained parser (English, French): their words here."""
    found = [pack(code) for code in known_languages()]
    return [p for p in found if p is not None and p.parser == "spacy"]


def _pack_qualifiers(kind: str) -> tuple[str, ...]:
    """The qualifier phrases of one kind (figures.toml `qualifiers`), in pack then file order."""
    return tuple(
        w for p in _parsed_languages() for w, k in p.table("figures", "qualifiers").items() if k == kind
    )


# vague quantities: word -> interval (lo, hi); the conventions of FIGURES.md §B (C2, C3), in figures.toml
VAGUE: dict[str, tuple[int, int | None]] = {
    word: (int(lo), int(hi))
    for p in _parsed_languages()
    for word, (lo, hi) in p.table("figures", "vague").items()
}
# a vague word after "several"/"a few"/"many" keeps its own interval ("plusieurs dizaines")
_VAGUE_PREFIXES = {"several", "plusieurs", "many", "a few", "few", "de", "des"}
# "several dozen", "a few hundred", "tens of thousands": a vague multiplier of a unit
_UNITS = {
    "dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    "thousands": 1000, "millions": 1_000_000, "milliers": 1000, "cent": 100, "mille": 1000,
}  # fmt: skip
_MULTIPLIERS = {"several", "plusieurs", "a few", "few", "tens", "dozens", "scores", "hundreds", "dizaines"}
_MULTIPLIERS |= {"centaines", "thousands", "milliers"}
_MULTIPLE = re.compile(r"^(?:des |de |many )?(a few|\w+)(?: of| de)? (\w+)$")

# qualifier phrases (lower-case) -> how they turn a number n into an interval (figures.toml `qualifiers`)
_AT_LEAST = _pack_qualifiers("at_least")
_MORE_THAN = _pack_qualifiers("more_than")
_NEARLY = _pack_qualifiers("nearly")
_ABOUT = _pack_qualifiers("about")
# "as high as N" is an upper estimate like "as many as N" (never a floor): [0, N]
_UP_TO = _pack_qualifiers("up_to")
_LESS_THAN = _pack_qualifiers("less_than")
QUALIFIERS: tuple[str, ...] = tuple(
    sorted(_AT_LEAST + _MORE_THAN + _NEARLY + _ABOUT + _UP_TO + _LESS_THAN, key=len, reverse=True)
)
# words that open a range ("between 30 and 40", "ranging from about 50 to some 70")
RANGE_OPENERS = ("ranging from", "ranged from", "range from", "between", "from", "entre", "de")
_RANGE_SPLIT = re.compile(r"\s+(?:and|to|or|et|à|ou)\s+|\s*[-–—]\s*")
_OPENER = re.compile(r"^(?:(?:ranging|ranged|range) )?(between|from|entre|de) ")
# "50+", "50-plus", "50 or more": a floor
_FLOOR = re.compile(r"^(.*?\S)\s*(?:\+|[-‑]\s*plus|\s+or more)$")
_QUOTES = str.maketrans("", "", '"“”«»')

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
            core = text[len(q) :].strip()
            # a preposition after the qualifier: "put the toll at least at 45"
            core = re.sub(r"^(?:at|to|à)\s+(?=\S)", "", core, flags=re.IGNORECASE)
            return q, core
    return "", text.strip()


def _multiple(low: str) -> tuple[int, int | None, bool] | None:
    """A vague multiplier of a unit: "several dozen" [36, 108], "tens of thousands" [20000, 99999]."""
    m = _MULTIPLE.match(low)
    if not m or m.group(1) not in _MULTIPLIERS or m.group(2) not in _UNITS:
        return None
    factor, unit = m.group(1), m.group(2)
    plural_unit = unit.endswith("s")
    if plural_unit == (factor in ("several", "plusieurs", "a few", "few")):
        return None  # "several thousands" keeps the plural's interval; "tens thousand" is no phrase
    lo, hi = VAGUE[factor.removeprefix("a ")]
    size = _UNITS[unit]
    assert hi is not None
    # "several hundred" reaches 999, but "several dozen" stops at nine dozen
    return (lo * size, hi * size + (0 if size == 12 else size - 1), False)


def _core_interval(core: str, language: str) -> tuple[int, int | None, bool] | None:
    """(lo, hi, exact) for the number itself, without its qualifier."""
    low = " ".join(core.lower().replace("’", "'").translate(_QUOTES).split())
    low = re.sub(r"^(?:of\s+|de\s+|d'\s*)", "", low)
    multiple = _multiple(low)
    if multiple is not None:
        return multiple
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
    dozens = re.match(r"^(.+?)[\s-]+dozens?$", low)
    if dozens and number_value(dozens.group(1), language) is not None:  # "two dozen" is 24
        value = 12 * (number_value(dozens.group(1), language) or 0)
        return (value, value, True)
    number = number_value(low, language)
    return None if number is None else (number, number, True)


def _qualified(qualifier: str, lo: int, hi: int | None, exact: bool) -> tuple[int | None, int | None]:
    """The interval a qualifier makes of a number's own interval."""
    top = hi if hi is not None else lo
    if not qualifier:
        return lo, hi
    if qualifier in _AT_LEAST:
        return lo, None
    if qualifier in _MORE_THAN:
        return (top + 1 if exact else lo), None
    if qualifier in _UP_TO:
        return 0, top
    if qualifier in _LESS_THAN:
        return 0, (max(lo - 1, 0) if exact else lo)
    if qualifier in _NEARLY:
        return (9 * lo // 10, max(lo - 1, 0)) if exact else (lo, hi)
    # about / some / around: a band of 10% either side of an exact number
    return (9 * lo // 10, -(-11 * lo // 10)) if exact else (lo, hi)


# the kinds of qualifier a language pack names (figures.toml `qualifiers`), as their English phrase
_KINDS = {
    "at_least": "at least", "more_than": "more than", "nearly": "nearly", "about": "about",
    "up_to": "up to", "less_than": "less than", "": "",
}  # fmt: skip


def qualified(kind: str, lo: int, hi: int | None, exact: bool) -> tuple[int | None, int | None]:
    """The interval a qualifier of `kind` (at_least, more_than, nearly, about, up_to, less_than, "")
    makes of a number's own interval: the same rules for every language."""
    return _qualified(_KINDS.get(kind, ""), lo, hi, exact)


def _single(text: str, language: str) -> tuple[int | None, int | None] | None:
    """One qualified number ("about 50", "50+", "at least dozens"), or None."""
    floor = _FLOOR.match(text)
    if floor:  # "50+", "50-plus", "50 or more"
        found = _core_interval(floor.group(1), language)
        return None if found is None else (found[0], None)
    qualifier, core = _split_qualifier(text)
    found = _core_interval(core, language)
    return None if found is None else _qualified(qualifier, *found)


def _range(text: str, language: str) -> tuple[int | None, int | None] | None:
    """A range as one interval: "between 30 and 40", "from about 50 to some 70", "12 to 15", "20-25"."""
    opener = _OPENER.match(text.lower())
    body = text[opener.end() :] if opener else text
    cuts = list(_RANGE_SPLIT.finditer(body))
    # "between one hundred and twenty and one": an "and" after hundred/thousand is inside a number
    inside = re.compile(r"(?:hundred|thousand|million|cent|mille)$", re.IGNORECASE)
    cuts.sort(key=lambda cut: inside.search(body[: cut.start()]) is not None)
    for cut in cuts:
        word = cut.group().strip().lower()
        between = opener is not None and opener.group(1) in ("between", "entre")
        if between != (word in ("and", "et")):
            continue  # "between A and B"; "and" alone joins "three hundred and fifty", no range
        first = _split_qualifier(body[: cut.start()])
        last = _split_qualifier(body[cut.end() :])
        a = _core_interval(first[1], language)
        b = _core_interval(last[1], language)
        if a is None or b is None or first[1][-1:] in "-‑" or not last[1]:
            continue
        lo = 0 if first[0] in _UP_TO + _LESS_THAN else a[0]
        hi = None if last[0] in _AT_LEAST + _MORE_THAN else (b[1] if b[1] is not None else b[0])
        return (hi, lo) if hi is not None and lo > hi else (lo, hi)
    return None


def parse_count(text: str, language: str = "en") -> Count | None:
    """The interval a number phrase states, qualifier included; None when it is not a count."""
    phrase = text.strip()
    clean = " ".join(phrase.translate(_QUOTES).split())
    # a range opener ("between", "from") decides first; else "twenty-five" is one number, not 20-5
    opener = _OPENER.match(clean.lower())
    if opener:  # "between 30 and 40"; an opener with no range after it is a preposition: "from 40"
        found = _range(clean, language) or _single(clean[opener.end() :], language)
    else:  # "twenty-five" is one number, not the range 20-5
        found = _single(clean, language) or _range(clean, language)
    return None if found is None else Count(found[0], found[1], phrase)
