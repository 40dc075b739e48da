"""The feeds `watch` is given: feed URLs, OPML files or URLs, and plain files of URLs.

A plain file holds one URL per line; blank lines and "#" comments are skipped. Each argument that
cannot be read is one InputError; the feeds found in the others are returned all the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest.feed import looks_like_feed
from newsfuse.ingest.opml import looks_like_opml, parse_opml
from newsfuse.ingest.source import close_fetcher, is_url

__all__ = ["feed_list"]


def feed_list(args: Sequence[str], settings: Settings) -> tuple[list[str], list[InputError]]:
    """The feed URLs named by `args` (in order, de-duplicated) and a problem per bad argument.

    An OPML URL is fetched (the user gave it); a feed URL is taken as it is, unfetched.
    """
    urls: list[str] = []
    problems: list[InputError] = []
    fetcher = None
    try:
        for arg in args:
            if is_url(arg):
                if not _opml_url_named(arg):
                    found = [arg]
                else:
                    if fetcher is None:
                        from newsfuse.fetch import Fetcher

                        fetcher = Fetcher(settings)
                    found = _opml_url(arg, fetcher, problems)
            else:
                found = _file(arg, settings, problems)
            urls.extend(u for u in found if u not in urls)
    finally:
        if fetcher is not None:
            close_fetcher(fetcher)
    return urls, problems


def _opml_url_named(url: str) -> bool:
    """Does the URL's path name an OPML file ("…/subscriptions.opml", "…/opml")? Others are feeds."""
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].lower()
    return last.endswith((".opml", ".opml.xml")) or last == "opml"


def _opml_url(url: str, fetcher: object, problems: list[InputError]) -> list[str]:
    from newsfuse.fetch import FetchError

    try:
        fetched = fetcher.get(url)  # type: ignore[attr-defined]
    except FetchError as exc:
        problems.append(exc.input_error())
        return []
    try:
        return parse_opml(fetched.body, url)
    except InputError as exc:
        problems.append(exc)
        return []


def _file(arg: str, settings: Settings, problems: list[InputError]) -> list[str]:
    path = Path(arg)
    try:
        if path.stat().st_size > settings.max_file_bytes:
            problems.append(InputError(arg, "file is too large for a list of feeds (setting max_file_mb)"))
            return []
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(InputError(arg, "no such file or directory"))
        return []
    except IsADirectoryError:
        problems.append(InputError(arg, "a folder, not a list of feeds"))
        return []
    except OSError as exc:
        problems.append(InputError(arg, f"cannot read: {exc.strerror or exc}"))
        return []
    if looks_like_opml(data[:8192]):
        try:
            urls = parse_opml(data, arg)
        except InputError as exc:
            problems.append(exc)
            return []
        if not urls:
            problems.append(InputError(arg, "OPML file names no feed (no outline with an xmlUrl)"))
        return urls
    if looks_like_feed(data[:8192]):
        problems.append(
            InputError(arg, "a feed file, not a list of feeds: `watch` polls feeds by their URLs")
        )
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(InputError(arg, "not a list of feed URLs (not UTF-8 text)"))
        return []
    urls = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = "" if line.lstrip().startswith("#") else re.split(r"\s#", line, maxsplit=1)[0].strip()
        if not line:
            continue
        if is_url(line):
            urls.append(line)
        else:
            problems.append(InputError(arg, f"not an http(s) URL: {line[:80]!r}", number))
    if not urls and not any(p.path == arg for p in problems):
        problems.append(InputError(arg, "no feed URL in the file (one http(s) URL per line)"))
    return urls
