"""Which outlet published an article: a name a reader knows, never a file path.

The outlet is resolved once, at the reader boundary (`ingest.checks.checked`), so the store and every
brief see the same name. First match wins:

1. the user's own table (setting `outlets`): the URL's domain looked up there;
2. newsfuse's table (newsfuse/data/outlets.csv): the URL's host without "www.", "m.", "amp."…,
   then each parent domain, so "edition.cnn.com" and "news.bbc.co.uk" are found. A curated name
   comes first so that one outlet has one name whatever the input (a page's metadata says
   "DER SPIEGEL, Hamburg, Germany" or "Ediciones EL PAÍS S.L.", a feed says "spiegel.de"), and a
   story's count of outlets is right; an aggregator's domain (kind `aggregator`: MSN, Yahoo News)
   names no outlet here, the article keeping the name it gives;
3. a name the input gives: a JSON record's `source`/`publisher`/`site_name` (string or
   {"name": …}), a page's metadata (og:site_name, JSON-LD publisher, application-name…),
   Markdown front matter, the web form's outlet field. A domain given as a name ("reuters.com")
   or a name the table knows ("AP") is written as the table's name; a URL of a social network,
   a copyright line or a company's legal name is no outlet's name and is dropped; a tagline
   ("Breaking news and headlines - Portmere Post") keeps the part the table knows, or is dropped;
4. a dateline or byline in the first or last lines of the text naming an outlet of the table:
   "CITY (Agency) —", "CITY, 3 March /Agency/.", "By Jane Doe, Agency", a last line "— Agency"
   or "Copyright 2025 The Agency. All rights reserved."
   Only names in the table count (and for bylines only agencies), so no false outlet appears;
5. the URL's registrable domain ("example-news.co.uk"), never a path.

An article with none of these has no outlet; the brief then names it by title or file name.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from newsfuse.models import RawArticle

__all__ = [
    "KINDS",
    "Outlet",
    "OutletTable",
    "builtin_table",
    "domain_of",
    "load_table",
    "outlet_from_text",
    "outlet_info",
    "parse_table",
    "registrable_domain",
    "resolve_outlet",
    "table_for",
    "user_named",
]

KINDS = ("agency", "newspaper", "broadcaster", "magazine", "online", "aggregator")
COLUMNS = ("domain", "name", "country", "language", "kind", "aliases")


@dataclass(frozen=True)
class Outlet:
    """One row of the table: a domain and the outlet behind it."""

    domain: str
    name: str
    country: str  # ISO 3166-1 alpha-2, upper case
    language: str  # ISO 639-1
    kind: str  # one of KINDS
    aliases: tuple[str, ...] = ()
    user: bool = False  # from the user's own table (setting `outlets`)


class OutletTable:
    """Outlets by domain and by name (or alias), case-folded."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.by_domain: dict[str, Outlet] = {}
        self.by_name: dict[str, Outlet] = {}
        for outlet in outlets:
            self.by_domain[outlet.domain] = outlet
        for outlet in self.by_domain.values():  # a later row (the user's) overrides an earlier one
            for name in (outlet.name, *outlet.aliases):
                key = _fold(name)
                if key not in self.by_name or outlet.user:
                    self.by_name[key] = outlet

    def __len__(self) -> int:
        return len(self.by_domain)

    def for_host(self, host: str | None) -> Outlet | None:
        """The outlet of a host or of its nearest parent domain in the table."""
        labels = (host or "").lower().rstrip(".").split(".")
        for start in range(len(labels) - 1):
            found = self.by_domain.get(".".join(labels[start:]))
            if found:
                return found
        return None

    def for_name(self, name: str | None) -> Outlet | None:
        return self.by_name.get(_fold(name)) if name else None

    def extended(self, outlets: Iterable[Outlet]) -> OutletTable:
        """This table with `outlets` added, a row for a known domain replacing it."""
        return OutletTable([*self.by_domain.values(), *outlets])


def _fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# --- the table as data -----------------------------------------------------------------------


def parse_table(text: str, where: str, *, user: bool = False) -> list[Outlet]:
    """Rows of a table in outlets.csv's format; ValueError naming the line of the first bad row."""
    import pycountry

    kept = [
        (n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.lstrip().startswith("#")
    ]
    reader = csv.DictReader(io.StringIO("\n".join(ln for _, ln in kept)))
    missing = [c for c in COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        wanted = ", ".join(COLUMNS)
        raise ValueError(f"{where}: the header must name the columns {wanted} (missing {missing[0]})")
    rows: list[Outlet] = []
    for row in reader:
        number = kept[reader.line_num - 1][0]  # the line in the file, comments counted
        domain = (row.get("domain") or "").strip().lower().removeprefix("www.")
        name = " ".join((row.get("name") or "").split())
        country = (row.get("country") or "").strip().upper()
        language = (row.get("language") or "").strip().lower()
        kind = (row.get("kind") or "").strip().lower() or "outlet"
        problem = None
        if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
            problem = f"domain {domain!r} is not a domain name"
        elif not name:
            problem = "no name"
        elif country and not pycountry.countries.get(alpha_2=country):
            problem = f"country {country!r} is not an ISO 3166-1 alpha-2 code"
        elif language and (len(language) != 2 or not pycountry.languages.get(alpha_2=language)):
            problem = f"language {language!r} is not an ISO 639-1 code"
        elif kind not in (*KINDS, "outlet"):
            problem = f"kind {kind!r} is not one of {', '.join(KINDS)}"
        if problem:
            raise ValueError(f"{where}, line {number}: {problem}")
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        rows.append(Outlet(domain, name, country, language, kind, aliases, user))
    return rows


@functools.cache
def builtin_table() -> OutletTable:
    """newsfuse's own table, newsfuse/data/outlets.csv."""
    text = resources.files("newsfuse.data").joinpath("outlets.csv").read_text(encoding="utf-8")
    return OutletTable(parse_table(text, "outlets.csv"))


def load_table(path: str | Path) -> OutletTable:
    """The built-in table extended (or overridden) by a user's table in the same format."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValueError(f"outlets table {path.name}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ValueError(f"outlets table {path.name}: not UTF-8") from None
    return builtin_table().extended(parse_table(text, f"outlets table {path.name}", user=True))


@functools.lru_cache(maxsize=8)
def _user_table(path: str, stamp: tuple[int, int]) -> OutletTable:
    return load_table(path)


def table_for(user_table: str | None) -> OutletTable:
    """The table in use: built-in, or extended by the file the setting `outlets` names."""
    if not user_table:
        return builtin_table()
    try:
        stat = Path(user_table).stat()
    except OSError:
        return load_table(user_table)  # raises, naming the problem
    return _user_table(user_table, (stat.st_mtime_ns, stat.st_size))


# --- domains ---------------------------------------------------------------------------------

# second-level labels under which a name is registered (news sites' countries; not the whole list)
_MULTI_SUFFIXES = frozenset(
    f"{second}.{top}"
    for top, seconds in {
        "uk": "co org ac gov ltd plc me net",
        "au": "com net org gov edu",
        "nz": "co org net govt",
        "jp": "co ne or go ac",
        "kr": "co or go ne re",
        "za": "co org gov net web",
        "in": "co net org gov",
        "br": "com org gov net",
        "ar": "com org gob net",
        "mx": "com org gob net",
        "tr": "com org gov net gen bel",
        "ua": "com org gov net in kiev kyiv",
        "cn": "com org gov net edu",
        "hk": "com org gov net",
        "tw": "com org gov net",
        "sg": "com org gov net edu",
        "my": "com org gov net",
        "id": "co or go web",
        "th": "co or go in",
        "ph": "com org gov net",
        "pk": "com org gov net",
        "bd": "com org gov net",
        "lk": "com org gov",
        "eg": "com org gov",
        "sa": "com org gov net",
        "lb": "com org gov",
        "il": "co org gov ac",
        "ke": "co or go ne",
        "ng": "com org gov",
        "gh": "com org gov",
        "ug": "co or go",
        "tz": "co or go",
        "rw": "co gov",
        "zw": "co org gov",
        "kw": "com net org gov",
        "qa": "com org gov net",
        "jo": "com org gov",
        "pe": "com org gob",
        "co": "com org gov",
        "cl": "gob",
        "ve": "com org gob",
        "uy": "com org gub",
        "py": "com org gov",
        "ec": "com org gob",
        "cu": "com org gob",
        "pl": "com org net gov",
        "ru": "com org msk spb",
        "by": "com org gov",
        "kz": "com org gov",
        "vn": "com org gov",
        "ir": "co org gov ac",
        "cy": "com org gov",
        "mt": "com org gov",
    }.items()
    for second in seconds.split()
)
# labels a site puts before its own domain for an edition or a device, not for another outlet
_EDITION_PREFIXES = frozenset(["www", "www1", "www2", "m", "mobile", "amp", "edition", "beta", "web"])


def domain_of(url: str | None) -> str | None:
    """The host of a web address, lower case, without "www."/"m."/"amp."…; None for no web address.

    A web archive's address (web.archive.org/web/<time>/<address>) gives the archived page's host.
    """
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    archived = re.match(r"(?i)(?:https?://)?(?:web\.)?archive\.org/web/[^/]+/(.+)", url)
    if archived:
        url = archived.group(1)
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host or not re.fullmatch(r"[a-z0-9.-]+", host):
        return None  # not a public name (localhost, an address of letters outside ASCII…)
    if re.fullmatch(r"[\d.]+", host):
        return None  # an IP address names no outlet
    labels = host.rstrip(".").split(".")
    while len(labels) > 2 and labels[0] in _EDITION_PREFIXES:
        labels = labels[1:]
    return ".".join(labels)


def registrable_domain(host: str) -> str:
    """The name a site registered: "news.example.co.uk" -> "example.co.uk"."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and ".".join(labels[-2:]) in _MULTI_SUFFIXES else 2
    return ".".join(labels[-keep:])


# --- names given by the input ----------------------------------------------------------------

_DOMAIN_LIKE = re.compile(r"(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}", re.I)
_NOT_A_NAME = re.compile(r"©|\(c\)|rights reserved|copyright|版权所有|版權所有|著作権|^\W*$", re.I)
_LEGAL_ENTITY = re.compile(
    r"(?:\b(?:S\.?L|S\.?A|S\.?p\.?A|S\.?r\.?l|A/S|AS|AB|ASA|Oy|GmbH|AG|KG|SE|Ltd|Limited|LLC|Inc|Corp"
    r"|Corporation|PLC|Pty|B\.?V|N\.?V|SAS|SARL|Holdings?|Group)\.?|Co\.)$",
    re.I,
)
_TAGLINE_PARTS = re.compile(r"\s+[-|–—:•·]\s+")
_URL = re.compile(r"(?i)^(?:https?:)?//\S+$")
# a page's "article:publisher" is often its page on a social network: no outlet's name
_SOCIAL = frozenset(
    ["facebook.com", "twitter.com", "x.com", "instagram.com", "t.me", "youtube.com", "linkedin.com"]
)


def _given_name(name: str | None, table: OutletTable, host: str | None = None) -> str | None:
    """A name the input gives, as the table writes it; None when it is no outlet's name.

    `host`, the article's own domain, picks the brand out of a tagline ("PortmerePost | the
    harbour's news" on portmerepost.com).
    """
    name = " ".join((name or "").split()).lstrip("@").strip()
    if not name or len(name) > 100 or _NOT_A_NAME.search(name) or _LEGAL_ENTITY.search(name):
        return None
    if _DOMAIN_LIKE.fullmatch(name) or _URL.match(name):
        named = domain_of(name)
        if named is None or registrable_domain(named) in _SOCIAL:
            return None
        known = table.for_host(named)
        if known:
            return known.name
        plain = name.removeprefix("www.").removeprefix("WWW.")
        # "Space.com" keeps the capitals its owner writes it with; "www.space.com/x" is "space.com"
        return plain if plain.lower() == registrable_domain(named) else registrable_domain(named)
    known = table.for_name(name)
    if known:
        return known.name
    parts = _TAGLINE_PARTS.split(name)
    if len(parts) > 1:  # "Breaking news and headlines - Portmere Post": the part the table knows
        known = next((k for p in parts if (k := table.for_name(p))), None)
        if known:
            return known.name
        label = registrable_domain(host).split(".")[0].replace("-", "") if host else None
        return next((p for p in parts if label and re.sub(r"\W", "", p).casefold() == label), None)
    if name.count(",") >= 2:  # "PORTMERE POST, Portmere, Valdonia": the name before the place
        name = name.split(",")[0].strip()
    return name if len(name) <= 60 else None


# --- datelines and bylines -------------------------------------------------------------------

_EDGE_LINES = 3  # lines read at each end of the text
_DATELINE = re.compile(
    r"""^\W{0,3}[^\W\d_][^()\n]{0,60}?          # the city ("ST. LOUIS"), maybe a date
        (?:\((?P<paren>[^()\n]{2,40})\)|/(?P<slash>[^/\n]{2,40})/)  # (Agency) or /Agency/
        \s*[-–—:.]""",
    re.X,
)
_DASHED_DATELINE = re.compile(  # "CITY, 6 March — Agency." (the city in capitals)
    r"^[A-ZÀ-ÝА-ЯЁІЇЄҐ][A-ZÀ-ÝА-ЯЁІЇЄҐ' .-]{2,30},[^\n.]{0,30}?\s[-–—]\s(?P<name>[^.\n]{2,40}?)\.(?:\s|$)"
)
_BYLINE = re.compile(
    r"^(?:By|Von|Par|Por|Di|Da)\s+[^,|\n]{2,60}?\s*[,|–—-]\s*(?P<name>[^,|\n]{2,40}?)\s*\.?$"
)
_SIGNATURE = re.compile(r"^(?:[-–—]+\s*(?P<dash>[^\n]{2,40}?)|\((?P<paren>[^()\n]{2,40})\))\s*\.?$")
_COPYRIGHT = re.compile(
    r"^(?:Copyright\s*©?|©)\s*(?:\d{4}\s+)?(?:The\s+)?(?P<holder>[^.,;\n]{2,40}?)\s*[.,;]"
)


def outlet_from_text(text: str, table: OutletTable) -> Outlet | None:
    """The outlet a dateline or byline in the first or last lines names, when the table knows it.

    A dateline may name any outlet of the table by its name ("WASHINGTON (CNN) —"); a byline or a
    signature line only an agency, since a newspaper's name there is as often a credit as an origin.
    """
    lines = [ln.strip()[:300] for ln in text.splitlines() if ln.strip()]
    head, tail = lines[:_EDGE_LINES], lines[-_EDGE_LINES:] if len(lines) > _EDGE_LINES else []
    for line in head:
        m = _DATELINE.match(line) or _DASHED_DATELINE.match(line)
        if m:
            found = _named(m.group(m.lastgroup or 0), table, agencies_only=m.re is _DASHED_DATELINE)
            if found:
                return found
        m = _BYLINE.match(line)
        if m and (found := _named(m.group("name"), table, agencies_only=True)):
            return found
    for line in reversed(tail or lines[1:]):
        m = _SIGNATURE.match(line) or _BYLINE.match(line) or _COPYRIGHT.match(line)
        if m and (found := _named(m.group(m.lastgroup or 0), table, agencies_only=True)):
            return found
    return None


def _named(text: str | None, table: OutletTable, *, agencies_only: bool) -> Outlet | None:
    """The outlet `text` names exactly (one of "AP/dpa" is enough); short aliases need their case."""
    for part in re.split(r"\s*[/,;&]\s*|\s+and\s+", (text or "").strip()):
        part = part.removeprefix("The ").strip()
        found = table.for_name(part)
        if not found or (agencies_only and found.kind != "agency"):
            continue
        if len(part) <= 4 and part not in (found.name, *found.aliases):
            continue  # "ap" or "Ap" is no agency's signature; "AP" is
        return found
    return None


# --- the resolution --------------------------------------------------------------------------


def resolve_outlet(raw: RawArticle, table: OutletTable | None = None) -> RawArticle:
    """The article with its outlet resolved (module docstring: the order); unchanged if none found."""
    table = table or builtin_table()
    host = domain_of(raw.url)
    known = table.for_host(host)
    outlet = (
        (known.name if known and (known.user or known.kind != "aggregator") else None)
        or _given_name(raw.outlet, table, host)
        or _text_outlet(raw.text, table)
        or (known.name if known else None)
        or (registrable_domain(host) if host else None)
    )
    return raw if outlet == raw.outlet else dataclasses.replace(raw, outlet=outlet)


def user_named(raw: RawArticle, name: str | None, table: OutletTable | None = None) -> RawArticle:
    """The article with the outlet a user named for it (the web form's field), as the table writes it.

    A user's word beats everything the article says; a blank name changes nothing.
    """
    name = " ".join((name or "").split())[:100]
    if not name:
        return raw
    return dataclasses.replace(raw, outlet=_given_name(name, table or builtin_table()) or name)


def _text_outlet(text: str, table: OutletTable) -> str | None:
    found = outlet_from_text(text, table)
    return found.name if found else None


def outlet_info(name_or_domain: str | None, table: OutletTable | None = None) -> Outlet | None:
    """The table's row for an outlet's name, alias, domain or web address; None when unknown."""
    if not name_or_domain:
        return None
    table = table or builtin_table()
    return table.for_name(name_or_domain) or table.for_host(domain_of(name_or_domain))
