"""Temporal expressions: find them in text and resolve them against a reference date.

`find_timexes` locates expressions ("late on Wednesday", "Sunday January 2", "the night of
Tuesday 11 to Wednesday 12 March", "overnight", "three decades ago", "hier soir"); `resolve` turns
one into a `Resolution`: a TIMEX3 value ("2025-03-11", "2012-07", "2013-W12", "199",
"PRESENT_REF"), the day it names when it names one, and the part of the day. The relative logic is
ours: weekdays lean to the past (the future when the sentence is in the future tense), a weekday
named with a day of the month picks the year the calendar allows, a date without a year takes the
year that puts it nearest the reference with a lean to the past. Absolute expressions our patterns
do not know (other formats, other languages) fall back to `dateparser`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

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

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}  # fmt: skip
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
PARTS: dict[str, PartOfDay] = {
    "morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "night",
    "midday": "afternoon", "noon": "afternoon", "dawn": "early", "midnight": "night",
    "matin": "morning", "matinée": "morning", "après-midi": "afternoon", "soir": "evening",
    "soirée": "evening", "nuit": "night",
}  # fmt: skip
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

_WD = (
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|satur|sun)day"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t"
    r"|septembre|octobre|novembre|d[ée]cembre)(?![a-zéû])\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er)?\.?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:morning|afternoon|evening|night|matin(?:ée)?|après-midi|soir(?:ée)?|nuit)"
_DATE = (
    rf"(?:(?:{_WD}),?\s+)?(?:the\s+)?(?:{_DAY}\s+(?:of\s+)?{_MON}|{_MON}\s+(?:the\s+)?{_DAY}(?!\d))"
    rf"(?:,?\s+{_YEAR})?|{_MON}\s+{_YEAR}|{_YEAR}-\d\d-\d\d"
)
_NUM = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|several|a few|a couple of)"
)
_UNIT = r"(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies))"

_PATTERNS = [
    # the night of Wednesday 5 to Thursday 6 January; dans la nuit de mardi à mercredi
    rf"(?:(?:in|on|during)\s+)?the\s+night\s+(?:of|from)\s+(?:(?:{_WD})\s*)?(?:{_DAY}\s*)?(?:{_MON}\s*)?"
    rf"(?:to|into|until|and|-|–)\s+(?:(?:{_WD})\s*)?(?:{_DAY}\s*)?(?:{_MON})?(?:,?\s+{_YEAR})?",
    rf"(?:dans\s+)?la\s+nuit\s+d[eu]\s+(?:(?:{_WD})\s*)?(?:{_DAY}\s*)?(?:{_MON}\s*)?(?:à|au)\s+"
    rf"(?:(?:{_WD})\s*)?(?:{_DAY}\s*)?(?:{_MON})?(?:\s+{_YEAR})?",
    # (late on) Tuesday 11 March 2025 (night); Sunday March 9; 12 March; mardi 11 mars
    rf"(?:(?:late|early)\s+(?:on\s+)?)?(?:{_DATE})(?:\s+(?:in\s+the\s+)?{_PART})?",
    # the early hours of Thursday (morning)
    rf"(?:in\s+)?the\s+(?:early|small)\s+hours\s+of\s+(?:{_WD})(?:\s+morning)?",
    # late on Wednesday, Thursday morning, last Friday, on Sunday, mercredi soir
    rf"(?:(?:late|early)\s+(?:on\s+)?|(?:on\s+)?(?:last|next|this|coming|past)\s+)?(?:{_WD})(?:\s+{_PART})?",
    rf"(?:the\s+day\s+before\s+yesterday|yesterday|today|tomorrow|tonight|overnight|last\s+night"
    rf"|this\s+(?:morning|afternoon|evening)|earlier\s+(?:today|this\s+(?:week|month|year))"
    rf"|(?:last|this|next|the\s+past|the\s+previous)\s+(?:week|month|year|weekend)"
    rf"|avant-hier|hier|aujourd'hui|demain|cette\s+nuit|la\s+veille)(?:\s+{_PART})?",
    rf"{_NUM}\s+{_UNIT}\s+(?:ago|earlier|later)",
    r"(?:the\s+)?(?:mid-)?(?:19|20)\d0s",
    rf"(?<![\d,.])(?:(?:early|late|mid-?)\s*)?{_YEAR}(?![\d,.]\d)",
]
_FINDER = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


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
    found: list[TimexMention] = []
    for m in _FINDER.finditer(text):
        words = m.group(0)
        stripped = words.rstrip(" .,")
        if not stripped or stripped.lower() in {
            "may",
            "mar",
            "sun",
            "sat",
            "wed",
            "mon",
            "jan",
            "mai",
            "mars",
        }:
            continue  # a bare short word that is also an ordinary word
        if re.fullmatch(r"(?:on\s+|this\s+|last\s+|next\s+)?(?:may|mars|mai)\.?", stripped, re.I):
            continue
        found.append(TimexMention(m.start(), m.start() + len(stripped), stripped))
    return found


_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|--"
    r"|\b(?:that|which|who|while|as|after|before|when|amid|amidst|because|but|and then)\b"
    r"|\b(?:said|says|announced|told|reported|stated|added|declared)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"(?:\b(?:will|shall|won't|going to|is to|are to|is due|are due|scheduled|planned|plans? to|set to)\b"
    r"|'ll\b)",
    re.IGNORECASE,
)


def sentence_tense(sentence: str, at: int | None = None) -> Tense | None:
    """ "future" when the clause around character `at` (or the sentence) speaks of what will happen.

    None otherwise: dates then lean to the past. Only the clause holding the expression counts,
    so "announced Friday that it will close" is not a future Friday.
    """
    if at is not None:
        cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)]
        cuts.append(len(sentence))
        start = max((c for c in cuts if c <= at), default=0)
        end = min((c for c in cuts if c > at), default=len(sentence))
        sentence = sentence[start:end]
    return "future" if _FUTURE.search(sentence) else None


_CLOCK = re.compile(
    r"\b([01]?\d|2[0-3])(?:[:.h]([0-5]\d))?\s*(a\.?m\.?|p\.?m\.?|heures?\b|h\b|o'clock)", re.IGNORECASE
)


def clock_part(sentence: str) -> PartOfDay | None:
    """The part of the day a clock time in the sentence falls in ("shortly before 11 p.m.", "23 heures")."""
    m = _CLOCK.search(sentence)
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


_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|since|from|until|during|of|for|over|around|about|dans|le|la|les|en|depuis|du|au)\s+)+",
    re.IGNORECASE,
)
_MODIFIER = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|end|beginning|start|first\s+half|second\s+half)"
    r"(?:\s+of)?[\s-]+)",
    re.IGNORECASE,
)


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
    resolved before this expression, for "that day".
    """
    text = " ".join(expression.replace("’", "'").split())
    text = re.sub(r"\s+([,.])", r"\1", text).strip(" ,.;:")
    low = _LEAD.sub("", text.lower()).strip()
    if not low:
        return None
    part = _part_of(low)
    late_or_early: PartOfDay | None = None
    if re.match(r"(?:late|early)\b", low):
        late_or_early = "evening" if low.startswith("late") else "early"
    if low in PRESENT_WORDS | PAST_WORDS | FUTURE_WORDS or text.lower() in PAST_WORDS:
        word = low if low in PRESENT_WORDS | PAST_WORDS | FUTURE_WORDS else text.lower()
        kind = "PRESENT" if word in PRESENT_WORDS else "PAST" if word in PAST_WORDS else "FUTURE"
        return Resolution(f"{kind}_REF", "ref")
    if re.fullmatch(r"(?:that|the same|the)\s+day", low):
        day = previous or reference
        return _day(day, None, True) if day else None
    found = _weekday_phrase(low, reference, tense, earliest, part or late_or_early)
    stem = _LEAD.sub("", _MODIFIER.sub("", low)).strip()
    stem = re.sub(r"^the\s+(year|month|week)$", r"this \1", stem)
    for candidate in dict.fromkeys((low, stem)):
        found = (
            found
            or _night_span(candidate, reference, tense)
            or _relative_words(candidate, reference, tense)
            or _ago(candidate, reference)
            or _periods(candidate, reference, tense)
            or _calendar_date(candidate, reference, tense, part or late_or_early)
        )
    return found or _with_dateparser(stem, reference)


def _part_of(low: str) -> PartOfDay | None:
    if re.search(r"\b(?:early|small) hours\b", low):
        return "early"
    for word, part in PARTS.items():
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", low):
            return part
    return None


def _night_span(low: str, reference: dt.date | None, tense: Tense | None) -> Resolution | None:
    m = re.match(
        r"(?:the\s+)?nuit\s+d[eu]\s+(.+?)\s+(?:à|au)\s+(.+)$"
        r"|(?:the\s+)?night\s+(?:of|from)\s+(.+?)\s+(?:to|into|until|and|-|–)\s+(.+)$",
        low,
    )
    if not m:
        return None
    second = m.group(2) if m.group(1) else m.group(4)  # the morning after names the night
    end = _calendar_date(second, reference, tense, None)
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
    for word in re.findall(r"[a-zé]+", text):
        if word in WEEKDAYS and len(word) > 3:
            return WEEKDAYS[word]
    return None


def _relative_words(low: str, reference: dt.date | None, tense: Tense | None) -> Resolution | None:
    if reference is None:
        return None
    part = _part_of(low)
    table: list[tuple[str, int, PartOfDay | None]] = [
        (r"(?:the\s+)?day\s+before\s+yesterday|avant-hier", -2, None),
        (r"yesterday|hier", -1, None),
        (r"(?:earlier\s+)?today|aujourd'hui|earlier\s+today", 0, None),
        (r"tomorrow|demain", 1, None),
        (r"tonight|cette\s+nuit", 0, "night"),
        (r"last\s+night|la\s+veille", -1, "night" if low.startswith("last") else None),
        (r"overnight", 0 if tense == "future" else -1, "night"),
        (r"this\s+(?:morning|afternoon|evening)", 0, None),
    ]
    for pattern, offset, fixed in table:
        if re.fullmatch(rf"(?:{pattern})(?:\s+{_PART})?", low):
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
    m = re.fullmatch(rf"(last|next|this)\s+({_MON})", low)
    if m and m.group(2).rstrip(".") in MONTHS:
        month = MONTHS[m.group(2).rstrip(".")]
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
    words = re.sub(r"(?<=\d)(?:st|nd|rd|th|er)\b", "", stem)
    words = re.sub(r"\b(?:of|the|le)\b", " ", words)
    words = re.sub(rf"\s+(?:in\s+the\s+)?{_PART}$", "", words)
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", words.strip())
    if m and _valid(int(m[1]), int(m[2]), int(m[3])):
        return _day(dt.date(int(m[1]), int(m[2]), int(m[3])), part, False)
    tokens = re.findall(r"[a-zàâçéèêëîïôûùüÿ]+|\d+", words)
    weekday = month = day = year = None
    for token in tokens:
        if token.isdigit():
            if len(token) == 4 and year is None:
                year = int(token)
            elif len(token) <= 2 and day is None and 1 <= int(token) <= 31:
                day = int(token)
            else:
                return None
        elif (
            token in MONTHS
            and month is None
            and (len(token) > 3 or token in {"may", "mai"} or token in MONTHS)
        ):
            month = MONTHS[token]
        elif token in WEEKDAYS and weekday is None:
            weekday = WEEKDAYS[token]
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
    m = re.fullmatch(
        rf"(?:(?:the\s+)?(?:early|small)\s+hours\s+of\s+|late\s+(?:on\s+)?|early\s+(?:on\s+)?)?"
        rf"(?:(last|next|this|coming|past)\s+)?({_WD})(?:\s+({_PART}))?",
        stem,
    )
    if not m or reference is None:
        return None
    weekday = WEEKDAYS[m.group(2)]
    modifier = m.group(1)
    if modifier == "last" or modifier == "past":
        day = resolve_weekday(weekday, reference, "past", strict=True)
    elif modifier in {"next", "coming"}:
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
