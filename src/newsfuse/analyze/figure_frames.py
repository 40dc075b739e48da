"""Sentence frames around a figure that the measure words alone do not read (FIGURES.md §A1, A3, A8, C5,
C12, C13): toll frames ("the toll reached N", "X put the toll at N"), subsets inside a total ("N X were
among the M killed", "M, N of them children", "including N X"), superseded tolls ("an earlier toll of
N"), the outlet's hedges ("reportedly", "were reported killed") and footage ("a video showed N …").

Each function reads the dependency parse around one number; `figures.py` calls them when its own
measure reading finds nothing, and to set a claim's flags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.analyze.casualty_words import (
    _INCLUSION,
    _NOUN_MEASURES,
    _PLACE_OF,
    _PLACE_PREPS,
    _TOLL,
    _VERB_MEASURES,
    Measure,
)
from newsfuse.analyze.parse import span_ents

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "condition_of",
    "footage_source",
    "frame_measure",
    "in_group",
    "is_back_subset",
    "is_combined",
    "is_hedged",
    "is_subset",
    "is_superseded",
    "of_group",
    "place_near",
    "run_into_speaker",
    "toll_with",
]

# verbs that carry a toll to its figure and say nothing about harm themselves
_TOLL_VERBS = frozenset(
    {"reach", "rise", "hit", "stand", "climb", "jump", "increase", "put", "estimate", "be", "top", "exceed",
     "surpass", "pass", "grow", "soar", "mount", "go", "range", "place"}
)  # fmt: skip
_EARLIER = frozenset({"previous", "earlier", "old", "former", "prior", "initial"})
_PASSIVE = frozenset({"auxpass", "aux:pass", "nsubjpass", "nsubj:pass"})
_HEDGE_ADVERBS = frozenset({"reportedly", "purportedly", "allegedly", "apparently"})
_HEDGE_VERBS = frozenset({"report", "say", "believe", "fear", "think", "feel"})
# footage nouns -> the name the claim is attributed to (C13)
_FOOTAGE = {
    "video": "video",
    "footage": "video",
    "clip": "video",
    "image": "images",
    "photograph": "photographs",
    "photo": "photographs",
    "picture": "photographs",
}
_SHOW_VERBS = frozenset({"show", "depict", "feature", "capture", "reveal", "appear"})
# words that take a subgroup out of the counted ones: "six of them", "four of the dead"
_BACK_WORDS = frozenset({"them", "those", "whom", "these", "which"})


def _ancestors(token: Token, limit: int = 4) -> list[Token]:
    out: list[Token] = []
    node = token
    while node.head.i != node.i and len(out) < limit:
        node = node.head
        out.append(node)
    return out


def _is_toll(noun: Token) -> bool:
    """ "toll", "tally", or "the number/count of dead": not "a number of shops"."""
    low = noun.lemma_.lower()
    if low not in _TOLL or noun.pos_ != "NOUN":
        return False
    return low not in ("number", "count") or any(
        c.lemma_.lower() in _NOUN_MEASURES or c.lemma_.lower() in ("death", "casualty") for c in noun.subtree
    )


def _toll_child(verb: Token) -> Token | None:
    return next((c for c in verb.children if _is_toll(c) and c.dep_ in ("nsubj", "nsubjpass", "dobj")), None)


def toll_of(counted: Token, sentence: Span) -> Token | None:
    """The toll noun a figure states ("the death toll reached 40", "put the toll at 44", "Death toll
    from X at least 30", "… has risen to 70" after "toll" earlier in the sentence), if any."""
    for node in (counted, *_ancestors(counted)):
        if _is_toll(node):
            return node  # verbless: "Death toll from the blast at least 30"
        if node.pos_ in ("VERB", "AUX"):
            if node.lemma_.lower() not in _TOLL_VERBS:
                return None
            toll = _toll_child(node)
            if toll is not None:
                return toll
            earlier = [t for t in sentence if t.i < counted.i and _is_toll(t)]
            return earlier[-1] if earlier and node.lemma_.lower() != "be" else None
    return None


def toll_with(root: Token, sentence: Span) -> tuple[Measure, Token] | None:
    """ "the (previous) death toll was N with M others injured": N is the toll, though the parse hangs
    it on the "with" phrase after it."""
    doc = root.doc
    if root.dep_ != "quantmod" or root.i + 1 >= sentence.end or doc[root.i + 1].lower_ != "with":
        return None
    verb = doc[root.i - 1] if root.i > sentence.start else None
    if verb is None or verb.lemma_.lower() not in _TOLL_VERBS:
        return None
    toll = _toll_child(verb)
    if toll is None:
        return None
    from newsfuse.analyze.figure_measures import _toll_measure  # the measure words are vocab's

    return _toll_measure(toll), toll


def _among_measure(counted: Token) -> tuple[Measure, Token] | None:
    """ "N X (and M Y) were among the M killed", "among the dead were N X": the group's measure."""
    while counted.dep_ == "conj" and counted.head.pos_ in ("NOUN", "PROPN", "NUM"):
        counted = counted.head
    if counted.dep_ not in ("nsubj", "nsubjpass", "attr"):
        return None
    for prep in counted.head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("among", "amongst"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for word in (obj, *obj.children):
                low = word.lemma_.lower()
                if word.dep_ in ("acl", "amod", "relcl", "pobj") and low in _VERB_MEASURES:
                    return _VERB_MEASURES[low], word
                if word.dep_ in ("acl", "amod", "pobj") and low in _NOUN_MEASURES:
                    return _NOUN_MEASURES[low], word
    return None


def _clause_measure(token: Token) -> tuple[Measure, Token] | None:
    """The measure verb (or adjective) of the clause a token hangs in: "killed M people including N X"."""
    for node in [token, *_ancestors(token)]:
        if node.pos_ in ("VERB", "ADJ", "AUX"):
            low = node.lemma_.lower()
            if low in _VERB_MEASURES:
                return _VERB_MEASURES[low], node
            if node.lower_ in _VERB_MEASURES:
                return _VERB_MEASURES[node.lower_], node
            for child in node.children:  # "were dead including five women"
                if child.dep_ in ("acomp", "oprd") and child.lower_ in _VERB_MEASURES:
                    return _VERB_MEASURES[child.lower_], child
            return _left_measure(node)
    return None


def _left_measure(verb: Token) -> tuple[Measure, Token] | None:
    """ "leaving N X (- including M Y -) dead": the state the people are left in, wherever the parse
    hung it after the object (on the verb, or on the clause the verb modifies)."""
    if verb.lemma_.lower() != "leave":
        return None
    for node in (verb, *_ancestors(verb, 2)):
        for word in node.children:
            measure = _VERB_MEASURES.get(word.lower_) or _VERB_MEASURES.get(word.lemma_.lower())
            state = ("advcl", "oprd", "xcomp", "acomp", "ccomp", "advmod")  # "dead" misread as an adverb
            if word.i > verb.i and word.dep_ in state and measure:
                return measure, word
    return None


def frame_measure(counted: Token, root: Token, sentence: Span) -> tuple[Measure, Token] | None:
    """What a figure counts when only its frame says it: a toll, "among the killed", "including",
    "N of them", "the victims included N X", "M … said <src>" (the count run into the speaker)."""
    toll = toll_of(counted, sentence) if counted.pos_ in ("NUM", "NOUN", "PROPN") else None
    if toll is not None:
        from newsfuse.analyze.figure_measures import _toll_measure  # the measure words are vocab's

        return _toll_measure(toll), toll
    found = _among_measure(counted)
    if found is not None:
        return found
    head = counted.head
    # "including N X" hung on the verb or a predicate adjective
    if counted.dep_ == "pobj" and head.lower_ in ("including", "among", "amongst"):
        return _clause_measure(head.head)
    # "… among them N X", "… including N X" run on after the total
    if _after_inclusion(counted):
        return _clause_measure(counted.head) or _total_measure(counted)
    # "M, N of them children": the number with "of them" hangs anywhere under the measure clause
    if is_back_subset(root):
        return _back_measure(root)
    # "the victims included N X", "the dead include N X"
    if counted.dep_ in ("dobj", "attr") and head.lemma_.lower() == "include":
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lemma_.lower() in _NOUN_MEASURES:
            return _NOUN_MEASURES[subject.lemma_.lower()], subject
        if subject is not None and subject.lemma_.lower() in ("victim", "casualty"):
            return "killed", subject
        if subject is not None:  # "those killed included N X"
            for child in subject.children:
                low = child.lemma_.lower()
                if child.dep_ == "acl" and low in _VERB_MEASURES:
                    return _VERB_MEASURES[low], child
    # "the attack <src> says killed 18 civilians was condemned": the object cut off from its verb
    left = counted.doc[counted.left_edge.i - 1] if counted.left_edge.i > sentence.start else None
    if (
        left is not None
        and left.pos_ == "VERB"
        and left.lemma_.lower() in _VERB_MEASURES
        and counted.dep_ in ("nsubj", "nsubjpass")
        and not any(c.dep_ in ("dobj", "obj") for c in left.children)
    ):
        return _VERB_MEASURES[left.lemma_.lower()], left
    # "leaving N X dead"
    if counted.dep_ == "dobj" and head.lemma_.lower() == "leave":
        return _left_measure(head)
    # "killing six people officials said": the counted noun run into the speaker
    if counted.dep_ in ("compound", "nmod") and counted.head.dep_ == "nsubj":
        verbs = [
            t for t in sentence if t.i < root.i and t.pos_ == "VERB" and t.lemma_.lower() in _VERB_MEASURES
        ]
        return (_VERB_MEASURES[verbs[-1].lemma_.lower()], verbs[-1]) if verbs else None
    # "… wounded more than N people said <src>": the count parsed as the subject of "said"
    if counted.dep_ in ("nsubj",) and head.lemma_.lower() in ("say", "report", "tell", "add"):
        before = [c for c in head.children if c.dep_ == "ccomp" and c.i < counted.i]
        if before and not any(c.dep_ in ("dobj",) for c in before[-1].children):
            return _clause_measure(before[-1])
    return None


def _after_inclusion(counted: Token) -> bool:
    """The counted phrase follows "among them" / "including" with no parse link to it."""
    return _inclusion_word(counted) is not None


def _inclusion_word(counted: Token) -> Token | None:
    """The "among" of "among them" or the "including" a counted phrase (or a list of them) follows."""
    doc, start = counted.doc, counted.left_edge.i
    while start > 2 and doc[start - 1].pos_ in ("NOUN", "CCONJ", "PUNCT") and doc[start - 1].lower_ != "-":
        item = start - 1 if doc[start - 1].pos_ == "NOUN" else start - 2  # "including 9 X 5 Y and 2 Z"
        if doc[item].pos_ != "NOUN" or not doc[item - 1].like_num:
            break
        start = item - 1
    before = [t.lower_ for t in doc[max(start - 2, 0) : start]]
    if before[-2:] in (["among", "them"], ["amongst", "them"]):
        return doc[start - 2]
    return doc[start - 1] if before[-1:] == ["including"] and counted.head.lower_ != "including" else None


def _total_measure(counted: Token) -> tuple[Measure, Token] | None:
    """The measure word a total ends on before "among them" / "including": "a toll of 36 dead among them"."""
    word = _inclusion_word(counted)
    total = word.nbor(-1) if word is not None and word.i > 0 else None
    if total is not None and total.is_punct and total.i > 0:
        total = total.nbor(-1)  # "36 dead, among them …"
    if total is None:
        return None
    measure = _VERB_MEASURES.get(total.lower_) or _NOUN_MEASURES.get(total.lemma_.lower())
    return (measure, total) if measure else None


def _back_measure(root: Token) -> tuple[Measure, Token] | None:
    """The measure of the group "N of them / of the dead" takes part of: the "of" noun, the clause,
    else the last measure verb before it in the sentence ("killed 1102 people … 234 of them were …")."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _NOUN_MEASURES:
                    return _NOUN_MEASURES[obj.lemma_.lower()], obj
    found = _clause_measure(root)
    if found is not None:
        return found
    sentence = root.sent
    verbs = [t for t in sentence if t.i < root.i and t.pos_ == "VERB" and t.lemma_.lower() in _VERB_MEASURES]
    return (_VERB_MEASURES[verbs[-1].lemma_.lower()], verbs[-1]) if verbs else None


def run_into_speaker(root: Token, counted: Token) -> Token | None:
    """The counted noun when a line without commas ran it into the speaker after it: "killing six
    people officials said" parses "people" as a modifier of "officials" (§A5)."""
    noun = root.head
    speaker = counted
    if noun.i == counted.i or noun.dep_ not in ("compound", "nmod") or noun.head.i != speaker.i:
        return None
    verb = speaker.head
    if speaker.dep_ == "nsubj" and verb.lemma_.lower() in ("say", "report", "tell", "add", "confirm"):
        return noun
    return None


def is_back_subset(root: Token) -> bool:
    """ "six of them", "four of the dead": a number that takes a part of a group already counted."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                the = any(d.lower_ == "the" for d in obj.children)
                if obj.dep_ == "pobj" and (obj.lower_ in _BACK_WORDS or (the and _group_measure(obj))):
                    return True
    return False


def _group_measure(noun: Token) -> Measure | None:
    """The measure a group noun names: "the dead", "the wounded", "the injured"."""
    return (
        _NOUN_MEASURES.get(noun.lemma_.lower())
        or _NOUN_MEASURES.get(noun.lower_)
        or _VERB_MEASURES.get(noun.lower_)
    )


def of_group(root: Token) -> tuple[Measure, Token] | None:
    """The measure of the group in "N of the wounded/dead" (the noun after "of the")."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                found = _group_measure(obj)
                if obj.dep_ == "pobj" and found:
                    return found, obj
    return None


def condition_of(anchor: Token) -> str | None:
    """ "in critical condition", "in intensive care" said of a subset of the wounded (C4)."""
    for node in (anchor, *anchor.children):
        if node.dep_ == "prep" and node.lower_ in ("in", "on"):
            return " ".join(t.text for t in node.subtree)
    return None


def is_subset(counted: Token, root: Token) -> bool:
    """The figure is part of a total stated beside it (§A1): among, including, "of them", a list member."""
    if _among_measure(counted) is not None or _after_inclusion(counted):
        return True
    head = counted.head
    if counted.dep_ == "pobj" and head.lower_ in ("including", "among", "amongst"):
        return True
    if counted.dep_ in ("dobj", "attr") and head.lemma_.lower() == "include":
        return True
    return is_back_subset(root)


def is_superseded(anchor: Token, root: Token) -> bool:
    """ "the previous death toll was N", "updating an earlier toll of N" (C5)."""
    tolls = [t for t in (anchor, *_ancestors(root)) if t.lemma_.lower() in _TOLL]
    tolls += [c for t in _ancestors(root, 2) for c in t.children if c.lemma_.lower() in _TOLL]
    return any(c.dep_ == "amod" and c.lower_ in _EARLIER for t in tolls for c in t.children)


def is_hedged(anchor: Token, root: Token) -> bool:
    """The outlet hedges the killing or wounding itself: "reportedly killed", "were reported killed",
    "are said to have been killed" (C12); the caller checks that no source is named. A hedge on
    something else ("the four people who were killed are believed to be …") is not one."""
    for node in (anchor, root):
        if any(c.dep_ == "advmod" and c.lower_ in _HEDGE_ADVERBS for c in node.children):
            return True
    passive = any(c.dep_ in _PASSIVE for c in anchor.children)
    if anchor.lemma_.lower() in _HEDGE_VERBS and passive:
        return True  # "were reported dead": the measure is the verb's complement
    hedge = anchor.head
    return (
        anchor.dep_ in ("xcomp", "ccomp", "oprd", "acomp")
        and hedge.lemma_.lower() in _HEDGE_VERBS
        and any(c.dep_ in _PASSIVE for c in hedge.children)
    )


def footage_source(root: Token) -> str | None:
    """ "a video showed the bodies of N", "images showed N wounded": the footage the figure is seen in."""
    for node in _ancestors(root, 5):
        if node.lemma_.lower() in _SHOW_VERBS and node.pos_ == "VERB":
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in _FOOTAGE:
                    return _FOOTAGE[child.lemma_.lower()]
            return None
    return None


def is_combined(anchor: Token, measure: Measure) -> bool:
    """ "N killed and injured", "killing and wounding N": two measures share one count."""
    for other in [c for c in anchor.children if c.dep_ == "conj"] + (
        [anchor.head] if anchor.dep_ == "conj" else []
    ):
        found = _VERB_MEASURES.get(other.lower_) or _VERB_MEASURES.get(other.lemma_.lower())
        own = any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "nummod") for c in other.children)
        if found is not None and found != measure and not own and other.pos_ in ("VERB", "ADJ"):
            return other.i == anchor.i + 2 or anchor.i == other.i + 2  # "killed and injured" side by side
    return False


def place_near(anchor: Token, sentence: Span, exclude: set[int]) -> str | None:
    """A place named in "in X" beside the figure: first in the figure's clause, then in the sentence."""

    def places(tokens: list[Token]) -> str | None:
        for ent in span_ents(sentence):  # `sentence.ents` would walk the whole Doc per figure
            if ent.label_ not in ("GPE", "LOC", "FAC", "LIEU") and ent.label_ != "LOC":
                continue
            root = ent.root
            if root.i in exclude or root.i not in {t.i for t in tokens}:
                continue
            head = root.head
            if root.dep_ in ("pobj", "obl", "nmod") and (
                head.lower_ in _PLACE_PREPS or any(c.lower_ in _PLACE_PREPS for c in root.children)
            ):
                return _name_of(ent)
            if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS and root.dep_ in ("compound", "poss"):
                return _name_of(ent)
            if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _PLACE_OF:
                return _name_of(ent)
        return None

    clause = anchor
    while clause.dep_ in ("conj", "acl", "relcl", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    return places(list(clause.subtree)) or places(list(sentence))


def _name_of(ent: Span) -> str:
    """A place entity's name without a count the tagger ran into it ("Tessel 9")."""
    words = [t for t in ent if not t.like_num]
    return " ".join(t.text for t in words) if words else ent.text


def in_group(noun: Token) -> bool:
    """The noun names part of a counted group: "including four children", "among them a woman"."""
    root = noun
    while root.dep_ == "conj" and root.head.pos_ in ("NOUN", "PROPN", "NUM"):
        root = root.head
    doc = noun.doc
    before = {t.lower_ for t in doc[max(root.left_edge.i - 3, 0) : root.left_edge.i]}
    # "a woman among them" names a member; "three persons among them a woman" names the total
    tail = doc[noun.i + 1 : noun.i + 4]
    member = (
        len(tail) >= 2
        and tail[0].lower_ in _INCLUSION
        and tail[1].pos_ == "PRON"
        and (len(tail) < 3 or tail[2].pos_ not in ("DET", "NUM", "NOUN", "PROPN", "ADJ"))
    )
    # "three soldiers and a medic", "twelve were killed and a medic critically wounded": a list member
    single = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    counted_head = (
        single
        and noun.dep_ == "conj"
        and any(  # "three soldiers and a medic"; not "a 17-year-old boy … and a man"
            c.dep_ == "nummod" and c.i + 1 < len(doc) and doc[c.i + 1].text not in ("-", "year")
            for c in noun.head.children
        )
    )
    clause = noun.head
    counted_clause = (
        single
        and noun.dep_ in ("nsubj", "nsubjpass")
        and clause.dep_ == "conj"
        and any(
            c.dep_ in ("nsubj", "nsubjpass")
            and any(g.dep_ == "nummod" and doc[g.i + 1].text not in ("-", "year") for g in c.children)
            for c in clause.head.children
        )
    )
    among = single and _among_measure(noun) is not None  # "among the dead were a child and …"
    return bool(before & _INCLUSION) or member or counted_head or counted_clause or among
