"""Entity mentions in one article, repaired where spaCy's small news models are known to fail.

spaCy's NER gives the candidate spans; rules then fix what it gets wrong on news copy:
- all-caps datelines ("KESSARA, VALDONIA", "LONDON –") are places, never organisations;
- a title or role before a name ("Valdonian President …", "police spokesman …", "Mayor …") is split
  off the name, kept as the person's role, and makes the name a person;
- an organisation span that runs into a person's name ("the Central Bank Firstname Lastname") is
  split into the organisation and the person;
- an acronym defined in the text ("Long Name Organization (LNO)") links both forms;
- `recover_mentions` is a rule-based ruler built from the story's own text: defined acronyms,
  their expansions and multi-word names the model found somewhere are found everywhere else too.

Languages without a trained spaCy pipeline are read as their pack says (`analyze/names.py`:
natasha for Russian, capitalised sequences with gazetteers elsewhere). The role, organisation and
place word lists used on spaCy's spans live in the en/fr packs' names.toml.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from newsfuse.analyze.parse import doc_text
from newsfuse.languages import known_languages, pack
from newsfuse.models import AnalyzedArticle, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "AcronymDefinition",
    "EntityType",
    "Mention",
    "acronym_matches",
    "article_mentions",
    "extract_mentions",
    "find_acronyms",
    "recover_mentions",
    "story_mentions",
]

EntityType = Literal["person", "org", "place", "other"]


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list."""
    return frozenset(text.split())


def _spacy_pack_words(key: str) -> frozenset[str]:
    """A names.toml word list pooled over the packs read by a trained spaCy pipeline (en, fr)."""
    out: set[str] = set()
    for code in known_languages():
        found = pack(code)
        if found is not None and found.parser == "spacy":
            out |= found.words("names", key)
    return frozenset(out)


LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "other",
}
# labels whose spans only count when the story elsewhere gives the same name a real type
WEAK_LABELS = {"PRODUCT", "WORK_OF_ART", "LAW", "NORP", "MISC"}

ROLE_NOUNS = _spacy_pack_words("roles")
# lower-case words that may sit inside a role before the role noun ("police spokesman")
ROLE_MODIFIERS = _spacy_pack_words("role_modifiers")
ORG_HEADS = _spacy_pack_words("org_heads")
DETERMINERS = words("the a an le la les l' l’ d' d’ de du des der die das il lo gli el los las")
# generic lower-case words trailing a place name ("Kessara city")
PLACE_TAILS = _spacy_pack_words("place_tails")

_CAPS_WORD = r"[A-ZÀ-Þ][A-ZÀ-Þ'’.\-]+"
_CAPS_GROUP = rf"{_CAPS_WORD}(?: {_CAPS_WORD})*"
# "KESSARA, VALDONIA": two all-caps groups, a city and its country or region
_DATELINE_PAIR = re.compile(rf"(?<!\w)({_CAPS_GROUP}),\s+({_CAPS_GROUP})(?![\w'’])")
# "LONDON –", "KESSARA, 12 March": one all-caps group opening a paragraph
_DATELINE_SINGLE = re.compile(rf"(?m)^({_CAPS_GROUP})(?=\s*(?:[–—-]\s|\(|,\s*\d))")
# what follows a place name that is a dateline: "Rome – ", "Rome (AP) — ", "Rome, Jan. 5 (Agency) - "
_DATELINE_TAIL = re.compile(
    r"(?P<date>,[^\S\n]*[^\n,()–—]{0,24}\d[^\n,()–—]{0,12})?[^\S\n]*(?P<agency>\([^()\n]{1,40}\)[^\S\n]*)?[–—-]+\s"
)
# "Long Name (ACR)" / "Long Name (ACR, ...)" and "ACR (Long Name)"
_ACRONYM_AFTER = re.compile(
    r"((?:[A-ZÀ-Þ][\w’'\-]*|of|the|for|and|de|la|le|du|des|on|in)(?:\s+(?:[A-ZÀ-Þ]?[\w’'\-]+)){1,9})"
    r"\s*\(\s*([A-Z][A-Za-z]{1,7})\s*[),]"
)
_ACRONYM_BEFORE = re.compile(r"\b([A-Z][A-Za-z]{1,7})\s*\(\s*([A-ZÀ-Þ][^()]{4,100}?)\s*[):]")
_ELISION = re.compile(r"^[ldLD]['’]")
_FUNCTION_WORDS = words("of the for and on in at to de la le du des l d et a")


@dataclass(frozen=True)
class Mention:
    """One named mention in one article: where it is, what it is, and the role it came with."""

    text: str  # as written, without a leading article or trailing possessive
    type: EntityType
    start: int  # [start, end) character offsets into the article's text
    end: int
    role: str | None = None  # "Valdonian President", "police spokesman"
    evidence: str = "ner"  # ner | dateline | role | split | ruler | weak
    label: str = ""  # spaCy's label, when spaCy proposed the span
    in_title: bool = False  # found in the headline (offsets into the title, not the text)
    lemma: str = ""  # the name in its dictionary form where the pack lemmatises names ("Бондарчук")
    language: str = ""  # the article's language (ISO 639-1), "" when unknown


@dataclass(frozen=True)
class AcronymDefinition:
    """An acronym and the long form the text defines it with."""

    acronym: str
    expansion: str


def article_mentions(analyzed: AnalyzedArticle) -> tuple[list[Mention], list[AcronymDefinition]]:
    """One article's mentions (the model's, repaired) and the acronyms its headline and text define."""
    language = analyzed.article.language
    mentions = [replace(m, language=language) for m in extract_mentions(analyzed)]
    definitions: list[AcronymDefinition] = []
    for found in [*find_acronyms(analyzed.article.title or ""), *find_acronyms(analyzed.article.text)]:
        if found not in definitions:
            definitions.append(found)
    return mentions, definitions


def story_mentions(
    articles: Sequence[Article],
    mentions: Sequence[Sequence[Mention]],
    acronyms: Sequence[Sequence[AcronymDefinition]],
) -> tuple[list[list[Mention]], list[AcronymDefinition]]:
    """Mentions per article with the ones the story's ruler recovers, and the acronyms the story defines.

    `mentions` and `acronyms` are each article's own (`article_mentions`).
    """
    titles = [a.title or "" for a in articles]
    definitions: list[AcronymDefinition] = []
    seen: set[AcronymDefinition] = set()
    for found in acronyms:
        for definition in found:
            if definition not in seen:
                seen.add(definition)
                definitions.append(definition)
    texts = [a.text for a in articles]
    recovered = recover_mentions(texts, mentions, definitions)
    # headlines are not parsed: only the ruler looks for the story's names in them
    in_titles = recover_mentions(titles, [[] for _ in titles], definitions, names_from=mentions)
    return [
        [
            *(m if m.language == article.language else replace(m, language=article.language) for m in found),
            *(replace(m, in_title=True, language=article.language) for m in heads),
        ]
        for found, heads, article in zip(recovered, in_titles, articles, strict=True)
    ], definitions


def extract_mentions(analyzed: AnalyzedArticle) -> list[Mention]:
    """The article's person, organisation and place mentions, repaired (see the module docstring)."""
    doc = analyzed.doc
    text = analyzed.article.text
    datelines = _datelines(text)
    taken = [(m.start, m.end) for m in datelines]
    out: list[Mention] = list(datelines)
    language_pack = pack(analyzed.article.language)
    if language_pack is not None and language_pack.parser != "spacy":
        # no trained spaCy pipeline for this language: the pack says how its names are read
        from newsfuse.analyze.names import pack_mentions

        out += [m for m in pack_mentions(text, language_pack) if not _overlaps((m.start, m.end), taken)]
        return sorted(_mark_datelines(text, out), key=lambda m: (m.start, m.end))
    if doc is None:
        return out
    role_spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        for piece in _pieces(doc, ent):
            for mention, role_span in _repair(doc, piece, ent.label_):
                if _overlaps((mention.start, mention.end), taken):
                    continue
                if role_span:
                    role_spans.append(role_span)
                out.append(mention)
    # a word swallowed into someone's role ("Valdonian" of "Valdonian President") is not a mention;
    # an organisation named in a role ("NCPA director") comes back through `recover_mentions`
    out = [m for m in out if m.evidence in ("role", "dateline") or not _inside((m.start, m.end), role_spans)]
    return sorted(_mark_datelines(text, out), key=lambda m: (m.start, m.end))


def _mark_datelines(text: str, mentions: list[Mention]) -> list[Mention]:
    """A place written as a dateline in ordinary case ("Rome – …" opening the article, "Rome, Jan. 5
    (Agency) – …" opening a paragraph) is where the reporter filed from: its evidence says so."""
    out = []
    for m in mentions:
        if m.type == "place" and m.evidence != "dateline":
            line_start = text.rfind("\n", 0, m.start) + 1
            tail = _DATELINE_TAIL.match(text, m.end)
            opens_article = not text[: m.start].strip()
            if (
                tail
                and not text[line_start : m.start].strip()
                and (opens_article or tail.group("date") or tail.group("agency"))
            ):
                m = replace(m, evidence="dateline")
        out.append(m)
    return out


def _datelines(text: str) -> list[Mention]:
    out: list[Mention] = []
    seen: set[int] = set()
    for match in _DATELINE_PAIR.finditer(text):
        for group in (1, 2):
            if _is_caps_name(match.group(group)) and match.start(group) not in seen:
                seen.add(match.start(group))
                out.append(
                    Mention(
                        match.group(group), "place", match.start(group), match.end(group), evidence="dateline"
                    )
                )
    for match in _DATELINE_SINGLE.finditer(text):
        if _is_caps_name(match.group(1)) and match.start(1) not in seen:
            seen.add(match.start(1))
            out.append(Mention(match.group(1), "place", match.start(1), match.end(1), evidence="dateline"))
    return out


def _is_caps_name(group: str) -> bool:
    letters = [c for c in group if c.isalpha()]
    return len(letters) >= 4 and all(len(w.strip(".-'’")) >= 3 for w in group.split())


def _pieces(doc: Doc, ent: Span) -> list[Span]:
    """An entity span cut at line breaks (the model sometimes runs one across paragraphs)."""
    if "\n" not in ent.text:
        return [ent]
    pieces: list[Span] = []
    start = ent.start
    for token in ent:
        if "\n" in token.text:
            if token.i > start:
                pieces.append(doc[start : token.i])
            start = token.i + 1
    if start < ent.end:
        pieces.append(doc[start : ent.end])
    return pieces


def _trim(span: Span) -> Span:
    """Without leading articles or punctuation, trailing possessives or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _repair(doc: Doc, span: Span, label: str) -> list[tuple[Mention, tuple[int, int] | None]]:
    """The mentions one NER span stands for, each with the character span of its role if any."""
    span = _trim(span)
    if not len(span) or not any(t.is_alpha for t in span):
        return []
    if label in WEAK_LABELS:
        etype: EntityType = "other"
    elif label in LABEL_TYPES:
        etype = LABEL_TYPES[label]
    else:
        return []
    # a role inside the span's front ("Mayor Firstname Lastname"): split it off, the rest is a person
    lead = 0
    while lead < len(span) - 1 and _role_word(span[lead]):
        lead += 1
    if lead and _is_role_noun(span[lead - 1]) and _name_like(span[lead:]):
        name = span[lead:]
        role = _role_before(doc, name.start, inner_start=span.start)
        return [(_mention(name, "person", "role", label, role), _role_chars(doc, role, name))]
    if etype == "org":
        span = _with_head_before(doc, span)
        split = _split_org_person(doc, span, label)
        if split:
            return split
    role = _role_before(doc, span.start) if etype in ("person", "org", "place", "other") else None
    if role is not None and _name_like(span):
        return [(_mention(span, "person", "role", label, role), _role_chars(doc, role, span))]
    if etype == "place" and span[-1].lower_ in PLACE_TAILS and span[-1].is_lower and len(span) > 1:
        if span.end < len(doc) and doc[span.end].lower_ == "of":
            return []  # "the Valdonian city of Kessara": a description, the name follows
        span = span[:-1]
    if (
        etype in ("org", "other")
        and len(span) == 1
        and span.end < len(doc)
        and doc[span.end].tag_ in ("NN", "NNS")
        and doc[span.end].is_lower
    ):
        return []  # "Valdonian security forces": an adjective, not a name
    if len(span) == 1 and span[0].is_lower:
        return []
    if etype == "person" and len(span) == 1 and span.start > 0 and doc[span.start - 1].lower_ == "the":
        etype = "org"  # "the Herald": people are not written with an article
    if label == "NORP":
        return []
    return [(_mention(span, etype, "weak" if etype == "other" else "ner", label, None), None)]


def _with_head_before(doc: Doc, span: Span) -> Span:
    """ "Agency of the [Civil National Protection]": the organisation's head word the model left out."""
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in DETERMINERS:
        i -= 1
    if i >= 1 and doc[i].lower_ in ("of", "for") and doc[i - 1].lower_ in ORG_HEADS and doc[i - 1].is_title:
        return doc[i - 1 : span.end]
    return span


def _mention(span: Span, etype: EntityType, evidence: str, label: str, role: str | None) -> Mention:
    return Mention(span.text, etype, span.start_char, span.end_char, role, evidence, label)


def _role_word(token: Token) -> bool:
    return _is_role_noun(token) or token.lower_ in ROLE_MODIFIERS


def _is_role_noun(token: Token) -> bool:
    return token.lower_ in ROLE_NOUNS


def _name_like(span: Span) -> bool:
    """Looks like a person's name: 1-4 capitalised words, no role or organisation word."""
    words = [t for t in span if not t.is_punct]
    return (
        0 < len(words) <= 4
        and all(t.text[:1].isupper() and t.is_alpha for t in words)
        and not any(t.lower_ in ORG_HEADS or t.lower_ in ROLE_NOUNS for t in words)
        and not any(t.is_upper and len(t) > 1 for t in words)
    )


def _role_before(doc: Doc, name_start: int, inner_start: int | None = None) -> str | None:
    """The role written just before a name: "Valdonian President", "a police spokeswoman, ", "Dr"."""
    i = name_start - 1
    if inner_start is None and i >= 0 and doc[i].text == "," and i - 1 >= 0 and _is_role_noun(doc[i - 1]):
        i -= 1  # appositive: "the president, Firstname Lastname"
    if i < 0 or not _is_role_noun(doc[i]):
        return None
    end = i + 1
    start = i
    while start - 1 >= 0:
        token = doc[start - 1]
        if _role_word(token) or (
            token.text[:1].isupper() and token.is_alpha and token.lower_ not in DETERMINERS
        ):
            start -= 1
            continue
        break
    # "the spokesperson of the Central Bank": the organisation after "of" belongs to the role
    return doc[start:end].text if end > start else None


def _role_chars(doc: Doc, role: str | None, name: Span) -> tuple[int, int] | None:
    if not role:
        return None
    begin = doc_text(doc).rfind(role, 0, name.start_char)
    return (begin, begin + len(role)) if begin >= 0 else None


def _split_org_person(
    doc: Doc, span: Span, label: str
) -> list[tuple[Mention, tuple[int, int] | None]] | None:
    """ "Central Bank Firstname Lastname" -> the organisation and a person, or None."""
    for k in range(len(span) - 2, 0, -1):
        if span[k - 1].lower_ in ORG_HEADS and _name_like(span[k:]) and len(span) - k >= 2:
            org, person = span[:k], span[k:]
            role = None
            before = span.start - 1
            while before >= 0 and doc[before].lower_ in DETERMINERS:
                before -= 1
            if before >= 1 and doc[before].lower_ in ("of", "for", "at") and _is_role_noun(doc[before - 1]):
                role = f"{doc[before - 1].text} of {org.text}"
            elif before >= 0 and _is_role_noun(doc[before]):
                role = f"{doc[before].text} of {org.text}"
            return [
                (_mention(org, "org", "split", label, None), None),
                (_mention(person, "person", "split", label, role), None),
            ]
    return None


def _overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in others)


def _inside(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in others)


# --- acronyms ---------------------------------------------------------------------------------


def find_acronyms(text: str) -> list[AcronymDefinition]:
    """Acronyms the text defines: "Long Name (LN)", "LN (Long Name)", in any word order."""
    out: list[AcronymDefinition] = []
    for match in _ACRONYM_AFTER.finditer(text):
        words = [_ELISION.sub("", w) for w in match.group(1).split()]
        acronym = match.group(2)
        # the shortest tail of the words before the bracket whose initials make the acronym
        for n in range(1, len(words) + 1):
            tail = words[-n:]
            if tail[0].lower() in _FUNCTION_WORDS or (not tail[0][:1].isupper() and n < len(words)):
                continue
            expansion = " ".join(tail)
            if acronym_matches(acronym, expansion):
                out.append(AcronymDefinition(acronym, expansion.strip(" ,;:")))
                break
    for match in _ACRONYM_BEFORE.finditer(text):
        acronym, expansion = match.group(1), match.group(2).strip()
        expansion = re.sub(r"^(?:the|l['’]|la|le)\s*", "", expansion, flags=re.I)
        if acronym_matches(acronym, expansion):
            out.append(AcronymDefinition(acronym, expansion))
    return out


def acronym_matches(acronym: str, expansion: str) -> bool:
    """Whether the acronym is made of the initials of the expansion's content words, in any order."""
    letters = acronym.upper()
    if not (2 <= len(letters) <= 8) or not letters.isalpha():
        return False
    if acronym[0].islower() or (acronym != acronym.upper() and acronym != acronym.capitalize()):
        return False
    words = [w for w in re.split(r"[\s\-]+", expansion) if w]
    content = [w for w in words if w.lower().strip("’'") not in _FUNCTION_WORDS and w[:1].isalpha()]
    if len(content) < 2:
        return False
    initials = "".join(w[0] for w in content).upper()
    from unidecode import unidecode

    initials = unidecode(initials)
    return initials == letters or (len(initials) == len(letters) and sorted(initials) == sorted(letters))


# --- the story's own ruler --------------------------------------------------------------------


def recover_mentions(
    texts: Sequence[str],
    mentions: Sequence[Sequence[Mention]],
    definitions: Sequence[AcronymDefinition],
    names_from: Sequence[Sequence[Mention]] | None = None,
) -> list[list[Mention]]:
    """Each article's mentions plus the ones the model missed, found by patterns from the story.

    The patterns: every defined acronym (as written) and its expansion, and every multi-word name
    the model found in some article; a match that overlaps a mention already there is skipped.
    Each pattern is compiled once for the story, and an article is searched only for the patterns
    whose first word it contains (an index of its words), so the work grows with the matches, not
    with articles times patterns.
    """
    patterns: dict[str, EntityType] = {}
    expansions = {d.expansion for d in definitions if len(d.expansion.split()) >= 3}
    for d in definitions:
        patterns.setdefault(d.acronym, "org")
        patterns.setdefault(d.expansion, "org")
    for found in mentions if names_from is None else names_from:
        for m in found:
            if m.type in ("person", "org", "place") and len(m.text.split()) >= 2 and m.evidence != "weak":
                patterns.setdefault(m.text, m.type)
    ordered = sorted(patterns.items(), key=lambda kv: -len(kv[0]))  # longest first, as found first
    # the first two words (one for a one-word pattern), case-folded -> patterns (ranks): a text
    # holding a pattern holds its words in a row, so it is searched only for those it has a key of
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    compiled: list[re.Pattern[str]] = []
    for rank, (pattern, _etype) in enumerate(ordered):
        flags = re.IGNORECASE if pattern in expansions else 0
        compiled.append(re.compile(rf"(?<![\w\-]){re.escape(pattern)}(?![\w\-])", flags))
        by_key[_lead_words(pattern)].append(rank)
    out: list[list[Mention]] = []
    for text, found in zip(texts, mentions, strict=True):
        kept = list(found)
        spans = {(m.start, m.end) for m in kept}
        words = [w.casefold() for w in _WORDS.findall(text)]
        keys = {(), *((w,) for w in words), *itertools.pairwise(words)}
        ranks = sorted({r for key in keys for r in by_key.get(key, ())})
        for rank in ranks:
            etype = ordered[rank][1]
            for match in compiled[rank].finditer(text):
                span = (match.start(), match.end())
                if span in spans:
                    continue  # found already
                rest = [m for m in kept if not (span[0] <= m.start and m.end <= span[1])]
                if _overlaps(span, [(m.start, m.end) for m in rest]):
                    continue
                # a longer name the model cut short ("Chemical Logistics" of "Teralis Chemical
                # Logistics") replaces the pieces
                kept = [*rest, replace(Mention(match.group(0), etype, *span), evidence="ruler")]
                spans = {(m.start, m.end) for m in kept}
        out.append(sorted(kept, key=lambda m: (m.start, m.end)))
    return out


_WORDS = re.compile(r"\w+")


def _lead_words(pattern: str) -> tuple[str, ...]:
    """The first two words of a pattern (fewer when it has fewer), case-folded, as `_WORDS` cuts a text."""
    return tuple(w.casefold() for w in _WORDS.findall(pattern)[:2])
