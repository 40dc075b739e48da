"""Citations that land on the sentence: where each cited text sits in its source, and its element id.

Every figure, summary sentence and timeline item of a brief cites a source; the page wraps the cited
span of the source's text in an element whose id the citation links to (`src-s2-at-1234`), so that
`:target` highlights it with no script. Spans are found by exact offsets in `Source.text`, else
(whitespace differs, a summary sentence another source words differently) the closest sentence; a
figure of the headline lands on the card's title. Overlapping spans merge into one, so the source's
text renders as flat, non-nested segments. Nothing here is markup: templates autoescape every string.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsfuse.models import Brief, Claim, Source, SummarySentence

_SENTENCE_END = re.compile(r"(?<=[.!?…»”\"'])\s+(?=[\"“«‘'(\[]?[A-ZÀ-ÖØ-ÞА-Я0-9])|\n+")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def source_anchor(source_id: str) -> str:
    """The element id of a source's card."""
    return f"src-{source_id}"


def title_anchor(source_id: str) -> str:
    """The element id of a source's title, where a figure of the headline lands."""
    return f"src-{source_id}-title"


def span_anchor(source_id: str, start: int) -> str:
    """The element id of the cited span starting at `start` in the source's text."""
    return f"src-{source_id}-at-{start}"


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of `text` (stripped of surrounding space)."""
    out, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        out.append((start, boundary.start()))
        start = boundary.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in (_strip(text, a, b) for a, b in out) if b > a]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


@functools.lru_cache(maxsize=256)
def _sentence_words(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """Each sentence of a text with its words: a page asks it of the same source many times."""
    return tuple((a, b, frozenset(_words(text[a:b]))) for a, b in sentences(text))


def closest_sentence(wanted: str, text: str) -> tuple[int, int] | None:
    """The sentence of `text` sharing most words with `wanted` (Jaccard); None when none shares any."""
    want = _words(wanted)
    best, best_score = None, 0.0
    for start, end, words in _sentence_words(text):
        if not words:
            continue
        score = len(words & want) / len(words | want)
        if score > best_score:
            best, best_score = (start, end), score
    return best


def locate(wanted: str, text: str) -> tuple[int, int] | None:
    """Where `wanted` is in `text`: exact, else with any run of spaces matching any other, else the
    closest sentence; None when the text shares no word with it."""
    wanted = wanted.strip()
    if not wanted:
        return None
    at = text.find(wanted)
    if at >= 0:
        return at, at + len(wanted)
    pattern = r"\s+".join(re.escape(part) for part in _SPACE.split(wanted))
    found = re.search(pattern, text)
    if found:
        return found.start(), found.end()
    return closest_sentence(wanted, text)


def cited_text(sentence: SummarySentence, source_id: str) -> str:
    """What a summary sentence cites in one source: the sentence the summary matched there (`quotes`,
    verbatim, in the source's language), else the summary's own text (briefs made before `quotes`)."""
    return sentence.quotes.get(source_id) or sentence.text


def supporting_sentence(sentence: SummarySentence, source: Source) -> str:
    """The text of `source` a summary sentence stands on: verbatim when present, else its closest sentence."""
    span = locate(cited_text(sentence, source.id), source.text)
    return source.text[span[0] : span[1]].strip() if span else ""


def _in_title(wanted: str, source: Source) -> bool:
    title = " ".join((source.title or "").split())
    wanted = " ".join(wanted.split())
    return bool(title and wanted and (wanted in title or title in wanted))


@dataclass(frozen=True)
class Segment:
    """A piece of a source's text: plain, or cited (then `anchor` is set on the first piece of a span)."""

    text: str
    cited: bool = False
    anchor: str | None = None


@dataclass
class _SourceSpans:
    source: Source
    wanted: list[tuple[int, int]] = field(default_factory=list)
    merged: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Quote:
    """What a citation shows and where it lands."""

    source: str
    href: str  # "#src-s2-at-1234", "#src-s2-title" or "#src-s2"
    text: str  # the cited text of the source (empty when it could not be found)


class Citations:
    """Every citation of a brief, resolved once: hrefs for the templates and the sources' segments."""

    def __init__(self, brief: Brief) -> None:
        self._sources = {s.id: _SourceSpans(s) for s in brief.sources}
        self._wanted: dict[tuple[str, str], tuple[str, tuple[int, int] | None]] = {}
        self._claims = {c.id: c for c in brief.claims}
        for claim in brief.claims:
            self._want(claim.source, claim.quote)
        for entry in brief.timeline:
            for source_id in entry.sources:
                self._want(source_id, entry.text)
        for sentence in brief.summary:
            for source_id in sentence.sources:
                self._want(source_id, cited_text(sentence, source_id))
        for spans in self._sources.values():
            spans.merged = _merge(spans.wanted)

    def _want(self, source_id: str, text: str) -> None:
        spans = self._sources.get(source_id)
        if spans is None or (source_id, text) in self._wanted:
            return
        exact = spans.source.text.find(text.strip()) >= 0
        if not exact and _in_title(text, spans.source):
            kind, span = "title", None
        else:
            span = locate(text, spans.source.text)
            kind = "span" if span else "card"
        self._wanted[(source_id, text)] = (kind, span)
        if span is not None:
            spans.wanted.append(span)

    def quote(self, source_id: str, text: str) -> Quote:
        """Where a citation of `text` in `source_id` lands, and the source's own words there."""
        kind, span = self._wanted.get((source_id, text), ("card", None))
        spans = self._sources.get(source_id)
        if spans is None:
            return Quote(source_id, "#" + source_anchor(source_id), "")
        if kind == "title":
            return Quote(source_id, "#" + title_anchor(source_id), spans.source.title or "")
        if span is None:
            return Quote(source_id, "#" + source_anchor(source_id), "")
        start = next(a for a, b in spans.merged if a <= span[0] and span[1] <= b)
        words = spans.source.text[span[0] : span[1]].strip()
        return Quote(source_id, "#" + span_anchor(source_id, start), words)

    def claim(self, claim_id: str) -> str:
        """The href of a claim's quote in its source (the card when the claim is unknown)."""
        claim = self._claims.get(claim_id)
        if claim is None:
            return "#"
        return self.quote(claim.source, claim.quote).href

    def of_source(self, claim_ids: Iterable[str], source_id: str) -> str:
        """The href for a source among a figure's claims: its first claim's quote, else its card."""
        for cid in claim_ids:
            claim = self._claims.get(cid)
            if claim is not None and claim.source == source_id:
                return self.claim(cid)
        return "#" + source_anchor(source_id)

    def paragraphs(self, source_id: str) -> list[list[Segment]]:
        """The source's text as paragraphs of segments; a cited span's first piece carries its id."""
        spans = self._sources.get(source_id)
        if spans is None:
            return []
        return _paragraphs(spans.source.text, source_id, spans.merged)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_PARAGRAPH = re.compile(r"\n\s*\n")


def _paragraphs(text: str, source_id: str, spans: list[tuple[int, int]]) -> list[list[Segment]]:
    out: list[list[Segment]] = []
    start = 0
    bounds = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)] + [(len(text), len(text))]
    for para_end, next_start in bounds:
        a, b = _strip(text, start, para_end)
        if b > a:
            out.append(_segments(text, a, b, source_id, spans))
        start = next_start
    return out


def _segments(text: str, a: int, b: int, source_id: str, spans: list[tuple[int, int]]) -> list[Segment]:
    pieces: list[Segment] = []
    at = a
    for start, end in spans:
        if end <= a or start >= b:
            continue
        lo, hi = max(start, a), min(end, b)
        if lo > at:
            pieces.append(Segment(text[at:lo]))
        anchor = span_anchor(source_id, start) if lo == start else None
        pieces.append(Segment(text[lo:hi], cited=True, anchor=anchor))
        at = hi
    if at < b:
        pieces.append(Segment(text[at:b]))
    return pieces


def marked_quote(claim: Claim) -> tuple[str, str, str]:
    """A claim's quote split around its figure, (before, figure, after), so the page can <mark> it.

    Found by offsets (exact, else case-insensitive); ("", "", quote) when the figure's text is not in it.
    """
    quote, value = claim.quote, claim.value.text
    at = quote.find(value) if value else -1
    if at < 0 and value:
        at = quote.casefold().find(value.casefold()) if len(quote.casefold()) == len(quote) else -1
    if at < 0:
        return quote, "", ""
    return quote[:at], quote[at : at + len(value)], quote[at + len(value) :]
