"""Settings: every tunable of newsfuse, declared once with its help text.

The README's settings table is checked against this list by the tests, so a setting cannot be
added without being documented.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MB = 1024 * 1024


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """All of newsfuse's knobs. Construct with keyword overrides: `Settings(max_file_mb=200)`."""

    max_file_mb: int = _setting(
        50,
        "Largest input file read, in MB (after gzip decompression); larger ones are rejected. "
        "In a WARC archive it applies to each record, not to the archive.",
    )
    max_record_chars: int = _setting(
        2_000_000, "Longest text accepted from one JSON/JSONL record; longer records are rejected."
    )
    # --- bounds: work bounded by input size (issue 18) ---
    max_article_chars: int = _setting(
        200_000,
        "Longest article text analysed, in characters after cleaning (long-form news runs under "
        "100,000): a longer text is cut at the last paragraph or sentence end before it, the cut "
        "listed among the source's removals (rule `article-cap`) and said on the command line.",
    )
    # --- end bounds ---
    html_include_comments: bool = _setting(
        False, "Keep readers' comments that trafilatura finds below an HTML article."
    )
    html_include_tables: bool = _setting(True, "Keep tables found inside an HTML article body.")
    repeat_similarity: float = _setting(
        0.85,
        "Share of a paragraph's words already said earlier in the same article above which the "
        "paragraph counts as a repeat and is removed.",
    )
    nlp_batch_size: int = _setting(32, "Articles per spaCy `nlp.pipe` batch.")
    engine_chunk: int = _setting(
        32,
        "Articles an engine hands a worker at a time (cleaning, analysis, grouping features); every "
        "engine cuts the stream at the same places, so results never depend on the engine.",
    )
    story_window_days: int = _setting(
        7,
        "Stored stories: an article only joins a story whose articles are at most this many days "
        "older or newer than it (undated articles are compared with every active story).",
    )
    story_similarity: float = _setting(
        0.2,
        "Stored stories: score (TF-IDF cosine of content words and entities with the story's centroid "
        "or closest member, damped by entity disagreement) from which an article joins the story "
        "instead of starting a new one.",
    )
    story_followup_days: int = _setting(
        30,
        "Stored stories: a follow-up (an arrest, a funeral, a verdict) joins a story up to this many "
        "days after its last article (or before its first) when it reaches `story_followup_similarity`.",
    )
    story_followup_similarity: float = _setting(
        0.45,
        "Stored stories: score from which an article outside `story_window_days` of a story, but "
        "within `story_followup_days`, joins it as a follow-up.",
    )
    story_merge_similarity: float = _setting(
        0.4,
        "Stored stories: when an article reaches this similarity with a second story too, the two "
        "stories are merged.",
    )
    duplicate_containment: float = _setting(
        0.9,
        "Share of an article's word 5-grams found in one earlier article (by publication date, then "
        "input order) from which it is a copy of it (`duplicate_of`), not an independent source: "
        "exact in a brief, estimated (MinHash) in the store.",
    )
    summary_words: int = _setting(
        80, "Word budget of the cited summary: its sentences together never exceed it."
    )
    toll_window_days: int = _setting(
        1,
        "Days in one reporting window (1: the same day): only figures reported within one window "
        "can conflict; a later figure is an update or a revision of an earlier one, not a conflict.",
    )
    reader_language: str = _setting(
        "en",
        "The reader's language (ISO 639-1): an entity named in several languages or scripts is shown "
        "by a form written in this language, else by its name in this language (international "
        "bodies, countries) or transliterated into its script; every surface form stays an alias.",
    )
    outlets: str = _setting(
        "",
        "A CSV file of your own outlets, in the format of newsfuse's table (src/newsfuse/data/outlets.csv: "
        "domain,name,country,language,kind,aliases): its rows add outlets or rename known ones, and a "
        "domain in it names an article's outlet before anything the article itself says.",
    )

    def __post_init__(self) -> None:
        if self.outlets:
            from newsfuse.ingest.outlets import table_for

            table_for(self.outlets)  # a missing or malformed table is refused here, naming its line
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool):
                continue
            if isinstance(value, int) and value < 1:
                raise ValueError(f"setting {f.name} must be 1 or more (got {value})")
            if isinstance(value, float) and not 0 < value <= 1:
                raise ValueError(f"setting {f.name} must be between 0 and 1 (got {value})")

    def fingerprint(self) -> str:
        """A short hash of every setting's value: a brief kept under other settings is never reused."""
        values = dataclasses.asdict(self)
        if self.outlets:  # the table's content, not its name, decides how sources are named
            with contextlib.suppress(OSError):
                values["outlets"] = hashlib.sha256(Path(self.outlets).read_bytes()).hexdigest()
        text = json.dumps(values, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def describe(self) -> list[tuple[str, Any, str]]:
        """(name, value, help) for every setting, in declaration order."""
        return [(f.name, getattr(self, f.name), f.metadata["help"]) for f in dataclasses.fields(self)]

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * MB
