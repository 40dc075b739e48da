"""HTML pages (files, uploads, fetched pages): the article by trafilatura (`ingest.html`).

A fetched page must still read as an article (`feed.weak_page`): what a paywall or consent wall
leaves is a problem, not an article. Files are read as they always were.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsfuse.errors import InputError
from newsfuse.ingest.feed import weak_page
from newsfuse.ingest.html import read_html
from newsfuse.ingest.source import ReadContext, Source
from newsfuse.models import RawArticle

KIND = "html"
SUFFIXES = (".html", ".htm", ".xhtml")
STREAMS = False

_START = re.compile(rb"\s*<(!doctype\s+html|html|head|body|meta|title|article|div|p|!--)[\s>]", re.I)


def sniff(head: bytes, name: str | None) -> bool:
    head = head.lstrip()[:2000]
    return bool(_START.match(head)) or (head.lower().startswith(b"<?xml") and b"<html" in head.lower())


def read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    text = source.text(html=True, limit=ctx.settings.max_file_bytes)
    article = read_html(text, source.shown, ctx.settings, url=source.url)
    if source.url is not None:  # a page from the web: a paywall or consent wall leaves a teaser
        weak = weak_page(article.text, None)
        if weak:
            raise InputError(source.shown, weak)
    yield article
