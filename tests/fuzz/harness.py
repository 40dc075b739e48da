"""The checks each fuzz case goes through: the library, the brief, the CLI. Failures are collected.

Each check returns `Failure`s instead of raising, so one run counts every case and reports every
distinct way it broke; tests assert the list is empty at the end, bench/fuzz.py saves each one.
A mixed batch always holds the invented good article (fixtures.GOOD_STORY): it must survive.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.config import Settings
from newsfuse.errors import InputError, NoArticlesError
from newsfuse.models import RawArticle
from tests.fuzz.fixtures import GOOD_NAME, good_text
from tests.fuzz.mutators import Case, materialise

ROOT = Path(__file__).resolve().parents[2]
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options")
# the plausible publication years (the issue: 1900 ... a year ahead), with a year's slack each side
YEARS = range(1899, dt.date.today().year + 3)


@dataclass
class Failure:
    """One way an input broke newsfuse: where, which input, and one line saying how."""

    harness: str  # library, brief, cli-brief, cli-ingest, web
    kind: str  # the input kind (json, warc-gz, fs, GET /api/stories/{id}...)
    reason: str  # one line: the exception or the broken promise
    how: str  # what the input is (the mutation), enough to rebuild it
    data: bytes = b""
    name: str = ""

    @property
    def signature(self) -> str:
        """Failures of the same sort: harness, kind and the reason's first words (no numbers)."""
        words = "".join(c if not c.isdigit() else "#" for c in self.reason).split()[:4]
        return f"{self.harness} | {self.kind} | {' '.join(words)}"


@dataclass
class Tally:
    """Cases run and failures found by one harness, with its slowest input."""

    cases: int = 0
    failures: list[Failure] = field(default_factory=list)
    slowest: float = 0.0
    slowest_how: str = ""
    notes: Counter[str] = field(default_factory=Counter)  # not failures, but worth a line in the report

    def timed(self, seconds: float, how: str) -> None:
        if seconds > self.slowest:
            self.slowest, self.slowest_how = seconds, how


def one_line(exc: BaseException) -> str:
    """The exception as one line: its type, message and the newsfuse frame it came from."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "newsfuse" in f.filename]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"raised {type(exc).__name__}: {str(exc)[:160]}{where}".replace("\n", " ")


def unsafe_text(value: object) -> bool:
    """Text that SQLite or a UTF-8 writer cannot store: lone surrogates (or not a str at all)."""
    if value is None:
        return False
    if not isinstance(value, str):
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def item_problems(item: object) -> list[str]:
    """What is wrong with one item `read_inputs` yielded (empty: nothing)."""
    if isinstance(item, InputError):
        return ["error line is not UTF-8-safe (lone surrogate)"] if unsafe_text(str(item)) else []
    if not isinstance(item, RawArticle):
        return [f"yielded a {type(item).__name__}, not a RawArticle or InputError"]
    out = [
        f"RawArticle.{n} holds a lone surrogate"
        for n in ("text", "title", "url", "outlet", "path")
        if unsafe_text(getattr(item, n))
    ]
    if item.published is not None and item.published.year not in YEARS:
        out.append(f"implausible publication date kept ({item.published.isoformat()})")
    return out


def check_read(
    case: Case, folder: Path, n: int, settings: Settings, tally: Tally
) -> list[RawArticle | InputError]:
    """The library harness: `read_inputs([path])` yields only articles and errors and never raises."""
    from newsfuse.ingest import read_inputs

    path = materialise(case, folder, n)
    stdin = io.BytesIO(case.data) if path == "-" else None
    tally.cases += 1
    start = time.perf_counter()
    items: list[RawArticle | InputError] = []
    try:
        items = list(read_inputs([path], settings, stdin=stdin))
    except Exception as exc:  # the promise under test: never raise (RecursionError included)
        tally.failures.append(Failure("library", case.kind, one_line(exc), case.how, case.data, case.name))
    tally.timed(time.perf_counter() - start, case.how)
    for problem in {p for item in items for p in item_problems(item)}:
        tally.failures.append(Failure("library", case.kind, problem, case.how, case.data, case.name))
    return items


def write_good(folder: Path) -> str:
    path = folder / GOOD_NAME
    path.write_bytes(good_text())
    return str(path)


def good_in_brief(brief: object, good: str) -> bool:
    """Is the good article a source of the brief, or in one of the other stories it lists?"""
    paths = [s.path for s in brief.sources]  # type: ignore[attr-defined]
    paths += [p.split(":")[0] for o in brief.other_stories for p in o.paths]  # type: ignore[attr-defined]
    return good in paths


def brief_outcome(cases: Sequence[Case], folder: Path, settings: Settings) -> str | None:
    """None when `api.brief([bad..., good])` keeps the good article and renders; else what broke."""
    from newsfuse.api import brief
    from newsfuse.render import render

    batch = folder / f"b{len(list(folder.iterdir())):05d}"
    batch.mkdir()
    good = write_good(batch)
    paths, stdin = [], None
    for n, case in enumerate(cases):
        path = materialise(case, batch, n)
        if path == "-":
            if stdin is not None:
                continue
            stdin = io.BytesIO(case.data)
        paths.append(path)
    try:
        result = brief([*paths, good], settings=settings, on_problem=lambda e: None, stdin=stdin)
        for fmt in ("json", "md", "html"):
            render(result, fmt).encode("utf-8")
    except NoArticlesError as exc:
        return f"lost the good article: {exc}"
    except Exception as exc:
        return one_line(exc)
    if not good_in_brief(result, good):
        return "lost the good article: not a source nor in another story"
    return None


def culprits(cases: Sequence[Case], fails: Callable[[Sequence[Case]], str | None]) -> list[tuple[Case, str]]:
    """The cases that break a batch on their own, found by halving (each with what broke)."""
    if len(cases) == 1:
        why = fails(cases)
        return [(cases[0], why)] if why else []
    half = len(cases) // 2
    found = []
    for part in (cases[:half], cases[half:]):
        if part and fails(part):
            found += culprits(part, fails)
    return found


def check_brief(cases: Sequence[Case], folder: Path, settings: Settings, tally: Tally) -> None:
    """The brief harness: bad inputs plus the good article briefed in one call; bisected on failure."""
    tally.cases += len(cases)
    start = time.perf_counter()
    why = brief_outcome(cases, folder, settings)
    tally.timed(time.perf_counter() - start, f"a batch of {len(cases)}")
    if why is None:
        return
    found = culprits(cases, lambda part: brief_outcome(part, folder, settings))
    for case, reason in found or [(cases[0], f"batch only: {why}")]:
        tally.failures.append(Failure("brief", case.kind, reason, case.how, case.data, case.name))


# --- the CLI, in a subprocess: many inputs per call --------------------------------------------------


def last_exception(stderr: str) -> str:
    """The exception line of a traceback on stderr ("RecursionError: maximum recursion ...")."""
    found = re.findall(r"^([A-Za-z_][\w.]*(?:Error|Exception|Warning|Interrupt)\b.*)$", stderr, re.M)
    return (found[-1] if found else stderr.strip().splitlines()[-1])[:200]


def cli(
    args: Sequence[str | bytes], stdin: bytes | None, timeout: float = 600
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "newsfuse", *args],
        input=stdin or b"",
        capture_output=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )


def check_cli(
    cases: Sequence[Case],
    errors: Sequence[bool],
    folder: Path,
    settings_args: Sequence[str],
    tally: dict[str, Tally],
) -> None:
    """`brief BAD... GOOD -f json -o OUT`, `ingest BAD... GOOD`: no traceback, bad inputs named, good kept.

    `errors[i]` says whether the library yielded an InputError for case i: its file must then be
    named on stderr. One stdin case at most per call (the others are skipped).
    """
    from newsfuse.ingest import raw_key, read_inputs
    from newsfuse.store import open_store

    batch = folder / f"cli{len(list(folder.iterdir())):05d}"
    batch.mkdir()
    good = write_good(batch)
    paths: list[str] = []
    named: list[tuple[Case, str]] = []
    stdin = None
    for n, (case, bad) in enumerate(zip(cases, errors, strict=True)):
        path = materialise(case, batch, n)
        if path == "-":
            if stdin is not None:
                continue
            stdin = case.data
        paths.append(path)
        if bad and path != "-":
            named.append((case, f"c{n:05d}"))
    args = [os.fsencode(p) for p in paths] + [good.encode()]
    out, db = batch / "out.json", batch / "store.db"
    common = ["--workers", "1", *settings_args]
    good_raw = next(i for i in read_inputs([good]) if isinstance(i, RawArticle))
    for name, argv in (
        ("cli-brief", ["brief", *args, "-f", "json", "-o", str(out), *common]),
        ("cli-ingest", ["ingest", *args, "--db", str(db), *common]),
    ):
        t = tally[name]
        t.cases += len(paths)
        start = time.perf_counter()
        done = cli(argv, stdin)
        t.timed(time.perf_counter() - start, f"a call with {len(paths)} inputs")
        err = done.stderr.decode("utf-8", "replace")
        broke: list[str] = []
        if "Traceback" in err:
            broke.append("traceback: " + last_exception(err))
        elif done.returncode != 0:
            broke.append(f"exit code {done.returncode}: " + (err.strip().splitlines() or [""])[-1][:200])
        for case, token in named if not broke else []:  # a crashed call names nothing after the crash
            if token not in err:
                t.failures.append(
                    Failure(name, case.kind, "bad input not named on stderr", case.how, case.data, case.name)
                )
        if done.returncode == 0 and name == "cli-brief":
            doc = json.loads(out.read_text(encoding="utf-8"))
            listed = [s["path"] for s in doc["sources"]] + [
                p.split(":")[0] for o in doc.get("other_stories", []) for p in o["paths"]
            ]
            if good not in listed:
                broke.append("lost the good article")
        if done.returncode == 0 and name == "cli-ingest":
            with open_store(db, readonly=True) as store:
                if store.story_of_raw(raw_key(good_raw)) is None:
                    broke.append("lost the good article (not in the store)")
        for reason in broke:  # a broken call: every input of it is a suspect; the report names the batch
            t.failures.append(
                Failure(
                    name, "batch", reason, f"{len(paths)} inputs: " + " | ".join(c.how for c in cases)[:2000]
                )
            )
