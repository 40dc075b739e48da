"""The blocked `_join` gives exactly the clusters of the all-pairs loops it replaced.

Hundreds of invented people, places and organisations with spelling variants, gender endings,
Cyrillic transliterations, initials, acronyms, reordered and near-identical organisation names
and short forms are built as groups, then joined twice: by `_join` and by the all-pairs
reference below (the old loops, kept here only). The clusters, and their order, must be equal.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

import pytest
from rapidfuzz import fuzz

from newsfuse.analyze.entities import AcronymDefinition, EntityType, Mention
from newsfuse.consolidate import entities as ent
from newsfuse.consolidate.entities import _Group, name_key, spelling_key
from newsfuse.consolidate.name_keys import fuzzy_candidates
from newsfuse.consolidate.places import Place
from newsfuse.languages.scripts import same_folded_name

# --- the reference: the all-pairs loops `_join` replaced ----------------------------------------


class _AllPairsClusters:
    """The union-find as it was: a cluster's members found by scanning every group."""

    def __init__(self, groups: Sequence[_Group]) -> None:
        self.groups = list(groups)
        self.parent = list(range(len(groups)))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, i: int) -> list[_Group]:
        root = self.find(i)
        return [g for j, g in enumerate(self.groups) if self.find(j) == root]

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        left, right = self.members(a), self.members(b)
        if left[0].type != right[0].type:
            return False
        if left[0].type == "person" and not all(ent._same_person(x, y) for x in left for y in right):
            return False
        if left[0].type == "place" and not all(ent._same_place(x, y) for x in left for y in right):
            return False
        self.parent[rb] = ra
        return True

    def clusters(self) -> list[list[_Group]]:
        out: dict[int, list[_Group]] = defaultdict(list)
        for j, g in enumerate(self.groups):
            out[self.find(j)].append(g)
        return list(out.values())


def _all_pairs_join(groups: Sequence[_Group], definitions: Sequence[AcronymDefinition]) -> list[list[_Group]]:
    uf = _AllPairsClusters(groups)
    index = {g.key: j for j, g in enumerate(groups)}
    by_type: dict[str, list[int]] = defaultdict(list)
    for j, g in enumerate(groups):
        by_type[g.type].append(j)
    for d in definitions:
        a, b = index.get(name_key(d.acronym)), index.get(name_key(d.expansion))
        if a is not None and b is not None:
            uf.join(a, b)
    orgs = by_type["org"]
    for j in orgs:
        text = groups[j].forms.most_common(1)[0][0]
        if not ent._is_acronym(text):
            continue
        fits = [k for k in orgs if k != j and ent._initials(groups[k].key) == text.upper()]
        if len(fits) == 1:
            uf.join(j, fits[0])
    by_org: dict[str, list[int]] = defaultdict(list)
    for j in orgs:
        if groups[j].org_id:
            by_org[str(groups[j].org_id)].append(j)
    for same in by_org.values():
        for k in same[1:]:
            uf.join(same[0], k)
    ent._join_agency_kinds(uf, by_org)  # type: ignore[arg-type]
    by_words: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in orgs:
        content = ent._content_words(groups[j].key)
        if len(content) >= 2:
            by_words[tuple(sorted(content))].append(j)
    for same in by_words.values():
        for k in same[1:]:
            uf.join(same[0], k)
    for x, j in enumerate(orgs):
        for k in orgs[x + 1 :]:
            if _spellings_close(groups[j].key, groups[k].key) or (
                ent._cross(groups[j], groups[k]) and same_folded_name(groups[j].key, groups[k].key, 5)
            ):
                uf.join(j, k)
    for j in orgs:
        short = groups[j].key.split()
        starts = {uf.find(k) for k in orgs if k != j and ent._begins(groups[k].key.split(), short)}
        if len(starts) != 1:
            continue
        (owner,) = starts
        longer = [groups[k].key.split() for k in orgs if uf.find(k) == owner]
        rests = [w[len(short) :] for w in longer if ent._begins(w, short)]
        if all(all(x in ent._ORG_SUFFIXES for x in rest) for rest in rests) or (
            len(short) == 1 and ent._uncommon(short[0])
        ):
            uf.join(owner, j)
    places = by_type["place"]
    for x, j in enumerate(places):
        for k in places[x + 1 :]:
            gj, gk = groups[j], groups[k]
            if (
                (gj.place and gk.place and gj.place.geonames_id == gk.place.geonames_id)
                or (spelling_key(gj.key) == spelling_key(gk.key) and len(spelling_key(gj.key)) >= 4)
                or (ent._cross(gj, gk) and same_folded_name(gj.key, gk.key, 4))
            ):
                uf.join(j, k)
    people = by_type["person"]
    full = [j for j in people if len(groups[j].key.split()) >= 2]
    for x, j in enumerate(full):
        for k in full[x + 1 :]:
            if ent._same_person(groups[j], groups[k]):
                uf.join(j, k)
    single = [j for j in people if len(groups[j].key.split()) == 1]
    for j in single:
        owners = {
            uf.find(k)
            for k in full
            if ent._word_match(groups[k].key.split()[-1], groups[j].key, ent._cross(groups[k], groups[j]))
        }
        if len(owners) == 1:
            uf.join(next(iter(owners)), j)
    for x, j in enumerate(single):
        for k in single[x + 1 :]:
            if (
                ent._cross(groups[j], groups[k])
                and ent._word_match(groups[j].key, groups[k].key, True)
                and not any(uf.find(f) in (uf.find(j), uf.find(k)) for f in full)
            ):
                uf.join(j, k)
    return uf.clusters()


def _spellings_close(a: str, b: str) -> bool:
    """The fuzzy organisation rule as it was written, checked pair by pair."""
    ka, kb = spelling_key(a), spelling_key(b)
    if min(len(ka.replace(" ", "")), len(kb.replace(" ", ""))) < 8:
        return False
    wa, wb = set(a.split()), set(b.split())
    if wa < wb or wb < wa:
        return False
    return fuzz.ratio(ka.replace(" ", ""), kb.replace(" ", "")) >= 92


# --- invented names -------------------------------------------------------------------------------

_SYLLABLES = (
    "ka", "ro", "mi", "zhe", "ta", "lo", "vin", "dar", "se", "ku", "bel", "ya",
    "osh", "tri", "na", "gul", "pe", "fa", "dom", "rek", "shu", "ill", "wen",
)  # fmt: skip
_TO_CYRILLIC = {
    "zh": "ж", "sh": "ш", "ya": "я", "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г",
    "i": "и", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
    "t": "т", "u": "у", "v": "в", "w": "в", "y": "ы",
}  # fmt: skip
_SUFFIXES = ["Group", "Holdings", "Corp", "Airways", "Bank"]
_KINDS = ["Agency", "Council", "Institute", "Committee", "Union", "Service", "Board", "Foundation"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def _cyrillic(text: str) -> str:
    out, i = "", 0
    while i < len(text):
        pair = text[i : i + 2].lower()
        if pair in _TO_CYRILLIC:
            out, i = out + _TO_CYRILLIC[pair], i + 2
            continue
        out, i = out + _TO_CYRILLIC.get(text[i].lower(), text[i]), i + 1
    return " ".join(w.capitalize() for w in out.split())


def _respelt(rng: random.Random, word: str) -> str:
    """A spelling variant: a doubled letter, a final vowel, a gender ending, y/i, w/v, zh/j."""
    choice = rng.randrange(6)
    if choice == 0 and len(word) > 3:
        at = rng.randrange(1, len(word))
        return word[:at] + word[at - 1] + word[at:]
    if choice == 1:
        return word + rng.choice("aeo")
    if choice == 2:
        return word + rng.choice(["ov", "ova", "ev"])
    if choice == 3:
        return word.replace("i", "y").replace("w", "v")
    if choice == 4:
        return word.replace("zh", "j").replace("sh", "sch")
    return word[:-1] if len(word) > 4 else word


def _french(text: str) -> str:
    """A French-style transliteration: spelling keys differ, cross-script keys do not (u/ou, sh/ch)."""
    return text.replace("u", "ou").replace("sh", "ch").replace("zh", "j").replace("ks", "x")


def _typo(rng: random.Random, text: str) -> str:
    """One letter inserted, dropped or changed inside a long name."""
    at = rng.randrange(1, len(text) - 1)
    if text[at] == " ":
        return text
    kind = rng.randrange(3)
    letter = rng.choice("aeioulnrst")
    if kind == 0:
        return text[:at] + letter + text[at:]
    if kind == 1:
        return text[:at] + text[at + 1 :]
    return text[:at] + letter + text[at + 1 :]


def _story(seed: int) -> tuple[list[_Group], list[AcronymDefinition]]:
    """Groups of invented names with their variants, spread over 40 articles in 4 languages."""
    rng = random.Random(seed)
    written: list[tuple[str, EntityType, Place | None, str | None]] = []
    definitions: list[AcronymDefinition] = []
    for _ in range(60):  # people
        first, last = _word(rng, 2), _word(rng, rng.choice([2, 3]))
        written.append((f"{first} {last}", "person", None, None))
        for _ in range(rng.randrange(4)):
            variant = rng.choice(
                [
                    f"{first} {_respelt(rng, last)}",
                    f"{_respelt(rng, first)} {last}",
                    f"{first[0]}. {last}",
                    f"{_word(rng, 2)} {last}",
                    last,
                    _respelt(rng, last),
                    _cyrillic(f"{first} {last}"),
                    _cyrillic(last),
                    f"{first} {_french(last)}",
                    _french(last),
                ]
            )
            written.append((variant, "person", None, None))
    for n in range(50):  # places, some known to a gazetteer under one id
        name = _word(rng, rng.choice([2, 3]))
        place = Place(name, "city", 1000 + n, None, None, None, None) if rng.random() < 0.4 else None
        written.append((name, "place", place, None))
        for _ in range(rng.randrange(3)):
            variant = rng.choice([_respelt(rng, name), _cyrillic(name), _french(name), name + "ia"])
            other = Place(variant, "city", rng.choice([1000 + n, 5000 + n]), None, None, None, None)
            written.append((variant, "place", other if rng.random() < 0.3 else None, None))
    for n in range(70):  # organisations
        words = [_word(rng, rng.choice([2, 3])) for _ in range(rng.choice([1, 2, 3]))]
        name = " ".join([*words, rng.choice(_KINDS + _SUFFIXES)])
        org_id = f"body{n % 7}" if rng.random() < 0.1 else None
        written.append((name, "org", None, org_id))
        initials = "".join(w[0] for w in name.split()).upper()
        for _ in range(rng.randrange(5)):
            choice = rng.randrange(8)
            if choice == 0:
                written.append((initials, "org", None, None))
            elif choice == 1:
                definitions.append(AcronymDefinition(initials, name))
                written.append((initials, "org", None, None))
            elif choice == 2:
                written.append((" ".join(reversed(name.split())), "org", None, None))
            elif choice == 3 and len(name) >= 12:
                written.append((_typo(rng, name), "org", None, None))
            elif choice == 4:
                short = " ".join(words[: rng.randrange(1, len(words) + 1)])
                if rng.random() < 0.5:
                    written.append((f"{short} {rng.choice(_SUFFIXES)}", "org", None, None))
                written.append((short, "org", None, None))
            elif choice == 5:
                written.append((f"{name} of {_word(rng, 2)}", "org", None, None))
            elif choice == 6:
                written.append((rng.choice([_cyrillic, _french])(name), "org", None, None))
            else:
                written.append((f"{words[0]} {rng.choice(_KINDS)}", "org", None, None))
    rng.shuffle(written)
    by_key: dict[str, _Group] = {}
    for text, etype, place, org_id in written:
        key = name_key(text)
        group = by_key.setdefault(key, _Group(key, type=etype, place=place, org_id=org_id))
        for _ in range(rng.randrange(1, 4)):
            article = rng.randrange(40)
            language = (
                "ru" if any("\u0400" <= c <= "\u04ff" for c in text) else ("en", "fr", "de")[article % 3]
            )
            group.mentions.append((article, Mention(text, group.type, 0, len(text), language=language)))
    return list(by_key.values()), definitions


def _keys(clusters: list[list[_Group]]) -> list[list[str]]:
    return [[g.key for g in cluster] for cluster in clusters]


@pytest.mark.parametrize("seed", range(6))
def test_blocked_join_equals_the_all_pairs_loops(seed: int) -> None:
    groups, definitions = _story(seed)
    assert len(groups) > 300
    expected = _keys(_all_pairs_join(groups, definitions))
    assert _keys(ent._join(groups, definitions)) == expected
    # the story exercises the rules: many joins, of every type
    joined = [c for c in expected if len(c) > 1]
    assert len(joined) > 40
    assert {groups[[g.key for g in groups].index(c[0])].type for c in joined} == {"person", "place", "org"}


def test_the_fuzzy_blocking_finds_every_close_pair() -> None:
    """Every pair of keys the exact ratio accepts is among the candidates, on random near-copies."""
    rng = random.Random(7)
    keys: list[str] = []
    for _ in range(300):
        base = "".join(rng.choice("abdeiklmnorstuv") for _ in range(rng.randrange(6, 40)))
        keys.append(base)
        for _ in range(rng.randrange(3)):
            variant = base
            for _ in range(rng.randrange(4)):
                variant = _typo(rng, variant) if len(variant) > 3 else variant
            keys.append(variant)
    candidates = fuzzy_candidates(keys, 92, 8)
    close = {
        (x, y)
        for x in range(len(keys))
        for y in range(x + 1, len(keys))
        if min(len(keys[x]), len(keys[y])) >= 8 and fuzz.ratio(keys[x], keys[y]) >= 92
    }
    assert len(close) > 100
    assert close <= candidates
    assert len(candidates) < len(keys) * 10  # a filter, not every pair
