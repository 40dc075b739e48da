"""OPML subscription lists: the feed URLs of every outline, nested ones included.

Parsed by lxml with entities left unexpanded, no DTD loaded and nothing fetched (no XXE, no
billion laughs), within lxml's default size limits.
"""

from __future__ import annotations

import re

from newsfuse.errors import InputError

__all__ = ["looks_like_opml", "parse_opml"]

_OPML_START = re.compile(
    rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>\s*|<\?[^>]*>\s*)*<opml[\s>]",
    re.I | re.S,
)


def looks_like_opml(head: bytes) -> bool:
    """Do these first bytes open an OPML document?"""
    return bool(_OPML_START.match(head.removeprefix(b"\xef\xbb\xbf")[:8192]))


def parse_opml(data: bytes, shown: str) -> list[str]:
    """The xmlUrl of every outline (nested included), de-duplicated in order, http(s) only.

    Raises InputError(shown, problem) when the document is not well-formed OPML.
    """
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )
    try:
        root = etree.fromstring(data.lstrip(), parser)
    except etree.XMLSyntaxError as exc:
        problem = " ".join(str(exc.msg or exc).split())  # lxml's messages may run over lines
        raise InputError(shown, f"malformed OPML ({problem})") from None
    if root is None or not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise InputError(shown, "not an OPML document (its root element is not <opml>)")
    urls: list[str] = []
    for outline in root.iter("{*}outline", "outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if re.match(r"https?://[^\s/]", url, re.I) and url not in urls:
            urls.append(url)
    return urls
