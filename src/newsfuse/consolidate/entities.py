"""People, organisations and places merged across the story's sources.

Mentions (analyze/entities.py) are grouped by their normalised form (case, accents, hyphens and a
leading article ignored); each group's type is the vote of its mentions. Groups are then joined
by these rules, each conservative, each refused where it would be wrong:
- acronym <-> expansion: defined in the story's text ("… Protection Agency (NCPA)"), or made of the
  expansion's initials in order when only one organisation fits;
- reordered organisation names: the same content words in another order;
- places: the same GeoNames place (Mumbai = Bombay), or the same spelling key
  (Kessara/Kesara, Valdonia/Valdonie) unless GeoNames knows them apart;
- people: the same surname and first name up to transliteration and gender endings
  (Ilse Varga / Ilse Vargova, Petrov / Petrova), refused when one source writes both (two people);
  a surname alone joins the one person of the story with that surname, never one of several;
- organisations spelled nearly alike (a normalised fuzzy ratio of 92 or more on 8+ letters);
- across languages and scripts: a body of the curated multilingual table (languages/organisations.toml:
  ООН = ONU = UNO = UN) is one entity whatever its language; a country named in its article's
  language is its country (Россия = Russland = Russia); people, places and organisations written
  in different languages or scripts also match on a transliteration key (languages/scripts.py:
  Жумагулов = Жумагулов = Zhumagulov = Schumagulow = Joumagoulov);
- an organisation's short form: its leading words when what is left is a legal or trade suffix
  ("AirTran" / "AirTran Airways", "NPD" / "NPD Group"), or a single uncommon word
  ("Lockheed" / "Lockheed Martin") — only when exactly one organisation of the story starts so
  ("Apple" beside "Apple Computer" and "Apple Corps" stays apart), and never a common word
  ("State" / "State Duma Committee").
A place named only in datelines ("ROME –", "Rome, Jan. 5 (Agency) –") is left out: the reporter
filed from there, the story is not there unless its text names it too.
The name shown is the most frequent full form (not an acronym, not an all-caps dateline) among
the forms written in the reader's language (setting `reader_language`); when no source in that
language names the entity, the table's or the country's name in that language, else a form in
its script (a Cyrillic name transliterated for a Latin-script reader). Every surface form is kept.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from newsfuse.analyze.entities import (
    DETERMINERS,
    AcronymDefinition,
    EntityType,
    Mention,
    story_mentions,
    words,
)
from newsfuse.consolidate.name_keys import blocked_pairs, fuzzy_candidates, name_key, spelling_key
from newsfuse.consolidate.places import Place, resolve_places
from newsfuse.languages.gazetteer import gazetteer_name, organisation, organisation_by_id
from newsfuse.languages.scripts import (
    cross_key,
    fold_word,
    for_reader,
    has_cyrillic,
    in_reader_script,
    same_folded_name,
)
from newsfuse.models import Entity, Source

if TYPE_CHECKING:
    from newsfuse.consolidate.facts import ArticleFacts

__all__ = [
    "cluster_mentions",
    "entities_from_mentions",
    "merge_entities",
    "name_key",
    "spelling_key",
]

_EVIDENCE_WEIGHT = {"dateline": 3, "role": 3, "split": 3, "ner": 1, "ruler": 1, "weak": 0}
_FUNCTION_WORDS = words("of the for and on in at to de la le du des l d et")
_FUZZY_ORG_RATIO = 92.0
_TYPES: tuple[EntityType, ...] = ("person", "org", "place", "other")  # tie-break order
_FUZZY_ORG_MIN_LETTERS = 8
# words that name an organisation's legal form or trade, not another body
_ORG_SUFFIXES = words(
    "inc incorporated ltd limited llc plc corp corporation co company group holdings sa spa nv ag gmbh"
    " airlines airways motors motor bank"
)
_COMMON_WORD_ZIPF = 3.5  # wordfreq Zipf frequency from which a lone word is too common to be a short form


@dataclass
class _Group:
    """The mentions sharing one normalised form."""

    key: str
    mentions: list[tuple[int, Mention]] = field(default_factory=list)  # (article index, mention)
    type: EntityType = "other"
    place: Place | None = None
    org_id: str | None = None  # the body of the curated multilingual table, if it is one

    # cached: read many times while joining, after `_groups` has gathered every mention
    @functools.cached_property
    def articles(self) -> set[int]:
        return {i for i, _ in self.mentions}

    @functools.cached_property
    def languages(self) -> set[str]:
        return {m.language for _, m in self.mentions if m.language}

    @functools.cached_property
    def cyrillic(self) -> bool:
        return any(has_cyrillic(m.text) for _, m in self.mentions)

    @functools.cached_property
    def forms(self) -> Counter[str]:
        return Counter(m.text for _, m in self.mentions)


def merge_entities(
    analyzed: Sequence[ArticleFacts], sources: Sequence[Source], reader_language: str | None = None
) -> list[Entity] | None:
    """The story's canonical entities, each with every surface form, its sources and mentions.

    Names are shown in `reader_language` (default: the `reader_language` setting) where possible.
    """
    mentions, definitions = story_mentions(
        [a.article for a in analyzed], [a.mentions for a in analyzed], [a.acronyms for a in analyzed]
    )
    clusters = _join(_groups(mentions), definitions)
    reader = _reader(reader_language)
    entities = [_entity(c, sources, reader) for c in clusters]
    entities.sort(key=lambda e: (-e.mentions, e.name.casefold(), e.type))
    return [e.model_copy(update={"id": f"e{n}"}) for n, e in enumerate(entities, start=1)]


def cluster_mentions(
    mentions: Sequence[Sequence[Mention]], definitions: Sequence[AcronymDefinition] = ()
) -> list[list[tuple[int, Mention]]]:
    """The mentions (per article) grouped into entities: the merging rules without spaCy.

    Mentions of the weak "other" evidence with no typed twin are left out.
    """
    groups = _groups(mentions)
    return [[pair for g in cluster for pair in g.mentions] for cluster in _join(groups, definitions)]


def entities_from_mentions(
    mentions: Sequence[Sequence[Mention]],
    definitions: Sequence[AcronymDefinition] = (),
    reader_language: str | None = None,
) -> list[Entity]:
    """The entities (named for `reader_language`) of mentions given per article, without spaCy."""
    clusters = _join(_groups(mentions), definitions)
    reader = _reader(reader_language)
    out = [_entity(c, [], reader) for c in clusters]
    out.sort(key=lambda e: (-e.mentions, e.name.casefold(), e.type))
    return [e.model_copy(update={"id": f"e{n}"}) for n, e in enumerate(out, start=1)]


def _reader(reader_language: str | None) -> str:
    if reader_language:
        return reader_language
    from newsfuse.config import Settings

    return str(Settings().reader_language)


# --- the building -----------------------------------------------------------------------------


def _groups(mentions: Sequence[Sequence[Mention]]) -> list[_Group]:
    by_key: dict[str, _Group] = {}
    for i, found in enumerate(mentions):
        for m in found:
            key = name_key(_core_name(m.lemma or m.text))
            if key:
                by_key.setdefault(key, _Group(key)).mentions.append((i, m))
    groups = list(by_key.values())
    languages: dict[str, str] = {}
    for g in groups:
        for _, m in g.mentions:
            if (m.type == "place" or m.evidence == "weak") and m.language:
                languages.setdefault(_form(m), m.language)
    # how often the story names each place: an ambiguous name is read in the countries it names most
    named = Counter(
        _form(m) for g in groups for _, m in g.mentions if m.type == "place" or m.evidence == "weak"
    )
    places = resolve_places(named, languages, named)
    kept: list[_Group] = []
    for g in groups:
        votes: Counter[str] = Counter()
        for _, m in g.mentions:
            votes[m.type] += _EVIDENCE_WEIGHT.get(m.evidence, 1)
        votes.pop("other", None) if len(votes) > 1 else None
        resolved = next((places[_form(m)] for _, m in g.mentions if places.get(_form(m))), None)
        if resolved and votes.get("place"):
            g.type = "place"
        elif not votes or max(votes.values()) == 0:
            continue  # only weak evidence ("Tens" as a work of art): not a name
        else:
            g.type = next(t for t in _TYPES if votes.get(t) == max(votes.values()))
        g.place = resolved if g.type == "place" else None
        if g.type == "org":
            g.org_id = next(
                (body for form, language in _group_forms(g) if (body := organisation(form, language))), None
            )
        kept.append(g)
    return _retype_strays(kept)


def _form(m: Mention) -> str:
    """The form a mention is looked up by: its dictionary form where the pack gives one."""
    return m.lemma or m.text


def _group_forms(g: _Group) -> list[tuple[str, str]]:
    """The group's (form, language) pairs, most frequent first."""
    counts = Counter((_form(m), m.language) for _, m in g.mentions)
    counts.update((m.text, m.language) for _, m in g.mentions if m.lemma and m.lemma != m.text)
    return [pair for pair, _ in counts.most_common()]


def _weight(g: _Group) -> int:
    return sum(_EVIDENCE_WEIGHT.get(m.evidence, 1) for _, m in g.mentions)


def _retype_strays(groups: list[_Group]) -> list[_Group]:
    """A one-word name the model typed once or twice against the story's usual type of that name.

    "Kesara" tagged as a person where "Kessara" is a place ten times: the stray takes the type of
    the spelling-equal group with at least three times its evidence. Roles and datelines are
    evidence enough to keep a type.
    """
    by_spelling: dict[str, list[_Group]] = defaultdict(list)
    for g in groups:
        by_spelling[spelling_key(g.key)].append(g)
    for g in groups:
        if len(g.key.split()) != 1 or any(m.evidence in ("role", "split", "dateline") for _, m in g.mentions):
            continue
        rivals = [
            r for r in by_spelling[spelling_key(g.key)] if r.type != g.type and _weight(r) >= 3 * _weight(g)
        ]
        if rivals:
            best = max(rivals, key=_weight)
            g.type, g.place = best.type, best.place
    return groups


class _Clusters:
    """Union-find over groups, refusing a join that would put two different people together."""

    def __init__(self, groups: Sequence[_Group]) -> None:
        self.groups = list(groups)
        self.parent = list(range(len(groups)))
        self.held = {j: [j] for j in range(len(groups))}  # root -> its cluster's group indices

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, i: int) -> list[_Group]:
        return [self.groups[j] for j in sorted(self.held[self.find(i)])]

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        left, right = self.members(a), self.members(b)
        if left[0].type != right[0].type:
            return False
        if left[0].type == "person" and not all(_same_person(x, y) for x in left for y in right):
            return False
        if left[0].type == "place" and not all(_same_place(x, y) for x in left for y in right):
            return False
        self.parent[rb] = ra
        self.held[ra].extend(self.held.pop(rb))
        return True

    def clusters(self) -> list[list[_Group]]:
        out: dict[int, list[_Group]] = defaultdict(list)
        for j, g in enumerate(self.groups):
            out[self.find(j)].append(g)
        return list(out.values())


def _join(groups: Sequence[_Group], definitions: Sequence[AcronymDefinition]) -> list[list[_Group]]:
    """The groups joined by the rules, in near-linear time.

    Each rule that compares pairs looks only at the pairs sharing a key its test requires (a
    block), and joins the pairs passing its test in the order an all-pairs loop would meet them:
    a refused join depends on what was joined before, so the clusters are the all-pairs loops'.
    """
    uf = _Clusters(groups)
    index = {g.key: j for j, g in enumerate(groups)}
    by_type: dict[str, list[int]] = defaultdict(list)
    for j, g in enumerate(groups):
        by_type[g.type].append(j)

    # acronyms the story defines, then ones made of a unique organisation's initials in order
    for d in definitions:
        a, b = index.get(name_key(d.acronym)), index.get(name_key(d.expansion))
        if a is not None and b is not None:
            uf.join(a, b)
    orgs = by_type["org"]
    by_initials: dict[str, list[int]] = defaultdict(list)
    for k in orgs:
        by_initials[_initials(groups[k].key)].append(k)
    for j in orgs:
        text = groups[j].forms.most_common(1)[0][0]
        if not _is_acronym(text):
            continue
        fits = [k for k in by_initials.get(text.upper(), ()) if k != j]
        if len(fits) == 1:
            uf.join(j, fits[0])
    # bodies of the curated multilingual table, whatever the language or script
    by_org: dict[str, list[int]] = defaultdict(list)
    for j in orgs:
        if groups[j].org_id:
            by_org[str(groups[j].org_id)].append(j)
    for same in by_org.values():
        for k in same[1:]:
            uf.join(same[0], k)
    _join_agency_kinds(uf, by_org)
    # organisations: reordered words, then near-identical spellings
    by_words: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in orgs:
        content = _content_words(groups[j].key)
        if len(content) >= 2:
            by_words[tuple(sorted(content))].append(j)
    for same in by_words.values():
        for k in same[1:]:
            uf.join(same[0], k)
    # the fuzzy rule's pairs among the pieces' (`fuzzy_candidates`), the folded rule's by its key
    org_keys = [groups[j].key for j in orgs]
    candidates = fuzzy_candidates(
        [spelling_key(k).replace(" ", "") for k in org_keys], _FUZZY_ORG_RATIO, _FUZZY_ORG_MIN_LETTERS
    )
    candidates |= blocked_pairs([[_folded(k)] for k in org_keys])
    _join_pairs(
        uf,
        orgs,
        candidates,
        lambda gj, gk: (
            _org_spellings_close(gj.key, gk.key) or (_cross(gj, gk) and same_folded_name(gj.key, gk.key, 5))
        ),
    )
    _join_short_org_names(uf, groups, orgs)
    # places: one GeoNames place, or one spelling key
    places = by_type["place"]
    # each test is the equality of one of these keys, so its pairs share a block
    place_keys = [
        [
            ("geonames", g.place.geonames_id) if g.place else None,
            ("spelling", spelling_key(g.key)),
            _folded(g.key),
        ]
        for g in (groups[j] for j in places)
    ]
    _join_pairs(
        uf,
        places,
        blocked_pairs(place_keys),
        lambda gj, gk: bool(
            (gj.place and gk.place and gj.place.geonames_id == gk.place.geonames_id)
            or (spelling_key(gj.key) == spelling_key(gk.key) and len(spelling_key(gj.key)) >= 4)
            or (_cross(gj, gk) and same_folded_name(gj.key, gk.key, 4))
        ),
    )
    # people: full names first, then a surname alone when it points at one person only
    people = by_type["person"]
    full = [j for j in people if len(groups[j].key.split()) >= 2]
    surnames = [groups[j].key.split()[-1] for j in full]
    # `_same_person` first asks `_word_match` of the surnames: one spelling or cross-script key
    _join_pairs(uf, full, blocked_pairs([_word_keys(w) for w in surnames]), _same_person)
    by_surname: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, surname in zip(full, surnames, strict=True):
        for key in _word_keys(surname):
            by_surname[key].append(j)
    single = [j for j in people if len(groups[j].key.split()) == 1]
    for j in single:
        near = {k for key in _word_keys(groups[j].key) for k in by_surname.get(key, ())}
        owners = {
            uf.find(k)
            for k in near
            if _word_match(groups[k].key.split()[-1], groups[j].key, _cross(groups[k], groups[j]))
        }
        if len(owners) == 1:
            uf.join(next(iter(owners)), j)
    # a surname alone written in two languages or scripts, with no full name to own it
    for x, y in sorted(blocked_pairs([_word_keys(groups[j].key) for j in single])):
        j, k = single[x], single[y]
        if (
            _cross(groups[j], groups[k])
            and _word_match(groups[j].key, groups[k].key, True)
            and not any(len(g.key.split()) >= 2 for g in uf.members(j) + uf.members(k))  # a full name
        ):
            uf.join(j, k)
    # a place named only in datelines is where a reporter filed from, not where the story is
    return [c for c in uf.clusters() if any(m.evidence != "dateline" for g in c for _, m in g.mentions)]


def _join_pairs(
    uf: _Clusters, members: Sequence[int], pairs: set[tuple[int, int]], test: Callable[[_Group, _Group], bool]
) -> None:
    """Join the pairs (positions in `members`, first < second) that pass `test`, in loop order."""
    for x, y in sorted(pairs):
        j, k = members[x], members[y]
        if test(uf.groups[j], uf.groups[k]):
            uf.join(j, k)


def _word_keys(word: str) -> list[tuple[str, str]]:
    """The keys under which `_word_match` can find a word equal to another: either of them."""
    return [("spelling", spelling_key(word)), ("cross", cross_key(word))]


def _folded(key: str) -> tuple[str, str]:
    """The whole-name key `same_folded_name` compares."""
    return ("folded", " ".join(cross_key(w) for w in key.split()))


def _join_agency_kinds(uf: _Clusters, by_org: dict[str, list[int]]) -> None:
    """A country's own agency (МЧС, ДСНС) joins the story's generic mentions of its kind
    ("Emergencies Ministry") when it is the only agency of that kind in the story."""
    specific: dict[str, list[str]] = defaultdict(list)
    for org_id in by_org:
        found = organisation_by_id(org_id)
        if found and found.kind_of:
            specific[found.kind_of].append(org_id)
    for kind, ids in specific.items():
        if kind in by_org and len(ids) == 1:
            uf.join(by_org[kind][0], by_org[ids[0]][0])


def _cross(a: _Group, b: _Group) -> bool:
    """Whether two groups are written in different languages or scripts (transliteration applies)."""
    la, lb = a.languages, b.languages
    return bool(la and lb and la.isdisjoint(lb)) or a.cyrillic != b.cyrillic


def _word_match(a: str, b: str, cross: bool) -> bool:
    return spelling_key(a) == spelling_key(b) or (cross and cross_key(a) == cross_key(b))


# --- the rules --------------------------------------------------------------------------------


def _join_short_org_names(uf: _Clusters, groups: Sequence[_Group], orgs: Sequence[int]) -> None:
    by_start: dict[tuple[str, ...], list[int]] = defaultdict(list)  # leading words -> longer names
    for k in orgs:
        name = groups[k].key.split()
        for n in range(len(name)):
            by_start[tuple(name[:n])].append(k)
    for j in orgs:
        short = groups[j].key.split()
        starts = {uf.find(k) for k in by_start.get(tuple(short), ()) if k != j}
        if len(starts) != 1:
            continue
        (owner,) = starts
        longer = [g.key.split() for g in uf.members(owner)]
        rests = [w[len(short) :] for w in longer if _begins(w, short)]
        if all(all(x in _ORG_SUFFIXES for x in rest) for rest in rests) or (
            len(short) == 1 and _uncommon(short[0])
        ):
            uf.join(owner, j)


def _begins(name: list[str], short: list[str]) -> bool:
    return len(name) > len(short) and name[: len(short)] == short


def _core_name(text: str) -> str:
    """The name itself: leading lower-case descriptors ("aircraft manufacturer Boeing") and a
    trailing apposition or bracket ("Toulouse, France", "Royal Air Force (RAF") left out."""
    text = re.split(r"\s*[,(]\s*", text, maxsplit=1)[0] or text
    words_ = text.split()
    while len(words_) > 1 and words_[0][:1].islower() and words_[0].casefold() not in DETERMINERS:
        words_ = words_[1:]
    return " ".join(words_)


def _uncommon(word: str) -> bool:
    from wordfreq import zipf_frequency

    return len(word) >= 4 and not word.isdigit() and zipf_frequency(word, "en") < _COMMON_WORD_ZIPF


def _same_person(a: _Group, b: _Group) -> bool:
    """Whether two person groups can be one person (a surname alone is compatible with its owner)."""
    wa, wb = a.key.split(), b.key.split()
    cross = _cross(a, b)
    if not _word_match(wa[-1], wb[-1], cross):
        return False
    if len(wa) == 1 or len(wb) == 1:
        return True
    ga, gb = wa[0], wb[0]
    if len(ga) == 1 or len(gb) == 1:
        if ga[0] != gb[0] and not (cross and fold_word(ga)[:1] == fold_word(gb)[:1]):
            return False
    elif not _word_match(ga, gb, cross):
        return False  # another first name: two people who share a surname
    # one source writing both spellings means two people (Petrov and Petrova)
    return not (wa[-1] != wb[-1] and a.articles & b.articles)


def _same_place(a: _Group, b: _Group) -> bool:
    return not (a.place and b.place and a.place.geonames_id != b.place.geonames_id)


def _is_acronym(text: str) -> bool:
    return text.isalpha() and text.isupper() and 2 <= len(text) <= 8


def _content_words(key: str) -> list[str]:
    return [w for w in key.split() if w not in _FUNCTION_WORDS]


def _initials(key: str) -> str:
    words = _content_words(key)
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def _org_spellings_close(a: str, b: str) -> bool:
    ka, kb = spelling_key(a), spelling_key(b)
    if min(len(ka.replace(" ", "")), len(kb.replace(" ", ""))) < _FUZZY_ORG_MIN_LETTERS:
        return False
    wa, wb = set(a.split()), set(b.split())
    if wa < wb or wb < wa:
        return False  # a word more is another body ("State Duma" vs "State Duma Committee")
    return fuzz.ratio(ka.replace(" ", ""), kb.replace(" ", "")) >= _FUZZY_ORG_RATIO


# --- the entity -------------------------------------------------------------------------------


def _entity(cluster: Sequence[_Group], sources: Sequence[Source], reader: str = "en") -> Entity:
    forms: Counter[str] = Counter()
    first_seen: dict[str, tuple[int, int]] = {}
    form_articles: dict[str, set[int]] = defaultdict(set)
    roles: Counter[str] = Counter()
    articles: set[int] = set()
    # dictionary forms ("Жумагулов" for "Жумагулова"), by the language written in
    shown: Counter[str] = Counter()
    shown_in: dict[str, set[str]] = defaultdict(set)
    for g in cluster:
        for i, m in g.mentions:
            forms[m.text] += 1
            first_seen.setdefault(m.text, (i, m.start))
            first_seen[m.text] = min(first_seen[m.text], (i, m.start))
            articles.add(i)
            form_articles[m.text].add(i)
            display = _form(m)
            shown[display] += 1
            shown_in[display].add(m.language)
            first_seen.setdefault(display, (i, m.start))
            first_seen[display] = min(first_seen[display], (i, m.start))
            form_articles[display].add(i)
            if m.role:
                roles[_clean_role(m.role)] += 1
    etype = cluster[0].type
    aliases = sorted(forms, key=lambda f: (-forms[f], first_seen[f]))
    place = next((g.place for g in cluster if g.place), None)
    org_id = next((g.org_id for g in cluster if g.org_id), None)
    name = _reader_name(shown, shown_in, first_seen, form_articles, etype, reader, place, org_id)
    if name not in aliases:
        aliases.append(name)
    role_names: list[str] = []
    for role in sorted(roles, key=lambda r: -roles[r]):
        if role.casefold() not in {r.casefold() for r in role_names}:
            role_names.append(role)
    return Entity(
        id="",
        name=name,
        type=etype,
        aliases=aliases,
        sources=[sources[i].id for i in sorted(articles)]
        if sources
        else [f"s{i + 1}" for i in sorted(articles)],
        mentions=sum(forms.values()),
        roles=role_names,
        country=place.country if place else None,
        country_code=place.country_code if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geonames_id=place.geonames_id if place else None,
    )


def _reader_name(
    shown: Counter[str],
    shown_in: dict[str, set[str]],
    first_seen: dict[str, tuple[int, int]],
    form_articles: dict[str, set[int]],
    etype: str,
    reader: str,
    place: Place | None,
    org_id: str | None,
) -> str:
    """The name for a reader of `reader`: a form written in that language (or in an unknown one),
    else the table's or the country's name in it, else a form in its script, else transliterated."""
    mine = Counter({f: n for f, n in shown.items() if shown_in[f] & {reader, ""}})
    if mine:
        return _canonical_name(mine, first_seen, form_articles, etype)
    country = place.country_code if place is not None and place.kind == "country" else None
    known = gazetteer_name(reader, org_id, country)
    if known:
        return known
    if place is not None and place.kind == "city" and in_reader_script(place.name, reader):
        return place.name
    in_script = Counter({f: n for f, n in shown.items() if in_reader_script(f, reader)})
    return for_reader(_canonical_name(in_script or shown, first_seen, form_articles, etype), reader)


def _canonical_name(
    forms: Counter[str],
    first_seen: dict[str, tuple[int, int]],
    form_articles: dict[str, set[int]],
    etype: str,
) -> str:
    """The most frequent full form: not an acronym, not all caps, for people not a surname alone."""

    def full(form: str) -> bool:
        if _is_acronym(form.replace(" ", "")) or (form.isupper() and len(form) > 3):
            return False
        return not (etype == "person" and len(form.split()) < 2)

    candidates = (
        [f for f in forms if full(f)]
        or [f for f in forms if not f.isupper() or _is_acronym(f)]
        or list(forms)
    )
    return min(candidates, key=lambda f: (-forms[f], -len(form_articles[f]), first_seen[f], f))


def _clean_role(role: str) -> str:
    words = role.split()
    while words and words[0].casefold() in DETERMINERS:
        words = words[1:]
    text = " ".join(words).strip(" ,")
    return text[:1].upper() + text[1:] if text else text
