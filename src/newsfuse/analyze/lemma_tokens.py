"""Tokens, pack words and number phrases for the lemma figures reader (`analyze/lemma_figures.py`).

A sentence becomes tokens with their lemmas (`languages.lemma`); a pack's figures.toml becomes
matchers over tokens (a word matches a token's lemma or its lower-cased form, "stem*" a prefix,
several words a contiguous phrase); and the number phrases of a sentence are read with their
qualifier, range and vague words into `Count` intervals (digits, number words in any inflection,
"десятки", "decine di migliaia", "несколько сотен", "полторы тысячи", "от 15 до 20").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from newsfuse.analyze.casualty_words import Measure, VictimClass
from newsfuse.analyze.numbers import Count, qualified
from newsfuse.languages import Pack, lemma, number_value, pack

__all__ = [
    "NumberPhrase",
    "PackWords",
    "Tok",
    "matches",
    "number_phrases",
    "pack_words",
    "phrase_text",
    "tokens",
    "update_from",
]

_TOKEN = re.compile(
    r"\d{1,3}(?:[\u00a0\u202f .,’']\d{3})+(?![\d])(?:[-‑]\w+)?"  # 1 200, 1.200, 18 000
    r"|\d+(?:[.,]\d+)?(?:[-‑]\w+)?"  # 18, 1,5, "18-летний" (an age, one token)
    r"|\w+(?:[-'’]\w+)*|[^\w\s]"
)

_CLASSES: tuple[VictimClass, ...] = (
    "security_forces", "protesters", "armed_group", "children", "other", "civilians", "people",
)  # fmt: skip


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int
    low: str
    lem: str


@dataclass(frozen=True)
class NumberPhrase:
    first: int  # token index of the phrase's first token (its qualifier)
    last: int  # token index of its last token
    count: Count


class PackWords:
    """One pack's word lists compiled into matchers over tokens."""

    def __init__(self, found: Pack) -> None:
        self.pack = found
        section: Mapping[str, Any] = found.section("figures")
        self.qualifiers = sorted(
            ((_split(k), str(v)) for k, v in found.table("figures", "qualifiers").items()),
            key=lambda q: -len(q[0]),
        )
        self.vague = {k: tuple(v) for k, v in found.table("figures", "vague").items()}
        self.vague_after = {k: int(v) for k, v in found.table("figures", "vague_after_qualifier").items()}
        self.multipliers = {k: tuple(v) for k, v in found.table("figures", "multipliers").items()}
        self.units = {k: int(v) for k, v in found.table("figures", "units").items()}
        self.scales = {k: int(v) for k, v in found.table("figures", "scales").items()}
        self.articles = found.words("figures", "articles")
        self.range_openers = found.words("figures", "range_openers")
        self.range_joins = found.words("figures", "range_joins")
        self.update_openers = found.words("figures", "update_openers")
        self.update_joins = found.words("figures", "update_joins")
        pairs = [(str(w), cast(Measure, m)) for m, ws in section.get("measures", {}).items() for w in ws]
        self.measures: list[tuple[list[str], Measure]] = sorted(
            ((_split(w), m) for w, m in pairs if "..." not in w), key=lambda p: -len(p[0])
        )
        # "nehmen ... fest": a verb and its particle apart ("nahm 150 Personen fest"), within a clause
        self.split_measures = [
            (_split(w.split("...")[0]), _split(w.split("...")[1]), m) for w, m in pairs if "..." in w
        ]
        self.fractions = {k: float(v) for k, v in found.table("figures", "fractions").items()}
        self.classes = {
            cast(VictimClass, c): [_split(w) for w in ws]
            for c, ws in section.get("victim_classes", {}).items()
        }
        self.measure_index = _Index([(words, n) for n, (words, _m) in enumerate(self.measures)])
        self.phrases = {
            key: [_split(w) for w in section.get(key, ())]
            for key in (
                "person_words", "not_people", "negation", "zero_words", "conjunctions", "attribution_cues",
                "speech_verbs", "source_stop", "source_drop", "hedges", "superseded", "inclusion",
                "place_preps", "toll_verbs", "time_before", "attribution_after", "previous_cues",
            )
        }  # fmt: skip
        self.indexes = {key: _Index([(p, 0) for p in ps]) for key, ps in self.phrases.items()}

    def at(self, key: str, toks: Sequence[Tok], i: int) -> int:
        """The length of the longest phrase of list `key` starting at token `i` (0: none)."""
        return max((len(p) for p, _n in self.indexes[key].matching(toks, i)), default=0)

    def any_at(self, key: str, tok: Tok) -> bool:
        return any(len(p) == 1 for p, _n in self.indexes[key].matching([tok], 0))

    def measure_at(self, toks: Sequence[Tok], i: int) -> tuple[Measure, int] | None:
        found = [n for _p, n in self.measure_index.matching(toks, i)]
        if not found:
            return None
        words, measure = self.measures[min(found)]  # the longest phrase first (the list is so sorted)
        return measure, len(words)

    def class_at(self, toks: Sequence[Tok], i: int) -> tuple[VictimClass, int] | None:
        """The class of the longest class phrase starting at token `i`, and its length."""
        found = [
            (len(w), -_CLASSES.index(c), c)
            for c in _CLASSES
            for w in self.classes.get(c, ())
            if matches(w, toks, i)
        ]
        if not found:
            return None
        size, _rank, cls = max(found)
        return cls, size

    def victim_class(self, toks: Sequence[Tok]) -> VictimClass | None:
        for cls in _CLASSES:
            for words in self.classes.get(cls, ()):
                if any(matches(words, toks, i) for i in range(len(toks))):
                    return cls
        return None


class _Index:
    """Phrases by their first word (exact words in a table, "stem*" words apart), for fast lookup."""

    def __init__(self, items: list[tuple[list[str], int]]) -> None:
        self.exact: dict[str, list[tuple[list[str], int]]] = {}
        self.stems: list[tuple[str, list[str], int]] = []
        for words, n in items:
            if not words:
                continue
            if words[0].endswith("*") and len(words[0]) > 1:
                self.stems.append((words[0][:-1], words, n))
            else:
                self.exact.setdefault(words[0], []).append((words, n))

    def matching(self, toks: Sequence[Tok], i: int) -> list[tuple[list[str], int]]:
        """The phrases that match the tokens from `i` on."""
        if i < 0 or i >= len(toks):
            return []
        tok = toks[i]
        found = list(self.exact.get(tok.low, ()))
        if tok.lem != tok.low:
            found += self.exact.get(tok.lem, ())
        found += [(w, n) for stem, w, n in self.stems if tok.low.startswith(stem) or tok.lem.startswith(stem)]
        return [(w, n) for w, n in found if matches(w, toks, i)]


def _split(phrase: str) -> list[str]:
    return str(phrase).lower().split()


def _word(pattern: str, tok: Tok) -> bool:
    if pattern.endswith("*") and len(pattern) > 1:
        stem = pattern[:-1]
        return tok.low.startswith(stem) or tok.lem.startswith(stem)
    return pattern in (tok.low, tok.lem)


def matches(words: Sequence[str], toks: Sequence[Tok], i: int) -> bool:
    return i + len(words) <= len(toks) and all(_word(w, toks[i + k]) for k, w in enumerate(words))


_COMPILED: dict[int, PackWords] = {}


def pack_words(code: str) -> PackWords | None:
    """The compiled words of the pack `code` has now (a pack added by `add_pack_folder` included)."""
    found = pack(code)
    if found is None:
        return None
    cached = _COMPILED.get(id(found))
    if cached is None or cached.pack is not found:
        cached = _COMPILED[id(found)] = PackWords(found)
    return cached


def tokens(text: str, start: int, end: int, code: str) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        lem = lemma(code, word) if word[0].isalpha() else word
        out.append(Tok(word, m.start(), m.end(), word.lower(), lem))
    return out


# --- number phrases ---------------------------------------------------------------------------------


def _value(tok: Tok, code: str, words: PackWords) -> tuple[int, int, bool] | None:
    """(lo, hi, exact) of one token: digits, a number word, a vague word; None otherwise."""
    if tok.low in words.articles:
        return None
    if tok.low[0].isdigit():
        if not re.fullmatch(r"\d{1,3}(?:[\u00a0\u202f .,’']\d{3})+|\d+", tok.text):
            return None  # "18-летний", "1,5" alone
        digits = int(re.sub(r"\D", "", tok.text))
        return digits, digits, True
    for key in (tok.low, tok.lem):
        if key in words.vague:
            lo, hi = words.vague[key]
            return lo, hi, False
    value = number_value(code, tok.text)
    if value is None:
        extra = words.pack.table("figures", "number_words")
        value = int(extra[tok.lem]) if tok.lem in extra else None
    return (value, value, True) if value is not None else None


def number_phrases(toks: list[Tok], code: str, words: PackWords) -> list[NumberPhrase]:
    """The number phrases of a sentence, qualifier and range included."""
    out: list[NumberPhrase] = []
    i = 0
    while i < len(toks):
        core = _core(toks, i, code, words)
        if core is None:
            i += 1
            continue
        last, (lo, hi, exact) = core
        first = i
        kind = ""
        back = [q for q in words.qualifiers if i - len(q[0]) >= 0 and matches(q[0], toks, i - len(q[0]))]
        if back and i > len(back[0][0]) and words.at("toll_verbs", toks, i - len(back[0][0]) - 1):
            back = []  # "выросло до 25", "è salito a 25": the toll's new value, not "up to"
        if back and out and update_from(toks, out[-1].last, words) == i:
            back = []  # "выросло с 12 до 17": the new value, not "up to 17"
        if back:
            words_, kind = back[0]
            first = i - len(words_)
            unit = words.vague_after.get(toks[i].low) if i == last else None
            if unit is not None:  # "более сотни": more than a hundred
                lo, hi, exact = unit, unit, True
        span: tuple[int | None, int | None] = qualified(kind, lo, hi, exact)
        joined = _range(toks, first, last, code, words)
        if joined is not None:
            opener, last, span = joined
            first = min(first, opener)
        text = phrase_text(toks, first, last)
        out.append(NumberPhrase(first, last, Count(span[0], span[1], text)))
        i = last + 1
    return out


def phrase_text(toks: Sequence[Tok], first: int, last: int) -> str:
    return "".join(
        (t.text if n == first else (" " if toks[n - 1].end < t.start else "") + t.text)
        for n, t in enumerate(toks[first : last + 1], start=first)
    )


def _core(toks: list[Tok], i: int, code: str, words: PackWords) -> tuple[int, tuple[int, int, bool]] | None:
    """The number starting at token `i`: (its last token, (lo, hi, exact)), or None."""
    tok = toks[i]
    for key in (tok.low, tok.lem):
        if key in words.multipliers and i + 1 < len(toks):
            nxt = toks[i + 1]
            size = words.units.get(nxt.low) or words.units.get(nxt.lem)
            if size:  # "несколько сотен", "decine di migliaia" ("di" skipped below)
                lo, hi = words.multipliers[key]
                return i + 1, (lo * size, hi * size + size - 1, False)
            if i + 2 < len(toks) and len(nxt.low) <= 3 and nxt.low.isalpha():
                size = words.units.get(toks[i + 2].low) or words.units.get(toks[i + 2].lem)
                if size:
                    lo, hi = words.multipliers[key]
                    return i + 2, (lo * size, hi * size + size - 1, False)
    share = words.fractions.get(tok.low) or words.fractions.get(tok.lem)
    if share is None and re.fullmatch(r"\d+[.,]\d+", tok.text):
        share = float(tok.text.replace(",", "."))
    if share is not None and i + 1 < len(toks):  # "1,5 тысячи", "полутора тысяч"
        scale = words.scales.get(toks[i + 1].low) or words.scales.get(toks[i + 1].lem)
        if scale:
            value = round(share * scale)
            return i + 1, (value, value, True)
    one = _value(tok, code, words)
    if one is None:
        return None
    last = i
    lo, hi, exact = one
    if exact and not tok.low[0].isdigit():  # "двадцать пять", "ciento veinte", "две тысячи"
        j = i + 1
        while j < len(toks) and toks[j].low[0].isalpha() and toks[j].low not in words.articles:
            if number_value(code, toks[j].text) is None:
                break
            joined = number_value(code, " ".join(t.text for t in toks[i : j + 1]))
            if joined is None:
                break
            lo = hi = joined
            last = j
            j += 1
    if exact and last + 1 < len(toks):  # "2 тысячи", "3 mila", "2 Millionen", "два десятки", "zwei Dutzend"
        scale = words.scales.get(toks[last + 1].low) or words.scales.get(toks[last + 1].lem)
        if scale:
            lo = hi = lo * scale
            last += 1
    return last, (lo, hi, exact)


def update_from(toks: Sequence[Tok], first: int, words: PackWords) -> int | None:
    """Where the new value starts when the number at `first` is the old one of a toll's update ("выросло
    с 12 до 17", "è salito da 12 a 17", "ist von 12 auf 17 gestiegen"): a toll verb within three tokens
    before its opener (update_openers) or after the new value (update_joins); else None."""
    if first < 1 or toks[first - 1].low not in words.update_openers:
        return None
    j = first + 1
    while j < len(toks) and toks[j].low[:1].isdigit() is False and toks[j].low not in words.update_joins:
        if j - first > 3:
            return None
        j += 1
    if j + 1 >= len(toks) or toks[j].low not in words.update_joins or not toks[j + 1].low[:1].isalnum():
        return None
    near = [*range(max(first - 4, 0), first - 1), *range(j + 2, min(j + 5, len(toks)))]
    return j + 1 if any(words.at("toll_verbs", toks, i) for i in near) else None


def _range(
    toks: list[Tok], first: int, last: int, code: str, words: PackWords
) -> tuple[int, int, tuple[int | None, int | None]] | None:
    """ "от 15 до 20", "15-20", "zwischen 15 und 20": (opener index, last token, interval) or None."""
    j = last + 1
    if j + 1 >= len(toks):
        return None
    dash = toks[j].text in ("-", "–", "‑") and toks[j].start == toks[last].end
    opened = first > 0 and toks[first - 1].low in words.range_openers
    if not (dash or (opened and toks[j].low in words.range_joins)):
        return None
    if opened and update_from(toks, first, words) is not None:
        return None  # "è salito da 12 a 17": an earlier toll and its update, not a range
    core = _core(toks, j + 1, code, words)
    if core is None:
        return None
    end, (_lo2, hi2, _exact) = core
    low = _value(toks[first], code, words) if first == last or opened else None
    start_lo = low[0] if low else None
    if start_lo is None:
        found = _core(toks, first, code, words)
        start_lo = found[1][0] if found else None
    if start_lo is None or start_lo > hi2:
        return None
    return (first - 1 if opened else first), end, (start_lo, hi2)
