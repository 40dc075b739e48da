"""Hand-made briefs with key figures filled, so the renderers are tested without the pipeline."""

from __future__ import annotations

import datetime as dt

from newsfuse.models import (
    Brief,
    Claim,
    ClaimValue,
    Comparison,
    KeyFigure,
    Source,
    Story,
    SummarySentence,
    TollPoint,
)

DAY1, DAY2, DAY3 = dt.date(2031, 6, 4), dt.date(2031, 6, 5), dt.date(2031, 6, 6)


def _source(n: int, outlet: str, published: dt.date) -> Source:
    return Source(
        id=f"s{n}", path=f"in/{n}.txt", url=None, outlet=outlet, title=f"Mill flood report {n}",
        language="en", published=published, published_from="metadata",
        text=f"Report {n} about the flood at the Brenholt mill.", removed=[], duplicate_of=None,
    )  # fmt: skip


def _claim(
    cid: str, source: str, measure: str, text: str, lo: int | None, hi: int | None, **kw: object
) -> Claim:
    fields: dict[str, object] = {
        "id": cid, "source": source, "measure": measure, "victims": "people", "victim_class": "people",
        "value": ClaimValue(lo=lo, hi=hi, text=text), "place": "Brenholt", "when": DAY1,
        "attributed_to": None, "quote": f"Quote of {cid}.",
    }  # fmt: skip
    fields.update(kw)
    return Claim(**fields)  # type: ignore[arg-type]


def toll_brief() -> Brief:
    """A flood whose death toll rose over three days and was then revised down; injured in conflict."""
    old, ministry = "superseded", "labour ministry"
    claims = [
        _claim("c1", "s1", "killed", "at least six", 6, None, reported=DAY1, status=old, hedged=True),
        _claim("c2", "s2", "killed", "11", 11, 11, reported=DAY2, attributed_to="river police", status=old),
        _claim("c3", "s3", "killed", "23", 23, 23, reported=DAY3, attributed_to=ministry, status=old),
        _claim("c4", "s3", "killed", "22", 22, 22, reported=DAY3, attributed_to="labour ministry"),
        _claim("c5", "s2", "injured", "about 40", 36, 44, reported=DAY2, attributed_to="Brenholt clinic"),
        _claim("c6", "s3", "injured", "more than 60", 61, None, reported=DAY2, attributed_to="mill union"),
        _claim("c7", "s3", "killed", "three", 3, 3, reported=DAY3, victims="children", partial=True),
    ]  # fmt: skip
    comparisons = [
        Comparison(
            measure="killed", victim_class="people", place="Brenholt", verdict="agree", claims=["c3", "c4"],
            explanation="23 per the labour ministry (s3) on 6 Jun, revised to 22 the same day",
            window=[DAY3, DAY3], kind="revision",
        ),
        Comparison(
            measure="injured", victim_class="people", place="Brenholt", verdict="conflict",
            claims=["c5", "c6"],
            explanation="about 40 per Brenholt clinic (s2); more than 60 per the mill union (s3)",
            window=[DAY2, DAY2], kind="conflict",
        ),
    ]  # fmt: skip
    key_figures = [
        KeyFigure(
            measure="killed", victim_class="people", place="Brenholt",
            current=ClaimValue(lo=22, hi=22, text="22"), sources=["s3"], attributed_to=["labour ministry"],
            reported=DAY3,
            history=[
                TollPoint(reported=DAY1, value=ClaimValue(lo=6, hi=None, text="at least six"), claims=["c1"],
                          sources=["s1"], attributed_to=[]),
                TollPoint(reported=DAY2, value=ClaimValue(lo=11, hi=11, text="11"), claims=["c2"],
                          sources=["s2"], attributed_to=["river police"]),
                TollPoint(reported=DAY3, value=ClaimValue(lo=23, hi=23, text="23"), claims=["c3"],
                          sources=["s3"], attributed_to=["labour ministry"]),
                TollPoint(reported=DAY3, value=ClaimValue(lo=22, hi=22, text="22"), claims=["c4"],
                          sources=["s3"], attributed_to=["labour ministry"]),
            ],
            conflict=False, comparison=0, claims=["c4"],
        ),
        KeyFigure(
            measure="injured", victim_class="people", place="Brenholt",
            current=ClaimValue(lo=36, hi=None, text="about 40 – more than 60"), sources=["s2", "s3"],
            attributed_to=["Brenholt clinic", "mill union"], reported=DAY2, history=[],
            conflict=True, comparison=1, claims=["c5", "c6"],
        ),
    ]  # fmt: skip
    return Brief(
        story=Story(id="story-flood", title="Flood at the Brenholt mill", first_seen=DAY1, last_seen=DAY3),
        sources=[
            _source(1, "Lowmoor Gazette", DAY1),
            _source(2, "Brenholt Echo", DAY2),
            _source(3, "Tarn Radio", DAY3),
        ],
        key_figures=key_figures,
        claims=claims,
        comparisons=comparisons,
        summary=[SummarySentence(text="A flood at the Brenholt mill killed 22 people.", sources=["s3"])],
    )
