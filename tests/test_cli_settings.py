"""`--settings FILE` through the real command line: brief, ingest, settings, serve; and the web limits."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.config import Settings, load_settings
from newsfuse.web import create_app
from tests.test_cli import no_traceback, run, stderr_lines
from tests.web.conftest import serving
from tests.web.test_errors import raw

BIG = "Crews worked through the night at the port. " * 50_000  # about 2.2 MB


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a 2 MB article and a settings file lowering max_file_mb to 1."""
    (tmp_path / "big.txt").write_text(BIG, encoding="utf-8")
    (tmp_path / "small.toml").write_text("# partial\nmax_file_mb = 1\n", encoding="utf-8")
    return tmp_path


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_brief_takes_a_settings_file(folder: Path) -> None:
    """The real console script: the file's max_file_mb=1 refuses the 2 MB article, naming the setting."""
    result = run("brief", "--settings", "small.toml", "big.txt", cwd=folder)
    no_traceback(result)
    assert result.returncode == 1
    assert "1 MB limit (setting max_file_mb)" in stderr_lines(result)[0]


def test_ingest_takes_a_settings_file_and_a_bad_one_stops_it_before_any_work(folder: Path) -> None:
    result = run("ingest", "--db", "store.db", "--settings", "small.toml", "-q", "big.txt", cwd=folder)
    no_traceback(result)
    assert result.returncode == 1 and "1 MB limit (setting max_file_mb)" in result.stderr
    (folder / "typo.toml").write_text("max_file_mb = 5\nsumary_words = 40\n", encoding="utf-8")
    result = run("ingest", "--db", "other.db", "--settings", "typo.toml", "big.txt", cwd=folder)
    no_traceback(result)
    assert result.returncode == 2
    assert "typo.toml:2: unknown setting 'sumary_words' (did you mean summary_words?)" in result.stderr
    assert "--settings" in result.stderr
    assert not (folder / "other.db").exists()


def test_a_setting_on_the_command_line_wins_over_the_file(folder: Path) -> None:
    code, out, _ = invoke("settings", "--settings", str(folder / "small.toml"), "-s", "max_file_mb=3")
    assert code == 0 and "\nmax_file_mb = 3\n" in out
    code, out, _ = invoke("settings", "--settings", str(folder / "small.toml"))
    assert code == 0 and "\nmax_file_mb = 1\n" in out


def test_brief_takes_the_pair_over_the_file(folder: Path) -> None:
    """The file allows 5 MB, -s max_file_mb=1 wins: the 2 MB article is refused."""
    (folder / "roomy.toml").write_text("max_file_mb = 5\n", encoding="utf-8")
    result = run("brief", "--settings", "roomy.toml", "-s", "max_file_mb=1", "big.txt", cwd=folder)
    no_traceback(result)
    assert result.returncode == 1 and "1 MB limit (setting max_file_mb)" in stderr_lines(result)[0]


def test_the_environment_names_a_settings_file_when_the_option_is_absent(folder: Path) -> None:
    env = {"NEWSFUSE_SETTINGS": str(folder / "small.toml")}
    code, out, _ = invoke("settings", env=env)
    assert code == 0 and "\nmax_file_mb = 1\n" in out
    (folder / "other.toml").write_text("max_file_mb = 2\n", encoding="utf-8")
    code, out, _ = invoke("settings", "--settings", str(folder / "other.toml"), env=env)
    assert code == 0 and "\nmax_file_mb = 2\n" in out


def test_every_command_taking_s_takes_settings() -> None:
    for command in ("brief", "ingest", "stories", "show", "serve", "settings"):
        code, out, _ = invoke(command, "--help")
        assert code == 0 and "--settings" in out and "--setting" in out, command


def test_a_bad_settings_file_is_a_usage_error_of_one_line(folder: Path) -> None:
    (folder / "bad.toml").write_text("max_file_mb = 5\nfetch_timeout = 0\n", encoding="utf-8")
    result = run("stories", "--db", "none.db", "--settings", "bad.toml", cwd=folder)
    no_traceback(result)
    assert result.returncode == 2 and result.stdout == ""
    problem = [line for line in stderr_lines(result) if "bad.toml" in line]
    assert len(problem) == 1
    assert "bad.toml:2: setting fetch_timeout must be between 0.1 and 600 (got 0)" in problem[0]


def test_settings_toml_prints_a_complete_file_that_parses_back(tmp_path: Path) -> None:
    code, out, _ = invoke("settings", "--toml")
    assert code == 0 and tomllib.loads(out) == {}
    for f in dataclasses.fields(Settings):
        assert f"# {f.name} = " in out
    path = tmp_path / "all.toml"
    path.write_text(out, encoding="utf-8")
    assert load_settings(path) == Settings()
    code, out, _ = invoke("settings", "--toml", "-s", "fetch_host_interval=2.5", "-s", "watch_every=1h")
    path.write_text(out, encoding="utf-8")
    assert load_settings(path) == Settings(fetch_host_interval=2.5, watch_every="1h")


def test_the_listing_is_grouped_by_section() -> None:
    code, out, _ = invoke("settings")
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("# ")]
    assert headings[0] == "# Input limits" and "# The web app" in headings
    assert out.index("# The web app") < out.index("web_max_body_mb = ") < out.index("web_max_files = ")


# --- the web app's limits are settings ------------------------------------------------------------


def test_the_web_limits_come_from_settings_and_the_413s_name_them(tmp_path: Path) -> None:
    settings = Settings(web_max_body_mb=1, web_max_files=2)
    with serving(create_app(tmp_path / "store.db", settings, warm=False)) as url:
        head = "POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        declared = f"{head}Content-Length: {1024 * 1024 + 1}\r\n\r\n".encode()
        status, _, body = raw(url, declared)  # refused on the declared length, before any body
        expected = b"request too large: over the 1 MB limit per request (setting web_max_body_mb)"
        assert status == 413 and expected in body
        chunk = b"x" * 65536
        chunks = (b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(20))  # 1.25 MB, streamed
        status, _, body = raw(url, f"{head}Transfer-Encoding: chunked\r\n\r\n".encode(), chunks)
        assert status == 413 and expected in body
        with httpx.Client(base_url=url, timeout=60) as http:
            files = [("files", (f"a{n}.txt", b"Some article text.", "text/plain")) for n in range(3)]
            too_many = http.post("/api/articles", files=files)
            assert too_many.status_code == 413
            assert too_many.json()["detail"] == (
                "too many files: 3 sent, at most 2 per request (setting web_max_files)"
            )
            assert "At most 2 files and 1 MB per request" in http.get("/add").text


def test_serve_takes_its_limits_from_the_settings_file(tmp_path: Path) -> None:
    (tmp_path / "web.toml").write_text(
        "[newsfuse]\nweb_max_files = 4\nweb_max_body_mb = 3\n", encoding="utf-8"
    )
    code, out, err = invoke(
        "serve",
        "--db",
        str(tmp_path / "s.db"),
        "--create",
        "--settings",
        str(tmp_path / "web.toml"),
        "--get",
        "/add",
    )
    assert code == 0, err
    assert "At most 4 files and 3 MB per request" in out
