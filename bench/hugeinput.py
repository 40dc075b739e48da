"""Huge inputs: peak memory and time of `newsfuse brief` on invented inputs far larger than news.

Every input is generated here (invented words, names and places; a fixed seed), written to a
temporary folder, and briefed by the command line in its own process
(`python -m newsfuse brief PATH -o brief.json --one-story --workers 1`), one after another:
- onewords: one HTML page of 10,000 one-word paragraphs (~80 KB of HTML), every word different;
- long2mb: one 2 MB article of varied invented sentences (paragraphs of 2-5 sentences);
- repeats: a 1.3 MB HTML page repeating the paragraphs of a short article (headings, captions and
  prose) over and over;
- maxfile: one plain-text article of `max_file_mb` (the largest file read);
- story10k: a 10,000-sentence story (100 articles of 100 sentences in one JSONL file), every
  sentence naming the same place (a word every sentence shares);
- story3k: the same with 29 articles (2,900 sentences): the largest story whose summary weighs
  every sentence (`textrank.LARGE`), with every pair of sentences sharing a word.

Measures per input: wall seconds, CPU seconds and peak RSS of the process and its descendants
(`os.wait4`'s rusage: the largest of them, counted once; also sampled from /proc every 0.2 s for
the kill guard), the exit status, the brief's sentences and characters per source, and the notes
the command printed (its stderr). A run over `--max-seconds` or `--max-mb` is stopped and recorded
as such. `--src` picks the newsfuse source tree (default: this checkout's src/), so the same inputs
can be briefed by another version: bench/results/hugeinput-before.json holds the numbers of the code
before the per-article cap and bounded parsing (`--src` at 26d4e1f, `--name hugeinput-before`).

    python bench/hugeinput.py [--only onewords,long2mb] [--src PATH] [--max-seconds 300]
                              [--max-mb 6000] [--name hugeinput]

Budget: every input up to `max_file_mb` briefed in under 1 GB peak RSS and under 60 CPU seconds
(process and descendants; CPU, not wall time, because the bench machine is shared and wall time
there doubles under load).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from throughput import _tree

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MB, BUDGET_CPU_S = 1000, 60

# --- invented text ---------------------------------------------------------------------------------

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gl", "st"]
_VOWELS = ["a", "e", "i", "o", "u", "ei", "ou"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))


class Inventor:
    """Invented names, places and sentences from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people = [f"{_word(self.rng, 2).title()} {_word(self.rng, 3).title()}" for _ in range(300)]
        self.places = [_word(self.rng, 3).title() for _ in range(200)]
        self.groups = [f"the {_word(self.rng, 2).title()} {w}" for w in ("council", "union", "guard")] * 20

    def sentence(self, place: str | None = None) -> str:
        r = self.rng
        where = place or r.choice(self.places)
        n = r.randint(2, 900)
        forms = [
            f"{r.choice(self.people)} said {n} residents of {where} had left their homes by "
            f"{r.choice(_DAYS)}.",
            f"Officials in {where} reported {n} injured after the {r.choice(_EVENTS)} near the "
            f"{r.choice(_SITES)}.",
            f"{r.choice(self.groups).capitalize()} met in {where} on {r.choice(_DAYS)} to discuss the "
            f"{r.choice(_EVENTS)}.",
            f"According to {r.choice(self.people)}, at least {n} people were taken to hospital in {where}.",
            f"The {r.choice(_SITES)} in {where} stayed closed while {r.choice(self.groups)} inspected it.",
            f"Witnesses described a {r.choice(_ADJ)} {r.choice(_EVENTS)} that began before dawn in {where}.",
            f"{r.choice(self.people)} of {r.choice(self.groups)} called for calm in {where} and nearby "
            f"{r.choice(self.places)}.",
        ]
        return r.choice(forms)

    def paragraph(self, place: str | None = None) -> str:
        return " ".join(self.sentence(place) for _ in range(self.rng.randint(2, 5)))


_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_EVENTS = ["flood", "fire", "storm", "landslide", "protest", "collapse", "blackout"]
_SITES = ["bridge", "market", "station", "harbour", "school", "hospital", "stadium"]
_ADJ = ["sudden", "long", "violent", "quiet", "brief", "chaotic"]


def _html(title: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>\n{body}\n</article></body></html>\n"
    )


def make_onewords(folder: Path, max_file_mb: int) -> Path:
    rng = random.Random(18)
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < 10_000:
        w = _word(rng, rng.randint(2, 3))
        if w not in seen:
            seen.add(w)
            words.append(w)
    path = folder / "onewords.html"
    path.write_text(_html("Gravel Report From Tolvenmark", words), encoding="utf-8")
    return path


def make_long(folder: Path, max_file_mb: int) -> Path:
    inventor = Inventor(2)
    paragraphs: list[str] = []
    size = 0
    while size < 2 * 1024 * 1024:
        paragraphs.append(inventor.paragraph())
        size += len(paragraphs[-1]) + 2
    path = folder / "long2mb.txt"
    path.write_text("Storms Across The Vellian Coast\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def make_repeats(folder: Path, max_file_mb: int) -> Path:
    inventor = Inventor(13)
    unit = [
        "Latest updates",
        inventor.paragraph("Brasketh"),
        "Crews clear debris near the harbour (Photo: Lina Dorr/Invented Agency)",
        inventor.paragraph("Brasketh"),
        "Read more",
        inventor.paragraph("Brasketh"),
        "What happens next?",
        inventor.paragraph("Brasketh"),
        "Share this story",
    ]
    paragraphs: list[str] = []
    size = 0
    while size < 1.3 * 1024 * 1024:
        paragraphs.extend(unit)
        size += sum(len(p) + 8 for p in unit)
    path = folder / "repeats.html"
    path.write_text(_html("Harbour Wall Gives Way In Brasketh", paragraphs), encoding="utf-8")
    return path


def make_maxfile(folder: Path, max_file_mb: int) -> Path:
    inventor = Inventor(50)
    limit = max_file_mb * 1024 * 1024 - 4096
    path = folder / "maxfile.txt"
    with path.open("w", encoding="utf-8") as out:
        out.write("Floodwater Reaches The Orlan Plain\n\n")
        size = 0
        while size < limit:
            block = "\n\n".join(inventor.paragraph() for _ in range(200)) + "\n\n"
            block = block.encode()[: limit - size].decode("ascii")  # invented text is ASCII
            out.write(block)
            size += len(block)
    return path


def make_story10k(folder: Path, max_file_mb: int) -> Path:
    return _story(folder / "story10k.jsonl", articles=100, paragraphs=25)


def make_story3k(folder: Path, max_file_mb: int) -> Path:
    return _story(folder / "story3k.jsonl", articles=29, paragraphs=25)


def _story(path: Path, articles: int, paragraphs: int) -> Path:
    """`articles` reports of `paragraphs` paragraphs of 4 sentences, every sentence naming Kestova."""
    inventor = Inventor(10)
    with path.open("w", encoding="utf-8") as out:
        for n in range(articles):
            text = [" ".join(inventor.sentence("Kestova") for _ in range(4)) for _ in range(paragraphs)]
            record = {
                "title": f"Kestova landslide: report {n + 1}",
                "text": "\n\n".join(text),
                "published": f"2026-03-{1 + n % 28:02d}",
                "url": f"https://news.invalid/kestova/{n + 1}",
            }
            out.write(json.dumps(record) + "\n")
    return path


INPUTS: dict[str, Callable[[Path, int], Path]] = {
    "onewords": make_onewords,
    "long2mb": make_long,
    "repeats": make_repeats,
    "maxfile": make_maxfile,
    "story10k": make_story10k,
    "story3k": make_story3k,
}

# --- one run ---------------------------------------------------------------------------------------


def brief_once(path: Path, out: Path, src: Path, max_seconds: float, max_mb: float) -> dict[str, Any]:
    """Brief `path` in a child process: its time, CPU, peak memory, exit status and notes."""
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    command = [sys.executable, "-m", "newsfuse", "brief", str(path), "-o", str(out), "--one-story"]
    command += ["--workers", "1"]
    began = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True
    )
    stopped: list[str] = []
    sampled = {"peak_mb": 0.0}
    done = threading.Event()

    def guard() -> None:
        while not done.wait(0.2):
            rss = _tree(child.pid)[0]
            sampled["peak_mb"] = max(sampled["peak_mb"], rss)
            over = time.perf_counter() - began > max_seconds
            if over or rss > max_mb:
                stopped.append(f"over {max_seconds:.0f} s" if over else f"over {max_mb:.0f} MB")
                os.killpg(child.pid, signal.SIGKILL)
                return

    thread = threading.Thread(target=guard, daemon=True)
    thread.start()
    stderr_text: list[str] = []
    reader = threading.Thread(target=lambda: stderr_text.append(child.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    done.set()
    thread.join()
    reader.join(5)
    child.returncode = os.waitstatus_to_exitcode(status)
    result: dict[str, Any] = {
        "exit": child.returncode,
        "seconds": round(seconds, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_mb": round(max(usage.ru_maxrss / 1024, sampled["peak_mb"])),
        "stopped": stopped[0] if stopped else None,
        "notes": [line for line in "".join(stderr_text).splitlines() if line.strip()][-6:],
    }
    if child.returncode == 0 and out.is_file():
        brief = json.loads(out.read_text(encoding="utf-8"))
        result["sources"] = len(brief["sources"])
        result["sentences"] = sum(s.get("sentences", 0) for s in brief["sources"])
        result["text_chars"] = sum(len(s["text"]) for s in brief["sources"])
        result["removed"] = sum(len(s["removed"]) for s in brief["sources"])
        result["summary_sentences"] = len(brief["summary"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default=",".join(INPUTS), help="inputs to run (default: all)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="newsfuse source tree")
    parser.add_argument("--max-seconds", type=float, default=300.0, help="stop a run after (300)")
    parser.add_argument("--max-mb", type=float, default=6000.0, help="stop a run above this RSS (6000)")
    parser.add_argument("--name", default="hugeinput", help="results file name (bench/results/NAME.json)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from newsfuse.config import Settings

    settings = Settings()
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="hugeinput-") as tmp:
        folder = Path(tmp)
        for name in args.only.split(","):
            path = INPUTS[name](folder, settings.max_file_mb)
            size_mb = path.stat().st_size / 1024**2
            run = brief_once(path, folder / f"{name}.json", args.src, args.max_seconds, args.max_mb)
            rows[name] = {"input_mb": round(size_mb, 2), **run}
            print(_row(name, rows[name]), flush=True)
            path.unlink()
    print()
    print(f"{'input':10} {'MB':>6} {'exit':>4} {'wall s':>7} {'cpu s':>6} {'peak MB':>8} {'sent':>6} within")
    for name, row in rows.items():
        print(_row(name, row))
    payload = {
        "machine": machine_info(),
        "src": str(args.src),
        "settings": {k: v for k, v, _ in settings.describe() if k.startswith("max_")},
        "budget": {"peak_mb": BUDGET_MB, "cpu_s": BUDGET_CPU_S},
        "runs": rows,
    }
    write_result(args.name, payload)


def _row(name: str, row: dict[str, Any]) -> str:
    misses = [row["stopped"] or f"exit {row['exit']}"] if row["exit"] else []
    misses += [f"{row['peak_mb']:.0f} MB"] if row["peak_mb"] >= BUDGET_MB else []
    misses += [f"{row['cpu_s']:.0f} s CPU"] if row["cpu_s"] >= BUDGET_CPU_S else []
    verdict = "no: " + ", ".join(misses) if misses else "yes"
    return (
        f"{name:10} {row['input_mb']:6.2f} {row['exit']:>4} {row['seconds']:7.1f} {row['cpu_s']:6.1f} "
        f"{row['peak_mb']:8.0f} {row.get('sentences', '-'):>6} {verdict}"
    )


if __name__ == "__main__":
    main()
