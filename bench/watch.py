"""`newsfuse watch --once` against a local feed farm: time to the first full poll, requests per poll once
up to date (aim: one conditional request per feed, all 304), a poll after some feeds gained entries, and
the watch process's peak memory.

The farm (bench/feedfarm.py) serves invented outlets on 127.0.0.1, one port per outlet ("host"), each
with its feeds (RSS 2.0 or Atom) and 400-900-word article pages, answered after a seeded latency
(uniform over --latency ms), ETag/Last-Modified honoured, gzip, a robots.txt. Stories are shared
between outlets, so grouping has work; B-cubed F1 of the stored stories against the invented ones is
reported.

Each poll is a real `python -m newsfuse watch --once --db DB FEEDLIST -s ...` in a subprocess over one
store (`--once` asks every healthy feed, due or not). Requests are counted at the farm, robots.txt
apart. Per settings profile (politeness):
  1. first poll of an empty store;
  2. second poll, nothing changed;
  3. third poll after 10% of the feeds gained 2 entries each.

    python bench/watch.py [--feeds 200] [--entries 20] [--hosts 20] [--latency 50-150]
                          [--profiles polite,fast] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))
import itertools

from feedfarm import Farm, Hit
from machine import machine_info, write_result

ROOT = Path(__file__).resolve().parents[1]

# politeness per host; fetch_concurrency is over all hosts
PROFILES: dict[str, dict[str, Any]] = {
    "polite": {"fetch_host_interval": 1.0, "fetch_host_concurrency": 2, "fetch_concurrency": 16},
    "fast": {"fetch_host_interval": 0.1, "fetch_host_concurrency": 4, "fetch_concurrency": 16},
}

# the CLI reporting its own peak RSS at exit (VmHWM: this process only, unlike a child's ru_maxrss,
# which on Linux starts from the parent's peak)
_REPORT_PEAK = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('BENCH-VMHWM ' + line.split()[1] + '\\n')\n"
    "atexit.register(peak)\n"
    "sys.argv = ['newsfuse', *sys.argv[1:]]\n"
    "runpy.run_module('newsfuse', run_name='__main__')\n"
)


def _vm_hwm_kb(pid: int) -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def run_watch(
    db: Path,
    feedlist: Path,
    settings: dict[str, Any],
    timeout: float,
    progress: Callable[[float], None] | None = None,
) -> dict[str, Any]:
    """One `newsfuse watch --once` in a child process: exit status, wall and CPU time, peak RSS, output."""
    pairs = [x for name, value in settings.items() for x in ("-s", f"{name}={value}")]
    command = [sys.executable, "-c", _REPORT_PEAK, "watch", "--once", "--db", str(db), str(feedlist), *pairs]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    env["_TYPER_STANDARD_TRACEBACK"] = "1"  # a crash as plain lines, not a box
    began = time.monotonic()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    out: dict[str, str] = {}
    readers = [
        threading.Thread(target=lambda k=k, s=s: out.__setitem__(k, s.read()), daemon=True)
        for k, s in (("stdout", child.stdout), ("stderr", child.stderr))
    ]
    for reader in readers:
        reader.start()
    sampled = {"kb": 0}
    done = threading.Event()
    killed: list[str] = []

    def sample() -> None:
        shown = began
        while not done.wait(0.25):
            if progress and time.monotonic() - shown >= 30:
                shown = time.monotonic()
                progress(shown - began)
            sampled["kb"] = max(sampled["kb"], _vm_hwm_kb(child.pid))
            if time.monotonic() - began > timeout and not killed:
                killed.append(f"killed after {timeout:.0f} s (--timeout)")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    ended = time.monotonic()
    done.set()
    sampler.join()
    for reader in readers:
        reader.join(10)
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = out.get("stderr", "")
    reported = [int(line.split()[1]) for line in stderr.splitlines() if line.startswith("BENCH-VMHWM ")]
    notes = [line for line in stderr.splitlines() if line.strip() and not line.startswith("BENCH-VMHWM ")]
    return {
        "exit": child.returncode,
        "killed": killed[0] if killed else None,
        "began": began,
        "wall_s": round(ended - began, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": round(max([sampled["kb"], *reported]) / 1024),
        "printed": [line for line in out.get("stdout", "").splitlines() if line.strip()][-3:],
        "problems": len(notes),
        "first_problems": notes[:5],
        "last_lines": notes[-1:] if child.returncode else [],  # a crash's traceback ends with its error
    }


def count_hits(hits: list[Hit], farm: Farm, began: float, interval: float) -> dict[str, Any]:
    """What the farm saw during one poll: requests by kind and status, pacing per host."""
    feed_paths = {(feed.host, feed.path) for _, feed in farm.feeds()}
    robots = [h for h in hits if h.path == "/robots.txt"]
    feeds = [h for h in hits if (h.host, h.path) in feed_paths]
    pages = [h for h in hits if h.path != "/robots.txt" and (h.host, h.path) not in feed_paths]
    page_counts = Counter((h.host, h.path) for h in pages if h.status == 200)
    by_host: defaultdict[int, list[Hit]] = defaultdict(list)
    for h in hits:
        by_host[h.host].append(h)
    gaps: list[float] = []  # between request starts on one host, robots.txt not counted
    after_robots: list[float] = []  # from a host's robots.txt request to the next
    overlap = 0
    for host_hits in by_host.values():
        host_hits.sort(key=lambda h: h.began)
        for a, b in itertools.pairwise(host_hits):
            (after_robots if a.path == "/robots.txt" else gaps).append(b.began - a.began)
        for i, h in enumerate(host_hits):  # most requests in flight at once on one host
            overlap = max(overlap, 1 + sum(1 for o in host_hits[:i] if o.ended > h.began))
    first = min((h.began for h in hits), default=None)
    last = max((h.ended for h in hits), default=None)
    return {
        "requests": len(feeds) + len(pages),
        "robots_txt": len(robots),
        "feed_requests": len(feeds),
        "feed_conditional": sum(h.conditional for h in feeds),
        "feed_status": dict(sorted(Counter(str(h.status) for h in feeds).items())),
        "feeds_fetched": len({(h.host, h.path) for h in feeds if h.status == 200}),
        "page_requests": len(pages),
        "page_status": dict(sorted(Counter(str(h.status) for h in pages).items())),
        "pages_fetched": len(page_counts),
        "pages_fetched_twice": sum(1 for n in page_counts.values() if n > 1),
        "bytes_served": sum(h.sent for h in hits),
        "start_s": round(first - began, 2) if first is not None else None,
        "fetching_s": round(last - first, 2) if first is not None and last is not None else None,
        "min_gap_per_host_s": round(min(gaps), 3) if gaps else None,
        "p1_gap_per_host_s": round(sorted(gaps)[len(gaps) // 100], 3) if gaps else None,
        "gaps_per_host": len(gaps),
        # arrivals stamped by the farm's threads: on a loaded machine a few land closer than the interval
        "gaps_under_90pct_interval": sum(1 for g in gaps if g < 0.9 * interval),
        "min_gap_after_robots_s": round(min(after_robots), 3) if after_robots else None,
        "max_in_flight_per_host": overlap,
    }


def store_counts(db: Path, farm: Farm) -> dict[str, Any]:
    """Articles and stories in the store, and B-cubed of its stories against the invented ones."""
    if not db.exists():
        return {"articles": 0, "stories": 0}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT url, story_id FROM articles WHERE superseded_by IS NULL").fetchall()
        stories = con.execute(
            "SELECT count(*) FROM stories WHERE merged_into IS NULL AND articles > 0"
        ).fetchone()[0]
        feeds: dict[str, int] = {}
        with contextlib.suppress(sqlite3.Error):
            feeds = dict(
                con.execute("SELECT coalesce(last_status, '-'), count(*) FROM feeds GROUP BY 1").fetchall()
            )
    finally:
        con.close()
    ports = {outlet.port for outlet in farm.outlets}
    gold, found = {}, {}
    for url, story in rows:  # the store keeps URLs canonical (https, no www.): matched on port and path
        parts = urlsplit(url or "")
        if parts.port in ports and parts.path in farm.story_of:
            key = f"{parts.port}{parts.path}"
            gold[key], found[key] = farm.story_of[parts.path], story
    return {
        "articles": len(rows),
        "stories": stories,
        "invented_stories": len(set(gold.values())),
        "bcubed_f1": bcubed_f1(gold, found),
        "feeds_by_status": feeds,
    }


def bcubed_f1(gold: dict[str, int], found: dict[str, int]) -> float | None:
    if not gold:
        return None
    by_gold, by_found = defaultdict(set), defaultdict(set)
    for item in gold:
        by_gold[gold[item]].add(item)
        by_found[found[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        same = len(by_gold[gold[item]] & by_found[found[item]])
        precision += same / len(by_found[found[item]])
        recall += same / len(by_gold[gold[item]])
    precision, recall = precision / len(gold), recall / len(gold)
    return round(2 * precision * recall / (precision + recall), 3)


def ticker(farm: Farm, name: str, poll: int, seconds: float) -> None:
    """A line every 30 s of a long poll: what the farm has answered so far."""
    with farm._lock:
        hits = len(farm.log)
    print(f"[{name}] poll {poll}: {seconds:.0f} s, {hits} requests so far", flush=True)


def run_profile(name: str, settings: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """Three polls of one store against a fresh farm under one politeness profile."""
    farm = Farm(
        feeds=args.feeds, entries=args.entries, hosts=args.hosts, latency=args.latency_s, seed=args.seed
    )
    farm.start()
    polls: list[dict[str, Any]] = []
    try:
        farm.build()
        words = [a.words for a in farm.articles()]
        with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
            db, feedlist = Path(tmp) / "watch.db", Path(tmp) / "feeds.txt"
            feedlist.write_text("# the farm's feeds\n" + "\n".join(farm.feed_urls()) + "\n", encoding="utf-8")
            changed = 0
            for poll in (1, 2, 3):
                if poll == 3:
                    changed = max(1, len(farm.feed_urls()) // 10)
                    step = max(1, len(farm.feed_urls()) // changed)
                    farm.add_entries([feed for _, feed in list(farm.feeds())[::step][:changed]], 2)
                before = store_counts(db, farm)["articles"]
                farm.take_log()
                print(f"[{name}] poll {poll} …", flush=True)
                tick = functools.partial(ticker, farm, name, poll)
                result = run_watch(db, feedlist, settings, args.timeout, tick)
                time.sleep(0.2)  # late log lines of requests the client gave up on
                interval = float(settings["fetch_host_interval"])
                hits = count_hits(farm.take_log(), farm, result.pop("began"), interval)
                stored = store_counts(db, farm)
                row = {"poll": poll, **result, **hits, **stored, "new_articles": stored["articles"] - before}
                if poll == 3:
                    row["feeds_changed"], row["entries_added"] = changed, 2 * changed
                polls.append(row)
                print(f"[{name}] poll {poll}: {row['wall_s']} s, {row['requests']} requests", flush=True)
    finally:
        farm.stop()
    return {
        "profile": name,
        "settings": settings,
        "polls": polls,
        "aims": aims(polls, args.feeds),
        "words": [round(sum(words) / len(words)), min(words), max(words)],
    }


def aims(polls: list[dict[str, Any]], feeds: int) -> dict[str, bool]:
    """The issue's aims, checked (not asserted): what a reader of the table wants to know at a glance."""
    found: dict[str, bool] = {}
    if len(polls) >= 2:
        p = polls[1]
        found["up to date: one conditional request per feed, all 304, no pages"] = (
            p["feed_requests"] == feeds
            and p["feed_conditional"] == feeds
            and p["feed_status"] == {"304": feeds}
            and p["page_requests"] == 0
        )
    if len(polls) >= 3:
        p = polls[2]
        found["after changes: one request per feed, pages of new entries only"] = (
            p["feed_requests"] == feeds
            and p["page_requests"] == p["entries_added"]
            and p["new_articles"] == p["entries_added"]
        )
    found["no page fetched twice"] = all(p["pages_fetched_twice"] == 0 for p in polls)
    found["every poll exited 0"] = all(p["exit"] == 0 for p in polls)
    return found


COLUMNS = [
    ("poll", "poll"),
    ("wall s", "wall_s"),
    ("start s", "start_s"),
    ("fetch s", "fetching_s"),
    ("cpu s", "cpu_s"),
    ("feed req", "feed_requests"),
    ("cond", "feed_conditional"),
    ("304", None),
    ("pages", "page_requests"),
    ("robots", "robots_txt"),
    ("new art", "new_articles"),
    ("articles", "articles"),
    ("stories", "stories"),
    ("B3 F1", "bcubed_f1"),
    ("gap p1", "p1_gap_per_host_s"),
    ("<interval", "gaps_under_90pct_interval"),
    ("robots→", "min_gap_after_robots_s"),
    ("flight", "max_in_flight_per_host"),
    ("peak MB", "peak_rss_mb"),
    ("exit", "exit"),
]

LEGEND = [
    "start = spawn to the first request at the farm (Python start-up, imports, reading the store)",
    "fetch = first request to last response at the farm",
    "feed req / cond / 304 = feed requests, those conditional (If-None-Match / If-Modified-Since), those 304",
    "pages = article page requests; robots = robots.txt requests (counted apart from the others)",
    "gap p1 = 1st percentile of the gaps between request arrivals on one host, robots.txt apart",
    "<interval = gaps under 90% of fetch_host_interval (arrivals are stamped by the farm's threads: jitter)",
    "robots→ = smallest gap from a host's robots.txt request to its next request",
    "flight = most requests in flight at once on one host; peak MB = the watch process's VmHWM",
    "B3 F1 = B-cubed F1 of the stored stories against the farm's invented stories",
]


def print_table(farm: dict[str, Any], profiles: list[dict[str, Any]]) -> None:
    print(
        f"\nfarm: {farm['feeds']} feeds × {farm['entries']} entries on {farm['hosts']} hosts (127.0.0.1, one "
        f"port each, {farm['feeds'] // farm['hosts']} feeds per host), latency {farm['latency_ms']} ms, "
        f"{farm['words_mean']} words per page on average"
    )
    for profile in profiles:
        settings = ", ".join(f"{k}={v}" for k, v in profile["settings"].items())
        print(f"\n{profile['profile']}: {settings}")
        widths = [max(8, len(head)) + 1 for head, _ in COLUMNS]
        print("".join(f"{head:>{width}}" for (head, _), width in zip(COLUMNS, widths, strict=True)))
        for p in profile["polls"]:
            cells = [p["feed_status"].get("304", 0) if key is None else p.get(key) for _, key in COLUMNS]
            print("".join(f"{'–' if c is None else c:>{w}}" for c, w in zip(cells, widths, strict=True)))
        for p in profile["polls"]:
            for line in p["printed"]:
                print(f"  poll {p['poll']} printed: {line}")
            if p["problems"]:
                print(f"  poll {p['poll']}: {p['problems']} problem lines, first: {p['first_problems'][0]}")
            for line in p["last_lines"]:
                print(f"  poll {p['poll']} exited {p['exit']}: {line}")
            if p["killed"]:
                print(f"  poll {p['poll']}: {p['killed']}")
        for aim, met in profile["aims"].items():
            print(f"  {'met' if met else 'NOT MET'}: {aim}")
    print("\ncolumns:")
    for line in LEGEND:
        print(f"  {line}")


def source() -> str:
    """The commit of the tree measured, and whether it had changes not committed."""

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True).stdout.strip()

    commit, dirty = git("rev-parse", "--short", "HEAD"), git("status", "--porcelain", "--", "src")
    return f"{commit or ROOT}{' with changes in src/' if dirty else ''}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=20, help="entries per feed")
    parser.add_argument("--hosts", type=int, default=20, help="outlets, each on its own port")
    parser.add_argument(
        "--latency", default="50-150", help="per-response delay in ms, LOW-HIGH (uniform), or 0"
    )
    parser.add_argument(
        "--profiles",
        default=None,
        help=f"politeness settings to run, of {', '.join(PROFILES)} (default: all)",
    )
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument(
        "--timeout", type=float, default=1800, help="a poll is killed after this many seconds"
    )
    parser.add_argument("--quick", action="store_true", help="12 feeds × 5 entries on 4 hosts, fast profile")
    parser.add_argument(
        "--write", action="store_true", help="write bench/results/watch.json after a partial run too"
    )
    args = parser.parse_args()
    if args.quick:
        args.feeds, args.entries, args.hosts, args.latency = 12, 5, 4, "20-60"
        args.profiles = args.profiles or "fast"
    low, _, high = args.latency.partition("-")
    args.latency_s = (float(low) / 1000, float(high or low) / 1000)
    names = (args.profiles or ",".join(PROFILES)).split(",")
    unknown = [n for n in names if n not in PROFILES]
    if unknown or args.hosts < 1 or args.feeds < args.hosts:
        parser.error(f"unknown profile {unknown}" if unknown else "need --feeds >= --hosts >= 1")
    profiles = [run_profile(name, PROFILES[name], args) for name in names]
    words_mean, *words_range = profiles[0].pop("words")
    for profile in profiles[1:]:
        profile.pop("words")  # the same farm: the same seed
    farm = {
        "feeds": args.feeds,
        "entries": args.entries,
        "hosts": args.hosts,
        "latency_ms": args.latency,
        "seed": args.seed,
        "words_mean": words_mean,
        "words_range": words_range,
        "rss_share": "about 70% RSS 2.0, 30% Atom; entries carry a one-sentence summary, pages the full text",
        "between_polls": "nothing: `watch --once` asks every healthy feed, due or not",
        "poll_3": "10% of the feeds gained 2 entries each",
    }
    print_table(farm, profiles)
    sizes = (args.feeds, args.entries, args.hosts, args.latency)
    full = not args.quick and args.profiles is None and sizes == (200, 20, 20, "50-150")
    failed = any(p["exit"] != 0 for profile in profiles for p in profile["polls"])
    if not ((full and not failed) or args.write):
        what = "a poll failed" if failed else "partial run"
        print(f"{what}: bench/results/watch.json not written (--write to force)")
    else:
        command = "python bench/watch.py" + ("" if len(sys.argv) == 1 else " " + " ".join(sys.argv[1:]))
        payload = {"machine": machine_info(), "command": command, "source": source(), "farm": farm}
        write_result("watch", {**payload, "profiles": profiles})


if __name__ == "__main__":
    main()
