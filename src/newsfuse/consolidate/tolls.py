"""Key figures: the reader's first line per measure of the story's incident, and its toll's history.

For each measure (in `MEASURE_ORDER`) one toll: the victim class that carries it (all victims,
"people", when a source gives them, else the class most independent sources state) among the
incident's total counts (never a partial count). Its current value is the range across the figures
of the latest reporting window that are still current (`Claim.status`), hedged ones only when
nothing firmer is said; earlier figures are its history, oldest first, each with who said it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from newsfuse.consolidate.claims import WINDOW_DAYS, conflicts, overlap, toll_groups
from newsfuse.measures import MEASURE_ORDER
from newsfuse.models import Claim, ClaimValue, Comparison, KeyFigure, Source, TollPoint

__all__ = ["key_figures"]


def key_figures(
    claims: Sequence[Claim],
    comparisons: Sequence[Comparison],
    sources: Sequence[Source],
    window_days: int = WINDOW_DAYS,
) -> list[KeyFigure]:
    """One key figure per measure of the incident, in `MEASURE_ORDER`."""
    original = {s.id: s.duplicate_of or s.id for s in sources}
    # a toll's words are shown in the language most of the sources are written in, where one says it
    languages = Counter(s.language for s in sources)
    foreign = {s.id for s in sources if languages and s.language != languages.most_common(1)[0][0]}
    by_measure: dict[str, list[tuple[str, str | None, list[Claim]]]] = defaultdict(list)
    for (measure, victim_class, part), place, group in toll_groups(claims):
        if not part and measure in MEASURE_ORDER and any(c.status == "current" for c in group):
            by_measure[measure].append((victim_class, place, group))
    out: list[KeyFigure] = []
    for measure in MEASURE_ORDER:
        if not by_measure.get(measure):
            continue

        def weight(toll: tuple[str, str | None, list[Claim]]) -> tuple[bool, int, int]:
            victim_class, _place, group = toll
            return (
                victim_class == "people",
                len({original.get(c.source, c.source) for c in group}),
                len(group),
            )

        victim_class, place, group = max(by_measure[measure], key=weight)
        group = sorted(group, key=lambda c: c.source in foreign)
        out.append(_key_figure(measure, victim_class, group, comparisons, original, window_days))
    return out


def _key_figure(
    measure: str,
    victim_class: str,
    group: list[Claim],
    comparisons: Sequence[Comparison],
    original: dict[str, str],
    window_days: int,
) -> KeyFigure:
    current = _current(group, window_days)
    latest = max((c.reported for c in current if c.reported is not None), default=None)
    ids = {c.id for c in current}
    earlier = [c for c in group if c.id not in ids and (c.status == "superseded" or _before(c, current))]
    clash = bool(conflicts(current, original, window_days))
    comparison = next(
        (
            n
            for n, k in enumerate(comparisons)
            if k.measure == measure and k.victim_class == victim_class and ids <= set(k.claims)
        ),
        None,
    )
    return KeyFigure(
        measure=measure,
        victim_class=victim_class,
        place=next((c.place for c in current if c.place), None),
        current=_range(current),
        sources=_ordered({c.source for c in current}),
        attributed_to=_speakers(current),
        reported=latest,
        history=_history(earlier),
        conflict=clash,
        comparison=comparison,
        claims=[c.id for c in current],
    )


def _current(group: list[Claim], window_days: int) -> list[Claim]:
    """The figures of the latest window still current, the firm ones unless only hedged are said."""
    standing = [c for c in group if c.status == "current"]
    standing = [c for c in standing if not c.hedged] or standing
    dated = [c.reported for c in standing if c.reported is not None]
    if not dated:
        return standing
    start = max(dated) - dt.timedelta(days=window_days - 1)
    return [c for c in standing if c.reported is None or c.reported >= start]


def _before(claim: Claim, current: list[Claim]) -> bool:
    """Reported before the current figures (an undated figure is never placed earlier)."""
    dated = [c.reported for c in current if c.reported is not None]
    return claim.reported is not None and bool(dated) and claim.reported < min(dated)


def _range(claims: list[Claim]) -> ClaimValue:
    """The range across the figures: "14–17", "about 180 to more than 200", or one figure's words."""
    values = {(c.value.lo, c.value.hi) for c in claims}
    if len(values) == 1:
        return claims[0].value
    lo = min(c.value.lo or 0 for c in claims)
    his = [c.value.hi for c in claims]
    hi = None if any(h is None for h in his) else max(h for h in his if h is not None)
    lowest = min(claims, key=lambda c: (c.value.lo or 0, _top(c)))
    highest = max(claims, key=lambda c: (_top(c), c.value.lo or 0))
    if lowest.id == highest.id or (lowest.value.lo, lowest.value.hi) == (highest.value.lo, highest.value.hi):
        text = lowest.value.text  # one figure holds all the others ("up to 90" and "86")
    elif all(c.value.lo is not None and c.value.lo == c.value.hi for c in (lowest, highest)):
        text = f"{lo}–{hi}"
    elif overlap((lowest.value.lo, lowest.value.hi), (highest.value.lo, highest.value.hi)):
        text = " / ".join(dict.fromkeys(c.value.text for c in claims))  # wordings of about one figure
    else:
        high = highest.value.text
        text = f"{lowest.value.text} to {high[:1].lower() + high[1:] if high[1:2].islower() else high}"
    return ClaimValue(lo=lo, hi=hi, text=text)


def _top(claim: Claim) -> float:
    return float("inf") if claim.value.hi is None else claim.value.hi


def _speakers(claims: list[Claim]) -> list[str]:
    seen: list[str] = []
    for claim in claims:
        if claim.attributed_to and claim.attributed_to not in seen:
            seen.append(claim.attributed_to)
    return seen


def _ordered(source_ids: set[str]) -> list[str]:
    return sorted(source_ids, key=lambda s: (len(s), s))


def _history(claims: list[Claim]) -> list[TollPoint]:
    """Earlier figures, one point per (day, value), oldest first."""
    points: dict[tuple[dt.date | None, int | None, int | None], list[Claim]] = defaultdict(list)
    for claim in claims:
        points[(claim.reported, claim.value.lo, claim.value.hi)].append(claim)
    ordered = sorted(points.items(), key=lambda kv: (kv[0][0] or dt.date.min, min(_n(c) for c in kv[1])))
    return [
        TollPoint(
            reported=day,
            value=members[0].value,
            claims=[c.id for c in members],
            sources=_ordered({c.source for c in members}),
            attributed_to=_speakers(members),
        )
        for (day, _lo, _hi), members in ordered
    ]


def _n(claim: Claim) -> int:
    return int(claim.id[1:]) if claim.id[1:].isdigit() else 0
