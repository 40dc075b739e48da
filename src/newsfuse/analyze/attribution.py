"""Who a figure is attributed to: "according to X", "X said/reported/announced", "X told Y",
"quoted by", "selon X", reported speech across a quote.

Works on the dependency parse of the sentence (English ClearNLP labels and French UD labels).
`attribution(token)` climbs from the word that states the figure to the sentence root and returns
the first source it finds, as written ("Kessara city authorities", "interior ministry"); None
when the outlet says it in its own voice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["SPEECH_LEMMAS", "attribution", "attribution_head", "source_phrase", "speaker_in"]

# verbs that introduce what someone says (lemmas, English and French)
SPEECH_LEMMAS = frozenset(
    {
        "say", "report", "announce", "tell", "state", "claim", "confirm", "declare", "add",
        "write", "indicate", "inform", "note", "quote", "cite", "estimate", "put", "give",
        "warn", "explain", "allege", "insist", "acknowledge", "disclose", "reveal", "broadcast",
        "publish", "tweet", "post", "record", "document", "count", "verify",
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
_KEEP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "flat", "flat:name", "appos", "nummod"})


def source_phrase(head: Token) -> str:
    """The name of a source as written, without articles, clauses or trailing phrases."""
    for child in head.children:
        if (
            head.lemma_.lower() in _CONTAINERS
            and child.dep_ in ("prep", "nmod")
            and child.lower_ in ("from", "by", "of", "in", "de", "du", "des")
        ):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return source_phrase(objects[0])
        if head.lemma_.lower() in _CONTAINERS and child.dep_ == "nmod" and child.pos_ in ("NOUN", "PROPN"):
            return source_phrase(child)
    keep: list[Token] = []

    def visit(token: Token, top: bool) -> None:
        for child in token.lefts:
            if (
                (child.dep_ in _KEEP_DEPS or (child.dep_ == "det" and not top))
                and child.dep_ != "appos"
                and not (top and child.dep_ == "case")
            ):
                visit(child, False)
        keep.append(token)
        for child in token.rights:
            if child.dep_ in ("flat", "flat:name", "compound") or (
                child.dep_ == "appos" and child.pos_ == "PROPN"
            ):
                visit(child, False)
            elif child.dep_ == "prep" and child.lower_ == "of":
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
    while contiguous and (contiguous[0].dep_ in ("det", "case") or contiguous[0].is_punct):
        contiguous.pop(0)
    while contiguous and (contiguous[-1].is_punct or contiguous[-1].dep_ in ("case", "cc")):
        contiguous.pop()
    return " ".join(t.text for t in contiguous) if contiguous else head.text


def _according_to(token: Token) -> Token | None:
    """X in "according to X", "selon X", "d'après X", "citing X" among `token`'s dependents."""
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


def _speaker(verb: Token, pronouns: bool = False) -> Token | None:
    """The one who speaks, when `verb` is a verb of saying with a subject (passive "X was quoted").

    A pronoun subject ("It said", "he added") is returned only when `pronouns` is set.
    """
    if verb.lemma_.lower() not in SPEECH_LEMMAS:
        return None
    if verb.lemma_.lower() == "faire" and not any(c.lower_ in ("état",) for c in verb.children):
        return None
    passive = any(c.dep_ in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass") for c in verb.children)
    if passive and verb.lemma_.lower() not in ("quote", "cite"):
        return None  # "dozens were reported dead": the subject is what is reported, not who reports
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if not subjects:
        # French incise: "…, a précisé la maire de la ville" parses the speaker as the object
        before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
        inverted = [
            c for c in verb.children if c.dep_ == "obj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")
        ]
        commas = any(c.is_punct and c.i < verb.i for c in verb.children)
        if inverted and (commas or (before is not None and before.text in (",", "»", "”"))):
            return inverted[0]
        return None
    subject = subjects[0]
    if subject.pos_ == "PRON" and subject.lower_ in _PRONOUNS:
        return subject if pronouns else None
    if subject.pos_ in ("NOUN", "PROPN"):
        return subject
    return None


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
        # the measure verb itself is no verb of saying: "the attacks claimed three lives"
        speaker = _speaker(node, pronouns) if node is not token else None
        if speaker is not None and speaker.i in inside and speaker.i not in own:
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
            speaker = _speaker(candidate, pronouns)
            if (
                speaker is not None
                and speaker.i in inside
                and speaker.i not in own
                and candidate.i != token.i
            ):
                return speaker
    # "according to X" / "selon X" hung anywhere in the sentence still attributes its figures
    for marker in sentence:
        if marker.lower_ == "according" and marker.i + 1 < sentence.end and marker.nbor().lower_ == "to":
            objects = [c for c in marker.nbor().children if c.dep_ == "pobj"]
            if objects and objects[0].i not in own:
                return objects[0]
        if (
            marker.lower_ in ("selon", "d'après", "d’après")
            and marker.dep_ == "case"
            and marker.head.i not in own
        ) and marker.head.i in inside:
            return marker.head
    return None


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}
