"""The words that say what happened to people and who they are, in English and French.

Lemmas (lower-case) for the figures extractor: verbs, adjectives and nouns of each measure
(killed, injured, …) and the words of each victim class (security forces, protesters, …).
"""

from __future__ import annotations

import re
from typing import Literal

from newsfuse.analyze.numbers import QUALIFIERS

Measure = Literal[
    "killed", "injured", "shot", "hospitalized", "intensive_care", "arrested", "missing", "kidnapped",
    "displaced", "evacuated", "other",
]  # fmt: skip
VictimClass = Literal[
    "people", "civilians", "children", "protesters", "security_forces", "armed_group", "other"
]


# verbs and adjectives (lemmas) that say what happened to the people counted
_VERB_MEASURES: dict[str, Measure] = {
    **dict.fromkeys(
        ("kill", "die", "murder", "eliminate", "slay", "execute", "massacre", "perish", "dead",
         "shoot", "behead", "martyr", "tuer", "mourir", "décéder", "périr", "mort", "assassiner", "abattre"),
        "killed",
    ),
    **dict.fromkeys(("injure", "wound", "hurt", "injured", "wounded", "blesser", "blessé"), "injured"),
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
        ("death", "dead", "fatality", "killing", "body", "corpse", "mort", "décès", "tué", "victime",
         "victim", "martyr"),
        "killed",
    ),
    **dict.fromkeys(("injury", "injured", "wounded", "casualty", "blessé", "blessure"), "injured"),
    **dict.fromkeys(("arrest", "detainee", "detention", "arrestation", "interpellation"), "arrested"),
    **dict.fromkeys(("missing", "disparu"), "missing"),
    **dict.fromkeys(("hostage", "abductee", "otage"), "kidnapped"),
    **dict.fromkeys(("evacuee", "évacué"), "evacuated"),
    **dict.fromkeys(("refugee", "displaced", "déplacé", "réfugié"), "displaced"),
}  # fmt: skip
# "of" nouns in "the deaths of 12 soldiers", "the arrest of more than 200 people"
_OF_MEASURES = {
    "death": "killed", "killing": "killed", "murder": "killed", "arrest": "arrested",
    "detention": "arrested", "evacuation": "evacuated", "abduction": "kidnapped",
    "kidnapping": "kidnapped", "displacement": "displaced", "hospitalization": "hospitalized",
    "mort": "killed", "arrestation": "arrested", "évacuation": "evacuated", "life": "killed",
    "injury": "injured", "injuring": "injured", "wounding": "injured", "vie": "killed",
    "blessure": "injured",
}  # fmt: skip
# "claiming two lives", "cost 12 lives": a count of lives taken by these verbs is a death toll
_LIFE_TAKING = frozenset({"claim", "take", "cost", "lose", "coûter", "faire", "perdre"})
# "suffered injuries", "experienced breathing difficulties": harm nouns after a verb of undergoing
_UNDERGO = frozenset({"suffer", "sustain", "experience", "receive", "subir", "souffrir"})
_HARM = frozenset(
    {"injury", "wound", "burn", "suffocation", "asphyxiation", "difficulty", "symptom", "fracture",
     "blessure", "brûlure", "asphyxie", "trouble"}
)  # fmt: skip
# "including four children", "among them a woman", "dont trois enfants": part of a counted group
_INCLUSION = frozenset({"including", "among", "amongst", "parmi", "dont", "notamment", "incluant"})
# nouns for one person that "a"/"an" counts inside a group ("among them a woman")
_PERSON_NOUNS = frozenset(
    {"man", "woman", "child", "boy", "girl", "baby", "person", "civilian", "soldier", "policeman",
     "officer", "journalist", "doctor", "nurse", "infant", "teenager", "student", "worker"}
)  # fmt: skip
_FRACTIONS = frozenset({"quarter", "half", "third", "quart", "moitié", "tiers"})
_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
     "août", "septembre", "octobre", "novembre", "décembre"}
)  # fmt: skip
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
        "extremist extremists terrorist terrorists looter looters manifestant manifestants",
        "émeutier émeutiers",
    ),
    "armed_group": _words(
        "militant militants rebel rebels fighter fighters jihadist jihadists insurgent insurgents",
        "gunman gunmen combatant combatants isis daesh mercenary mercenaries terroristes",
        "rebelle rebelles djihadiste djihadistes",
    ),
    "children": _words(
        "child children kid kids infant infants baby babies enfant enfants minor minors girl girls",
        "boy boys",
    ),
    "civilians": _words("civilian civilians civil civils resident residents habitant habitants"),
    "people": _words(
        "people person persons man men woman women worker workers individual individuals personne",
        "personnes passenger passengers victim victims family families employee employees",
    ),
}
_CLASS_ORDER: tuple[VictimClass, ...] = (
    "security_forces",
    "protesters",
    "armed_group",
    "children",
    "civilians",
    "people",
)  # fmt: skip
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


def victim_class(words: str) -> VictimClass:
    """The class of the people a victims phrase names ("police and security forces employees")."""
    tokens = re.findall(r"[\w’']+", words.lower())
    text = " ".join(tokens)
    for cls in _CLASS_ORDER:
        vocabulary = _CLASS_WORDS[cls]
        if any(t in vocabulary for t in tokens) or ("law enforcement" in text and cls == "security_forces"):
            return cls
    generic = _GENERIC | {"them", "they", "those", "who", "eux", "elles"}
    del generic  # any other noun ("Syrians", "pilgrims", "persons") names people too
    return "people"
