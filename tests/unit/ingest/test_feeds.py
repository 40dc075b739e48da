"""Feeds, OPML and feed lists read offline (`ingest.feed`, `ingest.opml`, `ingest.feed_list`).

Every feed is built here for invented outlets. Nothing is fetched: `fetch_pages` is off where a feed is
read as an input, and the feed-list tests never name an OPML URL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest import read_bytes, read_inputs
from newsfuse.ingest.feed import FeedEntry, entry_articles, looks_like_feed, parse_feed
from newsfuse.ingest.feed_list import feed_list
from newsfuse.ingest.opml import looks_like_opml, parse_opml
from newsfuse.models import RawArticle

OFFLINE = dataclasses.replace(Settings(), fetch_pages=False)

BODY_1 = (
    "The harbour board of Lowmere voted on Tuesday to reopen the north ferry slip after a winter of repairs. "
    "Crossings resume in April, the board said."
)
BODY_2 = "Volunteers in Carrowdale counted 412 wading birds on the estuary, the highest tally in a decade."

RSS20 = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Lowmere Tidings</title>
  <link>https://tidings.example.org/</link>
  <item>
    <title>Ferry slip to reopen</title>
    <link>/news/ferry-slip</link>
    <guid isPermaLink="false">tidings-1001</guid>
    <pubDate>Tue, 11 Mar 2025 09:15:00 +0000</pubDate>
    <dc:creator>Ana Verlaine</dc:creator>
    <description>Short teaser only.</description>
    <content:encoded><![CDATA[<p>{BODY_1.split(". ")[0]}.</p>
      <p>{BODY_1.split(". ")[1]}</p>]]></content:encoded>
  </item>
  <item>
    <title>Birds counted</title>
    <link>https://tidings.example.org/news/birds</link>
    <pubDate>Wed, 12 Mar 2025 23:30:00 +0100</pubDate>
    <description>&lt;p&gt;{BODY_2}&lt;/p&gt;</description>
  </item>
</channel>
</rss>
""".encode()

RSS091 = b"""<?xml version="1.0"?>
<rss version="0.91"><channel><title>Carrowdale Post</title><link>http://post.example.net/</link>
<item><title>Estuary count</title><link>http://post.example.net/estuary</link>
<description>Volunteers counted 412 wading birds on the estuary on Sunday.</description></item>
</channel></rss>
"""

RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://bulletin.example.com/"><title>Fenwick Bulletin</title>
    <link>http://bulletin.example.com/</link><description>d</description>
    <items><rdf:Seq><rdf:li resource="http://bulletin.example.com/a1"/></rdf:Seq></items></channel>
  <item rdf:about="http://bulletin.example.com/a1"><title>Mill reopens</title>
    <link>http://bulletin.example.com/a1</link>
    <description>The old mill at Fenwick reopened as a museum on Saturday.</description>
    <dc:date>2025-02-01T08:00:00Z</dc:date></item>
</rdf:RDF>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://courier.example.org/">
  <title>Ostby Courier</title><link href="https://courier.example.org/"/>
  <id>urn:courier</id><updated>2025-03-01T10:00:00Z</updated>
  <entry><title type="html">Bridge &lt;em&gt;closed&lt;/em&gt;</title>
    <link rel="alternate" href="articles/bridge"/>
    <id>urn:courier:bridge</id><updated>2025-03-01T10:00:00Z</updated>
    <author><name>Pim Ostrander</name></author>
    <content type="html">&lt;p&gt;The Ostby bridge closed for inspection.&lt;/p&gt;
      &lt;p&gt;It reopens Monday.&lt;/p&gt;</content>
  </entry>
  <entry><title>Summary only</title><id>urn:courier:s</id><updated>2025-03-02T10:00:00Z</updated>
    <summary>Council meets on Thursday to set the harbour fees.</summary></entry>
</feed>
"""


def _items(
    data: bytes, name: str = "tidings.rss", settings: Settings = OFFLINE
) -> list[RawArticle | InputError]:
    return list(read_bytes(data, name, None, settings))


def test_rss20_entries_and_their_fields() -> None:
    feed = parse_feed(RSS20, "tidings.rss")
    assert feed.title == "Lowmere Tidings" and feed.link == "https://tidings.example.org/"
    first, second = feed.entries
    assert first.key == "tidings-1001"
    assert first.link == "https://tidings.example.org/news/ferry-slip"  # relative, resolved on the site link
    assert first.title == "Ferry slip to reopen" and first.author == "Ana Verlaine"
    assert first.published == "2025-03-11T09:15:00+00:00"
    assert (
        first.content
        == "The harbour board of Lowmere voted on Tuesday to reopen the north ferry slip after a "
        "winter of repairs.\nCrossings resume in April, the board said."
    )  # content over the teaser, paragraphs kept
    assert first.outlet == "Lowmere Tidings"
    assert second.key == "https://tidings.example.org/news/birds"  # no guid: the link
    assert second.content == BODY_2  # an escaped-HTML description, as text
    assert second.published == "2025-03-12T23:30:00+01:00"  # the publisher's own day and zone


def test_feed_base_url_resolves_relative_links() -> None:
    feed = parse_feed(
        RSS20, "https://mirror.example.com/feeds/t.xml", base="https://mirror.example.com/feeds/t.xml"
    )
    assert feed.entries[0].link == "https://mirror.example.com/news/ferry-slip"


@pytest.mark.parametrize(
    ("data", "outlet", "link", "published"),
    [
        (RSS091, "Carrowdale Post", "http://post.example.net/estuary", None),
        (RSS10, "Fenwick Bulletin", "http://bulletin.example.com/a1", "2025-02-01T08:00:00+00:00"),
        (ATOM, "Ostby Courier", "https://courier.example.org/articles/bridge", "2025-03-01T10:00:00+00:00"),
    ],
)
def test_other_feed_formats(data: bytes, outlet: str, link: str, published: str | None) -> None:
    assert looks_like_feed(data)
    entry = parse_feed(data, "f.xml").entries[0]
    assert (entry.outlet, entry.link, entry.published) == (outlet, link, published)
    assert entry.content and "<" not in entry.content


def test_atom_fields() -> None:
    bridge, summary = parse_feed(ATOM, "courier.atom").entries
    assert bridge.title == "Bridge closed" and bridge.author == "Pim Ostrander"
    assert bridge.content == "The Ostby bridge closed for inspection.\nIt reopens Monday."
    assert summary.link is None and summary.content == "Council meets on Thursday to set the harbour fees."


def test_entry_key_is_stable_without_id_or_link() -> None:
    data = (
        b'<rss version="2.0"><channel><title>T</title><item><title>A</title><description>x y</description>'
        b"</item></channel></rss>"
    )
    one, two = parse_feed(data, "a").entries[0], parse_feed(data, "b").entries[0]
    assert one.key == two.key and one.key.startswith("sha1:")


def test_feed_file_is_read_from_the_entries_own_text(tmp_path: Path) -> None:
    """fetch_pages off: every entry is an article from its own text, dated and named by the feed."""
    path = tmp_path / "tidings.xml"  # .xml: sniffed
    path.write_bytes(RSS20)
    items = list(read_inputs([str(path)], OFFLINE))
    assert all(isinstance(i, RawArticle) for i in items), items
    first, second = items
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert first.text.startswith("The harbour board of Lowmere") and first.title == "Ferry slip to reopen"
    assert first.url == "https://tidings.example.org/news/ferry-slip" and first.path == first.url
    assert first.outlet == "Lowmere Tidings" and first.published == dt.date(2025, 3, 11)
    assert second.published == dt.date(2025, 3, 12)


def test_feed_suffixes_and_folders(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.rss").write_bytes(RSS091)
    (tmp_path / "in" / "b.atom").write_bytes(ATOM)
    items = list(read_inputs([str(tmp_path / "in")], OFFLINE))
    assert [i.title for i in items if isinstance(i, RawArticle)] == [
        "Estuary count",
        "Bridge closed",
        "Summary only",
    ]


def test_entry_without_text_is_one_error_naming_its_link() -> None:
    data = (
        b'<rss version="2.0"><channel><title>G</title><item><title>Ferry back</title>'
        b"<link>https://gazette.example.org/f</link></item></channel></rss>"
    )
    (item,) = _items(data)
    assert isinstance(item, InputError) and item.path == "https://gazette.example.org/f"
    assert "no text" in item.problem and "fetch_pages" in item.problem


def test_malformed_feed_without_entries_is_one_error() -> None:
    (item,) = _items(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</ti', "broken.rss")
    assert isinstance(item, InputError) and item.path == "broken.rss"
    assert item.problem.startswith("malformed feed XML (line 1:")


def test_malformed_feed_with_entries_is_read_with_a_note(caplog: pytest.LogCaptureFixture) -> None:
    data = (
        b'<rss version="2.0"><channel><title>Half</title><item><title>One</title>'
        b"<description>Text of the one entry.</description></item><item><title>b</item></channel>"
    )
    with caplog.at_level(logging.WARNING, logger="newsfuse"):
        items = _items(data, "half.rss")
    assert any(isinstance(i, RawArticle) and i.text == "Text of the one entry." for i in items)
    assert any("half.rss: feed XML is not well formed" in r.getMessage() for r in caplog.records)


def test_html_page_given_as_a_feed() -> None:
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body><p>Hello.</p></body></html>"
    with pytest.raises(InputError, match="not a feed: an HTML page"):
        parse_feed(page, "page.rss")
    (item,) = _items(page, "page.rss", OFFLINE)
    # read_bytes with no kind sniffs it as the HTML page it is; named .rss it is refused
    assert isinstance(item, (RawArticle, InputError))
    (item,) = list(read_bytes(page, "page.rss", "feed", OFFLINE))
    assert isinstance(item, InputError) and item.problem == "not a feed: an HTML page"


def test_empty_feed_is_one_error() -> None:
    (item,) = _items(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "quiet.rss")
    assert isinstance(item, InputError) and item.problem == "feed has no entries"


XXE_FEED = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://SECRET">]>
<rss version="2.0"><channel><title>Leak &secret;</title>
<item><title>Entry &secret;</title><link>https://x.example.org/1</link>
<description>Body &secret; text.</description></item></channel></rss>
"""


def _lol(root: bytes) -> bytes:
    ents = b'<!ENTITY l0 "lollollollollol">' + b"".join(
        b'<!ENTITY l%d "%s">' % (n, b"".join(b"&l%d;" % (n - 1) for _ in range(10))) for n in range(1, 10)
    )
    return b'<?xml version="1.0"?><!DOCTYPE r [' + ents + b"]>" + root


def test_feed_entities_never_read_files_or_blow_up(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4471", encoding="utf-8")
    items = _items(XXE_FEED.replace(b"SECRET", str(secret).encode()), "xxe.rss")
    assert "TOPSECRET" not in repr(items)
    bomb = _lol(
        b'<rss version="2.0"><channel><title>&l9;</title><item><title>t</title>'
        b"<description>&l9;</description></item></channel></rss>"
    )
    items = _items(bomb, "bomb.rss")
    assert sum(len(i.text) if isinstance(i, RawArticle) else len(str(i)) for i in items) < 10_000


def test_opml_entities_never_read_files_or_blow_up(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("http://TOPSECRET.example.org/feed", encoding="utf-8")
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY s SYSTEM "file://' + str(secret).encode() + b'">]>'
        b'<opml version="2.0"><head><title>&s;</title></head><body>'
        b'<outline xmlUrl="https://ok.example.org/f.xml"/></body></opml>'
    )
    assert parse_opml(xxe, "subs.opml") == ["https://ok.example.org/f.xml"]
    in_attribute = xxe.replace(b'xmlUrl="https://ok.example.org/f.xml"', b'xmlUrl="&s;"')
    with pytest.raises(InputError, match="external entity") as caught:
        parse_opml(in_attribute, "subs.opml")
    assert "TOPSECRET" not in str(caught.value)
    bomb = _lol(
        b'<opml version="2.0"><body><outline text="&l9;" xmlUrl="https://b.example.org/x"/></body></opml>'
    )
    try:
        urls = parse_opml(bomb, "bomb.opml")
    except InputError as exc:
        assert exc.path == "bomb.opml"
    else:
        assert urls == ["https://b.example.org/x"]


OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="Local"><outline text="Tidings" type="rss" xmlUrl="https://tidings.example.org/feed.xml"/>
    <outline text="Deeper"><outline text="Post" xmlUrl="http://post.example.net/rss"/></outline></outline>
  <outline text="Tidings again" xmlUrl="https://tidings.example.org/feed.xml"/>
  <outline text="Not http" xmlUrl="ftp://files.example.org/feed"/>
  <outline text="Folder with no url"/>
</body></opml>
"""


def test_opml_nested_deduplicated_http_only() -> None:
    assert looks_like_opml(OPML) and not looks_like_feed(OPML)
    assert parse_opml(OPML, "subs.opml") == [
        "https://tidings.example.org/feed.xml",
        "http://post.example.net/rss",
    ]


def test_malformed_opml_is_one_error() -> None:
    with pytest.raises(InputError, match=r"subs.opml: malformed OPML"):
        parse_opml(b"<opml><body><outline xmlUrl='x'></body>", "subs.opml")


def test_feed_list_from_urls_files_and_opml(tmp_path: Path) -> None:
    urls = tmp_path / "feeds.txt"
    urls.write_text(
        "# my feeds\n\nhttps://a.example.org/rss   # the A feed\nhttp://b.example.org/atom.xml\n"
        "not a url\nhttps://a.example.org/rss\n",
        encoding="utf-8",
    )
    opml = tmp_path / "subs.opml"
    opml.write_bytes(OPML)
    feeds, problems = feed_list(
        ["https://c.example.org/feed", str(urls), str(opml), str(tmp_path / "missing.txt")], Settings()
    )
    assert feeds == [
        "https://c.example.org/feed",
        "https://a.example.org/rss",
        "http://b.example.org/atom.xml",
        "https://tidings.example.org/feed.xml",
        "http://post.example.net/rss",
    ]
    assert [str(p) for p in problems] == [
        f"{urls}:5: not an http(s) URL: 'not a url'",
        f"{tmp_path / 'missing.txt'}: no such file or directory",
    ]


def test_feed_list_refuses_a_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "t.rss"
    path.write_bytes(RSS20)
    feeds, (problem,) = feed_list([str(path)], Settings())
    assert feeds == [] and "a feed file, not a list of feeds" in problem.problem


def test_entry_articles_without_a_fetcher_keep_order() -> None:
    entries = [
        FeedEntry("k1", "https://x.example.org/1", "One", None, None, "First text.", "X"),
        FeedEntry("k2", None, "Two", None, None, None, "X"),
        FeedEntry("k3", "https://x.example.org/3", "Three", "2025-01-02T00:00:00+00:00", None, "Third.", "X"),
    ]
    got = list(entry_articles(entries, None, Settings(), "x.rss"))
    assert [e.key for e, _ in got] == ["k1", "k2", "k3"]
    assert isinstance(got[1][1], InputError) and got[1][1].where == "x.rss:2"
    assert isinstance(got[2][1], RawArticle) and got[2][1].published == dt.date(2025, 1, 2)


def test_entry_articles_come_out_checked_as_read_inputs_gives_them() -> None:
    """For the watch loop too: a far date dropped, the outlet resolved (here from the link's domain)."""
    entry = FeedEntry(
        "k", "https://news.tidings.example.org/a", "A", "9999-12-31T00:00:00+00:00", None, "Text.", None
    )
    ((_, article),) = entry_articles([entry], None, Settings(), "x.rss")
    assert isinstance(article, RawArticle) and article.published is None
    assert article.outlet == "example.org"


_FRAGMENTS = [
    b'<?xml version="1.0"?>',
    b"<rss version='2.0'>",
    b"<channel>",
    b"<title>T &amp; x</title>",
    b"<item>",
    b"<link>/a b</link>",
    b"<guid>g</guid>",
    b"<description>&lt;p&gt;x</description>",
    b"</item>",
    b"<pubDate>Tue, 99 Foo 2025</pubDate>",
    b"<![CDATA[<p>y",
    b"]]>",
    b"<!DOCTYPE x [<!ENTITY e 'v'>]>",
    b"&e;",
    b"\xff\xfe",
    b"\x00",
    b"<feed xmlns='http://www.w3.org/2005/Atom'>",
    b"<entry>",
    b"</channel></rss>",
    b"<opml>",
    b"<outline xmlUrl='http://a.example.org/f'/>",
    b"</opml>",
    "é".encode(),
    b"<html><body>",
]


@given(st.lists(st.sampled_from(_FRAGMENTS) | st.binary(max_size=20), max_size=25))
@settings(max_examples=150, deadline=None)
def test_any_bytes_are_a_feed_or_one_input_error(parts: list[bytes]) -> None:
    """Feed and OPML parsing never raise anything but an InputError naming the input, whatever the bytes."""
    data = b"".join(parts)
    for parse in (parse_feed, parse_opml):
        try:
            parse(data, "fuzz.xml")  # type: ignore[operator]
        except InputError as exc:
            assert exc.path == "fuzz.xml" and "\n" not in exc.problem
    items = list(read_bytes(data, "fuzz.rss", "feed", OFFLINE))
    assert items and all(isinstance(i, (RawArticle, InputError)) for i in items)
