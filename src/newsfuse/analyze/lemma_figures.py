"""Figures about people affected for languages read without a dependency parse (pack parser != "spacy").

A sentence is cut into tokens with their lemmas (`languages.lemma`); every number phrase (digits,
number words in any inflection, vague words such as "десятки", "decine", "Dutzende", with the
qualifier before it: "не менее", "almeno", "mindestens", "al menos") becomes a claim when a measure
word of the pack sits near it: the noun after it ("18 погибших", "otto morti") or the nearest verb
or adjective of its clause ("погибли 18 человек", "wurden 18 Menschen getötet"). The victims are the
person noun after the number; attribution, hedges, negation, superseded tolls and partial counts
come from cue words of the pack. Every word lives in `packs/<code>/figures.toml`; nothing here
names a language, so a new language is a new pack folder.

Pack keys (section "figures"; words match a token's lemma or its lower-cased form, "stem*" a
prefix, several words a contiguous phrase, "verb ... particle" two parts of one clause):
qualifiers {phrase: at_least|more_than|nearly|about|up_to|less_than}, vague {word: [lo, hi]},
vague_after_qualifier {word: unit}, multipliers {word: [lo, hi]}, units {word: size}, scales
{word: size}, fractions {word: share}, number_words {word: value}, articles, months, range_openers,
range_joins, measures {measure: [words]}, victim_classes {class: [words]}, person_words,
not_people, negation, zero_words, conjunctions, attribution_cues, speech_verbs, source_stop,
source_drop, hedges, superseded, inclusion, place_preps, toll_verbs; and [scope] regexes read by
consolidate/claim_scope.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from newsfuse.analyze.casualty_words import Measure, VictimClass
from newsfuse.analyze.numbers import Count, qualified
from newsfuse.languages import Pack, lemma, number_value, pack

if TYPE_CHECKING:
    from newsfuse.analyze.figures import FigureClaim
    from newsfuse.models import AnalyzedArticle

__all__ = ["extract", "extract_text", "is_pattern_language"]

_TOKEN = re.compile(
    r"\d{1,3}(?:[\u00a0\u202f .,’']\d{3})+(?![\d])(?:[-‑]\w+)?"  # 1 200, 1.200, 18 000
    r"|\d+(?:[.,]\d+)?(?:[-‑]\w+)?"  # 18, 1,5, "18-летний" (an age, one token)
    r"|\w+(?:[-'’]\w+)*|[^\w\s]"
)
_CLAUSE_PUNCT = frozenset(',;:()—–«»"“”')
_HARD_PUNCT = frozenset(";:()")
_WINDOW = 12  # tokens from a number within which a measure word of the sentence may count it
_NOUN_GAP = 3  # tokens between a number and its victims noun ("18 мирных жителей")
_CLASSES: tuple[VictimClass, ...] = (
    "security_forces", "protesters", "armed_group", "children", "other", "civilians", "people",
)  # fmt: skip


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int
    low: str
    lem: str


@dataclass(frozen=True)
class _Number:
    first: int  # token index of the phrase's first token (its qualifier)
    last: int  # token index of its last token
    count: Count


class _Words:
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
                "place_preps", "toll_verbs",
            )
        }  # fmt: skip
        self.indexes = {key: _Index([(p, 0) for p in ps]) for key, ps in self.phrases.items()}

    def at(self, key: str, toks: Sequence[_Tok], i: int) -> int:
        """The length of the longest phrase of list `key` starting at token `i` (0: none)."""
        return max((len(p) for p, _n in self.indexes[key].matching(toks, i)), default=0)

    def any_at(self, key: str, tok: _Tok) -> bool:
        return any(len(p) == 1 for p, _n in self.indexes[key].matching([tok], 0))

    def measure_at(self, toks: Sequence[_Tok], i: int) -> tuple[Measure, int] | None:
        found = [n for _p, n in self.measure_index.matching(toks, i)]
        if not found:
            return None
        words, measure = self.measures[min(found)]  # the longest phrase first (the list is so sorted)
        return measure, len(words)

    def class_at(self, toks: Sequence[_Tok], i: int) -> tuple[VictimClass, int] | None:
        """The class of the longest class phrase starting at token `i`, and its length."""
        found = [
            (len(w), -_CLASSES.index(c), c)
            for c in _CLASSES
            for w in self.classes.get(c, ())
            if _matches(w, toks, i)
        ]
        if not found:
            return None
        size, _rank, cls = max(found)
        return cls, size

    def victim_class(self, toks: Sequence[_Tok]) -> VictimClass | None:
        for cls in _CLASSES:
            for words in self.classes.get(cls, ()):
                if any(_matches(words, toks, i) for i in range(len(toks))):
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

    def matching(self, toks: Sequence[_Tok], i: int) -> list[tuple[list[str], int]]:
        """The phrases that match the tokens from `i` on."""
        if i < 0 or i >= len(toks):
            return []
        tok = toks[i]
        found = list(self.exact.get(tok.low, ()))
        if tok.lem != tok.low:
            found += self.exact.get(tok.lem, ())
        found += [(w, n) for stem, w, n in self.stems if tok.low.startswith(stem) or tok.lem.startswith(stem)]
        return [(w, n) for w, n in found if _matches(w, toks, i)]


def _split(phrase: str) -> list[str]:
    return str(phrase).lower().split()


def _word(pattern: str, tok: _Tok) -> bool:
    if pattern.endswith("*") and len(pattern) > 1:
        stem = pattern[:-1]
        return tok.low.startswith(stem) or tok.lem.startswith(stem)
    return pattern in (tok.low, tok.lem)


def _matches(words: Sequence[str], toks: Sequence[_Tok], i: int) -> bool:
    return i + len(words) <= len(toks) and all(_word(w, toks[i + k]) for k, w in enumerate(words))


_COMPILED: dict[int, _Words] = {}


def _words(code: str) -> _Words | None:
    """The compiled words of the pack `code` has now (a pack added by `add_pack_folder` included)."""
    found = pack(code)
    if found is None:
        return None
    cached = _COMPILED.get(id(found))
    if cached is None or cached.pack is not found:
        cached = _COMPILED[id(found)] = _Words(found)
    return cached


def is_pattern_language(code: str) -> bool:
    """Whether figures of `code` are read by patterns over lemmas (its pack has no spaCy parser)."""
    found = pack(code)
    return found is not None and found.parser != "spacy"


def extract(analyzed: AnalyzedArticle) -> list[FigureClaim]:
    """Every count of people affected in one article, in text order."""
    text = analyzed.article.text
    return extract_text(text, analyzed.article.language, list(analyzed.sentences) or [(0, len(text))])


def extract_text(text: str, code: str, sentences: Iterable[tuple[int, int]]) -> list[FigureClaim]:
    """The claims of the sentences [start, end) of `text`, read with the pack of language `code`."""
    words = _words(code)
    if words is None:
        return []
    out: list[FigureClaim] = []
    for start, end in sentences:
        out.extend(_sentence(text, start, end, code, words))
    return out


def _tokens(text: str, start: int, end: int, code: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        lem = lemma(code, word) if word[0].isalpha() else word
        out.append(_Tok(word, m.start(), m.end(), word.lower(), lem))
    return out


# --- number phrases ---------------------------------------------------------------------------------


def _value(tok: _Tok, code: str, words: _Words) -> tuple[int, int, bool] | None:
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


def _numbers(toks: list[_Tok], code: str, words: _Words) -> list[_Number]:
    """The number phrases of a sentence, qualifier and range included."""
    out: list[_Number] = []
    i = 0
    while i < len(toks):
        core = _core(toks, i, code, words)
        if core is None:
            i += 1
            continue
        last, (lo, hi, exact) = core
        first = i
        kind = ""
        back = [q for q in words.qualifiers if i - len(q[0]) >= 0 and _matches(q[0], toks, i - len(q[0]))]
        if back and i > len(back[0][0]) and words.at("toll_verbs", toks, i - len(back[0][0]) - 1):
            back = []  # "выросло до 25", "è salito a 25": the toll's new value, not "up to"
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
        text = _text(toks, first, last)
        out.append(_Number(first, last, Count(span[0], span[1], text)))
        i = last + 1
    return out


def _text(toks: Sequence[_Tok], first: int, last: int) -> str:
    return "".join(
        (t.text if n == first else (" " if toks[n - 1].end < t.start else "") + t.text)
        for n, t in enumerate(toks[first : last + 1], start=first)
    )


def _core(toks: list[_Tok], i: int, code: str, words: _Words) -> tuple[int, tuple[int, int, bool]] | None:
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
    elif exact and last + 1 < len(toks):  # "2 тысячи", "3 mila", "2 Millionen"
        scale = words.scales.get(toks[last + 1].low) or words.scales.get(toks[last + 1].lem)
        if scale:
            lo = hi = lo * scale
            last += 1
    return last, (lo, hi, exact)


def _range(
    toks: list[_Tok], first: int, last: int, code: str, words: _Words
) -> tuple[int, int, tuple[int | None, int | None]] | None:
    """ "от 15 до 20", "15-20", "zwischen 15 und 20": (opener index, last token, interval) or None."""
    j = last + 1
    if j + 1 >= len(toks):
        return None
    dash = toks[j].text in ("-", "–", "‑") and toks[j].start == toks[last].end
    opened = first > 0 and toks[first - 1].low in words.range_openers
    if not (dash or (opened and toks[j].low in words.range_joins)):
        return None
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


# --- one sentence ---------------------------------------------------------------------------------


def _sentence(text: str, start: int, end: int, code: str, words: _Words) -> list[FigureClaim]:
    from newsfuse.analyze.figures import FigureClaim

    toks = _tokens(text, start, end, code)
    if not toks:
        return []
    numbers = [n for n in _numbers(toks, code, words) if _countable(toks, n, words)]
    marks, extent = _measure_marks(toks, words)
    zeros, used = _zeros(toks, (start, end), marks, extent, words)
    marks = [(at, m) for at, m in marks if at not in used]  # "погибших нет": no count takes it
    owner = _owners(toks, marks, extent, numbers)
    found: list[FigureClaim] = []
    previous: tuple[Measure, int] | None = None
    for n, number in enumerate(numbers):
        measure_at = _measure_of(toks, number, n, (marks, extent), owner, words)
        partial = _partial(toks, number, words)
        if measure_at is None and previous is not None and (partial or _coordinated(toks, number, words)):
            measure_at = previous  # "погибли 18 человек, в том числе трое детей"
        if measure_at is None:
            continue
        measure, at = measure_at
        if _negated(toks, at, number, words):
            continue  # "18 человек не пострадали": no figure (C8 zeros are read apart)
        previous = measure_at
        if _combined(toks, at, marks):
            measure = "other"
        victims, cls = _victims(toks, number, words)
        between = toks[number.last + 1 : at]
        if at > number.last and between and all(_small_word(t) for t in between):
            partial = True  # "tre dei feriti sono bambini", "cinco de los heridos": part of a toll
            victims, cls = _after_measure(toks, at, words) or (victims, cls)
        source = _source(toks, number, words)
        found.append(
            FigureClaim(
                measure=measure,
                victims=victims,
                victim_class=cls,
                count=number.count,
                place=_place(toks, number, words),
                attributed_to=source,
                sentence=(start, end),
                number=(toks[number.first].start, toks[number.last].end),
                partial=partial,
                hedged=source is None and any(words.at("hedges", toks, i) for i in range(len(toks))),
                superseded=_superseded(toks, number, words),
            )
        )
    return sorted(found + zeros, key=lambda c: c.number)


def _countable(toks: list[_Tok], number: _Number, words: _Words) -> bool:
    """Not a date, a time, an age, a percentage or a count of things (§A9)."""
    last = toks[number.last]
    before = toks[number.first - 1] if number.first > 0 else None
    after = toks[number.last + 1] if number.last + 1 < len(toks) else None
    if (
        after is not None
        and after.start == last.end
        and after.text in (":", ".", "/", "%")
        and (after.text == "%" or (number.last + 2 < len(toks) and toks[number.last + 2].low[:1].isdigit()))
    ):
        return False  # "18:30", "12.05.2024", "18%"
    glued = before is not None and before.end == toks[number.first].start
    if glued and before is not None and before.text in (":", ".", "/", "№", "#"):
        return False
    lo = number.count.lo
    if (
        lo is not None
        and 1900 <= lo <= 2100
        and number.count.hi == lo
        and not (after is not None and words.any_at("person_words", after))
    ):
        return False  # a year
    for i in range(number.last + 1, min(number.last + 3, len(toks))):
        if toks[i].text in _CLAUSE_PUNCT:
            break
        if words.at("not_people", toks, i):
            return False  # "18 лет", "otto anni", "5 Häuser"
        if words.at("person_words", toks, i) or words.measure_at(toks, i):
            break
    if before is not None and (words.at("not_people", toks, number.first - 1) or _month(before, words)):
        return False  # "1 марта": a date (a month word before or after)
    if after is not None and (after.text in (".", "-") or len(after.low) <= 3):
        after = toks[number.last + 2] if number.last + 2 < len(toks) else None  # "12. März", "12 de marzo"
    return not (after is not None and _month(after, words))


def _month(tok: _Tok, words: _Words) -> bool:
    months = words.pack.words("figures", "months") | words.pack.words("dates", "months")
    return tok.low in months or tok.lem in months


def _measure_marks(toks: list[_Tok], words: _Words) -> tuple[list[tuple[int, Measure]], dict[int, int]]:
    """Where the measure words of a sentence are (token index, measure), and where each phrase of
    several words ends ("пропавшими без вести": its first token -> its last)."""
    out: list[tuple[int, Measure]] = []
    extent: dict[int, int] = {}
    i = 0
    while i < len(toks):
        found = words.measure_at(toks, i)
        if found is not None:
            out.append((i, found[0]))
            extent[i] = i + found[1] - 1
            i += found[1]
        else:
            i += 1
    for head, tail, measure in words.split_measures:
        for i in range(len(toks)):
            if not _matches(head, toks, i):
                continue
            for j in range(i + len(head), min(i + len(head) + 10, len(toks))):
                if toks[j].text in _CLAUSE_PUNCT:
                    break
                if _matches(tail, toks, j):
                    out.append((i, measure))
                    break
    return sorted(out), extent


def _gap(number: _Number, at: int, toks: Sequence[_Tok] = (), extent: Mapping[int, int] | None = None) -> int:
    """Tokens between a number and the measure phrase at `at` (ending at `extent[at]`); with `toks`,
    a comma between weighs 2 more, a dash 1."""
    a, b = ((extent or {}).get(at, at), number.first) if at < number.first else (number.last, at)
    return b - a + sum(2 if t.text == "," else 1 if t.text in "—–" else 0 for t in toks[a + 1 : b])


def _owners(
    toks: list[_Tok], marks: list[tuple[int, Measure]], extent: Mapping[int, int], numbers: list[_Number]
) -> dict[int, int]:
    """Each measure word's nearest number (index in `numbers`); ties go to the number before it."""
    out: dict[int, int] = {}
    for at, _measure in marks:
        if numbers:
            out[at] = min(
                range(len(numbers)),
                key=lambda n: (_gap(numbers[n], at, toks, extent), numbers[n].first > at),
            )
    return out


def _segment(toks: list[_Tok], i: int, hard: bool = False) -> tuple[int, int]:
    """[a, b) of the clause around token `i`, cut at punctuation (only ; : ( ) dashes when `hard`)."""
    stops = _HARD_PUNCT if hard else _CLAUSE_PUNCT
    a = i
    while a > 0 and toks[a - 1].text not in stops:
        a -= 1
    b = i
    while b < len(toks) and toks[b].text not in stops:
        b += 1
    return a, b


def _measure_of(
    toks: list[_Tok],
    number: _Number,
    n: int,
    found_marks: tuple[list[tuple[int, Measure]], Mapping[int, int]],
    owner: dict[int, int],
    words: _Words,
) -> tuple[Measure, int] | None:
    """The measure of a number: a measure noun right after it, else the nearest measure word of its
    clause (those nearest to it first), else of its sentence within `_WINDOW` tokens."""
    for i in range(number.last + 1, min(number.last + 1 + _NOUN_GAP, len(toks))):
        if toks[i].text in _CLAUSE_PUNCT or words.any_at("conjunctions", toks[i]):
            break  # "tres trabajadores e hirió a otros diez": the next clause's verb
        found = words.measure_at(toks, i)
        if found is not None:
            return found[0], i
    marks, extent = found_marks
    a, b = _segment(toks, number.first)
    own = [(at, m) for at, m in marks if a <= at < b]
    for pool in ([(at, m) for at, m in own if owner.get(at) == n], own):
        if pool:
            at, measure = min(pool, key=lambda p: _gap(number, p[0], (), extent))
            return measure, at
    ha, hb = _segment(toks, number.first, hard=True)
    near = [
        (at, m) for at, m in marks if ha <= at < hb and _gap(number, at) <= _WINDOW and owner.get(at) == n
    ]
    if near:
        at, measure = min(near, key=lambda p: _gap(number, p[0], (), extent))
        return measure, at
    return None


def _negated(toks: list[_Tok], at: int, number: _Number, words: _Words) -> bool:
    """A negation right before the measure word ("не пострадали", "non sono morti", "nicht verletzt")."""
    return any(
        words.any_at("negation", toks[i]) and not number.first <= i <= number.last
        for i in range(max(at - 3, 0), at)
    )


def _combined(toks: list[_Tok], at: int, marks: list[tuple[int, Measure]]) -> bool:
    """ "погибших и раненых", "morti e feriti": killed and injured run together count both (§A7)."""
    measures = dict(marks)
    mine = measures.get(at)
    for other, measure in marks:
        if abs(other - at) == 2 and {mine, measure} == {"killed", "injured"}:
            middle = toks[min(other, at) + 1]
            if len(middle.low) <= 4 and not middle.low[0].isdigit():
                return True
    return False


def _coordinated(toks: list[_Tok], number: _Number, words: _Words) -> bool:
    """A count joined to the one before by "и", "e", "und", "y", "ещё" (its verb said once)."""
    before = toks[number.first - 1] if number.first > 0 else None
    return before is not None and bool(words.any_at("conjunctions", before))


def _partial(toks: list[_Tok], number: _Number, words: _Words) -> bool:
    """ "в том числе трое детей", "tra cui due bambini", "darunter drei Kinder": part of a total."""
    a, _b = _segment(toks, number.first, hard=True)
    return any(words.at("inclusion", toks, i) for i in range(max(a, number.first - 6), number.first))


def _superseded(toks: list[_Tok], number: _Number, words: _Words) -> bool:
    """ "ранее сообщалось о 15 погибших", "in precedenza", "zuvor": an earlier toll (C5)."""
    a, _b = _segment(toks, number.first)
    return any(words.at("superseded", toks, i) for i in range(a, number.first))


def _victims(toks: list[_Tok], number: _Number, words: _Words) -> tuple[str, VictimClass]:
    """The people counted: the person noun after the number (within a few tokens), else "people"."""
    for i in range(number.last + 1, min(number.last + 1 + _NOUN_GAP + 1, len(toks))):
        if toks[i].text in _CLAUSE_PUNCT or toks[i].low[0].isdigit() or words.measure_at(toks, i):
            break
        here = toks[number.last + 1 : i + 1]
        starting = words.class_at(toks, i)  # "vigili del fuoco", "сотрудников полиции"
        cls = starting[0] if starting else None
        if starting is not None and starting[1] > 1:
            here = toks[number.last + 1 : i + starting[1]]
        elif cls is not None and i + 1 < len(toks) and words.victim_class([toks[i + 1]]) is not None:
            cls = words.victim_class(toks[i : i + 2])
            here = toks[number.last + 1 : i + 2]  # "сотрудников полиции": the second word decides
        if cls is not None or words.at("person_words", toks, i):
            while len(here) > 1 and _small_word(here[0]):
                here = here[1:]  # "di manifestanti", "de personas": the preposition is not the victims
            return " ".join(t.text for t in here), cls or "people"
    return "people", "people"


def _after_measure(toks: list[_Tok], at: int, words: _Words) -> tuple[str, VictimClass] | None:
    """The group a part of a toll is said to be: "tre dei feriti sono bambini" -> the children."""
    for i in range(at + 1, min(at + 4, len(toks))):
        if toks[i].text in _CLAUSE_PUNCT or toks[i].low[0].isdigit():
            return None
        cls = words.victim_class([toks[i]])
        if cls is not None:
            return toks[i].text, cls
    return None


def _small_word(tok: _Tok) -> bool:
    """A short lower-case word ("di", "de", "der"): a preposition or article before a noun."""
    return len(tok.low) <= 3 and tok.text.isalpha() and tok.low == tok.text


def _source(toks: list[_Tok], number: _Number, words: _Words) -> str | None:
    """Who gives the figure: after a cue ("по данным X", "secondo X", "laut X", "según X"), or next to
    a verb of saying ("сообщил X", "X ha detto", "teilte X mit", "informó X"); the nearest one."""
    found: list[tuple[int, str]] = []
    for i in range(len(toks)):
        size = words.at("attribution_cues", toks, i)
        if size:
            phrase = _phrase(toks, i + size, 1, words)
            if phrase:
                found.append((abs(i - number.first), phrase))
        size = words.at("speech_verbs", toks, i)
        if size and not (number.first <= i <= number.last):
            phrase = _phrase(toks, i + size, 1, words) or _phrase(toks, i - 1, -1, words)
            if phrase:
                found.append((abs(i - number.first), phrase))
    return min(found)[1] if found else None


def _phrase(toks: list[_Tok], i: int, step: int, words: _Words) -> str | None:
    """The source phrase from token `i` onward (or backward): up to punctuation, a number, a stop word;
    a phrase opening with a capital ends at a lower-case word that no capitalised word follows."""
    taken: list[_Tok] = []
    while 0 <= i < len(toks) and len(taken) < 7:
        tok = toks[i]
        if tok.text in _CLAUSE_PUNCT or tok.text in ".!?" or tok.low[0].isdigit():
            break
        if words.at("source_stop", toks, i) or words.measure_at(toks, i) or words.at("speech_verbs", toks, i):
            break
        if any(_matches(q, toks, i) for q, _kind in words.qualifiers):
            break
        named = [t for t in taken if not words.any_at("source_drop", t)]
        if step > 0 and named and named[0].text[0].isupper() and tok.text[0].islower():
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if len(tok.low) > 3 or nxt is None or not nxt.text[:1].isupper():
                break  # "laut Innenministerium kamen …": the name ends at the verb
        taken.append(tok)
        i += step
    if step < 0:
        taken.reverse()
    while taken and words.any_at("source_drop", taken[0]):
        taken.pop(0)
    while taken and words.any_at("source_drop", taken[-1]):
        taken.pop()
    if not taken or not any(t.text[0].isupper() or (t.low.isalpha() and len(t.low) > 3) for t in taken):
        return None
    return " ".join(t.text for t in taken)


def _place(toks: list[_Tok], number: _Number, words: _Words) -> str | None:
    """A capitalised name after a preposition of place in the number's clause ("в Киеве" -> "Киев")."""
    a, b = _segment(toks, number.first, hard=True)
    for i in range(max(a, 0), b - 1):
        name = toks[i + 1]
        if (
            words.any_at("place_preps", toks[i])
            and i + 1 != 1
            and name.text[:1].isupper()
            and not name.text.isupper()
            and name.low.isalpha()
        ):
            return name.lem.capitalize() if name.lem else name.text
    return None


def _zeros(
    toks: list[_Tok],
    sentence: tuple[int, int],
    marks: list[tuple[int, Measure]],
    extent: Mapping[int, int],
    words: _Words,
) -> tuple[list[FigureClaim], set[int]]:
    """Explicit zeros (C8): "никто не погиб", "погибших нет", "nessun morto", "keine Toten", "no hubo
    muertos", and the measure words they use (no count takes those)."""
    from newsfuse.analyze.figures import FigureClaim

    out: list[FigureClaim] = []
    used: set[int] = set()
    seen: set[str] = set()
    for at, measure in marks:
        zero = _zero_word(toks, at, extent.get(at, at), words)
        if zero is None:
            continue
        used.add(at)
        if measure in seen:
            continue
        seen.add(measure)
        lo, hi = min(zero, at), max(zero, extent.get(at, at))
        source = _source(toks, _Number(zero, zero, Count(0, 0, "")), words)
        out.append(
            FigureClaim(
                measure=measure,
                victims="people",
                victim_class="people",
                count=Count(0, 0, _text(toks, lo, hi)),
                place=None,
                attributed_to=source,
                sentence=sentence,
                number=(toks[lo].start, toks[hi].end),
                partial=False,
                hedged=source is None and any(words.at("hedges", toks, i) for i in range(len(toks))),
            )
        )
    return out, used


def _zero_word(toks: list[_Tok], at: int, last: int, words: _Words) -> int | None:
    """Where a zero word says no one was affected by the measure phrase at [at, last]: right before
    it ("keine Toten", "без жертв"; a few words more when a negation ends the gap: "никто из
    пассажиров не погиб"), or right after it ("погибших нет", "verletzt wurde niemand")."""
    for i in range(max(at - 4, 0), at):
        size = words.at("zero_words", toks, i)
        if not size or any(t.text in _CLAUSE_PUNCT or t.low[0].isdigit() for t in toks[i:at]):
            continue
        gap = at - (i + size)
        if gap <= 1 or (gap <= 3 and words.any_at("negation", toks[at - 1])):
            return i
    for i in range(last + 1, min(last + 3, len(toks))):
        if toks[i].text in _CLAUSE_PUNCT:
            break
        if words.at("zero_words", toks, i):
            return i
    return None
