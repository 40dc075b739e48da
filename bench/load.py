"""A bounded load check of the web app: N requests at concurrency C against the story page.

A real `newsfuse serve` runs in a subprocess on 127.0.0.1 over a fresh store holding the bundled
example story; the client is httpx on asyncio. Reported: the first request of the story page (the
brief is computed then: spaCy parse of every article) apart, then the cached story page and the
cached JSON brief under load: p50, p99, max latency, throughput and errors (status >= 400 or a
failed connection).

    python bench/load.py [--requests 2000] [--concurrency 16] [--baseline OTHER_TREE] [--rounds N]

With --baseline, the same load runs first against another source tree (a `git worktree` of an
earlier commit), in the same run on the same machine, and the ratios are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result

ROOT = Path(__file__).resolve().parents[1]
ENCODING = "gzip, deflate"  # what httpx asks for by default, as browsers do (they add br, zstd)
EXAMPLE = ROOT / "examples" / "harbour-fire"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(tree: Path, db: Path, port: int) -> subprocess.Popen[bytes]:
    """`newsfuse serve` from the source tree `tree` (its src/ first on the path), without warming."""
    command = [sys.executable, "-m", "newsfuse", "serve", "--db", str(db), "--port", str(port), "--no-warm"]
    server = subprocess.Popen(command, env=_env(tree), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree / "src"), *sys.path])}


async def hammer(url: str, requests: int, concurrency: int, encoding: str = ENCODING) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(requests):
        queue.put_nowait(n)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while True:
            try:
                queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            start = time.perf_counter()
            try:
                response = await client.get(url)
                errors += response.status_code >= 400
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - start)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"Accept-Encoding": encoding}
    async with httpx.AsyncClient(timeout=60, limits=limits, headers=headers) as client:
        began = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "requests": requests,
        "concurrency": concurrency,
        "errors": errors,
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "requests_per_s": round(requests / elapsed, 1),
    }


def measure(tree: Path, requests: int, concurrency: int, encoding: str = ENCODING) -> dict[str, Any]:
    """The example story ingested and served by the code of `tree`; its pages under load."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        ingest = [sys.executable, "-m", "newsfuse", "ingest", "-q", "--db", str(db), str(EXAMPLE)]
        subprocess.run(ingest, env=_env(tree), check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = start_server(tree, db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            start = time.perf_counter()
            first = httpx.get(f"{base}/stories/1", timeout=300)
            first_ms = round((time.perf_counter() - start) * 1000, 1)
            assert first.status_code == 200, first.status_code
            return {
                "first_brief_ms": first_ms,
                "story_page": asyncio.run(hammer(f"{base}/stories/1", requests, concurrency, encoding)),
                "json_brief": asyncio.run(
                    hammer(f"{base}/api/stories/1", requests // 4, concurrency, encoding)
                ),
                "stories_list": asyncio.run(hammer(f"{base}/", requests // 4, concurrency, encoding)),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One run's shape, each number the median over the runs (the run count recorded as `rounds`)."""
    if len(runs) == 1:
        return runs[0]
    merged: dict[str, Any] = {
        "rounds": len(runs),
        "first_brief_ms": statistics.median(r["first_brief_ms"] for r in runs),
    }
    for key in ("story_page", "json_brief", "stories_list"):
        merged[key] = {
            name: statistics.median(r[key][name] for r in runs) if isinstance(value, float) else value
            for name, value in runs[0][key].items()
        }
        merged[key]["errors"] = sum(r[key]["errors"] for r in runs)
    return merged


ROWS = [
    ("story page, cached", "story_page"),
    ("JSON brief, cached", "json_brief"),
    ("stories list", "stories_list"),
]


def print_table(results: dict[str, dict[str, Any]]) -> None:
    heads = ("n", "conc", "p50 ms", "p99 ms", "max ms", "req/s", "errors")
    print(f"\n{'request':<30}{'code':<10}" + "".join(f"{h:>9}" for h in heads))
    for name, key in [("story page, first (brief)", "first"), *ROWS]:
        for code, result in results.items():
            r = result[key] if key != "first" else {"requests": 1, "p50_ms": result["first_brief_ms"]}
            cells = (
                r["requests"],
                r.get("concurrency", 1),
                r["p50_ms"],
                r.get("p99_ms", "–"),
                r.get("max_ms", "–"),
                r.get("requests_per_s", "–"),
                r.get("errors", 0),
            )
            print(f"{name:<30}{code:<10}" + "".join(f"{c:>9}" for c in cells))
    if len(results) == 2:
        before, now = results["baseline"], results["this"]
        for name, key in ROWS:
            print(
                f"{name}: p50 {now[key]['p50_ms'] / before[key]['p50_ms']:.2f}× "
                f"p99 {now[key]['p99_ms'] / before[key]['p99_ms']:.2f}× of the baseline's"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another source tree (e.g. a `git worktree` of an earlier commit): measured in the same "
        "run, before this one, and compared",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure each tree this many times, alternating, and report the medians (tail latency "
        "on a shared machine varies from run to run)",
    )
    parser.add_argument(
        "--accept-encoding",
        default=ENCODING,
        help=f"the clients' Accept-Encoding (default {ENCODING!r}; 'identity' for uncompressed bodies)",
    )
    args = parser.parse_args()
    runs: dict[str, list[dict[str, Any]]] = {}
    for _ in range(max(args.rounds, 1)):
        if args.baseline:
            runs.setdefault("baseline", []).append(
                measure(args.baseline.resolve(), args.requests, args.concurrency, args.accept_encoding)
            )
        runs.setdefault("this", []).append(
            measure(ROOT, args.requests, args.concurrency, args.accept_encoding)
        )
    results = {code: median_run(measured) for code, measured in runs.items()}
    print_table(results)
    baseline = {}
    if args.baseline:
        commit = subprocess.run(
            ["git", "-C", str(args.baseline), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        baseline = {"baseline": {"commit": commit or str(args.baseline), **results["baseline"]}}
    write_result(
        "load",
        {
            "machine": machine_info(),
            "story": "examples/harbour-fire (the bundled story, as of this run)",
            "accept_encoding": args.accept_encoding,
            **results["this"],
            **baseline,
        },
    )


if __name__ == "__main__":
    main()
