"""Small invented news articles, written out in every input kind the readers accept.

Every place, person and figure here is made up (Vessmar, Lake Orrin, the Tallow Hills...). The
"good" article is the one each mixed batch must keep; the seeds are what the mutators start from.
"""

from __future__ import annotations

import gzip
import json
import uuid
from dataclasses import dataclass

# (headline, outlet, url, date, paragraphs): three invented stories
STORIES: list[tuple[str, str, str, str, list[str]]] = [
    (
        "Ferry capsizes on Lake Orrin, three dead",
        "Vessmar Courier",
        "https://courier.example/2026/03/02/orrin-ferry",
        "2026-03-02",
        [
            "Three people died and eleven were injured when a passenger ferry capsized on Lake Orrin "
            "near the town of Vessmar on Monday morning, the regional rescue service said.",
            "The ferry, the Grey Heron, was carrying 64 passengers and four crew when it overturned "
            "about 300 metres from the Vessmar pier in strong winds, according to harbour master "
            "Ilse Marrant.",
            "Rescue boats pulled 57 people from the water within an hour. Two passengers are still "
            "missing, and divers resumed the search on Tuesday.",
            "Mayor Odile Braskin said the town would hold a day of mourning on Friday. The ferry "
            "company, Orrin Lines, said it had suspended all crossings while inspectors examine "
            "the vessel.",
            "The Grey Heron was built in 1998 and last passed an inspection in October, the company said.",
        ],
    ),
    (
        "Wildfire forces 2,000 from homes in the Tallow Hills",
        "Tallow Gazette",
        "https://gazette.example/news/tallow-fire",
        "2026-07-14",
        [
            "About 2,000 residents were evacuated from villages in the Tallow Hills on Tuesday as a "
            "wildfire spread across 1,200 hectares of dry forest, fire chief Benedek Sorn said.",
            "Forty homes were destroyed in the village of Kell Crossing, and one firefighter was "
            "taken to hospital with burns.",
            "Around 350 firefighters and six water bombers were fighting the blaze, which began on "
            "Sunday near a logging road north of Kell Crossing.",
            "Officials expect rain on Thursday. Schools in the district will stay closed until Friday.",
        ],
    ),
    (
        "Bridge collapse in Port Amsel injures twelve",
        "Amsel Daily",
        "https://amsel-daily.example/a/bridge-collapse",
        "2026-11-05",
        [
            "Twelve people were injured when part of the Saltgate footbridge in Port Amsel collapsed "
            "into the canal on Wednesday evening, police said.",
            "A section of about 20 metres gave way as a crowd crossed after a football match at the "
            "nearby Lindqvist stadium, witnesses told reporters.",
            "Four of the injured were in serious condition at St Ferrol hospital, a spokeswoman for "
            "the hospital said on Thursday.",
            "The city council said the bridge, opened in 1974, had been due for repairs next spring.",
        ],
    ),
]

GOOD_STORY = (
    "Dam breach floods the valley town of Harrowmere, five people missing",
    "Harrowmere Herald",
    "https://herald.example/2026/05/19/harrowmere-dam",
    "2026-05-19",
    [
        "Five people were missing and some 400 homes were flooded after an earth dam above the town "
        "of Harrowmere gave way early on Tuesday, the district emergency office said.",
        "Water from the Pellow reservoir swept through the lower town shortly after 4 a.m., "
        "emergency coordinator Maren Toft told reporters at the town hall.",
        "Around 1,800 residents spent the night in schools and a sports hall. Army engineers were "
        "building a temporary barrier on Wednesday to protect the railway station.",
        "The dam, completed in 1962, had been inspected in February, the water authority said. "
        "Its director, Casimir Welde, promised an independent inquiry.",
    ],
)
GOOD_NAME = "harrowmere-dam-good.txt"


@dataclass(frozen=True)
class Seed:
    """One fixture file: its name (the suffix chooses the reader), its bytes, and its kind."""

    name: str
    data: bytes
    kind: str  # text, markdown, html, json, json-list, json-nested, jsonl, warc, stdin...


def record(story: tuple[str, str, str, str, list[str]]) -> dict[str, str]:
    """A story as a JSON article record, in the field names the readers look for."""
    title, outlet, url, date, paras = story
    return {"title": title, "source": outlet, "url": url, "published": date, "text": "\n\n".join(paras)}


def as_text(story: tuple[str, str, str, str, list[str]]) -> str:
    title, _outlet, _url, _date, paras = story
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def as_markdown(story: tuple[str, str, str, str, list[str]]) -> str:
    title, outlet, _url, date, paras = story
    body = "\n\n".join(paras)
    return f"# {title}\n\n*{outlet}, {date}*\n\n{body}\n"


def as_html(story: tuple[str, str, str, str, list[str]]) -> str:
    title, outlet, url, date, paras = story
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} | {outlet}</title>"
        f'<link rel="canonical" href="{url}">'
        f'<meta property="article:published_time" content="{date}T08:00:00Z">'
        f'<meta property="og:site_name" content="{outlet}"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright 2026. All rights reserved.</footer></body></html>\n"
    )


def warc_record(kind: str, headers: dict[str, str], block: bytes) -> bytes:
    """One WARC/1.0 record: its headers, a Content-Length that fits the block, the block."""
    lines = ["WARC/1.0", f"WARC-Type: {kind}"] + [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def as_warc(stories: list[tuple[str, str, str, str, list[str]]], gz: bool = False) -> bytes:
    """A small CC-NEWS-shaped archive: warcinfo, then one HTTP response per story."""
    records = [
        warc_record(
            "warcinfo",
            {
                "WARC-Date": "2026-03-02T10:00:00Z",
                "WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=1)}>",
                "Content-Type": "application/warc-fields",
            },
            b"software: invented-crawler/1.0\r\n",
        )
    ]
    for n, story in enumerate(stories, start=2):
        page = as_html(story).encode()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + (
            f"Content-Length: {len(page)}\r\n\r\n".encode() + page
        )
        records.append(
            warc_record(
                "response",
                {
                    "WARC-Target-URI": story[2],
                    "WARC-Date": f"{story[3]}T09:00:00Z",
                    "WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=n)}>",
                    "Content-Type": "application/http; msgtype=response",
                },
                http,
            )
        )
    if gz:  # one gzip member per record, as crawlers write them
        return b"".join(gzip.compress(r, mtime=0) for r in records)
    return b"".join(records)


def good_text() -> bytes:
    """The article every mixed batch must keep, as a plain-text file."""
    return as_text(GOOD_STORY).encode()


def seeds() -> list[Seed]:
    """Every input kind, from the invented stories (deterministic: same bytes every run)."""
    out: list[Seed] = []
    for n, story in enumerate(STORIES, start=1):
        out += [
            Seed(f"story{n}.txt", as_text(story).encode(), "text"),
            Seed(f"story{n}.md", as_markdown(story).encode(), "markdown"),
            Seed(f"story{n}.html", as_html(story).encode(), "html"),
            Seed(f"story{n}.json", json.dumps(record(story)).encode(), "json"),
        ]
    recs = [record(s) for s in STORIES]
    out += [
        Seed("list.json", json.dumps(recs, indent=1).encode(), "json-list"),
        Seed("nested.json", json.dumps({"status": "ok", "articles": recs}).encode(), "json-nested"),
        Seed("lines.jsonl", "\n".join(json.dumps(r) for r in recs).encode() + b"\n", "jsonl"),
        Seed("crawl.warc", as_warc(STORIES), "warc"),
        Seed("crawl.warc.gz", as_warc(STORIES, gz=True), "warc-gz"),
    ]
    gzipped = [
        Seed(s.name + ".gz", gzip.compress(s.data, mtime=0), s.kind + "-gz")
        for s in out
        if s.name.startswith("story1") or s.kind in ("jsonl", "json-list")
    ]
    unnamed = [
        Seed("stdin", s.data, "stdin-" + s.kind) for s in out if s.kind in ("text", "html", "jsonl", "json")
    ]
    return out + gzipped + unnamed[:4]
