"""Is a figure about the story's own incident, an earlier one, or a running total?

"In August last year another car bomb killed at least 27 people" is background; "more than 250,000
have been killed since the start of the war" is cumulative. Neither is compared with the story's
own figures. `claim_scope` decides from the claim's resolved date (far from the dates the sources
were published) and from time expressions in its sentence (another year, "last year", "since
March 2011", "during the past month"), in English and French.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

__all__ = ["Scope", "claim_scope"]

Scope = Literal["incident", "background", "cumulative"]

# days before the first publication within which an incident is still the story's own
_LEAD_DAYS = 4

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
)
_LONG_EVENT = r"(?:war|conflict|uprising|revolution|insurgency|guerre|conflit|révolution)"
_CUMULATIVE = re.compile(
    rf"\bsince (?:the )?(?:start|beginning|outbreak|onset) of (?:the )?(?:[\w-]+ ){{0,2}}{_LONG_EVENT}\b"
    rf"|\bsince (?:(?:early|late|mid-?) ?)?(?:{_MONTH} )?(?:19|20)\d\d\b"
    rf"|\bsince (?:the )?(?:early |late |(?:start|beginning|end|middle) of )?{_MONTH}\b"
    rf"|\b(?:death )?toll (?:from|of|in) (?:the )?(?:\w+ )?{_LONG_EVENT}\b"
    rf"|\b{_LONG_EVENT}(?:'s|’s)? (?:overall |total )?(?:death )?toll\b"
    r"|\b(?:during|over|in) the (?:past|last|previous) (?:\w+ )?(?:days|weeks?|months?|years?)\b"
    r"|\bin total\b|\bdepuis (?:le )?(?:début|déclenchement)\b|\bdepuis (?:19|20)\d\d\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\blast (?:year|month)\b|\b(?:a|one|two|three|\d+) (?:years?|months?) (?:ago|earlier)\b"
    r"|\bl'an dernier\b|\bl’an dernier\b|\bl'année dernière\b|\bil y a (?:un|deux|\d+) ans?\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:in|on|en|of)\s+(?:(?:\w+\s+){0,2})?((?:19|20)\d\d)\b", re.IGNORECASE)


def claim_scope(
    sentence: str,
    when: dt.date | None,
    published: tuple[dt.date | None, dt.date | None],
) -> Scope:
    """The scope of a figure stated in `sentence`, resolved to `when`; `published` is the story's
    (first, last) publication dates, when known."""
    if _CUMULATIVE.search(sentence):
        return "cumulative"
    if _BACKGROUND.search(sentence):
        return "background"
    first, last = published
    # a date after the last publication is a misread weekday, not another event: only earlier counts
    if when is not None and first is not None and when < first - dt.timedelta(days=_LEAD_DAYS):
        return "background"
    if first is not None:
        years = {int(y) for y in _YEAR.findall(sentence)}
        story_years = {first.year, (last or first).year}
        if years and not years & story_years:
            return "background"  # "In May 2016 more than 300 people were killed"
    return "incident"
