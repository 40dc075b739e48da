"""The installed `newsfuse` command, run as a user runs it: exit status, stdout, stderr, files.

Each run loads spaCy (about two seconds), so a run carries several assertions. The bad-input
contract under test: one clear stderr line per bad input naming it, the good inputs still briefed,
exit 0 when any article made it into the brief, 1 with a message when none did, never a traceback.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import newsfuse
from newsfuse.config import Settings
from tests.conftest import validate_brief_json

NEWSFUSE = Path(sys.executable).parent / "newsfuse"

GOOD_ARTICLE = """Marrowfield closes river bridge after cracks found

The town council of Marrowfield voted on Tuesday to close the old river bridge after engineers found deep \
cracks in two of its stone supports during a routine inspection.

Council leader Ada Brennick said the bridge would stay shut for at least six months while repairs are \
planned. "Nobody crosses until it is safe," she told reporters outside the town hall.

Shop owners on the market square warned that the closure would add twenty minutes to many journeys and \
could hurt trade during the spring season, when visitors usually return to the town.
"""

SCRIPT_ARTICLE = """Library website form taken offline

A web developer in the town of Pellmouth showed councillors on Wednesday how the comment box on the \
library website could be abused.

She typed <script>alert(1)</script> into the form during the meeting, and the page ran it, she said.

The council said the form had been taken offline until a fix is in place and that no personal data had \
been exposed.
"""


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, without a terminal, colour or a shell."""
    assert NEWSFUSE.exists(), f"console script not installed at {NEWSFUSE}"
    # the console script is an editable install of the main checkout: run this tree's source
    source = str(Path(newsfuse.__file__).resolve().parents[1])
    env = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore", "PYTHONPATH": source}
    result = subprocess.run(
        [str(NEWSFUSE), *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=env,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A folder holding one readable article, as `in/good.txt`."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    return folder


def test_bad_inputs_are_reported_one_line_each_and_the_good_one_briefed(tmp_path: Path, good: Path) -> None:
    """Every kind of bad input from the issue next to one good article: exit 0, the brief on stdout,
    exactly one stderr line per bad input naming it, no traceback."""
    (good / "empty.txt").write_bytes(b"")
    (good / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n")
    (good / "mangled.txt").write_bytes(
        codecs.BOM_UTF16_LE + "Bridge closed".encode("utf-16-le") + b"\x00\xd8" + "!".encode("utf-16-le")
    )
    (good / "broken.json").write_text('{"title": "Bridge", "text": "cut off', encoding="utf-8")
    (good / "feed.jsonl").write_text(
        json.dumps({"text": GOOD_ARTICLE.replace("Marrowfield", "Kettlewick")}) + "\n{not json}\n",
        encoding="utf-8",
    )
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")

    result = run("brief", "in", "missing.txt", "nothing", cwd=tmp_path)

    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ") and "## Sources" in result.stdout
    # the good file, and the good record beside the bad line, are the brief's two sources
    assert "2 sources" in result.stdout
    for source in ("good.txt", "feed.jsonl"):  # by the file's name, never the path (issue 19)
        assert f"file `{source}`" in result.stdout and f"`{os.path.join('in', source)}`" not in result.stdout
    lines = stderr_lines(result)
    bad = {
        os.path.join("in", "empty.txt"): "empty file",
        os.path.join("in", "scan.txt"): "PDF",
        os.path.join("in", "mangled.txt"): "UTF-16",
        os.path.join("in", "broken.json"): "invalid JSON",
        os.path.join("in", "feed.jsonl") + ":2": "invalid JSON",
        "missing.txt": "no such file or directory",
        "nothing": "no article files",
    }
    assert len(lines) == len(bad), lines
    for name, problem in bad.items():
        (line,) = [ln for ln in lines if f" {name}: " in ln]
        assert line.startswith("newsfuse: error: ") and problem in line


def test_only_bad_inputs_exit_1_with_a_message(tmp_path: Path) -> None:
    """When no article can be read, the status is 1 and the last line says why; stdout stays empty."""
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "nothing").mkdir()
    result = run("brief", "empty.txt", "gone.md", "nothing", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = stderr_lines(result)
    assert len(lines) == 4
    assert [ln.split(": ")[2] for ln in lines[:3]] == ["empty.txt", "gone.md", "nothing"]
    assert lines[3].startswith("newsfuse: error: no article could be read from empty.txt, gone.md, nothing")


def test_json_output_file_is_valid_against_the_schema(good: Path, brief_schema: dict[str, Any]) -> None:
    """`-o out.json` writes a schema-valid brief, nothing on stdout, and a note on stderr."""
    result = run("brief", "good.txt", "-o", "out.json", cwd=good)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    document = json.loads((good / "out.json").read_text(encoding="utf-8"))
    validate_brief_json(document, brief_schema)
    assert [s["path"] for s in document["sources"]] == ["good.txt"]
    assert stderr_lines(result) == ["newsfuse: wrote out.json (json, 1 sources)"]


def test_html_output_escapes_markup_from_articles(good: Path) -> None:
    """`-o out.html` writes a page in which an article's `<script>` text is shown, never run."""
    (good / "script.txt").write_text(SCRIPT_ARTICLE, encoding="utf-8")
    result = run("brief", "script.txt", "good.txt", "-o", "out.html", cwd=good)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    page = (good / "out.html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "Marrowfield" in page and "Pellmouth" in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page


def test_markdown_output_file_quietly(good: Path) -> None:
    """`-o out.md -q` writes the Markdown brief and prints nothing at all."""
    result = run("brief", "-q", "good.txt", "-o", "out.md", cwd=good)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    brief = (good / "out.md").read_text(encoding="utf-8")
    assert brief.startswith("# ") and "Marrowfield" in brief.splitlines()[0]
    assert "## Sources" in brief and "`good.txt`" in brief
    assert not brief.lstrip().startswith(("{", "<"))


def test_stdin_with_json_format_to_stdout(tmp_path: Path, brief_schema: dict[str, Any]) -> None:
    """`newsfuse brief - --format json` reads the article from stdin and prints a valid JSON brief."""
    result = run("brief", "-", "--format", "json", cwd=tmp_path, stdin=GOOD_ARTICLE.encode("utf-8"))
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    validate_brief_json(document, brief_schema)
    (source,) = document["sources"]
    assert source["path"] == "-"
    assert "Ada Brennick" in source["text"]


def test_output_into_a_missing_folder_is_one_error(good: Path) -> None:
    """Writing into a folder that does not exist fails with status 1 and one line, no traceback."""
    result = run("brief", "good.txt", "-o", "no/such/dir/out.json", cwd=good)
    no_traceback(result)
    assert result.returncode == 1
    lines = stderr_lines(result)
    assert len(lines) == 1
    assert lines[0].startswith("newsfuse: error: ") and "does not exist" in lines[0]
    assert not (good / "no").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "choose md, html or json"),
        (["--setting", "max_size=3"], "expected NAME=VALUE"),
        (["--setting", "max_file_mb=lots"], "max_file_mb takes a whole number"),
        (["--setting", "max_file_mb"], "expected NAME=VALUE"),
    ],
)
def test_usage_errors_exit_2(good: Path, args: list[str], message: str) -> None:
    """An unknown format or a bad setting is a usage error (status 2) with a message, not a traceback."""
    result = run("brief", "good.txt", *args, cwd=good)
    no_traceback(result)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_setting_override_takes_effect(good: Path) -> None:
    """`--setting max_file_mb=1` really lowers the limit: a 2 MB article is refused, naming the setting."""
    (good / "big.txt").write_text("Crews worked through the night at the port. " * 50_000, encoding="utf-8")
    result = run("brief", "--setting", "max_file_mb=1", "big.txt", cwd=good)
    no_traceback(result)
    assert result.returncode == 1
    first = stderr_lines(result)[0]
    assert first.startswith("newsfuse: error: big.txt: file is too large")
    assert "1 MB limit (setting max_file_mb)" in first


def test_setting_values_are_checked(good: Path) -> None:
    """An impossible setting value is a usage error that says what is allowed."""
    result = run("brief", "--setting", "max_file_mb=0", "good.txt", cwd=good)
    no_traceback(result)
    assert result.returncode == 2
    assert "max_file_mb must be 1 or more" in result.stderr


def test_schema_command_prints_the_json_schema(tmp_path: Path) -> None:
    """`newsfuse schema` prints a valid JSON Schema document describing a brief."""
    result = run("schema", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)
    assert "sources" in document["properties"]


def test_settings_command_lists_every_setting(tmp_path: Path) -> None:
    """`newsfuse settings` shows each field of Settings with its default and its help text."""
    result = run("settings", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for field in dataclasses.fields(Settings):
        assert f"{field.name} = {field.default!r}\n" in result.stdout
        assert field.metadata["help"] in result.stdout
