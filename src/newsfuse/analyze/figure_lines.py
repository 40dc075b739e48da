"""The sentences figures are read from, parsed: the top line of a scraped body cleaned of its page
furniture and cut where a headline without a full stop runs into the lead (FIGURES.md §A2).

A scraped body often starts with "<weekday> <date> <time> <headline> <agency> <date> <lead …>": the
furniture (datelines, clock times, bylines, view counters, photo credits) is left out, the headline
and the lead are parsed apart (so the lead's speaker and qualifier stay with the lead), and a lead
printed twice is read once. Offsets stay those of the article text.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from newsfuse.analyze.headline_case import (
    _is_casualty,
    _is_count,
    headline_clauses,
    is_headline_case,
    parse_form,
)
from newsfuse.analyze.parse import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["headline_source", "same_line", "sentence_parses", "top_line_parts"]

_DAYS = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# page furniture at the top of a body, as regular expressions over the line (case-insensitive)
_FURNITURE = re.compile(
    "|".join(
        (
            rf"\b(?:Posted|Published|Updated|Last updated)(?: on)?:? (?:{_DAYS},? )?(?:\d{{1,2}} )?{_MONTH}"
            rf"(?: \d{{1,2}})?,? \d{{4}}(?: by(?: [A-Z][\w.&'-]*){1, 3})?",
            r"\bDate of publication:?",
            rf"\b(?:{_DAYS},? )?\d{{1,2}} {_MONTH},? \d{{4}}",
            rf"\b(?:{_DAYS},? )?{_MONTH} \d{{1,2}},? \d{{4}}",
            r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
            r"\b\d{4}-\d{2}-\d{2}\b",
            r"\b(?:updated |at )?\d{1,2}[:.h]\d{2}(?: ?[AaPp]\.?[Mm]\.?)?"
            r"(?: (?:GMT|UTC|EST|EDT|BST|CET|ET))?\b",
            r"\b(?:Views?|Comments?|Shares?|Reads?)\s*:?\s*\d[\d,]*\b",
            r"\b(?:Photo|Image|Picture)(?: credit)?:(?: [A-Z][\w.&'/-]*)+",
            # a city dateline: "KESTREL (AGENCY) –", "VARNOK, Ind. (April 11, 2014) –"
            # (in capitals, whatever the pattern's flags: "Twenty-five" is no dateline)
            r"(?-i:^[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*(?:, [A-Z][a-z]+\.?)?"
            r"(?: \([^)]{1,40}\))? ?[–—-]+ ?(?=[A-Z\d]))",
            r"\bTags?:?(?: [\w-]+,?){1,8}?(?= (?:At|More|Some|Up|Over|Nearly|About|Around) )",
        )
    ),
    re.IGNORECASE,
)
_SAYS = frozenset({"said", "says", "say", "reported", "told", "added", "stated", "announced"})
_SMALL = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from"})
# capitalised words that open a lead sentence after a headline in sentence case
_OPENERS = frozenset({"at", "more", "up", "some", "over", "nearly", "about", "around", "almost"})


def _furniture_free(doc: Doc, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """[start, end) ranges of the line with the page furniture cut out, and where the lead starts.

    Only furniture before the lead is cut: a date or a time inside the lead sentence is its own.
    """
    text = doc_text(doc)
    found = [(m.start() + start, m.end() + start) for m in _FURNITURE.finditer(text[start:end])]
    lead = _lead_start(doc, start, end, found)
    first = start + len(text[start:end]) - len(text[start:end].lstrip())
    if lead is None:
        lead = _date_bridge(text, first, end, found)
    cuts: list[tuple[int, int]] = []
    for a, b in found:  # before the lead, or furniture run on from the line's start
        if a <= (lead if lead is not None else first) or not text[cuts[-1][1] if cuts else first : a].strip():
            cuts.append((a, b))
    spans: list[tuple[int, int]] = []
    at = start
    for a, b in cuts:
        if a > at:
            spans.append((at, a))
        at = max(at, b)
    spans.append((at, end))
    out = []
    for a, b in spans:
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not (text[b - 1].isalnum() or text[b - 1] in ".%\"'”)"):
            b -= 1
        if b - a > 1 and re.search(r"[A-Za-z]{2}", text[a:b]):
            out.append((a, b))
    return out, lead


def _lead_start(doc: Doc, start: int, end: int, furniture: list[tuple[int, int]]) -> int | None:
    """Where a lead begins inside a line that starts with a headline without a full stop, if it does:
    a capitalised word after a headline that states a figure, followed by lower-case words, and (in a
    sentence-case line) not a name."""
    words = [
        t
        for t in doc
        if start <= t.idx < end and not t.is_space and not any(a <= t.idx < b for a, b in furniture)
    ]
    for n in range(3, len(words) - 2):
        word, prev = words[n], words[n - 1]
        after = [w.text for w in words[n + 1 : n + 4]]
        opens = word.text[:1].isupper() or (word.text[:1].isdigit() and prev.text[:1].isupper())
        if not opens or prev.text in (".", ":", "?", "!", ";") or prev.text.endswith("."):
            continue
        if sum(1 for w in after if w[:1].islower()) < 2 or not any(
            w[:1].islower() and w.lower() not in _SMALL for w in after[:2]
        ):
            continue
        if not (after[0][:1].islower() or word.lower_ in _OPENERS):
            continue  # inside a run of capitalised words ("Kestrel Governor Twelve"): not its first word
        if word.pos_ in ("AUX", "VERB") or any(w.lower() in _SAYS for w in after):
            continue  # "… IS group fighters", "… Syrian activists said Sunday": no lead starts here
        before = [w.text for w in words[:n]]
        if not any(_is_count(w) or _is_casualty(w) for w in before):
            continue  # the headline states a figure, or it is no headline of ours
        title_case = is_headline_case(" ".join(before))
        acronym = word.text.isupper() and len(word.text) > 1
        named = acronym or (
            not _is_count(word.text)
            and (word.pos_ == "PROPN" or word.ent_type_ not in ("", "NORP", "CARDINAL"))
        )
        after_name = prev.text[:1].isupper() or prev.text[:1].isdigit()  # a headline ends on a name or count
        after_tag = (
            prev.text[:1].isupper() and prev.lower_ in _TAG_WORDS
        )  # "… in Varnok Monitor Air strikes …"
        if (
            title_case
            or after_tag
            or (not named and (word.lower_ in _OPENERS or (after_name and word.lower_ not in _SMALL)))
        ):
            return word.idx
    return None


_NOT_BRIDGE = frozenset({"on", "since", "in", "of", "until", "by", "from", "to", "before", "after", "last"})


def _date_bridge(text: str, first: int, end: int, found: list[tuple[int, int]]) -> int | None:
    """Where the lead starts after a dateline between a headline and its lead (§A2 "agency/date
    bridge": "<headline> <agency> <weekday> <date> <lead>"): after a date inside the line that follows
    words stating a figure and is followed by a capitalised word; "on 3 May 2016" is the lead's own."""
    for a, b in found:
        before = text[first:a].split()
        after = text[b:end].split()
        if (
            len(before) >= 3
            and after
            and after[0][:1].isupper()
            and before[-1].lower() not in _NOT_BRIDGE
            and any(_is_count(w) or _is_casualty(w) for w in before)
        ):
            return b + len(text[b:end]) - len(text[b:end].lstrip())
    return None


def top_line_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The headline and lead parts of a top line, furniture left out; a repeated part read once."""
    text = doc_text(doc)
    pieces, cut = _furniture_free(doc, start, end)
    parts: list[tuple[int, int]] = []
    for a, b in pieces:
        parts += [(a, cut), (cut, b)] if cut is not None and a < cut < b else [(a, b)]
    parts = [_once(text, a, b) for a, b in parts]
    seen: set[str] = set()
    out = []
    for a, b in parts:
        key = re.sub(r"\W+", " ", text[a:b]).strip().lower()
        if key and key not in seen:
            seen.add(key)
            out.append((a, b))
    return out


def _once(text: str, start: int, end: int) -> tuple[int, int]:
    """A part whose words are printed twice with no full stop between the copies, read once."""
    words = list(re.finditer(r"\S+", text[start:end]))
    half = len(words) // 2
    if half >= 4 and len(words) % 2 == 0:
        first = [w.group().strip(".,").lower() for w in words[:half]]
        if first == [w.group().strip(".,").lower() for w in words[half:]]:
            return start, start + words[half - 1].end()
    return start, end


def same_line(title: str, text: str) -> bool:
    """The body repeats the title (C1): the same words, whatever the case and punctuation."""
    key = re.sub(r"\W+", " ", title).strip().lower()
    return bool(key) and key in re.sub(r"\W+", " ", text[: len(title) * 3 + 200]).lower()


def _sentence_span(doc: Doc, start: int, end: int, language: str) -> tuple[Span, int] | None:
    """The sentence as a parsed span, and the offset from span characters to article characters.

    When the article's parse runs the sentence into its neighbour (a headline without a full stop
    parsed as the subject of the next sentence), the sentence is parsed again on its own.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    if all(span.start <= t.head.i < span.end for t in span):
        return span, 0
    return _alone(doc_text(doc)[start:end], language), start


def _alone(text: str, language: str) -> Span:
    from newsfuse.analyze.nlp import load_pipeline
    from newsfuse.analyze.parse import FULL

    return load_pipeline(language, FULL)(text)[:]


# words that name a source when a headline ends on them or opens with them before a colon
_TAG_WORDS = frozenset(
    {"monitor", "observatory", "police", "army", "military", "ministry", "official", "officials", "activists",
     "medics", "sources", "source", "agency", "governor", "spokesman", "rescuers", "witnesses", "media",
     "un", "who", "unicef", "icrc", "redcross", "hospital", "doctors", "residents", "sana", "sohr", "tv"}
)  # fmt: skip


_LABEL = re.compile(r"([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}):\s+")


def headline_source(headline: str, places: frozenset[str] = frozenset()) -> str | None:
    """The source a headline names in a tag (§A2, §A11): "<src>: N killed in …", "… kills N <src>",
    "… - <official title>"; None when it names none. `places`: words of place names (not in a tag)."""
    label = _LABEL.match(headline)
    if label and any(w.lower() in _TAG_WORDS or (w.isupper() and len(w) > 1) for w in label.group(1).split()):
        return label.group(1)
    dash = re.search(r"\s[-–—]\s+((?:[A-Z][\w.'-]*\s?){1,4})$", headline.strip())
    if dash and any(w.lower() in _TAG_WORDS for w in dash.group(1).split()):
        return dash.group(1).strip()
    words = headline.split()
    tail: list[str] = []
    for word in reversed(words):  # the capitalised run the headline ends on, after its figure
        low = word.lower().strip(".,")
        tagged = low in _TAG_WORDS or (tail and tail[0].lower() in _TAG_WORDS and low in _TAG_QUALIFIERS)
        if not (word[:1].isupper() or tagged) or _is_count(word) or _is_casualty(word):
            break
        tail.insert(0, word)
    if len(tail) < len(words) and any(_is_count(w) for w in words[: len(words) - len(tail)]):
        for qualifier, noun in itertools.pairwise(tail):
            if qualifier.lower() in _TAG_QUALIFIERS and noun.lower().strip(".,") in _TAG_WORDS:
                return f"{qualifier} {noun.strip('.,')}"  # "state media"
        at = next(
            (len(words) - len(tail) + n for n, w in enumerate(tail) if w.lower().strip(".,") in _TAG_WORDS),
            None,
        )
        if at is not None:  # with the name before it, not the place: "in Varnok Kestrel Agency"
            first = at
            while (
                first > 1
                and words[first - 1][:1].isupper()
                and words[first - 2].lower() not in _PLACE_PREPS
                and words[first - 1] not in places
            ):
                first -= 1
            return " ".join(words[first : at + 1]).strip(".,")
    return None


_PLACE_PREPS = frozenset({"in", "near", "at", "of", "on", "from", "outside", "across"})
# lower-case words that open a source tag: "… kills 3 state media"
_TAG_QUALIFIERS = frozenset({"state", "local", "security", "medical", "military", "hospital", "rescue"})


def _label_end(headline: str) -> int:
    """The length of a source label opening a headline ("Police: 40 killed …"), 0 if none."""
    label = _LABEL.match(headline)
    return label.end() if label and headline_source(headline) == label.group(1) else 0


def sentence_parses(
    doc: Doc, start: int, end: int, language: str, top: bool = False
) -> list[tuple[Span, int, str | None]]:
    """The sentence parsed, or its parts parsed one by one: the clauses of a headline-style line,
    and (`top`: the sentence is on the body's first line) the headline and lead without furniture.
    The third item is the source a headline part names in a tag (for its figures in no other voice)."""
    text = doc_text(doc)
    parts = top_line_parts(doc, start, end) if top and language == "en" else [(start, end)]
    standalone = top and language == "en" and not text[start:end].rstrip().endswith(".")
    if (
        parts == [(start, end)]
        and not (language == "en" and is_headline_case(text[start:end]))
        and not (standalone and headline_source(text[start:end]))
    ):
        parsed = _sentence_span(doc, start, end, language)
        return [(*parsed, None)] if parsed is not None else []
    out: list[tuple[Span, int, str | None]] = []
    for n, (a, b) in enumerate(parts):
        places = frozenset(t.text for t in doc if t.ent_type_ in ("GPE", "LOC", "FAC") and a <= t.idx < b)
        headline = top and n == 0 and (len(parts) > 1 or not text[a:b].rstrip().endswith("."))
        tag = headline_source(text[a:b], places) if headline else None
        a += _label_end(text[a:b]) if tag else 0
        if language == "en" and is_headline_case(text[a:b]):
            out += [
                (_alone(parse_form(text[a + c : a + d]), language), a + c, tag)
                for c, d in headline_clauses(text[a:b])
            ]
        else:
            out.append((_alone(text[a:b], language), a, tag))
    return out
