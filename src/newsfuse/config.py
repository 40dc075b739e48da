"""Settings: every tunable of newsfuse, declared once with its help text.

The README's settings table is checked against this list by the tests, so a setting cannot be
added without being documented.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MB = 1024 * 1024


def _setting(
    default: Any, help: str, *, low: float | None = None, high: float | None = None, brief: bool = True
) -> Any:
    """A setting: its default, help text, bounds (numbers; default: ints >= 1, floats in (0, 1]) and
    whether it can change a brief (`brief=False`: fetching, watching and web limits are left out of
    `Settings.fingerprint`, so changing them never invalidates a kept brief)."""
    return field(default=default, metadata={"help": help, "low": low, "high": high, "brief": brief})


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

    # --- fetching (feeds and article URLs, issue 20): nothing is fetched unless a URL or feed is given ---
    fetch_timeout: float = _setting(
        20.0,
        "Seconds a fetch may wait for a server to connect or to send more bytes (and at most twice this "
        "for a whole response) before it is given up as 'server does not answer'.",
        low=0.1,
        high=600,
        brief=False,
    )
    fetch_max_mb: int = _setting(
        10,
        "Largest feed or page fetched, in MB (as received, and again after gzip/deflate/br decoding); a "
        "larger or endless response is cut off and refused.",
        brief=False,
    )
    fetch_max_redirects: int = _setting(
        5, "Redirects followed per fetch; a longer chain or a loop is refused.", low=0, high=30, brief=False
    )
    fetch_retries: int = _setting(
        2,
        "Retries of a fetch answered 429 or 5xx, or cut off by the network, waiting as the server's "
        "Retry-After says (capped by fetch_max_wait) or backing off exponentially.",
        low=0,
        high=10,
        brief=False,
    )
    fetch_max_wait: float = _setting(
        60.0,
        "Longest wait, in seconds, before a retry (a longer Retry-After gives the fetch up for this poll).",
        low=0,
        high=3600,
        brief=False,
    )
    fetch_host_interval: float = _setting(
        1.0,
        "Politeness: seconds between the starts of two requests to the same host (scheme, name and port); "
        "a robots.txt Crawl-delay that asks for more is honoured.",
        low=0,
        high=3600,
        brief=False,
    )
    fetch_host_concurrency: int = _setting(
        2, "Politeness: requests in flight to the same host at once.", high=64, brief=False
    )
    fetch_concurrency: int = _setting(16, "Requests in flight at once, over all hosts.", high=512, brief=False)
    fetch_pages: bool = _setting(
        True,
        "Fetch a feed entry's page and extract it; off: the entry's own content or summary is the article.",
        brief=False,
    )
    user_agent_contact: str = _setting(
        "",
        "A contact (an e-mail address or a URL) added to newsfuse's User-Agent, so that a site's operator "
        "can reach whoever runs the crawl; recommended for anything beyond a few fetches.",
        brief=False,
    )
    # --- watching feeds ---
    watch_every: str = _setting(
        "10m",
        "How often `newsfuse watch` polls each feed: a duration such as 90s, 10m, 2h or 1d.",
        brief=False,
    )
    watch_max_backoff: str = _setting(
        "6h",
        "Longest wait before polling a failing feed again (its wait doubles with each failure, from watch_every).",
        brief=False,
    )
    # --- the web app ---
    web_max_body_mb: int = _setting(
        10, "The web app: largest request body (uploads and pasted text), in MB; larger ones get 413.", brief=False
    )
    web_max_files: int = _setting(20, "The web app: most files taken in one upload request.", brief=False)

    def __post_init__(self) -> None:
        if self.outlets:
            from newsfuse.ingest.outlets import table_for

            table_for(self.outlets)  # a missing or malformed table is refused here, naming its line
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            low, high = f.metadata["low"], f.metadata["high"]
            if isinstance(value, int):
                low = 1 if low is None else low
                if value < low or (high is not None and value > high):
                    upto = f" and at most {high:g}" if high is not None else ""
                    raise ValueError(f"setting {f.name} must be {low:g} or more{upto} (got {value})")
            elif low is None and high is None:
                if not 0 < value <= 1:
                    raise ValueError(f"setting {f.name} must be between 0 and 1 (got {value})")
            elif not (low or 0) <= value <= (high if high is not None else float("inf")):
                raise ValueError(f"setting {f.name} must be between {low:g} and {high:g} (got {value})")
        for name in ("watch_every", "watch_max_backoff"):
            parse_duration(getattr(self, name), name)

    def fingerprint(self) -> str:
        """A short hash of every setting that can change a brief: one kept under others is never reused."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.metadata["brief"]}
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

    @property
    def fetch_max_bytes(self) -> int:
        return self.fetch_max_mb * MB

    @property
    def watch_every_seconds(self) -> float:
        return parse_duration(self.watch_every, "watch_every")

    @property
    def watch_max_backoff_seconds(self) -> float:
        return parse_duration(self.watch_max_backoff, "watch_max_backoff")


_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)?\s*", re.I)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str, what: str = "duration") -> float:
    """Seconds in "90s", "10m", "2h", "1d" or a bare number of seconds; ValueError naming `what` otherwise."""
    m = _DURATION.fullmatch(str(text))
    if not m:
        raise ValueError(f"{what}: {text!r} is not a duration (such as 90s, 10m, 2h or 1d)")
    seconds = float(m.group(1)) * _UNIT_SECONDS[(m.group(2) or "s")[0].lower()]
    if seconds <= 0 or seconds > 366 * 86400:
        raise ValueError(f"{what}: {text!r} must be more than 0 and at most a year")
    return seconds
