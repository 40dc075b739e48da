"""The cited summary and the story title: what happened, in a few sentences the sources corroborate.

Extractive and multi-document:
1. every sentence of every source becomes a unit; sentences that say the same thing across sources
   are found by `similarity` (lemmas, shared figures and names);
2. a candidate is a clean sentence in any language (no translation damage, no heading, no
   fragment); its support is the set of independent sources that say it (copies never add
   support) and its citations are every source that says it, copies included. Sentences in two
   languages say the same fact when they share its figures (number and measure), names (folded to
   Latin letters, merged by `entities`) and date (`_link_languages`); a sentence in the reader's
   language (`reader_language`) is then preferred, and cites the sources of every language;
3. the score weighs support, coverage by the other sources, centrality, informativeness (figures,
   named actors, dates, the figures of `claims`), position, and penalises wording that leans on
   context ("They also…") or comes from a source with translation damage, so that among
   equivalent wordings the cleanest wins;
4. sentences are chosen within the word budget by budgeted concept coverage (Gillick & Favre 2009,
   Lin & Bilmes 2011): concepts are pairs of neighbouring content words, words, names (merged by
   `entities`) and figures, each weighing the number of independent sources that state it; a
   sentence's credit for a concept is scaled by its score, so corroborated, clean, central
   sentences win among equivalents. Greedy gain per word, then swaps that raise the coverage
   within the budget, the best single sentence as a floor; near-duplicates are never both chosen.
   Then they are ordered as the story unfolds: by resolved date where `dates` knows it,
   otherwise by how early the sources tell it.
The title is the most representative headline of an independent source, cleaned; the lead sentence
of the most central source when no headline is usable.

Similarity is sparse (`Similarities`: only pairs sharing a word), TextRank too (`textrank`); a big
story (more than `textrank.LARGE` sentences, or more than `textrank.PAIR_BUDGET` pairs of them sharing
a word) weighs each article's leads and early figures only (`considered_units`), said in the summary's
`notes` and on the log, as is an article cut to `max_article_chars` before analysis (`clean.cap`).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from newsfuse.analyze.damage import TRANSLATION_DAMAGE, article_damaged
from newsfuse.clean.cap import cap_note
from newsfuse.clean.lexicon import MONTHS
from newsfuse.config import Settings
from newsfuse.consolidate.similarity import (
    SentenceUnit,
    Similarities,
    centroid_similarity,
    entity_key,
    name_key,
    sentence_units,
    similarities,
    token_lemmatizer,
)
from newsfuse.consolidate.textrank import FIGURE_DEPTH, LEAD_SENTENCES, considered_units, overlap_rank
from newsfuse.consolidate.timeline import StoryDates
from newsfuse.languages import pack
from newsfuse.models import AnalyzedArticle, Claim, Entity, KeyFigure, Source, SummarySentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsfuse.consolidate.facts import ArticleFacts

__all__ = ["StorySummary", "summarize"]

log = logging.getLogger(__name__)

SAME = 0.45  # similarity above which two sentences say the same thing (support and citations)
REDUNDANT = 0.6  # a candidate this close to a chosen sentence adds nothing new
MIN_WORDS, MAX_WORDS = 6, 60
EXCLUDE_TELEGRAPHIC = True  # "Palaces stormed by protesters": a headline, not a summary sentence
EXCLUDE_DANGLING = True  # "…, he said" cannot open a brief: who is he?
LONG = 30
DAMAGED_SOURCE = 0.5  # a clean sentence of a source with translation damage elsewhere: prefer another wording
FOREIGN = 0.5  # a sentence not in the reader's language, in a story that has some in it (dev story)
CROSS = REDUNDANT  # sentences in two languages found to state one fact: the same, and redundant
_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*$")


@functools.cache
def _connective(language: str) -> re.Pattern[str] | None:
    """Openers that lean on the sentence before ("But…", "They also…"), from the pack's words.toml."""
    from newsfuse.clean.lexicon import alternation

    found = pack(language)
    words = sorted(found.words("words", "connectives")) if found is not None else []
    return re.compile(rf"^({alternation('|'.join(words))})\b", re.I) if words else None


@dataclass(frozen=True)
class StorySummary:
    sentences: list[SummarySentence]
    title: str | None
    # source id -> quality flags (e.g. "translation-damage")
    flags: dict[str, list[str]] = field(default_factory=dict)
    # articles cut to `max_article_chars` (`_cap_notes`), how a big story was cut down (`_considered_note`)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Story:
    """What scoring needs about the story as a whole."""

    units: list[SentenceUnit]
    sim: Similarities  # only the considered units (`considered_units`) are compared
    original: list[int]  # per source index: the index of the source it copies, or itself
    damaged: set[int]  # source indexes flagged for translation damage
    language: str  # the story's main language (most independent sources)
    reader: str = "en"  # the reader's language: preferred where another says the same
    # unit -> units in other languages that state all its facts (`_link_languages`)
    twins: dict[int, set[int]] = field(default_factory=dict)


def summarize(
    analyzed: Sequence[ArticleFacts],
    sources: Sequence[Source],
    *,
    claims: Sequence[Claim],
    entities: Sequence[Entity],
    dates: StoryDates | None,
    settings: Settings,
    key_figures: Sequence[KeyFigure] = (),
) -> StorySummary | None:
    """The summary within the word budget, each sentence cited by every source that says it; it
    opens with the current toll (`key_figures`) when there is one."""
    if not analyzed:
        return StorySummary(sentences=[], title=None)
    story = _story(analyzed, sources, reader=str(getattr(settings, "reader_language", "en") or "en"))
    _link_languages(story, claims, entities, dates)
    flags = {sources[i].id: [TRANSLATION_DAMAGE] for i in sorted(story.damaged)}
    scores = _scores(story, sources, claims=claims, entities=entities, dates=dates)
    chosen = _select(story, scores, settings.summary_words, entities)
    ordered = _lead_with_toll(story, _order(story, chosen, dates), scores, claims, key_figures, settings)
    sentences = [
        SummarySentence(
            text=_tidy(story.units[i].text),
            sources=_citations(story, i, sources),
            quotes=_quotes(story, i, sources),
            language=story.units[i].language,
        )
        for i in ordered
    ]
    notes = _cap_notes(analyzed) + _considered_note(story)
    return StorySummary(
        sentences=sentences, title=story_title(story, analyzed, sources), flags=flags, notes=notes
    )


def _cap_notes(analyzed: Sequence[ArticleFacts]) -> list[str]:
    """Articles cut to `max_article_chars` before analysis (`clean.cap`): said in the notes and on the
    "newsfuse" log, here in the process that briefs (cleaning may have run in a worker)."""
    notes = [note for item in analyzed if (note := cap_note(item.article))]
    for note in notes:
        log.info(note)
    return notes


def _considered_note(story: _Story) -> list[str]:
    """A big story's summary weighs its articles' leads only (`considered_units`): say so, in the
    notes and on the "newsfuse" log (the command line shows it)."""
    weighed, total = int(story.sim.considered.sum()), len(story.units)
    if weighed == total:
        return []
    note = (
        f"summary of a big story: {weighed} of {total} sentences weighed (each article's first "
        f"{LEAD_SENTENCES}, and those giving a figure among its first {FIGURE_DEPTH})"
    )
    log.info(note)
    return [note]


def _story(analyzed: Sequence[ArticleFacts], sources: Sequence[Source], reader: str = "en") -> _Story:
    units = sentence_units(analyzed)
    index_of = {s.id: n for n, s in enumerate(sources)}
    original = [index_of.get(s.duplicate_of or s.id, n) for n, s in enumerate(sources)]
    damaged: set[int] = set()
    for n, item in enumerate(analyzed):
        marks = [u.damage for u in item.units]
        if article_damaged(marks, [r.text for r in item.article.removed]):
            damaged.add(n)
    languages = Counter(analyzed[n].article.language for n in sorted(set(original)))
    first_language = analyzed[0].article.language
    language = max(languages, key=lambda lang: (languages[lang], lang == first_language))
    return _Story(units, similarities(units, considered_units(units)), original, damaged, language, reader)


def _close(story: _Story, i: int, j: int) -> float:
    """How close two sentences are either way (a link across languages is one way: `_covers`)."""
    return max(story.sim.get(i, j), story.sim.get(j, i))


def _supporters(story: _Story, i: int) -> set[int]:
    """Source indexes (copies included) with a sentence saying what unit `i` says."""
    found = {story.units[j].source for j in story.sim.neighbours(i, SAME).tolist()}
    found.add(story.units[i].source)
    return found


def _citations(story: _Story, i: int, sources: Sequence[Source]) -> list[str]:
    return [sources[n].id for n in sorted(_supporters(story, i))]


def _quotes(story: _Story, i: int, sources: Sequence[Source]) -> dict[str, str]:
    """For each citing source, its sentence that says what unit `i` says (the closest when several),
    verbatim: the citation lands there, in another language too, where no word is shared."""
    best: dict[int, tuple[float, int]] = {}
    for j in story.sim.neighbours(i, SAME).tolist():
        n = story.units[j].source
        close = _close(story, i, j)
        if n not in best or close > best[n][0]:
            best[n] = (close, j)
    best[story.units[i].source] = (float("inf"), i)
    return {sources[n].id: story.units[j].text for n, (_, j) in sorted(best.items())}


def _is_candidate(story: _Story, unit: SentenceUnit) -> bool:
    if unit.damage or not unit.has_verb:
        return False
    if unit.telegraphic and EXCLUDE_TELEGRAPHIC:
        return False
    if EXCLUDE_DANGLING and unit.dangling:
        return False
    if not MIN_WORDS <= unit.words <= MAX_WORDS:
        return False
    if unit.alone and not _TERMINAL.search(unit.text):
        return False  # a heading or a caption line
    first = unit.text.lstrip("“\"'‘«( ")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def _said_in_reader_language(story: _Story, i: int, candidates: set[int]) -> bool:
    """Unit `i` is not in the reader's language and a candidate in it states the same fact."""
    if story.units[i].language == story.reader:
        return False
    return any(story.units[j].language == story.reader and j in candidates for j in story.twins.get(i, ()))


@dataclass(frozen=True)
class _Anchors:
    """What a sentence states that reads the same in every language."""

    figures: dict[int, frozenset[str]]  # value -> measures the claims give it ("killed"), maybe none
    names: frozenset[str]  # merged entity ids, else folded name keys
    day: dt.date | None


def _anchors(
    story: _Story, claims: Sequence[Claim], entities: Sequence[Entity], dates: StoryDates | None
) -> list[_Anchors]:
    """Each unit's figures (with the measures its claims give them), names and resolved date."""
    key_entity: dict[str, str] = {}
    for entity in entities:
        for alias in [entity.name, *entity.aliases]:
            for word in alias.split():
                key = name_key(word)
                if len(key) >= 3 and word[:1].isupper():
                    key_entity.setdefault(key, "@" + entity.id)
    quotes: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for claim in claims:
        for value in {claim.value.lo, claim.value.hi} - {None}:
            quotes[_source_index(claim)].append((claim.quote, int(value or 0), claim.measure))
    found: list[_Anchors] = []
    for unit in story.units:
        figures: dict[int, set[str]] = {n: set() for n in unit.figures}  # in order: the first leads
        for quote, value, measure in quotes.get(unit.source, ()):
            if value in figures and quote and (quote in unit.text or unit.text in quote):
                figures[value].add(measure)
        found.append(
            _Anchors(
                figures={n: frozenset(m) for n, m in figures.items()},
                names=frozenset(key_entity.get(k, k) for k in unit.names),
                day=dates.date_of(unit.source, unit.start) if dates is not None else None,
            )
        )
    return found


def _covers(b: _Anchors, a: _Anchors) -> bool:
    """Sentence `b` states what sentence `a` states.

    With figures: `b` gives `a`'s leading figure, one's figures are all the other's (so "11 dead,
    up from 6" is not told by "6 dead"), measures agree, and a name is shared (when `a` names
    nothing: the same specific figures, or the day). Without: two names shared, half of the fewer
    names either gives.
    """
    names = len(a.names & b.names)
    if a.figures:
        mine, theirs = a.figures.keys(), b.figures.keys()
        if next(iter(a.figures)) not in theirs or not (mine <= theirs or theirs <= mine):
            return False
        if any(a.figures[n] and b.figures[n] and not a.figures[n] & b.figures[n] for n in mine & theirs):
            return False  # the same number counts something else ("7 missing", "7 dead")
        if names >= 1:
            return True
        # naming nothing, `a` is told by its figures alone: all of `b`'s, and specific enough
        # (two of them, or one of three digits or more), or on the same day
        specific = mine == theirs and (len(mine) >= 2 or next(iter(mine)) >= 100)
        return not a.names and (specific or (a.day is not None and a.day == b.day))
    return names >= 2 and names >= 0.5 * min(len(a.names), len(b.names))


def _link_languages(
    story: _Story, claims: Sequence[Claim], entities: Sequence[Entity], dates: StoryDates | None
) -> None:
    """Mark a sentence in one language as said by one in another that states all its facts
    (`CROSS`, in the row of the sentence covered): it then cites that one's source, and the two are
    never both chosen; lexical similarity cannot see it."""
    units = story.units
    if len({u.language for u in units}) < 2:
        return
    anchors = _anchors(story, claims, entities, dates)
    holders: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(anchors):
        if not story.sim.considered[i]:
            continue  # a big story's sentences beyond the leads are never chosen nor compared
        for key in [*(f"#{n}" for n in a.figures), *a.names]:
            holders[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in holders.values():
        if len(members) > 200:
            continue  # the story's own name in every sentence: no clue which pairs match
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if units[i].language != units[j].language:
                    pairs.add((i, j))
    for i, j in sorted(pairs):
        for told, teller in ((i, j), (j, i)):
            if _covers(anchors[teller], anchors[told]):
                story.sim.raise_to(told, teller, CROSS)
                story.twins.setdefault(told, set()).add(teller)


def _scores(
    story: _Story,
    sources: Sequence[Source],
    *,
    claims: Sequence[Claim],
    entities: Sequence[Entity],
    dates: StoryDates | None,
) -> dict[int, float]:
    """A score for each candidate unit (higher is a better summary sentence)."""
    parts = score_parts(story, sources, claims=claims, entities=entities, dates=dates)
    return {i: sum(WEIGHTS[k] * v for k, v in p.items()) for i, p in parts.items()}


WEIGHTS = {  # tuned on the NeuS/AllSides validation split (bench/summary.py --split val)
    "support": 0.2,  # share of the other independent sources that say it
    "coverage": 0.3,  # how closely, on average, each other independent source says it
    "centrality": 0.3,  # closeness to the story as a whole
    "rank": 2.0,  # TextRank over shared content words: how much the rest of the story echoes it
    "informative": 0.1,  # figures, named actors, dates
    "position": 0.1,  # how early its source tells it
    "length": 0.0,  # fuller sentences (up to LONG words); measured no help, kept for tuning
    "penalty": -1.0,  # leaning on context, broken quotes, a damaged source
}


def score_parts(
    story: _Story,
    sources: Sequence[Source],
    *,
    claims: Sequence[Claim],
    entities: Sequence[Entity],
    dates: StoryDates | None,
) -> dict[int, dict[str, float]]:
    """Each candidate's score components, before weighting (see `WEIGHTS`)."""
    units = story.units
    independent = sorted(set(story.original))
    others_needed = max(1, len(independent) - 1)
    centrality = centroid_similarity(units, [])
    considered = story.sim.considered
    rank = overlap_rank(units, np.flatnonzero(considered).tolist())
    lengths = Counter(u.source for u in units)
    quotes = [c.quote for c in claims if c.quote]
    shared_names = {
        alias.lower() for e in entities if len(set(e.sources)) >= 2 for alias in e.aliases if len(alias) > 2
    }
    # sentences a quote holds, and the indexes that find quotes and names inside a sentence
    within_quote = _Needles([units[i].text for i in range(len(units)) if considered[i]]).found_in(quotes)
    quote_needles, name_needles = _Needles(quotes), _Needles(shared_names)
    original_of = np.array([story.original[u.source] for u in units], dtype=np.int64)
    parts: dict[int, dict[str, float]] = {}
    candidates = {i for i, unit in enumerate(units) if considered[i] and _is_candidate(story, unit)}
    has_reader = any(units[i].language == story.reader for i in candidates)
    for i, unit in enumerate(units):
        if i not in candidates or _said_in_reader_language(story, i, candidates):
            continue
        own = story.original[unit.source]
        support = {story.original[n] for n in _supporters(story, i)} - {own}
        informative = (
            0.25 * min(len(unit.numbers), 2)
            + 0.12 * min(len(unit.entities), 3)
            + 0.15 * min(unit.date_mentions, 1)
            + (0.3 if unit.text in within_quote or quote_needles.any_in(unit.text) else 0.0)
            + (0.1 if name_needles.any_in(unit.text.lower()) else 0.0)
            + (0.1 if dates is not None and dates.date_of(unit.source, unit.start) else 0.0)
        )
        depth = unit.index / max(1, lengths[unit.source] - 1)
        penalty = 0.0
        connective = _connective(unit.language)
        if connective is not None and connective.match(unit.text.lstrip("“\"'‘« ")):
            penalty += 0.3  # leans on the sentence before it
        if not _TERMINAL.search(unit.text):
            penalty += 0.2
        if unit.dangling:
            penalty += 0.2  # "…, he said": who is he?
        if unit.text.count("“") != unit.text.count("”") or unit.text.count('"') % 2:
            penalty += 0.2
        if unit.source in story.damaged:
            penalty += DAMAGED_SOURCE
        if sources[unit.source].duplicate_of is not None:
            penalty += 0.01  # same words as the original: prefer the original's
        if has_reader and unit.language != story.reader:
            penalty += FOREIGN  # among equivalent facts, the one the reader reads
        parts[i] = {
            "support": len(support) / others_needed,
            "coverage": _coverage(story, i, original_of, own) / others
            if (others := len(independent) - 1)
            else 0.0,
            "centrality": float(centrality[i]),
            "informative": min(informative, 1.0),
            "position": (1.0 - depth) ** 2,
            "length": min(unit.words, LONG) / LONG,
            "rank": float(rank[i]),
            "penalty": penalty,
        }
    return parts


class _Needles:
    """Strings to look for inside others, indexed by their first three characters: `any(n in text
    for n in needles)` at the cost of a walk through the text, not of one search per needle."""

    def __init__(self, needles: Iterable[str]) -> None:
        self.short = sorted({n for n in needles if 0 < len(n) < 3})
        self.index: dict[str, list[str]] = defaultdict(list)
        for needle in dict.fromkeys(n for n in needles if len(n) >= 3):
            self.index[needle[:3]].append(needle)

    def found(self, text: str) -> Iterator[str]:
        """The needles inside `text`."""
        yield from (n for n in self.short if n in text)
        for at in range(len(text) - 2):
            for needle in self.index.get(text[at : at + 3], ()):
                if text.startswith(needle, at):
                    yield needle

    def any_in(self, text: str) -> bool:
        return next(self.found(text), None) is not None

    def found_in(self, texts: Iterable[str]) -> set[str]:
        """The needles inside any of `texts`."""
        return {needle for text in texts for needle in self.found(text)}


def _coverage(story: _Story, i: int, original_of: NDArray[np.int64], own: int) -> float:
    """The sum over the other independent sources of how closely each says unit `i` (its closest
    sentence, copies' included), in source order."""
    columns, values = story.sim.row(i)
    groups = original_of[columns]
    others = groups != own
    groups, values = groups[others], values[others]
    if not len(groups):
        return 0.0
    order = np.argsort(groups, kind="stable")
    groups, values = groups[order], values[order]
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return float(sum(np.maximum.reduceat(values, starts).tolist()))


# Concept coverage, tuned on the NeuS/AllSides validation split (bench/summary.py --split val) and
# read against the seeds and the bundled example for what an editor would keep.
CONCEPT_DF1 = 0.3  # a concept only one independent source states (the others weigh their number)
TOPIC = 1.0  # concepts each source repeats sentence after sentence (the topic itself) weigh less
UNIGRAM = 0.2  # weight factor of a single content word
ADJACENT = 0.3  # neighbouring words with a stop word ("in the port"), what ROUGE-2 counts
NAME = 0.2  # a name (merged entities: "NCPA" = "National Civil Protection Agency")
NUMBER = 2.0  # a figure: editors want the corroborated numbers
RATIO = 1.0  # gain per word**RATIO: facts told in fewer words first…
SHORT = 20  # …but a sentence shorter than this pays for SHORT words (fragments and asides say little)
QUALITY = 0.5  # how much the sentence's score (support, centrality, clean wording) raises its credit
SWAPS = 3  # improving swaps after the greedy pass
POOL = 1500  # candidates selection weighs at most, the best scored (a 3,000-article story: as from 6,000)


def _concepts(unit: SentenceUnit, names: dict[str, str]) -> dict[str, float]:
    """The concepts a sentence states, each with its weight factor.

    `names` maps a name's key to its merged entity ("ncpa" and "national civil
    protection agency" are one concept).
    """

    def item(word: str) -> str:
        key = word.removeprefix("@")
        return "@" + names[key] if key in names else word

    found: dict[str, float] = {}
    for term in unit.terms:
        found[item(term)] = max(found.get(item(term), 0.0), NAME if item(term)[0] == "@" else UNIGRAM)
    for pair in unit.word_pairs:
        found[pair] = ADJACENT
    for a, b in unit.bigrams:
        if item(a) != item(b):
            found[f"{item(a)} {item(b)}"] = 1.0
    for name in unit.entities:
        found[item("@" + name)] = NAME
    for number in unit.numbers:
        found[f"#{number}"] = NUMBER
    return found


def _name_keys(entities: Sequence[Entity]) -> dict[str, str]:
    """Each alias's key (as `similarity` writes names) -> the id of its merged entity."""
    keys: dict[str, str] = {}
    for entity in entities:
        for alias in [entity.name, *entity.aliases]:
            keys.setdefault(entity_key(alias), entity.id)
    return keys


def _select(story: _Story, scores: dict[int, float], budget: int, entities: Sequence[Entity]) -> list[int]:
    """Budgeted concept coverage (Gillick & Favre; Lin & Bilmes), the sentence's quality weighing in.

    A concept (a pair of neighbouring words, a word, a name, a figure) weighs the number of
    independent sources that state it; the value of a set of sentences is the weight of the
    concepts it covers, each credited at the quality of the best sentence stating it. Sentences
    are added greedily by gain per word, then single swaps that raise the value within the budget
    are made (which also spends words left over), and the best single sentence is the floor.
    """
    units = story.units
    names = _name_keys(entities)
    concepts = [_concepts(u, names) if story.sim.considered[i] else {} for i, u in enumerate(units)]
    if len(scores) > POOL:  # a big story: its best-scored candidates
        scores = dict(sorted(sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:POOL]))
    holders: dict[str, set[int]] = {}
    mentions: Counter[str] = Counter()
    for i, unit in enumerate(units):
        for c in concepts[i]:
            holders.setdefault(c, set()).add(story.original[unit.source])
            mentions[c] += story.original[unit.source] == unit.source
    weight = {
        c: (float(len(h)) if len(h) > 1 else CONCEPT_DF1) / max(1.0, mentions[c] / len(h)) ** TOPIC
        for c, h in holders.items()
    }
    quality = {i: max(0.05, 1.0 + QUALITY * scores[i]) for i in scores}

    def credits(chosen: Sequence[int], base: dict[str, float] | None = None) -> dict[str, float]:
        credit = dict(base or {})
        for i in chosen:
            for c, f in concepts[i].items():
                credit[c] = max(credit.get(c, 0.0), weight[c] * f * quality[i])
        return credit

    def value(chosen: Sequence[int], base: dict[str, float] | None = None) -> float:
        """The value of `chosen`, after the sentences whose `credits` are `base` (the same sum)."""
        return sum(credits(chosen, base).values())

    def words(chosen: Sequence[int]) -> int:
        return sum(units[i].words for i in chosen)

    def redundant(i: int, others: Sequence[int]) -> bool:
        return any(_close(story, i, j) >= REDUNDANT for j in others)

    chosen: list[int] = []
    current = 0.0
    while True:
        left = budget - words(chosen)
        best: tuple[float, int] | None = None
        base = credits(chosen)
        for i in sorted(scores):
            if i in chosen or units[i].words > left or redundant(i, chosen):
                continue
            gain = (value([i], base) - current) / max(units[i].words, SHORT) ** RATIO
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, i)
        if best is None:
            break
        chosen.append(best[1])
        current = value(chosen)
    for _ in range(SWAPS):
        swap: tuple[float, int, int | None] | None = None
        for k in [*range(len(chosen)), None]:
            rest = [c for n, c in enumerate(chosen) if n != k]
            left = budget - words(rest)
            base = credits(rest)
            for i in sorted(scores):
                if i in chosen or units[i].words > left or redundant(i, rest):
                    continue
                gained = value([i], base) - current
                if gained > 1e-9 and (swap is None or gained > swap[0]):
                    swap = (gained, i, k)
        if swap is None:
            break
        _, i, k = swap
        chosen = [i if n == k else c for n, c in enumerate(chosen)] if k is not None else [*chosen, i]
        current = value(chosen)
    single = max(
        (i for i in sorted(scores) if units[i].words <= budget), key=lambda i: value([i]), default=None
    )
    if single is not None and value([single]) > current:
        return [single]
    return chosen


def _order(story: _Story, chosen: list[int], dates: StoryDates | None) -> list[int]:
    """As the story unfolds: by how early the sources tell it, then dated sentences by date."""

    lengths = Counter(u.source for u in story.units)

    def earliest(i: int) -> tuple[float, int]:
        said = [*story.sim.neighbours(i, SAME).tolist(), i]
        depth = min(story.units[j].index / max(1, lengths[story.units[j].source]) for j in said)
        return depth, i

    by_position = sorted(chosen, key=earliest)
    if dates is None:
        return by_position
    when: dict[int, dt.date] = {}
    for i in by_position:
        day = dates.date_of(story.units[i].source, story.units[i].start)
        if day is not None:
            when[i] = day
    slots = [k for k, i in enumerate(by_position) if i in when]
    dated = sorted((i for i in by_position if i in when), key=lambda i: (when[i], by_position.index(i)))
    ordered = list(by_position)
    for slot, i in zip(slots, dated, strict=True):
        ordered[slot] = i
    return ordered


def _lead_with_toll(
    story: _Story,
    ordered: list[int],
    scores: dict[int, float],
    claims: Sequence[Claim],
    key_figures: Sequence[KeyFigure],
    settings: Settings,
) -> list[int]:
    """The summary opened by the sentence that states the current toll (killed, else the first key
    figure) in the best-corroborated source that states it, when one is of a summary sentence's
    length (at most LONG words); other sentences give way to the budget."""
    figure = next((k for k in key_figures if k.measure == "killed"), key_figures[0] if key_figures else None)
    if figure is None:
        return ordered
    lead = _toll_sentence(story, figure, claims, scores)
    if lead is None or story.units[lead].words > min(LONG, settings.summary_words):
        return ordered  # a long aside would eat the budget of several short facts
    rest = [i for i in ordered if i != lead and _close(story, lead, i) < REDUNDANT]
    left = settings.summary_words - story.units[lead].words
    while rest and sum(story.units[i].words for i in rest) > left:
        rest.remove(min(rest, key=lambda i: scores.get(i, 0.0)))
    return [lead, *rest]


def _toll_sentence(
    story: _Story, figure: KeyFigure, claims: Sequence[Claim], scores: dict[int, float]
) -> int | None:
    """The unit of at most LONG words holding a claim of the current toll: from the source most
    others agree with, then from an original, then the best scored."""
    by_id = {c.id: c for c in claims}
    current = [by_id[i] for i in figure.claims if i in by_id]
    options: list[tuple[tuple[int, bool, float, int], int]] = []
    # a big story's toll has many claims: units are indexed once by source and wording, by source
    # and number, and sources by value, so the work grows with claims plus units, not their product
    quoted: dict[tuple[int, str], list[int]] = defaultdict(list)
    numbered: dict[tuple[int, int], list[int]] = defaultdict(list)
    sources = {_source_index(claim) for claim in current}
    for i, unit in enumerate(story.units):
        if unit.source in sources and i in scores:
            quoted[(unit.source, _tidy(unit.text))].append(i)
            for number in set(unit.numbers):
                numbered[(unit.source, number)].append(i)
    tellers: dict[tuple[int | None, int | None], set[int]] = defaultdict(set)
    for c in current:
        tellers[(c.value.lo, c.value.hi)].add(story.original[_source_index(c)])
    for claim in current:
        index = _source_index(claim)
        agreeing = tellers[(claim.value.lo, claim.value.hi)]
        found = quoted.get((index, _tidy(claim.quote)), []) if claim.quote else []
        if not found and claim.value.lo:  # a headline's figure: the body sentence giving the number
            found = numbered.get((index, claim.value.lo), [])
        for i in (i for i in found if story.units[i].words <= LONG):
            rank = (
                len(agreeing),
                story.original[index] == index,
                scores[i],
                -i,
            )
            options.append((rank, i))
    return max(options)[1] if options else None


def _source_index(claim: Claim) -> int:
    """The index of a claim's source ("s3" -> 2)."""
    return int(claim.source[1:]) - 1 if claim.source[1:].isdigit() else -1


_CAP = "A-ZА-ЯЁІЇЄҐ"
_NAME = rf"[{_CAP}][A-Za-zА-Яа-яЁёІіЇїЄєҐґ.'’]*"
_DATELINE = re.compile(  # Latin or Cyrillic: "LONDON – ", "КИЕВ, 12 мая — "
    rf"^(?:{_NAME}(?:[ ,]+(?:{_NAME}|\d{{1,2}}|\([{_CAP}]{{2,}}\)|(?:{MONTHS})\b)){{0,5}})"
    rf"\s*[–—-]+\s+(?=[{_CAP}“\"«])"
)


def _tidy(text: str) -> str:
    """One line, without a dateline ("KESSARA, 13 March (VPA) – ", "LONDON – ") in front."""
    text = " ".join(text.split())
    return _DATELINE.sub("", text, count=1)


# --- the title ------------------------------------------------------------------------------------

_OUTLET_TAIL = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


def story_title(story: _Story, analyzed: Sequence[ArticleFacts], sources: Sequence[Source]) -> str | None:
    """The most representative headline of an independent source, cleaned; else the best lead."""
    candidates: list[tuple[int, str]] = []
    titled = {
        n: clean_title(item.article.title or "", sources[n].outlet)
        for n, item in enumerate(analyzed)
        if story.original[n] == n
    }
    reader = {analyzed[n].article.language for n, title in titled.items() if title} & {story.reader}
    language = next(iter(reader), story.language)  # the reader's language where a headline has it
    for n, title in titled.items():
        if title and analyzed[n].article.language == language:
            candidates.append((n, title))
    if candidates:
        term_lists = [list(analyzed[n].title_terms) for n, _ in candidates]
        closeness = centroid_similarity(story.units, term_lists)[len(story.units) :]

        def merit(k: int) -> tuple[float, int]:
            n, title = candidates[k]
            words = len(title.split())
            value = float(closeness[k]) - (0.3 if n in story.damaged else 0.0)
            value -= 0.02 * max(0, words - 16) + (0.15 if words < 4 else 0.0)
            value -= 0.15 if title[:1] in "‘“'\"«" else 0.0  # a quote is one voice, not the story
            return value, -k

        best = max(range(len(candidates)), key=merit)
        return candidates[best][1]
    leads = [
        u
        for u in story.units
        if u.index <= 1 and u.language == story.language and not u.damage and not u.alone
    ]
    if not leads:
        return None
    lead = leads[0]
    words = lead.text.split()
    return " ".join(words[:16]) + ("…" if len(words) > 16 else "")


def clean_title(title: str, outlet: str | None) -> str:
    """A headline without the outlet's name glued to it, its spacing and a trailing full stop."""
    title = " ".join(title.split())
    tail = _OUTLET_TAIL.search(title)
    if tail and outlet and outlet.lower() in tail.group(0).lower():
        title = title[: tail.start()]
    if len(title.split()) > 20:  # two headlines glued together: keep the first
        first = re.split(r"(?<=[.!?:])\s+(?=[A-ZА-ЯЁІЇЄҐ“\"«])", title, maxsplit=1)[0]
        if len(first.split()) >= 5:
            title = first
    return title.strip().rstrip(".").strip()


def title_terms(item: AnalyzedArticle) -> tuple[str, ...]:
    """The content lemmas of an analysed article's headline, cleaned as `story_title` shows it."""
    title = clean_title(item.article.title or "", item.article.raw.outlet)
    parsed = item.title_doc if title == item.article.title else None  # else parsed as cleaned
    return tuple(_title_terms(title, item.article.language, parsed)) if title else ()


def _title_terms(title: str, language: str, doc: Doc | None = None) -> list[str]:
    from newsfuse.analyze.nlp import load_pipeline
    from newsfuse.analyze.parse import FULL

    # the pipeline the articles were parsed with (already loaded): its tagger gives the same
    # lemmas as a lemmas-only copy, without loading the model a second time
    doc = doc if doc is not None else load_pipeline(language, FULL)(title)
    lemma_of = token_lemmatizer(language, doc.has_annotation("LEMMA"))  # as the sentences' terms
    return [lemma_of(t) for t in doc if (t.is_alpha or t.like_num) and not t.is_stop and len(t.text) > 1]
