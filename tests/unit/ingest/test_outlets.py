"""Outlet names: the table as data, domains, the order of resolution, datelines and bylines."""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from newsfuse.ingest.outlets import (
    KINDS,
    builtin_table,
    domain_of,
    load_table,
    outlet_from_text,
    outlet_info,
    registrable_domain,
    resolve_outlet,
)
from newsfuse.models import RawArticle

BODY = "The harbour master said the east pier would stay closed until the tide gauge was repaired."


def table_rows() -> list[dict[str, str]]:
    text = resources.files("newsfuse.data").joinpath("outlets.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


# --- the table ---------------------------------------------------------------------------------


def test_table_rows_are_valid() -> None:
    rows = table_rows()
    assert len(rows) >= 300
    domains = [r["domain"] for r in rows]
    assert len(domains) == len(set(domains)), "a domain is listed twice"
    for r in rows:
        assert r["domain"] == r["domain"].strip().lower() and not r["domain"].startswith("www."), r
        assert r["name"].strip(), r
        assert pycountry.countries.get(alpha_2=r["country"]), f"{r['domain']}: country {r['country']}"
        assert len(r["language"]) == 2 and pycountry.languages.get(alpha_2=r["language"]), r
        assert r["kind"] in KINDS, r


def test_table_covers_the_wire_agencies_and_many_languages() -> None:
    rows = table_rows()
    agencies = {r["name"] for r in rows if r["kind"] == "agency"}
    for name in ("Reuters", "Associated Press", "Agence France-Presse", "Xinhua", "TASS", "Kyodo News"):
        assert name in agencies
    languages = {r["language"] for r in rows}
    assert {"en", "fr", "de", "es", "it", "pt", "ru", "uk", "ar", "zh", "ja", "tr", "pl", "nl"} <= languages


def test_every_alias_names_one_outlet() -> None:
    """An alias shared by two different outlets would name either at random."""
    seen: dict[str, str] = {}
    for r in table_rows():
        for alias in [r["name"], *filter(None, r["aliases"].split("|"))]:
            key = alias.casefold()
            assert seen.setdefault(key, r["name"]) == r["name"], f"{alias!r}: {seen[key]} and {r['name']}"


def test_outlet_info_by_name_alias_domain_and_address() -> None:
    assert outlet_info("Reuters").country == "GB"  # type: ignore[union-attr]
    assert outlet_info("AFP").name == "Agence France-Presse"  # type: ignore[union-attr]
    assert outlet_info("lemonde.fr").language == "fr"  # type: ignore[union-attr]
    info = outlet_info("https://www.spiegel.de/politik/a-1.html")
    assert info is not None and (info.name, info.country, info.language) == ("Der Spiegel", "DE", "de")
    assert outlet_info("Harbour Gazette") is None
    assert outlet_info("") is None


# --- domains -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.reuters.com/world/x", "reuters.com"),
        ("https://edition.cnn.com/2025/03/12/x.html", "cnn.com"),
        ("http://m.example-news.com:8080/a?b=c", "example-news.com"),
        ("https://amp.theguardian.com/x", "theguardian.com"),
        ("example-news.com/a/b", "example-news.com"),
        ("http://web.archive.org/web/20140215012040/http://www.waff.com:80/story/1", "waff.com"),
        ("https://10.0.0.7/a", None),
        ("http://localhost:8000/a", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_domain_of(url: str | None, host: str | None) -> None:
    assert domain_of(url) == host


@pytest.mark.parametrize(
    ("host", "registered"),
    [
        ("news.example-news.com", "example-news.com"),
        ("sport.example.co.uk", "example.co.uk"),
        ("example.com.au", "example.com.au"),
        ("a.b.example.co.jp", "example.co.jp"),
        ("example.de", "example.de"),
    ],
)
def test_registrable_domain(host: str, registered: str) -> None:
    assert registrable_domain(host) == registered


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.bbc.co.uk/news/world-1", "BBC"),
        ("https://news.bbc.co.uk/2/hi/europe/1.stm", "BBC"),  # a subdomain of a multi-part suffix
        ("https://www.smh.com.au/world/x.html", "The Sydney Morning Herald"),
        ("https://www.nzherald.co.nz/world/x", "The New Zealand Herald"),
        ("https://g1.globo.com/mundo/x.ghtml", "g1"),  # the longest known domain wins
        ("https://oglobo.globo.com/mundo/x", "O Globo"),
        ("https://www.yna.co.kr/view/AKR1", "Yonhap"),
        ("https://tass.ru/proisshestviya/1", "TASS"),
    ],
)
def test_url_domain_through_the_table(url: str, name: str) -> None:
    assert resolve_outlet(RawArticle(text=BODY, path="a.html", url=url)).outlet == name


def test_unknown_domain_falls_back_to_the_registrable_domain_never_a_path() -> None:
    raw = RawArticle(
        text=BODY, path="/home/someone/news/a.html", url="https://news.unknown-daily.co.uk/a/b.html"
    )
    assert resolve_outlet(raw).outlet == "unknown-daily.co.uk"
    assert resolve_outlet(RawArticle(text=BODY, path="/home/someone/news/a.txt")).outlet is None


# --- the order of resolution -------------------------------------------------------------------


def test_the_table_beats_a_name_the_input_gives() -> None:
    """One outlet, one name, whatever its page's metadata or a feed calls it."""
    for given in ("DER SPIEGEL, Hamburg, Germany", "spiegel.de", "Spiegel Online"):
        raw = RawArticle(text=BODY, path="a.html", url="https://www.spiegel.de/politik/x", outlet=given)
        assert resolve_outlet(raw).outlet == "Der Spiegel"


def test_a_given_name_beats_an_aggregators_domain_and_an_unknown_domain() -> None:
    syndicated = RawArticle(
        text=BODY, path="a", url="https://news.yahoo.com/x", outlet="The Associated Press"
    )
    assert resolve_outlet(syndicated).outlet == "Associated Press"
    plain = RawArticle(text=BODY, path="a", url="https://news.yahoo.com/x")
    assert resolve_outlet(plain).outlet == "Yahoo News"
    unknown = RawArticle(text=BODY, path="a", url="https://portmere-post.co.uk/x", outlet="Portmere Post")
    assert resolve_outlet(unknown).outlet == "Portmere Post"


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("reuters.com", "Reuters"),  # a domain given as a name: the table's name
        ("www.Example-News.com", "Example-News.com"),
        ("AP", "Associated Press"),  # an alias: the table's name
        ("  The   Harbour   Gazette ", "The Harbour Gazette"),
        ("@HarbourGazette", "HarbourGazette"),  # a handle from twitter:site
        ("https://harbour-gazette.example.org/", "example.org"),
        ("HARBOUR GAZETTE, Portmere, Valdonia", "HARBOUR GAZETTE"),
        ("Breaking news and headlines - Reuters", "Reuters"),
        ("Portmere-Post.co.uk", "Portmere-Post.co.uk"),  # the owner's capitals
        ("Portmere Post | the harbour's own news", "Portmere Post"),  # the part the domain names
        # no outlet's name: the URL's domain names it
        ("https://www.facebook.com/harbourgazette", "portmere-post.co.uk"),
        ("© 2025 Harbour Gazette Ltd. All rights reserved.", "portmere-post.co.uk"),
        ("Harbour Media Holdings Ltd", "portmere-post.co.uk"),
        ("Ediciones Portmere S.L.", "portmere-post.co.uk"),
        ("港湾新闻版权所有", "portmere-post.co.uk"),
        ("Breaking news and headlines - Portmere", "portmere-post.co.uk"),
    ],
)
def test_given_names_are_cleaned(given: str, name: str) -> None:
    raw = RawArticle(text=BODY, path="a", url="https://portmere-post.co.uk/x", outlet=given)
    assert resolve_outlet(raw).outlet == name


def test_the_table_beats_a_dateline() -> None:
    raw = RawArticle(text=f"PARIS (AFP) — {BODY}", path="a", url="https://www.lemonde.fr/x")
    assert resolve_outlet(raw).outlet == "Le Monde"


def test_a_dateline_beats_the_bare_domain() -> None:
    raw = RawArticle(text=f"PARIS (AFP) — {BODY}", path="a", url="https://regional-daily.example.fr/x")
    assert resolve_outlet(raw).outlet == "Agence France-Presse"


def test_the_users_table_beats_everything(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text(
        "domain,name,country,language,kind,aliases\n"
        "example-news.com,Example News,GB,en,newspaper,EN Daily\n"
        "reuters.com,Reuters (our desk),GB,en,agency,\n",
        encoding="utf-8",
    )
    table = load_table(mine)
    assert len(table) == len(builtin_table()) + 1
    given = RawArticle(text=BODY, path="a", url="https://www.example-news.com/x", outlet="Something Else")
    assert resolve_outlet(given, table).outlet == "Example News"
    assert resolve_outlet(RawArticle(text=BODY, path="a", url="https://reuters.com/x"), table).outlet == (
        "Reuters (our desk)"
    )
    assert resolve_outlet(RawArticle(text=BODY, path="a", outlet="EN Daily"), table).outlet == "Example News"
    info = outlet_info("Example News", table)
    assert info is not None and (info.country, info.language, info.user) == ("GB", "en", True)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("domain,name\nexample.com,Example\n", "missing country"),
        ("domain,name,country,language,kind\nexample.com,Example,XX,en,newspaper\n", "line 2: country 'XX'"),
        ("domain,name,country,language,kind\nexample.com,Example,GB,eng,newspaper\n", "language 'eng'"),
        ("domain,name,country,language,kind\nexample.com,,GB,en,newspaper\n", "no name"),
        ("domain,name,country,language,kind\nexample/x,Example,GB,en,newspaper\n", "not a domain"),
        ("domain,name,country,language,kind\nexample.com,Example,GB,en,blog\n", "kind 'blog'"),
    ],
)
def test_a_bad_user_table_is_refused_naming_its_line(tmp_path: Path, content: str, problem: str) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        load_table(mine)


# --- datelines and bylines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (f"KESSARA (Reuters) — {BODY}", "Reuters"),
        (f"ST. LOUIS (AP) — {BODY}", "Associated Press"),
        (f"Portmere, March 3 (Reuters) - {BODY}", "Reuters"),
        (f"ROMA, 3 marzo (ANSA) - {BODY}", "ANSA"),
        (f"BERLIN (dpa) - {BODY}", "Deutsche Presse-Agentur"),
        (f"WASHINGTON (AP/dpa) — {BODY}", "Associated Press"),
        (f"КИЕВ, 6 января. /ТАСС/. {BODY}", "TASS"),
        (f"МОСКВА, 6 янв — РИА Новости. {BODY}", "RIA Novosti"),
        (f"ANKARA (AA) - {BODY}", "Anadolu Agency"),
        (f"WASHINGTON (CNN) — {BODY}", "CNN"),  # a dateline may name any outlet of the table
        (f"Harbour works delayed\n\nBy Jane Doe, Associated Press\n\n{BODY}", "Associated Press"),
        (f"Harbour works delayed\n\nBy Jane Doe and John Roe | Reuters\n\n{BODY}", "Reuters"),
        (f"{BODY}\n{BODY}\n{BODY}\n{BODY}\n— AFP", "Agence France-Presse"),
        (f"{BODY}\n{BODY}\n{BODY}\n{BODY}\n(dpa)", "Deutsche Presse-Agentur"),
        (f"{BODY}\n{BODY}\n{BODY}\n{BODY}\n-- Reuters\nShare this article", "Reuters"),
        (
            f"{BODY}\n{BODY}\n{BODY}\nCopyright 2025 The Associated Press. All rights reserved.",
            "Associated Press",
        ),
        (f"{BODY}\n{BODY}\n{BODY}\n© 2025 AFP. All rights reserved.", "Agence France-Presse"),
    ],
)
def test_datelines_and_bylines_name_known_outlets(text: str, name: str) -> None:
    found = outlet_from_text(text, builtin_table())
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    "text",
    [
        f"Reuters reported that {BODY}",  # a mention, not a dateline
        f"KESSARA (Harbour Gazette) — {BODY}",  # a name the table does not know
        f"KESSARA (ap) — {BODY}",  # a short alias in the wrong case
        f"The mayor (AP photo) said — {BODY}",
        f"Harbour works delayed\n\nBy Jane Doe, Staff Writer\n\n{BODY}",
        f"Harbour works delayed\n\nBy Jane Doe, The New York Times\n\n{BODY}",  # bylines: agencies only
        f"{BODY}\n{BODY}\n{BODY}\n{BODY}\nReuters contributed to this report.",
        f"{BODY}\n{BODY}\n{BODY}\n{BODY}\n— The Guardian",  # a signature: agencies only
        f"{BODY}\n{BODY}\n{BODY}\n© 2025 Portmere Media Ltd. All rights reserved.",
        f"{BODY}\n{BODY}\n{BODY}\nCopyright 2025 The New York Times Company.",  # agencies only
        f"{BODY}\n{BODY}\n{BODY}\n(CNS)",  # a local wire's initials, no agency of the table
        f"{BODY}\n{BODY}\n{BODY}\nPARIS (AFP) — a quoted wire item.\n{BODY}\n{BODY}\n{BODY}\n{BODY}",
        f"Police said on Tuesday - Reuters. {BODY}",  # a dash dateline needs a city in capitals
        "",
    ],
)
def test_no_outlet_where_the_text_names_none(text: str) -> None:
    assert outlet_from_text(text, builtin_table()) is None
