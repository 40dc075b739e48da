"""Settings: every tunable of newsfuse, declared once with its help text.

The README's settings table is checked against this list by the tests, so a setting cannot be
added without being documented.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import hashlib
import json
import math
import os
import re
import textwrap
import tomllib
from collections.abc import Iterable
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
        high=100_000,
    )
    max_record_chars: int = _setting(
        2_000_000,
        "Longest text accepted from one JSON/JSONL record; longer records are rejected.",
        high=1_000_000_000,
    )
    # --- bounds: work bounded by input size (issue 18) ---
    max_article_chars: int = _setting(
        200_000,
        "Longest article text analysed, in characters after cleaning (long-form news runs under "
        "100,000): a longer text is cut at the last paragraph or sentence end before it, the cut "
        "listed among the source's removals (rule `article-cap`) and said on the command line.",
        high=100_000_000,
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
    nlp_batch_size: int = _setting(32, "Articles per spaCy `nlp.pipe` batch.", high=10_000)
    engine_chunk: int = _setting(
        32,
        "Articles an engine hands a worker at a time (cleaning, analysis, grouping features); every "
        "engine cuts the stream at the same places, so results never depend on the engine.",
        high=100_000,
    )
    story_window_days: int = _setting(
        7,
        "Stored stories: an article only joins a story whose articles are at most this many days "
        "older or newer than it (undated articles are compared with every active story).",
        high=36_500,
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
        high=36_500,
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
        80,
        "Word budget of the cited summary: its sentences together never exceed it.",
        high=100_000,
    )
    toll_window_days: int = _setting(
        1,
        "Days in one reporting window (1: the same day): only figures reported within one window "
        "can conflict; a later figure is an update or a revision of an earlier one, not a conflict.",
        high=36_500,
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
        high=1_000,
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
    fetch_concurrency: int = _setting(
        16, "Requests in flight at once, over all hosts.", high=512, brief=False
    )
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
        "Longest wait before polling a failing feed again (its wait doubles with each failure, from "
        "watch_every).",
        brief=False,
    )
    # --- the web app ---
    web_max_body_mb: int = _setting(
        10,
        "The web app: largest request body (uploads and pasted text), in MB, held in memory; a larger one "
        "gets 413.",
        high=1_000,
        brief=False,
    )
    web_max_files: int = _setting(
        20, "The web app: most files taken in one upload request; more get 413.", high=10_000, brief=False
    )

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            check_setting(f.name, getattr(self, f.name))

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

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Settings:
        """The defaults overridden by the settings a TOML file names (`SettingsError` on any problem)."""
        return load_settings(path)

    def with_overrides(self, pairs: Iterable[str]) -> Settings:
        """These settings overridden by `NAME=VALUE` pairs, as `-s` gives them (`SettingsError`)."""
        values = dict(parse_pair(pair) for pair in pairs)
        try:
            return dataclasses.replace(self, **values)
        except ValueError as exc:  # a combination no single value shows
            raise SettingsError(str(exc), in_file=False) from None

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


_DURATION = re.compile(
    r"\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)?\s*", re.I
)
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


# --- checking one value -----------------------------------------------------------------------

_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_CONTACT_MAX = 200


def _number(x: float) -> str:
    return f"{x:,}" if isinstance(x, int) else f"{x:g}"


def check_setting(name: str, value: Any) -> None:
    """Refuse a value a setting cannot take (bounds, durations, codes, header-safe text): a ValueError."""
    f = _FIELDS[name]
    low, high = f.metadata["low"], f.metadata["high"]
    if isinstance(f.default, str) and not isinstance(value, str):
        raise ValueError(f"setting {name} takes a string (got {value!r})")
    if isinstance(value, bool | str):
        pass
    elif isinstance(value, int):
        low = 1 if low is None else low
        if value < low or (high is not None and value > high):
            upto = f" and at most {_number(high)}" if high is not None else ""
            raise ValueError(f"setting {name} must be {_number(low)} or more{upto} (got {value})")
    elif isinstance(value, float):
        if low is None and high is None:
            if not 0 < value <= 1:
                raise ValueError(f"setting {name} must be more than 0 and at most 1 (got {value:g})")
        elif not (low or 0) <= value <= (high if high is not None else math.inf):
            raise ValueError(
                f"setting {name} must be between {_number(low)} and {_number(high)} (got {value:g})"
            )
    if name == "outlets" and value:
        from newsfuse.ingest.outlets import table_for

        if Path(value).exists() and not Path(value).is_file():  # a folder, or a device never read whole
            raise ValueError(f"setting outlets must name a CSV file ({value} is not a file)")
        table_for(value)  # a missing or malformed table is refused here, naming its line
    elif name in ("watch_every", "watch_max_backoff"):
        parse_duration(value, name)
    elif name == "reader_language" and not _LANGUAGE.fullmatch(value):
        raise ValueError(
            f"setting reader_language must be a language code such as en, fr or de (got {value!r})"
        )
    elif name == "user_agent_contact" and (
        len(value) > _CONTACT_MAX or not all(" " <= c <= "~" for c in value)
    ):
        raise ValueError(
            f"setting user_agent_contact must be an e-mail address or a URL in printable ASCII on one line, "
            f"at most {_CONTACT_MAX} characters (it goes into the User-Agent header)"
        )


# --- where settings come from: a TOML file, then `-s NAME=VALUE` -------------------------------

TABLE = "newsfuse"  # a file may hold its settings in one [newsfuse] table instead of at the top level
MAX_FILE_BYTES = MB  # a settings file is small: never read a device or a huge file whole
_WANTED = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


class SettingsError(ValueError):
    """A setting that cannot be taken: one line naming where it came from (FILE:LINE, or the -s pair)."""

    def __init__(self, message: str, *, in_file: bool) -> None:
        super().__init__(message)
        self.in_file = in_file  # from --settings FILE (True) or from -s NAME=VALUE (False)


def unknown_setting(name: str) -> str:
    """'unknown setting X', with the closest real name when there is one."""
    close = difflib.get_close_matches(name.replace("-", "_").lower(), list(_FIELDS), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}?" if close else "`newsfuse settings` lists them"
    return f"unknown setting {name!r} ({hint})"


def _kind(name: str) -> type:
    return type(_FIELDS[name].default)


def parse_pair(pair: str) -> tuple[str, Any]:
    """(name, value) from `NAME=VALUE` as `-s` takes it: the value read as the setting's type."""
    name, sep, raw = pair.partition("=")
    name = name.strip().replace("-", "_")
    if not sep:
        raise SettingsError(
            f"{pair!r}: expected NAME=VALUE (`newsfuse settings` lists the names)", in_file=False
        )
    if name not in _FIELDS:
        raise SettingsError(
            f"{pair!r}: expected NAME=VALUE with NAME a setting: {unknown_setting(name)}", in_file=False
        )
    kind = _kind(name)
    try:
        if kind is bool:
            if raw.strip().lower() not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
                raise ValueError(raw)
            value: Any = raw.strip().lower() in {"true", "1", "yes", "on"}
        else:
            value = kind(raw)
    except ValueError:
        raise SettingsError(f"{pair!r}: {name} takes {_WANTED[kind]}", in_file=False) from None
    try:
        check_setting(name, value)
    except ValueError as exc:
        raise SettingsError(f"{pair!r}: {exc}", in_file=False) from None
    return name, value


def _toml_kind(value: Any) -> str:
    for kind, said in ((bool, "a boolean"), (int, "a whole number"), (float, "a number"), (str, "a string")):
        if isinstance(value, kind):
            return said
    if isinstance(value, list):
        return "an array"
    return "a table" if isinstance(value, dict) else "a date or time"


def _typed(name: str, value: Any) -> Any:
    """The TOML value as the setting's type, or ValueError: an int is a fine float; a string is no number."""
    kind = _kind(name)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    shown = f"{value!r} ({_toml_kind(value)})" if isinstance(value, str | int | float) else _toml_kind(value)
    quoting = " in quotes" if kind is str else ", unquoted"
    raise ValueError(f"setting {name} takes {_WANTED[kind]}{quoting}, not {shown}")


def _read_text(path: Path) -> str:
    """The file's text, read at most MAX_FILE_BYTES (a device or a huge file is refused, not read)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise SettingsError(f"{path}: is a folder, not a settings file", in_file=True) from None
    except OSError as exc:
        raise SettingsError(
            f"{path}: cannot read the settings file: {exc.strerror or exc}", in_file=True
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise SettingsError(
            f"{path}: too large for a settings file (over {MAX_FILE_BYTES // MB} MB)", in_file=True
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(
            f"{path}: not a text settings file (TOML in UTF-8; byte {exc.start + 1} is not UTF-8)",
            in_file=True,
        ) from None


def _line_of(text: str, key: str) -> int | None:
    """The line where `key = ...` is written (tomllib gives no positions for keys)."""
    name = rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')"""
    pattern = re.compile(rf"\s*(?:{name}\s*[=.]|\[+\s*{name}\s*[].])")  # key = / key.sub = / [key] / [[key]]
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def read_settings_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The settings a TOML file names, each checked (name, type, bounds); `SettingsError` at the first.

    Settings are top-level keys, or all of them in one `[newsfuse]` table. A relative `outlets` path is
    read from the settings file's folder.
    """
    path = Path(path)
    text = _read_text(path)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        if at:
            message = f"{message[: at.start()]} (column {at.group(2)})"
        where = f"{path}:{at.group(1)}" if at else str(path)
        raise SettingsError(
            f"{where}: not valid TOML: {message[:1].lower()}{message[1:]}", in_file=True
        ) from None
    table = document
    if isinstance(document.get(TABLE), dict):
        table = document[TABLE]
        for key in document:
            if key != TABLE:
                line = _line_of(text, key)
                where = f"{path}:{line}" if line else str(path)
                raise SettingsError(
                    f"{where}: {key!r} is outside the [{TABLE}] table (put every setting in it, or none)",
                    in_file=True,
                )
    values: dict[str, Any] = {}
    for key, raw in table.items():
        line = _line_of(text, key)
        where = f"{path}:{line}" if line else str(path)
        if key not in _FIELDS:
            raise SettingsError(f"{where}: {unknown_setting(key)}", in_file=True)
        try:
            value = _typed(key, raw)
            if key == "outlets" and value and not Path(value).is_absolute():
                value = str(path.parent / value)
            check_setting(key, value)
        except ValueError as exc:
            raise SettingsError(f"{where}: {exc}", in_file=True) from None
        values[key] = value
    return values


def load_settings(
    path: str | os.PathLike[str] | None = None, pairs: Iterable[str] = (), *, base: Settings | None = None
) -> Settings:
    """`base` (the defaults) overridden by the settings file at `path`, then by `NAME=VALUE` pairs."""
    settings = base or Settings()
    if path is not None:
        values = read_settings_file(path)
        try:
            settings = dataclasses.replace(settings, **values)
        except ValueError as exc:
            raise SettingsError(f"{path}: {exc}", in_file=True) from None
    return settings.with_overrides(pairs)


# --- the settings in sections, and as a TOML file ----------------------------------------------

# each section starts at its first setting and runs to the next section's first (declaration order)
SECTIONS: tuple[tuple[str, str], ...] = (
    ("Input limits", "max_file_mb"),
    ("Cleaning and processing", "html_include_comments"),
    ("Stories and copies", "story_window_days"),
    ("The brief", "summary_words"),
    ("Fetching feeds and pages", "fetch_timeout"),
    ("Watching feeds", "watch_every"),
    ("The web app", "web_max_body_mb"),
)


def sections() -> list[tuple[str, list[str]]]:
    """(section title, its setting names) for every setting, in declaration order."""
    starts = {first: title for title, first in SECTIONS}
    grouped: list[tuple[str, list[str]]] = []
    for name in _FIELDS:
        if name in starts or not grouped:
            grouped.append((starts.get(name, "Other"), []))
        grouped[-1][1].append(name)
    return grouped


def toml_value(value: Any) -> str:
    """A setting's value written as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = json.dumps(value, ensure_ascii=False)  # JSON's escapes are TOML's basic-string escapes
    return text.replace("\x7f", "\\u007f")


def allowed_values(name: str) -> str | None:
    """The values a number setting takes, as the settings file says them ("1 to 100,000"); None for text."""
    f = _FIELDS[name]
    low, high = f.metadata["low"], f.metadata["high"]
    if isinstance(f.default, bool) or not isinstance(f.default, int | float):
        return None
    if isinstance(f.default, int):
        low = 1 if low is None else low
        return f"{_number(low)} to {_number(high)}" if high is not None else f"{_number(low)} or more"
    if low is None and high is None:
        return "more than 0, at most 1"
    return f"{_number(low or 0)} to {_number(high)}"


def settings_toml(settings: Settings | None = None) -> str:
    """A complete, commented settings file: each setting commented out at its default, with its help;
    a setting `settings` changes from the default is written out, not commented."""
    settings = settings or Settings()
    lines = [
        "# newsfuse settings: pass this file with --settings FILE (or set NEWSFUSE_SETTINGS=FILE).",
        "# Every setting is here, commented out at its default: uncomment and change those you want. A file",
        "# naming only a few settings changes only those; -s NAME=VALUE on the command line wins over it.",
        "# Settings may also sit in one [newsfuse] table. `newsfuse settings` lists them.",
    ]
    for title, names in sections():
        lines += ["", f"# --- {title} ---"]
        for name in names:
            f = _FIELDS[name]
            value = getattr(settings, name)
            lines.append("")
            lines += textwrap.wrap(f.metadata["help"], 98, initial_indent="# ", subsequent_indent="# ")
            allowed = f"  # {bounds}" if (bounds := allowed_values(name)) else ""
            if value == f.default:
                lines.append(f"# {name} = {toml_value(value)}{allowed}")
            else:
                lines += [f"# default: {toml_value(f.default)}", f"{name} = {toml_value(value)}{allowed}"]
    return "\n".join(lines) + "\n"
