"""Explicit zeros (C8) and the article's context for its claims.

"No one was killed", "nobody was hurt", "there were no injuries" are figures too: a claim [0, 0] of
the measure, which can conflict with another source's positive count. "No casualties" says no one
was killed and no one was hurt, so it gives two claims, killed [0, 0] and injured [0, 0]: a combined
`other` zero could never meet the positive count it contradicts. The reading is conservative: a
qualified zero ("no one else", "no one was seriously hurt", "no more than") is none.

The same pass reads the class words that depend on the story (§A10): "terrorists" in a war are an
armed group, in a riot the protesters.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsfuse.analyze import figures
from newsfuse.analyze.attribution import attribution_head, source_phrase
from newsfuse.analyze.casualty_words import Measure, armed_conflict, victim_class
from newsfuse.analyze.numbers import Count

if TYPE_CHECKING:
    from spacy.tokens import Span

    from newsfuse.models import AnalyzedArticle

__all__ = ["complete_figures"]

_GROUP = (
    r"people|persons?|one|civilians?|residents?|children|students|officers?|police(?:men)?|soldiers?"
    r"|passengers?|employees?|workers?|guests?|patrons?|bystanders?|firefighters?|occupants?|customers?"
)
# "no one was killed", "nobody died", "none of the passengers were hurt", "no civilians were wounded"
_WHO_NOTHING = re.compile(
    r"\b(?P<who>no[- ]one|nobody|none(?: of (?:them|those|the (?:"
    + _GROUP
    + r")))?|not a single (?:person|one)"
    r"|no (?:" + _GROUP + r"))"
    r"(?:\s+(?:was|were|is|are|has been|have been|had been|got|appears to have been))?"
    r"(?P<hedge>\s+(?:reportedly|reported|believed to have been|thought to have been))?"
    r"\s+(?P<what>killed|dead|died|hurt|injured|wounded|harmed|hospitali[sz]ed|shot)"
    r"(?:\s+(?:or|and|nor)\s+(?P<also>killed|hurt|injured|wounded|harmed))?\b",
    re.IGNORECASE,
)
# "there were no injuries", "no deaths were reported", "caused no casualties", "no reports of injuries"
_NO_TOLL = re.compile(
    r"(?P<lead>\b(?:there (?:were|was|have been|had been|are)|caused|resulted in|reported|left|suffered"
    r"|with)\s+)?"
    r"\b(?P<no>no(?:\s+(?:immediate\s+)?reports?\s+of)?)"
    r"\s+(?P<what>deaths or injuries|injuries or deaths|deaths?|fatalities|injuries|casualties)\b"
    r"(?P<said>\s+(?:were|was|have been|has been|had been)?\s*(?:immediately\s+)?(?:reported|recorded))?",
    re.IGNORECASE,
)
_MEASURES: dict[str, tuple[Measure, ...]] = {
    "killed": ("killed",), "dead": ("killed",), "died": ("killed",), "death": ("killed",),
    "deaths": ("killed",), "fatalities": ("killed",), "hurt": ("injured",), "injured": ("injured",),
    "wounded": ("injured",), "harmed": ("injured",), "injuries": ("injured",),
    "hospitalized": ("hospitalized",), "hospitalised": ("hospitalized",), "shot": ("shot",),
    "casualties": ("killed", "injured"), "deaths or injuries": ("killed", "injured"),
    "injuries or deaths": ("killed", "injured"),
}  # fmt: skip


def complete_figures(
    analyzed: AnalyzedArticle, found: list[figures.FigureClaim]
) -> list[figures.FigureClaim]:
    """The article's claims with its explicit zeros added, and story-dependent classes read in context."""
    text = analyzed.article.text
    war = armed_conflict(text)
    claims = [
        replace(c, victim_class=victim_class(c.victims, war or armed_conflict(text[slice(*c.sentence)], 1)))
        for c in found
    ]
    zeros = [claim for start, end in analyzed.sentences for claim in _zeros(analyzed, start, end)]
    return sorted(claims + zeros, key=lambda c: c.sentence[0])  # stable: a sentence's zeros after its counts


def _zeros(analyzed: AnalyzedArticle, start: int, end: int) -> list[figures.FigureClaim]:
    """The explicit zeros one sentence states."""
    text = analyzed.article.text[start:end]
    found: list[figures.FigureClaim] = []
    for match in _WHO_NOTHING.finditer(text):
        who = re.sub(r"^(?:none of (?:them|those|the)|not a single|no)\s*", "", match["who"], flags=re.I)
        victims = who if who.lower() not in ("", "one", "-one", "body") else "people"
        measures = _MEASURES[match["what"].lower()] + (
            _MEASURES[match["also"].lower()] if match["also"] else ()
        )
        zero = (match.start("who"), match.end("who"))
        found += _claims(analyzed, (start, end), zero, match, measures, victims, bool(match["hedge"]))
    for match in _NO_TOLL.finditer(text):
        if not (match["lead"] or match["said"] or " of" in match["no"]):
            continue  # "no deaths" alone may be a headline's wish or a slogan; say it only when stated
        zero = (match.start("no"), match.end("what"))
        measures = _MEASURES[match["what"].lower()]
        found += _claims(analyzed, (start, end), zero, match, measures, "people", False)
    return found


def _claims(
    analyzed: AnalyzedArticle,
    sentence: tuple[int, int],
    zero: tuple[int, int],
    match: re.Match[str],
    measures: tuple[Measure, ...],
    victims: str,
    hedged: bool,
) -> list[figures.FigureClaim]:
    """One [0, 0] claim per measure, attributed as the figures extractor attributes a count."""
    start = sentence[0]
    zero_at = (start + zero[0], start + zero[1])
    attributed_to = _source(analyzed, sentence, (start + match.start("what"), start + match.end("what")))
    return [
        figures.FigureClaim(
            measure=measure,
            victims=victims,
            victim_class=victim_class(victims),
            count=Count(0, 0, analyzed.article.text[zero_at[0] : zero_at[1]]),
            place=None,
            attributed_to=attributed_to,
            sentence=sentence,
            number=zero_at,
            partial=False,
            hedged=hedged and attributed_to is None,
        )
        for measure in dict.fromkeys(measures)
    ]


def _source(analyzed: AnalyzedArticle, sentence: tuple[int, int], word: tuple[int, int]) -> str | None:
    """Who says the zero: the source the parse attaches to the measure word, if the sentence names one."""
    doc = analyzed.doc
    if doc is None or not doc.has_annotation("DEP"):
        return None
    span: Span | None = doc.char_span(*sentence, alignment_mode="expand")
    anchor = doc.char_span(*word, alignment_mode="expand")
    if span is None or anchor is None:
        return None
    head = attribution_head(anchor.root, span)
    return source_phrase(head) if head is not None else None
