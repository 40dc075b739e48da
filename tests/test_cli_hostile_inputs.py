"""The CLI given what the world sends (issue 18): JSON nested deep or with huge numbers, lone
surrogates, a file name that is not UTF-8, link loops in a folder, dates at the ends of the calendar.
One stderr line per bad input, a note per dropped date, the good articles briefed, never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.test_cli import GOOD_ARTICLE, no_traceback, run, stderr_lines


def test_a_batch_of_hostile_inputs_briefs_the_good_articles_with_one_line_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "deep.json").write_text("[" * 1500 + "]" * 1500, encoding="utf-8")
    (folder / "huge.json").write_text('{"text": "Bridge.", "n": ' + "9" * 5000 + "}", encoding="utf-8")
    feed = [
        json.dumps({"text": GOOD_ARTICLE.replace("six months", "half a year"), "published": "9999-12-31"}),
        '{"text": ' * 1200 + '"x"' + "}" * 1200,
    ]
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    # a lone surrogate in a record's title and text: the article is read, the surrogate replaced
    title = "Marrowfield bridge \\ud800 closed"
    text = json.dumps(GOOD_ARTICLE.replace("deep", "wide"))[1:-1] + " \\udc00"
    (folder / "surrogate.json").write_text(
        f'{{"title": "{title}", "text": "{text}", "published": "0001-01-01"}}', encoding="utf-8"
    )
    with open(os.fsencode(folder) + b"/old\xff name.txt", "wb") as fh:  # an old zip archive's name
        fh.write(GOOD_ARTICLE.replace("routine", "yearly").encode("utf-8"))
    os.symlink("..", folder / "up")  # a link to a folder is not followed
    os.symlink("self.txt", folder / "self.txt")  # a link to itself
    os.symlink("loop.txt", tmp_path / "loop.txt")

    result = run("brief", "-f", "json", "in", "loop.txt", cwd=tmp_path)

    no_traceback(result)
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout)
    paths = sorted(s["path"] + (f":{s['record']}" if s["record"] else "") for s in brief["sources"])
    assert paths == sorted(
        os.path.join("in", p) for p in ("feed.jsonl:1", "good.txt", "old\ufffd name.txt", "surrogate.json")
    )
    assert all(s["published"] is None for s in brief["sources"])
    (surrogate,) = [s for s in brief["sources"] if s["path"].endswith("surrogate.json")]
    assert surrogate["title"] == "Marrowfield bridge \ufffd closed" and "wide cracks" in surrogate["text"]

    bad = {
        os.path.join("in", "deep.json"): "nested too deep",
        os.path.join("in", "huge.json"): "5,000 digits",
        os.path.join("in", "feed.jsonl") + ":2": "nested too deep",
        os.path.join("in", "self.txt"): "symbolic links",
        "loop.txt": "symbolic links",
    }
    notes = {
        os.path.join("in", "feed.jsonl") + ":1": "publication date 9999-12-31",
        os.path.join("in", "surrogate.json"): "publication date 0001-01-01",
    }
    lines = [ln for ln in stderr_lines(result) if "story" not in ln]  # not the stories' summary line
    assert len(lines) == len(bad) + len(notes), lines
    for name, problem in bad.items():
        (line,) = [ln for ln in lines if ln.startswith(f"newsfuse: error: {name}: ")]
        assert problem in line
    for name, problem in notes.items():
        (line,) = [ln for ln in lines if ln.startswith(f"newsfuse: {name}: ")]
        assert problem in line and "read as undated" in line
    assert {s["path"] for s in brief["skipped"]} == set(bad)
