"""JSON and JSON Lines: one article per record, in the field names feeds and scrapers use."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest.dates import parse_published
from newsfuse.ingest.files import normalize_text
from newsfuse.models import RawArticle, display_safe

__all__ = ["MAX_JSON_DEPTH", "MAX_JSON_DIGITS", "line_limit", "load_json", "read_json", "read_jsonl"]

MAX_JSON_DEPTH = 200  # nesting of arrays and objects; an article record needs a handful
MAX_JSON_DIGITS = 100  # digits of one JSON integer (Python refuses more than 4,300, slowly)

TEXT_KEYS = (
    "text",
    "content",
    "body",
    "maintext",
    "article",
    "articleBody",
    "article_text",
    "full_text",
)
HTML_KEYS = ("html", "raw_html", "content_html")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "canonical_url", "source_url")
OUTLET_KEYS = (
    "outlet",
    "source",
    "site",
    "sitename",
    "site_name",
    "publisher",
    "source_domain",
    "domain",
)
DATE_KEYS = (
    "published",
    "published_at",
    "publishedAt",
    "date_publish",
    "datePublished",
    "pubDate",
    "date",
    "pub_date",
    "timestamp",
)
_LIST_KEYS = ("articles", "items", "records", "data", "results", "entries", "documents")


class JsonLimitError(ValueError):
    """JSON that is well formed but beyond what newsfuse reads (too deep, a number too long)."""


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def load_json(text: str) -> Any:
    """`json.loads` within limits, its strings free of lone surrogates (replaced by U+FFFD).

    Raises `json.JSONDecodeError` for malformed JSON and `JsonLimitError` (a ValueError) for JSON
    nested deeper than `MAX_JSON_DEPTH` or holding an integer longer than `MAX_JSON_DIGITS`, each
    with a message fit to show: never a RecursionError or the interpreter's own digit-limit text.
    """
    too_deep = f"JSON nested too deep (over {MAX_JSON_DEPTH} levels of arrays and objects)"
    try:
        data = json.loads(text, parse_int=_parse_int)
    except RecursionError:  # the C parser recurses per level: about a thousand levels
        raise JsonLimitError(too_deep) from None
    # fewer containers than the limit cannot nest deeper than it: the common case costs two counts
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and _depth(data) > MAX_JSON_DEPTH:
        raise JsonLimitError(too_deep)
    return _without_surrogates(data) if _SURROGATE_ESCAPE.search(text) else data


def _depth(data: Any) -> int:
    """The deepest nesting of arrays and objects in parsed JSON, walked without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children if isinstance(child, list | dict))
    return deepest


def _parse_int(digits: str) -> int:
    count = len(digits) - digits.startswith("-")
    if count > MAX_JSON_DIGITS:
        raise JsonLimitError(f"JSON number of {count:,} digits, over the limit of {MAX_JSON_DIGITS}")
    return int(digits)


def _without_surrogates(value: Any) -> Any:
    """The parsed JSON with every string (keys too) made display-safe; depth is bounded already."""
    if isinstance(value, str):
        return display_safe(value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {display_safe(k): _without_surrogates(v) for k, v in value.items()}
    return value


def read_json(text: str, path: str, settings: Settings) -> Iterator[RawArticle | InputError]:
    """A .json file: one record, a list of records, or an object holding a list of them."""
    try:
        data = load_json(text)
    except json.JSONDecodeError as exc:
        yield InputError(path, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    except JsonLimitError as exc:
        yield InputError(path, str(exc))
        return
    if isinstance(data, dict):
        listed = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
        records: list[Any] = listed if listed is not None else [data]
        numbered = listed is not None
    elif isinstance(data, list):
        records, numbered = data, True
    else:
        yield InputError(path, "JSON holds no article record (expected an object or a list of them)")
        return
    if not records:
        yield InputError(path, "JSON holds an empty list of articles")
    for index, record in enumerate(records, start=1):
        yield _from_record(record, path, index if numbered else None, settings)


def line_limit(settings: Settings) -> int:
    """The longest JSON Lines line read, in bytes: `max_record_chars` at 4 UTF-8 bytes each."""
    return settings.max_record_chars * 4


def read_jsonl(lines: Iterable[bytes], path: str, settings: Settings) -> Iterator[RawArticle | InputError]:
    """A .jsonl file, streamed line by line: a bad line is reported and the rest still read."""
    seen = False
    limit = line_limit(settings)
    for number, raw in enumerate(lines, start=1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        seen = True
        if len(raw) > limit:
            # the line may come cut at limit + 1 bytes (open_stream), so name the limit, not its size
            yield InputError(path, f"record is over {limit // 1024:,} KB (setting max_record_chars)", number)
            continue
        try:
            record = load_json(raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield InputError(path, "line is not UTF-8 (JSON Lines must be UTF-8)", number)
            continue
        except json.JSONDecodeError as exc:
            yield InputError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", number)
            continue
        except JsonLimitError as exc:
            yield InputError(path, str(exc), number)
            continue
        yield _from_record(record, path, number, settings)
    if not seen:
        yield InputError(path, "empty file")


def _from_record(record: Any, path: str, number: int | None, settings: Settings) -> RawArticle | InputError:
    if not isinstance(record, dict):
        return InputError(path, f"record is a JSON {type(record).__name__}, not an object", number)
    url = _first_str(record, URL_KEYS)
    text = _first_str(record, TEXT_KEYS)
    html = _first_str(record, HTML_KEYS) if not text else None
    if not text and not html:
        wanted = ", ".join(repr(k) for k in TEXT_KEYS[:4] + HTML_KEYS[:1])
        return InputError(path, f"record has no article text (looked for {wanted}, …)", number)
    body = text or html or ""
    if len(body) > settings.max_record_chars:
        return InputError(
            path,
            f"record text is {len(body):,} characters, over the limit (setting max_record_chars)",
            number,
        )
    published = parse_published(_first(record, DATE_KEYS))
    title, outlet = _first_str(record, TITLE_KEYS), _first_str(record, OUTLET_KEYS)
    if html:
        from newsfuse.ingest.html import read_html

        try:
            page = read_html(normalize_text(html), path, settings, url=url, record=number)
        except ValueError as exc:
            return InputError(path, str(exc), number)
        # the record's own fields are more deliberate than what the page's markup suggests
        published = published or page.published
        return RawArticle(
            text=page.text,
            path=path,
            record=number,
            fmt="json",
            title=title or page.title,
            url=url or page.url,
            outlet=outlet or page.outlet,
            published=published,
            published_from="metadata" if published else None,
        )
    return RawArticle(
        text=normalize_text(body),
        path=path,
        record=number,
        fmt="json",
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        published_from="metadata" if published else None,
    )


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _first_str(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    value = _first(record, keys)
    if isinstance(value, dict):  # {"source": {"id": "bbc", "name": "BBC News"}}
        value = value.get("name") or value.get("title") or value.get("url")
    if isinstance(value, list) and value and isinstance(value[0], str):
        value = value[0]
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
