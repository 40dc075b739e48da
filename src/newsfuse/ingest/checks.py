"""What every article read passes on its way out of ingest: its outlet resolved, a far date dropped."""

from __future__ import annotations

import dataclasses
import logging

from newsfuse.errors import InputError
from newsfuse.ingest.dates import implausible_note, plausible_date
from newsfuse.ingest.outlets import OutletTable, resolve_outlet
from newsfuse.models import RawArticle

log = logging.getLogger("newsfuse.ingest")


def checked(item: RawArticle | InputError, table: OutletTable) -> RawArticle | InputError:
    """The article with its outlet resolved, an implausible publication date dropped (and noted).

    Every reader's article passes here on its way out (`read_inputs`, `read_bytes`, and
    `feed.entry_articles` for the watch loop), so the store and every brief see one outlet name
    (`outlets.resolve_outlet`), and a date at the ends of the calendar never reaches grouping, the
    timeline or the store: the article stays, undated. Applying it twice changes nothing more.
    """
    if not isinstance(item, RawArticle):
        return item
    item = resolve_outlet(item, table)
    if item.published and plausible_date(item.published) is None:
        log.warning("%s: %s", item.where, implausible_note(item.published))
        return dataclasses.replace(item, published=None, published_from=None)
    return item
