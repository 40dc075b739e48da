"""HTML pages: the article body and its metadata, by trafilatura."""

from __future__ import annotations

import logging
from urllib.parse import urlparse

from trafilatura.settings import Document

from newsfuse.config import Settings
from newsfuse.ingest.dates import parse_published
from newsfuse.ingest.files import normalize_text
from newsfuse.models import RawArticle

# trafilatura and htmldate narrate their heuristics at WARNING; a user only needs our own errors
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def read_html(
    html: str,
    path: str | None,
    settings: Settings,
    *,
    url: str | None = None,
    record: int | None = None,
) -> RawArticle:
    """The main text of an HTML page with its title, date, outlet and canonical URL.

    Raises ValueError when the page holds no article text.
    """
    doc = _extract(html, url, settings, favor_recall=False)
    if doc is None or not (doc.text or "").strip():
        # short pages fall under trafilatura's minimum size; ask it to favour recall once more
        doc = _extract(html, url, settings, favor_recall=True)
    if doc is None or not (doc.text or "").strip():
        raise ValueError("no article text found in the HTML page")
    published = parse_published(doc.date)
    page_url = doc.url or url
    outlet = doc.sitename or (urlparse(page_url).hostname if page_url else None)
    return RawArticle(
        text=normalize_text(doc.text or ""),
        path=path,
        record=record,
        fmt="html",
        title=(doc.title or "").strip() or None,
        url=page_url,
        outlet=outlet.strip() if outlet else None,
        published=published,
        published_from="metadata" if published else None,
    )


def _extract(html: str, url: str | None, settings: Settings, *, favor_recall: bool) -> Document | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=settings.html_include_comments,
        include_tables=settings.html_include_tables,
        favor_recall=favor_recall,
    )
    return doc if isinstance(doc, Document) else None
