"""Seeded mutations of the fixtures: bytes, encodings, JSON/HTML/WARC structure, gzip, file system.

`generate(rng, n)` returns `n` cases, the same ones for the same seed, so a CI run is deterministic
and bench/fuzz.py can rerun any case from its seed. A case is a file (name + bytes), standard
input, or a file-system oddity (a symlink loop, a folder named like a file, a FIFO) built by
`materialise` in a scratch folder. `size` scales the huge inputs: CI keeps them small.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.fixtures import STORIES, Seed, as_html, as_text, record, seeds, warc_record

SEEDS = seeds()


@dataclass(frozen=True)
class Case:
    """One hostile input: `name` chooses the reader (its suffix), `how` says what was done to it."""

    name: str  # file name; may hold surrogate-escaped bytes (a non-UTF-8 name), see os.fsencode
    data: bytes
    how: str  # one line: the seed and the mutations, enough to rebuild it by hand
    layout: str = "file"  # file, stdin, symlink-loop, dir-named-like-file, fifo, empty-dir, dangling-link

    @property
    def kind(self) -> str:
        """The input kind for the report: the seed's kind, or the layout when not a plain file."""
        prefix = self.how.split(":", 1)[0]
        if self.layout == "stdin":
            return prefix if prefix.startswith("stdin") else f"stdin-{prefix}"
        return prefix if self.layout == "file" else self.layout


def materialise(case: Case, folder: Path, n: int) -> str:
    """Make the case under `folder` (file number `n`) and return the path to give newsfuse ("-": stdin)."""
    if case.layout == "stdin":
        return "-"
    base = folder / f"c{n:05d}"
    base.mkdir()
    target = os.path.join(os.fsencode(base), os.fsencode(case.name))
    if case.layout == "file":
        with open(target, "wb") as fh:
            fh.write(case.data)
    elif case.layout == "dir-named-like-file":
        os.mkdir(target)
        with open(os.path.join(target, b"inner.txt"), "wb") as fh:
            fh.write(case.data)
        return os.fsdecode(target)
    elif case.layout == "symlink-loop":  # a folder holding a good file and a link to itself
        os.mkdir(target)
        with open(os.path.join(target, b"a.txt"), "wb") as fh:
            fh.write(case.data)
        os.symlink(b".", os.path.join(target, b"loop"))
        os.symlink(b"loop2.txt", os.path.join(target, b"loop2.txt"))
        os.symlink(target, os.path.join(target, b"back"))
        return os.fsdecode(target)
    elif case.layout == "fifo":
        os.mkfifo(target)
    elif case.layout == "empty-dir":
        os.mkdir(target)
    elif case.layout == "dangling-link":
        os.symlink(b"/nonexistent/nowhere.txt", target)
    return os.fsdecode(target)


# --- byte mutations -----------------------------------------------------------------------------

INTERESTING = [
    b"\x00",
    b"\xff",
    b"\x80",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\xfe\xff",
    b"\r",
    b"<",
    b"{",
    b'"',
]


def bit_flips(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    buf = bytearray(data)
    k = rng.randint(1, 16)
    for _ in range(k):
        if buf:
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf), f"{k} bit flips"


def byte_sets(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    buf = bytearray(data)
    k = rng.randint(1, 8)
    for _ in range(k):
        at = rng.randrange(len(buf) + 1)
        buf[at:at] = rng.choice(INTERESTING)
    return bytes(buf), f"{k} odd bytes inserted"


def truncate(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at], f"truncated at {at}"


def chop_head(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[at:], f"first {at} bytes cut"


def splice(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    other = rng.choice(SEEDS)
    a, b = rng.randrange(len(data) + 1), rng.randrange(len(other.data) + 1)
    return data[:a] + other.data[b:], f"spliced at {a} with {other.name}[{b}:]"


def repeat(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    a = rng.randrange(len(data) + 1)
    b = min(len(data), a + rng.randint(1, 400))
    times = rng.choice([2, 10, 100, max(2, size // max(1, b - a))])
    return data[:a] + data[a:b] * times + data[b:], f"bytes {a}:{b} repeated {times}x"


def nul_run(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    at, k = rng.randrange(len(data) + 1), rng.choice([1, 7, 4096])
    return data[:at] + b"\x00" * k + data[at:], f"{k} NUL bytes at {at}"


def reencode(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    enc = rng.choice(
        ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "cp1251", "koi8-r", "utf-8-sig"]
    )
    return text.encode(enc, "replace"), f"re-encoded {enc}"


def bad_utf8(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    # latin-1 bytes in a UTF-8 file, a lone surrogate encoded (CESU), an overlong slash
    junk = rng.choice(
        ["caf\xe9 d\xe9j\xe0".encode("latin-1"), b"\xed\xb0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80"]
    )
    at = rng.randrange(len(text) + 1)
    return text[:at].encode() + junk + text[at:].encode(), f"invalid UTF-8 {junk!r} at char {at}"


def gzip_damage(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    packed = gzip.compress(data, mtime=0)
    how = rng.choice(["truncated", "flipped", "trailing junk", "double", "header only"])
    if how == "truncated":
        packed = packed[: rng.randrange(2, len(packed))]
    elif how == "flipped":
        buf = bytearray(packed)
        buf[rng.randrange(10, len(buf))] ^= 0xFF
        packed = bytes(buf)
    elif how == "trailing junk":
        packed += b"garbage after the gzip member"
    elif how == "double":
        packed = gzip.compress(packed, mtime=0)
    else:
        packed = packed[:10]
    return packed, f"gzipped, {how}"


def empty(rng: random.Random, data: bytes, size: int) -> tuple[bytes, str]:
    return rng.choice([b"", b" ", b"\n\n", b"\xef\xbb\xbf", b"\x00"]), "emptied"


BYTE_MUTATORS: list[Callable[[random.Random, bytes, int], tuple[bytes, str]]] = [
    bit_flips,
    byte_sets,
    truncate,
    chop_head,
    splice,
    repeat,
    nul_run,
    reencode,
    bad_utf8,
    gzip_damage,
    empty,
]


# --- structure: JSON ------------------------------------------------------------------------------

FAR_DATES: list[object] = [
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00+14:00",
    "-0001-01-01",
    -1,
    0,
    1e30,
    -1e30,
    253402300800,
    10**20,
    -(10**20),
    1.5e308,
    "1e30",
    "99999-01-01",
    "2026-02-30",
    "2026-13-45",
    "31/12/9999",
    "Mon, 31 Dec 9999 23:59:59 GMT",
    "",
    "now",
    True,
    [],
    {},
]


def deep(depth: int, leaf: object, kind: str) -> object:
    for _ in range(depth):
        leaf = [leaf] if kind == "list" else {"a": leaf}
    return leaf


def json_mutation(rng: random.Random, size: int) -> tuple[object | str, str]:
    """A hostile JSON document (a Python value, or raw text where json.dumps cannot say it)."""
    rec: dict[str, object] = record(rng.choice(STORIES))
    what = rng.choice(
        [
            "deep-record",
            "deep-value",
            "huge-int",
            "surrogate",
            "far-date",
            "odd-type",
            "odd-keys",
            "huge-string",
            "nan",
            "many-records",
            "deep-list-of-records",
            "dup-keys",
            "big-float",
        ]
    )
    if what == "deep-record":
        depth = rng.choice([50, 900, 1200, 5000, 20000])
        return deep(depth, rec, rng.choice(["list", "dict"])), f"record nested {depth} deep"
    if what == "deep-value":
        depth = rng.choice([900, 1200, 5000])
        key = rng.choice(["text", "title", "source", "published", "extra"])
        rec[key] = deep(depth, "x", rng.choice(["list", "dict"]))
        return rec, f"field {key!r} nested {depth} deep"
    if what == "huge-int":
        digits = rng.choice([4301, 5000, 50000])
        key = rng.choice(["published", "timestamp", "text", "title", "extra"])
        raw = json.dumps(rec)[:-1] + f', "{key}": {"9" * digits}}}'
        return raw, f"field {key!r} a {digits}-digit integer"
    if what == "surrogate":
        key = rng.choice(["text", "title", "source", "url", "published"])
        esc = rng.choice(["\\ud800", "\\udfff", "\\udc80x", "\\ud83d", "\\u0000"])
        raw = json.dumps(rec).replace(f'"{key}": "', f'"{key}": "{esc}', 1)
        return raw, f"lone escape {esc} in {key!r}"
    if what == "far-date":
        date = rng.choice(FAR_DATES)
        rec[rng.choice(["published", "date", "timestamp", "datePublished"])] = date
        rec.pop("published", None) if rng.random() < 0.3 else None
        rec["published"] = date
        return rec, f"published = {date!r}"
    if what == "odd-type":
        key = rng.choice(["text", "title", "source", "url", "published"])
        rec[key] = rng.choice([None, 0, -1, True, [], {}, [1, 2], {"name": {"deep": 1}}, ["a", None], 3.5])
        return rec, f"{key!r} = {rec[key]!r}"
    if what == "odd-keys":
        rec = {
            rng.choice(["", "\u0000", "text ", "TEXT", "\ud7ff", "κείμενο", "x" * 1000]): v
            for v in rec.values()
        }
        return rec, "odd key names"
    if what == "huge-string":
        n = size * rng.choice([1, 4])
        key = rng.choice(["text", "title", "url", "source"])
        rec[key] = rng.choice(["word ", "x", "Ferry. ", "\n\n"]) * (n // 5)
        return rec, f"{key!r} of ~{n} characters"
    if what == "nan":
        raw = json.dumps(rec)[:-1] + f', "published": {rng.choice(["NaN", "Infinity", "-Infinity"])}}}'
        return raw, "NaN/Infinity literal"
    if what == "many-records":
        k = rng.choice([0, 1, 500])
        return {"articles": [rec] * k}, f"{k} copies of a record under 'articles'"
    if what == "deep-list-of-records":
        return {"articles": {"articles": [rec]}, "items": "no"}, "'articles' holds an object"
    if what == "dup-keys":
        return json.dumps(rec)[:-1] + ', "text": 5, "text": null}', "duplicate keys"
    return json.dumps(rec)[:-1] + f', "published": 1e{rng.choice([30, 400, -400])}}}', "big float"


def json_case(rng: random.Random, size: int) -> Case:
    doc, how = json_mutation(rng, size)
    raw = doc if isinstance(doc, str) else dump_doc(doc)
    name, kind = rng.choice(
        [("m.json", "json"), ("m.jsonl", "jsonl"), ("m.json", "json-list"), ("m", "stdin-json")]
    )
    if kind == "jsonl":  # the hostile record between two good lines
        good = json.dumps(record(STORIES[1]))
        raw = f"{good}\n{raw.replace(chr(10), ' ')}\n{good}\n"
    elif kind == "json-list":
        raw = f"[{json.dumps(record(STORIES[2]))}, {raw}]"
    layout = "stdin" if kind.startswith("stdin") else "file"
    return Case(name, raw.encode("utf-8", "surrogatepass"), f"{kind}: {how}", layout)


def dump_doc(doc: object) -> str:
    """JSON text of a generated document, however deep (the encoder recurses once per level)."""
    import sys

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 100_000))
    try:
        return json.dumps(doc, ensure_ascii=False)
    finally:
        sys.setrecursionlimit(old)


# --- structure: HTML, text, WARC ------------------------------------------------------------------------


def html_case(rng: random.Random, size: int) -> Case:
    story = rng.choice(STORIES)
    page = as_html(story)
    what = rng.choice(
        [
            "deep-divs",
            "unclosed",
            "far-date",
            "charset-lie",
            "script-only",
            "huge-attr",
            "comment",
            "one-word-paras",
            "repeated-paras",
            "no-body",
            "entities",
        ]
    )
    if what == "deep-divs":
        k = rng.choice([500, 5000, size // 10])
        page = page.replace("<article>", "<div>" * k + "<article>").replace(
            "</article>", "</article>" + "</div>" * k
        )
    elif what == "unclosed":
        page = page.replace("</p>", "").replace("</article>", "").replace("</body></html>", "<p><b><i>")
    elif what == "far-date":
        date = rng.choice(["9999-12-31", "0001-01-01", "-0001-01-01", "1e30", "99999-12-31", "2026-02-30"])
        page = page.replace(story[3] + "T08:00:00Z", date).replace(
            "<article>", f'<article><time datetime="{date}">{date}</time>'
        )
        what += f" {date}"
    elif what == "charset-lie":
        enc = rng.choice(["utf-16", "utf-32", "x-no-such", "iso-2022-jp", "cp1251"])
        page = page.replace('charset="utf-8"', f'charset="{enc}"')
        what += f" {enc}"
    elif what == "script-only":
        page = "<html><body><script>" + "var a=1;" * 200 + "</script></body></html>"
    elif what == "huge-attr":
        page = page.replace("<article>", f'<article data-x="{"a" * size}">')
    elif what == "comment":
        page = page.replace("<article>", "<!-- <article> <![CDATA[ ]]> -- -->" + "<!--" * 50 + "<article>")
    elif what == "one-word-paras":
        k = max(10, size // 8)
        page = page.replace("</article>", "".join(f"<p>w{i}x</p>" for i in range(k)) + "</article>")
        what += f" x{k}"
    elif what == "repeated-paras":
        k = max(2, size // 2000)
        paras = "".join(f"<p>{p}</p>" for p in story[4])
        page = page.replace("</article>", paras * k + "</article>")
        what += f" x{k}"
    elif what == "no-body":
        page = "<!DOCTYPE html><html><head><title>x</title></head></html>"
    else:
        page = page.replace("Three", "&#0;&#xD800;&#x110000;&nbsp;&bogus;&#99999999999;")
    name = rng.choice(["m.html", "m.htm", "m.xhtml", "m.html.gz", "m"])
    data = page.encode("utf-8", "replace")
    if name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    return Case(name, data, f"html: {what}", "stdin" if name == "m" else "file")


def text_case(rng: random.Random, size: int) -> Case:
    story = rng.choice(STORIES)
    text = as_text(story)
    what = rng.choice(
        ["far-date-prose", "one-word-paras", "long-line", "repeated", "controls", "numbers", "rtl"]
    )
    if what == "far-date-prose":
        text = text.replace("on Monday", "on 31 December 9999").replace("on Tuesday", "on 1 January 0001")
        text += "\nThe inquiry will report by the year 99999, or on 0001-01-01.\n"
    elif what == "one-word-paras":
        k = max(10, size // 6)
        text += "\n\n".join(f"w{i}x" for i in range(k))
        what += f" x{k}"
    elif what == "long-line":
        text += "a" * size
    elif what == "repeated":
        text += ("\n\n".join(story[4]) + "\n\n") * max(2, size // 2000)
    elif what == "controls":
        text = "".join(c + ("\x00\x1b[31m\u202e\ufeff" if i % 97 == 0 else "") for i, c in enumerate(text))
    elif what == "numbers":
        text += (
            " ".join(["9" * 400, "1e308", "-0", "3,000,000,000,000,000,000 people died", "½", "²³"]) + "\n"
        )
    else:
        text = "\u202e" + text + "\u0600\u0601" * 50
    name = rng.choice(["m.txt", "m.md", "m.markdown", "m.txt.gz", "m"])
    data = text.encode()
    if name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    return Case(name, data, f"text: {what}", "stdin" if name == "m" else "file")


def warc_case(rng: random.Random, size: int) -> Case:
    story = rng.choice(STORIES)
    page = as_html(story).encode()
    what = rng.choice(
        [
            "bad-length",
            "no-version",
            "bad-http",
            "chunked-lie",
            "gzip-lie",
            "far-date",
            "huge-length",
            "truncated-record",
            "header-garbage",
            "many-records",
        ]
    )
    http_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    headers = {
        "WARC-Target-URI": story[2],
        "WARC-Date": "2026-03-02T09:00:00Z",
        "WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000009>",
        "Content-Type": "application/http; msgtype=response",
    }
    rec = warc_record("response", headers, http_head + page)
    if what == "bad-length":
        rec = rec.replace(
            b"Content-Length: ", b"Content-Length: " + rng.choice([b"-5", b"abc", b"1" * 30, b"0x10", b""]), 1
        )
    elif what == "no-version":
        rec = rec.replace(b"WARC/1.0", rng.choice([b"", b"WARC/9.9", b"warc/1.0 extra"]), 1)
    elif what == "bad-http":
        rec = warc_record(
            "response", headers, rng.choice([b"HTTP/1.1 abc\r\n\r\n", b"\r\n\r\n", b"garbage"]) + page
        )
    elif what == "chunked-lie":
        rec = warc_record(
            "response",
            headers,
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\nZZZ\r\n" + page,
        )
    elif what == "gzip-lie":
        rec = warc_record(
            "response",
            headers,
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\n\r\n" + page,
        )
    elif what == "far-date":
        headers["WARC-Date"] = rng.choice(
            ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "-1", "99999-01-01T00:00:00Z"]
        )
        rec = warc_record("response", headers, http_head + page)
        what += " " + headers["WARC-Date"]
    elif what == "huge-length":
        rec = rec.replace(b"Content-Length: ", b"Content-Length: 99999999999999999999", 1).replace(
            f"Content-Length: 99999999999999999999{len(http_head + page)}".encode(),
            b"Content-Length: 99999999999999999999",
        )
    elif what == "truncated-record":
        rec = rec[: rng.randrange(len(rec))]
    elif what == "header-garbage":
        rec = rec.replace(b"WARC-Type: response", b"WARC-Type: response\r\n: \r\n\x00\xff: x\r\nNoColon", 1)
    else:
        rec = rec * max(2, min(200, size // 2000))
    gz = rng.random() < 0.4
    data = gzip.compress(rec, mtime=0) if gz else rec
    name = rng.choice(["m.warc.gz" if gz else "m.warc", "m"])
    return Case(name, data, f"warc: {what}{' (gz)' if gz else ''}", "stdin" if name == "m" else "file")


def fs_case(rng: random.Random, size: int) -> Case:
    """File-system oddities: non-UTF-8 names, loops, folders named like files, FIFOs, empty files."""
    data = as_text(rng.choice(STORIES)).encode()
    what = rng.choice(
        [
            "non-utf8-name",
            "symlink-loop",
            "dir-named-like-file",
            "fifo",
            "empty-file",
            "empty-dir",
            "dangling-link",
            "odd-name",
        ]
    )
    if what == "non-utf8-name":
        name = os.fsdecode(
            rng.choice([b"caf\xe9.txt", b"\xff\xfe.md", b"r\xe9sum\xe9-\x81.json", b"\xed\xa0\x80.txt"])
        )
        if name.endswith(".json"):
            data = json.dumps(record(rng.choice(STORIES))).encode()
        return Case(name, data, "fs: non-UTF-8 file name")
    if what == "empty-file":
        return Case(
            rng.choice(["e.txt", "e.json", "e.jsonl", "e.html", "e.warc", "e.warc.gz", "e.md.gz"]),
            b"",
            "fs: empty file",
        )
    if what == "odd-name":
        name = rng.choice(
            ["-x.txt", " .txt", "a\nb.txt", "x" * 250 + ".txt", "\u202etxt.exe.txt", "a:b*?.json"]
        )
        return Case(name, data, "fs: odd file name")
    return Case(f"{what}.txt", data, f"fs: {what}", what if what != "empty-file" else "file")


def seed_case(rng: random.Random, size: int) -> Case:
    """A seed fixture through one to three byte mutations."""
    seed: Seed = rng.choice(SEEDS)
    data, steps = seed.data, []
    for _ in range(rng.choice([1, 1, 2, 3])):
        data, step = rng.choice(BYTE_MUTATORS)(rng, data, size)
        steps.append(step)
    layout = "stdin" if seed.name == "stdin" else "file"
    return Case(seed.name, data, f"{seed.kind}: {'; '.join(steps)}", layout)


GENERATORS: list[tuple[Callable[[random.Random, int], Case], int]] = [
    (seed_case, 10),
    (json_case, 5),
    (html_case, 3),
    (text_case, 2),
    (warc_case, 3),
    (fs_case, 1),
]


def generate(rng: random.Random, n: int, size: int = 20_000) -> list[Case]:
    """`n` cases, deterministic for a seeded `rng`; huge ones scale with `size` (bytes, roughly)."""
    makers = [g for g, _ in GENERATORS]
    weights = [w for _, w in GENERATORS]
    return [rng.choices(makers, weights)[0](rng, size) for _ in range(n)]


def classic_cases(size: int = 20_000) -> list[Case]:
    """One of each input the issue names as breaking newsfuse: always in the brief, CLI and web batches."""
    rec = record(STORIES[0])
    good_line = json.dumps(record(STORIES[1]))
    deep_doc = '{"a": ' * 1200 + "1" + "}" * 1200
    huge = json.dumps(rec)[:-1] + f', "timestamp": {"9" * 5000}}}'
    surrogate = json.dumps(rec).replace('"text": "', '"text": "\\ud800', 1)
    far = [json.dumps({**rec, "published": d}) for d in ("9999-12-31", "0001-01-01")]
    words = "\n\n".join(f"w{i}x" for i in range(max(10, size // 6)))
    return [
        Case("deep.json", f"[{deep_doc}, {good_line}]".encode(), "json: record nested 1200 deep"),
        Case("deep.jsonl", f"{good_line}\n{deep_doc}\n".encode(), "jsonl: record nested 1200 deep"),
        Case("huge-int.jsonl", f"{huge}\n{good_line}\n".encode(), "jsonl: a 5000-digit integer"),
        Case("huge-int.json", huge.encode(), "json: a 5000-digit integer"),
        Case("surrogate.json", surrogate.encode(), "json: lone escape \\ud800 in 'text'"),
        Case("far-late.json", far[0].encode(), "json: published 9999-12-31"),
        Case("far-early.jsonl", far[1].encode() + b"\n", "jsonl: published 0001-01-01"),
        Case(os.fsdecode(b"caf\xe9.txt"), as_text(STORIES[2]).encode(), "fs: non-UTF-8 file name"),
        Case("loop", as_text(STORIES[2]).encode(), "fs: symlink-loop", "symlink-loop"),
        Case("words.txt", words.encode(), f"text: one-word-paras x{max(10, size // 6)}"),
    ]
