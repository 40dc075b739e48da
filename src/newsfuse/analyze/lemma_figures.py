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
- numbers: qualifiers {phrase: at_least|more_than|nearly|about|up_to|less_than}, vague {word:
  [lo, hi]}, vague_after_qualifier {word: unit}, multipliers {word: [lo, hi]}, units, scales,
  fractions, number_words {word: value}, articles, months, range_openers, range_joins,
  update_openers, update_joins, time_before;
- what happened and to whom: measures {measure: [words]}, victim_classes {class: [words]},
  person_words, not_people, negation, zero_words, conjunctions, inclusion, place_preps, toll_verbs;
- who says it: attribution_cues, attribution_after, previous_cues, speech_verbs, source_stop, source_drop,
  capitalized_nouns (true: a source name ends at a lower-case word), hedges, superseded;
- [scope]: regexes read by consolidate/claim_scope.py (and `saying` by consolidate/claims.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsfuse.analyze.casualty_words import Measure, VictimClass
from newsfuse.analyze.lemma_tokens import (
    NumberPhrase,
    PackWords,
    Tok,
    matches,
    number_phrases,
    pack_words,
    phrase_text,
    tokens,
    update_from,
)
from newsfuse.analyze.numbers import Count
from newsfuse.languages import pack

if TYPE_CHECKING:
    from newsfuse.analyze.figures import FigureClaim
    from newsfuse.models import AnalyzedArticle

__all__ = ["extract", "extract_text", "is_pattern_language"]

_CLAUSE_PUNCT = frozenset(',;:()—–«»"“”')
_HARD_PUNCT = frozenset(";:()")
_QUOTES = frozenset("«»\"“”„'")
_WINDOW = 12  # tokens from a number within which a measure word of the sentence may count it
_NOUN_GAP = 3  # tokens between a number and its victims noun ("18 мирных жителей")


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
    words = pack_words(code)
    if words is None:
        return []
    out: list[FigureClaim] = []
    previous: list[int] = []  # indexes in `out` of the last sentence's claims
    for start, end in sentences:
        here = _sentence(text, start, end, code, words)
        if not here and previous:  # "Погибли 5 человек. Об этом сообщил губернатор."
            given = _given_after(tokens(text, start, end, code), words)
            if given is not None:
                out = [
                    replace(c, attributed_to=c.attributed_to or given) if n in previous else c
                    for n, c in enumerate(out)
                ]
        previous = list(range(len(out), len(out) + len(here)))
        out.extend(here)
    return out


def _given_after(toks: list[Tok], words: PackWords) -> str | None:
    """The source a sentence names for the figures of the sentence before it ("Об этом сообщил X",
    "Lo ha reso noto X", "Das teilte X mit"): after a `previous_cues` phrase, whose words may have a
    time word or two between them ("Об этом сегодня сообщил X", "Про це в понеділок заявив X")."""
    for i in range(len(toks)):
        end = max((_spread(cue, toks, i) for cue in words.phrases["previous_cues"]), default=0)
        if end:
            return _phrase(toks, end, 1, words)
    return None


def _spread(phrase: Sequence[str], toks: list[Tok], i: int, gap: int = 2) -> int:
    """Where `phrase` ends (exclusive) when its words start at token `i` and follow in order, at most
    `gap` lower-case words between two of them; 0 when they do not."""
    if not phrase or not matches(phrase[:1], toks, i):
        return 0
    j = i + 1
    for word in phrase[1:]:
        skipped = 0
        while j < len(toks) and not matches([word], toks, j):
            if skipped == gap or not toks[j].text[0].islower():
                return 0  # punctuation, a number, a capitalised name ("Das Ministerium bestätigte")
            skipped += 1
            j += 1
        if j >= len(toks):
            return 0
        j += 1
    return j


# --- one sentence ---------------------------------------------------------------------------------


def _sentence(text: str, start: int, end: int, code: str, words: PackWords) -> list[FigureClaim]:
    from newsfuse.analyze.figures import FigureClaim

    toks = tokens(text, start, end, code)
    if not toks:
        return []
    numbers = [n for n in number_phrases(toks, code, words) if _countable(toks, n, words)]
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


def _countable(toks: list[Tok], number: NumberPhrase, words: PackWords) -> bool:
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
        if toks[i].text in _CLAUSE_PUNCT or words.at("attribution_cues", toks, i):
            break  # "una cinquantina secondo l'ospedale": the source's words are not what is counted
        if words.at("not_people", toks, i):
            return False  # "18 лет", "otto anni", "5 Häuser"
        if words.at("person_words", toks, i) or words.measure_at(toks, i):
            break
    if before is not None and (words.at("not_people", toks, number.first - 1) or _month(before, words)):
        return False  # "1 марта": a date (a month word before or after)
    for back in (1, 2, 3):  # "a las 10", "alle 10", "um 10": a clock time
        if number.first - back >= 0 and words.at("time_before", toks, number.first - back) == back:
            return False
    if after is not None and (after.text in (".", "-") or len(after.low) <= 3):
        after = toks[number.last + 2] if number.last + 2 < len(toks) else None  # "12. März", "12 de marzo"
    return not (after is not None and _month(after, words))


def _month(tok: Tok, words: PackWords) -> bool:
    months = words.pack.words("figures", "months") | words.pack.words("dates", "months")
    return tok.low in months or tok.lem in months


def _measure_marks(toks: list[Tok], words: PackWords) -> tuple[list[tuple[int, Measure]], dict[int, int]]:
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
            if not matches(head, toks, i):
                continue
            for j in range(i + len(head), min(i + len(head) + 10, len(toks))):
                if toks[j].text in _CLAUSE_PUNCT:
                    break
                if matches(tail, toks, j):
                    out.append((i, measure))
                    break
    return sorted(out), extent


def _gap(
    number: NumberPhrase, at: int, toks: Sequence[Tok] = (), extent: Mapping[int, int] | None = None
) -> int:
    """Tokens between a number and the measure phrase at `at` (ending at `extent[at]`); with `toks`,
    a comma between weighs 2 more, a dash 1."""
    a, b = ((extent or {}).get(at, at), number.first) if at < number.first else (number.last, at)
    return b - a + sum(2 if t.text == "," else 1 if t.text in "—–" else 0 for t in toks[a + 1 : b])


def _owners(
    toks: list[Tok], marks: list[tuple[int, Measure]], extent: Mapping[int, int], numbers: list[NumberPhrase]
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


def _segment(toks: list[Tok], i: int, hard: bool = False) -> tuple[int, int]:
    """[a, b) of the clause around token `i`, cut at punctuation (only ; : ( ) dashes when `hard`);
    quotes around a short name ("шахта «Глубинна»", "la società 'Nordkarb'") cut nothing."""
    stops = _HARD_PUNCT if hard else _CLAUSE_PUNCT
    named = _name_quotes(toks)
    a = i
    while a > 0 and (toks[a - 1].text not in stops or a - 1 in named):
        a -= 1
    b = i
    while b < len(toks) and (toks[b].text not in stops or b in named):
        b += 1
    return a, b


def _name_quotes(toks: list[Tok]) -> set[int]:
    """Indexes of quote marks that enclose a name: one to four words, the first capitalised."""
    out: set[int] = set()
    for k, tok in enumerate(toks):
        if tok.text not in _QUOTES:
            continue
        for m in range(k + 2, min(k + 6, len(toks))):
            if toks[m].text in _QUOTES:
                inner = toks[k + 1 : m]
                if inner[0].text[:1].isupper() and all(t.text[:1].isalnum() for t in inner):
                    out |= {k, m}
                break
            if not toks[m].text[:1].isalnum():
                break
    return out


def _measure_of(
    toks: list[Tok],
    number: NumberPhrase,
    n: int,
    found_marks: tuple[list[tuple[int, Measure]], Mapping[int, int]],
    owner: dict[int, int],
    words: PackWords,
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


def _negated(toks: list[Tok], at: int, number: NumberPhrase, words: PackWords) -> bool:
    """A negation right before the measure word ("не пострадали", "non sono morti", "nicht verletzt")."""
    return any(
        words.any_at("negation", toks[i]) and not number.first <= i <= number.last
        for i in range(max(at - 3, 0), at)
    )


def _combined(toks: list[Tok], at: int, marks: list[tuple[int, Measure]]) -> bool:
    """ "погибших и раненых", "morti e feriti": killed and injured run together count both (§A7)."""
    measures = dict(marks)
    mine = measures.get(at)
    for other, measure in marks:
        if abs(other - at) == 2 and {mine, measure} == {"killed", "injured"}:
            middle = toks[min(other, at) + 1]
            if len(middle.low) <= 4 and not middle.low[0].isdigit():
                return True
    return False


def _coordinated(toks: list[Tok], number: NumberPhrase, words: PackWords) -> bool:
    """A count joined to the one before by "и", "e", "und", "y", "ещё" (its verb said once)."""
    before = toks[number.first - 1] if number.first > 0 else None
    return before is not None and bool(words.any_at("conjunctions", before))


def _partial(toks: list[Tok], number: NumberPhrase, words: PackWords) -> bool:
    """ "в том числе трое детей", "tra cui due bambini", "darunter drei Kinder": part of a total."""
    a, _b = _segment(toks, number.first, hard=True)
    return any(words.at("inclusion", toks, i) for i in range(max(a, number.first - 6), number.first))


def _superseded(toks: list[Tok], number: NumberPhrase, words: PackWords) -> bool:
    """ "ранее сообщалось о 15 погибших", "in precedenza", "zuvor", "da 12 a 17": an earlier toll (C5)."""
    if update_from(toks, number.first, words) is not None:
        return True
    a, _b = _segment(toks, number.first)
    return any(words.at("superseded", toks, i) for i in range(a, number.first))


def _victims(toks: list[Tok], number: NumberPhrase, words: PackWords) -> tuple[str, VictimClass]:
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


def _after_measure(toks: list[Tok], at: int, words: PackWords) -> tuple[str, VictimClass] | None:
    """The group a part of a toll is said to be: "tre dei feriti sono bambini" -> the children."""
    for i in range(at + 1, min(at + 4, len(toks))):
        if toks[i].text in _CLAUSE_PUNCT or toks[i].low[0].isdigit():
            return None
        cls = words.victim_class([toks[i]])
        if cls is not None:
            return toks[i].text, cls
    return None


def _small_word(tok: Tok) -> bool:
    """A short lower-case word ("di", "de", "der"): a preposition or article before a noun."""
    return len(tok.low) <= 3 and tok.text.isalpha() and tok.low == tok.text


def _source(toks: list[Tok], number: NumberPhrase, words: PackWords) -> str | None:
    """Who gives the figure: after a cue ("по данным X", "secondo X", "laut X", "según X"), or next to
    a verb of saying ("сообщил X", "X ha detto", "teilte X mit", "informó X"); the nearest one."""
    found: list[tuple[int, str]] = []
    for i in range(len(toks)):
        size = words.at("attribution_cues", toks, i)
        if size:
            phrase = _phrase(toks, i + size, 1, words)
            if phrase:
                found.append((abs(i - number.first), phrase))
        if words.at("attribution_after", toks, i):  # "Dem Innenministerium zufolge"
            phrase = _phrase(toks, i - 1, -1, words)
            if phrase:
                found.append((abs(i - number.first), phrase))
        size = words.at("speech_verbs", toks, i)
        if size and not (number.first <= i <= number.last):
            phrase = _phrase(toks, i + size, 1, words) or _phrase(toks, i - 1, -1, words)
            if phrase:
                found.append((abs(i - number.first), phrase))
    return min(found)[1] if found else None


def _phrase(toks: list[Tok], i: int, step: int, words: PackWords) -> str | None:
    """The source phrase from token `i` onward (or backward): up to punctuation, a number, a stop word;
    a phrase opening with a capital ends at a lower-case word that no capitalised word follows."""
    taken: list[Tok] = []
    while 0 <= i < len(toks) and len(taken) < 7:
        tok = toks[i]
        if tok.text in _CLAUSE_PUNCT or tok.text in ".!?" or tok.low[0].isdigit():
            break
        if words.at("source_stop", toks, i) or words.measure_at(toks, i) or words.at("speech_verbs", toks, i):
            break
        if any(matches(q, toks, i) for q, _kind in words.qualifiers):
            break
        named = [t for t in taken if not words.any_at("source_drop", t)]
        capitalized = bool(words.pack.section("figures").get("capitalized_nouns", False))
        if capitalized and step > 0 and named and named[0].text[0].isupper() and tok.text[0].islower():
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if len(tok.low) > 3 or nxt is None or not nxt.text[:1].isupper():
                break  # "laut Innenministerium kamen …": the name ends at the verb
        taken.append(tok)
        i += step
    if step < 0:
        taken.reverse()
    while taken and (words.any_at("source_drop", taken[0]) or not taken[0].text[0].isalnum()):
        taken.pop(0)
    while taken and (words.any_at("source_drop", taken[-1]) or not taken[-1].text[0].isalnum()):
        taken.pop()
    if not taken or not any(t.text[0].isupper() or (t.low.isalpha() and len(t.low) > 3) for t in taken):
        return None
    return " ".join(t.text for t in taken)


def _place(toks: list[Tok], number: NumberPhrase, words: PackWords) -> str | None:
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
    toks: list[Tok],
    sentence: tuple[int, int],
    marks: list[tuple[int, Measure]],
    extent: Mapping[int, int],
    words: PackWords,
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
        source = _source(toks, NumberPhrase(zero, zero, Count(0, 0, "")), words)
        out.append(
            FigureClaim(
                measure=measure,
                victims="people",
                victim_class="people",
                count=Count(0, 0, phrase_text(toks, lo, hi)),
                place=None,
                attributed_to=source,
                sentence=sentence,
                number=(toks[lo].start, toks[hi].end),
                partial=False,
                hedged=source is None and any(words.at("hedges", toks, i) for i in range(len(toks))),
            )
        )
    return out, used


def _zero_word(toks: list[Tok], at: int, last: int, words: PackWords) -> int | None:
    """Where a zero word says no one was affected by the measure phrase at [at, last]: right before
    it ("keine Toten", "без жертв"; a few words more when a negation ends the gap: "никто из
    пассажиров не погиб"), or right after it ("погибших нет", "verletzt wurde niemand")."""
    for i in range(max(at - 4, 0), at):
        size = words.at("zero_words", toks, i)
        if not size or any(t.text in _CLAUSE_PUNCT or t.low[0].isdigit() for t in toks[i:at]):
            continue
        gap = at - (i + size)
        people = i + size < at and (
            words.class_at(toks, i + size) is not None or words.at("person_words", toks, i + size) > 0
        )  # "ningún vecino resultó herido", "nessun passeggero è morto"
        if gap <= 1 or (gap <= 3 and (people or words.any_at("negation", toks[at - 1]))):
            return i
    for i in range(last + 1, min(last + 3, len(toks))):
        if toks[i].text in _CLAUSE_PUNCT:
            break
        if words.at("zero_words", toks, i):
            return i
    return None
