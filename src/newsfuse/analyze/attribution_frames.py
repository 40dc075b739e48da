"""Attribution frames beyond "X said": the claim by X, a speaker run on at the end of a sentence, the
named subject a relative clause's pronoun stands for (C14), and a generic source description resolved
to the organisation the article named (C11). Used by `attribution.py` and `figures.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["antecedent", "claim_by", "resolve_generic", "trailing_speaker"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
_CLAIM_NOUNS = frozenset({"claim", "allegation", "assertion", "statement", "report", "estimate", "account"})
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose", "where", "when"})


def claim_by(node: Token) -> Token | None:
    """X in "the claim by X that …", "X's claim that …" (§A11)."""
    if node.pos_ != "NOUN" or node.lemma_.lower() not in _CLAIM_NOUNS:
        return None
    # "the claim by X", "reports in the local media that …", "reports from activists that …"
    openers = ("by", "in", "from") if node.lemma_.lower() in ("report", "account") else ("by",)
    for child in node.children:
        if child.dep_ == "prep" and child.lower_ in openers:
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
        if child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
            return child
    return None


def trailing_speaker(token: Token, sentence: Span, own: set[int]) -> Token | None:
    """A speaker run on after the figure with no comma: "… killed 12 people the governor told Radio X",
    parsed as a relative clause of the figure's noun (a relative clause has no "that/which" here), or
    "… the observatory reported on Thursday" parsed as a participle of its last noun."""
    for verb in sentence:
        head = verb.head
        if (
            verb.i > token.i
            and verb.dep_ == "acl"
            and verb.lemma_.lower() in ("say", "report", "add", "confirm")
            and head.i == verb.i - 1
            and head.pos_ in ("NOUN", "PROPN")
            and head.i not in own
            and all(c.dep_ in ("prep", "npadvmod", "punct") for c in verb.children)
            and (head.pos_ == "PROPN" or any(c.dep_ == "det" for c in head.children))
        ):
            return head
        if (
            verb.i <= token.i
            or verb.dep_ not in ("relcl", "acl", "advcl")
            or verb.lemma_.lower() not in ("say", "tell", "report", "add", "confirm")
            or any(c.lower_ in _RELATIVES for c in verb.children)
        ):
            continue
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if (
            subject is not None
            and subject.pos_ in ("NOUN", "PROPN")
            and subject.i not in own
            and not any(t.like_num for t in subject.subtree)
        ):
            return subject
    return None


def antecedent(pronoun: Token) -> Token | None:
    """The named subject of the clause a pronoun speaker sits in: "X blames Y for the attack which it
    says killed N" -> X (C14: the speaker's voice); None when the sentence names none."""
    relative = pronoun.head.dep_ in ("relcl", "acl")
    for node in _ancestors_of(pronoun.head):
        if relative:
            for child in node.children:
                if (
                    child.dep_ in _SUBJECTS
                    and child.pos_ in ("NOUN", "PROPN")
                    and child.i < pronoun.i
                    and not any(c.dep_ == "nummod" for c in child.children)
                ):
                    return child
        relative = relative or node.dep_ in ("relcl", "acl")
    return None


def _ancestors_of(token: Token) -> list[Token]:
    out: list[Token] = []
    node = token
    while node.head.i != node.i and len(out) < 6:
        node = node.head
        out.append(node)
    return out


# heads of generic descriptions of an organisation: "the monitor", "the Britain-based group" (C11)
_GENERIC_SOURCES = frozenset(
    {"monitor", "group", "observatory", "organisation", "organization", "watchdog", "ngo", "agency",
     "body", "network", "charity", "outfit"}
)  # fmt: skip


# words that make a cited name an organisation's ("Kestrel Observatory", "Media Center"), not people's
_ORGANISATION_WORDS = _GENERIC_SOURCES | {
    "committee", "committees", "center", "centre", "council", "commission", "ministry", "office",
    "directorate", "institute", "foundation", "watch", "coalition", "union", "federation", "association",
    "service",
}  # fmt: skip


def resolve_generic(source: str, organisations: list[str], sources: list[str]) -> str | None:
    """The organisation a generic source description stands for (C11): the last organisation named
    earlier in the article whose name holds the description's head word ("the agency" -> "Kestrel
    News Agency"), else the last organisation named earlier that the article already cited as a source.
    None when `source` is a name, or when the article names no such organisation (kept as written)."""
    words = source.split()
    if not words or words[-1].lower() not in _GENERIC_SOURCES:
        return None
    if any(w[:1].isupper() and not w.endswith("-based") and "-" not in w for w in words):
        return None  # a name already: "Kestrel Monitoring Group"
    head = words[-1].lower()
    organisations = [o for o in organisations if o.lower() not in _GENERIC_SOURCES]  # a bare "Monitor" tag
    holding = [o for o in organisations if head in o.lower().split()]
    if holding:
        return holding[-1]
    cited = [
        o
        for o in organisations
        if any(o in s or s in o for s in sources) and {w.lower() for w in o.split()} & _ORGANISATION_WORDS
    ]
    return cited[-1] if cited else None
