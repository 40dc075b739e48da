"""Figures about people affected, read from the dependency parse: "353 police … were injured, and
twelve were murdered" is two claims about the same victims.

For every number in a sentence (digits, words, "dozens", "a hundred", "au moins 14") the parse
gives the noun it counts (the victims, or a measure noun such as "deaths", "blessés"), and the verb,
adjective or noun that says what happened to them (killed, injured, hospitalized, arrested, …).
A number with no such measure is not a figure about people affected and is left out. Victims left
unsaid ("and twelve were murdered", "353 others wounded") are those of the coordinated clause.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsfuse.analyze.attribution import (
    attribution_head,
    source_of_previous,
    source_phrase,
    speaker_in,
)
from newsfuse.analyze.attribution_frames import antecedent
from newsfuse.analyze.casualty_words import (
    _FRACTIONS,
    _GENERIC,
    _HARM,
    _INCLUSION,
    _LIFE_TAKING,
    _MONTHS,
    _NOUN_MEASURES,
    _NUM_WORD,
    _OBJECTS,
    _OF_MEASURES,
    _PERSON_NOUNS,
    _QUALIFIER_WORDS,
    _SKIP_ENTS,
    _SUBJECTS,
    _TOLL,
    _UNDERGO,
    _VERB_MEASURES,
    Measure,
    VictimClass,
    victim_class,
)
from newsfuse.analyze.figure_context import enumerated, figures_in_title, named_generics, quoted_speakers
from newsfuse.analyze.figure_frames import (
    condition_of,
    footage_source,
    frame_measure,
    is_back_subset,
    is_combined,
    is_hedged,
    is_subset,
    is_superseded,
    of_group,
    place_near,
    run_into_speaker,
    toll_with,
)
from newsfuse.analyze.figure_frames import (
    in_group as _in_group,
)
from newsfuse.analyze.figure_lines import sentence_parses
from newsfuse.analyze.numbers import QUALIFIERS, VAGUE, Count, parse_count
from newsfuse.models import AnalyzedArticle

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["FigureClaim", "Measure", "VictimClass", "extract_figures", "figures_in_title", "victim_class"]


@dataclass(frozen=True)
class FigureClaim:
    """One count of people affected, as one sentence of one article states it."""

    measure: Measure
    victims: str
    victim_class: VictimClass
    count: Count
    place: str | None
    attributed_to: str | None
    sentence: tuple[int, int]  # [start, end) of the sentence in the article text
    number: tuple[int, int]  # [start, end) of the number phrase
    partial: bool  # "the two soldiers", "among the dead": part of a toll, not a total
    hedged: bool = False  # "reportedly", "were reported killed" in the outlet's own voice (C12)
    superseded: bool = False  # "updating an earlier toll of N", "the previous toll was N" (C5)


def _is_number(token: Token) -> bool:
    low = token.lower_
    if token.ent_type_ in _SKIP_ENTS and low not in VAGUE:
        return False
    if low in VAGUE and low not in ("several", "plusieurs", "few", "score"):
        return True
    if low in ("hundred", "thousand", "million", "cent", "mille", "millions"):
        return True
    if _is_month(token.doc, token.i - 1) or _is_month(token.doc, token.i + 1):
        return False  # "12 November 2016", "Sat Nov 12": a day of the month
    if re.fullmatch(r"(19|20)\d\d", low) or (
        low.isdigit() and len(low) >= 4 and token.i > 0 and token.nbor(-1).lower_ == "url"
    ):
        return False  # a year, or a page counter
    if token.like_num and not re.match(r"^\d+(st|nd|rd|th|e|er|ème)$", low):
        return not (
            _NUM_WORD.match(low) and ("." in low and low.count(".") == 1 and len(low.split(".")[1]) != 3)
        )
    return False


def _is_month(doc: Doc, i: int) -> bool:
    if not 0 <= i < len(doc):
        return False
    word = doc[i]
    return word.lower_.rstrip(".") in _MONTHS and word.text[:1].isupper()


def _single_in_group(token: Token) -> bool:
    """ "a woman" in "killing three persons, among them a woman" / "including a child": one person."""
    if token.lower_ not in ("a", "an", "une", "un") or token.dep_ != "det":
        return False
    noun = token.head
    if noun.pos_ != "NOUN" or noun.i < token.i or noun.lemma_.lower() not in _PERSON_NOUNS:
        return False
    return _in_group(noun)


def _number_runs(span: Span) -> list[list[Token]]:
    """Maximal runs of number words ("Three hundred and fifty-three", "4 000", "a thousand")."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in span:
        joiner = token.lower_ in ("and", "et", "-") and current and current[-1].lower_ not in VAGUE
        if _is_number(token) or (joiner and token.i + 1 < span.end and _is_number(token.doc[token.i + 1])):
            current.append(token)
            continue
        if not current and _single_in_group(token):
            runs.append([token])
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _phrase_start(run: list[Token], span: Span) -> int:
    """Index of the first token of the number phrase: its qualifier ("at least", "more than")."""
    doc = run[0].doc
    first = run[0].i
    # "a hundred", "a thousand", "one dozen"
    if (
        first - 1 >= span.start
        and doc[first - 1].lower_ in ("a", "an", "une", "un")
        and (
            run[0].lower_
            in ("hundred", "thousand", "million", "dozen", "centaine", "dizaine", "millier", "cent", "mille")
        )
    ):
        first -= 1
    if first - 1 >= span.start and doc[first - 1].lower_ in ("several", "plusieurs", "many", "few"):
        first -= 1
    # "a quarter of a million", "half a million"
    ahead = [t.lower_ for t in doc[max(first - 4, span.start) : first]]
    scale = run[0].lower_ in ("hundred", "thousand", "million", "cent", "mille")
    for size in (4, 3, 2, 1):
        if scale and len(ahead) >= size and ahead[-size] in _FRACTIONS:
            first -= size
            if first - 1 >= span.start and doc[first - 1].lower_ in ("a", "an", "one", "un", "une", "la"):
                first -= 1
            break
    before = doc[span.start : first].text.lower().replace("’", "'")
    for qualifier in QUALIFIERS:
        if before.endswith(qualifier) and (
            len(before) == len(qualifier) or not before[-len(qualifier) - 1].isalpha()
        ):
            words = len(qualifier.replace("'", "' ").split())
            start = first
            while words and start > span.start:
                start -= 1
                if not doc[start].is_punct:
                    words -= 1
            return start
    return first


def _root_of(run: list[Token]) -> Token:
    """The token of the run that the rest of the sentence hangs on."""
    ids = {t.i for t in run}
    for token in run:
        if token.head.i not in ids or token.head is token:
            return token
    return run[-1]


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
        # "Three hundred and fifty-three police and security forces employees": police -> employees
        while (
            noun.dep_ in ("nmod", "compound") and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i
        ):
            noun = noun.head
    of_object = _of_object(noun)
    if of_object is not None and (noun is root or noun.lower_ in _GENERIC or noun.lemma_.lower() in _GENERIC):
        return noun, of_object
    if noun is root or noun.lower_ in _GENERIC or noun.lemma_.lower() in ("other", "more"):
        return noun, None
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
    if lemma in _VERB_MEASURES:
        return _VERB_MEASURES[lemma]
    if verb.lower_ in _VERB_MEASURES:
        return _VERB_MEASURES[verb.lower_]
    # "were reported dead", "are in intensive care", "remain missing", "lost their lives"
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "xcomp", "attr", "ccomp", "advcl") and child.i > verb.i:
            low = child.lemma_.lower()
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
    return None


def _measure(counted: Token, root: Token) -> tuple[Measure, Token] | None:
    """What happened to the counted people, and the word that says it."""
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
    of_object = _of_object(counted)
    if of_object is not None and of_object.lemma_.lower() in _NOUN_MEASURES:  # "dozens of deaths"
        return _NOUN_MEASURES[of_object.lemma_.lower()], of_object
    for word in (counted, root):
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
            found = _measure_of_verb(child)
            if found:
                return found, child
    head = counted.head
    if (
        counted.dep_ in _SUBJECTS | _OBJECTS | {"conj", "appos", "ROOT", "attr", "obl:agent"}
        or counted.dep_ == "nsubj:pass"
    ):
        verb = head if counted.dep_ != "ROOT" else counted
        if counted.dep_ == "conj":  # "12 police officers and 3 soldiers were killed"
            while verb.dep_ == "conj" and verb.pos_ in ("NOUN", "PROPN", "NUM"):
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
    return None


def _toll_measure(toll: Token) -> Measure:
    words = {t.lemma_.lower() for t in toll.subtree} | {t.lemma_.lower() for t in toll.children}
    if words & {"injury", "injured", "wounded", "injure", "wound", "blessé", "blesser", "hurt"}:
        return "injured"
    return "killed"


def _elided_victims(verb: Token) -> Token | None:
    """The victims of a coordinated clause: "353 police … were injured, and twelve were murdered"."""
    other = verb.head if verb.dep_ == "conj" else None
    candidates = [other] if other is not None else []
    candidates += [c for c in verb.children if c.dep_ == "conj"]
    for clause in candidates:
        # the affected of an active verb are its object: "the attack killed four civilians and
        # wounded three others" (the attack is the attacker, §A10); of a passive one, its subject
        measured = clause.lemma_.lower() in _VERB_MEASURES
        objects = [c for c in clause.children if c.dep_ in _OBJECTS] if measured else []
        affected = objects or [c for c in clause.children if c.dep_ in _SUBJECTS]
        for child in affected:
            if child.pos_ in ("NOUN", "PROPN", "NUM"):
                noun = child
                if noun.lower_ in _GENERIC or noun.pos_ == "NUM":
                    inner = _of_object(noun)
                    if inner is None:
                        continue
                    return inner
                return noun
    return None


def _victims_text(noun: Token, skip: set[int]) -> str:
    """The victims phrase as written, without the number, its qualifier or the articles."""
    words = [
        t
        for t in noun.subtree
        if t.i not in skip and t.i <= noun.i and t.dep_ not in ("det", "punct", "quantmod", "predet")
    ]
    words = [t for t in words if t.i >= min((w.i for w in words), default=noun.i)]
    # keep the contiguous part ending at the noun
    phrase: list[Token] = []
    for t in reversed(words):
        if phrase and t.i != phrase[-1].i - 1:
            break
        phrase.append(t)
    phrase.reverse()
    while phrase and (
        _is_number(phrase[0])
        or phrase[0].lower_ in ("and", "et", "-", "of", "de", "them", "those")
        or phrase[0].is_punct
        or phrase[0].lower_ in _QUALIFIER_WORDS
    ):
        phrase.pop(0)
    # "members of the security forces": the "of" phrase names them
    text = " ".join(t.text for t in phrase) if phrase else noun.text
    of_object = _of_object(noun)
    if of_object is not None and noun.lemma_.lower() in _GENERIC | {"member", "membre"}:
        inner = [t for t in of_object.subtree if t.dep_ not in ("punct",) and t.i >= of_object.left_edge.i]
        text += " " + noun.doc[noun.i + 1 : inner[-1].i + 1].text if inner else ""
    return text.strip("“”\"'« »\u00a0 ")  # noqa: B005 - a set of quote marks, not a suffix


def extract_figures(analyzed: AnalyzedArticle) -> list[FigureClaim]:
    """Every count of people affected in one article, in text order."""
    doc = analyzed.doc
    if doc is None or not doc.has_annotation("DEP"):
        return []
    language = analyzed.article.language
    found: list[FigureClaim] = []
    last_speaker: str | None = None  # "It said …", "he added …" refer to the latest named source
    previous: list[int] = []  # indexes in `found` of the last sentence's claims
    sentences = list(analyzed.sentences)
    if (
        len(sentences) > 1
        and "\n" not in doc.text[sentences[0][0] : sentences[1][0]]
        and not doc.text[sentences[0][0] : sentences[0][1]].rstrip().endswith((".", "!", "?"))
    ):
        sentences[:2] = [(sentences[0][0], sentences[1][1])]  # a headline with no full stop: one top line
    top = {start for start, _ in sentences[:1]}  # a headline runs into the lead there (§A2)
    for start, end in sentences:
        claims_before = len(found)
        for span, offset, tag in sentence_parses(doc, start, end, language, top=start in top):
            runs = _number_runs(span)
            claims = [_claim(r, span, (start, end), offset, language, last_speaker) for r in runs]
            here = [_tagged(c, tag) for c in claims if c is not None]
            here += enumerated(
                span, runs, here, functools.partial(_count_of, span=span, language=language), offset
            )
            found.extend(sorted(here, key=lambda c: c.number))
            named = speaker_in(span)
            last_speaker = source_phrase(named) if named is not None else last_speaker
            # "The toll rose to 40. The figure was given by the ministry."
            given = source_of_previous(span) if len(found) == claims_before else None
            if given is not None:
                who = source_phrase(given)
                found = [
                    replace(f, attributed_to=f.attributed_to or who) if n in previous else f
                    for n, f in enumerate(found)
                ]
        previous = list(range(claims_before, len(found)))
    return named_generics(quoted_speakers(found, doc, sentences), doc)


def _tagged(claim: FigureClaim, tag: str | None) -> FigureClaim:
    """A headline figure in no other voice takes the headline's source tag, not as its victims."""
    if tag is None or claim.attributed_to is not None:
        return claim
    victims = claim.victims.split(f" {tag}")[0] if f" {tag}" in claim.victims else claim.victims
    return replace(claim, attributed_to=tag, victims=victims, victim_class=victim_class(victims))


def _count_of(run: list[Token], span: Span, language: str) -> tuple[Count, int, int] | None:
    """The count a number run states, with the [start, end) characters of its phrase in `span`'s doc."""
    doc = span.doc
    first = _phrase_start(run, span)
    start, end = doc[first].idx, run[-1].idx + len(run[-1].text)
    count = parse_count(doc.text[start:end], language)
    return (count, start, end) if count is not None else None


def _claim(
    run: list[Token],
    span: Span,
    sentence: tuple[int, int],
    offset: int,
    language: str,
    last_speaker: str | None = None,
) -> FigureClaim | None:
    doc = span.doc
    first = _phrase_start(run, span)
    phrase = doc.text[doc[first].idx : run[-1].idx + len(run[-1].text)]
    count = parse_count(phrase, language)
    if count is None:
        return None
    root = _root_of(run)
    if root.ent_type_ in _SKIP_ENTS or (
        root.i + 1 < len(doc) and doc[root.i + 1].lower_ in ("%", "percent", "per")
    ):
        return None
    counted, victims_noun = _counted(root)
    ran_on = run_into_speaker(root, counted)  # "killing six people officials said"
    if ran_on is not None:
        counted = victims_noun = ran_on
    toll = toll_with(root, span)  # "the previous death toll was 25 with 40 others injured"
    if toll is not None:
        counted, victims_noun = root, None
    measured = toll or _measure(counted, root) or frame_measure(counted, root, span)
    if measured is None:
        return None
    measure, anchor = measured
    group = of_group(root) if measure in ("intensive_care", "hospitalized") else None
    condition = condition_of(anchor) if group is not None and group[0] == "injured" else None
    if condition is not None:  # "four of the wounded were in critical condition" (C4): injured, a part
        measure = "injured"
    if is_combined(anchor, measure):
        return None  # "48 killed and injured": no single measure (§A7 combined counts, left out)
    skip = {t.i for t in run} | set(range(first, run[0].i))
    if (
        counted.dep_ == "appos" and counted.pos_ == "NUM" and counted.head.pos_ in ("NOUN", "PROPN")
    ):  # "86 people…, eleven of them"
        victims_noun = counted.head
    if victims_noun is None or victims_noun.lemma_.lower() in _NOUN_MEASURES:
        elided = _elided_victims(anchor) if victims_noun is None else None
        victims_noun = elided if elided is not None else _of_object(counted)
    if is_back_subset(root):  # "six of them children", "four of the dead were women"
        victims_noun = next(
            (t for t in (root.head, *root.head.children) if t.dep_ in ("attr", "npadvmod")), None
        )
    if victims_noun is not None and (
        victims_noun.ent_type_ in _SKIP_ENTS
        or _is_month(doc, victims_noun.i)
        or victims_noun.lemma_.lower() in _TOLL
    ):
        victims_noun = None  # "Tue Oct 3 2017 At least 45 killed": a dateline, not the victims
    if victims_noun is not None and victims_noun.lemma_.lower() not in _NOUN_MEASURES:
        victims = _victims_text(victims_noun, skip)
    else:
        victims = "people"
    total = counted.dep_ == "pobj" and counted.head.lower_ in ("among", "amongst")  # "among the 20 killed"
    partial = not total and (
        any(t.lower_ in ("the", "these", "those", "les", "ces") and t.i < run[0].i for t in counted.children)
        or any(  # "two soldiers among the dead"; "27 people among them four children" is the total
            t.lower_ in ("among", "parmi") and not any(o.pos_ == "PRON" for o in t.children)
            for t in counted.children
        )
        or _in_group(counted)
        or is_subset(counted, root)
    )
    exclude = {t.i for t in victims_noun.subtree} if victims_noun is not None else set()
    source = attribution_head(anchor, span, pronouns=True)
    if source is not None:
        exclude |= {t.i for t in source.subtree}
    if source is not None and source.pos_ == "PRON":
        named = antecedent(source)  # "X blames Y for the attack which it says killed N"
        # "It said three children were among the dead": the latest named source
        attributed_to = source_phrase(named) if named is not None else last_speaker
    else:
        attributed_to = source_phrase(source) if source is not None else None
    footage = footage_source(root) if attributed_to is None else None
    if condition is not None and group is not None:
        victims = f"{group[1].text} {condition}"  # the condition kept in the victims (C4)
    if attributed_to and victims.endswith(" " + attributed_to):  # "two women SANA news agency reported"
        victims = victims[: -len(attributed_to) - 1]
    return FigureClaim(
        measure=measure,
        victims=victims,
        victim_class=victim_class(victims),
        count=count,
        place=place_near(anchor, span, exclude),
        attributed_to=attributed_to or footage,
        sentence=sentence,
        number=(doc[first].idx + offset, run[-1].idx + len(run[-1].text) + offset),
        partial=partial,
        hedged=attributed_to is None and footage is None and is_hedged(anchor, root),
        superseded=is_superseded(anchor, root),
    )
