"""Temporal expressions: find them in text and resolve them against a reference date.

`find_timexes` locates expressions ("late on Wednesday", "Sunday January 2", "the night of
Tuesday 11 to Wednesday 12 March", "overnight", "three decades ago", "hier soir"); `resolve` turns
one into a `Resolution`: a TIMEX3 value ("2025-03-11", "2012-07", "2013-W12", "199",
"PRESENT_REF"), the day it names when it names one, and the part of the day. The relative logic is
ours: weekdays lean to the past (the future when the sentence is in the future tense), a weekday
named with a day of the month picks the year the calendar allows, a date without a year takes the
year that puts it nearest the reference with a lean to the past. Absolute expressions our patterns
do not know (other formats) fall back to `dateparser`.

The words are data: every language pack's `dates.toml` (weekdays and months in every case, relative
days, parts of the day, night spans, tense and clause words; keys described in packs/en/dates.toml)
is merged into one grammar, rebuilt when a pack folder is added, so "в среду вечером", "ieri sera",
"am Donnerstagabend" and "la noche del martes" are read with no code of their own. The English
phrases for weeks, months, years, seasons, quarters and "ago" stay in the code below.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newsfuse import languages

__all__ = [
    "PART_RANK",
    "PartOfDay",
    "Resolution",
    "Tense",
    "TimexMention",
    "clock_part",
    "find_timexes",
    "infer_year",
    "resolve",
    "resolve_weekday",
    "sentence_tense",
]

PartOfDay = Literal["early", "morning", "afternoon", "evening", "night"]
Tense = Literal["past", "future"]
Granularity = Literal["day", "week", "month", "season", "quarter", "year", "decade", "century", "ref", "span"]

# order of the parts of a day on a timeline; a day with no part sits between afternoon and evening
PART_RANK: dict[PartOfDay | None, int] = {
    "early": 0,
    "morning": 1,
    "afternoon": 2,
    None: 3,
    "evening": 4,
    "night": 5,
}
_TIMEX_PART = {"early": "MO", "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "several": 3, "a few": 3, "few": 3, "a couple of": 2,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PRESENT_WORDS = {
    "now", "currently", "present", "the present", "at present", "nowadays", "right now", "the moment",
    "current", "ongoing", "the time being", "these days",
}  # fmt: skip
PAST_WORDS = {
    "the past", "recent", "recently", "at the time", "previously", "formerly", "once", "recent years",
    "in the past", "earlier", "lately", "before", "the time", "more recently", "history",
    "recent history", "the old days",
}  # fmt: skip
FUTURE_WORDS = {
    "the future", "future", "later", "soon", "in the future", "the coming years", "shortly",
    "very soon", "the near term", "the long term", "short-term", "long-term", "the near future",
}  # fmt: skip

_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|several|a few|a couple of)"
)
_UNIT = r"(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies))"
_LETTER = r"[^\W\d_]"
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
_EN_PERIODS = (  # English phrases for weeks, months and years (resolved by `_relative_words`)
    r"earlier\s+this\s+(?:week|month|year)|(?:last|this|next|the\s+past|the\s+previous)\s+(?:weekend|week|month|year)"
)


def _norm(word: str) -> str:
    """A word as the tables key it: lower case, one kind of apostrophe, single spaces."""
    return " ".join(word.translate(_APOSTROPHES).lower().split())


def _phrase(words: str) -> str:
    """A phrase as a pattern: a space matches any spaces, an apostrophe any apostrophe."""
    return r"\s+".join(re.escape(w).replace("'", "['’ʼ]") for w in words.split())


def _alt(words: Iterable[str]) -> str:
    """An alternation of phrases, longest first (so "вторника" wins over "вторник"); never empty."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(_phrase(w) for w in unique) or r"(?!x)x"


@dataclass(frozen=True)
class _Grammar:
    """Every pack's date words, merged, and the patterns built from them."""

    weekdays: dict[str, int]  # searched forms
    weekday_lookup: dict[str, int]  # searched forms and abbreviations
    months: dict[str, int]
    parts: dict[str, PartOfDay]  # searched after a day
    parts_all: dict[str, PartOfDay]  # searched and read-only, in reading order
    relative: dict[str, tuple[int, int | None, PartOfDay | None]]  # offset, future offset, part
    before: dict[str, str]  # "last" -> "past"
    after: dict[str, str]  # "scorso" -> "past"
    edges: dict[str, PartOfDay]  # "late" -> "evening"
    ambiguous: frozenset[str]
    open_words: frozenset[str]  # forms that may start or end inside a longer word (legacy en/fr)
    lowercase: frozenset[str]  # names written lower case: a capitalised one inside a sentence is a name
    only_after: dict[str, frozenset[str]]
    not_after: dict[str, frozenset[str]]
    day_link_words: frozenset[str]  # between day, month and year ("of", "de")
    clock_words: tuple[str, ...]
    non_event_verbs: frozenset[str]
    finder: re.Pattern[str]
    ambiguous_month: re.Pattern[str]
    lead: re.Pattern[str]
    weekday_phrase: re.Pattern[str]
    relative_phrase: re.Pattern[str]
    night_span: re.Pattern[str]
    night_before: re.Pattern[str]
    part_re: str
    day_suffix: re.Pattern[str]
    day_links: re.Pattern[str]
    part_finders: tuple[tuple[re.Pattern[str], PartOfDay], ...]  # in reading order
    named_month: re.Pattern[str]  # "last March"


def _grammar() -> _Grammar:
    """The merged grammar of every known pack (rebuilt when a pack folder is added)."""
    return _build(_pack_key())


def _pack_key() -> tuple[tuple[str, Path], ...]:
    """Which packs are known, and where from: the grammars built from them are cached on it."""
    codes = languages.known_languages()
    return tuple((c, found.folder) for c in codes if (found := languages.pack(c)) is not None)


def _sections(packs: tuple[tuple[str, Path], ...]) -> list[Mapping[str, Any]]:
    return [p.section("dates") for c, _ in packs if (p := languages.pack(c)) is not None]


def _table(sections: list[Mapping[str, Any]], key: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for section in sections:
        for word, value in section.get(key, {}).items():
            out.setdefault(_norm(str(word)), value)
    return out


def _words(sections: list[Mapping[str, Any]], key: str) -> list[str]:
    return list(dict.fromkeys(_norm(str(w)) for s in sections for w in s.get(key, ())))


@functools.cache
def _build(packs: tuple[tuple[str, Path], ...]) -> _Grammar:
    sections = _sections(packs)
    weekdays = dict(languages.calendar_words("weekdays"))  # the packs' one table of names
    lookup = languages.calendar_words("weekday_abbreviations") | weekdays
    months = dict(languages.calendar_words("months"))
    parts = {w: v for w, v in _table(sections, "parts_of_day").items()}
    parts_all: dict[str, PartOfDay] = {}
    for section in sections:  # several words first ("рано утром" before "утром"), then in pack order
        for key in ("parts_of_day", "parts_of_day_read"):
            parts_all.update({_norm(w): v for w, v in section.get(key, {}).items() if " " in w.strip()})
    for section in sections:
        for key in ("parts_of_day", "parts_of_day_read"):
            parts_all.update(
                {_norm(w): v for w, v in section.get(key, {}).items() if _norm(w) not in parts_all}
            )
    relative: dict[str, tuple[int, int | None, PartOfDay | None]] = {}
    for word, value in _table(sections, "relative_days").items():
        if isinstance(value, dict):
            future = value.get("future_offset")
            relative[word] = (
                int(value["offset"]),
                None if future is None else int(future),
                value.get("part"),
            )
        else:
            relative[word] = (int(value), None, None)
    open_words = {
        _norm(str(w))
        for s in sections
        if s.get("open_end")
        for key in ("weekdays", "weekday_abbreviations", "months", "parts_of_day", "relative_days")
        for w in s.get(key, {})
    }
    named = [s for s in sections if s.get("lowercase_names")]
    capitalised = {
        _norm(w)
        for s in sections
        if not s.get("lowercase_names")
        for k in ("weekdays", "months")
        for w in s.get(k, {})
    }
    lowercase = {_norm(w) for s in named for k in ("weekdays", "months") for w in s.get(k, {})} - capitalised

    wd = rf"(?:{_alt(weekdays)})"
    mon = rf"(?:{_alt(months)})(?!{_LETTER})\.?"
    suffixes = _words(sections, "day_suffixes")
    day = rf"(?:[12]\d|3[01]|0?[1-9])(?:{_alt(suffixes)})?\.?"
    part = rf"(?:{_alt(parts)})"
    dml = _words(sections, "day_month_links")
    year_links = _words(sections, "year_links")
    dml_re = rf"(?:(?:{_alt(dml)})\s+)?"
    yl_re = rf"(?:(?:{_alt(year_links)})\s+)?"
    pla = rf"(?:(?:{_alt(_words(sections, 'part_links_after'))})\s+)?"
    plb_words = _words(sections, "part_links_before")
    part_before = rf"{part}\s+(?:{_alt(plb_words)})\s+|" if plb_words else ""
    edges = {w: v for w, v in _table(sections, "day_edges").items()}
    edge = rf"(?:{_alt(edges)})\s+(?:(?:{_alt(_words(sections, 'edge_links'))})\s+)?"
    before = {w: str(v) for w, v in _table(sections, "weekday_before").items()}
    after = {w: str(v) for w, v in _table(sections, "weekday_after").items()}
    wmb = rf"(?:(?:on)\s+)?(?:{_alt(before)})\s+"
    wma = rf"(?:\s+(?:{_alt(after)})(?!{_LETTER}))?" if after else ""
    date = (
        rf"(?:(?:{wd}),?\s+)?(?:the\s+)?(?:{day}\s+{dml_re}{mon}|{mon}\s+(?:the\s+)?{day}(?!\d))"
        rf"(?:,?\s+{yl_re}{_YEAR})?|{mon}\s+{yl_re}{_YEAR}|{_YEAR}-\d\d-\d\d"
    )
    night_from = _words(sections, "night_from")
    night_to = rf"(?:{_alt(_words(sections, 'night_to'))})"
    night_leads = rf"(?:(?:{_alt(_words(sections, 'night_leads'))})\s+)?"
    night_before = _words(sections, "night_before")
    patterns = [
        # the night of Wednesday 5 to Thursday 6 January; dans la nuit de mardi à mercredi
        rf"{night_leads}(?:{_alt(night_from)})\s+(?:(?:{wd})\s*)?(?:{day}\s*)?(?:{mon}\s*)?"
        rf"{night_to}\s+(?=\d|{wd})(?:(?:{wd})\s*)?(?:{day}\s*)?(?:{mon})?(?:,?\s+{_YEAR})?",
        # в ночь на четверг; in der Nacht zum 12. März: the night before the day named
        rf"(?:{_alt(night_before)})\s+(?:{day}\s+{dml_re}{mon}(?:,?\s+{yl_re}{_YEAR})?|{wd})",
        # (late on) Tuesday 11 March 2025 (night); Sunday March 9; 12 March; mardi 11 mars
        rf"(?:{edge})?(?:{date})(?:\s+(?:in\s+the\s+)?{part})?",
        # the early hours of Thursday (morning)
        rf"(?:in\s+)?the\s+(?:early|small)\s+hours\s+of\s+(?:{wd})(?:\s+morning)?",
        # late on Wednesday, Thursday morning, last Friday, mercredi soir, вечером в среду, Donnerstagabend
        rf"(?:{edge}|{wmb}|{part_before})?(?:{wd}){wma}(?:(?:\s+{pla}|(?<={_LETTER})){part})?",
        # yesterday (evening), hier soir, вчера вечером, la tarde de ayer, last week
        rf"(?:{part_before})?(?:{_alt(relative)}|{_EN_PERIODS})(?:\s+{pla}{part})?",
        rf"{_NUM}\s+{_UNIT}\s+(?:ago|earlier|later)",
        r"(?:the\s+)?(?:mid-)?(?:19|20)\d0s",
        rf"(?<![\d,.])(?:(?:early|late|mid-?)\s*)?{_YEAR}(?![\d,.]\d)",
    ]

    def optional_head(phrase: str) -> str:  # "the night of" is also read as "night of"
        words = phrase.split()
        if len(words) < 3:
            return _phrase(phrase)
        return rf"(?:{_phrase(words[0])}\s+)?{_phrase(' '.join(words[1:]))}"

    spans = "|".join(optional_head(p) for p in sorted(night_from, key=len, reverse=True)) or r"(?!x)x"
    befores = "|".join(optional_head(p) for p in sorted(night_before, key=len, reverse=True)) or r"(?!x)x"
    amb_leads = _alt(_words(sections, "ambiguous_leads"))
    return _Grammar(
        weekdays=weekdays,
        weekday_lookup=lookup,
        months=months,
        parts=parts,
        parts_all=parts_all,
        relative=relative,
        before=before,
        after=after,
        edges=edges,
        ambiguous=frozenset(_words(sections, "ambiguous")),
        open_words=frozenset(open_words),
        lowercase=frozenset(lowercase),
        only_after={w: frozenset(_norm(x) for x in v) for w, v in _table(sections, "only_after").items()},
        not_after={w: frozenset(_norm(x) for x in v) for w, v in _table(sections, "not_after").items()},
        day_link_words=frozenset(dml + year_links),
        clock_words=tuple(_words(sections, "clock_words")),
        non_event_verbs=frozenset(_words(sections, "non_event_verbs")),
        finder=re.compile(
            rf"(?<!{_LETTER})(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE
        ),
        ambiguous_month=re.compile(
            rf"(?:(?:{amb_leads})\s+)?(?:{_alt(_words(sections, 'ambiguous_months'))})\.?", re.IGNORECASE
        ),
        lead=re.compile(rf"^(?:(?:{_alt(_words(sections, 'lead_words'))})\s+)+", re.IGNORECASE),
        weekday_phrase=re.compile(
            rf"(?:(?:the\s+)?(?:early|small)\s+hours\s+of\s+|{edge})?(?:({part})\s+(?:{_alt(plb_words)})\s+)?"
            rf"(?:({_alt(before)})\s+)?({wd})(?:\s+({_alt(after)}))?(?:(?:\s+{pla}|(?<={_LETTER}))({part}))?"
        ),
        relative_phrase=re.compile(
            rf"(?:({part})\s+(?:{_alt(plb_words)})\s+)?({_alt(relative)})(?:\s+{pla}({part}))?"
        ),
        night_span=re.compile(rf"(?:{spans})\s+(.+?)\s+{night_to}\s+(.+)$"),
        night_before=re.compile(rf"(?:{befores})\s+(.+)$"),
        part_re=part,
        day_suffix=re.compile(rf"(?<=\d)(?:{_alt(suffixes)})(?!{_LETTER})"),
        part_finders=tuple(
            (re.compile(rf"(?<![\w-]){_phrase(w)}(?![\w-])"), v) for w, v in parts_all.items()
        ),
        named_month=re.compile(rf"(last|next|this)\s+({_alt(months)})(?!{_LETTER})\.?"),
        day_links=re.compile(rf"(?<!{_LETTER})(?:of|the|le|{_alt(dml + year_links)})(?!{_LETTER})"),
    )


def weekday_words() -> dict[str, int]:
    """Every written weekday form of every pack (and abbreviations) -> weekday, 0 = Monday."""
    return _grammar().weekday_lookup


def month_words() -> dict[str, int]:
    """Every written month form of every pack, in every case -> month number (`languages.calendar_words`)."""
    return _grammar().months


def part_words() -> dict[str, PartOfDay]:
    """Every part-of-day word of every pack -> the part it names."""
    return _grammar().parts_all


def non_event_verbs() -> frozenset[str]:
    """Verb lemmas of every pack that tell rather than happen ("say", "заявить")."""
    return _grammar().non_event_verbs


WEEKDAYS = weekday_words()  # the bundled packs' tables, for callers that read them once
MONTHS = month_words()
PARTS = part_words()


@dataclass(frozen=True)
class TimexMention:
    """A temporal expression found in a text: [start, end) character offsets and its words."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Resolution:
    """What a temporal expression means relative to its reference date."""

    value: str  # TIMEX3 value: 2025-03-11, 2025-03-11TNI, 2012-07, 2013-W12, 199, PRESENT_REF, P5Y
    granularity: Granularity
    day: dt.date | None = None  # the day it names (the first night of a night span)
    part_of_day: PartOfDay | None = None
    until: dt.date | None = None  # last day of a span ("the night of 5 to 6 January" -> 6 January)
    relative: bool = False  # it needed the reference date (a weekday, "yesterday", a date with no year)


def find_timexes(text: str) -> list[TimexMention]:
    """Every temporal expression in `text`, longest match first, none overlapping."""
    grammar = _grammar()
    found: list[TimexMention] = []
    for m in grammar.finder.finditer(text):
        stripped = m.group(0).rstrip(" .,")
        if not stripped or _norm(stripped) in grammar.ambiguous:
            continue  # a bare short word that is also an ordinary word
        if grammar.ambiguous_month.fullmatch(stripped):
            continue
        if not _stands_alone(grammar, text, m.start(), m.start() + len(stripped), stripped):
            continue
        found.append(TimexMention(m.start(), m.start() + len(stripped), stripped))
    return found


def _stands_alone(grammar: _Grammar, text: str, start: int, end: int, words: str) -> bool:
    """The match is a date, not part of a longer word, a name, or an ordinary word's other sense."""
    pieces = re.findall(rf"{_LETTER}+(?:['’ʼ]{_LETTER}+)?", words)
    if not pieces:
        return True
    first, last = _norm(pieces[0]), _norm(pieces[-1])
    if words[:1].isalpha() and start > 0 and text[start - 1].isalpha() and first not in grammar.open_words:
        return False  # "oggi" in "poggia"
    if words[-1:].isalpha() and end < len(text) and text[end].isalpha() and last not in grammar.open_words:
        return False  # "четвер" in "четверо"
    before = re.search(rf"({_LETTER}+)['’ʼ]?\s*$", text[:start])
    previous = _norm(before.group(1)) if before else ""
    if first in grammar.only_after and previous not in grammar.only_after[first]:
        return False  # "окружающую среду"
    rest = " ".join(_norm(p) for p in pieces[1:])
    if (
        first in grammar.not_after
        and previous in grammar.not_after[first]
        and not re.search(r"\d", words)
        and not any(_norm(p) in grammar.weekdays for p in pieces[1:])
        and rest not in grammar.relative
    ):
        return False  # "por la mañana" is no tomorrow
    if not re.search(r"\d", words):
        for piece in pieces:
            if (
                _norm(piece) in grammar.lowercase
                and piece[:1].isupper()
                and not piece.isupper()
                and not _opens_sentence(text, start, words, piece)
            ):
                return False  # "Santo Domingo"
    return True


def _opens_sentence(text: str, start: int, words: str, piece: str) -> bool:
    at = start + words.find(piece)
    head = text[:at].rstrip()
    return not head or head[-1] in '.!?:;"«»“”—–-(\n' or text[:at].endswith("\n")


@functools.cache
def _tense_patterns(
    language: str | None, packs: tuple[tuple[str, Path], ...]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Clause breaks and future markers of one language's pack (of every pack when None)."""
    chosen = languages.pack(language) if language in dict(packs) else None
    own = chosen.section("dates") if chosen else {}
    sections = [own] if own.get("clause_words") else _sections(packs)

    def bounded(words: list[str]) -> str:
        items = [
            ("" if not w[:1].isalnum() else r"(?<!\w)") + _phrase(w) + (r"(?!\w)" if w[-1:].isalnum() else "")
            for w in sorted(words, key=len, reverse=True)
        ]
        return "|".join(items) or r"(?!x)x"

    breaks = _words(sections, "clause_words") + _words(sections, "speech_verbs")
    markers = _words(sections, "future_words")
    if not own.get("clause_words"):  # every pack's words: one language's marker may be another's date word
        dated = _build(packs)
        markers = [w for w in markers if w not in dated.parts_all and w not in dated.weekdays]
    future = bounded(markers)
    raw = [str(p) for s in sections for p in s.get("future_patterns", ())]
    return (
        re.compile(rf"[,;:()\u2013\u2014]|--|{bounded(breaks)}", re.IGNORECASE),
        re.compile("|".join([future, *raw]), re.IGNORECASE),
    )


def sentence_tense(sentence: str, at: int | None = None, language: str | None = None) -> Tense | None:
    """ "future" when the clause around character `at` (or the sentence) speaks of what will happen.

    None otherwise: dates then lean to the past. Only the clause holding the expression counts,
    so "announced Friday that it will close" is not a future Friday. The words are those of the
    pack of `language` (of every pack when it is None or has none).
    """
    clause_break, future = _tense_patterns(language, _pack_key())
    if at is not None:
        cuts = [0] + [m.end() for m in clause_break.finditer(sentence)]
        cuts.append(len(sentence))
        start = max((c for c in cuts if c <= at), default=0)
        end = min((c for c in cuts if c > at), default=len(sentence))
        sentence = sentence[start:end]
    return "future" if future.search(sentence) else None


@functools.cache
def _clock(words: tuple[str, ...]) -> re.Pattern[str]:
    extra = "".join(f"|{_phrase(w)}(?!{_LETTER})" for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"\b([01]?\d|2[0-3])(?:[:.h]([0-5]\d))?\s*(a\.?m\.?|p\.?m\.?|heures?\b|h\b|o'clock{extra})",
        re.IGNORECASE,
    )


def clock_part(sentence: str) -> PartOfDay | None:
    """The part of the day a clock time in the sentence falls in ("shortly before 11 p.m.", "23 heures")."""
    m = _clock(_grammar().clock_words).search(sentence)
    if not m:
        return None
    hour = int(m.group(1))
    suffix = m.group(3).lower().replace(".", "")
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if hour < 5:
        return "night"
    if hour < 7:
        return "early"
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"


def resolve_weekday(
    weekday: int, reference: dt.date, lean: Tense = "past", *, strict: bool = False
) -> dt.date:
    """The date of `weekday` (0 = Monday) nearest `reference` on the side `lean` says.

    The reference day itself counts unless `strict` ("last Friday", "next Friday").
    """
    if lean == "past":
        back = (reference.weekday() - weekday) % 7 or (7 if strict else 0)
        return reference - dt.timedelta(days=back)
    ahead = (weekday - reference.weekday()) % 7 or (7 if strict else 0)
    return reference + dt.timedelta(days=ahead)


def infer_year(
    month: int, day: int, near: dt.date, weekday: int | None = None, lean: Tense | None = None
) -> int:
    """The year of a day and month written without one.

    With a weekday ("Wednesday 5 January") the calendar decides: the nearest year to `near` in
    which that day falls on that weekday. Without one, the year that puts the date nearest `near`,
    leaning to the past (the future only when it is much nearer), or strictly to the side `lean`.
    """
    if weekday is not None:
        fits = [
            y
            for y in range(near.year - 12, near.year + 13)
            if _valid(y, month, day) and _weekday(y, month, day) == weekday
        ]
        if fits:
            return min(fits, key=lambda y: (abs((dt.date(y, month, day) - near).days), y > near.year))
    candidates = [y for y in (near.year - 1, near.year, near.year + 1) if _valid(y, month, day)]
    if not candidates:
        return near.year
    past = [y for y in candidates if dt.date(y, month, day) <= near]
    future = [y for y in candidates if dt.date(y, month, day) > near]
    if lean == "past" and past:
        return max(past)
    if lean == "future" and future:
        return min(future)
    if not future:
        return max(past)
    if not past:
        return min(future)
    back = (near - dt.date(max(past), month, day)).days
    ahead = (dt.date(min(future), month, day) - near).days
    return min(future) if ahead * 2 < back else max(past)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _weekday(year: int, month: int, day: int) -> int:
    return dt.date(year, month, day).weekday()


def _number(word: str) -> int | None:
    word = word.lower().strip()
    return int(word) if word.isdigit() else NUMBERS.get(word)


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_add(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _day(day: dt.date, part: PartOfDay | None, relative: bool, until: dt.date | None = None) -> Resolution:
    value = day.isoformat() + (f"T{_TIMEX_PART[part]}" if part else "")
    return Resolution(value, "day", day, part, until, relative)


_MODIFIER = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|end|beginning|start|first\s+half|second\s+half)"
    r"(?:\s+of)?[\s-]+)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1 << 16)
def resolve(
    expression: str,
    reference: dt.date | None,
    *,
    tense: Tense | None = None,
    earliest: dt.date | None = None,
    previous: dt.date | None = None,
) -> Resolution | None:
    """The meaning of `expression` relative to `reference` (the publication date), or None.

    `earliest` is the first day the story can be about: a bare weekday that would fall before it
    is taken forward instead ("declared Friday a day of mourning"). `previous` is the last day
    resolved before this expression, for "that day". Remembered: a story resolves the same few
    expressions ("on Tuesday") against the same few days again and again.
    """
    grammar = _grammar()
    text = " ".join(expression.translate(_APOSTROPHES).split())
    text = re.sub(r"\s+([,.])", r"\1", text).strip(" ,.;:")
    low = grammar.lead.sub("", text.lower()).strip()
    if not low:
        return None
    part = _part_of(low)
    edge = re.match(rf"({_LETTER}+)(?!{_LETTER})", low)
    late_or_early: PartOfDay | None = grammar.edges.get(edge.group(1)) if edge else None
    if low in PRESENT_WORDS | PAST_WORDS | FUTURE_WORDS or text.lower() in PAST_WORDS:
        word = low if low in PRESENT_WORDS | PAST_WORDS | FUTURE_WORDS else text.lower()
        kind = "PRESENT" if word in PRESENT_WORDS else "PAST" if word in PAST_WORDS else "FUTURE"
        return Resolution(f"{kind}_REF", "ref")
    if re.fullmatch(r"(?:that|the same|the)\s+day", low):
        day = previous or reference
        return _day(day, None, True) if day else None
    found = _weekday_phrase(low, reference, tense, earliest, part or late_or_early)
    stem = grammar.lead.sub("", _MODIFIER.sub("", low)).strip()
    stem = re.sub(r"^the\s+(year|month|week)$", r"this \1", stem)
    for candidate in dict.fromkeys((low, stem)):
        found = (
            found
            or _night_span(candidate, reference, tense)
            or _night_before(candidate, reference, tense)
            or _relative_words(candidate, reference, tense)
            or _ago(candidate, reference)
            or _periods(candidate, reference, tense)
            or _calendar_date(candidate, reference, tense, part or late_or_early)
        )
    # a relative phrase that starts with a lead word ("in serata", "la víspera")
    found = found or _relative_words(text.lower(), reference, tense)
    return found or _with_dateparser(stem, reference)


def _part_of(low: str) -> PartOfDay | None:
    if re.search(r"\b(?:early|small) hours\b", low):
        return "early"
    for finder, part in _grammar().part_finders:
        if finder.search(low):
            return part
    return None


def _night_span(low: str, reference: dt.date | None, tense: Tense | None) -> Resolution | None:
    """ "the night of 5 to 6 January", "в ночь с 11 на 12 марта": the night before the second day."""
    m = _grammar().night_span.match(low)
    return _night_ending(m.group(2), reference, tense) if m else None


def _night_before(low: str, reference: dt.date | None, tense: Tense | None) -> Resolution | None:
    """ "в ночь на четверг", "in der Nacht zum Freitag": the night that ends on the day named."""
    m = _grammar().night_before.match(low)
    return _night_ending(m.group(1), reference, tense) if m else None


def _night_ending(second: str, reference: dt.date | None, tense: Tense | None) -> Resolution | None:
    end = _calendar_date(second, reference, tense, None)  # the morning after names the night
    if end is None or end.day is None:
        wd = _first_weekday(second)
        if wd is None or reference is None:
            return None
        end_day = resolve_weekday(wd, reference, tense or "past")
        relative = True
    else:
        end_day, relative = end.day, end.relative
    start_day = end_day - dt.timedelta(days=1)
    return _day(start_day, "night", relative, until=end_day)


def _first_weekday(text: str) -> int | None:
    lookup = _grammar().weekday_lookup
    for word in re.findall(rf"{_LETTER}+(?:'{_LETTER}+)?", text):
        if word in lookup and len(word) > 3:
            return lookup[word]
    return None


def _relative_words(low: str, reference: dt.date | None, tense: Tense | None) -> Resolution | None:
    if reference is None:
        return None
    grammar = _grammar()
    m = grammar.relative_phrase.fullmatch(low)
    if m and _norm(m.group(2)) in grammar.relative:
        offset, future_offset, fixed = grammar.relative[_norm(m.group(2))]
        if tense == "future" and future_offset is not None:
            offset = future_offset
        said = m.group(1) or m.group(3)  # "вчера вечером"; else the phrase itself ("this morning")
        phrase = _norm(m.group(2))
        part = grammar.parts_all.get(_norm(said)) if said else _part_of(phrase) if " " in phrase else None
        return _day(reference + dt.timedelta(days=offset), fixed or part, True)
    m = re.fullmatch(
        r"(?:earlier\s+this|this|last|next|the\s+past|the\s+previous|the\s+last|the\s+coming)\s+(week|month|year|weekend)",
        low,
    )
    if m:
        step = (
            1
            if low.startswith(("next", "the coming"))
            else -1
            if low.startswith(("last", "the past", "the previous", "the last"))
            else 0
        )
        unit = m.group(1)
        if unit in {"week", "weekend"}:
            week = _week(reference + dt.timedelta(weeks=step))
            return Resolution(week + ("-WE" if unit == "weekend" else ""), "week", relative=True)
        if unit == "month":
            y, mo = _month_add(reference.year, reference.month, step)
            return Resolution(f"{y}-{mo:02d}", "month", relative=True)
        return Resolution(str(reference.year + step), "year", relative=True)
    months = grammar.months
    m = grammar.named_month.fullmatch(low)
    if m and m.group(2).rstrip(".") in months:
        month = months[m.group(2).rstrip(".")]
        if m.group(1) == "last":
            year = reference.year if month < reference.month else reference.year - 1
        elif m.group(1) == "next":
            year = reference.year if month > reference.month else reference.year + 1
        else:
            year = reference.year
        return Resolution(f"{year}-{month:02d}", "month", relative=True)
    m = re.fullmatch(r"(?:the\s+)?(?:past|last|previous)\s+decade", low)
    if m:
        return Resolution(str(reference.year - 10)[:3], "decade", relative=True)
    return None


def _ago(stem: str, reference: dt.date | None) -> Resolution | None:
    m = re.fullmatch(rf"({_NUM})\s+({_UNIT})\s+(ago|earlier|later|from now)", stem)
    if not m or reference is None:
        return None
    n = _number(m.group(1))
    if n is None:
        return None
    unit, sign = m.group(2).rstrip("s"), (1 if m.group(3) in {"later", "from now"} else -1)
    if unit == "day":
        return _day(reference + dt.timedelta(days=sign * n), None, True)
    if unit == "week":
        return Resolution(_week(reference + dt.timedelta(weeks=sign * n)), "week", relative=True)
    if unit == "month":
        y, mo = _month_add(reference.year, reference.month, sign * n)
        return Resolution(f"{y}-{mo:02d}", "month", relative=True)
    if unit == "year":
        return Resolution(str(reference.year + sign * n), "year", relative=True)
    if unit == "decade":
        return Resolution(str(reference.year + sign * 10 * n)[:3], "decade", relative=True)
    if unit in {"century", "centurie"}:
        return Resolution(str(reference.year + sign * 100 * n)[:2], "century", relative=True)
    return None


def _periods(stem: str, reference: dt.date | None, tense: Tense | None) -> Resolution | None:
    """Years, decades, centuries, seasons, quarters, and bare durations."""
    if re.fullmatch(r"'?\d\d", stem) and reference is not None:  # '58
        n = int(stem.strip("'"))
        return Resolution(str((2000 if n <= reference.year % 100 else 1900) + n), "year")
    m = re.fullmatch(rf"(?:the\s+)?({_YEAR})", stem)
    if m:
        return Resolution(m.group(1), "year")
    m = re.fullmatch(r"(?:the\s+)?(?:mid-)?'?(\d{1,3})0'?s", stem)
    if m:
        digits = m.group(1)
        if len(digits) == 1 or len(digits) == 3:
            return Resolution(digits if len(digits) == 3 else "19" + digits, "decade")
        return Resolution("19" + digits[-1] if len(digits) == 2 else digits, "decade")
    m = re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+century", stem)
    if m:
        return Resolution(f"{int(m.group(1)) - 1:02d}", "century")
    m = re.fullmatch(
        rf"(?:(last|this|next)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?({_YEAR}))?", stem
    )
    if m and (m.group(1) or m.group(3) or reference is not None):
        code = SEASONS[m.group(2)]
        if m.group(3):
            return Resolution(f"{m.group(3)}-{code}", "season")
        if m.group(1) is None and reference is None:
            return None
        assert reference is not None
        step = {"last": -1, "next": 1}.get(m.group(1) or "", 0)
        return Resolution(f"{reference.year + step}-{code}", "season", relative=True)
    m = re.fullmatch(
        rf"(?:the\s+)?(first|second|third|fourth|final|last)[\s-]+quarter"
        rf"(?:\s+of\s+(?:({_YEAR})|(this|last|next)\s+year))?",
        stem,
    )
    if m:
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}[m.group(1)]
        if m.group(2):
            return Resolution(f"{m.group(2)}-Q{q}", "quarter")
        if reference is None:
            return None
        year = reference.year + {"last": -1, "next": 1}.get(m.group(3) or "", 0)
        if m.group(3) is None and q > (reference.month - 1) // 3 + 2 and tense != "future":
            year -= 1  # a quarter well ahead of the reference, told in the past: last year's
        return Resolution(f"{year}-Q{q}", "quarter", relative=True)
    m = re.fullmatch(
        rf"(?:the\s+)?(?:past|last|next|coming|over|more\s+than|about)?\s*({_NUM})\s+({_UNIT})", stem
    )
    count = _number(m.group(1)) if m else None
    if m and count is not None and m.group(1) not in {"a", "an"}:
        unit = m.group(2).lower().rstrip("s")
        if unit in {"decade", "century", "centurie"}:
            return Resolution(f"P{count * (10 if unit == 'decade' else 100)}Y", "span")
        return Resolution(f"P{count}{unit[0].upper()}", "span")
    return None


def _calendar_date(
    stem: str, reference: dt.date | None, tense: Tense | None, part: PartOfDay | None
) -> Resolution | None:
    """Day, month and year as written, with the year inferred when it is missing."""
    grammar = _grammar()
    words = grammar.day_suffix.sub("", stem)
    words = grammar.day_links.sub(" ", words)
    words = re.sub(rf"\s+(?:in\s+the\s+)?{grammar.part_re}$", "", words)
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", words.strip())
    if m and _valid(int(m[1]), int(m[2]), int(m[3])):
        return _day(dt.date(int(m[1]), int(m[2]), int(m[3])), part, False)
    tokens = re.findall(rf"{_LETTER}+(?:'{_LETTER}+)?|\d+", words)
    weekday = month = day = year = None
    for token in tokens:
        if token.isdigit():
            if len(token) == 4 and year is None:
                year = int(token)
            elif len(token) <= 2 and day is None and 1 <= int(token) <= 31:
                day = int(token)
            else:
                return None
        elif token in grammar.months and month is None:
            month = grammar.months[token]
        elif token in grammar.weekday_lookup and weekday is None:
            weekday = grammar.weekday_lookup[token]
        elif token in {"late", "early", "mid", "on", "and"}:
            continue
        else:
            return None
    if month is None:
        return None
    if day is None:
        if year is None:
            if reference is None:
                return None
            year = infer_year(month, 15, reference, lean=tense)
            return Resolution(f"{year}-{month:02d}", "month", relative=True)
        return Resolution(f"{year}-{month:02d}", "month")
    if year is None:
        if reference is None:
            return None
        year = infer_year(month, day, reference, weekday=weekday)
        relative = True
    else:
        relative = False
    if not _valid(year, month, day):
        return None
    return _day(dt.date(year, month, day), part, relative)


def _weekday_phrase(
    stem: str,
    reference: dt.date | None,
    tense: Tense | None,
    earliest: dt.date | None,
    part: PartOfDay | None,
) -> Resolution | None:
    grammar = _grammar()
    m = grammar.weekday_phrase.fullmatch(stem)
    if not m or reference is None:
        return None
    weekday = grammar.weekday_lookup[_norm(m.group(3))]
    modifier = grammar.before.get(_norm(m.group(2) or "")) or grammar.after.get(_norm(m.group(4) or ""))
    said = m.group(1) or m.group(5)
    part = part or (grammar.parts_all.get(_norm(said)) if said else None)
    if modifier == "past":
        day = resolve_weekday(weekday, reference, "past", strict=True)
    elif modifier == "future":
        day = resolve_weekday(weekday, reference, "future", strict=True)
    else:
        day = resolve_weekday(weekday, reference, tense or "past")
        if tense is None and earliest is not None and day < earliest:
            day = resolve_weekday(weekday, reference, "future")
    return _day(day, part, True)


def _with_dateparser(stem: str, reference: dt.date | None) -> Resolution | None:
    """Absolute dates in formats or languages our patterns do not know."""
    if not re.search(r"\d{4}|\d[/.-]\d", stem) or len(stem) > 60:
        return None  # dateparser reads too much into bare numbers
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(reference, dt.time())
    data = _parser(settings).get_date_data(stem)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return Resolution(str(day.year), "year")
    if data.period == "month":
        return Resolution(f"{day.year}-{day.month:02d}", "month")
    if data.period == "week":
        return Resolution(_week(day), "week")
    return _day(day, None, False)


def _parser(settings: dict[str, object]) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en", "fr", "de", "es", "it", "ru", "uk"], settings=settings)
