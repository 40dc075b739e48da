"""Language packs: every bundled pack loads, lemmas and number words per language, extra pack folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse import languages
from newsfuse.languages import known_languages, lemma, number_value, pack

BUNDLED = ("de", "en", "es", "fr", "it", "ru", "uk")


def test_every_bundled_pack_loads_with_its_tools() -> None:
    assert set(BUNDLED) <= set(known_languages())
    for code in BUNDLED:
        found = pack(code)
        assert found is not None and found.code == code
        assert found.lemmatizer in ("spacy", "pymorphy3", "simplemma")
        assert found.numbers in ("text2num", "number-parser")
    assert pack("zz") is None


@pytest.mark.parametrize(
    ("code", "word", "expected"),
    [
        ("ru", "погибли", "погибнуть"),
        ("ru", "полицейских", "полицейский"),
        ("uk", "загинули", "загинути"),
        ("it", "feriti", "ferito"),
        ("es", "heridos", "herido"),
        ("de", "Menschen", "mensch"),
    ],
)
def test_lemmas(code: str, word: str, expected: str) -> None:
    assert lemma(code, word) == expected


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("ru", "восемнадцать", 18),
        ("ru", "двадцати пяти", 25),  # inflected: read through the lemmas
        ("uk", "вісімнадцяти", 18),
        ("uk", "сорок", 40),
        ("it", "otto", 8),
        ("it", "ventitré", 23),
        ("de", "achtzehn", 18),
        ("es", "dieciocho", 18),
        ("fr", "quatorze", 14),
        ("en", "1,200", 1200),
        ("de", "1.200", 1200),
        ("ru", "1 200", 1200),
        ("ru", "дом", None),
        ("it", "", None),
    ],
)
def test_number_words(code: str, text: str, expected: int | None) -> None:
    assert number_value(code, text) == expected


def test_a_pack_folder_added_later_is_read_and_wins(tmp_path: Path) -> None:
    home = tmp_path / "pt"
    home.mkdir()
    (home / "pack.toml").write_text(
        '[pack]\ncode = "pt"\nname = "Portuguese"\nscript = "latin"\n'
        'lemmatizer = "simplemma"\nnumbers = "text2num"\nparser = "none"\n',
        encoding="utf-8",
    )
    (home / "figures.toml").write_text('qualifiers = { "pelo menos" = "at_least" }\n', encoding="utf-8")
    try:
        languages.add_pack_folder(tmp_path)
        found = pack("pt")
        assert found is not None and found.name == "Portuguese"
        assert found.table("figures", "qualifiers") == {"pelo menos": "at_least"}
        assert "pt" in known_languages()
        assert number_value("pt", "dezoito") == 18
    finally:
        languages._FOLDERS.remove(tmp_path)
        pack.cache_clear()
        known_languages.cache_clear()
