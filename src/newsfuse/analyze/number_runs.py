"""Where the number phrases of a parsed sentence are: runs of number tokens read as one phrase.

A run is what `parse_count` will read: "Three hundred and fifty-three", "tens of thousands" (one
phrase, never "tens" + "thousands"), "12 to 15", "between 30 and 40", "50+", "50-plus". Runs that
are not counts of people are dropped here, by the shape of the text around them: ages ("a
25-year-old", "aged 30"), durations ("five years", "the five-year war"), clock times and dates,
percentages, idioms of "one" ("at one point", "one another", "one of the worst"), and page
furniture ("Views 1234", "(3) 4 5" widget residue).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from newsfuse.analyze.casualty_words import (
    _FRACTIONS,
    _MONTHS,
    _NOUN_MEASURES,
    _NUM_WORD,
    _PERSON_NOUNS,
    victim_class,
)
from newsfuse.analyze.numbers import QUALIFIERS, RANGE_OPENERS, VAGUE
from newsfuse.languages import calendar_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["is_month", "is_number", "number_runs", "phrase_start", "root_of", "skipped_entity"]

_SKIPPED = frozenset({"PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
# a MONEY entity with none of these is a misread count: "more than 10 million displaced"
_CURRENCY = frozenset(
    {"dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling", "yen", "yuan", "rupee", "rupees",
     "franc", "francs", "lira", "liras", "ruble", "rubles", "rouble", "roubles", "riyal", "riyals", "dinar",
     "dinars", "cent", "cents", "usd", "eur", "gbp", "bucks"}
)  # fmt: skip
_TIME_UNITS = frozenset(
    {"year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
     "minute", "minutes", "min", "mins", "second", "seconds", "decade", "decades", "century",
     "centuries", "ans", "année", "années", "mois", "semaine", "semaines", "jour", "jours",
     "heure", "heures", "siècle", "siècles", "décennie", "décennies"}
)  # fmt: skip
_WEEKDAYS = frozenset(calendar_words("weekdays")) | frozenset(calendar_words("weekday_abbreviations"))
# words that make a DATE/TIME entity a real date or time (the NER tags "between 30 and 40" DATE)
_TIME_WORDS = _TIME_UNITS | _WEEKDAYS | _MONTHS | frozenset(
    {"ago", "today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night",
     "noon", "midnight", "am", "pm", "a.m.", "p.m.", "o'clock", "old", "weekend", "spring", "summer",
     "autumn", "winter", "hier", "matin", "soir", "nuit", "midi", "minuit", "gmt", "utc"}
)  # fmt: skip
_CLOCK = frozenset({"am", "pm", "a.m.", "p.m.", "o'clock", "h", "gmt", "utc", "hrs"})
_PERCENT = frozenset({"%", "percent", "per", "pc", "pour", "pourcent"})
_AGE = frozenset({"aged", "age", "ages", "âgé", "âgée", "âgés", "âgées"})
# page furniture: a counter's label right before its number
_COUNTERS = frozenset(
    {"views", "view", "updated", "update", "comments", "comment", "shares", "share", "likes", "reads",
     "votes", "url", "page", "photos", "images", "vues", "commentaires", "partages"}
)  # fmt: skip
# "one" as a word of an idiom, not a count: "at one point", "one another", "one by one"
_ONE_IDIOMS = frozenset({"point", "time", "stage", "moment", "another", "by", "hand", "after", "way"})
_NO_ONE = frozenset({"no", "not", "nul", "aucun"})
_ONE_DETERMINERS = frozenset({"every", "each", "any", "the", "this", "that", "which"})
# a plural multiplier and a plural unit make one phrase: "tens of thousands", "dizaines de milliers"
_PLURAL_MULTIPLIERS = frozenset(
    {"tens", "dozens", "scores", "hundreds", "dizaines", "centaines", "thousands"}
)
_PLURAL_UNITS = frozenset({"thousands", "millions", "billions", "milliers"})
_RANGE_WORDS = frozenset({"to", "or", "à", "ou", "-", "–", "—", "‑"})
# "rose from 20 to 25", "up by 5 to 30": a toll that changed, not a range
_CHANGE_VERBS = frozenset(
    {"rise", "climb", "increase", "jump", "grow", "go", "raise", "revise", "fall", "drop", "decrease",
     "soar", "mount", "update", "reduce", "lower", "bring", "push", "up", "down", "passer", "monter"}
)  # fmt: skip
_QUALIFIER_TOKENS = frozenset(w for q in QUALIFIERS for w in q.replace("'", "' ").split())
_DIGIT_RUN = re.compile(r"^\d[\d,.\u00a0\u202f]*$")
_RANGE_TOKEN = re.compile(r"^\d[\d,]*[-–—‑]\d[\d,]*$")
_QUOTE_CHARS = ' "“”«»'
_ARTICLE_UNITS = frozenset(
    {"hundred", "thousand", "million", "dozen", "centaine", "dizaine", "millier", "cent", "mille",
     "few", "score"}
)  # fmt: skip
_SCALES = frozenset({"hundred", "thousand", "million", "billion", "cent", "mille", "millions", "milliards"})
_PERSON_WORDS = frozenset(
    {"people", "person", "passenger", "worker", "individual", "family", "employee", "resident",
     "suspect", "attacker", "gunman", "shooter", "member", "personne"}
)  # fmt: skip


def is_month(doc: Doc, i: int) -> bool:
    """The token at `i` is a capitalised month name ("12 November", "Sat Nov 12")."""
    if not 0 <= i < len(doc):
        return False
    word = doc[i]
    return word.lower_.rstrip(".") in _MONTHS and word.text[:1].isupper()


def entity_of(token: Token) -> Span | None:
    """The named entity the token is part of, found from the token's IOB marks (not `doc.ents`,
    which builds every entity of the document on each call)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def skipped_entity(token: Token) -> bool:
    """The NER says the token is no count: a percentage, money, an ordinal, a real date or time."""
    if token.ent_type_ == "MONEY" and not _priced(token):
        return False
    if token.ent_type_ in _SKIPPED:
        return token.lower_ not in VAGUE
    if token.ent_type_ not in ("DATE", "TIME"):
        return False
    entity = entity_of(token)
    words = [t.lower_ for t in entity] if entity is not None else [token.lower_]
    return any(
        w in _TIME_WORDS or ":" in w or re.fullmatch(r"(19|20)\d\d|\d+(am|pm|h)", w) for w in words
    ) or (entity is not None and any(is_month(token.doc, t.i) for t in entity))


def _priced(token: Token) -> bool:
    """The MONEY entity around the token names a currency ("$5 million", "10 million euros")."""
    doc = token.doc
    entity = entity_of(token)
    words = list(entity) if entity is not None else [token]
    words += list(doc[words[-1].i + 1 : words[-1].i + 3])  # "10 million US dollars"
    return any(t.is_currency or t.lower_ in _CURRENCY for t in words)


_NUMBER_LIKE = frozenset(
    {"few", "score", "hundred", "thousand", "million", "billion", "cent", "mille", "millions"}
)


def is_number(token: Token) -> bool:
    """The token is (part of) a number: digits, a number word, a vague word ("dozens", "several")."""
    low = token.lower_
    if not (token.like_num or low in _NUMBER_LIKE or low in VAGUE or _RANGE_TOKEN.match(low)):
        return False  # no rule below can call it a number (the checks after cost far more)
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    if skipped_entity(token):
        return False
    if low in ("few", "score"):  # "a few", "a score of"; bare "few" is "not many"
        return before == "a" and (low == "few" or after == "of")
    if low in VAGUE:
        return True
    if low in ("hundred", "thousand", "million", "billion", "cent", "mille", "millions"):
        return True
    if is_month(doc, token.i - 1) or is_month(doc, token.i + 1):
        return False  # "12 November 2016", "Sat Nov 12": a day of the month
    if re.fullmatch(r"(19|20)\d\d", low) or (low.isdigit() and len(low) >= 4 and before == "url"):
        return False  # a year, or a page counter
    if _RANGE_TOKEN.match(low):  # "20–25" as one token; not "2015-2016"
        return not all(re.fullmatch(r"(19|20)\d\d", part) for part in re.split(r"[-–—‑]", low))
    if token.like_num and not re.match(r"^\d+(st|nd|rd|th|e|er|ème)$", low):
        return not (
            _NUM_WORD.match(low) and ("." in low and low.count(".") == 1 and len(low.split(".")[1]) != 3)
        )
    return False


def _changed_from(token: Token) -> bool:
    """ "the toll rose from 20 to 25", "up by 5 to 30": a change of a toll, not a range."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and (doc[i].lower_ in _QUALIFIER_TOKENS or doc[i].text in _QUOTE_CHARS):
        i -= 1
    if i < 0 or doc[i].lower_ not in ("from", "by", "de"):
        return False
    near = {doc[i].head.lemma_.lower()} | {t.lemma_.lower() for t in doc[max(i - 2, 0) : i]}
    return bool(near & _CHANGE_VERBS)


def _joins(token: Token, current: list[Token], span: Span) -> bool:
    """The token continues a run: "three hundred AND fifty", "tens OF thousands", "12 TO 15"."""
    if not current:
        return False
    doc = token.doc
    low = token.lower_
    last = current[-1].lower_
    nxt = token.i + 1
    # "to some 70": a qualifier may open the second end of a range
    while nxt < span.end and doc[nxt].lower_ in _QUALIFIER_TOKENS and low in _RANGE_WORDS:
        nxt += 1
    if nxt >= span.end or not is_number(doc[nxt]):
        return False
    opened = current[0].i > 0 and doc[current[0].i - 1].lower_ in ("between", "entre")
    if low in ("of", "de"):
        return last in _PLURAL_MULTIPLIERS and doc[nxt].lower_ in _PLURAL_UNITS and nxt == token.i + 1
    if low in ("and", "et"):
        return last not in VAGUE or opened
    if low in _RANGE_WORDS:
        return not _changed_from(current[0])
    return False


def _not_a_count(run: list[Token]) -> bool:
    """The run is a number but not a count of people: an age, a duration, a time, furniture."""
    doc = run[0].doc
    first, last = run[0].i, run[-1].i
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    nxt2 = doc[last + 2] if last + 2 < len(doc) else None
    prev = doc[first - 1] if first > 0 else None
    if (
        nxt is not None
        and nxt.text in ("-", "‑")
        and not run[-1].whitespace_
        and not nxt.whitespace_
        and nxt2 is not None
        and nxt2.is_alpha
        and nxt2.lower_ != "plus"
    ):
        return True  # "a 34-year-old", "the five-year war", "a 12-storey block": a modifier
    if nxt is not None and (nxt.lower_ in _TIME_UNITS | _CLOCK | _PERCENT or ":" in nxt.text):
        return True  # "for five years", "at 10 pm", "80 percent"
    back = first - 1
    while back >= 0 and doc[back].lower_ in _QUALIFIER_TOKENS | {"between", "of", "de"}:
        back -= 1
    if back >= 0 and doc[back].lower_ in _AGE:
        return True  # "aged 30", "aged between 20 and 30"
    if (
        len(run) == 1
        and prev is not None
        and prev.text == ","
        and first > 1
        and (doc[first - 2].pos_ == "PROPN" or doc[first - 2].lemma_.lower() in _PERSON_NOUNS)
        and (nxt is None or nxt.text in (",", ";", ")"))
    ):
        return True  # "Jane Doe, 14, was shot", "Woman, 61, hit by gunfire": an age in apposition
    if _named_by_number(run[0]):
        return True  # "told NBC 6", "Channel 4": a number that ends a name
    if prev is not None and prev.lower_ in _COUNTERS and _DIGIT_RUN.match(run[0].text):
        return True  # "Views 1234", "updated 1532"
    if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")":
        return True  # "(3)": a list index or widget residue
    digits = all(_DIGIT_RUN.match(t.text) for t in run)
    residue = prev is not None and prev.text == ")" and first > 1 and _DIGIT_RUN.match(doc[first - 2].text)
    if digits and (residue or _digit_row(run) >= 3):
        return True  # "(3) 4 5", "12 4 9": counters of a share widget, bare numbers side by side
    return len(run) == 1 and run[0].lower_ in ("one", "un", "une") and _one_idiom(run[0])


def _named_by_number(token: Token) -> bool:
    """The number ends the name of an organisation or a place ("NBC 6", "Fox 59", "Route 9")."""
    if token.ent_type_ not in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART") or token.ent_iob_ == "B":
        return False
    entity = entity_of(token)
    return entity is not None and token.i == entity.end - 1 and entity[0].is_alpha


def _digit_row(run: list[Token]) -> int:
    """How many bare digit counts stand side by side around the run (parentheses skipped)."""
    doc = run[0].doc
    row = 1
    for step, start in ((-1, run[0].i - 1), (1, run[-1].i + 1)):
        i = start
        while 0 <= i < len(doc) and (_DIGIT_RUN.match(doc[i].text) or doc[i].text in ("(", ")")):
            # a year or a day of the month beside a count is a dateline, not a widget
            row += _DIGIT_RUN.match(doc[i].text) is not None and is_number(doc[i])
            i += step
    return row


def _one_idiom(token: Token) -> bool:
    """ "at one point", "one another", "no one", "this one", "one of the worst": "one" counting nobody."""
    doc = token.doc
    after = list(doc[token.i + 1 : token.i + 6])
    if after and after[0].lower_ in _ONE_IDIOMS:
        return True
    prev = doc[token.i - 1] if token.i > 0 else None
    if prev is not None and (
        prev.lower_ in _NO_ONE or (prev.lower_ in _ONE_DETERMINERS and prev.head.i == token.i)
    ):
        return True  # "no one" (a zero, read elsewhere), "every one", "this one", "the one who"
    if len(after) < 3 or after[0].lower_ != "of" or after[1].lower_ not in ("the", "these", "those"):
        return False
    if any(w.tag_ in ("JJS", "RBS") or w.lower_ in ("most", "worst") for w in after[2:4]):
        return True  # "one of the deadliest attacks"
    # "one of the X" is a count only as part of a group of people: "one of the wounded", "… the men"
    group = next((t for t in after[0].children if t.dep_ == "pobj"), None)
    group = group or next((w for w in after[2:] if w.pos_ in ("NOUN", "PROPN")), after[2])
    lemma = group.lemma_.lower()
    if lemma == "victim":
        return True  # "one of the victims" names a person (C18: "victims" alone is no measure)
    person = lemma in _PERSON_NOUNS | _PERSON_WORDS or victim_class(group.text) != "people"
    return not (person or lemma in _NOUN_MEASURES or group.lower_ in _NOUN_MEASURES)


def number_runs(span: Span, single: Callable[[Token], bool]) -> list[list[Token]]:
    """Maximal runs of number words that are counts ("Three hundred and fifty-three", "4 000").

    `single` says whether a lone token outside a run is a one-person count ("including a child").
    """
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in span:
        # "(3) 4 5 Two …": digits followed by other digits or a number word start a new run
        glued = (
            bool(current)
            and _DIGIT_RUN.match(current[-1].text) is not None
            and (
                (token.is_alpha and token.lower_ not in _SCALES and token.lower_ not in VAGUE)
                or re.fullmatch(r"\d+|\d{4,}", token.text) is not None
            )
            and not re.fullmatch(r"\d{3}", token.text)
        )
        if is_number(token) and not glued:
            current.append(token)
            continue
        if _joins(token, current, span) or (
            current and token.lower_ in _QUALIFIER_TOKENS and _in_range(current)
        ):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = [token] if is_number(token) else []
        if not current and single(token):
            runs.append([token])
    if current:
        runs.append(current)
    return [run for run in map(_with_floor, _closed(runs)) if not _not_a_count(run)]


def _in_range(current: list[Token]) -> bool:
    """The run ends on a range word, so a qualifier may follow: "from about 50 to SOME 70"."""
    return current[-1].lower_ in _RANGE_WORDS or current[-1].lower_ in _QUALIFIER_TOKENS


def _closed(runs: list[list[Token]]) -> list[list[Token]]:
    """Runs without a dangling range word or qualifier at their end."""
    closed = []
    for run in runs:
        while len(run) > 1 and run[-1].lower_ in _RANGE_WORDS | _QUALIFIER_TOKENS | {"and", "et", "of", "de"}:
            run = run[:-1]
        if run:
            closed.append(run)
    return closed


def _with_floor(run: list[Token]) -> list[Token]:
    """The run with its floor mark: "50+", "50-plus", "50 or more"."""
    doc = run[0].doc
    end = run[-1].i + 1
    words = [t.lower_ for t in doc[end : end + 2]]
    if words[:1] == ["+"]:
        return [*run, doc[end]]
    if words[:2] in (["-", "plus"], ["‑", "plus"], ["or", "more"]):
        return [*run, doc[end], doc[end + 1]]
    return run


def phrase_start(run: list[Token], span: Span) -> int:
    """Index of the first token of the number phrase: its qualifier ("at least", "more than")."""
    doc = run[0].doc
    first = run[0].i
    # "a hundred", "a thousand", "one dozen", "a few", "a score of"
    if (
        first - 1 >= span.start
        and doc[first - 1].lower_ in ("a", "an", "une", "un")
        and run[0].lower_ in _ARTICLE_UNITS
    ):
        first -= 1
    if first - 1 >= span.start and doc[first - 1].lower_ in ("several", "plusieurs", "many", "few"):
        first -= 1
    # "a quarter of a million", "half a million"
    ahead = [t.lower_ for t in doc[max(first - 4, span.start) : first]]
    scale = run[0].lower_ in ("hundred", "thousand", "million", "cent", "mille")
    for size in (4, 3, 2, 1):
        if scale and len(ahead) >= size and ahead[-size] in _FRACTIONS:
            first -= size
            if first - 1 >= span.start and doc[first - 1].lower_ in ("a", "an", "one", "un", "une", "la"):
                first -= 1
            break
    first = _qualifier_start(first, span)
    opened = first > span.start and doc[first - 1].lower_ in ("between", "entre")
    ranged = opened and any(t.lower_ in ("and", "et") for t in run)
    if ranged or any(t.lower_ in _RANGE_WORDS or _RANGE_TOKEN.match(t.text) for t in run):
        first = _opener_start(first, span)
    return first


def _qualifier_start(first: int, span: Span) -> int:
    """The start of a qualifier before the number, through quotes and a preposition ("at least at")."""
    doc = span.doc
    before = doc[span.start : first].text.lower().replace("’", "'").rstrip(_QUOTE_CHARS)
    extra = 0
    # a preposition after the qualifier: "put the toll at least at 45"
    trimmed = re.sub(r"\s+(?:at|to|à)$", "", before)
    if trimmed != before and any(trimmed.endswith(q) for q in QUALIFIERS):
        before, extra = trimmed, 1
    for qualifier in QUALIFIERS:
        if before.endswith(qualifier) and (
            len(before) == len(qualifier) or not before[-len(qualifier) - 1].isalpha()
        ):
            return _words_back(span, first, len(qualifier.replace("'", "' ").split()) + extra)
    return first


def _opener_start(first: int, span: Span) -> int:
    """The start of a range's opener: "between 30 and 40", "ranging from about 50 to 70"."""
    doc = span.doc
    before = doc[span.start : first].text.lower().rstrip(_QUOTE_CHARS)
    for opener in RANGE_OPENERS:
        if before.endswith(opener) and (len(before) == len(opener) or not before[-len(opener) - 1].isalpha()):
            return _words_back(span, first, len(opener.split()))
    return first


def _words_back(span: Span, first: int, words: int) -> int:
    """The token `words` words (punctuation skipped) before `first`, within the span."""
    start = first
    while words and start > span.start:
        start -= 1
        if not span.doc[start].is_punct:
            words -= 1
    return start


def root_of(run: list[Token]) -> Token:
    """The token of the run that the rest of the sentence hangs on (for a range, the end the noun takes)."""
    ids = {t.i for t in run}
    outside = [t for t in run if t.head.i not in ids or t.head is t]
    if len(outside) > 1:  # "between 30 and 40 people", "from 50 to some 70 people"
        ahead = [t for t in outside if t.head.i > run[-1].i and t.head is not t and t.pos_ in ("NUM", "NOUN")]
        return ahead[0] if ahead else outside[0]
    return outside[0] if outside else run[-1]
