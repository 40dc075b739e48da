"""Clean: RawArticle -> Article, with page junk and repeated paragraphs removed and each removal kept.

The order matters and is deliberate:
1. normalise whitespace and entities, and cut stray markup out of each paragraph (a line removed
   whole is recorded exactly as it came);
2. remove whole lines of page furniture (lines.py), each rule only in the zone it belongs to;
3. remove paragraphs the article repeats (repeats.py), before credits are cut, so that a caption
   repeated with a credit appended is recognised as the repeat it is;
4. cut photo credits (a paragraph that ends in one is a caption), words cut at their first
   letter, and put back spaces lost between sentences;
5. take the headline out of the body when the input had no title of its own;
6. cut the text to `max_article_chars` (cap.py), the cut recorded: analysis is bounded per article.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Container

from newsfuse.clean.cap import RAW_FACTOR, TITLE_CHARS, cut_at, cut_removal
from newsfuse.clean.inline import (
    is_credit_line,
    repair_spacing,
    strip_credits,
    strip_markup,
    strip_truncated_words,
)
from newsfuse.clean.lines import Zone, match_line
from newsfuse.clean.repeats import find_repeats
from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.models import Article, RawArticle, Reason, Removal

__all__ = ["NO_TEXT_LEFT", "clean_article", "clean_raw", "fingerprint"]

NO_TEXT_LEFT = "no article text left once page junk was removed"

_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)
_TERMINAL = re.compile(r"[.!?…:;]$")
_CLOSERS = "\"'”’»)]"


def clean_raw(raw: RawArticle, settings: Settings) -> Article | InputError:
    """The article's language and cleaned text; a problem when nothing is left of it."""
    from newsfuse.analyze.language import detect_language
    from newsfuse.analyze.nlp import lexicon

    language = detect_language(raw.text)
    article = clean_article(raw, language=language, lexicon=lexicon(language), settings=settings)
    if not article.text.strip():
        return InputError(raw.path or "-", NO_TEXT_LEFT, raw.record)
    return article


def clean_article(
    raw: RawArticle,
    *,
    language: str = "und",
    lexicon: Container[str] | None = None,
    settings: Settings | None = None,
) -> Article:
    """The article without its page junk; `lexicon` (the language's words) enables word repair."""
    settings = settings or Settings()
    removed: list[tuple[int, Removal]] = [(-1, r) for r in raw.removed]
    cap = settings.max_article_chars
    raw_text, raw_rest = _cut(raw.text, RAW_FACTOR * cap)  # a dump is not cleaned whole either
    blocks: list[str | None] = []
    verbatim: list[str] = []  # each block's line as it came, for an exact record of what went
    for original in raw_text.split("\n"):
        line = _normalize_line(original)
        if not line:
            continue
        line, cut = strip_markup(line)
        removed.extend((len(blocks), r) for r in cut)
        if line and not re.search(r"\w", line):
            removed.append((len(blocks), Removal(original.strip(), "other", "no-words")))
            line = ""
        blocks.append(line or None)
        verbatim.append(original.strip() if not cut and " ".join(original.split()) == line else line)

    def drop(i: int, reason: Reason, rule: str) -> None:
        removed.append((i, Removal(verbatim[i], reason, rule)))
        blocks[i] = None

    # junk must not mark where the article ends (a comment form's "Save my name…" reads as
    # prose), so zones are recomputed from what survives each pass
    # a kept block's verdict depends only on its text and zone: a pass re-tests only blocks whose
    # zone moved
    kept_in: dict[int, Zone] = {}
    for _ in range(4):
        zones = _zones(blocks)
        changed = False
        for i, block in enumerate(blocks):
            if block is None or kept_in.get(i) == zones[i]:
                continue
            if is_credit_line(block):
                drop(i, "caption", "photo-credit")
            elif rule := match_line(block, zones[i]):
                drop(i, rule.reason, rule.name)
            else:
                kept_in[i] = zones[i]
                continue
            changed = True
        if not changed:
            break

    kept = [i for i, b in enumerate(blocks) if b is not None]
    repeats = find_repeats([blocks[i] or "" for i in kept], settings.repeat_similarity)
    for k in repeats:
        drop(kept[k], "duplicate", "repeated-paragraph")

    for i, block in enumerate(blocks):
        if block is None:
            continue
        stripped, credits, is_caption = strip_credits(block)
        if is_caption:
            drop(i, "caption", "photo-caption")
            continue
        removed.extend((i, r) for r in credits)
        stripped, truncated = strip_truncated_words(stripped, lexicon)
        removed.extend((i, r) for r in truncated)
        blocks[i] = repair_spacing(stripped) or None

    body = [b for b in blocks if b]
    title = raw.title if not raw.title else _cut(raw.title, TITLE_CHARS)[0]
    if body and title and _same_text(body[0], title):
        body = body[1:]  # the page repeats its headline at the top of the body
    elif len(body) > 1 and not title and raw.fmt != "html" and is_headline(body[0]):
        title, body = body[0], body[1:]

    text, rest = _cut("\n\n".join(body), cap)
    if rest:
        removed.append((len(blocks), cut_removal(len(text), cap, rest)))
    elif raw_rest:
        removed.append((len(blocks), cut_removal(len(text), cap, raw_rest, unread=len(raw_text))))
    return Article(
        raw=raw,
        text=text,
        title=title,
        language=language,
        removed=tuple(r for _, r in sorted(removed, key=lambda ir: ir[0])),
        fingerprint=fingerprint(text),
    )


def _cut(text: str, limit: int) -> tuple[str, str]:
    """The text cut to at most `limit` characters at a boundary (`cap.cut_at`), and the rest."""
    if len(text) <= limit:
        return text, ""
    at = cut_at(text, limit)
    return text[:at].rstrip(), text[at:].strip()


def _normalize_line(line: str) -> str:
    """Entities decoded, odd spaces made plain, runs of spaces collapsed."""
    if _ENTITY.search(line):
        line = html.unescape(line)
    line = re.sub(r"[\u00a0\u202f\t\r\n\f\v]", " ", line)
    return re.sub(r" {2,}", " ", line).strip()


def is_prose(block: str) -> bool:
    """A paragraph of running text, as opposed to a heading, label, credit or menu item."""
    words = len(block.split())
    return words >= 25 or (words >= 10 and bool(_TERMINAL.search(block.rstrip(_CLOSERS))))


def is_headline(block: str) -> bool:
    """A headline: short, not closed like a sentence, not all lower case."""
    words = block.split()
    return (
        0 < len(words) <= 30
        and not _TERMINAL.search(block.rstrip(_CLOSERS))
        and block != block.lower()
        and bool(re.search(r"[^\W\d_]", block))
    )


def _zones(blocks: list[str | None]) -> list[Zone]:
    """Where each paragraph stands: "head" before the first prose, "edge" after the last."""
    prose = [i for i, b in enumerate(blocks) if b is not None and is_prose(b)]
    if not prose:
        return ["any"] * len(blocks)
    first, last = prose[0], prose[-1]
    return ["head" if i < first else "edge" if i > last else "any" for i in range(len(blocks))]


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _same_text(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    short, long = sorted((ka, kb), key=len)
    return ka == kb or (long.startswith(short) and len(short) >= 0.8 * len(long))


def fingerprint(text: str) -> str:
    """Equal for texts that differ only in case, punctuation and spacing."""
    return hashlib.sha1(_key(text).encode("utf-8")).hexdigest()[:16]
