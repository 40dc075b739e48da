"""Name mentions in languages without a trained spaCy pipeline, read through their language pack.

- parser "natasha" (Russian): natasha's news NER (PER/LOC/ORG) with its normal forms
  ("Бондарчука" -> "Бондарчук", "Минздрава" -> "Минздрав"); the models ship inside the package and are
  loaded once, on first use. A person's role may reach over the place completing it
  ("Губернатор Самарской области Игорь Власенко").
- parser "none": capitalised word sequences (joined by the pack's connectors: "Banca d'Italia";
  elided articles split off: "dell'OMS"), the first word dropped when a sentence start explains
  its capital (a stop word, a word written lower case elsewhere, an inflected or very common word,
  a common word standing alone). A language that capitalises nouns (`nouns_capitalised`, German)
  also cuts its runs at common nouns. Runs are cut at a leading role ("Präsident Bondartschuk") and
  around a known body or country, then typed by, in order: the curated organisation table,
  country names in the article's language, the pack's organisation and place words, morphology
  tags where the lemmatizer is pymorphy3 (Name/Surn/Patr, Geox, Orgn), a role word before the
  name ("губернатор", "presidente"), GeoNames (a lone word only for a country or a large city),
  and the shape of the sequence: two to four unknown capitalised words are a person unless the
  last is a common or inflected word (an institution: "Fuerzas Armadas"); an uncommon word
  capitalised inside sentences again and again is a body ("Boeing"); other lone words stay weak.

Names are lemmatised with pymorphy3 where the pack uses it (gender kept: "Ольги Петровой" ->
"Ольга Петрова"); elsewhere kept as written.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsfuse.languages import Pack, lemma
from newsfuse.languages.gazetteer import country_code, organisation

if TYPE_CHECKING:
    from newsfuse.analyze.entities import EntityType, Mention

__all__ = ["pack_mentions"]

_TOKEN = re.compile(r"[^\W\d_][\w'’ʼ\-]*|\d[\w\-]*|[^\w\s]", re.UNICODE)
_SENTENCE_END = set(".!?…:;\n")
_OPENERS = set("«»\"“”„'‘’([—–-•*#>")
_NATASHA_TYPES = {"PER": "person", "LOC": "place", "ORG": "org"}
_TAG_TYPES = (("Surn", "person"), ("Name", "person"), ("Patr", "person"), ("Geox", "place"), ("Orgn", "org"))


def pack_mentions(text: str, language_pack: Pack) -> list[Mention]:
    """The person, organisation and place mentions of a text in a pack without a spaCy parser."""
    if language_pack.parser == "natasha":
        found = _natasha_mentions(text, language_pack)
    else:
        found = _pattern_mentions(text, language_pack)
    return sorted(found, key=lambda m: (m.start, m.end))


# --- natasha ----------------------------------------------------------------------------------


@functools.cache
def _natasha() -> tuple[Any, Any, Any, Any]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymorphy2's pkg_resources deprecation notice
        from natasha import (
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            Segmenter,
        )

        embedding = NewsEmbedding()
        return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab()


def _natasha_mentions(text: str, language_pack: Pack) -> list[Mention]:
    from natasha import Doc

    from newsfuse.analyze.entities import Mention

    segmenter, morph_tagger, ner_tagger, vocab = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph_tagger)
    doc.tag_ner(ner_tagger)
    out: list[Mention] = []
    spans = list(doc.spans)
    for n, span in enumerate(spans):
        etype: EntityType = _NATASHA_TYPES.get(span.type, "other")  # type: ignore[assignment]
        if etype == "other" or not any(c.isalpha() for c in span.text):
            continue
        span.normalize(vocab)
        surface = text[span.start : span.stop]
        normal = span.normal or span.text
        if surface.replace("ё", "е").replace("Ё", "Е") == normal:
            normal = surface  # already the dictionary form: keep its ё ("Пётр")
        if "\n" in surface:
            continue
        gazetteer = _gazetteer_type(surface, language_pack.code) or _gazetteer_type(
            normal, language_pack.code
        )
        if gazetteer and gazetteer != etype and etype != "person":
            etype = gazetteer
        role = _natasha_role(text, spans, n, language_pack) if etype == "person" else None
        out.append(
            Mention(
                surface,
                etype,
                span.start,
                span.stop,
                role=role,
                evidence="role" if role else "ner",
                label=span.type,
                lemma=normal,
                language=language_pack.code,
            )
        )
    return out


def _natasha_role(text: str, spans: list[Any], n: int, language_pack: Pack) -> str | None:
    """A person's role, over the place or body that completes it ("Губернатор Самарской области
    Игорь Власенко" -> "Губернатор Самарской области")."""
    start = spans[n].start
    k = n - 1
    while k >= 0 and spans[k].type in ("LOC", "ORG") and not text[spans[k].stop : start].strip():
        start = spans[k].start
        k -= 1
    role = _role_before(text, start, language_pack)
    if role is None:
        return None
    return (role + " " + text[start : spans[n].start]).strip() if start != spans[n].start else role


# --- capitalised sequences --------------------------------------------------------------------


_ELIDED = re.compile(r"^(\w+['’])(\w.*)$")


def _tokens(text: str, elisions: frozenset[str] = frozenset()) -> list[tuple[str, int, int]]:
    """Words, numbers and punctuation with their offsets; an elided article is split off its name
    ("dell'OMS" -> "dell'", "OMS"; "L'Onu" where the pack lists "l'"), an apostrophe inside a word
    kept ("Об'єднаних", "O'Brien")."""
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        elided = _ELIDED.match(word)
        prefix = elided.group(1) if elided else ""
        if (
            elided
            and (prefix[:1].islower() or prefix.lower().replace("’", "'") in elisions)
            and _capitalised(elided.group(2))
        ):
            cut = m.start() + len(elided.group(1))
            out += [(elided.group(1), m.start(), cut), (elided.group(2), cut, m.end())]
        else:
            out.append((word, m.start(), m.end()))
    return out


def _sentence_initial(text: str, start: int) -> bool:
    """Whether only punctuation, quotes or a line break stand between `start` and a sentence end."""
    i = start - 1
    while i >= 0 and (text[i] in " \t\u00a0" or text[i] in _OPENERS):
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _pattern_mentions(text: str, language_pack: Pack) -> list[Mention]:
    code = language_pack.code
    connectors = language_pack.words("names", "connectors")
    elisions = frozenset(w.replace("’", "'") for w in language_pack.words("names", "elisions"))
    stopwords = language_pack.words("names", "stopwords") | elisions
    nouns_capitalised = bool(language_pack.section("names").get("nouns_capitalised", False))
    tokens = _tokens(text, elisions)
    lowered = {w.lower() for w, _, _ in tokens if w[:1].islower()}
    # words capitalised inside a sentence somewhere: names, whatever their case at a sentence start
    named = {w for w, s, _ in tokens if _capitalised(w) and not _sentence_initial(text, s)}
    # capitalised words written again and again, at least once inside a sentence
    named_counts = Counter(w for w, _, _ in tokens if w in named)
    runs: list[list[tuple[str, int, int]]] = []
    i = 0
    while i < len(tokens):
        word = tokens[i][0]
        if not _capitalised(word):
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens):
            nxt, s, _e = tokens[j]
            gap = text[run[-1][2] : s]
            if gap not in (" ", "\u00a0", ""):
                break
            if _capitalised(nxt):
                run.append(tokens[j])
                j += 1
                continue
            # a connector between two capitalised words ("Banca d'Italia", "Ministero dell'Interno")
            if (
                nxt.lower() in connectors
                and j + 1 < len(tokens)
                and _capitalised(tokens[j + 1][0])
                and text[tokens[j][2] : tokens[j + 1][1]] in (" ", "", "\u00a0")
            ):
                run.append(tokens[j])
                j += 1
                continue
            break
        runs.append(run)
        i = j
    out: list[Mention] = []
    # every capitalised word of the article asked of GeoNames at once (a German noun may be a city)
    _prime_places({w for run in runs for w, _, _ in run})
    cut: list[list[tuple[Run, str | None]]] = []
    for run in runs:
        # a capital explained by the sentence start: an ordinary word written lower case elsewhere,
        # a stop word, or a word the dictionary knows as common
        while (
            run
            and _sentence_initial(text, run[0][1])
            and run[0][0] not in named
            and _ordinary(run[0][0], code, lowered, stopwords, len(run) == 1)
        ):
            run = run[1:]
            while run and run[0][0].lower() in connectors:
                run = run[1:]
        while run and (run[-1][0].lower() in connectors or run[-1][0].lower() in stopwords):
            run = run[:-1]
        pieces = [run]
        if nouns_capitalised and run and not _gazetteer_type(" ".join(w for w, _, _ in run), code):
            pieces = _without_common_nouns(run, language_pack)
        lead_roles = bool(run) and (
            nouns_capitalised or (_sentence_initial(text, run[0][1]) and run[0][0] not in named)
        )
        cut.append([pair for part in pieces for pair in _split_run(part, language_pack, lead_roles)])
    asked: set[str] = set()
    for pairs in cut:
        for piece, _role in pairs:
            surface = text[piece[0][1] : piece[-1][2]]
            asked |= {surface, _lemma_name(surface, "place", language_pack)}
    _prime_places(asked)
    for pairs in cut:
        for piece, role in pairs:
            mention = _typed(text, piece, language_pack, lowered, nouns_capitalised, role, named_counts)
            if mention is not None:
                out.append(mention)
    return _retype_surnames(_with_table_names(text, out, language_pack), language_pack)


@functools.cache
def _table_pattern(code: str) -> re.Pattern[str] | None:
    """The curated table's names of several words in language `code`, any case ("ministero della Salute")."""
    from newsfuse.languages.gazetteer import organisations

    forms = {f for org in organisations() for f in org.names.get(code, ()) if len(f.split()) >= 2}
    if not forms:
        return None
    alternatives = "|".join(re.escape(f).replace("'", "['’]") for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])", re.IGNORECASE)


def _with_table_names(text: str, found: list[Mention], language_pack: Pack) -> list[Mention]:
    """The article's mentions plus the table's bodies written with a lower-case head word."""
    from newsfuse.analyze.entities import Mention

    pattern = _table_pattern(language_pack.code)
    if pattern is None:
        return found
    out = list(found)
    for match in pattern.finditer(text):
        inside = [m for m in out if match.start() <= m.start and m.end <= match.end()]
        if any(m.start < match.end() and match.start() < m.end for m in out if m not in inside):
            continue
        out = [m for m in out if m not in inside]
        out.append(
            Mention(
                match.group(0), "org", match.start(), match.end(), evidence="ner", language=language_pack.code
            )
        )
    return sorted(out, key=lambda m: (m.start, m.end))


Run = list[tuple[str, int, int]]


_PLACES: dict[str, bool] = {}  # GeoNames answers for names already asked (primed once per article)
# a lone capitalised word is a place by GeoNames alone only for a country or a city this large
# ("Obama" is also a town of 30,000 people)
_LONE_WORD_CITY_POPULATION = 100_000


def _prime_places(names: set[str]) -> None:
    """Look up every name the article may ask about in one pass over GeoNames' cities."""
    from newsfuse.consolidate.places import resolve_places

    wanted = {n for n in names if n not in _PLACES}
    if not wanted:
        return
    if len(_PLACES) > 200_000:
        _PLACES.clear()
    for name, place in resolve_places(wanted).items():
        lone = len(name.split()) == 1
        _PLACES[name] = place is not None and (
            not lone or place.kind == "country" or place.population >= _LONE_WORD_CITY_POPULATION
        )


def _known_place(name: str) -> bool:
    if name not in _PLACES:
        _prime_places({name})
    return _PLACES[name]


def _without_common_nouns(run: Run, language_pack: Pack) -> list[Run]:
    """A run cut at the common nouns a language capitalises ("Montag Leipzig" -> "Leipzig");
    role words stay, they are split off as a role later."""
    common = _common_words(language_pack.code)
    roles = language_pack.words("names", "roles")

    def is_common(word: str) -> bool:
        low = word.lower()
        return low in common and low not in roles and not word.isupper() and not _known_place(word)

    pieces: list[Run] = [[]]
    for i, token in enumerate(run):
        after = run[i + 1][0] if i + 1 < len(run) else None
        # a common word before an uncommon name that is no place is a first name ("Friedrich Holm");
        # before a place or at the end it is a noun ("am Montag Leipzig")
        first_name = after is not None and not is_common(after) and not _known_place(after)
        if is_common(token[0]) and not first_name:
            pieces.append([])
        else:
            pieces[-1].append(token)
    return [p for p in pieces if p]


def _split_run(run: Run, language_pack: Pack, lead_roles: bool = True) -> list[tuple[Run, str | None]]:
    """A run cut into names: leading role words split off as the next name's role ("Präsident
    Bondartschuk"; only where a role word may be capitalised: a sentence start, or a language that
    capitalises nouns — mid-sentence "General Motors" is a name), a leading country or body split
    from a name after it ("України Олександр Бондарчук"), and two names joined by a connector
    split when the second is a known body."""
    code = language_pack.code
    roles = language_pack.words("names", "roles") | language_pack.words("names", "role_modifiers")
    connectors = language_pack.words("names", "connectors")
    out: list[tuple[Run, str | None]] = []
    role: str | None = None
    lead = 0
    while (
        lead_roles
        and lead < len(run) - 1
        and (run[lead][0].lower() in roles or lemma(code, run[lead][0]) in roles)
    ):
        lead += 1
    if lead:
        role = " ".join(w for w, _, _ in run[:lead])
        run = run[lead:]
    while run:
        whole = " ".join(w for w, _, _ in run)
        if len(run) == 1 or _gazetteer_type(whole, code):
            out.append((run, role))
            break
        cut = next(
            (
                k
                for k in range(len(run) - 1, 0, -1)
                if _gazetteer_type(" ".join(w for w, _, _ in run[:k]), code)
            ),
            None,
        )
        if cut is not None and run[cut][0].lower() not in connectors:
            out.append((run[:cut], None))
            run = run[cut:]
            continue
        tail = next(
            (k for k in range(1, len(run)) if _gazetteer_type(" ".join(w for w, _, _ in run[k:]), code)),
            None,
        )
        if tail is not None and run[tail - 1][0].lower() not in connectors:
            out.append((run[:tail], role))  # "Nachrichtenagentur Interfax": a description, then the body
            out.append((run[tail:], None))
            break
        joint = next(
            (
                k
                for k in range(1, len(run) - 1)
                if run[k][0].lower() in connectors
                and _gazetteer_type(" ".join(w for w, _, _ in run[k + 1 :]), code)
            ),
            None,
        )
        if joint is not None:
            out.append((run[:joint], role))
            out.append((run[joint + 1 :], None))
            break
        out.append((run, role))
        break
    return [(piece, r) for piece, r in out if piece]


def _ordinary(word: str, code: str, lowered: set[str], stopwords: frozenset[str], single: bool) -> bool:
    """Whether a sentence-initial capitalised word is an ordinary word (a lone word may be a common one)."""
    low = word.lower()
    if low in stopwords or low.replace("’", "'") in stopwords or low in lowered:
        return True
    if (word.isupper() and len(word) > 1) or _gazetteer_type(word, code):
        return False  # an acronym, a country, a body of the table
    tags = _tags(code, word)
    if tags is not None:
        return not any(t in tags for t, _ in _TAG_TYPES) and "UNKN" not in tags and "LATN" not in tags
    # a word the dictionary reads as an inflected form ("Arrestati" -> "arrestato"), a very common
    # word, or (alone) a common one; first names stay ("Mario" is its own lemma)
    if lemma(code, word) != low or low in _common_words(code, 300):
        return True
    return single and low in _common_words(code)


@functools.cache
def _common_words(code: str, n: int = 3000) -> frozenset[str]:
    """The language's `n` most common words (wordfreq): explained by a sentence start."""
    try:
        from wordfreq import top_n_list
    except ImportError:
        return frozenset()
    try:
        return frozenset(top_n_list(code, n))
    except (LookupError, ValueError):
        return frozenset()


def _tags(code: str, word: str) -> str | None:
    """pymorphy3's tag of the word's best parse, where the pack's lemmatizer is pymorphy3."""
    from newsfuse.languages import pack

    found = pack(code)
    if found is None or found.lemmatizer != "pymorphy3":
        return None
    from newsfuse.languages import _morph

    parses = _morph(code).parse(word)
    return " ".join(str(p.tag) for p in parses[:2]) if parses else None


def _gazetteer_type(name: str, code: str) -> EntityType | None:
    if organisation(name, code):
        return "org"
    if country_code(name, code):
        return "place"
    return None


def _typed(
    text: str,
    run: Sequence[tuple[str, int, int]],
    language_pack: Pack,
    lowered: set[str],
    nouns_capitalised: bool,
    role: str | None = None,
    named_counts: Counter[str] | None = None,
) -> Mention | None:
    from newsfuse.analyze.entities import Mention

    code = language_pack.code
    start, end = run[0][1], run[-1][2]
    surface = text[start:end]
    words = [w for w, _, _ in run]
    role = role or _role_before(text, start, language_pack)
    etype: EntityType | None = _gazetteer_type(surface, code)
    evidence = "ner"
    if etype is None and len(words) >= 2:
        lemmas = {lemma(code, w) for w in words} | {w.lower() for w in words}
        if lemmas & language_pack.words("names", "org_words"):
            etype = "org"
        elif lemmas & language_pack.words("names", "place_words"):
            etype = "place"
    if etype is None:
        for word in words:
            tags = _tags(code, word)
            found = next((t for tag, t in _TAG_TYPES if tags and tag in tags.split(" ")[0]), None)
            if found:
                etype = found  # type: ignore[assignment]
                break
    if etype is None and role:
        etype, evidence = "person", "role"
    if etype is None and (
        _known_place(surface) or _known_place(_lemma_name(surface, "place", language_pack))
    ):
        etype = "place"
    if etype is None:
        known = [w for w in words if w.lower() in lowered]
        if 2 <= len(words) <= 4 and not known and all(_capitalised(w) for w in words):
            # a capitalised common noun or an inflected word last is an institution ("Junta
            # Militar", "Fuerzas Armadas"), an uncommon one a person's surname ("Hosni Mubarak")
            last = words[-1]
            common = last.lower() in _common_words(code) or lemma(code, last) != last.lower()
            etype = "org" if common and not last.isupper() else "person"
        elif len(words) == 1 and words[0].isupper() and words[0].isalpha() and len(words[0]) >= 2:
            etype = "org"  # an acronym nobody defined
        elif (
            len(words) == 1
            and (named_counts or Counter())[words[0]] >= 2
            and words[0].lower() not in _common_words(code)
            and not nouns_capitalised
        ):
            etype = "org"  # an uncommon word capitalised inside sentences again and again: a brand, a body
        elif nouns_capitalised or len(words) > 4:
            return None
        else:
            etype, evidence = "other", "weak"
    if etype == "person" and role:
        evidence = "role"
    return Mention(
        surface,
        etype,
        start,
        end,
        role=role if etype == "person" else None,
        evidence=evidence,
        lemma=_lemma_name(surface, etype, language_pack),
        language=code,
    )


def _retype_surnames(mentions: list[Mention], language_pack: Pack) -> list[Mention]:
    """A lone weak word that is the surname of a person named in the article is that person."""
    from dataclasses import replace

    surnames = {m.text.split()[-1] for m in mentions if m.type == "person" and len(m.text.split()) >= 2}
    out = []
    for m in mentions:
        if m.type == "other" and m.text in surnames:
            m = replace(m, type="person", evidence="ner")
        out.append(m)
    return out


def _lemma_name(surface: str, etype: str, language_pack: Pack) -> str:
    """The name in its dictionary form: pymorphy3 nominative (gender kept), else as written."""
    if language_pack.lemmatizer != "pymorphy3":
        return surface
    from newsfuse.languages import _morph

    morph = _morph(language_pack.code)
    out = []
    for word in re.split(r"(\s+|-)", surface):
        if not word.strip() or word == "-" or word.isupper():
            out.append(word)
            continue
        parses = morph.parse(word)
        if any("nomn" in str(p.tag) and "Abbr" not in str(p.tag) for p in parses[:3]):
            out.append(word)  # already in the nominative ("Жомарт", "Петренко")
            continue
        wanted = {"person": ("Surn", "Name", "Patr"), "place": ("Geox",), "org": ("Orgn",)}.get(etype, ())
        best = next(
            (p for p in parses if any(t in str(p.tag) for t in wanted)), parses[0] if parses else None
        )
        if best is None:
            out.append(word)
            continue
        tag = str(best.tag)
        form = best.inflect({"nomn", "sing"}) if "Surn" in tag or "Name" in tag else None
        value = form.word if form else best.normal_form
        out.append(value[:1].upper() + value[1:] if word[:1].isupper() else value)
    return "".join(out)


def _role_before(text: str, start: int, language_pack: Pack) -> str | None:
    """The role written just before a name ("губернатор", "il presidente del Consiglio", "Präsident")."""
    roles = language_pack.words("names", "roles")
    modifiers = language_pack.words("names", "role_modifiers")
    if not roles:
        return None
    connectors = language_pack.words("names", "connectors")
    before = _tokens(text[max(0, start - 80) : start])
    offset = max(0, start - 80)
    # the role noun is one of the four words before the name; words between are its complement,
    # capitalised ("президент Украины Бондарчук", "presidente del Consiglio Rossi")
    if before and before[-1][0].lower().replace("’", "'") in connectors:
        return None  # "leader dei Fratelli …", "ministro della Difesa": the name completes the role
    for k in range(1, min(4, len(before)) + 1):
        word, _s, _e = before[-k]
        if not word[:1].isalpha():
            return None
        if word.lower() in roles or lemma(language_pack.code, word) in roles:
            first = len(before) - k
            while first > 0 and before[first - 1][0].lower() in modifiers:
                first -= 1
            return text[offset + before[first][1] : start].strip(" ,")
        if not (_capitalised(word) or word.lower() in connectors):
            return None
    return None
