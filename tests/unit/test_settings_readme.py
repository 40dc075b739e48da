"""The README's settings tables list every setting, in its section, at its real default."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from newsfuse.config import Settings, sections

README = Path(__file__).resolve().parents[2] / "README.md"
ROW = re.compile(r"\| `(\w+)` \| ([^|]+) \|")
LABEL = re.compile(r"\*\*([^*]+?)\.?\*\*")


def settings_part() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n### Settings\n")
    return text[start : text.index("\n### ", start + 1)]


def readme_rows() -> list[tuple[str, str, str]]:
    """(section label, setting, default cell) for each row of the settings tables, in order."""
    rows, label = [], ""
    for line in settings_part().splitlines():
        if found := LABEL.match(line):
            label = found.group(1)
        elif found := ROW.match(line):
            rows.append((label, found.group(1), found.group(2).strip()))
    return rows


def shown_default(value: Any) -> str | float:
    """A default as the README may write it: numbers compared as numbers."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return float(value)
    return value or "(none)"


def test_every_setting_has_one_row_in_its_section_at_its_default() -> None:
    rows = readme_rows()
    names = [f.name for f in dataclasses.fields(Settings)]
    assert [name for _, name, _ in rows] == names, "the README's settings rows differ from Settings"
    section_of = {name: title for title, members in sections() for name in members}
    for label, name, cell in rows:
        assert label == section_of[name], f"{name} sits under {label!r}, not {section_of[name]!r}"
        default = shown_default(getattr(Settings(), name))
        read = float(cell) if isinstance(default, float) else cell.strip("`")
        assert read == default, f"README: {name} defaults to {cell}, Settings to {default}"


def test_the_readme_example_settings_file_is_valid(tmp_path: Path) -> None:
    from newsfuse.config import load_settings

    block = re.search(r"```toml\n(.*?)```", settings_part(), re.S)
    assert block is not None
    path = tmp_path / "polite.toml"
    path.write_text(block.group(1), encoding="utf-8")
    settings = load_settings(path)
    assert settings != Settings() and settings.fingerprint() == Settings().fingerprint()
