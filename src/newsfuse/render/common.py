"""What the Markdown and HTML renderers say alike."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from newsfuse.models import Brief, Claim, Comparison, Source

KEY_FIGURES_TITLE = "Key figures"
SECTION_TITLES = {
    "summary": "What happened",
    "claims": "Figures",
    "comparisons": "Where the sources agree and conflict",
    "entities": "Who and where",
    "timeline": "Timeline",
}
PENDING_NOTES = {
    "summary": "Not built yet: the cited summary comes in a later newsfuse release.",
    "claims": "Not built yet: figure extraction (killed, injured, arrested…) comes in a later release.",
    "comparisons": "Not built yet: comparing figures across sources needs figure extraction first.",
    "entities": "Not built yet: people, organisations and places merged across spellings come later.",
    "timeline": "Not built yet: dates resolved from the text and a merged timeline come later.",
}


def source_label(source: Source) -> str:
    """How a source is named to a reader: outlet and title, else its file name (never a full path)."""
    parts = [p for p in (source.outlet, source.title) if p]
    if parts:
        return " — ".join(parts)
    name = file_name(source.path) if source.path else "standard input"
    return name + (f" #{source.record}" if source.record is not None else "")


OTHER_STORIES_TITLE = "Other stories in these inputs"
OTHER_STORIES_NOTE = "not briefed here; their figures are never compared with this story's"
FILES_SHOWN = 6  # file names listed per other story; the rest are counted


@dataclass(frozen=True)
class OtherStoryLine:
    """Another story of the inputs, as a reader sees it: title, articles, file names (never full paths)."""

    title: str
    articles: int
    files: list[str]
    more_files: int


def file_name(path: str) -> str:
    """The file name of a path as given (either separator), keeping a ":record" suffix; a URL whole."""
    if path[:8].lower().startswith(("http://", "https://")):
        return path  # an article read from the web: its address is no machine's private folder
    return "standard input" if path == "-" else re.split(r"[\\/]", path)[-1]


def other_story_lines(brief: Brief) -> list[OtherStoryLine]:
    """The brief's other stories: each file named once, at most `FILES_SHOWN` of them."""
    lines: list[OtherStoryLine] = []
    for story in brief.other_stories:
        names = list(dict.fromkeys(file_name(p) for p in story.paths))
        shown = names[:FILES_SHOWN]
        title = " ".join(story.title.split())
        lines.append(OtherStoryLine(title, len(story.paths), shown, len(names) - len(shown)))
    return lines


def date_range(first: dt.date | None, last: dt.date | None) -> str:
    if not first:
        return ""
    return str(first) if not last or last == first else f"{first} → {last}"


# --- key figures and comparisons, as a reader sees them -------------------------------------------

# how a comparison is labelled; a brief made before comparisons had a kind says it by its verdict
KIND_LABELS = {"conflict": "conflict", "revision": "revision", "update": "update", "agree": "agree"}
_KIND_ORDER = {"conflict": 0, "revision": 1, "update": 2, "agree": 3}


def comparison_kind(comparison: Comparison) -> str:
    """The comparison's kind; a "conflict" verdict without a kind (older briefs) is a conflict."""
    if comparison.verdict == "conflict" and comparison.kind == "agree":
        return "conflict"
    return comparison.kind


def comparison_anchor(index: int) -> str:
    """The element id of `brief.comparisons[index]` in every rendering (HTML brief, web page, Markdown)."""
    return f"comparison-{index + 1}"


def ordered_comparisons(brief: Brief) -> list[tuple[int, Comparison, str]]:
    """(index, comparison, kind): conflicts, revisions, updates, agreements; the index names its anchor."""
    indexed = [(n, c, comparison_kind(c)) for n, c in enumerate(brief.comparisons)]
    return sorted(indexed, key=lambda item: _KIND_ORDER.get(item[2], 9))


def short_date(day: dt.date | None, story_year: int | None = None) -> str:
    """A reporting date as a reader says it: "13 Mar" (with the year when it is not the story's)."""
    if day is None:
        return ""
    text = f"{day.day} {day:%b}"
    return text if story_year in (None, day.year) else f"{text} {day.year}"


def window_text(window: list[dt.date] | None) -> str:
    """A comparison's reporting window: "13 Mar" or "11 Mar → 13 Mar"; empty when unknown."""
    if not window:
        return ""
    first, last = window[0], window[-1]
    return short_date(first) if first == last else f"{short_date(first)} → {short_date(last)}"


# figures about another event or a running total are listed but never compared
SCOPE_NOTES = {"background": "earlier event", "cumulative": "running total"}


def claim_marks(claim: Claim) -> list[str]:
    """What a reader must know before reading a figure: superseded, part of a toll, hedged, not this event."""
    marks = []
    if claim.status == "superseded":
        marks.append("superseded")
    if claim.partial:
        marks.append("part of the toll")
    if claim.hedged:
        marks.append("reportedly")
    if claim.scope in SCOPE_NOTES:
        marks.append(SCOPE_NOTES[claim.scope])
    return marks


@dataclass(frozen=True)
class TollStep:
    """One earlier figure of a toll, as a reader reads it: "dozens (11 Mar, police)"."""

    value: str
    when: str
    who: str
    sources: list[str]
    claims: list[str]
    then: bool = True  # said on a later day than the step before it ("→"); False: the same day (";")


@dataclass(frozen=True)
class KeyFigureLine:
    """One key figure, ready to print: every string here is article-derived and must be escaped."""

    measure: str  # "killed", "intensive care"
    victims: str  # "people", "security forces"
    place: str
    current: str  # "16", "14–17"
    who: str  # "health ministry, fire service" or the outlets when nobody is quoted
    when: str  # "13 Mar"
    sources: list[str]
    claims: list[str]
    earlier: list[TollStep]
    conflict: bool
    comparison: str | None  # the element id of its comparison
    kind: str | None  # that comparison's kind


def key_figure_lines(brief: Brief) -> list[KeyFigureLine]:
    """The brief's key figures, worded for the top of every rendering (Markdown, HTML, web page)."""
    year = brief.story.last_seen.year if brief.story.last_seen else None
    lines = []
    for kf in brief.key_figures:
        current = set(kf.claims)
        # the history may end with the current toll itself: it is shown up front
        points = [p for p in kf.history if not (current and set(p.claims) <= current)]
        earlier = [
            TollStep(
                value=p.value.text,
                when=short_date(p.reported, year),
                who=_who(brief, p.attributed_to, p.sources),
                sources=p.sources,
                claims=p.claims,
                then=n == 0 or p.reported is None or p.reported != points[n - 1].reported,
            )
            for n, p in enumerate(points)
        ]
        index = (
            kf.comparison
            if kf.comparison is not None and 0 <= kf.comparison < len(brief.comparisons)
            else None
        )
        lines.append(
            KeyFigureLine(
                measure=kf.measure.replace("_", " "),
                victims=kf.victim_class.replace("_", " "),
                place=kf.place or "",
                current=kf.current.text,
                who=_who(brief, kf.attributed_to, kf.sources),
                when=short_date(kf.reported, year),
                sources=kf.sources,
                claims=kf.claims,
                earlier=earlier,
                conflict=kf.conflict,
                comparison=comparison_anchor(index) if index is not None else None,
                kind=comparison_kind(brief.comparisons[index]) if index is not None else None,
            )
        )
    return lines


def _who(brief: Brief, attributed_to: list[str], sources: list[str]) -> str:
    """Who says a figure: the people and bodies quoted, else the named outlets that say it themselves.

    Empty when neither is known: the source ids, always shown beside it, then say it alone.
    """
    if attributed_to:
        return ", ".join(dict.fromkeys(attributed_to))
    outlets = {s.id: s.outlet for s in brief.sources if s.outlet}
    return ", ".join(dict.fromkeys(outlets[s] for s in sources if s in outlets))


def language_marks(brief: Brief) -> list[str]:
    """Per summary sentence, its language code when it is not the summary's own ("" otherwise).

    The summary's own language is the one most of its sentences are in (the reader's, whenever a
    source tells the facts in it); a sentence only another language tells keeps its language.
    """
    counts = Counter(s.language for s in brief.summary if s.language)
    if len(counts) < 2:
        return [""] * len(brief.summary)
    first = next(s.language for s in brief.summary if s.language)
    main = max(counts, key=lambda lang: (counts[lang], lang == first))
    return [s.language if s.language and s.language != main else "" for s in brief.summary]


# the sections under the key figures and the charts, in page order: (element id, SECTION_TITLES key)
PAGE_SECTIONS = (
    ("summary", "summary"),
    ("comparisons", "comparisons"),
    ("figures", "claims"),
    ("timeline", "timeline"),
    ("entities", "entities"),
)
