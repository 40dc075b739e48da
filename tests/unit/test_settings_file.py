"""Settings from a TOML file and from `NAME=VALUE` pairs: what is taken, and one line for each problem."""

from __future__ import annotations

import dataclasses
import tempfile
import tomllib
from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies as st

from newsfuse.config import (
    SECTIONS,
    Settings,
    SettingsError,
    load_settings,
    read_settings_file,
    sections,
    settings_toml,
)


def write(folder: Path, text: str, name: str = "settings.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, *pairs: str) -> str:
    """The one-line message a file (and pairs) is refused with."""
    with pytest.raises(SettingsError) as caught:
        load_settings(path, pairs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- what a file gives ----------------------------------------------------------------------------


def test_a_partial_file_overrides_only_the_settings_it_names(tmp_path: Path) -> None:
    path = write(tmp_path, "max_file_mb = 5\nhtml_include_tables = false\n# a comment\nwatch_every = '30m'\n")
    settings = load_settings(path)
    assert (settings.max_file_mb, settings.html_include_tables, settings.watch_every) == (5, False, "30m")
    changed = {f.name for f in dataclasses.fields(Settings) if getattr(settings, f.name) != f.default}
    assert changed == {"max_file_mb", "html_include_tables", "watch_every"}
    assert Settings.from_file(path) == settings


def test_an_int_is_a_fine_float_and_the_value_keeps_the_settings_type(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "fetch_timeout = 3\nrepeat_similarity = 1\n"))
    assert settings.fetch_timeout == 3.0 and isinstance(settings.fetch_timeout, float)
    assert settings.repeat_similarity == 1.0 and isinstance(settings.repeat_similarity, float)


def test_settings_may_sit_in_one_newsfuse_table(tmp_path: Path) -> None:
    path = write(tmp_path, "# mine\n[newsfuse]\nsummary_words = 40\nreader_language = 'de'\n")
    settings = load_settings(path)
    assert (settings.summary_words, settings.reader_language) == (40, "de")


def test_a_setting_outside_the_newsfuse_table_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "summary_words = 40\n\n[newsfuse]\nmax_file_mb = 5\n")
    assert (
        refused(path)
        == f"{path}:1: 'summary_words' is outside the [newsfuse] table (put every setting in it, or none)"
    )


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "")) == Settings()
    assert load_settings(write(tmp_path, "# nothing changed yet\n\n")) == Settings()


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeffmax_file_mb = 7\n".encode())
    assert load_settings(path).max_file_mb == 7


def test_a_relative_outlets_table_is_read_from_the_settings_files_folder(tmp_path: Path) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "mine.csv").write_text(
        "domain,name,country,language,kind,aliases\n"
        "brackwater-gazette.example.com,Brackwater Gazette,GB,en,newspaper,\n",
        encoding="utf-8",
    )
    settings = load_settings(write(folder, 'outlets = "mine.csv"\n'))
    assert Path(settings.outlets) == folder / "mine.csv"
    assert "outlets table" in refused(write(folder, 'outlets = "missing.csv"\n', "other.toml"))
    device = write(folder, 'outlets = "/dev/zero"\n', "device.toml")
    assert refused(device) == f"{device}:1: setting outlets must name a CSV file (/dev/zero is not a file)"


# --- precedence -------------------------------------------------------------------------------------


def test_pairs_override_the_file_which_overrides_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "max_file_mb = 5\nsummary_words = 40\n")
    settings = load_settings(path, ["max_file_mb=9", "fetch-pages=off"])
    assert (settings.max_file_mb, settings.summary_words, settings.fetch_pages) == (9, 40, False)
    assert load_settings(None, ["summary_words=30"]).summary_words == 30
    assert Settings(summary_words=20).with_overrides(["max_file_mb=3"]).summary_words == 20


def test_a_pair_may_repair_nothing_the_file_got_wrong(tmp_path: Path) -> None:
    """The file is checked whole, even when -s names the same setting: its problem is still said."""
    path = write(tmp_path, "max_file_mb = 0\n")
    assert refused(path, "max_file_mb=5").startswith(f"{path}:1: setting max_file_mb must be 1 or more")


# --- problems: one line naming the file and the line ------------------------------------------------


def test_an_unknown_setting_names_the_line_and_the_closest_setting(tmp_path: Path) -> None:
    path = write(tmp_path, "max_file_mb = 5\n\nfetch_host_intervall = 2\n")
    assert (
        refused(path)
        == f"{path}:3: unknown setting 'fetch_host_intervall' (did you mean fetch_host_interval?)"
    )
    path = write(tmp_path, "max-file-mb = 5\n")
    assert refused(path) == f"{path}:1: unknown setting 'max-file-mb' (did you mean max_file_mb?)"
    path = write(tmp_path, "colour = 'blue'\n")
    assert refused(path) == f"{path}:1: unknown setting 'colour' (`newsfuse settings` lists them)"


def test_a_sub_table_is_an_unknown_setting(tmp_path: Path) -> None:
    path = write(tmp_path, "max_file_mb = 5\n[fetch]\ntimeout = 3\n")
    assert refused(path).startswith(f"{path}:2: unknown setting 'fetch'")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('max_file_mb = "50"', "setting max_file_mb takes a whole number, unquoted, not '50' (a string)"),
        ("max_file_mb = 5.0", "setting max_file_mb takes a whole number, unquoted, not 5.0 (a number)"),
        (
            "html_include_tables = 1",
            "setting html_include_tables takes true or false, unquoted, not 1 (a whole number)",
        ),
        ('fetch_pages = "yes"', "setting fetch_pages takes true or false, unquoted, not 'yes' (a string)"),
        ("fetch_timeout = true", "setting fetch_timeout takes a number, unquoted, not True (a boolean)"),
        ("watch_every = 600", "setting watch_every takes a string in quotes, not 600 (a whole number)"),
        ("reader_language = ['en']", "setting reader_language takes a string in quotes, not an array"),
        (
            "summary_words = 1979-05-27",
            "setting summary_words takes a whole number, unquoted, not a date or time",
        ),
        ("summary_words = {a = 1}", "setting summary_words takes a whole number, unquoted, not a table"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, f"# types\n{line}\n")
    assert refused(path) == f"{path}:2: {message}"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("max_file_mb = 0", "setting max_file_mb must be 1 or more and at most 100,000 (got 0)"),
        ("fetch_timeout = 0", "setting fetch_timeout must be between 0.1 and 600 (got 0)"),
        ("fetch_retries = -1", "setting fetch_retries must be 0 or more and at most 10 (got -1)"),
        ("story_window_days = 99999999999", "setting story_window_days must be 1 or more and at most 36,500"),
        ("repeat_similarity = 1.5", "setting repeat_similarity must be more than 0 and at most 1 (got 1.5)"),
        ("repeat_similarity = nan", "setting repeat_similarity must be more than 0 and at most 1 (got nan)"),
        ("fetch_max_wait = inf", "setting fetch_max_wait must be between 0 and 3,600 (got inf)"),
        ("web_max_files = 20000", "setting web_max_files must be 1 or more and at most 10,000 (got 20000)"),
        ('watch_every = "soon"', "watch_every: 'soon' is not a duration"),
        ('watch_max_backoff = "0s"', "watch_max_backoff: '0s' must be more than 0"),
        ('reader_language = "English"', "setting reader_language must be a language code such as en"),
        ('user_agent_contact = "me@example.org\\r\\nX-Evil: 1"', "setting user_agent_contact must be"),
    ],
)
def test_a_value_out_of_bounds_is_refused_naming_the_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, f"summary_words = 40\n{line}\n")
    assert refused(path).startswith(f"{path}:2: {message}")


def test_a_toml_syntax_error_names_its_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "max_file_mb = 5\n\nsummary_words = = 3\n")
    assert refused(path) == f"{path}:3: not valid TOML: invalid value (column 17)"
    path = write(tmp_path, "max_file_mb = 5\nmax_file_mb = 6\n")
    assert refused(path).startswith(f"{path}:2: not valid TOML: cannot overwrite a value")
    path = write(tmp_path, "summary_words = [1,\n")
    assert refused(path).startswith(f"{path}: not valid TOML: ")  # at the end of the document: no line


def test_a_file_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    assert refused(missing) == f"{missing}: cannot read the settings file: No such file or directory"
    assert refused(tmp_path) == f"{tmp_path}: is a folder, not a settings file"
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert refused(binary) == f"{binary}: not a text settings file (TOML in UTF-8; byte 1 is not UTF-8)"
    nul = tmp_path / "nul.toml"
    nul.write_bytes(b"max_file_mb = 5\x00\n")
    assert refused(nul).startswith(f"{nul}:1: not valid TOML")


def test_a_device_or_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    assert refused(Path("/dev/zero")) == "/dev/zero: too large for a settings file (over 1 MB)"
    huge = write(tmp_path, "# " + "x" * (1 << 20) + "\n")
    assert refused(huge).endswith("too large for a settings file (over 1 MB)")


def test_read_settings_file_gives_only_the_named_values(tmp_path: Path) -> None:
    assert read_settings_file(write(tmp_path, "fetch_timeout = 2\n")) == {"fetch_timeout": 2.0}


# --- -s NAME=VALUE ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        (
            "max_size=3",
            "'max_size=3': expected NAME=VALUE with NAME a setting: "
            "unknown setting 'max_size' (did you mean max_file_mb?)",
        ),
        ("max_file_mb", "'max_file_mb': expected NAME=VALUE (`newsfuse settings` lists the names)"),
        ("max_file_mb=lots", "'max_file_mb=lots': max_file_mb takes a whole number"),
        ("fetch_pages=maybe", "'fetch_pages=maybe': fetch_pages takes true or false"),
        ("fetch_timeout=0", "'fetch_timeout=0': setting fetch_timeout must be between 0.1 and 600 (got 0)"),
        (
            "reader_language=EN",
            "'reader_language=EN': setting reader_language must be a language code such as en, fr or de "
            "(got 'EN')",
        ),
    ],
)
def test_a_bad_pair_is_one_line_naming_it(pair: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(None, [pair])
    assert str(caught.value) == message and not caught.value.in_file


def test_a_contact_goes_into_a_header_so_it_is_one_printable_ascii_line() -> None:
    assert Settings(user_agent_contact="https://newsdesk.example.org/crawl").user_agent_contact
    for bad in (
        "ops@example.org\nX-Evil: 1",
        "ops@example.org\r",
        "rédaction@example.org",
        "\x00",
        "x" * 201,
    ):
        with pytest.raises(ValueError, match="user_agent_contact must be"):
            Settings(user_agent_contact=bad)


def test_a_text_setting_takes_only_text() -> None:
    for name in ("reader_language", "user_agent_contact", "watch_every", "outlets"):
        with pytest.raises(ValueError, match=f"setting {name} takes a string"):
            Settings(**{name: 5})


def test_every_number_has_bounds_and_both_ends_are_refused() -> None:
    """No setting takes 0 where it means nothing sensible, nor a value that overflows what uses it."""
    for f in dataclasses.fields(Settings):
        if f.type not in ("int", "float"):
            continue
        low, high = f.metadata["low"], f.metadata["high"]
        if f.type == "int":
            assert high is not None, f"{f.name} has no upper bound"
            over, under = high + 1, (1 if low is None else low) - 1
        else:
            over, under = (1.01, 0.0) if high is None else (high * 2 + 1, (low or 0) - 0.01)
        for value in (over, under):
            with pytest.raises(ValueError, match=f"setting {f.name} must be"):
                Settings(**{f.name: value})


# --- the settings as a TOML file ----------------------------------------------------------------------


def test_the_complete_file_parses_back_to_the_defaults(tmp_path: Path) -> None:
    text = settings_toml()
    assert tomllib.loads(text) == {}  # every setting commented out at its default
    assert load_settings(write(tmp_path, text)) == Settings()
    for f in dataclasses.fields(Settings):
        assert f"\n# {f.name} = " in text
    # uncommenting every setting line gives the defaults too: the values are written as TOML
    uncommented = "\n".join(
        line[2:]
        if line.startswith("# ") and " = " in line and line[2:].split(" = ")[0].isidentifier()
        else line
        for line in text.splitlines()
    )
    assert tomllib.loads(uncommented).keys() == {f.name for f in dataclasses.fields(Settings)}
    assert load_settings(write(tmp_path, uncommented, "all.toml")) == Settings()


def test_changed_settings_are_written_out_and_read_back(tmp_path: Path) -> None:
    changed = Settings(
        max_file_mb=3,
        html_include_tables=False,
        repeat_similarity=0.5,
        fetch_timeout=2.5,
        user_agent_contact='https://desk.example.org/a"b\\c?x=1',
        watch_every="90s",
    )
    text = settings_toml(changed)
    assert "\n# default: 50\nmax_file_mb = 3  # 1 to 100,000\n" in text
    assert load_settings(write(tmp_path, text)) == changed


def test_sections_cover_every_setting_once_in_declaration_order() -> None:
    grouped = sections()
    assert [title for title, _ in grouped] == [title for title, _ in SECTIONS]
    assert [name for _, names in grouped for name in names] == [f.name for f in dataclasses.fields(Settings)]
    assert all(names for _, names in grouped)


# --- anything at all: a setting or one line, never a traceback --------------------------------------

_LINES = [line for line in settings_toml(Settings(user_agent_contact="a@b.example")).splitlines() if line]


@hypothesis.settings(max_examples=150, deadline=None)
@hypothesis.given(
    st.lists(
        st.one_of(
            st.sampled_from(_LINES).map(lambda line: line.removeprefix("# ")),
            st.sampled_from(["[newsfuse]", "[fetch]", "max_file_mb = 1e3", 'x = """', "a.b = 1", "= 3"]),
            st.text(max_size=30),
        ),
        max_size=8,
    ),
    st.binary(max_size=8),
)
def test_any_file_gives_settings_or_one_line(lines: list[str], tail: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.toml"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + tail)
        try:
            settings = load_settings(path)
        except SettingsError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(path))
        else:
            assert isinstance(settings, Settings)
