"""Machine-translation damage: the visible marks a bad translation leaves on a sentence.

A sentence is damaged when it carries one of these marks:
- `word-loop`: the same word three times in a row, or a noun twice ("night night night");
- `phrase-loop`: a run of four words said again a few words later ("the officials were killed
  when the officials were killed by the officials");
- `fragment`: a stray one-to-three-word sentence with a noun and no verb inside a paragraph
  ("Operation.", "A statement."); exclamations, quotes and abbreviations the splitter cut at
  ("Gov.") are not fragments;
- `broken-word`: an elision left hanging ("the demonstrators s' seizing").

An article whose sentences carry two marks or more, or any loop, is flagged "translation-damage":
loops and stray one-word sentences are what translation engines produce and people rarely write.
Headings (a short paragraph of its own) are not fragments, and loops inside quoted speech do not
count (speakers repeat themselves on purpose: "waiting, waiting, waiting").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "TRANSLATION_DAMAGE",
    "alone_in_paragraph",
    "article_damaged",
    "sentence_damage",
]

TRANSLATION_DAMAGE = "translation-damage"
LOOPS = frozenset({"word-loop", "phrase-loop"})

_ELISION = re.compile(r"(?<!\w)[sdlnmtcj][’'](?=\s)", re.I)
_NOTICE = re.compile(r"\b(?:automatically|machine)[- ]translated\b|\bmachine translation\b", re.I)
_QUOTES = ("“", "”", '"', "«", "»", "„")
_PHRASE = 4  # words in a repeated phrase
_PHRASE_GAP = 8  # how far apart (in words) a repeat counts as a loop


def sentence_damage(span: Span, *, alone_in_paragraph: bool) -> list[str]:
    """The damage marks one sentence carries (empty when it reads clean)."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words:
        return []
    marks: list[str] = []
    quoted = any(q in span.text for q in _QUOTES)  # quoted speech may repeat itself on purpose
    if not quoted and _word_loop(words):
        marks.append("word-loop")
    if not quoted and _phrase_loop(words):
        marks.append("phrase-loop")
    if not alone_in_paragraph and _fragment(span, words):
        marks.append("fragment")
    if _ELISION.search(span.text):
        marks.append("broken-word")
    return marks


def article_damaged(marks: Sequence[Sequence[str]], removed_texts: Sequence[str] = ()) -> bool:
    """Whether an article's sentence marks (and what cleaning removed) show translation damage."""
    counts = Counter(m for sentence in marks for m in sentence)
    if any(_NOTICE.search(text) for text in removed_texts):
        return sum(counts.values()) >= 1
    return sum(counts.values()) >= 2 or any(counts[m] for m in LOOPS)


def alone_in_paragraph(text: str, start: int, end: int) -> bool:
    """Whether the sentence [start, end) is a whole paragraph of `text` by itself."""
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def _word_loop(words: list[Token]) -> bool:
    lowered = [w.lower_ for w in words]
    for i in range(1, len(lowered)):
        if not lowered[i].isalpha() or lowered[i] != lowered[i - 1]:
            continue
        if i >= 2 and lowered[i] == lowered[i - 2]:
            return True
        if words[i].pos_ == "NOUN":
            return True
    return False


def _phrase_loop(words: list[Token]) -> bool:
    lowered = [w.lower_ for w in words]
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(lowered) - _PHRASE + 1):
        gram = tuple(lowered[i : i + _PHRASE])
        if gram in seen and i - seen[gram] <= _PHRASE_GAP and i - seen[gram] >= _PHRASE:
            return True
        seen[gram] = i
    return False


def _fragment(span: Span, words: list[Token]) -> bool:
    """A stray noun or two standing as a sentence: "Operation.", "A statement."."""
    text = span.text.strip()
    if len(words) > 3 or not text.endswith(".") or any(q in text for q in _QUOTES):
        return False
    if words[-1].text.endswith("."):  # an abbreviation the splitter cut at ("Gov.", "Sen.")
        return False
    if not span.doc.has_annotation("POS"):
        return len(words) == 1 and words[0].text[:1].isupper()
    if any(w.pos_ in {"VERB", "AUX"} for w in words):
        return False
    return any(w.pos_ == "NOUN" for w in words) and not all(w.pos_ == "PROPN" for w in words)
