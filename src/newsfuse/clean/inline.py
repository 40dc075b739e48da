"""Junk inside a paragraph: stray markup, photo credits, words cut by the scraper, glued sentences."""

from __future__ import annotations

import re
from collections.abc import Container

from newsfuse.clean import lexicon as lx
from newsfuse.models import Removal

_I = re.I | re.U

_TAGS = (
    "a|abbr|article|aside|b|blockquote|body|br|button|caption|center|code|dd|div|dl|dt|em|embed|figcaption|"
    "figure|font|footer|form|h1|h2|h3|h4|h5|h6|head|header|hr|html|i|iframe|img|input|label|li|link|main|"
    "meta|nav|noscript|ol|option|p|picture|pre|s|script|section|select|small|source|span|strong|style|"
    "sub|sup|svg|table|tbody|td|tfoot|th|thead|time|tr|u|ul|video"
)
# a complete tag, or a comment, anywhere
_FULL_TAG = re.compile(rf"<!--.*?-->|</?(?:{_TAGS})\b(?:\s[^<>]{{0,300}})?/?>", re.I | re.S)
# a tag that lost its "<" and is glued to a word: "on fire.br>"
_BROKEN_TAG = re.compile(r"(?<=[^\s<])(?:br|/p|/div|/span|/li|/a|/em|/strong|/b|/i|hr)\s*/?>(?=\s|$|<)", re.I)
# a tag that lost its ">" at the end of the line: "on fire <br"
_OPEN_TAG_AT_END = re.compile(r"\s*</?(?:br|p|div|span|a|img)\b[^<>]{0,80}$", re.I)
_SHORTCODE = re.compile(
    r"\[(caption|button|embed|automerge|video|audio|gallery|tweet|instagram|youtube)\b[^\]]*\]"
    r"(.*?\[/\1\])?|\[/(caption|button|embed|video|audio|gallery)\]",
    re.I | re.S,
)

# "(Photo: J. Doe/AFP)", "(Photo courtesy of X/TASS/Getty Images)", "(J. Doe/Reuters)"; a bare
# "(AP)" or "(Reuters)" is a wire dateline, not a credit, and is left alone
_CREDIT_PAREN = re.compile(
    rf"\(\s*(?:(?i:(?:{lx.CREDIT_LABELS})\b\.?\s*(?:courtesy\s+of|by|:|-|–)?|courtesy\s+of)|"
    rf"[^()/]{{1,60}}/\s*(?:{lx.AGENCIES})\b)[^()]{{0,160}}\)[.…]*",
    re.U,
)
# "TASS photo by Valery Sharifulin": a name after "photo by", then the end of the sentence
_PHOTO_BY = re.compile(
    r"(?:\b[A-Z][\w-]*\s+)?\b(?i:photo|picture|foto)s?\s+by\s+"
    r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|/|for|of))*(?:\s*/\s*[A-Z][\w.'’ -]*)?(?=\s*[(.…]|\s*$)",
    re.U,
)
_CREDIT_LINE = re.compile(
    rf"^\W{{0,3}}(?:{lx.CREDIT_LABELS})\s*(?:[:.,\-–]|\b(?:by|courtesy of)\b)\s*\S.{{0,150}}$", _I
)
_AGENCY = re.compile(rf"\b({lx.AGENCIES})\b", re.U)
_CREDIT_FILLER = re.compile(
    r"^(?:via|by|for|photo|photos|foto|courtesy|of|and|images?|handout|file|staff|/|&|©|\||,|-|–|"
    r"\d{4}|[A-ZÀ-Þ][\w.'’\-]*)$",
    re.U,
)


# "… aus der Schweiz. © AFP / MARCO BERTORELLO": a copyright credit closing a caption
_TRAILING_COPYRIGHT = re.compile(r"(?<=[.!?…])\s*©\s*[^\s©][^©]{0,60}$", re.U)


def is_credit_line(line: str) -> bool:
    """A line that only credits a photo: "Getty Images", "Photo: J. Doe/AFP", "© Jane Roe/Reuters"."""
    text = line.strip().strip("()[]").strip()
    words = text.split()
    if not words or len(words) > 15:
        return False
    if _CREDIT_LINE.match(text):
        return True
    if not _AGENCY.search(text) or len(words) > 10:
        return False
    rest = _AGENCY.sub(" ", text)
    return all(_CREDIT_FILLER.match(w) for w in re.split(r"\s+|(?<=\w)/|/(?=\w)", rest) if w)


def is_credit(sentence: str) -> bool:
    """A sentence that is a photo credit (for ignoring it when comparing paragraphs)."""
    s = sentence.strip()
    return bool(is_credit_line(s) or _PHOTO_BY.search(s) or _CREDIT_PAREN.fullmatch(s.strip(" .…")))


def strip_markup(block: str) -> tuple[str, list[Removal]]:
    """The paragraph without stray HTML tags, comments and CMS shortcodes."""
    removed: list[Removal] = []
    for pattern, rule in (
        (_SHORTCODE, "shortcode"),
        (_FULL_TAG, "stray-html"),
        (_BROKEN_TAG, "stray-html"),
        (_OPEN_TAG_AT_END, "stray-html"),
    ):
        spans = [(m.start(), m.end()) for m in pattern.finditer(block)]
        removed.extend(Removal(block[a:b].strip(), "other", rule) for a, b in spans if block[a:b].strip())
        block = cut_spans(block, spans)
    return block, removed


def strip_credits(block: str) -> tuple[str, list[Removal], bool]:
    """The paragraph without photo credits; True when what remains is the photo's caption.

    A paragraph that ends in a credit is a caption ("A burning car near the town hall. (Photo:
    J. Doe/AFP)"); a credit in the middle of prose is cut on its own.
    """
    removed: list[Removal] = []
    ends_with_credit = False
    for pattern in (_CREDIT_PAREN, _PHOTO_BY, _TRAILING_COPYRIGHT):
        spans = [(m.start(), m.end()) for m in pattern.finditer(block)]
        for a, b in spans:
            removed.append(Removal(block[a:b].strip(), "caption", "photo-credit"))
            if not block[b:].strip(" .…"):
                ends_with_credit = True
        block = cut_spans(block, spans)
    is_caption = ends_with_credit and 0 < len(block.split()) <= 60
    return block, removed, is_caption


_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?…][\"”»’)\]]\s)|(?<=[.!?…]\s))([a-zà-ÿ]{2,})(?=\s+\w)")
_LETTERS = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöûùüÿœæß"


def strip_truncated_words(block: str, lexicon: Container[str] | None) -> tuple[str, list[Removal]]:
    """Drop a word the scraper cut at its first letter ("atch" for "Watch") at a sentence start.

    Two signals must agree: the word starts a sentence in lower case, and it is not a word of the
    language while putting one letter back in front makes one.
    """
    if lexicon is None:
        return block, []
    removed: list[Removal] = []
    out = block
    for m in reversed(list(_SENTENCE_START.finditer(block))):
        word = m.group(1)
        if word in lexicon or not any(c + word in lexicon for c in _LETTERS):
            continue
        removed.append(Removal(word, "other", "truncated-word"))
        out = cut_spans(out, [(m.start(1), m.end(1))])
    removed.reverse()
    return out, removed


_GLUED_SENTENCE = re.compile(r"(?<=[a-zà-ÿа-яёіїєґ]{2}[.!?])(?=[A-ZÀ-ÞА-ЯЁІЇЄҐ][a-zà-ÿа-яёіїєґ])")


def repair_spacing(block: str) -> str:
    """Put back the space a scraper lost between sentences: "under control.Despite" -> ". Despite"."""
    return _GLUED_SENTENCE.sub(" ", block)


def cut_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` without the [start, end) spans, joined by one space (none before punctuation)."""
    for a, b in sorted(spans, reverse=True):
        left, right = text[:a].rstrip(), text[b:].lstrip()
        glue = "" if not left or not right or right[0] in ",.;:!?)]}…" else " "
        text = left + glue + right
    return text.strip() if spans else text
