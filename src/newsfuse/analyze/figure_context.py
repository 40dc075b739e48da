"""Readings of figures that need more than their own clause (FIGURES.md §A4, §A11, C1, C11): the items
of a per-place enumeration with the verb stated once, quoted speech whose speaker is named in another
sentence, generic source descriptions resolved to the organisation the article named, and the figures
of a headline given apart from the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from newsfuse.analyze.attribution import source_phrase, speaker_in
from newsfuse.analyze.attribution_frames import resolve_generic
from newsfuse.analyze.figure_lines import same_line
from newsfuse.analyze.headline_case import headline_clauses, is_headline_case, parse_form
from newsfuse.analyze.parse import doc_ents, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsfuse.analyze.figures import FigureClaim
    from newsfuse.analyze.numbers import Count
    from newsfuse.models import AnalyzedArticle

__all__ = ["enumerated", "figures_in_title", "named_generics", "quoted_speakers"]

_PLACE_WORDS = frozenset({"in", "at", "near"})
_OPENING = "“«"
_CLOSING = "”»"


def enumerated(
    span: Span,
    runs: list[list[Token]],
    claims: list[FigureClaim],
    count_of: Callable[[list[Token]], tuple[Count, int, int] | None],
    offset: int,
) -> list[FigureClaim]:
    """`claims` with the items of "N bodies were counted in A, M in B, K in C" / "N killed: M in A and
    another K in B" (§A4): each a partial count of the first claim's measure and victims, with its own
    place (an item the parse already read as a claim keeps its reading and gains the place)."""
    if not claims:
        return []
    first = claims[0]
    taken = {c.number[0]: n for n, c in enumerate(claims)}
    claims = list(claims)
    out: list[FigureClaim] = []
    for run in runs:
        end = run[-1].i + 1
        if end + 1 >= span.end or run[0].idx + offset <= first.number[0]:
            continue
        prep, place = span.doc[end], span.doc[end + 1]
        if prep.lower_ not in _PLACE_WORDS or not (
            place.ent_type_ in ("GPE", "LOC", "FAC") or place.pos_ == "PROPN"
        ):
            continue
        found = count_of(run)
        if found is None:
            continue
        count, start, stop = found
        name = next(
            (" ".join(t.text for t in e if not t.like_num) for e in span.ents if e.start <= place.i < e.end),
            place.text,
        )
        if start + offset in taken:
            n = taken[start + offset]
            if n > 0:  # the place written right after the item is its own
                claims[n] = replace(claims[n], place=name, partial=True)
            continue
        out.append(
            replace(first, count=count, number=(start + offset, stop + offset), place=name, partial=True)
        )
    return claims + out


def _quote_open_at(text: str, position: int) -> bool:
    """Whether `position` lies inside a quotation of its paragraph (straight quotes toggle)."""
    start = text.rfind("\n", 0, position) + 1
    inside = False
    for char in text[start:position]:
        if char == '"':
            inside = not inside
        elif char in _OPENING:
            inside = True
        elif char in _CLOSING:
            inside = False
    return inside


def _closing_quote(text: str, position: int) -> int | None:
    """Where the quotation open at `position` closes, within its paragraph."""
    end = text.find("\n", position)
    found = re.search(r'["”»]', text[position : end if end >= 0 else len(text)])
    return position + found.start() if found else None


def quoted_speakers(
    found: list[FigureClaim], doc: Doc, sentences: list[tuple[int, int]]
) -> list[FigureClaim]:
    """A figure in quoted speech gets the speaker named after the closing quote of a later sentence
    (`"… N … . …" X said`) or before the opening one (`X said. "… N …"`) (§A11)."""
    text = doc_text(doc)
    out: list[FigureClaim] = []
    for claim in found:
        who = None
        if claim.attributed_to is None and _quote_open_at(text, claim.number[0]):
            who = _speaker_around(doc, text, claim, sentences)
        out.append(replace(claim, attributed_to=who) if who else claim)
    return out


def _speaker_around(doc: Doc, text: str, claim: FigureClaim, sentences: list[tuple[int, int]]) -> str | None:
    close = _closing_quote(text, claim.number[1])
    if close is not None and close >= claim.sentence[1]:  # the quotation runs on into a later sentence
        end = next((e for s, e in sentences if s <= close < e), None)
        after = doc.char_span(close + 1, end, alignment_mode="expand") if end else None
        named = speaker_in(after) if after is not None and len(after) else None
        if named is not None:
            return source_phrase(named)
    opened = max(text.rfind('"', 0, claim.number[0]), text.rfind("“", 0, claim.number[0]))
    if 0 <= opened <= claim.sentence[0] + 1:  # the quotation opened in an earlier sentence, or opens this one
        before = [(s, e) for s, e in sentences if e <= opened + 1]
        if before and text[before[-1][0] : before[-1][1]].rstrip().endswith(
            (":", "said.", "says.", "added.")
        ):
            span = doc.char_span(*before[-1], alignment_mode="expand")
            named = speaker_in(span) if span is not None else None
            if named is not None:
                return source_phrase(named)
    return None


def named_generics(found: list[FigureClaim], doc: Doc) -> list[FigureClaim]:
    """ "the monitor", "the Britain-based group" as the organisation the article names for it (C11):
    the last named before it, else the first named after it."""
    out: list[FigureClaim] = []
    orgs = [e for e in doc_ents(doc) if e.label_ == "ORG"]  # read once: `doc.ents` walks the whole Doc
    for claim in found:
        earlier = [e.text for e in orgs if e.end_char <= claim.sentence[0]]
        sources = [f.attributed_to for f in out if f.attributed_to and f.attributed_to != claim.attributed_to]
        earlier += [name for name in sources if name[:1].isupper()]  # cited names the parser did not tag
        named = resolve_generic(claim.attributed_to, earlier, sources) if claim.attributed_to else None
        if claim.attributed_to and named is None:  # "… a monitor said" in the lead, the name given later
            later = [
                e.text.removeprefix("The ").removeprefix("the ")
                for e in orgs
                if e.start_char >= claim.sentence[1]
            ]
            cited = [f.attributed_to for f in found if f.attributed_to and f.sentence[0] >= claim.sentence[1]]
            later += [name for name in cited if name[:1].isupper()]
            named = resolve_generic(claim.attributed_to, later[::-1], cited)
        out.append(replace(claim, attributed_to=named) if named else claim)
    return out


def figures_in_title(analyzed: AnalyzedArticle, body: list[FigureClaim]) -> list[FigureClaim]:
    """Figures a headline states (headlines are claims too, C1), unless the body repeats the headline.

    A body sentence restating the headline's figure in its own words is a claim of its own, as the
    labels count it: only a copy of the headline line is the same claim. `body` is kept for callers.
    A headline is kept apart from the cleaned text, so its figures carry the headline itself as
    their quote; `sentence` and `number` are offsets into the headline.
    """
    from newsfuse.analyze import lemma_figures
    from newsfuse.analyze.figures import _claim, _number_runs
    from newsfuse.analyze.nlp import load_pipeline
    from newsfuse.analyze.parse import FULL

    title = analyzed.article.title
    language = analyzed.article.language
    if title and lemma_figures.is_pattern_language(language):  # no parser: patterns over lemmas
        return (
            []
            if same_line(title, analyzed.article.text)
            else lemma_figures.extract_text(title, language, [(0, len(title))])
        )
    if (
        not title
        or same_line(title, analyzed.article.text)
        or analyzed.doc is None
        or not analyzed.doc.has_annotation("DEP")
    ):
        return []
    nlp = load_pipeline(language, FULL)
    if language == "en" and is_headline_case(title):  # "1 Dead, 3 Hurt …": clause by clause (§A2)
        spans = [(nlp(parse_form(title[a:b]))[:], a) for a, b in headline_clauses(title)]
    else:
        parsed = analyzed.title_doc if analyzed.title_doc is not None else nlp(title)
        spans = [(sentence, 0) for sentence in parsed.sents]
    found: list[FigureClaim] = []
    for sentence, offset in spans:
        for run in _number_runs(sentence):
            claim = _claim(run, sentence, (0, len(title)), offset, language)
            if claim is not None:
                found.append(claim)
    return found
