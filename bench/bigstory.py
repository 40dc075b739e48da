"""Big stories: `brief` of 100 to 3,000 real news articles as one story, against spaCy's parse (the floor).

Articles (read at run time from ../shared/eval, never copied into the project): the development part
of gva-violent-corpus (the plausible pages of bench/cluster_sets.py `_gva_rows`; heldout/ is never
read) pooled with ecbplus's 982 news texts, in a fixed order (sha1 of "bigstory:<doc id>"), so every
size is a prefix of the next with about the same mix (~3.6 GVA pages to 1 ecbplus text). Each
article is written once to a temporary folder as a one-record .json file (text; GVA: title, URL,
publication date); an article is taken only when newsfuse's own cleaning keeps it and finds English,
so every size briefs exactly that many articles and the floor parses what the brief parses.

Every run is its own process (spawned here, one after another), so a run's peak memory is its own:
- floor: spaCy's `nlp.pipe` (batch size `Settings().nlp_batch_size`) over the cleaned texts, with the
  pipeline newsfuse analyses with (`load_pipeline("en", FULL)`), loaded before timing;
- brief, N workers: `newsfuse.api.brief(paths, settings=Settings(), engine=LocalEngine(N),
  group=False)`: every article one story, the worst case for cross-article work. Models are loaded
  (`BriefStep.warm_up`) and, with workers, the pool started (`engine.start`, timed apart as
  start-up) before timing; reading, cleaning, analysis and consolidation are timed;
- grouped (`--grouped N`): the default `brief` (stories grouped, the largest briefed), one process.

Measures per run: seconds; CPU ms per article (this run's process and its descendants: the pool's
workers); peak RSS of that process tree (sampled every 0.1 s from /proc; pages shared between
processes count once per process, so an upper bound) — bench/throughput.py's `timed`. Before
timing, a brief of 8 other articles loads what a first brief loads lazily (its time: `warm_up_s`).
Stages of a brief: consolidation (`assemble_brief`; seconds and this process's CPU seconds) and story
grouping (`story_groups`) timed by wrapping them in newsfuse.api, reading + the engine step being the
rest; rendering (Markdown and JSON) timed after.
`--per-stage` adds a cProfile summary of consolidation (run again, untimed, on the same articles).

A run longer than `--max-seconds` is stopped and recorded, and larger sizes of that run are skipped.

    python bench/bigstory.py [--sizes 100,300,1000,3000] [--workers 1,2] [--skip-floor]
                             [--grouped 1000] [--per-stage] [--max-seconds 900] [--rounds 1]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import math
import os
import pstats
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from throughput import timed

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
ECBPLUS = EVAL / "ecbplus" / "ecbplus_docs.jsonl"
GVA = EVAL / "gva-violent-corpus" / "docs.jsonl"
AIMS = {
    "one_process_vs_floor_at_1000": 1.3,
    "growth_exponent_max": 1.1,
    "peak_mb_at_3000_max": 1500,
    "two_workers_vs_one_min": 1.7,
}
WARM_UP = 8  # articles of an untimed first brief (after the largest size's): lazy loads out of the way
SETUP_ALLOWANCE_S = 300  # a run's process may take this long beyond --max-seconds (models, pool)


# --- the articles ----------------------------------------------------------------------------------


def _candidates() -> list[tuple[str, dict[str, Any]]]:
    """(sort key, record) of every GVA development page and ecbplus text, in the fixed mixed order."""
    from cluster_sets import _gva_rows

    pool = []
    for doc in _gva_rows():
        record = {"text": doc["text"], "title": doc["title"], "url": doc["url"], "published": doc["dct"]}
        pool.append((f"gva:{doc['doc_id']}", record))
    with ECBPLUS.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            pool.append((f"ecbplus:{doc['doc_id']}", {"text": doc["text"]}))
    return sorted(pool, key=lambda p: hashlib.sha1(f"bigstory:{p[0]}".encode()).hexdigest())


def prepare(folder: Path, count: int) -> dict[str, int]:
    """Write articles to `folder` until `count` survive cleaning in English; paths.txt and cleaned.jsonl."""
    from newsfuse.clean import clean_raw
    from newsfuse.config import Settings
    from newsfuse.ingest import read_inputs
    from newsfuse.models import Article, RawArticle

    settings = Settings()
    kept: list[tuple[str, str]] = []
    mix = {"gva": 0, "ecbplus": 0, "dropped": 0}
    for n, (key, record) in enumerate(_candidates()):
        if len(kept) >= count:
            break
        path = folder / f"{n:05d}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        raws = list(read_inputs([str(path)], settings))
        article = clean_raw(raws[0], settings) if len(raws) == 1 and isinstance(raws[0], RawArticle) else None
        if isinstance(article, Article) and article.language == "en":
            kept.append((str(path), article.text))
            mix[key.split(":")[0]] += 1
        else:
            mix["dropped"] += 1
    (folder / "paths.txt").write_text("".join(p + "\n" for p, _ in kept), encoding="utf-8")
    with (folder / "cleaned.jsonl").open("w", encoding="utf-8") as out:
        for _, text in kept:
            out.write(json.dumps(text, ensure_ascii=False) + "\n")
    mix["articles"] = len(kept)
    return mix


# --- one run, in its own process --------------------------------------------------------------------


class _Stopped(Exception):
    """The run took longer than --max-seconds."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Stopped


Call = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]  # a function, its arguments


def _stage_timers(api: Any, stages: dict[str, float], captured: dict[str, Any]) -> None:
    """Wrap newsfuse.api's consolidation and grouping: their seconds (and CPU seconds) into `stages`."""
    for name, stage in (("assemble_brief", "consolidate"), ("story_groups", "group")):
        original = getattr(api, name, None)
        if original is None:
            continue

        def wrapped(
            *args: Any, _original: Callable[..., Any] = original, _stage: str = stage, **kw: Any
        ) -> Any:
            began, cpu = time.perf_counter(), time.process_time()
            try:
                return _original(*args, **kw)
            finally:
                stages[f"{_stage}_s"] = stages.get(f"{_stage}_s", 0.0) + time.perf_counter() - began
                stages[f"{_stage}_cpu_s"] = stages.get(f"{_stage}_cpu_s", 0.0) + time.process_time() - cpu
                if _stage == "consolidate":
                    captured["call"] = (_original, args, kw)

        setattr(api, name, wrapped)


def _profile(call: Call, top: int = 25) -> list[str]:
    """The `top` functions of one consolidation by cumulative time (cProfile, untimed run)."""
    function, args, kw = call
    profiler = cProfile.Profile()
    profiler.runcall(function, *args, **kw)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    lines = text.getvalue().splitlines()
    start = next((n for n, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return [line.rstrip() for line in lines[start:] if line.strip()]


def _timed_within(run: Callable[[], int], size: int, max_seconds: float) -> dict[str, Any]:
    """throughput.timed, stopped by SIGALRM after `max_seconds`."""
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, max_seconds)
    try:
        return timed(run, size)
    except _Stopped:
        return {"stopped": True, "seconds": max_seconds}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def run_floor(size: int, folder: Path, max_seconds: float) -> dict[str, Any]:
    """spaCy's own nlp.pipe over the first `size` cleaned texts, the pipeline loaded before timing."""
    from newsfuse.analyze.nlp import load_pipeline
    from newsfuse.analyze.parse import FULL
    from newsfuse.config import Settings

    batch = Settings().nlp_batch_size
    with (folder / "cleaned.jsonl").open(encoding="utf-8") as lines:
        texts = [json.loads(line) for _, line in zip(range(size), lines, strict=False)]
    assert len(texts) == size, f"only {len(texts)} articles prepared for a run of {size}"
    nlp = load_pipeline("en", FULL)
    list(nlp.pipe(texts[:8]))  # first-call costs out of the way
    out = _timed_within(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch)), size, max_seconds)
    return {**out, "pipes": nlp.pipe_names}


def run_brief(kind: str, size: int, folder: Path, max_seconds: float) -> tuple[dict[str, Any], Call | None]:
    """`brief` of the first `size` articles: `w<N>` one story, N workers; `grouped` the default, here.

    Also the consolidation call made, to be profiled once the run is reported."""
    from newsfuse import api
    from newsfuse.config import Settings
    from newsfuse.consolidate.facts import BriefStep
    from newsfuse.engine import LocalEngine

    settings = Settings()
    every = (folder / "paths.txt").read_text(encoding="utf-8").splitlines()
    paths = every[:size]
    assert len(paths) == size and len(every) >= size + WARM_UP, f"too few articles for a run of {size}"
    group = kind == "grouped"
    out: dict[str, Any] = {}
    step = BriefStep(settings)
    step.warm_up()  # this process's models, as the floor's
    began = time.perf_counter()
    with LocalEngine(workers=1) as here:  # what a first brief loads besides (tables, gazetteers, ...)
        api.brief(every[-WARM_UP:], settings=settings, engine=here, group=group)
    out["warm_up_s"] = round(time.perf_counter() - began, 1)
    stages: dict[str, float] = {}
    captured: dict[str, Any] = {}
    _stage_timers(api, stages, captured)
    result: dict[str, Any] = {}
    with LocalEngine(workers=1 if group else int(kind[1:])) as engine:
        if engine.workers > 1:
            began = time.perf_counter()
            engine.start(step)
            out["startup_s"] = round(time.perf_counter() - began, 1)

        def run() -> int:
            result["brief"] = api.brief(paths, settings=settings, engine=engine, group=group)
            return size

        out.update(_timed_within(run, size, max_seconds))
    if out.get("stopped"):
        return out, None
    brief = result["brief"]
    out["sources"] = len(brief.sources)
    out["other_stories"] = len(brief.other_stories)
    began = time.perf_counter()
    brief.to_markdown()
    brief.to_json()
    out["render_s"] = round(time.perf_counter() - began, 2)
    out.update({stage: round(value, 2) for stage, value in stages.items()})
    if "consolidate_s" in stages:
        other = stages["consolidate_s"] + stages.get("group_s", 0.0)
        out["read_and_step_s"] = round(out["seconds"] - other, 2)
    return out, captured.get("call")


# --- the driver -------------------------------------------------------------------------------------


def spawn(kind: str, size: int, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    """run_floor or run_brief in a new process (its own session, so a hung run's whole tree can be ended)."""
    report = folder / f"run-{kind}-{size}.json"
    command = [sys.executable, __file__, "--run", kind, "--size", str(size), "--folder", str(folder)]
    command += ["--max-seconds", str(args.max_seconds), "--report", str(report)]
    profiled = args.per_stage and kind == "w1"
    if profiled:
        command.append("--per-stage")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(_src()), os.environ.get("PYTHONPATH")])),
    }
    child = subprocess.Popen(command, env=env, start_new_session=True)
    try:  # the profile runs consolidation again, cProfile's overhead on top: up to twice the run
        code = child.wait(timeout=args.max_seconds * (3 if profiled else 1) + SETUP_ALLOWANCE_S)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        if not report.exists():
            return {"stopped": True, "seconds": args.max_seconds, "note": "ended from outside"}
        code = 0  # the run was reported; its profile was cut short
    if code != 0 or not report.exists():
        return {"failed": f"exit code {code}"}
    row: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return row


def _src() -> Path:
    return Path(__file__).resolve().parents[1] / "src"


def slope(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(seconds) against log(articles): the growth exponent."""
    if len(points) < 2:
        return None
    xs, ys = [math.log(n) for n, _ in points], [math.log(s) for _, s in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return round(
        sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs), 3
    )


def merge(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """One run's rounds: medians of the times, the largest peak, the first round's other fields."""
    done = [r for r in rounds if "cpu_ms_per_article" in r]
    if not done:
        return rounds[0]
    row = dict(done[0])
    for key in ("seconds", "cpu_ms_per_article", "startup_s", "consolidate_s", "read_and_step_s", "render_s"):
        if key in row:
            row[key] = round(statistics.median(r[key] for r in done), 2)
    row["peak_mb"] = max(r["peak_mb"] for r in done)
    if len(rounds) > 1:
        row["per_round_seconds"] = [r.get("seconds") for r in rounds]
    return row


def aims(rows: dict[str, dict[str, Any]], sizes: list[int]) -> dict[str, Any]:
    """Each aim of issue 17 with its measured value (None when the run it needs was not made)."""

    def seconds(kind: str, n: int) -> float | None:
        row = rows.get(f"{n} {kind}", {})
        return None if row.get("stopped") or "cpu_ms_per_article" not in row else row["seconds"]

    out: dict[str, Any] = {}
    one, floor = seconds("w1", 1000), seconds("floor", 1000)
    out["one_process_vs_floor_at_1000"] = round(one / floor, 2) if one and floor else None
    if one and floor:  # CPU time: less sensitive to other jobs on the machine
        cpu = rows["1000 w1"]["cpu_ms_per_article"] / rows["1000 floor"]["cpu_ms_per_article"]
        out["one_process_vs_floor_cpu_at_1000"] = round(cpu, 2)
    points = [(n, s) for n in sizes if (s := seconds("w1", n))]
    out["growth_exponent"] = slope(points)
    out["growth_exponent_sizes"] = [n for n, _ in points]
    # of CPU seconds (all processes): less sensitive to other jobs on the machine
    out["growth_exponent_cpu"] = slope([(n, rows[f"{n} w1"]["cpu_ms_per_article"] * n) for n, _ in points])
    out["growth_exponent_two_workers"] = slope([(n, s) for n in sizes if (s := seconds("w2", n))])
    peak = rows.get("3000 w1", {}).get("peak_mb")
    out["peak_mb_at_3000"] = None if rows.get("3000 w1", {}).get("stopped") else peak
    both = [n for n in sizes if seconds("w1", n) and seconds("w2", n)]
    if both:
        n = max(both)
        out["two_workers_vs_one"] = round(seconds("w1", n) / seconds("w2", n), 2)  # type: ignore[operator]
        out["two_workers_vs_one_size"] = n
    return out


def verdicts(measured: dict[str, Any]) -> list[str]:
    def judge(value: float | None, ok: bool) -> str:
        return "not measured" if value is None else ("met" if ok else "MISSED")

    ratio, exponent = measured["one_process_vs_floor_at_1000"], measured["growth_exponent"]
    peak, speedup = measured["peak_mb_at_3000"], measured.get("two_workers_vs_one")
    sizes = measured["growth_exponent_sizes"]
    span = f"{sizes[0]}–{sizes[-1]}" if sizes else "–"
    return [
        f"1,000 articles, one process vs floor: {ratio} (CPU: "
        f"{measured.get('one_process_vs_floor_cpu_at_1000')}; aim <= 1.3): "
        f"{judge(ratio, ratio is not None and ratio <= 1.3)}",
        f"growth exponent, one process, {span} articles: {exponent} (CPU: {measured['growth_exponent_cpu']}; "
        "aim <= 1.1 over 100–3,000): "
        f"{judge(exponent, exponent is not None and exponent <= 1.1)}",
        f"peak RSS at 3,000, one process: {peak} MB (aim < 1,500): "
        f"{judge(peak, peak is not None and peak < 1500)}",
        f"2 workers vs one at {measured.get('two_workers_vs_one_size', '–')}: {speedup} (aim >= 1.7): "
        f"{judge(speedup, speedup is not None and speedup >= 1.7)}",
    ]


def print_table(rows: dict[str, dict[str, Any]]) -> None:
    columns = [  # (key, heading, width)
        ("seconds", "seconds", 8),
        ("cpu_ms_per_article", "CPU ms/art", 11),
        ("peak_mb", "peak MB", 8),
        ("vs_floor", "× floor", 8),
        ("cpu_vs_floor", "CPU × floor", 12),
        ("startup_s", "start s", 8),
        ("read_and_step_s", "read+step s", 12),
        ("consolidate_s", "consol. s", 10),
        ("consolidate_cpu_s", "consol. CPU s", 14),
        ("group_s", "group s", 8),
        ("render_s", "render s", 9),
    ]
    print("\n" + f"{'size':>6} {'run':<8} " + " ".join(f"{head:>{width}}" for _, head, width in columns))
    for name, row in rows.items():
        size, kind = name.split()
        if row.get("stopped") or row.get("failed"):
            what = (
                row.get("skipped")
                or (f"stopped after {row['seconds']} s" if row.get("stopped") else "")
                or f"failed ({row['failed']})"
            )
            print(f"{size:>6} {kind:<8} {what}")
            continue
        floor = rows.get(f"{size} floor", {})
        if "cpu_ms_per_article" in floor:
            row = {
                **row,
                "vs_floor": round(row["seconds"] / floor["seconds"], 2),
                "cpu_vs_floor": round(row["cpu_ms_per_article"] / floor["cpu_ms_per_article"], 2),
            }
        row = {**row, "peak_mb": round(row["peak_mb"])}
        cells = [f"{row.get(key, '')!s:>{width}}" for key, _, width in columns]
        print(f"{size:>6} {kind:<8} " + " ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,300,1000,3000", help="articles per brief (100,300,1000,3000)")
    parser.add_argument("--workers", default="1,2", help="worker counts of the local engine (1,2)")
    parser.add_argument("--skip-floor", action="store_true", help="leave out spaCy's nlp.pipe")
    parser.add_argument(
        "--grouped",
        type=int,
        default=1000,
        help="also the default grouped brief at this size "
        "(one process; only when it is among --sizes; 0: never)",
    )
    parser.add_argument(
        "--per-stage", action="store_true", help="add a cProfile of consolidation (one process)"
    )
    parser.add_argument("--max-seconds", type=float, default=900, help="a run longer is stopped (900)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of every run, interleaved; medians (1)")
    parser.add_argument("--run", help=argparse.SUPPRESS)  # internal: one run in its own process
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        call = None
        if args.run == "floor":
            result = run_floor(args.size, args.folder, args.max_seconds)
        else:
            result, call = run_brief(args.run, args.size, args.folder, args.max_seconds)
        args.report.write_text(json.dumps(result), encoding="utf-8")
        if args.per_stage and call is not None:  # reported first: a profile cut short loses only itself
            result["consolidation_profile"] = _profile(call)
            args.report.write_text(json.dumps(result), encoding="utf-8")
        return
    if not (ECBPLUS.is_file() and GVA.is_file()):
        print(f"skipped: {EVAL} has no ecbplus or gva-violent-corpus (the shared evaluation data is absent)")
        return
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    kinds = ([] if args.skip_floor else ["floor"]) + [f"w{int(w)}" for w in args.workers.split(",")]

    with tempfile.TemporaryDirectory(prefix="newsfuse-bigstory-") as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        mix = prepare(folder, max(sizes) + WARM_UP)
        print(f"prepared {mix} in {time.perf_counter() - began:.0f} s", file=sys.stderr)
        sizes = [n for n in sizes if n <= mix["articles"] - WARM_UP]
        plan = [(n, kind) for n in sizes for kind in kinds]
        if args.grouped in sizes:
            plan.append((args.grouped, "grouped"))
        runs: dict[str, list[dict[str, Any]]] = {}
        stopped: dict[str, int] = {}  # run kind -> the size it was stopped at
        for number in range(args.rounds):
            for n, kind in plan:
                name = f"{n} {kind}"
                if kind in stopped and n > stopped[kind]:
                    runs.setdefault(name, []).append(
                        {"stopped": True, "skipped": f"{kind} stopped at {stopped[kind]}", "seconds": None}
                    )
                    continue
                print(f"round {number + 1}/{args.rounds}: {name}…", file=sys.stderr)
                row = spawn(kind, n, folder, args)
                runs.setdefault(name, []).append(row)
                if row.get("stopped") or row.get("failed"):
                    stopped[kind] = min(n, stopped.get(kind, n))
    rows = {name: merge(rounds) for name, rounds in runs.items()}
    rows = {name: row for name, row in rows.items() if not row.get("skipped")} | {
        name: row for name, row in rows.items() if row.get("skipped")
    }
    print(
        f"\nbrief of N real news articles as one story (group=False), {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}; × floor = seconds / spaCy nlp.pipe's"
    )
    print_table(rows)
    measured = aims(rows, sizes)
    print()
    for line in verdicts(measured):
        print(line)
    for name, row in rows.items():
        if row.get("consolidation_profile"):
            print(
                f"\nconsolidation of {name.split()[0]} articles, top functions by cumulative time (cProfile):"
            )
            print("\n".join(row["consolidation_profile"]))
    write_result(
        "bigstory",
        {
            "machine": machine_info(),
            "load_average_1min": round(os.getloadavg()[0], 2),
            "dataset": "gva-violent-corpus development pages + ecbplus, mixed by a fixed hash order; "
            "English articles kept by newsfuse's cleaning",
            "mix_at_largest": mix,
            "counted": "brief(group=False): reading, cleaning, analysis, consolidation; models loaded and "
            "the pool started before timing; floor: nlp.pipe over the cleaned texts",
            "rounds": args.rounds,
            "max_seconds": args.max_seconds,
            "runs": rows,
            "measured": measured,
            "aims": AIMS,
        },
    )


if __name__ == "__main__":
    main()
