"""Whole-line junk: each rule says what a line of page furniture looks like, and where it may be.

A rule has a zone: `any` (anywhere), `edge` (before the first or after the last paragraph of
prose) or `head` (before the first paragraph of prose only), and a word cap, so that no rule can
remove a real paragraph that happens to contain its cue words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from newsfuse.clean import lexicon as lx
from newsfuse.models import Reason

Zone = Literal["any", "edge", "head"]

_I = re.I | re.U
_CLOSERS = "\"'”’»)]"


def _re(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _words(line: str) -> list[str]:
    return line.split()


def _bare(line: str) -> str:
    """The line without list bullets, arrows, brackets and trailing punctuation: its words."""
    line = re.sub(r"^[\s\-–—•·*►▶▸›»>|→]+", "", line)
    return re.sub(r"[\s.:…!|\-–—»›>\])]+$", "", line).strip()


# --- predicates ---------------------------------------------------------------------------------

_LANG_SEP = re.compile(r"[\s|/•·,]+")
_LANG_NAME = _re(rf"^({lx.LANGUAGE_NAMES})$")


def is_language_switcher(line: str) -> bool:
    tokens = [t for t in _LANG_SEP.split(line.strip()) if t]
    if len(tokens) < 2:
        return False
    for token in tokens:
        code = token.isupper() and token.lower() in lx.LANGUAGE_CODES
        if not (code or _LANG_NAME.match(token)):
            return False
    return True


_DATE_LABEL = _re(rf"^\W*({lx.DATE_LABELS})\s*[:\-–]?\s*")
_BYLINE_TAIL = _re(r"\s*(\||·|-|–|—)?\s*\bby\s+[A-Z][\w.'’\-]+(\s+[A-Z][\w.'’\-]+){0,3}\s*$", re.U)
_DATE_WORD = _re(rf"\b({lx.MONTHS}|{lx.WEEKDAYS})\b\.?")
_NUMERIC_DATE = re.compile(
    r"(?<![\d+])(\d{1,2}[./-]\d{1,2}[./-](\d{4}|\d{2})|\d{4}-\d{2}-\d{2}(t[\d:.+z-]+)?|\d{4}/\d{2}/\d{2})(?![\d])",
    re.I,
)
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_RANGE = re.compile(r"\s[|–—-]\s|\s(to|bis|au|al|do|по)\s", re.I)
_TIME = re.compile(r"\b\d{1,2}([:.h]\d{2}){1,2}(\s*[ap]\.?\s?m\.?)?\b|\b\d{1,2}\s*[ap]\.?\s?m\b\.?", re.I)
_FILLER = _re(rf"\b({lx.DATE_FILLERS})\b\.?")
_ORDINAL = re.compile(r"\b\d{1,4}(st|nd|rd|th|er|e|º|°|\.)?(?!\w)", re.I)


def date_stamp(line: str) -> tuple[bool, bool]:
    """(is the line only a date/time, was it labelled "Updated:", "Publié le"…)."""
    text = line.strip()
    labelled = False
    m = _DATE_LABEL.match(text)
    if m and m.end() < len(text):
        text, labelled = text[m.end() :], True
    text = _BYLINE_TAIL.sub("", text)
    has_date = bool(_DATE_WORD.search(text) or _NUMERIC_DATE.search(text))
    if _RANGE.search(text) and (len(_YEAR.findall(text)) >= 2 or len(_DATE_WORD.findall(text)) >= 3):
        return False, False  # "29 November 2018 | 20 January 2019": an event's dates, not a stamp
    if not has_date and not (labelled and _TIME.search(text)):
        return False, False
    rest = _NUMERIC_DATE.sub(" ", text)
    rest = _TIME.sub(" ", rest)
    rest = _DATE_WORD.sub(" ", rest)
    rest = _FILLER.sub(" ", rest)
    rest = _ORDINAL.sub(" ", rest)
    rest = re.sub(r"[\W_]+", "", rest)
    return rest == "", labelled


_SECTION = _re(rf"^({lx.SECTION_NAMES})$")
_BREADCRUMB = re.compile(r"\s+(>|»|›|/|\|)\s+")


def is_section_label(line: str) -> bool:
    bare = _bare(line)
    if not bare or len(bare) > 60:
        return False
    if _SECTION.match(bare):
        return True
    words = bare.split()
    if len(words) <= 3 and bare == bare.lower() and re.fullmatch(r"[^\W\d_]+(\s[^\W\d_]+)*", bare):
        return True  # "world", "latest news": a headline is never all lower case
    parts = _BREADCRUMB.split(bare)[::2]
    return len(parts) >= 2 and all(0 < len(p.split()) <= 3 for p in parts)


_PROMO = _re(rf"^\W{{0,3}}({lx.PROMO_CUES})(\s*[:：.…\-–—|»›>]+\s*|\s+|$)(.*)$")
# teaser arrows; not » › >> (quotation marks in German and French, prompts in code)
_ARROW = re.compile(r"^\s*(→|►|▶|➤|➜|⇒|⮕|▸|⟶)\s*\S")
_TEASER_LABEL = _re(rf"^\W{{0,3}}({lx.TEASER_LABELS})\s*[.:]\s+\S")
_BRACKET_TAG = re.compile(r"\S+(\s+\S+){2,}\s*\[[A-Z][A-Za-z ]{1,20}\]\s*\|?\s*$")
_LINK_TEXT = _re(
    r"\b(click|tap|find out more|learn more|more information|read (it|more|the full story)|see more|"
    r"details|more details)\b.{0,60}\bhere\b|^(click|tap) here\b|"
    r"\b(sign up|subscribe|register|donate|apply) here[.!]?$|"
    rf"\b({lx.CLICK_HERE})\b"
)
_ALSO_ON = _re(r"^also on \S+\.\w{2,}")


def is_promotion(line: str) -> bool:
    """ "Read more: <headline>", "See also <headline>", or a cue standing alone."""
    m = _PROMO.match(line.strip())
    if m:
        cue = re.sub(r"\s+", " ", m.group(1).lower())
        delimited = bool(m.group(2).strip())
        rest = m.group(3).strip()
        if not rest or delimited:
            return True
        # without a colon only a strong cue followed by a headline (not a sentence) is promotion
        if cue not in lx.PROMO_NEEDS_COLON and not re.search(r"[.!?]$", rest.rstrip(_CLOSERS)):
            return True
    return bool(_ALSO_ON.match(line.strip()) or _LINK_TEXT.search(line))


_ANGLED_TEASER = re.compile(r"^\s*>>.*<<\s*$")


def is_teaser(line: str) -> bool:
    text = line.strip()
    if _ANGLED_TEASER.match(text):
        return True
    if _ARROW.match(text) and not text.rstrip("”\"'").endswith(("!", "?")):
        return True
    # the tag closes the (stripped) line, so it ends in "]" or "|"; the guard spares every other
    # line the pattern's quadratic search
    if text.endswith(("]", "|")) and _BRACKET_TAG.search(text):
        return True
    return bool(_TEASER_LABEL.match(text)) and not re.search(r"[.!?]$", text)


_COMMENT_LINE = _re(rf"^(\d+\s+)?({lx.COMMENT_LINES})(\s*\(\d+\))?$")
_COMMENT_FORM = _re(rf"({lx.COMMENT_FORM})")


def is_comment_chrome(line: str) -> bool:
    bare = _bare(re.sub(r"\s*\(\d+\)\s*$", "", line.strip()))  # "Comments (3)": the count goes
    return bool(_COMMENT_LINE.match(bare) or _COMMENT_FORM.search(line))


_NEWSLETTER_WORD = _re(rf"\b({lx.NEWSLETTER_WORDS})\b")
_SECOND_PERSON = _re(lx.SECOND_PERSON)
_IMPERATIVE = _re(lx.IMPERATIVE_START)
_QUOTED = re.compile(r"[“”\"«»„]")
_SUBSCRIPTION = _re(
    r"\b(our|free|daily|weekly)\b.{0,40}\b(e-?mails?|updates|briefing|digest|alerts|bulletin)\b"
)


def is_newsletter(line: str) -> bool:
    """A call to subscribe: a newsletter addressed to the reader, or an imperative to sign up."""
    if _QUOTED.search(line):
        return False  # quoted speech is news, whatever it says
    words = len(line.split())
    # "Sign up for our newsletter…": addressed to the reader, and short, as a prompt is
    addressed = bool(_NEWSLETTER_WORD.search(line) and _SECOND_PERSON.search(line)) and words <= 35
    return addressed or bool(
        _IMPERATIVE.search(line) and (_NEWSLETTER_WORD.search(line) or _SUBSCRIPTION.search(line))
    )


_SOCIAL_TOKENS = _re(rf"^(({lx.SOCIAL})[\s,|/•·]*)+$")
_SHARE = _re(rf"^({lx.SHARE_LINES})(\s+(on|via)\s+\w+)?$")
_FOLLOW = _re(lx.FOLLOW_CUES)
# one button of a share row: "Share: Facebook", "Condividi su X", "Partager sur Facebook"
_SHARE_BUTTON = _re(rf"^({lx.SHARE_LINES})\s*[:：]?\s*(\w{{1,4}}\s+)?({lx.SOCIAL})$")
_SEGMENTS = re.compile(r"\s+[·•|]\s+")


def _share_row(bare: str) -> bool:
    """ "Share: Facebook · X", "Condividi su Facebook · Condividi su X · Invia per email"."""
    segments = [_bare(p) for p in _SEGMENTS.split(bare) if p.strip()]
    buttons = [bool(_SHARE_BUTTON.match(p)) for p in segments]
    return any(buttons) and all(
        b or _SHARE.match(p) or _SOCIAL_TOKENS.match(p) for b, p in zip(buttons, segments, strict=True)
    )


_APP = _re(r"\b(get|download)\s+(the\s+)?[\w\s]{1,30}\s+apps?\b|\bon the go by clicking here\b")


def is_share_prompt(line: str) -> bool:
    bare = _bare(line)
    return bool(
        _SOCIAL_TOKENS.match(bare)
        or _SHARE.match(bare)
        or _share_row(bare)
        or _FOLLOW.search(line.strip())
        or (_APP.search(line) and len(_words(line)) <= 20)
    )


_COPYRIGHT = _re(rf"^(©|\(c\)\s*\d{{4}}|copyright\b)|\b({lx.COPYRIGHT})\b")


def is_copyright(line: str) -> bool:
    return bool(_COPYRIGHT.search(line.strip()))


_READING_TIME = _re(
    rf"^\W*({lx.READING_TIME_LABELS})\b|"
    rf"^\W*\d+\s*({lx.MINUTE_WORDS})\.?\s*({lx.READING_TIME_TAILS})\b|"
    r"^ten tekst przeczytasz w\b"
)
_PAYWALL = _re(rf"\b({lx.PAYWALL})\b")
_ADVERT = _re(
    rf"^({lx.ADVERT_LINES})$|"
    r"^(story continues below( advertisement)?|article continues below( advertisement)?|"
    r"continue reading below|scroll to continue( with content)?|content continues below)\b|"
    r"\bthis (post|article) (contains|may contain) (references to products|affiliate links)\b|"
    r"\bwe may (receive|earn) (compensation|a commission)\b|"
    r"\bif you buy something through (this post|our links)\b|"
    rf"\b({lx.AFFILIATE})\b"
)
_SIGNOFF = _re(
    r"^\(?(reporting|writing|additional reporting|editing|compiled|edited|produced|graphics) by\b|"
    r"\bcontributed (reporting|to this report)\b|\bour standards: the thomson reuters trust principles\b|"
    r"^have a tip\?|\breach the reporters? (at|on)\b|"
    r"^\(?[a-z]{2,5}(/[a-z]{2,5})*/[A-Z]{2,6}\)?$|"
    rf"^({lx.SOURCE_LABELS})\s*:\s*\S"
)
_BYLINE = _re(
    rf"^(?i:{lx.BYLINE_WORDS})\s+[A-ZÀ-ÞА-ЯІЇЄ][\w.'’\-]+"
    r"(\s+[A-ZÀ-ÞА-ЯІЇЄ][\w.'’\-]+){0,3}"
    rf"(\s*(,|{lx.AND_WORDS}|&|\|)\s*[A-ZÀ-ÞА-ЯІЇЄ][\w.'’\-]+(\s+[A-ZÀ-ÞА-ЯІЇЄ][\w.'’\-]+){{0,3}}){{0,3}}\W*$",
    re.U,
)
_GALLERY = _re(lx.GALLERY_CUES)
_FORM_FIELD = _re(rf"^({lx.FORM_FIELDS})\s*\*?\s*:?$")
_TRANSLATION_NOTICE = _re(rf"\b({lx.TRANSLATION_NOTICE})\b")
_UI = _re(
    rf"^({lx.UI_LINES})$|"
    r"^(javascript is (disabled|required).*|please enable javascript.*)$"
)
_COOKIE = _re(rf"\b({lx.COOKIE_WORDS})\b.{{0,80}}\b({lx.COOKIE_CONSENT})\b")
_SCRIPT = re.compile(r"(function\s*\(|\bvar\s+\w+\s*=|window\.|document\.|googletag|\bpx;|@media|=>\s*\{)")


def is_ui_text(line: str) -> bool:
    bare = _bare(line)
    if _UI.match(bare):
        return True
    if _COOKIE.search(line) and len(_words(line)) <= 60:
        return True
    return bool(_SCRIPT.search(line)) and sum(line.count(c) for c in "{};=()") >= 4


_TAXONOMY = _re(rf"^\W{{0,3}}({lx.TAXONOMY_LABELS})\s*:")
_CONTACT = _re(rf"^\W{{0,3}}({lx.CONTACT_LABELS})\s*[:.]?\s*(\+?\d|\S+@\S+|$)")
_FOOTER_LABEL = re.compile(r"^[^\W\d_][\w\s'’\-]{0,40}:$", re.U)
_LEGAL = _re(lx.LEGAL_TERMS)
_DISCLAIMER = _re(rf"^\W*({lx.DISCLAIMERS})\W*$")
_LICENSE = _re(rf"\b({lx.LICENSE})\b")
_META_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s+[|·•]$|^[|·•]\s+")


def is_taxonomy(line: str) -> bool:
    return bool(_TAXONOMY.match(line.strip()))


def is_legal_notice(line: str) -> bool:
    """ "By registering you accept our privacy policy", "All information without guarantee"."""
    text = line.strip()
    return bool((_LEGAL.search(text) and _SECOND_PERSON.search(text)) or _DISCLAIMER.match(text))


def is_meta_bar(line: str) -> bool:
    """ "January 13, 2020 at 08:45 AM | categories: Python | View Comments": segments of page data."""
    parts = [p.strip() for p in _META_SEPARATOR.split(line.strip()) if p and p.strip()]
    if len(parts) < 2:
        return False
    dated = any(date_stamp(p)[0] for p in parts)
    for part in parts:
        if date_stamp(part)[0] or is_taxonomy(part) or is_comment_chrome(part) or is_share_prompt(part):
            continue
        if _BYLINE.match(part) or (
            dated and re.fullmatch(r"[A-ZÀ-Þ][\w.'’\-]*(\s+[A-ZÀ-Þ][\w.'’\-]*){0,2}", part)
        ):
            continue  # an author's name beside the date
        return False
    return True


# --- the rule table -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LineRule:
    name: str
    reason: Reason
    zone: Zone
    max_words: int
    test: Callable[[str], bool]


def _date_rule(labelled_only: bool) -> Callable[[str], bool]:
    def test(line: str) -> bool:
        only_date, labelled = date_stamp(line)
        return only_date and (labelled or not labelled_only)

    return test


RULES: tuple[LineRule, ...] = (
    LineRule("language-switcher", "navigation", "any", 12, is_language_switcher),
    LineRule("page-date", "boilerplate", "any", 14, _date_rule(labelled_only=True)),
    LineRule("page-date", "boilerplate", "edge", 10, _date_rule(labelled_only=False)),
    LineRule("section-label", "navigation", "head", 8, is_section_label),
    LineRule("comment-form", "boilerplate", "any", 40, is_comment_chrome),
    LineRule("cross-promotion", "navigation", "any", 30, is_promotion),
    LineRule("teaser", "navigation", "any", 30, is_teaser),
    LineRule("newsletter", "boilerplate", "any", 45, is_newsletter),
    LineRule("share-prompt", "boilerplate", "any", 25, is_share_prompt),
    LineRule("copyright", "boilerplate", "any", 60, is_copyright),
    LineRule("reading-time", "boilerplate", "any", 10, lambda s: bool(_READING_TIME.search(s))),
    LineRule("paywall", "boilerplate", "any", 60, lambda s: bool(_PAYWALL.search(s))),
    LineRule("advertising", "boilerplate", "any", 60, lambda s: bool(_ADVERT.search(_bare(s) or s))),
    LineRule("taxonomy", "navigation", "any", 20, is_taxonomy),
    LineRule("meta-bar", "boilerplate", "any", 30, is_meta_bar),
    LineRule("legal-notice", "boilerplate", "any", 50, is_legal_notice),
    LineRule("license", "boilerplate", "edge", 40, lambda s: bool(_LICENSE.search(s))),
    LineRule("contact", "boilerplate", "edge", 12, lambda s: bool(_CONTACT.match(s.strip()))),
    LineRule("footer-label", "boilerplate", "edge", 5, lambda s: bool(_FOOTER_LABEL.match(s.strip()))),
    LineRule("sign-off", "boilerplate", "any", 60, lambda s: bool(_SIGNOFF.search(s.strip()))),
    LineRule("byline", "boilerplate", "edge", 14, lambda s: bool(_BYLINE.match(s.strip()))),
    LineRule("gallery", "caption", "any", 30, lambda s: bool(_GALLERY.search(s))),
    LineRule("form-field", "boilerplate", "edge", 3, lambda s: bool(_FORM_FIELD.match(s.strip()))),
    LineRule(
        "translation-notice",
        "boilerplate",
        "any",
        25,
        lambda s: bool(_TRANSLATION_NOTICE.search(s)),
    ),
    LineRule("page-ui", "navigation", "any", 60, is_ui_text),
)


_TABLE_ROW = re.compile(r"^\|.*\|$")


def match_line(line: str, zone: Zone) -> LineRule | None:
    """The first rule that removes `line`, standing in `zone` of its article."""
    if _TABLE_ROW.match(line.strip()):
        return None  # a table row is the article's data, whatever its cells say
    words = len(_words(line))
    for rule in RULES:
        if words > rule.max_words:
            continue
        if (rule.zone == "head" and zone != "head") or (rule.zone == "edge" and zone == "any"):
            continue
        if rule.test(line):
            return rule
    return None
