"""Plain-text and Markdown articles."""

from __future__ import annotations

import re
import statistics

from newsfuse.ingest.dates import parse_published
from newsfuse.models import RawArticle, Removal


def read_text(text: str, path: str) -> RawArticle:
    """A .txt article: text as scraped, hard-wrapped lines joined back into paragraphs."""
    return RawArticle(text=unwrap_hard_wrapped(text), path=path, fmt="text")


def unwrap_hard_wrapped(text: str) -> str:
    """Join lines that were wrapped at a fixed width (mail, terminals) back into paragraphs.

    Only when the text really is wrapped: blank-line-separated blocks of several lines, most
    lines of similar width. Scraped text with one paragraph per line is left alone.
    """
    blocks = [b for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    lines = [ln for b in blocks for ln in b.split("\n") if ln.strip()]
    if len(blocks) < 2 or len(lines) < 6:
        return text
    if statistics.median(len(b.strip().split("\n")) for b in blocks) < 2:
        return text
    widths = [len(ln.rstrip()) for ln in lines]
    width = max(widths)
    # wrapped prose fills lines of 50 to 100 columns; a list of short lines is not wrapped
    if not 50 <= width <= 100 or sum(w >= 0.6 * width for w in widths) / len(widths) < 0.6:
        return text
    joined = []
    for block in blocks:
        out = ""
        for ln in block.strip().split("\n"):
            ln = ln.strip()
            if out.endswith("-") and ln[:1].islower():
                out += ln  # a word broken across lines keeps its hyphen: "well-\nknown"
            else:
                out = f"{out} {ln}" if out else ln
        joined.append(out)
    return "\n\n".join(joined)


_OUTLET_KEYS = ("outlet", "source", "site", "site_name", "publisher")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)


def read_markdown(source: str, path: str) -> RawArticle:
    """A .md article: Markdown syntax removed, YAML-style front matter used as metadata."""
    meta: dict[str, str] = {}
    m = _FRONT_MATTER.match(source)
    if m:
        for line in m.group(1).split("\n"):
            key, sep, value = line.partition(":")
            if sep and key.strip() and not key.startswith((" ", "\t")):
                meta[key.strip().lower()] = value.strip().strip("\"'")
        source = source[m.end() :]
    text, removed = markdown_to_text(source)
    published = None
    for key in ("date", "published", "published_at", "pubdate"):
        if meta.get(key):
            published = parse_published(meta[key])
            if published:
                break
    return RawArticle(
        text=text,
        path=path,
        fmt="markdown",
        title=meta.get("title") or None,
        url=meta.get("url") or meta.get("link") or None,
        outlet=next((meta[k] for k in _OUTLET_KEYS if meta.get(k)), None),
        published=published,
        published_from="metadata" if published else None,
        removed=tuple(removed),
    )


def markdown_to_text(source: str) -> tuple[str, list[Removal]]:
    """Paragraph text of a Markdown document; image alt texts are reported as removed captions."""
    from markdown_it import MarkdownIt

    paragraphs: list[str] = []
    removed: list[Removal] = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type == "inline":
            parts: list[str] = []
            for child in token.children or []:
                if child.type in {"text", "code_inline", "html_inline"}:
                    parts.append(child.content)
                elif child.type in {"softbreak", "hardbreak"}:
                    parts.append(" ")
                elif child.type == "image":
                    alt = "".join(c.content for c in child.children or []).strip()
                    if alt:
                        removed.append(Removal(alt, "caption", "markdown-image"))
            text = re.sub(r"[ \t]+", " ", "".join(parts)).strip()
            if text:
                paragraphs.append(text)
        elif token.type in {"fence", "code_block", "html_block"} and token.content.strip():
            paragraphs.append(token.content.strip())
    return "\n".join(paragraphs), removed
