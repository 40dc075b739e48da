"""The readers registry: one module per kind with the same interface, and one dispatcher."""

from __future__ import annotations

import inspect
import io
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest import read_bytes, read_inputs, readers, sniff
from newsfuse.ingest.files import SUFFIX_KINDS, kind_for
from newsfuse.ingest.source import ReadContext, Source
from newsfuse.models import RawArticle


@pytest.mark.parametrize("kind", readers.READERS)
def test_every_reader_has_the_same_interface(kind: str) -> None:
    module = readers.reader(kind)
    assert kind == module.KIND
    assert isinstance(module.SUFFIXES, tuple) and all(s.startswith(".") for s in module.SUFFIXES)
    assert isinstance(module.STREAMS, bool)
    assert list(inspect.signature(module.sniff).parameters) == ["head", "name"]
    assert list(inspect.signature(module.read).parameters) == ["source", "ctx"]
    assert isinstance(module.sniff(b"", None), bool)


def test_suffixes_come_from_the_readers() -> None:
    assert (
        SUFFIX_KINDS[".rss"] == "feed" and SUFFIX_KINDS[".opml"] == "opml" and SUFFIX_KINDS[".htm"] == "html"
    )
    assert kind_for("a.warc.gz") == ("warc", True) and kind_for("a.xml") == (None, False)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'{"text": "a"}', "json"),
        (b"[1]", "json"),
        (b'<?xml version="1.0"?>\n<opml version="2.0">', "opml"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"Plain words.", "text"),
    ],
)
def test_sniffing_order(head: bytes, kind: str) -> None:
    assert readers.guess_kind(head) == kind
    assert sniff(head.decode()) == kind


def test_a_new_kind_needs_only_a_module_and_a_registry_entry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A "pipe" kind (title|text lines) is read by suffix and by sniffing, with nothing else changed."""
    module = types.ModuleType("newsfuse.ingest.kinds.pipe")

    def sniff_pipe(head: bytes, name: str | None) -> bool:
        return head.startswith(b"PIPE|")

    def read_pipe(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
        text = source.read_all(ctx.settings.max_file_bytes).decode()
        for number, line in enumerate(text.splitlines()[1:], start=1):
            title, _, body = line.partition("|")
            yield RawArticle(text=body, path=source.shown, record=number, title=title)

    module.KIND, module.SUFFIXES, module.STREAMS = "pipe", (".pipe",), False  # type: ignore[attr-defined]
    module.sniff, module.read = sniff_pipe, read_pipe  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsfuse.ingest.kinds.pipe", module)
    monkeypatch.setattr(readers, "READERS", ("pipe", *readers.READERS))
    for cached in (readers.reader, readers.suffix_kinds):
        cached.cache_clear()
    try:
        (tmp_path / "a.pipe").write_text("PIPE|\nFerry|The ferry sails again.\n", encoding="utf-8")
        (tmp_path / "b.unknown").write_text("PIPE|\nBirds|Birds were counted.\n", encoding="utf-8")
        items = list(read_inputs([str(tmp_path)], Settings()))  # a folder: by suffix
        items += list(read_inputs([str(tmp_path / "b.unknown")], Settings()))  # by sniffing
        assert [(i.title, i.where) for i in items if isinstance(i, RawArticle)] == [
            ("Ferry", f"{tmp_path / 'a.pipe'}:1"),
            ("Birds", f"{tmp_path / 'b.unknown'}:1"),
        ]
    finally:
        monkeypatch.undo()
        for cached in (readers.reader, readers.suffix_kinds):
            cached.cache_clear()


def test_offline_reads_make_no_http_client(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    made: list[ReadContext] = []
    real_init = ReadContext.__init__

    def spy(self: ReadContext, settings: Settings) -> None:
        real_init(self, settings)
        made.append(self)

    monkeypatch.setattr(ReadContext, "__init__", spy)
    (tmp_path / "a.txt").write_text("The ferry sails again on Monday.", encoding="utf-8")
    assert (
        len(list(read_inputs([str(tmp_path / "a.txt"), "-"], Settings(), stdin=io.BytesIO(b"More text."))))
        == 2
    )
    assert len(list(read_bytes(b"<p>x</p>", "x.html", "html", Settings()))) == 1
    assert len(made) == 2 and not any(ctx.fetched for ctx in made)


def test_offline_read_never_loads_the_http_client(tmp_path: Path) -> None:
    """Reading files imports neither the fetching package nor httpx (offline use stays offline, and fast)."""
    (tmp_path / "a.txt").write_text("The ferry sails again on Monday.", encoding="utf-8")
    (tmp_path / "b.rss").write_bytes(
        b'<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://t.example.org/a</link>'
        b"<description>The entry text.</description></item></channel></rss>"
    )
    code = (
        "import dataclasses, sys\n"
        "from newsfuse.config import Settings\n"
        "from newsfuse.ingest import read_inputs\n"
        "offline = dataclasses.replace(Settings(), fetch_pages=False)\n"
        f"items = list(read_inputs([{str(tmp_path)!r}], offline))\n"
        "assert len(items) == 2, items\n"
        "print(sorted(m for m in ('httpx', 'newsfuse.fetch') if m in sys.modules))\n"
    )
    source = str(Path(__file__).resolve().parents[3] / "src")
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": source},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
