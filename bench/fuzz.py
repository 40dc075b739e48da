"""The long fuzz run (`make fuzz`): ≥10,000 generated inputs over every reader, the brief, CLI and web API.

The same generators and checks as tests/fuzz (the CI-sized run), with far more cases and bigger
inputs, plus the huge inputs, each briefed alone in its own process so that its peak RSS is its own
(killed past `--rss-limit-mb` or `--budget` seconds, which counts as a failure).

    PYTHONPATH=src python bench/fuzz.py [--count 10000] [--seed 18] [--size 60000] [--no-huge]

Prints a table per harness (cases, failures, the slowest input and its time) and one line per
sort of failure, writes bench/results/fuzz.json, saves each failing input to
bench/results/fuzz-failures/ (git-ignored) with a one-line reason, and exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests.fuzz package
from tests.fuzz.fixtures import GOOD_NAME, STORIES, as_html, as_text, good_text
from tests.fuzz.harness import Failure, Tally, check_brief, check_cli, check_read, last_exception
from tests.fuzz.mutators import classic_cases, generate
from tests.fuzz.report import distinct

from machine import machine_info, write_result
from newsfuse.config import Settings
from newsfuse.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
FAILURES = ROOT / "bench" / "results" / "fuzz-failures"
# shares of --count: every generated input goes through the library; some also through the others
SHARES = {"brief": 0.08, "cli": 0.06, "web": 0.16}
BATCH = {"brief": 20, "cli": 80}


def run_library(cases: list[Any], work: Path, settings: Settings) -> Tally:
    tally = Tally()
    for n, case in enumerate(cases):
        check_read(case, work, n, settings, tally)
        if n % 1000 == 999:
            print(f"  library: {n + 1} inputs, {len(tally.failures)} failures", flush=True)
    return tally


def run_brief(cases: list[Any], work: Path, settings: Settings) -> Tally:
    tally = Tally()
    for start in range(0, len(cases), BATCH["brief"]):
        check_brief(cases[start : start + BATCH["brief"]], work, settings, tally)
        print(f"  brief: {tally.cases} inputs, {len(tally.failures)} failures", flush=True)
    return tally


def run_cli(cases: list[Any], work: Path, settings: Settings) -> dict[str, Tally]:
    tallies = {"cli-brief": Tally(), "cli-ingest": Tally()}
    probe = work / "probe"
    probe.mkdir()
    throwaway = Tally()
    for start in range(0, len(cases), BATCH["cli"]):
        batch = cases[start : start + BATCH["cli"]]
        errors = [
            any(isinstance(i, InputError) for i in check_read(c, probe, start + n, settings, throwaway))
            for n, c in enumerate(batch)
        ]
        check_cli(batch, errors, work, [], tallies)
        print(f"  cli: {tallies['cli-brief'].cases} inputs per command", flush=True)
    return tallies


def run_web(requests: int, rng: random.Random, size: int, work: Path) -> Tally:
    import httpx
    from tests.fuzz.web import (
        PASTED,
        get_request,
        post_files,
        post_form,
        post_json,
        post_odd,
        send,
        serve,
        story_ids,
        visit_stories,
    )

    tally = Tally()
    posts = requests // 3
    with serve(work / "store.db") as url, httpx.Client(base_url=url, timeout=600) as client:
        for case in classic_cases(size):
            send(client, post_files(case), tally)
        for n, case in enumerate(generate(rng, posts // 2, size)):
            send(client, post_files(case), tally)
            send(client, post_json(rng, size), tally)
            if n % 10 == 0:
                send(client, post_odd(rng), tally)
            if n % 5 == 0:
                send(client, post_form(case, rng.choice(PASTED)), tally)
            if n % 50 == 49:
                print(f"  web: {tally.cases} requests, {len(tally.failures)} failures", flush=True)
        ids = story_ids(client)
        while tally.cases < requests:
            send(client, get_request(rng, ids), tally)
        visit_stories(client, tally)
    return tally


# --- huge inputs, one process each ------------------------------------------------------------------


def huge_inputs(mb: float) -> list[tuple[str, bytes]]:
    """Inputs whose size is the attack, up to `mb` megabytes: the issue's memory and time cases.

    Each is one article (or none): a file of many articles costs time by their number, which
    bench/throughput.py measures, so it has no place under a per-input budget.
    """
    n = int(mb * 1024 * 1024)
    story = STORIES[0]
    # distinct sentences and words: repeats would be removed by cleaning, and the attack is the count
    sentences = " ".join(
        f"Diver {i} of the Vessmar crew searched sector {i * 7 % 1009} for {i % 13 + 2} hours, day {i % 31}."
        for i in range(n // 70)
    )
    words = "\n\n".join(f"w{i}x" for i in range(10_000))
    return [
        ("one-word-paragraphs.html", as_html(story).replace("</article>", words + "</article>").encode()),
        ("long-article.txt", (as_text(story) + sentences).encode()),
        (
            "repeated-paragraphs.html",
            as_html(story)
            .replace("</article>", "".join(f"<p>{p}</p>" for p in story[4]) * (n // 2000) + "</article>")
            .encode(),
        ),
        ("one-line.txt", b"a" * n),
        ("deep.json", b'{"a": ' * 100_000 + b"1" + b"}" * 100_000),
        ("bomb.txt.gz", gzip.compress(b"word " * (n * 10), mtime=0)),
    ]


def run_huge(work: Path, mb: float, budget: float, rss_limit_mb: int) -> tuple[Tally, list[dict[str, Any]]]:
    """Each huge input briefed with the good article by the CLI in its own process: time and peak RSS."""
    tally = Tally()
    rows = []
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    good = work / GOOD_NAME
    good.write_bytes(good_text())
    for name, data in huge_inputs(mb):
        path = work / name
        path.write_bytes(data)
        out = work / f"{name}.out.json"
        args = [str(path), str(good), "-f", "json", "-o", str(out), "--workers", "1", "-q"]
        argv = [sys.executable, "-c", _REPORT_PEAK, *args]
        start = time.perf_counter()
        errfile = work / f"{name}.stderr"
        with errfile.open("wb") as err:
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
        killed, watched = "", 0
        while True:  # watch the peak: past the limit the (shared) machine would suffer
            pid, status = os.waitpid(proc.pid, os.WNOHANG)
            if pid:
                break
            hwm = _vm_hwm_mb(proc.pid)
            watched = max(watched, hwm)
            if hwm > rss_limit_mb:
                killed = f"killed at {hwm:,} MB RSS (limit {rss_limit_mb:,} MB)"
            elif time.perf_counter() - start > budget:
                killed = f"killed after {budget:.0f} s (budget)"
            if killed:
                proc.kill()
                _, status = os.waitpid(proc.pid, 0)
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        stderr = errfile.read_text(encoding="utf-8", errors="replace")
        reported = [int(kb) // 1024 for kb in re.findall(r"^FUZZ-VMHWM (\d+)", stderr, re.M)]
        stderr = re.sub(r"^FUZZ-VMHWM .*\n?", "", stderr, flags=re.M)
        peak = max([watched, *reported])
        proc.returncode = os.waitstatus_to_exitcode(status)
        tally.cases += 1
        tally.timed(seconds, name)
        reason = killed
        if not reason and "Traceback" in stderr:
            reason = "traceback: " + last_exception(stderr)
        elif not reason and proc.returncode != 0:
            reason = f"exit code {proc.returncode}: {stderr.strip()[-200:]}"
        elif not reason and str(good) not in out.read_text(encoding="utf-8"):
            reason = "lost the good article"
        if reason:
            tally.failures.append(
                Failure("huge", name, reason, f"huge: {name} of {len(data):,} bytes", b"", name)
            )
        rows.append(
            {
                "input": name,
                "bytes": len(data),
                "seconds": round(seconds, 1),
                "peak_rss_mb": round(peak),
                "outcome": reason or "ok",
            }
        )
        print(
            f"  huge: {name:28s} {len(data) / 1e6:7.1f} MB {seconds:7.1f} s {peak:7.0f} MB  {reason or 'ok'}",
            flush=True,
        )
        path.unlink()
    return tally, rows


# the CLI, reporting its own peak RSS at exit: VmHWM counts this process only, where the rusage of a
# child (ru_maxrss) starts from its parent's peak on Linux (the pre-exec memory map is counted)
_REPORT_PEAK = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('FUZZ-VMHWM ' + line.split()[1] + '\\n')\n"
    "atexit.register(peak)\n"
    "sys.argv = ['newsfuse', 'brief', *sys.argv[1:]]\n"
    "runpy.run_module('newsfuse', run_name='__main__')\n"
)


def _vm_hwm_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return 0


# --- report -----------------------------------------------------------------------------------------


def save_failures(tallies: dict[str, Tally]) -> None:
    """Each failing input as a file, with its reason and recipe beside it (the folder is git-ignored)."""
    shutil.rmtree(FAILURES, ignore_errors=True)
    FAILURES.mkdir(parents=True)
    (FAILURES / ".gitignore").write_text("*\n")
    n = 0
    for tally in tallies.values():
        for f in tally.failures:
            n += 1
            stem = f"{n:04d}-{f.harness}-{f.kind}".replace("/", "_").replace(" ", "_")[:80]
            (FAILURES / f"{stem}.input").write_bytes(f.data)
            line = f"{f.reason} | input {f.name!r}: {f.how}".replace("\n", " ")
            (FAILURES / f"{stem}.reason.txt").write_text(
                line + "\n", encoding="utf-8", errors="backslashreplace"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="generated inputs (default 10,000)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--size", type=int, default=60_000, help="scale of the generated big inputs, bytes")
    parser.add_argument("--huge-mb", type=float, default=2.0, help="size of the huge inputs (default 2 MB)")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds any one huge input may take")
    parser.add_argument(
        "--rss-limit-mb", type=int, default=2048, help="peak RSS at which a huge input is killed"
    )
    parser.add_argument("--no-huge", action="store_true", help="skip the huge inputs")
    parser.add_argument("--only-huge", action="store_true", help="only the huge inputs (no generated ones)")
    args = parser.parse_args()
    settings = Settings()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    tallies: dict[str, Tally] = {}
    huge_rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="newsfuse-fuzz-") as tmp:
        work = Path(tmp)
        for sub in ("library", "brief", "cli", "web", "huge"):
            (work / sub).mkdir()
        web_requests = int(args.count * SHARES["web"])
        files = args.count - web_requests
        cases = (
            []
            if args.only_huge
            else classic_cases(args.size) + generate(rng, files - len(classic_cases()), args.size)
        )
        print(
            f"fuzz: {len(cases)} generated inputs, {web_requests} web requests (seed {args.seed})", flush=True
        )
        if not args.only_huge:
            tallies["library"] = run_library(cases, work / "library", settings)
            pick = random.Random(args.seed + 1)
            brief_cases = classic_cases(args.size) + pick.sample(cases, int(args.count * SHARES["brief"]))
            tallies["brief"] = run_brief(brief_cases, work / "brief", settings)
            cli_cases = classic_cases(args.size) + pick.sample(cases, int(args.count * SHARES["cli"]))
            tallies.update(run_cli(cli_cases, work / "cli", settings))
            tallies["web"] = run_web(web_requests, rng, args.size, work / "web")
        if not args.no_huge:
            tallies["huge"], huge_rows = run_huge(work / "huge", args.huge_mb, args.budget, args.rss_limit_mb)
    elapsed = time.perf_counter() - started
    generated = 0 if args.only_huge else len(cases) + tallies["web"].cases
    print(f"\n{'harness':12s} {'cases':>7s} {'failures':>9s} {'slowest s':>10s}  slowest input")
    for name, t in tallies.items():
        print(f"{name:12s} {t.cases:7d} {len(t.failures):9d} {t.slowest:10.2f}  {t.slowest_how[:70]}")
    failures = [f for t in tallies.values() for f in t.failures]
    sorts = distinct(failures)
    print(f"\n{len(failures)} failures, {len(sorts)} sorts; {generated} generated inputs in {elapsed:.0f} s")
    for sig, (count, f) in sorted(sorts.items()):
        print(f"  {count:5d} x {sig}\n          {f.reason[:160]}\n          input {f.name!r}: {f.how[:160]}")
    for name, t in tallies.items():
        for note, count in t.notes.items():
            print(f"  note ({name}): {count} x {note}")
    save_failures(tallies)
    write_result(
        "fuzz",
        {
            "machine": machine_info(),
            "command": "PYTHONPATH=src python bench/fuzz.py " + " ".join(sys.argv[1:]),
            "seed": args.seed,
            "generated_inputs": generated,
            "seconds": round(elapsed),
            "budgets": {"huge_input_seconds": args.budget, "huge_input_rss_mb": args.rss_limit_mb},
            "harnesses": {
                name: {
                    "cases": t.cases,
                    "failures": len(t.failures),
                    "slowest_seconds": round(t.slowest, 2),
                    "slowest_input": t.slowest_how[:300],
                    "notes": dict(t.notes),
                }
                for name, t in tallies.items()
            },
            "huge_inputs": huge_rows,
            "failure_sorts": [
                {"sort": sig, "count": count, "reason": f.reason[:300], "input": f"{f.name!r}: {f.how[:300]}"}
                for sig, (count, f) in sorted(sorts.items())
            ],
        },
    )
    print(f"failing inputs saved to {FAILURES}" if failures else "no failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
