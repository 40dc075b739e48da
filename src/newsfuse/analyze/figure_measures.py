"""What happened to the people a number counts, read from the parse around it (FIGURES.md §A7, §A9,
C7, C17, C18): the counted noun, and the verb, adjective or noun that gives the measure.

Split from figures.py, which calls `_counted` and `_measure` for every number of a sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsfuse.analyze.casualty_words import (
    _AGENT_VERBS,
    _CARE_VERBS,
    _FRACTIONS,
    _GENERIC,
    _HARM,
    _INCLUSION,
    _LIFE_TAKING,
    _NOT_PEOPLE,
    _NOUN_MEASURES,
    _OBJECTS,
    _OF_MEASURES,
    _PEOPLE_OBJECT_VERBS,
    _STATUS_MEASURES,
    _STATUS_NOUNS,
    _SUBJECTS,
    _SUSPECTS,
    _TOLL,
    _TREAT,
    _UNDERGO,
    _VERB_MEASURES,
    Measure,
    antecedent,
    combined_with,
    is_person_word,
    moved_or_taken,
    shot_outcome,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def _counted(root: Token) -> tuple[Token, Token | None]:
    """(the counted word, the noun naming the victims if written): "dozens of demonstrators"."""
    noun = root
    if root.dep_ in (
        "nummod",
        "quantmod",
        "compound",
        "nmod",
        "amod",
        "det",
        "npadvmod",
    ) and root.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "PRON"):
        noun = root.head
        after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
        if (
            after is not None
            and after.pos_ in ("NOUN", "PROPN")
            and (
                (root.i > noun.i and after.head.i != root.i)  # "Kills 4 Children 2 Women": 2 hung on Children
                or (after.i < noun.i and any(t.like_num for t in root.doc[after.i + 1 : noun.i]))
            )
        ):
            return after, after  # "5 Soldiers 3 Civilians Killed": each count has its own noun
        # "Three hundred and fifty-three police and security forces employees": police -> employees
        while (
            noun.dep_ in ("nmod", "compound")
            and noun.head.pos_ in ("NOUN", "PROPN")
            and noun.head.i > noun.i
            and not any(t.like_num for t in noun.doc[noun.i + 1 : noun.head.i])  # "5 Soldiers 3 Civilians"
        ):
            noun = noun.head
    of_object = _of_object(noun)
    if of_object is not None and (noun is root or noun.lower_ in _GENERIC or noun.lemma_.lower() in _GENERIC):
        return noun, antecedent(of_object) or of_object  # "dozens of them": the people named before
    if (
        noun is root
        or noun.lower_ in _GENERIC
        or noun.lemma_.lower() in ("other", "more")
        or noun.lower_ == "shot"
    ):
        return noun, None  # "353 others wounded", "four shot": the victims are unsaid
    held = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
    if noun.lemma_.lower() in ("hostage", "captive") and held:
        return noun, held[-1]  # "took nine workers hostage": the workers
    return noun, noun


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
        if (
            child.dep_ == "nmod"
            and child.pos_ in ("NOUN", "PROPN")
            and any(c.lower_ in ("de", "d'", "d’") for c in child.children)
        ):
            return child
    return None


def _measure_of_verb(verb: Token) -> Measure | None:
    lemma = verb.lemma_.lower()
    if lemma == "shoot" or (verb.lower_ == "shot" and verb.pos_ in ("VERB", "ADJ")):
        return shot_outcome(verb)  # C17: hit, outcome unstated unless a word states it
    direct = _VERB_MEASURES.get(lemma) or _VERB_MEASURES.get(verb.lower_)
    if direct is not None:
        fatal = any(c.lower_ in ("fatally", "mortally") for c in verb.children)
        return "killed" if direct == "injured" and fatal else direct
    moved = moved_or_taken(verb)
    if moved is not None:
        return moved
    # "were reported dead", "are in intensive care", "remain missing", "lost their lives"
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "xcomp", "attr", "ccomp", "advcl") and child.i > verb.i:
            low = child.lemma_.lower()
            if low == "shoot":  # "were reported shot"
                return shot_outcome(child)
            if low in _VERB_MEASURES and (child.dep_ != "advcl" or child.tag_ == "VBN"):
                return _VERB_MEASURES[low]
            if child.lower_ in _VERB_MEASURES:
                return _VERB_MEASURES[child.lower_]
        if child.dep_ in ("prep", "obl") and child.lower_ in ("in", "to", "en", "à"):
            inside = " ".join(t.lower_ for t in child.subtree)
            if "intensive care" in inside or "critical condition" in inside or "réanimation" in inside:
                return "intensive_care"
            if re.search(r"\b(hospital|hôpital)\b", inside) and lemma in (
                "be",
                "remain",
                "être",
                "admit",
                "take",
                "bring",
                "rush",
                "transport",
                "transfer",
            ):
                return "hospitalized"
        if lemma in ("lose", "perdre") and child.dep_ in _OBJECTS and child.lemma_.lower() in ("life", "vie"):
            return "killed"
        if lemma == "take" and child.dep_ == "prep" and "custody" in {t.lower_ for t in child.subtree}:
            return "arrested"
        if lemma in _UNDERGO and child.dep_ in _OBJECTS and child.lemma_.lower() in _HARM:
            return "injured"  # "suffered suffocation", "experienced breathing difficulties"
        # "three children were among the dead", "trois enfants figurent parmi les morts"
        if child.dep_ == "prep" and child.lower_ in ("among", "amongst"):
            dead = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ in ("obl", "obl:mod") and any(c.lower_ == "parmi" for c in child.children):
            dead = child
        else:
            dead = None
        if dead is not None and dead.lemma_.lower() in _NOUN_MEASURES:
            return _NOUN_MEASURES[dead.lemma_.lower()]
    return "injured" if lemma in _TREAT else None  # "were treated for burns" (C7), care unstated


def _measure(counted: Token, root: Token) -> tuple[Measure, Token] | None:
    """What happened to the counted people, and the word that says it."""
    counted_of = _of_object(counted)
    if any(w is not None and w.lemma_.lower() in _NOT_PEOPLE | {"shots"} for w in (counted, counted_of)) or (
        counted.lower_ in _NOT_PEOPLE
    ):
        return None  # "30 rockets", "the evacuation of four towns": no people counted (§A9)
    verb = counted.head
    if counted.dep_ == "nsubj" and verb.lemma_.lower() in _AGENT_VERBS and any(_victim_object(verb)):
        return None  # "one officer shot the boy", "two gunmen killed three villagers": the attackers
    if root.lower_ == "one" and root.i > 0 and root.nbor(-1).lower_ == "no":
        return None  # "no one was killed": a zero, read by zero_figures
    after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if after is not None and after.lower_ in ("fatally", "mortally"):
        return "killed", after  # "four shot, two fatally"
    found = _measure_after(counted, root, counted_of) or _measured(counted, root)
    lemma = counted.lemma_.lower()
    if found is None and counted.dep_ in ("nmod", "compound") and counted.head.i > counted.i:
        nxt = counted.head  # "5 Soldiers 3 Civilians Killed": the next count's measure is shared
        if nxt.pos_ in ("NOUN", "PROPN") and any(t.like_num for t in counted.doc[counted.i + 1 : nxt.i]):
            return _measure(nxt, nxt)
    if found is None and lemma in _STATUS_MEASURES:
        return _STATUS_MEASURES[lemma], counted  # "200 refugees arrived": the status is all it says
    if found is None and counted.dep_ in _OBJECTS and is_person_word(counted.lower_):
        measure = _PEOPLE_OBJECT_VERBS.get(verb.lemma_.lower())
        found = (measure, verb) if measure is not None else None  # "lost 14 fighters", "seized four"
    if found is None and lemma in ("victim", "victime") and verb.lemma_.lower() in _CARE_VERBS:
        return "injured", verb  # "received 40 victims"
    if found is not None and found[0] == "displaced" and _getaway(counted, found[1]):
        return None  # "two suspects fled the scene": a getaway, not people displaced
    if found is not None and found[0] in ("killed", "injured") and combined_with(found[1]):
        return "other", found[1]  # "killed or injured", "killing and wounding": both counted together
    return found


def _getaway(counted: Token, verb: Token) -> bool:
    """Whether "fled" tells of suspects getting away: "fled the scene", "fled on foot", "gunmen fled"."""
    if verb.lemma_.lower() not in ("flee", "fuir"):
        return False
    words = {t.lower_ for c in verb.children if c.dep_ in ("dobj", "prep", "advmod") for t in c.subtree}
    return (
        bool(words & {"scene", "foot", "vehicle", "car", "police", "officers"})
        or counted.lemma_.lower() in _SUSPECTS
    )


def _victim_object(verb: Token) -> list[Token]:
    """The people a harm verb is done to, as its noun object ("shot the boy"); not "others injured"."""
    return [
        c
        for c in verb.children
        if c.dep_ in _OBJECTS
        and c.i > verb.i
        and c.pos_ in ("NOUN", "PROPN", "PRON")
        and c.lower_ not in _GENERIC
        and c.lemma_.lower() not in _EVENT_NOUNS
        and not any(m.dep_ in ("acl", "amod") and _measure_of_verb(m) for m in c.children)
    ]


# what happened, not to whom: the object of a headline's run-on verb ("3 Hurt … Shooting")
_EVENT_NOUNS = frozenset(
    {"shooting", "attack", "blast", "explosion", "crash", "fire", "incident", "stabbing", "bombing",
     "raid", "strike", "clash", "accident", "collision", "violence", "riot", "fighting", "battle"}
)  # fmt: skip


_ALONG = frozenset({"along", "together"})
_ATTEMPTS = frozenset({"try", "attempt", "seek", "want", "plan", "hope", "essayer", "tenter", "chercher"})


def _measure_after(counted: Token, root: Token, counted_of: Token | None) -> tuple[Measure, Token] | None:
    """The participle or adjective right after the counted people: "4 people dead 11 injured" (§A7)."""
    doc = root.doc
    if any(w is not None and w.lemma_.lower() in ("life", "vie") for w in (counted, counted_of)):
        return None  # "claimed hundreds of lives wounded many others": the lives say it
    end = max(root.i, counted.i, counted_of.i if counted_of is not None else 0) + 1
    word = doc[end] if end < len(doc) else None
    if word is None or word.pos_ not in ("VERB", "ADJ") or word.tag_ not in ("VBN", "VBD", "JJ"):
        return None
    if end + 1 < len(doc) and doc[end + 1].pos_ in ("NOUN", "PROPN") and word.tag_ == "JJ":
        return None  # "4 injured people": the people are counted later
    if any(c.dep_ in _OBJECTS and c.i > word.i for c in word.children):
        return None  # "killed 12 people wounded 30 others": the next clause's own verb
    found = _measure_of_verb(word)
    return (found, word) if found is not None and found != "other" else None


def _measured(counted: Token, root: Token) -> tuple[Measure, Token] | None:
    """The measure the parse gives around the counted word, before the checks of `_measure`."""
    group = counted
    while group.dep_ == "conj" and group.head.pos_ in ("NOUN", "PROPN"):
        group = group.head
    if group.dep_ == "pobj" and group.head.lower_ in _INCLUSION and group.head.head.pos_ in ("NOUN", "PROPN"):
        # "23 civilians including nine children were killed": the group's measure
        return _measure(group.head.head, group.head.head)
    if group.dep_ == "pobj" and group.head.lower_ == "of" and group.head.head.lower_ in _FRACTIONS:
        return _measure(group.head.head, root)  # "a quarter of a million people were killed"
    if counted.lemma_.lower() in ("life", "vie") and counted.head.lemma_.lower() in _LIFE_TAKING:
        return "killed", counted.head  # "claiming two lives"
    if (
        counted.lemma_.lower() in ("life", "vie")
        and counted.head.lower_ in ("of", "de")
        and counted.head.head.lemma_.lower() in _LIFE_TAKING
    ):
        return "killed", counted.head.head  # "at the cost of 12 lives"
    of_object = _of_object(counted)
    taker = counted.doc[counted.left_edge.i - 1] if counted.left_edge.i > 0 else counted
    if (
        of_object is not None
        and of_object.lemma_.lower() in ("life", "vie")
        and taker.lemma_.lower() in _LIFE_TAKING
    ):
        return "killed", taker  # "claimed hundreds of lives wounded many others"
    if of_object is not None and of_object.lemma_.lower() in _NOUN_MEASURES:  # "dozens of deaths"
        return _NOUN_MEASURES[of_object.lemma_.lower()], of_object
    for word in (counted, root):
        if word.lemma_.lower() in _STATUS_NOUNS:
            continue  # "80 evacuees were killed": the verb says it; `_measure` falls back on the noun
        if word.lower_ == "shot" and word.pos_ == "NOUN" and word is not root:
            return shot_outcome(word) or "shot", word  # "four shot" (a noun in the parse)
        if (
            word.lemma_.lower() in _NOUN_MEASURES
            and word.pos_ in ("NOUN", "ADJ", "PROPN", "VERB")
            and word is not root
        ):
            return _NOUN_MEASURES[word.lemma_.lower()], word
        if word.lower_ in _NOUN_MEASURES and word is not root:
            return _NOUN_MEASURES[word.lower_], word
    if counted.pos_ == "NUM":  # "eleven of them in intensive care"
        found = _measure_of_verb(counted)
        if found:
            return found, counted
    # modifiers of the counted noun: "people killed", "Tens demonstrators killed", "353 others wounded"
    for child in counted.children:
        if child.dep_ in ("acl", "amod", "relcl", "acl:relcl") and child.pos_ in ("VERB", "ADJ"):
            if child.dep_ == "acl" and any(c.dep_ in _OBJECTS for c in child.children):
                continue  # "killed 12 people wounded 30 others": a clause of its own, not a modifier
            if child.dep_ == "acl" and child.lemma_.lower() in _ATTEMPTS:
                continue  # "60 civilians trying to flee": an attempt, not what happened to them
            found = _measure_of_verb(child)
            if found:
                return found, child
    head = counted.head
    if (
        counted.dep_ in _SUBJECTS | _OBJECTS | {"conj", "appos", "ROOT", "attr", "obl:agent"}
        or counted.dep_ == "nsubj:pass"
    ):
        verb = head if counted.dep_ != "ROOT" else counted
        if counted.dep_ in ("conj", "appos"):  # "12 police officers and 3 soldiers were killed"
            while verb.dep_ in ("conj", "appos") and verb.pos_ in ("NOUN", "PROPN", "NUM"):
                verb = verb.head
            verb = verb.head if verb.dep_ in _SUBJECTS | _OBJECTS else verb
        found = _measure_of_verb(verb)
        if found:
            return found, verb
        for child in verb.children:
            if (
                child.dep_ == "conj"
                and child.pos_ in ("VERB", "ADJ")
                and not any(c.dep_ in _SUBJECTS for c in child.children)
            ):  # "were killed and injured" shares its subject with the first verb only if unsaid
                continue
    if counted.dep_ in ("conj",) and counted.pos_ in ("VERB", "ADJ"):  # "… and 317 injured"
        found = _measure_of_verb(counted)
        if found:
            return found, counted
    # "the arrest of more than 200 people", "the toll rose to 14", "death toll of 14"
    if counted.dep_ in ("pobj", "nmod") and head.lower_ in ("of", "to", "at", "de"):
        owner = head.head
        lemma = owner.lemma_.lower()
        if lemma in _OF_MEASURES:
            return _OF_MEASURES[lemma], owner  # type: ignore[return-value]
        toll = (
            owner if lemma in _TOLL else next((c for c in owner.children if c.lemma_.lower() in _TOLL), None)
        )
        if toll is not None:
            return _toll_measure(toll), toll
    # a qualifier misread as a preposition: "killed up to a hundred civilians", "killed over 50"
    if (
        counted.dep_ == "pobj"
        and head.lower_ in ("to", "than", "over", "about", "around", "of")
        and head.head.pos_ == "VERB"
    ):
        found = _measure_of_verb(head.head)
        if found and head.head.i < counted.i:
            return found, head.head
    # a passive measure verb with no subject: the parser hung the counted noun elsewhere
    verb = head.head if counted.dep_ == "pobj" else head
    if (
        counted.i < verb.i
        and verb.pos_ == "VERB"
        and not any(c.dep_ in _SUBJECTS for c in verb.children)
        and any(c.dep_ in ("auxpass", "aux:pass") for c in verb.children)
    ):
        found = _measure_of_verb(verb)
        if found:
            return found, verb
    if counted.dep_ == "nmod" and head.lemma_.lower() in _OF_MEASURES:
        return _OF_MEASURES[head.lemma_.lower()], head  # type: ignore[return-value]
    if counted.dep_ == "attr" and any(
        c.lemma_.lower() in _TOLL for c in head.children if c.dep_ in _SUBJECTS
    ):
        toll = next(c for c in head.children if c.dep_ in _SUBJECTS)
        return _toll_measure(toll), toll
    # a bare number whose own head says it: "62 are in intensive care" is handled above;
    # "More than a thousand injured" (a headline) parses the number as the participle's subject
    if root.dep_ in ("nummod", "npadvmod", "nsubj") and root.head.pos_ in ("VERB", "ADJ"):
        found = _measure_of_verb(root.head)
        if found:
            return found, root.head
    stranded = _stranded_verb(counted)
    if stranded is not None:
        return stranded
    if counted.dep_ == "pobj" and head.lower_ == "with" and head.i > 0 and head.nbor(-1).lower_ in _ALONG:
        partner = head.head  # "22 children were killed along with six teachers": the partner's measure
        if partner.pos_ in ("VERB", "ADJ"):
            found = _measure_of_verb(partner)
            return (found, partner) if found else None
        if partner.pos_ in ("NOUN", "PROPN"):
            return _measure(partner, next((c for c in partner.children if c.dep_ == "nummod"), partner))
    if group is not counted and counted.dep_ == "conj":  # "the lives of 120 soldiers and 110 rebels"
        if group.lemma_.lower() in _NOUN_MEASURES:  # "the killing of N X including A Y B Z": Z hung on it
            return _NOUN_MEASURES[group.lemma_.lower()], group
        number = next((c for c in group.children if c.dep_ == "nummod"), None)
        return _measured(group, number) if number is not None else None  # only a counted first conjunct
    return None


def _stranded_verb(counted: Token) -> tuple[Measure, Token] | None:
    """ "… along with 119 were kidnapped", "estimates suggesting 400 may have died": the count is the
    subject of the auxiliaries and measure verb right after it, though the parse hung it elsewhere."""
    doc = counted.doc
    i = counted.right_edge.i + 1
    start = i
    while i < len(doc) and doc[i].dep_ in ("aux", "auxpass", "aux:pass", "neg") and doc[i].lower_ != "to":
        i += 1
    if i == start or i >= len(doc) or doc[i].pos_ != "VERB" or doc[i].tag_ not in ("VBN", "VBD"):
        return None
    if any(c.dep_ in ("neg",) for c in doc[i].children) or any(doc[j].dep_ == "neg" for j in range(start, i)):
        return None
    verb = doc[i]
    found = _VERB_MEASURES.get(verb.lemma_.lower()) or _VERB_MEASURES.get(verb.lower_)  # the verb itself
    return (found, verb) if found and found != "other" else None


def _toll_measure(toll: Token) -> Measure:
    words = {t.lemma_.lower() for t in toll.subtree} | {t.lemma_.lower() for t in toll.children}
    if words & {"injury", "injured", "wounded", "injure", "wound", "blessé", "blesser", "hurt"}:
        return "injured"
    return "killed"
