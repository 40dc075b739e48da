"""The two charts under the key figures, as geometry: figures by source, and the toll over time.

Pure functions from a Brief to frozen dataclasses whose coordinates are SVG user units; the template
(sections/charts.html.j2) only draws them. Every string here may be article-derived (outlet names,
figure text): nothing is marked safe, the template autoescapes. Each chart comes in two widths, `WIDE`
and `NARROW`, so its text stays at least 11 px on a laptop and on a phone (CSS shows one of them).
"""

from __future__ import annotations

import functools
import math
import re
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from newsfuse.models import Brief, Claim, ClaimValue
from newsfuse.render.common import comparison_kind, short_date


@dataclass(frozen=True)
class Layout:
    """One drawing width: the SVG's viewBox width, its margins and font size (user units)."""

    name: Literal["wide", "narrow"]
    width: float
    left: float
    right: float
    font: float
    names: int  # source names written per label before "+N more"
    name_chars: int  # an outlet name longer than this is shortened with "…"


WIDE = Layout("wide", 720, 16, 16, 13, 3, 22)
NARROW = Layout("narrow", 340, 10, 10, 12, 2, 14)
LAYOUTS = (WIDE, NARROW)
CHAR_EM = 0.6  # average glyph width in em, generous for digits and lower case
DOT_R = 4.5
DOT_STEP = 10.0  # distance between stacked source dots
STACK = 4  # source dots per column before a cluster spreads sideways (more when there are many)
BAR_STEP = 9.0  # distance between the stacked bars (ranges, "at least") of one figure
BAR_STACK = 54.0  # the most height a stack of bars takes; many sources draw closer together
MEMO_SIZE = 64  # briefs whose charts are kept (the web app's brief cache holds 64)
MAX_DESCRIBED = 12  # figures named in a chart's text description


T = TypeVar("T")


def per_brief(chart: Callable[[Brief], T]) -> Callable[[Brief], T]:
    """Keep a chart of each brief while the brief lives: the web app draws a cached brief's page on every
    request, and the geometry is the costly part of drawing the charts."""
    memo: dict[int, tuple[weakref.ref[Brief], T]] = {}
    lock = threading.Lock()

    @functools.wraps(chart)
    def drawn(brief: Brief) -> T:
        with lock:
            hit = memo.get(id(brief))
        if hit is not None and hit[0]() is brief:
            return hit[1]
        value = chart(brief)
        with lock:
            if len(memo) >= MEMO_SIZE:
                memo.pop(next(iter(memo)))
            memo[id(brief)] = (weakref.ref(brief), value)
        return value

    return drawn


def slug(*parts: str) -> str:
    """A fragment of an element id: lower case letters, digits and hyphens only."""
    return re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")


def text_width(text: str, font: float) -> float:
    return len(text) * font * CHAR_EM


def value_label(value: ClaimValue) -> str:
    """A figure in a few language-neutral characters: "14", "≥12", "20–99", "≤90"."""
    lo, hi = value.lo, value.hi
    if lo is not None and hi is not None:
        return f"{lo:,}" if lo == hi else (f"≤{hi:,}" if lo == 0 else f"{lo:,}–{hi:,}")
    if lo is not None:
        return f"≥{lo:,}"
    if hi is not None:
        return f"≤{hi:,}"
    return value.text


def nice_ticks(top: float, count: int = 4) -> list[int]:
    """Round tick values from 0 to at least `top` (0, 5, 10, 15, 20…)."""
    top = max(top, 1.0)
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    return list(range(0, math.ceil(top / step) * step + 1, step))


# --- figures by source ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class SourceDot:
    """One independent source's figure: a dot linking to its claim's row; its copies are folded in."""

    x: float
    y: float
    href: str  # "#claim-c4"
    title: str  # what the dot says in words, for the tooltip and screen readers


@dataclass(frozen=True)
class Mark:
    """The figures of one row that are the same value: a shape (dot, range bar, "at least" arrow), a dot
    per source on it, and one label ("14 · Herald, s4 +1 copy")."""

    shape: Literal["dot", "range", "atleast"]
    x1: float  # the figure's low end (or the value)
    x2: float  # its high end; the axis end for "at least"
    y: float  # the shape's line
    dots: list[SourceDot]
    value: str
    names: str
    label_x: float
    label_y: float
    anchor: Literal["start", "end"]
    conflict: bool
    superseded: bool
    top: float = 0.0  # the mark's box, used to pack marks (not drawn)
    bottom: float = 0.0
    left: float = 0.0
    right: float = 0.0


@dataclass(frozen=True)
class RowDrawing:
    """A row at one width."""

    layout: str
    width: float
    height: float
    axis_y: float
    axis_x1: float
    axis_x2: float
    ticks: list[Tick]
    marks: list[Mark]


@dataclass(frozen=True)
class FigureRow:
    """One measure: its caption, its description in words, and its drawing at each width."""

    key: str  # a slug for element ids: "killed-people"
    measure: str
    victims: str
    place: str
    sources: int  # independent sources
    copies: int
    conflict: bool
    comparison: str | None  # the element id of the comparison that explains it
    title: str
    desc: str
    drawings: list[RowDrawing]


@dataclass(frozen=True)
class _Member:
    source: str
    claims: list[Claim]
    copies: list[str]


@dataclass
class _Cluster:
    value: ClaimValue
    superseded: bool
    conflict: bool
    members: list[_Member] = field(default_factory=list)


def source_roots(brief: Brief) -> dict[str, str]:
    """Each source's original: copies (`duplicate_of`, followed to the end) fold into it."""
    parent = {s.id: s.duplicate_of for s in brief.sources}
    roots = {}
    for sid in parent:
        root, seen = sid, {sid}
        while parent.get(root) and parent[root] not in seen:
            root = parent[root] or root
            seen.add(root)
        roots[sid] = root
    return roots


def _short_name(brief: Brief, source: str, chars: int) -> str:
    """An outlet's name (shortened) or the source id: what fits beside a dot."""
    outlet = next((s.outlet for s in brief.sources if s.id == source and s.outlet), None)
    if not outlet:
        return source
    outlet = " ".join(outlet.split())
    return outlet if len(outlet) <= chars else outlet[: chars - 1].rstrip() + "…"


def _row_claims(brief: Brief) -> list[tuple[str, str, str, list[str], bool, str | None]]:
    """(measure, victim class, place, claim ids, conflict, comparison anchor) per row: the key figures
    (their current claims, history and comparison), then comparisons no key figure covers."""
    rows = []
    covered = set()
    for kf in brief.key_figures:
        ids = list(kf.claims)
        for point in kf.history:
            ids += point.claims
        index = (
            kf.comparison
            if kf.comparison is not None and 0 <= kf.comparison < len(brief.comparisons)
            else None
        )
        if index is not None:
            covered.add(index)
            ids += brief.comparisons[index].claims
        conflict = kf.conflict or (
            index is not None and comparison_kind(brief.comparisons[index]) == "conflict"
        )
        anchor = f"comparison-{index + 1}" if index is not None else None
        rows.append((kf.measure, kf.victim_class, kf.place or "", list(dict.fromkeys(ids)), conflict, anchor))
    for index, c in enumerate(brief.comparisons):
        if index not in covered:
            conflict = comparison_kind(c) == "conflict"
            rows.append(
                (
                    c.measure,
                    c.victim_class,
                    c.place or "",
                    list(c.claims),
                    conflict,
                    f"comparison-{index + 1}",
                )
            )
    return rows


def _clusters(brief: Brief, ids: list[str], conflict: bool) -> list[_Cluster]:
    """The row's figures grouped by value and status; a source's copies fold into the source."""
    by_id = {c.id: c for c in brief.claims}
    roots = source_roots(brief)
    order = {s.id: n for n, s in enumerate(brief.sources)}  # sources in input order: s2 before s10
    clusters: dict[tuple[int | None, int | None, bool], _Cluster] = {}
    members: dict[tuple[int | None, int | None, bool], dict[str, _Member]] = {}
    for cid in ids:
        claim = by_id.get(cid)
        if claim is None or (claim.value.lo is None and claim.value.hi is None):
            continue
        superseded = claim.status == "superseded"
        key = (claim.value.lo, claim.value.hi, superseded)
        if key not in clusters:
            clusters[key] = _Cluster(claim.value, superseded, conflict and not superseded)
            members[key] = {}
        root = roots.get(claim.source, claim.source)
        member = members[key].setdefault(root, _Member(root, [], []))
        member.claims.append(claim)
        if root != claim.source and claim.source not in member.copies:
            member.copies.append(claim.source)
    for key, cluster in clusters.items():
        cluster.members = sorted(members[key].values(), key=lambda m: order.get(m.source, len(order)))
    return sorted(clusters.values(), key=lambda c: (low_end(c.value), high_end(c.value) or 0, c.superseded))


def low_end(value: ClaimValue) -> float:
    return float(value.lo if value.lo is not None else 0)


def high_end(value: ClaimValue) -> float | None:
    return float(value.hi) if value.hi is not None else None


def _member_claim(member: _Member) -> Claim:
    own = [c for c in member.claims if c.source == member.source]
    return (own or member.claims)[0]


def _member_name(brief: Brief, member: _Member, chars: int) -> str:
    name = _short_name(brief, member.source, chars)
    if member.copies:
        name += f" +{len(member.copies)} cop{'y' if len(member.copies) == 1 else 'ies'}"
    return name


def _dot_title(brief: Brief, member: _Member, cluster: _Cluster) -> str:
    claim = _member_claim(member)
    words = [f"{claim.value.text} ({value_label(cluster.value)})", f"source {member.source}"]
    outlet = _short_name(brief, member.source, 200)
    if outlet != member.source:
        words[-1] += f", {outlet}"
    if claim.attributed_to:
        words.append(f"per {claim.attributed_to}")
    if claim.reported:
        words.append(f"reported {short_date(claim.reported)}")
    if member.copies:
        words.append(
            "also in " + ", ".join(member.copies) + (" (a copy)" if len(member.copies) == 1 else " (copies)")
        )
    if cluster.superseded:
        words.append("superseded")
    if cluster.conflict:
        words.append("in conflict")
    return "; ".join(words) + f" (claim {claim.id})"


def _names(brief: Brief, cluster: _Cluster, layout: Layout, room: float) -> str:
    """The sources beside a mark, thinned to fit `room`: "Herald, s4 +1 copy +3 more", else "5 sources"."""
    n = len(cluster.members)
    for count in range(min(layout.names, n), 0, -1):
        shown = [_member_name(brief, m, layout.name_chars) for m in cluster.members[:count]]
        text = ", ".join(shown) + (f" +{n - count} more" if n > count else "")
        if text_width(text, layout.font) <= room:
            return text
    return f"{n} source{'s' if n != 1 else ''}"


def _draw_row(brief: Brief, clusters: list[_Cluster], layout: Layout) -> RowDrawing:
    """Place the row's marks on one width: a shared axis from 0, marks packed top-down without overlap."""
    x1, x2 = layout.left + DOT_R + 2, layout.width - layout.right - 8
    # the axis reaches past the largest figure, and further past an "at least" so its arrow shows
    top_value = max([high_end(c.value) or low_end(c.value) * 1.15 for c in clusters] + [1.0])
    ticks = nice_ticks(top_value)
    scale = (x2 - x1) / ticks[-1]

    def xof(v: float) -> float:
        return round(x1 + v * scale, 1)

    font, line = layout.font, layout.font + 6
    placed: list[Mark] = []
    for cluster in clusters:
        lo, hi = low_end(cluster.value), high_end(cluster.value)
        shape: Literal["dot", "range", "atleast"] = (
            "atleast" if hi is None else ("dot" if hi == lo else "range")
        )
        a, b = xof(lo), (x2 + 6 if hi is None else xof(hi))
        n = len(cluster.members)
        if shape == "dot":  # a dot per source, in columns spread either side of the value, taller when many
            stack = max(STACK, math.ceil(math.sqrt(3 * n)))
            columns = math.ceil(n / stack)
            spots = [
                (a + (i // stack - (columns - 1) / 2) * DOT_STEP, (i % stack) * DOT_STEP) for i in range(n)
            ]
        else:  # a bar (or an arrow) per source, one under the other, closer together when there are many
            step = min(BAR_STEP, BAR_STACK / max(n - 1, 1))
            spots = [(a, i * step) for i in range(n)]
        depth = max(dy for _, dy in spots)
        shape_left = min(x for x, _ in spots) - DOT_R
        shape_right = max([x for x, _ in spots] + ([b] if shape == "range" else [])) + DOT_R
        value = value_label(cluster.value)
        names = _names(brief, cluster, layout, layout.width - 8 - text_width(f"{value} · ", font))
        label = text_width(f"{value} · {names}", font)
        fits_right = shape_right + 6 + label <= layout.width - 2
        fits_left = shape_left - 6 - label >= 2
        under = False
        anchor: Literal["start", "end"] = "start"
        if fits_left and (shape == "atleast" or not fits_right):
            anchor, lx = "end", shape_left - 6
            box = (lx - label, shape_right)
        elif fits_right:  # over an "at least" arrow when it must: the label has a halo
            lx = shape_right + 6
            box = (shape_left, lx + label)
        else:  # too long for either side: the label goes on the line under the marks
            lx, under = max(2.0, min(shape_left, layout.width - 2 - label)), True
            box = (min(shape_left, lx), max(shape_right, lx + label))
        if shape == "atleast":
            box = (box[0], max(box[1], b + 4))
        height = max(line, depth + 2 * DOT_R + 4) + (line if under else 0)
        y0 = max([m.bottom for m in placed if m.left < box[1] and box[0] < m.right] + [6.0])
        y = y0 + max(DOT_R + 2, line / 2)
        dots = [
            SourceDot(
                x=round(x, 1), y=round(y + dy, 1), href=f"#claim-{_member_claim(m).id}",
                title=_dot_title(brief, m, cluster),
            )
            for (x, dy), m in zip(spots, cluster.members, strict=True)
        ]  # fmt: skip
        ly = y + depth + line if under else y + font * 0.35
        placed.append(
            Mark(
                shape=shape, x1=a, x2=round(b, 1), y=round(y, 1), dots=dots, value=value, names=names,
                label_x=round(lx, 1), label_y=round(ly, 1), anchor=anchor, conflict=cluster.conflict,
                superseded=cluster.superseded, top=y0, bottom=y0 + height + 4, left=box[0], right=box[1],
            )
        )  # fmt: skip
    axis_y = max([m.bottom for m in placed] + [20.0]) + 4
    return RowDrawing(
        layout=layout.name, width=layout.width, height=round(axis_y + font + 10, 1), axis_y=round(axis_y, 1),
        axis_x1=x1, axis_x2=x2, ticks=[Tick(xof(t), f"{t:,}") for t in ticks], marks=placed,
    )  # fmt: skip


def _describe(brief: Brief, title: str, clusters: list[_Cluster], sources: int) -> str:
    """The row in words: "Killed: 3 sources; 14 (s1, s4); ≥12 (s3); 40 (s5, conflict)"."""
    parts = [f"{title}: {sources} independent source{'s' if sources != 1 else ''}"]
    for cluster in clusters[:MAX_DESCRIBED]:
        ids = ", ".join(m.source + (f" +{len(m.copies)} copy" if m.copies else "") for m in cluster.members)
        notes = [n for n, on in (("conflict", cluster.conflict), ("superseded", cluster.superseded)) if on]
        parts.append(f"{value_label(cluster.value)} ({ids}{'; ' + ', '.join(notes) if notes else ''})")
    if len(clusters) > MAX_DESCRIBED:
        parts.append(f"and {len(clusters) - MAX_DESCRIBED} more figures")
    return "; ".join(parts)


@per_brief
def figure_rows(brief: Brief) -> list[FigureRow]:
    """The chart of figures by source: a row per key figure (and per comparison none covers)."""
    rows = []
    for n, (measure, victims, place, ids, conflict, anchor) in enumerate(_row_claims(brief)):
        clusters = _clusters(brief, ids, conflict)
        if not clusters:
            continue
        sources = {m.source for c in clusters for m in c.members}
        copies = {cp for c in clusters for m in c.members for cp in m.copies}
        measure_text, victims_text = measure.replace("_", " "), victims.replace("_", " ")
        title = f"{measure_text.capitalize()} ({victims_text}{', ' + place if place else ''})"
        rows.append(
            FigureRow(
                key=slug(str(n + 1), measure, victims), measure=measure_text, victims=victims_text,
                place=place,
                sources=len(sources), copies=len(copies), conflict=conflict, comparison=anchor, title=title,
                desc=_describe(brief, title, clusters, len(sources)),
                drawings=[_draw_row(brief, clusters, layout) for layout in LAYOUTS],
            )
        )  # fmt: skip
    return rows


def has_charts(brief: Brief) -> bool:
    """Whether the brief has figures to chart (the charts section is left out otherwise)."""
    return bool(brief.key_figures or brief.comparisons)
