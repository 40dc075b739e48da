"""Outlet names through the readers: HTML metadata, JSON records, WARC, the user's table, a brief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsfuse
from newsfuse.config import Settings
from newsfuse.ingest import read_bytes, read_inputs
from newsfuse.models import RawArticle
from tests.unit.ingest.test_warc import Archive

PARAGRAPHS = "".join(
    f"<p>The harbour master of Portmere said on Friday that readings number {k} from the new tide gauge "
    "on the east pier would be posted for fishing crews every hour from now on.</p>"
    for k in range(4)
)


def page(head: str = "", first: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}<title>Tide gauge fitted</title>'
        f"</head><body><article><h1>Tide gauge fitted</h1>{first}{PARAGRAPHS}</article></body></html>"
    )


def one(data: bytes | str, kind: str | None, settings: Settings | None = None) -> RawArticle:
    data = data.encode("utf-8") if isinstance(data, str) else data
    (item,) = read_bytes(data, "input", kind, settings or Settings())
    assert isinstance(item, RawArticle), item
    return item


# --- HTML metadata -----------------------------------------------------------------------------


def test_og_site_name_names_the_outlet() -> None:
    html = page('<meta property="og:site_name" content="Portmere Evening Post">')
    assert one(html, "html").outlet == "Portmere Evening Post"


def test_json_ld_publisher_names_the_outlet() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Tide gauge fitted"}
    ld["publisher"] = {"@type": "Organization", "name": "Portmere Evening Post"}
    html = page(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    assert one(html, "html").outlet == "Portmere Evening Post"


def test_application_name_when_nothing_else() -> None:
    html = page('<meta name="application-name" content="Portmere Evening Post">')
    assert one(html, "html").outlet == "Portmere Evening Post"


def test_a_page_without_metadata_falls_back_to_its_domain_after_its_dateline() -> None:
    canonical = '<link rel="canonical" href="https://www.portmere-post.example.com/2025/tide-gauge">'
    assert one(page(canonical), "html").outlet == "example.com"
    dated = one(page(canonical, "<p>PORTMERE (Reuters) — The tide gauge is in.</p>"), "html")
    assert dated.outlet == "Reuters"


def test_a_page_of_a_known_domain_gets_the_tables_name() -> None:
    canonical = '<link rel="canonical" href="https://www.theguardian.com/world/2025/tide-gauge">'
    assert one(page(canonical), "html").outlet == "The Guardian"


# --- JSON records --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"source": "Portmere Evening Post"}, "Portmere Evening Post"),
        ({"source": {"id": "pep", "name": "Portmere Evening Post"}}, "Portmere Evening Post"),
        ({"publisher": {"@type": "Organization", "name": "Portmere Evening Post"}}, "Portmere Evening Post"),
        ({"site_name": "Portmere Evening Post"}, "Portmere Evening Post"),
        ({"source_domain": "www.reuters.com"}, "Reuters"),
        ({"source": "AFP"}, "Agence France-Presse"),
        ({"url": "https://www.elpais.com/internacional/x.html"}, "El País"),
        ({"url": "https://portmere-post.example.com/x"}, "example.com"),
        ({"source": {"id": None, "name": None}, "url": "https://www.lemonde.fr/x"}, "Le Monde"),
        ({}, None),
    ],
)
def test_json_record_shapes(fields: dict[str, object], name: str | None) -> None:
    record = {"title": "Tide gauge fitted", "text": "The harbour master spoke on Friday.", **fields}
    assert one(json.dumps(record), "json").outlet == name


def test_jsonl_records_each_get_their_outlet(tmp_path: Path) -> None:
    lines = [
        {"text": "The harbour master spoke on Friday.", "url": "https://apnews.com/article/x"},
        {"text": "The harbour master spoke on Friday again.", "source": {"name": "Portmere Evening Post"}},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    outlets = [a.outlet for a in read_inputs([str(path)]) if isinstance(a, RawArticle)]
    assert outlets == ["Associated Press", "Portmere Evening Post"]


def test_markdown_front_matter_publisher() -> None:
    text = "---\ntitle: Tide gauge\npublisher: Portmere Evening Post\n---\n\nThe harbour master spoke.\n"
    assert one(text, "markdown").outlet == "Portmere Evening Post"


def test_text_file_with_an_agency_dateline() -> None:
    assert one("Tide gauge fitted\n\nPORTMERE (AFP) — The harbour master spoke.\n", "text").outlet == (
        "Agence France-Presse"
    )
    assert one("Tide gauge fitted\n\nThe harbour master spoke.\n", "text").outlet is None


# --- WARC: the record's target URI ---------------------------------------------------------------


def test_warc_records_are_named_by_their_target_uri(tmp_path: Path) -> None:
    archive = Archive()
    archive.response("https://www.dw.com/en/tide-gauge/a-1", page().encode("utf-8"))
    archive.response("https://regional.example.co.uk/tide-gauge", page().encode("utf-8"))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(archive.bytes())
    outlets = [a.outlet for a in read_inputs([str(path)]) if isinstance(a, RawArticle)]
    assert outlets == ["Deutsche Welle", "example.co.uk"]


# --- the setting ---------------------------------------------------------------------------------


def test_setting_outlets_extends_the_table(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text(
        "# our local papers\ndomain,name,country,language,kind,aliases\n"
        "portmere-post.example.com,Portmere Evening Post,GB,en,newspaper,PEP\n",
        encoding="utf-8",
    )
    settings = Settings(outlets=str(mine))
    record = {"text": "The harbour master spoke.", "url": "https://portmere-post.example.com/x"}
    assert one(json.dumps(record), "json", settings).outlet == "Portmere Evening Post"
    assert one(json.dumps(record), "json").outlet == "example.com"
    before = settings.fingerprint()
    mine.write_text(mine.read_text(encoding="utf-8").replace("Evening", "Morning"), encoding="utf-8")
    assert Settings(outlets=str(mine)).fingerprint() != before  # a kept brief is not reused


def test_a_bad_outlets_setting_is_refused_when_given(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        Settings(outlets=str(tmp_path / "missing.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "# ours\ndomain,name,country,language,kind\n\nexample.com,Example,ZZ,en,newspaper\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"bad\.csv, line 4: country 'ZZ'"):
        Settings(outlets=str(bad))


# --- a brief -------------------------------------------------------------------------------------


def test_brief_names_outlets_and_shows_file_names_only(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "private" / "folder"
    folder.mkdir(parents=True)
    texts = [
        ("https://www.reuters.com/world/portmere-pier", "At least 12 people were killed when the pier fell."),
        ("https://portmere-post.example.com/pier", "Twelve people were killed when the east pier fell."),
    ]
    records = [
        {
            "title": f"Pier collapse in Portmere ({n})",
            "url": url,
            "text": f"PORTMERE, 14 March 2025 — {text} "
            "The harbour master said the east pier of Portmere collapsed on Friday morning during a storm. "
            "Rescue crews searched the water through the night.",
        }
        for n, (url, text) in enumerate(texts, start=1)
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (folder / "wire.txt").write_text(
        "Pier collapse in Portmere\n\nPORTMERE (AFP) — Twelve people died when the east pier of Portmere "
        "collapsed on Friday morning during a storm, the harbour master said.\n",
        encoding="utf-8",
    )
    brief = newsfuse.brief(str(folder), group=False)
    outlets = {s.outlet for s in brief.sources}
    assert outlets == {"Reuters", "example.com", "Agence France-Presse"}
    data = json.loads(brief.to_json())
    assert {s["outlet"] for s in data["sources"]} == outlets
    countries = {s["outlet"]: (s["outlet_country"], s["outlet_kind"]) for s in data["sources"]}
    assert countries == {
        "Reuters": ("GB", "agency"),
        "Agence France-Presse": ("FR", "agency"),
        "example.com": (None, None),
    }
    assert all(s["path"].startswith(str(folder)) for s in data["sources"])  # the JSON keeps the path as given
    markdown = brief.to_markdown()
    assert "Reuters" in markdown and "Agence France-Presse" in markdown
    assert str(tmp_path) not in markdown and "private" not in markdown
    assert "file `feed.jsonl` (record 1)" in markdown and "file `wire.txt`" in markdown


# --- the web form's pasted text ------------------------------------------------------------------


def test_pasted_text_takes_the_outlet_the_user_names() -> None:
    from newsfuse.web.uploads import _read, pasted_upload

    text = "PORTMERE (AFP) — The harbour master said the east pier would stay closed."
    named = pasted_upload(text, "Pier closed", " Portmere Evening Post ")
    alias = pasted_upload(text, "Pier closed", "AP")
    unnamed = pasted_upload(text, "Pier closed", "  ")
    assert named and alias and unnamed
    outlets = [a.outlet for a in _read([named, alias, unnamed], Settings()) if isinstance(a, RawArticle)]
    assert outlets == ["Portmere Evening Post", "Associated Press", "Agence France-Presse"]
