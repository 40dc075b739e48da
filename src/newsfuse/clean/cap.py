"""The per-article cap: work after cleaning is bounded by `max_article_chars`, whatever the input.

Real long-form news runs to well under 100,000 characters; a longer text is a dump, a feed or a
page repeating itself, and analysing all of it costs memory and time out of proportion (spaCy's
parse grows with the text). The text is cut at the last paragraph break before the cap (else the
last sentence end, else the last space), and the cut is kept as a removal (`ARTICLE_CAP`) saying
how much was kept, so the brief's sources and the command line say it. The raw text is cut once
before cleaning too, at `RAW_FACTOR` times the cap (a page's junk and repeats are removed before
the cap applies, so a little more is read than kept).
"""

from __future__ import annotations

import re

from newsfuse.models import Article, Removal

__all__ = ["ARTICLE_CAP", "RAW_FACTOR", "TITLE_CHARS", "cap_note", "cut_at", "cut_removal"]

ARTICLE_CAP = "article-cap"  # the rule of the removal recording a cut
RAW_FACTOR = 5  # raw text read before cleaning, in caps: junk and repeats go before the cap applies
TITLE_CHARS = 500  # a headline longer than this is cut (at a space)
_EXCERPT = 80
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s")


def cut_at(text: str, limit: int) -> int:
    """Where to cut `text` to at most `limit` characters: after the last paragraph (or line) break,
    else sentence end, else space in the second half of the limit; at `limit` if there is none."""
    if len(text) <= limit:
        return len(text)
    floor = limit // 2
    for separator in ("\n\n", "\n"):
        at = text.rfind(separator, floor, limit + 1)
        if at >= 0:
            return at
    ends = [m.end() for m in _SENTENCE_END.finditer(text, floor, limit + 1)]
    if ends:
        return ends[-1]
    at = text.rfind(" ", floor, limit + 1)
    return at if at >= 0 else limit


def cut_removal(kept: int, cap: int, rest: str, *, unread: int | None = None) -> Removal:
    """The removal recording that an article was cut after its first `kept` characters, or (`unread`)
    that its raw text was not read beyond that many characters (cleaning then left `kept`)."""
    excerpt = " ".join(rest[: 4 * _EXCERPT].split())[:_EXCERPT]
    what = (
        f"text after the first {kept:,} characters cut (the article is longer than max_article_chars, "
        f"{cap:,})"
        if unread is None
        else f"text after the first {unread:,} characters of the page not read (more than "
        f"{RAW_FACTOR} x max_article_chars, {cap:,}; {kept:,} characters left once cleaned)"
    )
    return Removal(f"{what}; it went on: “{excerpt}…”", "other", ARTICLE_CAP)


def cap_note(article: Article) -> str | None:
    """One line for the user when the article was cut (`ARTICLE_CAP`), naming where it came from."""
    for removal in article.removed:
        if removal.rule == ARTICLE_CAP:
            return f"{article.raw.where}: {removal.text.split('; it went on')[0]}"
    return None
