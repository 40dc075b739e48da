"""A CC-NEWS-shaped WARC.gz through the front doors: `newsfuse.ingest` into a store, `newsfuse brief`.

Three fictional reports of one story, a redirect, an image and a last record cut short by a broken
download: the three articles are stored and briefed with their URLs, the cut is one error line.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsfuse
from newsfuse.store import open_store

NEWSFUSE = Path(sys.executable).parent / "newsfuse"

REPORTS = [
    (
        "Fire destroys net store at Portmere harbour",
        [
            "A fire destroyed a timber net store on the quay at Portmere harbour late on Tuesday, the county "
            "fire service said, and crews fought the flames for four hours.",
            "Nobody was injured, but harbour master Owen Treloar said twelve fishing crews had lost nets and "
            "floats worth about 80,000 pounds.",
            "Investigators will examine the building on Thursday. The cause of the fire is not yet known.",
        ],
    ),
    (
        "Portmere fishing crews count cost of quay fire",
        [
            "Fishing crews in Portmere were counting the cost on Wednesday after fire swept through a net "
            "store on the harbour quay on Tuesday night.",
            "Harbour master Owen Treloar said the blaze had destroyed nets belonging to twelve crews, a loss "
            "he put at roughly 80,000 pounds.",
            "The county fire service said four engines attended and that nobody had been hurt.",
        ],
    ),
    (
        "Cause of Portmere harbour fire still unknown",
        [
            "Fire investigators said on Wednesday they had not yet found the cause of the blaze that "
            "gutted a net store at Portmere harbour on Tuesday.",
            "The county fire service said crews from four stations had stopped the fire reaching a fuel "
            "store at the end of the quay.",
            "Owen Treloar, the harbour master, said the fishing fleet would sail again by the weekend with "
            "borrowed nets.",
        ],
    ),
]


def report_page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta property="article:published_time" content="2025-05-07T09:00:00Z">'
        f"<title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def cc_news_archive(path: Path) -> list[str]:
    """The archive, cut halfway through its last record; the URLs of the good articles."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))

    def response(
        url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
    ) -> None:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        )

    urls = []
    for n, (title, paragraphs) in enumerate(REPORTS):
        url = f"https://outlet{n}.example/news/portmere-fire"
        response(url, report_page(title, paragraphs))
        urls.append(url)
    response("https://outlet0.example/old", b"", status="301 Moved Permanently")
    response("https://outlet0.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50, content_type="image/png")
    response("https://outlet9.example/news/cut", report_page("Cut off", REPORTS[0][1]))
    data = buf.getvalue()
    last_start = 0
    while True:  # walk the gzip members (one per record) to the last one
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(data[last_start:])
        if not inflater.unused_data:
            break
        last_start = len(data) - len(inflater.unused_data)
    path.write_bytes(data[: (last_start + len(data)) // 2])
    return urls


def test_ingest_and_brief_a_warc_gz(tmp_path: Path) -> None:
    path = tmp_path / "CC-NEWS-20250507-00001.warc.gz"
    urls = cc_news_archive(path)
    db = tmp_path / "news.db"
    problems: list[str] = []
    report = newsfuse.ingest(path, db, on_problem=lambda e: problems.append(str(e)))
    assert (report.read, report.added, report.problems) == (3, 3, 1)
    assert len(problems) == 1 and "cut short" in problems[0] and str(path) in problems[0]
    store = open_store(db, readonly=True)
    try:
        stored = [a for story in store.stories() for a in store.story_articles(story.id)]
    finally:
        store.close()
    assert sorted(a.url or "" for a in stored) == sorted(urls)

    # the console script is an editable install of the main checkout: put this source first
    source = str(Path(newsfuse.__file__).resolve().parents[1])
    env = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore", "PYTHONPATH": source}
    result = subprocess.run(
        [str(NEWSFUSE), "brief", path.name, "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("newsfuse: error: ")]
    notes = [line for line in lines if not line.startswith("newsfuse: error: ")]
    assert len(errors) == 1 and "cut short" in errors[0]
    # one note for the archive: what its records were, the skipped ones included
    assert len(notes) == 1 and path.name in notes[0] and "3 articles" in notes[0], notes
    brief = json.loads(result.stdout)
    assert sorted(s["url"] for s in brief["sources"]) == sorted(urls)
