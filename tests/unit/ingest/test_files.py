"""Finding input files and turning their bytes into text (`newsfuse.ingest.files`).

Scraped material arrives in every encoding and sometimes is not text at all; each case here is a
file a user could plausibly hand to newsfuse, with the exact text it must decode to.
"""

from __future__ import annotations

import codecs
import gzip
import os
import random
import tracemalloc
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest import read_inputs
from newsfuse.ingest.files import InputFile, decode, expand_paths, read_limited
from newsfuse.models import RawArticle

MB = 1024 * 1024

RUSSIAN = (
    "Городской совет Вологды в среду утвердил план ремонта старого моста. "
    "Работы начнутся весной и продлятся около полугода. "
    "Жители попросили организовать объезд для автобусов."
)
RUSSIAN_2 = (
    "В Костроме открылась новая библиотека с читальным залом на сто мест. "
    "Директор пообещала, что по выходным она будет работать до позднего вечера."
)
FRENCH = (
    "Le conseil municipal de Quimper a voté mercredi la rénovation du marché couvert. "
    "Les travaux coûteront près de deux millions d'euros. "
    "Les commerçants craignent une baisse de fréquentation pendant l'été."
)
# cp1252 only: curly apostrophes, guillemets with the euro sign and the œ ligature
FRENCH_CP1252 = (
    "Le maire d’Annecy a présenté jeudi un budget de 4 millions € pour rénover les écoles. "
    "« Nous voulons des classes où l’on respire », a-t-il déclaré. "
    "Les élèves retrouveront leur cœur de quartier dès la rentrée."
)
GERMAN = (
    "Die Stadtverwaltung von Görlitz hat am Donnerstag den Ausbau des Radwegs beschlossen. "
    "Die Arbeiten sollen im März beginnen und über ein Jahr dauern. "
    "Anwohner äußerten Bedenken wegen der Straßensperrungen."
)
GERMAN_CP1252 = (
    "Die Gemeinde Überlingen hat am Montag den Bau einer neuen Fähre genehmigt. "
    "„Wir brauchen eine zuverlässige Verbindung über den See“, sagte die Bürgermeisterin. "
    "Die Kosten liegen bei rund 3 Millionen €."
)
# "ą" is where ISO-8859-2 and cp1250 disagree most often in Polish ("piątek", "mają")
POLISH = (
    "Rada miasta Łodzi zatwierdziła w piątek budowę nowej pływalni. "
    "Prace mają ruszyć jesienią i potrwają dwa lata. "
    "Mieszkańcy pytają, dlaczego żaden przetarg nie został ogłoszony wcześniej."
)
POLISH_2 = (
    "Źródła w ministerstwie twierdzą, że śledztwo jest już na ostatnim etapie. "
    "Świadkowie zostali przesłuchani w środę, a raport trafi do prokuratury w przyszłym tygodniu."
)
ENGLISH = (
    "The ferry between the two islands was cancelled on Sunday because of strong winds.\n"
    "The operator said services should resume on Monday morning if the weather improves.\n"
)


def _write(folder: Path, name: str, data: bytes | str = "text") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _shown(items: list[InputFile | InputError]) -> list[str]:
    return [item.shown for item in items if isinstance(item, InputFile)]


# --- path expansion ---------------------------------------------------------------------------------


def test_folder_is_walked_recursively_in_natural_order(tmp_path: Path) -> None:
    """Numbered files come in the order people number them, sub-folders included, names as given."""
    for name in ("10.txt", "2.txt", "1.txt", "sub/3.md", "sub/20.html", "sub/4.json", "b.jsonl"):
        _write(tmp_path / "in", name)
    root = str(tmp_path / "in")
    found = _shown(list(expand_paths([root])))
    assert found == [
        os.path.join(root, "1.txt"),
        os.path.join(root, "2.txt"),
        os.path.join(root, "10.txt"),
        os.path.join(root, "b.jsonl"),
        os.path.join(root, "sub", "3.md"),
        os.path.join(root, "sub", "4.json"),
        os.path.join(root, "sub", "20.html"),
    ]


def test_folder_skips_hidden_entries_and_unsupported_suffixes(tmp_path: Path) -> None:
    """Dot-files, dot-folders (.git) and non-article files in a folder are silently left out."""
    for name in (
        "story.txt",
        "page.HTML",
        "feed.jsonl.gz",
        ".draft.txt",
        ".git/notes.txt",
        "sub/.cache/old.md",
        "photo.png",
        "report.pdf",
        "table.csv",
        "README",
    ):
        _write(tmp_path, name)
    items = list(expand_paths([str(tmp_path)]))
    assert all(isinstance(item, InputFile) for item in items)
    files = [item for item in items if isinstance(item, InputFile)]
    assert [(f.path.name, f.kind, f.gzipped) for f in files] == [
        ("feed.jsonl.gz", "jsonl", True),
        ("page.HTML", "html", False),
        ("story.txt", "text", False),
    ]


def test_odd_digits_in_folder_names_do_not_break_sorting(tmp_path: Path) -> None:
    """A name with a superscript after a number ("img1²") once crashed the natural sort with a traceback."""
    _write(tmp_path, "img1²", b"\x89PNG")
    _write(tmp_path, "scan2³/a.txt")
    _write(tmp_path, "1.txt")
    assert [Path(s).name for s in _shown(list(expand_paths([str(tmp_path)])))] == ["1.txt", "a.txt"]


def test_folder_without_article_files_is_an_error(tmp_path: Path) -> None:
    """A folder holding only unsupported or hidden files is reported, naming the supported suffixes."""
    _write(tmp_path / "empty", "picture.jpg", b"\xff\xd8\xff")
    _write(tmp_path / "empty", ".hidden.txt")
    (tmp_path / "none").mkdir()
    for folder in ("empty", "none"):
        given = str(tmp_path / folder)
        (item,) = list(expand_paths([given]))
        assert isinstance(item, InputError)
        assert item.path == given
        assert "folder holds no article files" in item.problem
        assert ".txt" in item.problem and ".jsonl" in item.problem


def test_missing_path_is_an_error_and_others_still_expand(tmp_path: Path) -> None:
    """A path that does not exist is one error; the paths after it are still read."""
    good = _write(tmp_path, "good.txt")
    missing = str(tmp_path / "nope.txt")
    items = list(expand_paths([missing, str(good)]))
    assert isinstance(items[0], InputError)
    assert str(items[0]) == f"{missing}: no such file or directory"
    assert _shown(items) == [str(good)]


def test_unusable_path_name_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """A name too long for the file system gives an InputError instead of an OSError traceback."""
    too_long = str(tmp_path / ("x" * 300))
    (item,) = list(expand_paths([too_long]))
    assert isinstance(item, InputError)
    assert item.problem.startswith("cannot open")


def test_file_given_by_name_keeps_unknown_suffix_for_sniffing(tmp_path: Path) -> None:
    """A file named on the command line is read whatever its suffix: kind None means sniff it."""
    path = _write(tmp_path, "article.dat")
    (item,) = list(expand_paths([str(path)]))
    assert isinstance(item, InputFile)
    assert item.kind is None and not item.gzipped


# --- decoding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (RUSSIAN, "cp1251"),
        (RUSSIAN_2, "cp1251"),
        (RUSSIAN, "koi8_r"),
        (RUSSIAN_2, "koi8_r"),
        (FRENCH, "latin-1"),
        (FRENCH, "cp1252"),
        (FRENCH_CP1252, "cp1252"),
        (GERMAN, "latin-1"),
        (GERMAN, "cp1252"),
        (GERMAN_CP1252, "cp1252"),
        (POLISH, "cp1250"),
        (POLISH_2, "cp1250"),
        (POLISH, "iso8859_2"),
        (POLISH_2, "iso8859_2"),
    ],
)
def test_legacy_code_pages_decode_exactly(text: str, codec: str) -> None:
    """Undeclared single-byte encodings are recognised well enough to give back every letter."""
    assert decode(text.encode(codec)) == text


@pytest.mark.parametrize("text", [ENGLISH, FRENCH, RUSSIAN, POLISH])
@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(lambda t: t.encode("utf-32"), id="utf-32"),
        pytest.param(lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"), id="utf-32-be-bom"),
    ],
)
def test_unicode_encodings_decode_exactly(text: str, encode: Callable[[str], bytes]) -> None:
    """UTF-8 with or without BOM and UTF-16/32 with a BOM give back the text, BOM dropped."""
    assert decode(encode(text)) == text


@pytest.mark.parametrize("text", [ENGLISH, FRENCH, GERMAN])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(text: str, codec: str) -> None:
    """UTF-16 saved without a BOM (its NUL bytes in every other place) is text, not binary."""
    assert decode(text.encode(codec)) == text


def test_crlf_and_cr_newlines_become_lf() -> None:
    """Windows and old Mac line ends are normalised so paragraph splitting sees one convention."""
    assert decode(b"First line.\r\nSecond line.\rThird line.\n") == "First line.\nSecond line.\nThird line.\n"


def test_mostly_utf8_with_a_few_bad_bytes_stays_utf8() -> None:
    """A stray Latin-1 byte in a UTF-8 article is one U+FFFD, not a reason to re-read all as cp1252."""
    good = (
        "À Genève, la société coopérative a inauguré vendredi un entrepôt réfrigéré près de la gare. "
        "Les élus espèrent réduire le gaspillage des légumes récoltés l'été et économiser l'énergie. "
        "Le président a remercié les bénévoles qui ont préparé la fête d'ouverture."
    )
    data = good.replace("fête", "f\x00te").encode("utf-8").replace(b"\x00", b"\xea")
    assert decode(data) == good.replace("fête", "f\ufffdte")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml", "ZIP"),
        (b"Plain words\x00\x00\x00then\x00NULs\x00everywhere" * 20, "NUL"),
    ],
)
def test_binary_files_are_refused_naming_what_they_are(data: bytes, kind: str) -> None:
    """A PDF, image, archive or NUL-filled file is not an article, and the message says what it is."""
    with pytest.raises(ValueError, match="binary") as info:
        decode(data)
    assert kind in str(info.value)


def test_random_bytes_are_refused_as_binary() -> None:
    """Noise (as from a truncated download of a binary) is refused rather than decoded to gibberish."""
    data = random.Random(7).randbytes(8000)
    with pytest.raises(ValueError, match="binary"):
        decode(data)


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b" \n ", codecs.BOM_UTF16_LE + " \n\n ".encode("utf-16-le")],
)
def test_empty_and_whitespace_only_files(data: bytes) -> None:
    """Nothing but white space (a BOM included) is an empty file, said in those words."""
    with pytest.raises(ValueError, match=r"^empty file$"):
        decode(data)


def test_invalid_bytes_after_a_bom_are_an_encoding_error() -> None:
    """A BOM promises an encoding; bytes that break it are reported as such, not guessed around."""
    lone_surrogate = b"\x00\xd8"
    data = codecs.BOM_UTF16_LE + "Storm warning ".encode("utf-16-le") + lone_surrogate + b"e\x00n\x00d\x00"
    with pytest.raises(ValueError, match="invalid UTF-16-LE after its byte-order mark"):
        decode(data)


_DECODABLE = st.characters(
    blacklist_categories=("Cs", "Cc"),  # surrogates cannot be encoded; controls are refused as binary
    blacklist_characters="\ufeff\u200b\u200c\u200d\u2060",  # BOM and zero-width marks are stripped
)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(st.one_of(_DECODABLE, st.sampled_from("\n\r\t ")), min_size=1, max_size=300)
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(lambda s: s.strip() != ""),
    encoding=st.sampled_from(["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"]),
)
def test_unicode_text_round_trips(text: str, encoding: str) -> None:
    """Any real text in UTF-8 (BOM or not) or BOM-marked UTF-16 decodes to itself, newlines aside."""
    data = {
        "utf-8": text.encode("utf-8"),
        "utf-8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16-le-bom": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf-16-be-bom": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    }[encoding]
    # bare UTF-8 that happens to begin like a binary format ("BZh", "RIFF") is rightly refused
    assume(encoding != "utf-8" or not text.startswith(("%PDF", "GIF8", "RIFF", "BZh", "SQLite format 3")))
    assert decode(data) == text.replace("\r\n", "\n").replace("\r", "\n")


# --- reading within limits, gzip --------------------------------------------------------------------


def _read_one(path: Path, settings: Settings | None = None) -> RawArticle | InputError:
    (item,) = list(read_inputs([str(path)], settings))
    return item


def test_gzipped_text_is_read_transparently(tmp_path: Path) -> None:
    """A .txt.gz article reads exactly like the .txt it holds, and its label keeps the .gz name."""
    path = _write(tmp_path, "story.txt.gz", gzip.compress(FRENCH.encode("cp1252")))
    article = _read_one(path)
    assert isinstance(article, RawArticle)
    assert article.text == FRENCH
    assert article.path == str(path)


def test_gzip_content_without_gz_name_is_still_unpacked(tmp_path: Path) -> None:
    """Compressed bytes behind a plain .txt name (a scraper's habit) are recognised by their magic."""
    path = _write(tmp_path, "story.txt", gzip.compress(ENGLISH.encode("utf-8")))
    article = _read_one(path)
    assert isinstance(article, RawArticle)
    assert article.text == ENGLISH


@pytest.mark.parametrize("damage", ["truncated", "corrupted", "not-gzip"])
def test_damaged_gzip_is_an_input_error(tmp_path: Path, damage: str) -> None:
    """A cut-off, corrupted or mislabelled .gz is one error, never a silently shortened article."""
    packed = gzip.compress((ENGLISH * 40).encode("utf-8"))
    data = {
        "truncated": packed[: len(packed) // 2],
        "corrupted": packed[:20] + b"\xff" * 40 + packed[60:],
        "not-gzip": ENGLISH.encode("utf-8"),
    }[damage]
    item = _read_one(_write(tmp_path, "story.txt.gz", data))
    assert isinstance(item, InputError)
    assert "gzip" in item.problem


def test_gzip_bomb_is_refused_without_decompressing_it_all(tmp_path: Path) -> None:
    """5 MB of zeros packed into a few KB must hit the 1 MB limit, never all sit in memory."""
    path = _write(tmp_path, "bomb.txt.gz", gzip.compress(b"\x00" * (5 * MB)))
    assert path.stat().st_size < 50_000
    file = InputFile(path, "bomb.txt.gz", "text", True)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as info:
            read_limited(file, Settings(max_file_mb=1).max_file_bytes)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "when decompressed" in info.value.problem
    assert "1 MB limit" in info.value.problem and "max_file_mb" in info.value.problem
    assert peak < 3 * MB


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    """A file larger than max_file_mb is refused with the limit and the setting that raises it."""
    path = _write(tmp_path, "huge.txt", "A long report on the harbour works.\n" * (MB // 30))
    assert path.stat().st_size > MB
    item = _read_one(path, Settings(max_file_mb=1))
    assert isinstance(item, InputError)
    assert "too large" in item.problem
    assert "1 MB limit" in item.problem and "setting max_file_mb" in item.problem
    assert isinstance(_read_one(path, Settings(max_file_mb=2)), RawArticle)
