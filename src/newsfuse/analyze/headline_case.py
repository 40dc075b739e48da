"""Headline-style lines ("Two Killed Three Injured in Attack", "Bomb Kills Two Injures Three") cut
into clauses the parser can read.

Title case and missing punctuation make the tagger read "Kills", "Injures" as proper nouns and run
"Two Killed Three" together as subject-verb-object. `headline_clauses(text)` returns the [start, end)
character spans of the clauses of such a line, cut between one count and the next, and
`parse_form(text)` the same text with casualty and number words in lower case (same length, so
character offsets stay valid). Only English lines are treated (title case is an English habit).
"""

from __future__ import annotations

import itertools
import re

from newsfuse.analyze.casualty_words import _NOUN_MEASURES, _VERB_MEASURES
from newsfuse.analyze.numbers import VAGUE, word_number

__all__ = ["headline_clauses", "is_headline_case", "parse_form"]

_WORD = re.compile(r"[^\s]+")
_SMALL = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "as",
     "after", "over", "near"}
)  # fmt: skip
# a casualty word that follows its count ("Two Killed", "6 Martyrs") ends a clause after itself;
# a verb that precedes its count ("Kills Two") starts one
_AFTER_COUNT = re.compile(r"^(?:\w+ed|dead|hurt|missing|martyrs|victims|casualties|deaths|injuries)$")


def _stem(word: str) -> str:
    low = word.lower().strip(".,;:!?\"'()")
    for suffix in ("ies", "es", "ed", "s", "d", ""):
        base = low[: -len(suffix)] if suffix and low.endswith(suffix) else low
        if suffix == "ies":
            base += "y"
        if base in _VERB_MEASURES or base in _NOUN_MEASURES:
            return base
        if suffix in ("es", "ed", "d") and base + "e" in _VERB_MEASURES:
            return base + "e"
    return ""


def _is_casualty(word: str) -> bool:
    return bool(_stem(word))


def _is_count(word: str) -> bool:
    low = word.lower().strip(".,;:!?\"'()")
    return bool(re.fullmatch(r"\d[\d,]*", low)) or low in VAGUE or word_number(low) is not None


def is_headline_case(text: str) -> bool:
    """Most words capitalised, as in a headline ("Three Civilians Killed in Aleppo")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if w.lower() not in _SMALL]
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.7 * len(words)


def parse_form(text: str) -> str:
    """The line with casualty and number words in lower case; same length as `text`."""
    return _WORD.sub(
        lambda m: m.group().lower() if _is_casualty(m.group()) or _is_count(m.group()) else m.group(), text
    )


def headline_clauses(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the clauses of a headline-style line, one count each where it can."""
    words = list(_WORD.finditer(text))
    cuts: list[int] = []
    for n in range(1, len(words) - 1):
        word = words[n].group()
        if not _is_casualty(word) or not _is_count(words[n + 1].group()):
            continue
        counted_before = any(_is_count(w.group()) for w in words[max(n - 3, 0) : n])
        if not counted_before:
            continue  # "Attack Kills Two": the verb and its count belong together
        if _AFTER_COUNT.match(word.lower().strip(".,;:!?")):
            cuts.append(words[n + 1].start())  # "Two Killed | Three Injured"
        else:
            cuts.append(words[n].start())  # "Kills Two | Injures Three"
    bounds = [0, *cuts, len(text)]
    return [(a, b) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]
