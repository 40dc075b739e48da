"""Publication dates as metadata gives them: ISO 8601, RFC 2822, epoch seconds, or prose."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")

EARLIEST_DATE = dt.date(1900, 1, 1)  # no news article newsfuse reads is older
_AHEAD = 366  # days after today that a date may lie (embargoes, time zones, scheduled pages)


def latest_date(today: dt.date | None = None) -> dt.date:
    """The last plausible publication date: a year after `today` (the real today by default)."""
    return (today or dt.date.today()) + dt.timedelta(days=_AHEAD)


def plausible_date(day: dt.date | None, today: dt.date | None = None) -> dt.date | None:
    """`day` when it is a plausible news date (1900-01-01 … a year after today), else None.

    The one rule for every date newsfuse reads (metadata, the store, the text): a date at the ends
    of the calendar (year 1, year 9999) would overflow the date arithmetic of grouping and timelines.
    """
    if day is None:
        return None
    if isinstance(day, dt.datetime):
        day = day.date()
    return day if EARLIEST_DATE <= day <= latest_date(today) else None


def implausible_note(day: dt.date) -> str:
    """Why a date was dropped, for the note naming its input."""
    return (
        f"publication date {day.isoformat()} is outside {EARLIEST_DATE.isoformat()} … "
        f"{latest_date().isoformat()}: read as undated"
    )


def parse_published(value: Any) -> dt.date | None:
    """The calendar date of a metadata timestamp, or None when it is not one.

    Relative expressions ("yesterday") are refused: metadata must name its date.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        try:
            seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds or seconds
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    m = _ISO_DATE.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):  # "Tue, 099999999999 Mar 2025"
        pass
    return _parse_prose_date(text)


# a year standing alone, 1900 … 2999: "99999-01-01" or a run of digits is no year
_PROSE_YEAR = re.compile(r"(?<!\d)(19|2\d)\d\d(?!\d)")


def _parse_prose_date(text: str) -> dt.date | None:
    if not _PROSE_YEAR.search(text):
        return None  # a date without a year is not a publication date (and dateparser is slow to say so)
    import dateparser

    from newsfuse.languages import known_languages

    parsed = dateparser.parse(
        text,
        # the packs' languages only: over dateparser's ~200 locales an unreadable string costs seconds
        languages=list(known_languages()),
        settings={
            "PARSERS": ["custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None


# A dateline opens a paragraph: "KESSARA, 12 March (VPA) –", "LONDON, Jan. 6 (Reuters) -",
# "9th of March, 2025, at KESSARA, VALDONIA …", "11 March 2025, KESSARA, VALDONIA: …", "КИЇВ, 12 березня –"
_CAPS = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"  # capital letters, Latin and Cyrillic ("MOSCOW", "МОСКВА", "MÜNCHEN")
_PLACE = rf"[{_CAPS}][{_CAPS}.'’-]+(?:\s+[{_CAPS}][{_CAPS}.'’-]+)*"
_PLACE_FIRST = re.compile(
    rf"^\s*{_PLACE}(?:,\s*{_PLACE})?,\s+(?P<date>[^()–—:-]{{3,40}}?)\s*(?:\([^)]{{1,30}}\)\s*)?[–—-]"
)
_DATE_FIRST = re.compile(rf"^\s*(?P<date>[^,:]{{3,30}}(?:,\s*\d{{4}})?),?\s+(?:at\s+|in\s+)?{_PLACE}\b[,:]?")


def dateline_date(paragraph: str, *, wire_only: bool = False) -> str | None:
    """The date written in a dateline that opens `paragraph`, as written ("12 March"), or None.

    The place must be in capitals, as datelines print it; the date is resolved by the caller
    (it may lack a year: "KESSARA, 12 March (VPA) –"). `wire_only` accepts only the wire form
    (place first), which dates the article; a date-first line is usually a photo caption.
    """
    from newsfuse.analyze.timex import find_timexes

    head = paragraph[:90]
    for pattern in (_PLACE_FIRST,) if wire_only else (_PLACE_FIRST, _DATE_FIRST):
        m = pattern.match(head)
        if not m:
            continue
        found = find_timexes(m.group("date"))
        if (
            found
            and re.search(r"\d", found[0].text)
            and len(found[0].text) >= len(m.group("date").strip(" ,")) - 4
        ):
            return found[0].text
    return None
