"""The data that flows between stages, and the Brief.

Stages pass small frozen dataclasses: `RawArticle` (what ingest read) -> `Article` (cleaned, with
every removal recorded) -> `AnalyzedArticle` (sentences). The `Brief` is a pydantic model because
it is the public contract: its JSON Schema is generated from it (BRIEF_SCHEMA.md, schema_version 1).
Fields beyond the contract are additions, never renames.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsfuse.measures import Measure, VictimClass

if TYPE_CHECKING:
    from spacy.tokens import Doc

SCHEMA_VERSION: Literal["1"] = "1"

Reason = Literal["boilerplate", "duplicate", "caption", "navigation", "other"]
PublishedFrom = Literal["metadata", "text", "inferred"]
InputFormat = Literal["text", "markdown", "html", "json"]


@dataclass(frozen=True)
class Removal:
    """A piece of an article's text that cleaning removed, and why."""

    text: str
    reason: Reason
    rule: str  # the rule that fired, e.g. "language-switcher", "repeated-paragraph"


_SURROGATE = re.compile("[\ud800-\udfff]")


def display_safe(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD, so that it can be written as UTF-8.

    Lone surrogates come from JSON escapes ("\\ud800") and from file names that are not UTF-8
    (Python carries their bytes as surrogates); SQLite, the JSON writers and hashing refuse them.
    """
    if text.isascii() or not _SURROGATE.search(text):  # isascii() reads a flag: no scan
        return text
    return _SURROGATE.sub("\ufffd", text)


@dataclass(frozen=True)
class RawArticle:
    """One article as read from its input, before any cleaning.

    Every text field is made display-safe on construction (`display_safe`): whatever a reader
    read, nothing downstream ever meets a lone surrogate.
    """

    text: str  # plain text, one paragraph per line
    path: str | None  # as given by the user; "-" for standard input
    record: int | None = None  # 1-based line (JSONL) or item (JSON array) in a multi-article file
    fmt: InputFormat = "text"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_from: PublishedFrom | None = None
    removed: tuple[Removal, ...] = ()  # what the format reader itself dropped (e.g. Markdown images)

    def __post_init__(self) -> None:
        for name in ("text", "path", "title", "url", "outlet"):
            value = getattr(self, name)
            if isinstance(value, str) and (safe := display_safe(value)) is not value:
                object.__setattr__(self, name, safe)

    @property
    def where(self) -> str:
        """Where the article came from, for messages: "feed.jsonl:3", "page.html", "-"."""
        path = self.path or "-"
        return path if self.record is None else f"{path}:{self.record}"


@dataclass(frozen=True)
class Article:
    """An article with page junk and repeated paragraphs removed, each removal kept."""

    raw: RawArticle
    text: str  # cleaned text, paragraphs separated by a blank line
    title: str | None
    language: str  # ISO 639-1
    removed: tuple[Removal, ...]
    fingerprint: str  # hash of the normalised cleaned text: equal fingerprints = same article


@dataclass(frozen=True)
class AnalyzedArticle:
    """A cleaned article with its sentences located and, after the full parse, its spaCy `Doc`s
    (the text's, and the headline's when it has one)."""

    article: Article
    sentences: tuple[tuple[int, int], ...]  # [start, end) character offsets into article.text
    doc: Doc | None = field(default=None, compare=False, repr=False)  # over article.text
    title_doc: Doc | None = field(default=None, compare=False, repr=False)  # over article.title

    def sentence_texts(self) -> list[str]:
        return [self.article.text[a:b] for a, b in self.sentences]


# --- The Brief: the public JSON contract ---------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class RemovedText(_Model):
    text: str
    reason: Reason
    rule: str = Field(description="The cleaning rule that removed it (addition to schema v1).")


class Source(_Model):
    id: str = Field(description='Stable within the brief: "s1", "s2", ... in input order.')
    path: str | None = Field(description='The file as given ("-" for standard input).')
    record: int | None = Field(
        default=None, description="Line (JSONL) or item (JSON array) within a multi-article file."
    )
    url: str | None
    outlet: str | None
    title: str | None
    language: str = Field(description="ISO 639-1 code.")
    published: dt.date | None
    published_from: PublishedFrom | None
    text: str = Field(description="The cleaned article text.")
    removed: list[RemovedText]
    duplicate_of: str | None = Field(
        description="Source id when the whole article is a (near-)copy of another."
    )
    words: int = Field(default=0, description="Words in the cleaned text.")
    sentences: int = Field(default=0, description="Sentences in the cleaned text.")
    quality: list[str] = Field(
        default=[], description='Quality flags, e.g. "translation-damage" (addition to schema v1).'
    )
    outlet_country: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 code of the outlet's home country, when newsfuse's table of outlets "
        "(or the user's, setting `outlets`) knows the outlet (addition to schema v1).",
    )
    outlet_kind: str | None = Field(
        default=None,
        description='What the outlet is, when the table knows it: "agency", "newspaper", "broadcaster", '
        '"magazine", "online" or "aggregator" (addition to schema v1).',
    )


class ClaimValue(_Model):
    lo: int | None
    hi: int | None
    text: str


class Claim(_Model):
    id: str
    source: str
    measure: Measure
    victims: str
    victim_class: VictimClass
    value: ClaimValue
    place: str | None
    when: dt.date | None
    attributed_to: str | None
    quote: str
    # "incident": about the story's own event; "background": another, earlier event ("last year 27
    # were killed"); "cumulative": a running total ("since the start of the war"). Only incident
    # claims are compared.
    scope: Literal["incident", "background", "cumulative"] = "incident"
    reported: dt.date | None = Field(
        default=None,
        description="When the figure was said: the date its sentence states, else the source's "
        "publication date (addition).",
    )
    status: Literal["current", "superseded"] = Field(
        default="current",
        description='"superseded": an earlier toll the text itself updates ("updating an earlier toll '
        'of N"), or a figure a later report of the same toll replaced (addition).',
    )
    partial: bool = Field(
        default=False,
        description='A count of part of a toll ("including four children", "N of the dead were X"): '
        "compared only with partial counts of the same group (addition).",
    )
    hedged: bool = Field(
        default=False,
        description='Reported without a source and with a hedge ("reportedly", "were reported killed") '
        "(addition).",
    )


ComparisonKind = Literal["conflict", "agree", "update", "revision"]


class Comparison(_Model):
    measure: str
    victim_class: str
    place: str | None
    verdict: Literal["agree", "conflict"] = Field(
        description='"conflict" only when independent sources give disjoint current figures in the same '
        "window; an update or a downward revision over time is not a conflict (see `kind`)."
    )
    claims: list[str]
    explanation: str
    window: list[dt.date] | None = Field(
        default=None,
        description="[first, last] reporting date of the compared figures (addition).",
    )
    kind: ComparisonKind = Field(
        default="agree",
        description='"conflict": disjoint figures at the same time; "agree": consistent; "update": a '
        'later, higher figure replaced an earlier one; "revision": a later firm figure is lower than an '
        "earlier firm one (addition).",
    )


class TollPoint(_Model):
    """One figure in a toll's history: what was said when, by which claims."""

    reported: dt.date | None
    value: ClaimValue
    claims: list[str]
    sources: list[str] = Field(default=[], description="Source ids of `claims` (addition).")
    attributed_to: list[str] = Field(default=[], description="Who said it (addition).")


class KeyFigure(_Model):
    """One line at the top of a brief: the current toll of one measure of the story's incident."""

    measure: str
    victim_class: str
    place: str | None
    current: ClaimValue = Field(description="The latest toll: the range across independent sources.")
    sources: list[str] = Field(description="Source ids that state the current toll.")
    attributed_to: list[str] = Field(description="Who says it; empty when only outlets say it themselves.")
    reported: dt.date | None = Field(description="When the current toll was reported.")
    history: list[TollPoint] = Field(description="Earlier figures it replaced, oldest first.")
    conflict: bool = Field(description="Independent sources disagree on the current toll.")
    comparison: int | None = Field(description="Index into `comparisons` of the explanation.")
    claims: list[str] = Field(default=[], description="Claim ids of the current toll (addition).")


class Entity(_Model):
    id: str
    name: str
    type: Literal["person", "org", "place", "other"]
    aliases: list[str]
    sources: list[str]
    mentions: int
    roles: list[str] = Field(
        default=[], description='Titles and roles a person is named with, e.g. "police spokesman" (addition).'
    )
    country: str | None = Field(default=None, description="A place's country (addition).")
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2 of `country` (addition).")
    latitude: float | None = Field(default=None, description="A city's latitude, from GeoNames (addition).")
    longitude: float | None = Field(default=None, description="A city's longitude, from GeoNames (addition).")
    geonames_id: int | None = Field(default=None, description="The place's GeoNames id (addition).")


class TimelineEntry(_Model):
    date: dt.date
    text: str = Field(description="The sentence that tells the event, verbatim from one source.")
    sources: list[str] = Field(description="Every source that tells the event, copies included.")
    part_of_day: Literal["early", "morning", "afternoon", "evening", "night"] | None = Field(
        default=None, description="Part of the day when the sources say it (addition to schema v1)."
    )
    time_text: str | None = Field(
        default=None,
        description='The time expression as written, e.g. "late on Wednesday" (addition to schema v1).',
    )
    support: int = Field(
        default=1,
        description="Independent sources telling the event: copies are cited but not counted "
        "(addition to schema v1).",
    )


class SummarySentence(_Model):
    text: str
    sources: list[str]
    quotes: dict[str, str] = Field(
        default={},
        description="For each cited source id, its sentence that says it, verbatim from the source's "
        "text (in its own language): where a citation lands (addition).",
    )
    language: str | None = Field(
        default=None,
        description="ISO 639-1 code of the language the sentence is written in (addition).",
    )


class Story(_Model):
    id: str
    title: str
    first_seen: dt.date | None
    last_seen: dt.date | None


class SkippedInput(_Model):
    path: str = Field(description="The file (with :record for one record of a multi-article file).")
    problem: str


class OtherStory(_Model):
    """Another story the inputs of a brief held: named and located, never briefed or compared with it."""

    title: str = Field(description="The headline of the story's earliest report (else its opening words).")
    paths: list[str] = Field(
        description="Its articles' files as given, in input order (with :record for one record of a "
        "multi-article file)."
    )


Section = Literal["claims", "comparisons", "entities", "timeline", "summary"]


class Brief(_Model):
    """One story, briefed: sources, figures, entities, timeline and summary."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    story: Story
    sources: list[Source]
    key_figures: list[KeyFigure] = Field(
        default=[],
        description="The reader's first line per measure: the current toll, who says it, when, what "
        "it replaced and whether sources conflict (addition).",
    )
    claims: list[Claim] = []
    comparisons: list[Comparison] = []
    entities: list[Entity] = []
    timeline: list[TimelineEntry] = []
    summary: list[SummarySentence] = []
    pending_sections: list[Section] = Field(
        default=[],
        description="Sections this version of newsfuse does not build yet (present and empty).",
    )
    skipped: list[SkippedInput] = Field(
        default=[], description="Inputs that could not be read, with the reason."
    )
    other_stories: list[OtherStory] = Field(
        default=[],
        description="Other stories the inputs held, largest first: not in this brief, their figures never "
        "compared with its own. Left out of the JSON when there are none (addition).",
    )

    def to_markdown(self) -> str:
        from newsfuse.render.markdown import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        from newsfuse.render.html import render_html

        return render_html(self)

    def to_json(self) -> str:
        # a brief of inputs that held one story reads as it did before `other_stories` existed
        exclude = None if self.other_stories else {"other_stories"}
        return self.model_dump_json(indent=2, exclude=exclude) + "\n"

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)
