"""The words that say what happened to people and who they are, in English and French.

Lemmas (lower-case) for the figures extractor: verbs, adjectives and nouns of each measure
(killed, injured, …) and the words of each victim class (security forces, protesters, …).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsfuse.analyze.numbers import QUALIFIERS
from newsfuse.languages import calendar_words
from newsfuse.measures import Measure as Measure  # re-exported: the figure extractors import it from here
from newsfuse.measures import VictimClass as VictimClass

if TYPE_CHECKING:
    from spacy.tokens import Token

# verbs and adjectives (lemmas) that say what happened to the people counted
_VERB_MEASURES: dict[str, Measure] = {
    **dict.fromkeys(
        ("kill", "die", "murder", "eliminate", "slay", "execute", "massacre", "perish", "dead",
         "behead", "martyr", "tuer", "mourir", "décéder", "périr", "mort", "assassiner", "abattre"),
        "killed",
    ),
    **dict.fromkeys(
        ("injure", "wound", "hurt", "injured", "wounded", "blesser", "blessé", "choke", "faint", "suffocate"),
        "injured",
    ),
    **dict.fromkeys(("gas", "affect"), "other"),  # harm unstated (C7)
    **dict.fromkeys(("hospitalize", "hospitalise", "hospitalized", "hospitaliser"), "hospitalized"),
    **dict.fromkeys(
        ("arrest", "detain", "apprehend", "jail", "imprison", "arrêter", "interpeller", "détenir",
         "incarcérer"),
        "arrested",
    ),
    **dict.fromkeys(("missing", "disappear", "unaccounted", "disparaître", "disparu"), "missing"),
    **dict.fromkeys(("kidnap", "abduct", "enlever", "kidnapper", "séquestrer"), "kidnapped"),
    **dict.fromkeys(("displace", "déplacer", "flee", "fuir"), "displaced"),
    **dict.fromkeys(("evacuate", "évacuer", "relocate", "rehouse", "évacué"), "evacuated"),
}  # fmt: skip
# nouns that are themselves the measure: "dozens of deaths", "14 dead", "plus de 200 blessés"
_NOUN_MEASURES: dict[str, Measure] = {
    **dict.fromkeys(
        ("death", "dead", "fatality", "killing", "body", "corpse", "mort", "décès", "tué", "martyr"),
        "killed",
    ),
    **dict.fromkeys(("injury", "injured", "wounded", "blessé", "blessure"), "injured"),
    **dict.fromkeys(("casualty", "casualties"), "other"),  # killed and injured together
    **dict.fromkeys(("arrest", "detention", "arrestation", "interpellation"), "arrested"),
    **dict.fromkeys(("missing", "disparu"), "missing"),
    **dict.fromkeys(("abductee",), "kidnapped"),
}  # fmt: skip
# "of" nouns in "the deaths of 12 soldiers", "the arrest of more than 200 people"
_OF_MEASURES = {
    "death": "killed", "killing": "killed", "murder": "killed", "arrest": "arrested",
    "detention": "arrested", "evacuation": "evacuated", "abduction": "kidnapped",
    "kidnapping": "kidnapped", "displacement": "displaced", "hospitalization": "hospitalized",
    "mort": "killed", "arrestation": "arrested", "évacuation": "evacuated", "life": "killed",
    "injury": "injured", "injuring": "injured", "wounding": "injured", "vie": "killed",
    "blessure": "injured", "body": "killed", "corpse": "killed", "cadavre": "killed",
}  # fmt: skip
# nouns of a status ("80 evacuees were killed"): the measure only when no verb gives one (§A7, C18);
# "victims" is never one by itself: "three victims were found" says nothing of what happened
_STATUS_MEASURES: dict[str, Measure] = {
    **dict.fromkeys(("hostage", "otage", "captive"), "kidnapped"),
    **dict.fromkeys(("evacuee", "évacué"), "evacuated"),
    **dict.fromkeys(("refugee", "displaced", "déplacé", "réfugié"), "displaced"),
    **dict.fromkeys(("detainee", "prisoner"), "arrested"),
}  # fmt: skip
_STATUS_NOUNS = frozenset(_STATUS_MEASURES) | {"victim", "victime"}
# "lost 14 fighters", "seized nine workers": verbs that are a measure only with people as object
_PEOPLE_OBJECT_VERBS: dict[str, Measure] = {
    "lose": "killed", "seize": "kidnapped", "snatch": "kidnapped", "grab": "kidnapped",
}  # fmt: skip
# verbs done to people: their subject with an object is the attacker ("two gunmen killed three")
_AGENT_VERBS = frozenset(
    {"kill", "shoot", "wound", "injure", "murder", "slay", "execute", "behead", "massacre", "abduct",
     "kidnap", "arrest", "detain", "hurt", "stab", "attack", "tuer", "blesser", "enlever", "arrêter"}
)  # fmt: skip
# people who get away from a crime scene: their "fled" is no displacement
_SUSPECTS = frozenset(
    {"suspect", "gunman", "shooter", "attacker", "assailant", "robber", "perpetrator", "thief"}
)
# "were treated for burns": injured, unless the sentence says where ("treated in intensive care")
_TREAT = frozenset({"treat", "soigner"})
# "received 40 victims", "12 victims were treated": victims taken in for care are the injured
_CARE_VERBS = frozenset({"receive", "treat", "admit", "accept", "bring", "transport", "rush"})
# counted things that are never people (§A9): "30 rockets killed five", "the evacuation of 4 towns"
_NOT_PEOPLE = frozenset(
    {"town", "village", "city", "neighbourhood", "neighborhood", "district", "area", "bus", "vehicle",
     "car", "truck", "lorry", "tank", "missile", "rocket", "raid", "airstrike", "strike", "shell", "mortar",
     "bomb", "barrel", "round", "bullet", "shots", "weapon", "gun", "rifle", "house", "home", "building",
     "school", "hospital", "shop", "year", "day", "week", "month", "hour", "minute", "second", "time",
     "attack", "explosion", "blast", "incident", "aircraft", "plane", "jet", "helicopter", "drone",
     "kilometre", "kilometer", "km", "mile", "metre", "meter", "acre", "dollar", "percent", "point",
     "ville", "véhicule", "roquette", "obus", "maison", "bâtiment", "année", "jour", "heure", "semaine",
     "mois", "frappe", "attaque", "camion"}
)  # fmt: skip
# "claiming two lives", "cost 12 lives": a count of lives taken by these verbs is a death toll
_LIFE_TAKING = frozenset({"claim", "take", "cost", "lose", "coûter", "faire", "perdre"})
# "suffered injuries", "experienced breathing difficulties": harm nouns after a verb of undergoing
_UNDERGO = frozenset({"suffer", "sustain", "experience", "receive", "subir", "souffrir"})
_HARM = frozenset(
    {"injury", "wound", "burn", "suffocation", "asphyxiation", "difficulty", "symptom", "fracture",
     "problem", "inhalation", "blessure", "brûlure", "asphyxie", "trouble"}
)  # fmt: skip
# "including four children", "among them a woman", "dont trois enfants": part of a counted group
_INCLUSION = frozenset({"including", "among", "amongst", "parmi", "dont", "notamment", "incluant"})
# nouns for one person that "a"/"an" counts inside a group ("among them a woman")
_PERSON_NOUNS = frozenset(
    {"man", "woman", "child", "boy", "girl", "baby", "person", "civilian", "soldier", "policeman",
     "officer", "journalist", "doctor", "nurse", "infant", "teenager", "student", "worker", "teen",
     "youth", "toddler", "resident", "driver", "passenger", "pedestrian", "deputy", "trooper",
     "guard", "homme", "femme", "enfant", "personne", "policier", "soldat"}
)  # fmt: skip
_FRACTIONS = frozenset({"quarter", "half", "third", "quart", "moitié", "tiers"})
_MONTHS = frozenset(calendar_words("months"))  # every pack's month names, every case
_TOLL = frozenset({"toll", "bilan", "tally", "count", "number"})

# victim words -> class (lemmas, lower-case); first match by priority of the class


def _words(*chunks: str) -> frozenset[str]:
    return frozenset(" ".join(chunks).split())


_CLASS_WORDS: dict[VictimClass, frozenset[str]] = {
    "security_forces": _words(
        "police policeman policemen policewoman officer officers law enforcement soldier soldiers",
        "serviceman servicemen troop troops army military security force forces guard guards",
        "gendarme gendarmes policier policiers militaire militaires soldat soldats personnel",
        "trooper troopers firefighter firefighters pompier pompiers paratrooper paratroopers",
    ),
    "protesters": _words(
        "demonstrator demonstrators protester protesters protestor protestors rioter rioters",
        "looter looters manifestant manifestants émeutier émeutiers",
    ),
    "armed_group": _words(
        "militant militants rebel rebels fighter fighters jihadist jihadists insurgent insurgents",
        "gunman gunmen combatant combatants isis daesh mercenary mercenaries terroristes",
        "rebelle rebelles djihadiste djihadistes militia militias militiaman militiamen",
    ),
    "children": _words(
        "child children kid kids infant infants baby babies enfant enfants minor minors girl girls",
        "boy boys",
    ),
    # named sub-populations (C9): kept apart from "people", the group itself stays in `victims`
    "other": _words(
        "woman women medic medics paramedic paramedics doctor doctors nurse nurses journalist",
        "journalists reporter reporters photographer photographers cameraman cameramen teacher",
        "teachers evacuee evacuees aid humanitarian femme femmes médecin médecins infirmier",
        "infirmiers infirmière infirmières journaliste journalistes enseignant enseignants",
    ),
    "civilians": _words(
        "civilian civilians civil civils resident residents habitant habitants citizen citizens",
        "citoyen citoyens",
    ),
    "people": _words(
        "people person persons man men worker workers individual individuals personne",
        "personnes passenger passengers victim victims family families employee employees",
    ),
}
_CLASS_ORDER: tuple[VictimClass, ...] = (
    "security_forces",
    "protesters",
    "armed_group",
    "children",
    "other",
    "civilians",
    "people",
)  # fmt: skip
# more nouns of people, for "seized nine engineers" (the classes above hold the usual ones)
_OCCUPATIONS = _words(
    "member members membre membres villager villagers hostage hostages pilgrim pilgrims student students",
    "guest guests patient patients crew engineer engineers farmer farmers tourist tourists foreigner",
    "foreigners driver drivers contractor contractors sailor sailors official officials diplomat",
    "diplomats staff miner miners labourer labourers laborer laborers shepherd shepherds trader traders",
    "merchant merchants volunteer volunteers priest priests nun nuns monk monks pupil pupils",
    "schoolgirl schoolgirls schoolboy schoolboys relative relatives youth youths",
)
# state-media labels (§A10): an armed group in an armed conflict, protesters in a riot
_LABELS = _words("terrorist terrorists extremist extremists takfiri takfiris")
# pro-government militia and "popular" fighters are security forces (C10)
_ALLIED = re.compile(r"\b(pro-?government|pro-?regime|loyalist|popular)\b")
_ALLIED_UNITS = re.compile(
    r"\b(militia|militias|militiam[ae]n|fighters?|forces?|committees?|mobili[sz]ation|units?|guards?)\b"
)
# words of an armed conflict, as opposed to a riot or a crime (§A10)
_CONFLICT = re.compile(
    r"\b(air ?strikes?|air raids?|shell(?:ing|ed)|rebels?|front ?lines?|warplanes?|artillery|mortars?"
    r"|insurgents?|insurgency|jihadists?|militants?|barrel bombs?|armed groups?|opposition fighters?"
    r"|regime forces|government forces|siege|besieged)\b",
    re.IGNORECASE,
)
_GENERIC = frozenset(
    {"member", "members", "membre", "membres", "number", "group", "dozens", "others", "other"}
)
_SKIP_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
_PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "across", "throughout", "around", "à", "dans", "en", "près"}
)
_PLACE_OF = frozenset({"city", "town", "village", "province", "region", "district", "governorate", "ville"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_OBJECTS = frozenset({"dobj", "obj"})
_QUALIFIER_WORDS = frozenset(w for q in QUALIFIERS for w in q.split())
_NUM_WORD = re.compile(r"^[\d.,\u00a0\u202f]+$")


def victim_class(words: str, armed_conflict: bool = False) -> VictimClass:
    """The class of the people a victims phrase names ("police and security forces employees").

    `armed_conflict` says the story is a war, where "terrorists" are an armed group (§A10).
    """
    tokens = re.findall(r"[\w’'-]+", words.lower())
    tokens += [part for t in tokens if "-" in t for part in t.split("-")]
    text = " ".join(tokens)
    if _ALLIED.search(text) and _ALLIED_UNITS.search(text):
        return "security_forces"
    for cls in _CLASS_ORDER:
        vocabulary = _CLASS_WORDS[cls]
        if any(t in vocabulary for t in tokens) or ("law enforcement" in text and cls == "security_forces"):
            return cls
        if cls == "protesters" and any(t in _LABELS for t in tokens):
            return "armed_group" if armed_conflict else "protesters"
    return "people"  # any other noun ("Syrians", "pilgrims", "persons") names people too


def armed_conflict(text: str, least: int = 2) -> bool:
    """Whether a text speaks of an armed conflict: `least` different words of war (airstrikes, rebels…)."""
    return len({m.group(0).lower().rstrip("s").replace(" ", "") for m in _CONFLICT.finditer(text)}) >= least


def is_person_word(lemma: str) -> bool:
    """Whether a noun (lemma or plural, lower-case) names people: "fighters", "workers", "woman"."""
    return (
        any(lemma in words for words in _CLASS_WORDS.values())
        or lemma in _PERSON_NOUNS | _LABELS | _OCCUPATIONS
        or lemma.endswith(("ists", "ians", "men"))
    )


# --- readings of a word in its parse (spaCy tokens) ---------------------------------------------

_FATAL = frozenset({"fatally", "mortally", "dead", "death"})
_KILLED_OR_HURT = frozenset({"killed", "injured"})


def shot_outcome(verb: Token) -> Measure | None:
    """What "shot" says of the people hit (C17): killed, injured, or only shot; None for "shot at"."""
    for child in verb.children:
        low = child.lower_
        if child.dep_ == "prep" and low == "at" and not any(c.dep_ == "pobj" for c in child.children):
            return None  # "two officers were shot at": fired at, not hit
        if low in _FATAL and abs(child.i - verb.i) <= 2 and child.dep_ != "conj":
            return "killed"  # "fatally shot", "shot dead", "shot to death"
        if child.dep_ == "prep" and low == "to" and any(c.lower_ == "death" for c in child.children):
            return "killed"
        if child.dep_ == "advmod" and re.fullmatch(r"non-?fatally|nonfatally", low):
            return "injured"
        if child.dep_ == "conj" and child.i - verb.i <= 3 and child.pos_ in ("VERB", "ADJ"):
            joined = _VERB_MEASURES.get(child.lemma_.lower()) or _VERB_MEASURES.get(low)
            if joined in _KILLED_OR_HURT:
                return joined  # "shot and killed", "shot and wounded"
    return "shot"


def _word_measure(word: Token) -> Measure | None:
    lemma, low = word.lemma_.lower(), word.lower_
    return (
        _VERB_MEASURES.get(lemma)
        or _VERB_MEASURES.get(low)
        or _NOUN_MEASURES.get(lemma)
        or _NOUN_MEASURES.get(low)
    )


def combined_with(word: Token) -> bool:
    """Whether a killed/injured word is run together with the other one: "killed or injured",
    "killing and wounding", "left 40 dead and wounded", "kills wounds" count both (§A7)."""
    doc = word.doc
    words = [word] + [c for c in word.children if c.dep_ in ("acomp", "oprd", "xcomp", "attr")]
    for one in words:
        for other in doc[max(one.i - 3, 0) : one.i + 4]:
            low, high = sorted((one.i, other.i))
            if other.i == one.i or any(t.pos_ not in ("CCONJ", "PUNCT") for t in doc[low + 1 : high]):
                continue
            if {_word_measure(one), _word_measure(other)} == _KILLED_OR_HURT:
                return True
    return False


def moved_or_taken(verb: Token) -> Measure | None:
    """ "took nine hostage", "driven 300 from their homes", "brought … for treatment" (§A7, C18)."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        words = {t.lemma_.lower() for t in child.subtree}
        if lemma == "take" and child.lemma_.lower() in ("hostage", "captive") and child.dep_ != "nsubj":
            return "kidnapped"
        if child.dep_ != "prep":
            continue
        if (
            child.lower_ in ("from", "out")
            and lemma in ("drive", "force", "chase", "push", "flee", "uproot")
            and words & {"home", "house", "village", "town", "land", "city", "neighbourhood", "neighborhood"}
        ):
            return "displaced"
        if child.lower_ == "for" and words & {"treatment", "care", "injury", "wound", "burn"}:
            return "injured"
    return None


def antecedent(pronoun: Token) -> Token | None:
    """The people a pronoun object stands for: "… wounding dozens of them" -> the protesters before."""
    if pronoun.lower_ not in ("them", "they", "those", "eux", "elles"):
        return None
    for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if token.pos_ in ("NOUN", "PROPN") and is_person_word(token.lower_) and token.lower_ not in _GENERIC:
            return token
    return None
