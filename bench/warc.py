"""Reading a large WARC.gz: speed and peak memory, newsfuse vs warcio's own iterator, in one run.

The archive is built at run time, CC-NEWS-shaped (warcinfo, then request + response + metadata
per capture, one gzip member per record; some bodies chunked, some gzip-encoded), from the real
pages of ../shared/eval/htmldate-eval and trafilatura-eval (never copied into the project),
cycled with distinct URLs until it reaches `--mb` compressed megabytes (default 200).

Each system runs in its own process, so its peak RSS is its own:
- warcio: `ArchiveIterator` over the file, reading each HTML response's `content_stream()`
  (de-chunked, decompressed): the floor for getting the bytes out;
- newsfuse pages: `read_warc_pages` (our framing, damage handling, payload and charset decoding
  to text), no extraction;
- newsfuse articles: `read_inputs` as ingest and brief use it, with trafilatura's extraction
  (the real cost; on the first `--articles` pages only, as it runs ~20-60 ms a page). Its RSS is
  also sampled at 25/50/100 % of the pages, to show it stays flat.

    PYTHONPATH=src python bench/warc.py [--mb 200] [--articles 1500] [--keep FILE]

Prints a table and writes bench/results/warc.json (not with --limit-like small runs: --mb < 100).
"""

from __future__ import annotations

import argparse
import gzip
import io
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = [
    (EVAL / "htmldate-eval", ["eval_default.json", "eval_mediacloud_2020.json"]),
    (EVAL / "trafilatura-eval", ["evaldata.json"]),
]


# --- building the archive -----------------------------------------------------------------------


def eval_pages() -> list[tuple[str, bytes]]:
    pages: dict[str, bytes] = {}
    for folder, indexes in SETS:
        for index in indexes:
            items = json.loads((folder / index).read_text(encoding="utf-8"))
            for url, item in items.items():
                path = folder / "html" / f"{item['file']}.gz"
                if url not in pages and path.exists():
                    pages[url] = gzip.decompress(path.read_bytes())
    return list(pages.items())


def build(path: Path, megabytes: int) -> int:
    """Write the archive; how many captures (request + response + metadata) it holds."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = eval_pages()
    target = megabytes * 1024 * 1024
    captures = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsfuse bench"}))
        for cycle in itertools.count():
            for url, html in pages:
                if fh.tell() >= target:
                    return captures
                captures += 1
                url = url if cycle == 0 else f"{url}{'&' if '?' in url else '?'}copy={cycle}"
                headers = [("Content-Type", "text/html; charset=utf-8")]
                body = html
                if captures % 5 == 0:
                    body = gzip.compress(body, 5)
                    headers.append(("Content-Encoding", "gzip"))
                if captures % 4 == 0:
                    body = (
                        b"".join(
                            b"%x\r\n%s\r\n" % (len(body[i : i + 8192]), body[i : i + 8192])
                            for i in range(0, len(body), 8192)
                        )
                        + b"0\r\n\r\n"
                    )
                    headers.append(("Transfer-Encoding", "chunked"))
                request = StatusAndHeaders("GET / HTTP/1.1", [("User-Agent", "bench")], is_http_request=True)
                writer.write_record(
                    writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request)
                )
                http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
                )
                writer.write_record(
                    writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 250\r\n"))
                )
    return captures


# --- the systems, each run in a child process ---------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024**2


def peak_rss_mb() -> float:
    """This process's RSS high-water mark (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_warcio(path: Path, limit: int) -> dict[str, Any]:
    from warcio.archiveiterator import ArchiveIterator

    records = pages = payload = 0
    start = time.perf_counter()
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            records += 1
            http = record.http_headers if record.rec_type == "response" else None
            if http and "html" in (http.get_header("content-type") or ""):
                payload += len(record.content_stream().read())
                pages += 1
    return {
        "records": records,
        "pages": pages,
        "payload_mb": payload / 1024**2,
        "seconds": time.perf_counter() - start,
    }


def run_pages(path: Path, limit: int) -> dict[str, Any]:
    from newsfuse.config import Settings
    from newsfuse.errors import InputError
    from newsfuse.ingest.warc import WarcCounts, read_warc_pages

    counts = WarcCounts()
    pages = errors = chars = 0
    samples: dict[str, float] = {}
    size = path.stat().st_size
    start = time.perf_counter()
    with path.open("rb") as fh:
        for item in read_warc_pages(fh, path.name, Settings(), counts):
            if isinstance(item, InputError):
                errors += 1
            else:
                pages += 1
                chars += len(item.html)
            done = f"{min(100, 25 * (fh.tell() * 4 // size)):d}%"
            if done not in samples and done != "0%":
                samples[done] = round(rss_mb(), 1)
    return {
        "records": counts.records,
        "pages": pages,
        "errors": errors,
        "text_mchars": chars / 1e6,
        "rss_mb_at": samples,
        "seconds": time.perf_counter() - start,
    }


def run_articles(path: Path, limit: int) -> dict[str, Any]:
    from newsfuse.config import Settings
    from newsfuse.errors import InputError
    from newsfuse.ingest import read_inputs

    articles = errors = 0
    samples: dict[str, float] = {}
    checkpoints = {limit * k // 4: f"{25 * k}%" for k in range(1, 5)}
    start = time.perf_counter()
    for item in read_inputs([str(path)], Settings()):
        if isinstance(item, InputError):
            errors += 1
        else:
            articles += 1
        done = articles + errors
        if done in checkpoints:
            samples[checkpoints[done]] = round(rss_mb(), 1)
        if done >= limit:
            break
    return {
        "pages": articles + errors,
        "articles": articles,
        "errors": errors,
        "rss_mb_at": samples,
        "seconds": time.perf_counter() - start,
    }


SYSTEMS = {"warcio": run_warcio, "newsfuse pages": run_pages, "newsfuse articles": run_articles}


def child(system: str, path: Path, limit: int) -> None:
    result = SYSTEMS[system](path, limit)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(result))


def measure(system: str, path: Path, limit: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(Path(__file__).parents[1] / "src"), os.environ.get("PYTHONPATH", "")]
        ),
    }
    out = subprocess.run(
        [sys.executable, __file__, "--child", system, "--keep", str(path), "--articles", str(limit)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=int, default=200, help="compressed size of the archive to build")
    parser.add_argument("--articles", type=int, default=1500, help="pages run through extraction")
    parser.add_argument("--keep", type=Path, help="build the archive here (or reuse it if it exists)")
    parser.add_argument("--child", choices=list(SYSTEMS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.keep, args.articles)
        return 0
    if not all(folder.is_dir() for folder, _ in SETS):
        print(f"skipped: evaluation data not found under {EVAL}", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "CC-NEWS-bench.warc.gz"
        if not path.exists():
            start = time.perf_counter()
            captures = build(path, args.mb)
            print(
                f"built {path} ({path.stat().st_size / 1024**2:.0f} MB, {captures:,} captures) "
                f"in {time.perf_counter() - start:.0f} s"
            )
        size_mb = path.stat().st_size / 1024**2
        rows = {system: measure(system, path, args.articles) for system in SYSTEMS}
    print()
    print(f"archive: {size_mb:.0f} MB compressed")
    header = ("system", "records", "pages", "seconds", "records/s", "pages/s", "peak RSS MB")
    print(f"{header[0]:20} " + " ".join(f"{h:>11}" for h in header[1:]))
    for system, row in rows.items():
        records, seconds = row.get("records"), row["seconds"]
        cells = [
            f"{records:,}" if records else "-",
            f"{row['pages']:,}",
            f"{seconds:.1f}",
            f"{records / seconds:,.0f}" if records else "-",
            f"{row['pages'] / seconds:,.1f}",
            f"{row['peak_rss_mb']:.1f}",
        ]
        print(f"{system:20} " + " ".join(f"{c:>11}" for c in cells))
    for system in ("newsfuse pages", "newsfuse articles"):
        print(f"{system}: RSS MB after 25/50/75/100 % of its input: {rows[system]['rss_mb_at']}")
    if args.mb >= 100:
        write_result("warc", {"machine": machine_info(), "archive_mb": round(size_mb), "systems": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
