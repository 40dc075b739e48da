"""HTML pages: the article body and its metadata, by trafilatura."""

from __future__ import annotations

import logging
from urllib.parse import urlparse

from newsfuse.config import Settings
from newsfuse.ingest.dates import parse_published
from newsfuse.models import RawArticle

# trafilatura and htmldate narrate their heuristics at WARNING; a user only needs our own errors
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def read_html(
    html: str, path: str | None, settings: Settings, *, url: str | None = None, record: int | None = None
) -> RawArticle:
    """The main text of an HTML page with its title, date, outlet and canonical URL.

    Raises ValueError when the page holds no article text.
    """
    import trafilatura

    options = {
        "url": url,
        "with_metadata": True,
        "include_comments": settings.html_include_comments,
        "include_tables": settings.html_include_tables,
    }
    doc = trafilatura.bare_extraction(html, **options)
    if doc is None or not (doc.text or "").strip():
        # short pages fall under trafilatura's minimum size; ask it to favour recall once more
        doc = trafilatura.bare_extraction(html, favor_recall=True, **options)
    if doc is None or not (doc.text or "").strip():
        raise ValueError("no article text found in the HTML page")
    published = parse_published(doc.date)
    page_url = doc.url or url
    outlet = doc.sitename or (urlparse(page_url).hostname if page_url else None)
    return RawArticle(
        text=doc.text,
        path=path,
        record=record,
        fmt="html",
        title=(doc.title or "").strip() or None,
        url=page_url,
        outlet=outlet.strip() if outlet else None,
        published=published,
        published_from="metadata" if published else None,
    )
