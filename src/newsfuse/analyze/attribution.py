"""Who a figure is attributed to: "according to X", "X said/reported/announced", "X told Y",
"quoted by", "selon X", reported speech across a quote.

Works on the dependency parse of the sentence (English ClearNLP labels and French UD labels).
`attribution(token)` climbs from the word that states the figure to the sentence root and returns
the first source it finds, as written ("Kessara city authorities", "interior ministry"); None
when the outlet says it in its own voice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.analyze.attribution_frames import claim_by, trailing_speaker
from newsfuse.analyze.number_runs import entity_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "SPEECH_LEMMAS",
    "attribution",
    "attribution_head",
    "names_nobody",
    "source_of_previous",
    "source_phrase",
    "speaker_in",
]

# verbs that introduce what someone says (lemmas, English and French)
SPEECH_LEMMAS = frozenset(
    {
        "say", "report", "announce", "tell", "state", "claim", "confirm", "declare", "add",
        "write", "indicate", "inform", "note", "quote", "cite", "estimate", "put", "give",
        "warn", "explain", "allege", "insist", "acknowledge", "disclose", "reveal", "broadcast",
        "publish", "tweet", "post", "record", "document", "count", "verify", "speak", "accuse", "blame",
        "suggest",
        "dire", "déclarer", "annoncer", "indiquer", "affirmer", "préciser", "rapporter",
        "confirmer", "assurer", "ajouter", "expliquer", "estimer", "raconter", "signaler",
        "faire",
    }
)  # fmt: skip
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "il", "elle", "ils", "elles", "on"})
# words that stand for a report rather than its author: "reports from the police" -> "police"
_CONTAINERS = frozenset(
    {"report", "news", "data", "figure", "statement", "count", "tally", "toll", "source",
     "information", "estimate", "account", "footage", "video", "bilan", "chiffre"}
)  # fmt: skip
# containers that are the figure itself: "according to the latest toll" names nobody
_FIGURE_NOUNS = frozenset(
    {"figure", "count", "tally", "toll", "number", "total", "bilan", "chiffre", "nombre"}
)
_KEEP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "flat", "flat:name", "appos", "nummod"})


def _inner_source(head: Token) -> Token:
    """The author inside a container: "reports from the police" -> police; else `head` itself."""
    if head.lemma_.lower() not in _CONTAINERS:
        return head
    # "a source in <place>" is someone located there, not the place
    openers = ("from", "by", "of", "de", "du", "des") if head.lemma_.lower() == "source" else (
        "from", "by", "of", "in", "de", "du", "des"
    )  # fmt: skip
    for child in head.children:
        if child.dep_ in ("prep", "nmod") and child.lower_ in openers:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            place = objects and child.lower_ == "in" and objects[0].ent_type_ in ("GPE", "LOC", "FAC")
            if objects and not place:  # "reports in Varnok" are from there, not by Varnok (§A11)
                return _inner_source(objects[0])
        if child.dep_ == "nmod" and child.pos_ in ("NOUN", "PROPN"):
            return _inner_source(child)
    return head


def names_nobody(head: Token) -> bool:
    """A bare figure noun ("the latest toll", "ce bilan"), or the figure itself ("the latest toll
    44 civilians", as a line without commas parses it): it names no source."""
    if any(c.dep_ == "nummod" for c in head.children) and any(
        t.lemma_.lower() in _FIGURE_NOUNS for t in head.lefts
    ):
        return True
    return (
        head.lemma_.lower() in _FIGURE_NOUNS
        and _inner_source(head).i == head.i
        and not any(
            c.dep_ in ("poss", "compound", "nmod:poss") and c.pos_ in ("PROPN", "NOUN") for c in head.children
        )
    )


def source_phrase(head: Token) -> str:
    """The name of a source as written, without articles, clauses or trailing phrases."""
    run_on = _run_on_name(head)
    if run_on is not None:  # the parse of a run-on name is not to be trusted beyond its words
        return head.doc[run_on[0] : run_on[1]].text
    inner = _inner_source(head)
    if inner.i != head.i:
        return source_phrase(inner)
    organisation = entity_of(head) if head.ent_type_ == "ORG" else None
    if organisation is not None and len(organisation) > 1:  # "Reporters Without Borders" as a whole
        words = [t for t in organisation if not (t.i == organisation.start and t.lower_ == "the")]
        return " ".join(t.text for t in words)
    keep: list[Token] = []

    def visit(token: Token, top: bool) -> None:
        for child in token.lefts:
            if (
                (child.dep_ in _KEEP_DEPS or (child.dep_ == "det" and not top))
                and child.dep_ != "appos"
                and not (top and child.dep_ == "case")
                and not any(
                    t.like_num for t in child.subtree
                )  # "six people officials": the count is not theirs
            ):
                visit(child, False)
        keep.append(token)
        for child in token.rights:
            if child.dep_ in ("flat", "flat:name", "compound") or (
                child.dep_ == "appos" and child.pos_ == "PROPN"
            ):
                visit(child, False)
            elif child.dep_ == "prep" and child.lower_ in ("of", "for"):  # "spokesman for the ministry"
                keep.append(child)
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        visit(grandchild, False)
            elif child.dep_ == "nmod" and any(c.lower_ in ("de", "du", "des") for c in child.children):
                visit(child, False)
            elif child.dep_ == "case" or (child.dep_ == "det" and not top):
                keep.append(child)

    visit(head, True)
    words = sorted(keep, key=lambda t: t.i)
    # the words must be contiguous around the head: cut at the first gap (a dropped clause)
    ids = {t.i for t in words}
    lo = hi = head.i
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    contiguous = [t for t in words if lo <= t.i <= hi]
    while contiguous and (
        contiguous[0].dep_ in ("det", "case") or contiguous[0].is_punct or contiguous[0].lower_ == "based"
    ):  # "the London-based monitor" cut at the hyphen leaves "based monitor"
        contiguous.pop(0)
    while contiguous and (contiguous[-1].is_punct or contiguous[-1].dep_ in ("case", "cc")):
        contiguous.pop()
    return " ".join(t.text for t in contiguous) if contiguous else head.text


def _according_to(token: Token) -> Token | None:
    """X in "according to X", "selon X", "d'après X", "citing X" among `token`'s dependents.

    "according to the latest toll" names nobody: None.
    """
    found = _according_to_any(token)
    return None if found is None or names_nobody(found) else found


def _according_to_any(token: Token) -> Token | None:
    for child in token.children:
        low = child.lower_
        if low == "according" or child.lemma_ == "accord":
            for to in child.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
        if low == "citing":
            for obj in child.children:
                if obj.dep_ == "dobj":
                    return obj
        if child.dep_ in ("obl", "obl:mod", "nmod") and any(
            c.lower_ in ("selon", "d'après", "d’après") for c in child.children
        ):
            return child
    return None


def _speaker(verb: Token, pronouns: bool = False, anchor: Token | None = None) -> Token | None:
    """The one who speaks, when `verb` is a verb of saying with a subject (passive "X was quoted").

    A pronoun subject ("It said", "he added") is returned only when `pronouns` is set. A subject
    that holds the figure's own word (`anchor`) is a parse that ran the clause into it, not a speaker.
    """
    lemma = verb.lemma_.lower()
    if lemma not in SPEECH_LEMMAS:
        return None
    if lemma == "faire" and not any(c.lower_ in ("état",) for c in verb.children):
        return None
    if lemma == "claim" and any(
        t.lemma_.lower() in ("life", "live") for t in verb.doc[verb.i + 1 : verb.i + 5]
    ):
        return None  # "the attacks claimed the lives of three": a measure, not a claim
    if lemma == "claim" and any(c.lemma_.lower() in ("responsibility", "credit") for c in verb.children):
        return None  # the perpetrator claiming an attack does not give its toll (§A11)
    if lemma in ("speak", "parler") and not any(
        c.lower_ in ("of", "about") and (anchor is None or anchor.i in _subtree_ids(c)) for c in verb.children
    ):
        return None  # "the mayor spoke of 40 dead" states a figure; "the mayor spoke after 40 died" does not
    passive = any(c.dep_ in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass") for c in verb.children)
    if passive and lemma not in ("quote", "cite"):
        return None  # "dozens were reported dead": the subject is what is reported, not who reports
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    holds_figure = bool(subjects) and (
        (anchor is not None and anchor.i in _subtree_ids(subjects[0]))
        or subjects[0].like_num
        or any(c.dep_ == "nummod" for c in subjects[0].children)  # a number phrase speaks not
    )
    if holds_figure:
        subjects = []  # "A strike killed 18 … the monitor said" parsed with "strike" as the subject
        # "… wounded more than 30 people said the agency": the speaker is parsed as the object
        inverted = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "obj", "attr")
            and c.i > verb.i
            and c.pos_ in ("NOUN", "PROPN")
            and not any(t.like_num for t in c.subtree)
        ]
        if inverted and lemma in ("say", "report", "add", "confirm", "announce", "state"):
            return inverted[0]
    if not subjects:
        # French incise: "…, a précisé la maire de la ville" parses the speaker as the object
        before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
        inverted = [
            c for c in verb.children if c.dep_ == "obj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")
        ]
        commas = any(c.is_punct and c.i < verb.i for c in verb.children)
        if inverted and (commas or (before is not None and before.text in (",", "»", "”"))):
            return inverted[0]
        # "… were killed said the statement which …", "… killed in the blast reported the agency":
        # what is said comes first, the speaker is parsed as the object
        said_before = any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children) or (
            verb.dep_ == "conj" and verb.head.i < verb.i
        )
        objects = [
            c
            for c in verb.children
            if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN") and not c.like_num
        ]
        speaks = lemma in ("say", "report", "add", "confirm", "announce", "state")
        if said_before and objects and speaks and _names_source(objects[0]):
            return objects[0]
        # "… were killed said the ministry updating an earlier toll": the speaker opens the clause after
        for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "advcl") and c.i > verb.i):
            subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
            if (
                subject is not None
                and subject.pos_ in ("NOUN", "PROPN")
                and subject.left_edge.i == verb.i + 1
                and clause.tag_ == "VBG"
            ):
                return subject
        return _swallowed_speaker(verb, holds_figure)
    # "Disaster in the harbour: brigade speaks of 14 dead" has two subjects; the one by the verb speaks
    leading = [c for c in subjects if c.i < verb.i]
    subject = leading[-1] if leading else subjects[0]
    if subject.pos_ == "PRON" and subject.lower_ in _PRONOUNS:
        return subject if pronouns else None
    if subject.pos_ in ("NOUN", "PROPN"):
        return subject
    return None


# people counted in a figure, never the first word of a speaker's name
_VICTIM_WORDS = frozenset({"child", "children", "woman", "women", "civilian", "people", "man", "men", "baby"})
# words a speaker's name may hold when the parser ran it into the clause before it
_RUN_ON_NAME = "newsfuse.attribution.run_on_name"  # Doc.user_data key "<this>:<head index>" -> span
_NAME_DEPS = frozenset({"compound", "amod", "flat", "det", "poss", "nmod", "case"})


# common nouns that name who speaks when parsed as the object of "said": "… said the ministry"
_SOURCE_NOUNS = frozenset(
    {"statement", "agency", "ministry", "army", "police", "monitor", "observatory", "official", "spokesman",
     "spokeswoman", "spokesperson", "group", "source", "media", "military", "government", "governor", "mayor",
     "report", "network", "channel", "television", "radio", "committee", "council", "office"}
)  # fmt: skip


def _names_source(noun: Token) -> bool:
    """An object of "said" that can be its speaker: a name, or a noun for an institution."""
    if any(t.like_num for t in noun.subtree):
        return False
    return (
        noun.pos_ == "PROPN"
        or noun.ent_type_ in ("ORG", "PERSON", "NORP")
        or noun.lemma_.lower() in _SOURCE_NOUNS
    )


def _swallowed_speaker(verb: Token, reported_before: bool = False) -> Token | None:
    """The speaker of a finite English verb of saying that lost its subject to the words before it.

    A line without commas ("Nine died in the shelling the monitoring group said") parses the
    speaker's name as part of the clause before the verb. Taken only when the name ends right
    before the verb and the verb is bare: nothing after it but when/where phrases or "quoting X".
    `reported_before`: the words before the verb were parsed as its subject (they are what is said).
    """
    doc = verb.doc
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or verb.dep_ in ("acl", "relcl", "amod"):
        return None
    last = doc[verb.i - 1]
    if last.text == ")" and verb.i >= 4 and doc[verb.i - 3].text == "(":
        last = doc[verb.i - 4]  # "Kestrel Live Network (KLN) reported": the name before its acronym
    if last.pos_ not in ("NOUN", "PROPN") or last.like_num or any(c.dep_ == "nummod" for c in last.children):
        return None
    if any(c.dep_ in ("dobj", "obj", "attr", "dative") for c in verb.children):
        return None  # "… the army said the statement" is some other construction
    ahead = [c for c in verb.children if c.i > verb.i and not c.is_punct]
    reported_after = [
        c for c in ahead if c.dep_ in ("ccomp", "xcomp") and c.lower_ not in ("quoting", "citing")
    ]
    if not all(c.dep_ in ("prep", "npadvmod", "advmod", "ccomp", "xcomp", "advcl") for c in ahead):
        return None
    if (
        not reported_before
        and not reported_after
        and not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)
        and verb.dep_ not in ("advcl", "conj", "ccomp", "parataxis")
    ):
        return None  # nothing is reported, before or after
    # the name: back from the word before the verb while the words hang together
    name = {last.i}
    j = last.i - 1
    while j >= 0:
        word = doc[j]
        joins = (word.head.i in name and word.dep_ in _NAME_DEPS) or any(
            doc[k].head.i == word.i
            and (doc[k].dep_ == "compound" or (doc[k].dep_ in ("pobj", "prep") and _of_for(doc[k], word)))
            for k in name
        )
        of_for = doc[j + 1].lower_ in ("for", "of") and word.pos_ in ("NOUN", "PROPN")
        if (
            not (joins or of_for)
            or word.pos_ in ("NUM", "VERB", "AUX", "PRON", "PUNCT", "CCONJ", "SCONJ")
            or word.ent_type_ in ("DATE", "TIME")  # "… on Monday officials said": the day is no name
            or any(c.dep_ == "nummod" for c in word.children)
        ):
            break
        name.add(j)
        j -= 1
    start = min(name)
    # "explosion NNA correspondent": a common noun run on before a proper name belongs to the clause
    while (
        start < last.i
        and doc[start].pos_ == "NOUN"
        and doc[start].is_lower
        and doc[start + 1].pos_ == "PROPN"
    ):
        start += 1
    while start < last.i and (
        doc[start].pos_ in ("DET", "ADP") or doc[start].lemma_.lower() in _VICTIM_WORDS
    ):
        start += 1  # "… 36 people including children opposition activists said": the children are counted
    # "a blast in Vorlan officials said": the place belongs to the clause, the officials speak
    while (
        start < last.i
        and start > 0
        and doc[start].ent_type_ in ("GPE", "LOC", "FAC")
        and doc[start - 1].lower_ in ("in", "near", "at", "of", "from", "outside")
        and doc[start + 1].ent_iob_ != "I"
    ):
        start += 1
    organisation = entity_of(last) if last.ent_type_ == "ORG" else None
    if organisation is not None and start < organisation.start:
        start = organisation.start  # "the Brann neighborhood of Varnok Kestrel Network": the name only
    head = _name_head(doc[start : last.i + 1])
    doc.user_data[f"{_RUN_ON_NAME}:{head.i}"] = (start, last.i + 1)
    return head


def _run_on_name(head: Token) -> tuple[int, int] | None:
    """The [start, end) tokens of a speaker's name found by `_swallowed_speaker`, if it was."""
    found = head.doc.user_data.get(f"{_RUN_ON_NAME}:{head.i}")
    return found if isinstance(found, tuple) else None


def _of_for(child: Token, head: Token) -> bool:
    """`child` hangs on `head` through "of"/"for": "Observatory for Human Rights"."""
    return (head if child.dep_ == "pobj" else child).lower_ in ("of", "for")


def _name_head(words: Span) -> Token:
    """The word of a run-on name whose own head lies outside it (the name's head)."""
    for word in words:
        if not (words.start <= word.head.i < words.end) or word.head.i == word.i:
            return word
    return words[-1]


def attribution(token: Token, sentence: Span) -> str | None:
    """Who the figure stated at `token` is attributed to, within `sentence`; None = the outlet."""
    head = attribution_head(token, sentence)
    return source_phrase(head) if head is not None else None


def attribution_head(token: Token, sentence: Span, pronouns: bool = False) -> Token | None:
    """The head word of the source the figure at `token` is attributed to, if the sentence names one.

    With `pronouns`, a pronoun speaker ("It said …") is returned when the sentence names no other,
    for the caller to resolve to the speaker of an earlier sentence.
    """
    named = _attribution_head(token, sentence, False)
    return named if named is not None or not pronouns else _attribution_head(token, sentence, True)


def speaker_in(sentence: Span) -> Token | None:
    """The first source the sentence names: "X said", "according to X" (for "It said" after it)."""
    for token in sentence:
        found = _according_to(token)
        if found is not None and found.i in range(sentence.start, sentence.end):
            return found
        speaker = _speaker(token)
        if speaker is not None and speaker.i in range(sentence.start, sentence.end):
            return speaker
    return None


# verbs that hand over a figure someone else stated: "the figure was given/released by X"
_GIVING_LEMMAS = SPEECH_LEMMAS | {
    "provide",
    "release",
    "issue",
    "supply",
    "fournir",
    "donner",
    "communiquer",
    "publier",
}
_BACK_DETS = frozenset(
    {"the", "this", "that", "these", "those", "ce", "cet", "cette", "ces", "le", "la", "les"}
)


def source_of_previous(sentence: Span) -> Token | None:
    """The source a sentence gives for the figure of the sentence before it, if that is all it says.

    "The figure was given by the health ministry." / "The ministry confirmed the toll." /
    « Ce bilan a été communiqué par la préfecture. » A figure noun that points back (a definite or
    demonstrative article, no number of its own), a verb of saying or giving, not negated or
    hedged ("could not be confirmed by …"), and a named source (no pronoun).
    """
    for verb in sentence:
        if verb.lemma_.lower() not in _GIVING_LEMMAS or verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(
            c.dep_ in ("neg", "advmod") and c.lower_ in ("not", "n't", "never", "pas", "jamais", "ne", "n'")
            for c in verb.children
        ) or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            return None
        back = [
            c
            for c in verb.children
            if c.dep_ in ("nsubjpass", "nsubj:pass", "dobj", "obj") and _points_back(c)
        ]
        if not back:
            continue
        if back[0].dep_ in ("nsubjpass", "nsubj:pass"):
            agents = [
                obj
                for c in verb.children
                for obj in ([g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "agent" else [c])
                if obj.pos_ in ("NOUN", "PROPN")
                and (c.dep_ == "agent" or any(g.lower_ == "par" and g.dep_ == "case" for g in c.children))
            ]
            return agents[0] if agents else None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj",) and c.pos_ in ("NOUN", "PROPN")]
        return subjects[0] if subjects else None
    return None


def _points_back(noun: Token) -> bool:
    """ "the figure", "this toll", « ce bilan »: a figure noun that refers to one already stated."""
    return (
        noun.lemma_.lower() in _FIGURE_NOUNS
        and any(c.dep_ == "det" and c.lower_ in _BACK_DETS for c in noun.children)
        and not any(
            c.dep_ == "nummod" or c.like_num or c.dep_ in ("prep", "nmod", "acl", "relcl")
            for c in noun.children
        )
    )


def _attribution_head(token: Token, sentence: Span, pronouns: bool) -> Token | None:
    inside = range(sentence.start, sentence.end)
    own = _subtree_ids(token) if token.dep_ not in ("ROOT",) else {token.i}
    node: Token | None = token
    seen: set[int] = set()
    while node is not None and node.i not in seen and node.i in inside:
        seen.add(node.i)
        # coordinated clauses share their attribution: "353 were injured, and 12 murdered, according to X"
        for clause in [node, *(c for c in node.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]:
            found = _according_to(clause)
            if found is not None and found.i in inside:
                return found
        # "the claim by X that 18 were killed", "after reports in X that … killing one"
        heads = [
            node,
            *(o for m in node.children if m.dep_ == "mark" for o in m.children if o.dep_ == "pobj"),
        ]
        for claimant in (claim_by(h) for h in heads):
            if claimant is not None and claimant.i in inside:
                return claimant
        # the measure verb itself is no verb of saying: "the attacks claimed three lives"
        speaker = _speaker(node, pronouns, token) if node is not token else None
        if speaker is not None and speaker.i in inside and _outside(speaker, own, token):
            return speaker
        if node.head is node:
            break
        node = node.head
    # anywhere else in the sentence: a top-level "according to X" or "X said" (parataxis, quotes)
    for candidate in sentence:
        if candidate.head is candidate or candidate.dep_ in ("parataxis", "ccomp", "advcl", "conj"):
            found = _according_to(candidate)
            if found is not None and found.i in inside and found.i not in own:
                return found
            speaker = _speaker(candidate, pronouns, token)
            if (
                speaker is not None
                and speaker.i in inside
                and _outside(speaker, own, token)
                and candidate.i != token.i
            ):
                return speaker
    told = trailing_speaker(token, sentence, own)
    if told is not None:
        return told
    # "according to X" / "selon X" hung anywhere in the sentence still attributes its figures
    for marker in sentence:
        if marker.lower_ == "according" and marker.i + 1 < sentence.end and marker.nbor().lower_ == "to":
            objects = [c for c in marker.nbor().children if c.dep_ == "pobj"]
            if objects and objects[0].i not in own and not names_nobody(objects[0]):
                return objects[0]
        if (
            marker.lower_ in ("selon", "d'après", "d’après")
            and marker.dep_ == "case"
            and marker.head.i not in own
            and not names_nobody(marker.head)
        ) and marker.head.i in inside:
            return marker.head
    return None


def _outside(speaker: Token, own: set[int], anchor: Token) -> bool:
    """The speaker is not part of the figure's own words (a run-on name may hang under them)."""
    run_on = _run_on_name(speaker)
    if run_on is not None:
        return not run_on[0] <= anchor.i < run_on[1]
    return speaker.i not in own


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}
