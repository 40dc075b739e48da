"""Finding input files, reading them within limits, and decoding bytes to text.

Decoding is where scraped material goes wrong first: UTF-8 with or without a BOM, UTF-16/32,
legacy single-byte code pages (cp1251, latin-1, cp1252…), or something that is not text at all.
Every failure becomes an `InputError` with a sentence a user can act on.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import stat
import unicodedata
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newsfuse.errors import InputError
from newsfuse.models import display_safe

_HIDDEN_SUFFIXES = {".text", ".xhtml", ".ndjson"}  # read, but not listed in messages


class _SuffixKinds(Mapping[str, str]):
    """File suffix (".html") -> reader kind: each reader's SUFFIXES (`ingest.readers`), looked up
    when first used (the readers import this module)."""

    def _table(self) -> dict[str, str]:
        from newsfuse.ingest.readers import suffix_kinds

        return suffix_kinds()

    def __getitem__(self, suffix: str) -> str:
        return self._table()[suffix]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


SUFFIX_KINDS: Mapping[str, str] = _SuffixKinds()


def supported() -> str:
    """The suffixes read in a folder, for messages (".atom .htm .html …")."""
    return " ".join(sorted(s for s in SUFFIX_KINDS if s not in _HIDDEN_SUFFIXES))


_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
]
_GZIP_MAGIC = b"\x1f\x8b"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class InputFile:
    """A file to read: where it is, how to show it, and which reader takes it."""

    path: Path
    shown: str  # the path as the user gave it (folder prefix included)
    kind: str | None  # None: sniff the content
    gzipped: bool


def kind_for(name: str) -> tuple[str | None, bool]:
    """The reader kind for a file name, and whether it is gzip-compressed."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    return SUFFIX_KINDS.get(os.path.splitext(lower)[1]), gzipped


def _natural_key(name: str) -> list[object]:
    # "2.txt" before "10.txt", as people number files
    # isdecimal, not isdigit: "²" is a digit to isdigit() but not to int() or \d
    return [int(p) if p.isdecimal() else p.lower() for p in re.split(r"(\d+)", name)]


def expand_paths(paths: list[str]) -> Iterator[InputFile | InputError]:
    """Each given path as files to read: folders recursively, sorted, hidden entries skipped.

    A file is opened by its real name (bytes that are not UTF-8 included) but shown by a
    display-safe one (`display_safe`). Links to folders are not followed, so a link loop costs
    nothing; a broken or looping link to a file and an unreadable sub-folder are one error each.
    """
    for given in paths:
        path, shown = Path(given), display_safe(given)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            yield InputError(shown, "no such file or directory")
            continue
        except (OSError, ValueError) as exc:  # a link loop, a name too long, a NUL byte: one line
            yield InputError(shown, f"cannot open: {getattr(exc, 'strerror', None) or exc}")
            continue
        if stat.S_ISDIR(mode):
            found = False
            for item in _walk(path, given):
                if isinstance(item, InputError):
                    found = True
                    yield item
                    continue
                kind, gzipped = kind_for(item.name)
                if kind is None:
                    continue
                found = True
                yield InputFile(
                    item, display_safe(os.path.join(given, str(item.relative_to(path)))), kind, gzipped
                )
            if not found:
                yield InputError(shown, f"folder holds no article files ({supported()}, or .gz of them)")
        elif stat.S_ISREG(mode):
            kind, gzipped = kind_for(path.name)
            yield InputFile(path, shown, kind, gzipped)
        else:
            yield InputError(shown, "not a regular file or folder")


def _walk(root: Path, given: str) -> Iterator[Path | InputError]:
    """The files under `root`, naturally sorted; an entry that cannot be read is an InputError."""
    try:
        with os.scandir(root) as found:
            entries = sorted(found, key=lambda e: _natural_key(e.name))
    except OSError as exc:
        yield _walk_error(root, given, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(Path(entry.path), given)
                continue
            if entry.is_symlink() and kind_for(entry.name)[0] is not None:
                os.stat(entry.path)  # a link to a file is read; a broken or looping one is reported
            is_file = entry.is_file()
        except OSError as exc:
            yield _walk_error(Path(entry.path), given, exc)
            continue
        if is_file:
            yield Path(entry.path)


def _walk_error(path: Path, given: str, exc: OSError) -> InputError:
    """One line for an entry of a folder walk that cannot be read (folder prefix as the user gave it)."""
    root = Path(given)
    try:
        shown = os.path.join(given, str(path.relative_to(root)))
    except ValueError:
        shown = str(path)
    problem = (
        "permission denied" if isinstance(exc, PermissionError) else f"cannot read: {exc.strerror or exc}"
    )
    return InputError(display_safe(shown), problem)


def read_limited(file: InputFile, limit: int) -> bytes:
    """The file's bytes (decompressed when gzipped), refusing anything larger than `limit`."""
    try:
        # a .gz file larger than the limit cannot decompress to less (gzip only ever expands
        # incompressible data); reading it whole also lets a truncated one be told apart
        if file.path.stat().st_size > limit:
            raise InputError(file.shown, _too_large(file.path.stat().st_size, limit))
        with file.path.open("rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        raise InputError(file.shown, "permission denied") from None
    except OSError as exc:
        raise InputError(file.shown, f"cannot read: {exc.strerror or exc}") from None
    if file.gzipped or data[:2] == _GZIP_MAGIC:
        data = gunzip_limited(data, limit, file.shown, whole=file.gzipped)
    if len(data) > limit:
        raise InputError(file.shown, _too_large(len(data), limit))
    return data


def gunzip_limited(data: bytes, limit: int, shown: str, *, whole: bool = True) -> bytes:
    """Decompress gzip data without ever holding more than `limit` bytes (no gzip bombs)."""
    if whole and data[:2] != _GZIP_MAGIC:
        raise InputError(shown, "not gzip data despite the .gz name")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(shown, f"damaged gzip data ({exc})") from None
    if len(out) > limit:
        raise InputError(shown, _too_large(len(out), limit, "when decompressed"))
    if not inflater.eof:  # zlib returns what it could of a cut-off stream without complaint
        raise InputError(shown, "damaged gzip data (the file ends before the compressed data does)")
    return out


def open_stream(file: InputFile, max_line: int) -> Iterator[bytes]:
    """Lines of a (possibly gzipped) UTF-8 file, streamed: for JSONL of any size.

    A line longer than `max_line` bytes comes cut to `max_line + 1` bytes, its rest skipped, so that
    memory stays bounded (a gzip bomb is one endless line). A file that is not UTF-8 text at all
    is one InputError, not one per line.
    """
    opener = gzip.open if file.gzipped else open
    try:
        with opener(file.path, "rb") as fh:
            problem = _not_utf8_text(fh.read(4096))
            if problem:
                raise InputError(file.shown, problem)
            fh.seek(0)
            yield from stream_lines(fh, max_line)
    except PermissionError:
        raise InputError(file.shown, "permission denied") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(file.shown, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None


class LineReader(Protocol):
    """A binary stream read by lines (an open file, a gzip file, a buffered reader)."""

    def readline(self, size: int = -1, /) -> bytes: ...


def stream_lines(fh: LineReader, max_line: int) -> Iterator[bytes]:
    """The lines of a binary stream, each cut to `max_line + 1` bytes (the rest of it skipped)."""
    while line := fh.readline(max_line + 1):
        yield line
        rest = line
        while rest and not rest.endswith(b"\n"):  # an over-long line: skip to its end
            rest = fh.readline(max_line + 1)


def _too_large(size: int, limit: int, how: str = "") -> str:
    mb = 1024 * 1024
    what = f"{size / mb:.0f} MB" if size > limit + 1 else f"over {limit // mb} MB"
    return (
        f"file is too large: {what}{' ' + how if how else ''}, over the {limit // mb} MB limit "
        "(setting max_file_mb)"
    )


def binary_kind(data: bytes) -> str | None:
    """What a known binary format's first bytes say the data is ("a PDF document"…), or None."""
    return next((what for magic, what in _MAGIC if data.startswith(magic)), None)


def _not_utf8_text(head: bytes) -> str | None:
    """Why a file that must be UTF-8 text (JSON Lines) is not, judged by its first bytes, or None."""
    what = binary_kind(head)
    if what:
        return f"binary file ({what}), not an article"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # UTF-32's BOMs included
        return "UTF-16/UTF-32 text, but JSON Lines must be UTF-8"
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    return None


def decode(data: bytes, *, html: bool = False, declared: str | None = None) -> str:
    """Bytes to text, detecting the encoding; raises ValueError with the problem in words.

    `declared` is the charset the bytes came labelled with (an HTTP Content-Type header): it is
    trusted after a byte-order mark and valid UTF-8, before the page's own <meta> and any guess.
    """
    if not data.strip():
        raise ValueError("empty file")
    what = binary_kind(data)
    if what:
        raise ValueError(f"binary file ({what}), not an article")
    text = _decode_by_bom(data)
    if text is None and b"\x00" in data[:4096]:
        text = _decode_utf16_without_bom(data)
        if text is None:
            raise ValueError("binary file (contains NUL bytes), not text")
    if text is None:
        text = _decode_guess(data, html=html, declared=declared)
    if not html:  # markup goes to trafilatura as it came: line ends change how lxml parses it
        text = normalize_text(text)
    if not text.strip():
        raise ValueError("empty file")
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise ValueError("binary data, not text (many control characters)")
    return text


def _decode_by_bom(data: bytes) -> str | None:
    # UTF-32 first: its little-endian BOM begins with UTF-16's
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ValueError(
                    f"invalid {codec.upper()} after its byte-order mark ({exc.reason})"
                ) from None
    return None


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no byte-order mark: the byte order whose decoding is printable text, if any.

    Latin text puts a NUL in every other byte; Cyrillic or Greek text only around spaces and
    punctuation, so the choice is made on the decoded characters, not on where the NULs are.
    """
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:4000]
        printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in sample) / max(1, len(sample))
        letters = sum(ch.isalpha() for ch in sample) / max(1, len(sample))
        if printable > 0.97 and letters > 0.5 and (best is None or letters > best[0]):
            best = (letters, text)
    return best[1] if best else None


def _decode_guess(data: bytes, *, html: bool, declared: str | None = None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    for label in (_codec_name(declared), _declared_encoding(data) if html else None):
        if label:
            try:
                return data.decode(label)
            except (UnicodeDecodeError, LookupError):
                pass
    return _decode_legacy(data)


# Legacy code pages seen in scraped news, most common first (ties go to the earlier one).
_LEGACY = (
    "cp1252",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1257",
    "cp1256",
)
_LATIN_COMMON = set("abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœßąćęłńśźżčďěňřšťůžğışőű")
_CYRILLIC_COMMON = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў")
_GREEK = re.compile(r"[\u0370-\u03ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ODD_SYMBOLS = re.compile(r"[\x80-\x9f¬¤¦¨¯´¸×÷\u2500-\u259f]")
# ISO-8859-2's ą and ś read as cp1250's ± and ¶: a symbol stuck to a letter ("piątek" -> "pi±tek")
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[±¶]|[±¶](?=[^\W\d_])")


# below this share of plausible words no code page reads as language: random or binary bytes
_MIN_PLAUSIBILITY = 0.5


def _decode_legacy(data: bytes) -> str:
    """Pick the legacy encoding whose decoding reads most like words in one script.

    charset-normalizer alone mistakes Latin-1 French for cp1250 and KOI8-R for Shift-JIS, so its
    guess is one candidate among the common code pages, all scored the same way.
    """
    from charset_normalizer import from_bytes

    sample = data[:200_000]
    candidates = list(_LEGACY)
    guess = from_bytes(sample).best()
    if guess is not None and guess.encoding and guess.encoding not in candidates:
        candidates.append(guess.encoding)
    best: tuple[float, str] | None = None
    for codec in candidates:
        try:
            decoded = sample.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _plausibility(decoded)
        if best is None or score > best[0]:
            best = (score, codec)
    if best is None or best[0] < _MIN_PLAUSIBILITY:
        raise ValueError("cannot tell the text encoding (not UTF-8, and no known encoding reads as words)")
    return data.decode(best[1], errors="replace")


def _plausibility(text: str) -> float:
    """Share of non-ASCII words that look like real words: one script, sane case, common letters."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()]
    if not words:
        return 0.0
    good = 0.0
    for word in words:
        lower = word.lower()
        latin = sum(c in _LATIN_COMMON for c in lower)
        cyrillic = sum(c in _CYRILLIC_COMMON for c in lower)
        other = len(_GREEK.findall(lower)) + len(_ARABIC.findall(lower))
        if max(latin, cyrillic, other) < len(lower):
            continue  # mixed scripts or rare letters: mojibake
        if not (word.islower() or word.isupper() or word.istitle()):
            continue  # "пРИВЕТ": the case map of another code page
        good += 1.0 if not word.isupper() or len(word) < 4 else 0.5
    # C1 controls and odd symbols are what a wrong code page turns letters and quotes into
    odd = len(_ODD_SYMBOLS.findall(text)) + len(_SYMBOL_IN_WORD.findall(text))
    return (good - odd) / len(words)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes (a pasted snippet in another encoding): still UTF-8."""
    sample = data[:200_000]
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return good >= 10 and bad <= good // 20


def _declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    return _codec_name(m.group(1).decode("ascii", "ignore"))


# what browsers read these labels as (WHATWG Encoding): Latin-1 pages are really Windows-1252
_WEB_ALIASES = {"iso8859_1": "cp1252", "ascii": "cp1252", "iso8859_9": "cp1254", "iso8859_11": "cp874"}


def _codec_name(label: str | None) -> str | None:
    """Python's codec for a charset label ("ISO-8859-1" -> "cp1252", as browsers do), or None."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name.replace("-", "_"), name)


def normalize_text(text: str) -> str:
    """NFC, one newline convention, no BOM or zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = re.sub(r"[\u200b\u200c\u200d\u2060]", "", text)
    return unicodedata.normalize("NFC", text)
