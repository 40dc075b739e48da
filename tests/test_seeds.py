"""The five real scraped seed articles (../shared/seeds): the first test of the cleaner.

PRODUCT.md lists their junk; each kind must be gone from `text` and listed in `removed`, the
second article's repeated paragraphs kept once, and no real sentence of any article lost.
The seed text is not ours: only short junk markers appear here, the rest is read from disk.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsfuse
from newsfuse.models import Brief, Source

pytestmark = pytest.mark.seeds

# per seed file: the removals expected, in order, as (rule, a few characters of the junk)
EXPECTED_REMOVALS = {
    "000": [],
    "001": [
        ("stray-html", "br>"),
        ("truncated-word", "atch"),
        ("repeated-paragraph", ""),  # the paragraph printed twice
        ("repeated-paragraph", "Getty Images"),  # the caption repeated with its credit
        ("gallery", "these photographs"),
        ("cross-promotion", "can be found here"),
    ],
    "002": [
        ("cross-promotion", "See also"),
        ("comment-form", "Leave a Reply"),
        ("comment-form", "Required fields are marked"),
    ],
    "003": [("teaser", "→ THE CONTEXT."), ("teaser", "→ ANALYSIS.")],
    "004": [
        ("language-switcher", "RU"),
        ("page-date", "22 November"),
        ("section-label", "world"),
        ("photo-credit", "Getty Images"),
        ("photo-credit", "Getty Images"),
        ("photo-credit", "Getty Images"),
    ],
}


@pytest.fixture(scope="module")
def seed_brief(seeds_dir: Path) -> Brief:
    return newsfuse.brief(seeds_dir)


def _source(brief: Brief, prefix: str) -> Source:
    return next(s for s in brief.sources if Path(s.path or "").name.startswith(prefix))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_all_five_sources_are_present_with_their_paths(seed_brief: Brief, seeds_dir: Path) -> None:
    names = sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert [Path(s.path or "").name for s in seed_brief.sources] == names
    assert [s.id for s in seed_brief.sources] == ["s1", "s2", "s3", "s4", "s5"]
    assert all(s.language == "en" for s in seed_brief.sources)
    assert all(s.sentences > 10 for s in seed_brief.sources)
    assert all(s.duplicate_of is None for s in seed_brief.sources)  # five outlets, no copies


@pytest.mark.parametrize("prefix", sorted(EXPECTED_REMOVALS))
def test_exactly_the_junk_is_removed(seed_brief: Brief, prefix: str) -> None:
    source = _source(seed_brief, prefix)
    got = [(r.rule, r.text) for r in source.removed]
    expected = EXPECTED_REMOVALS[prefix]
    assert [rule for rule, _ in got] == [rule for rule, _ in expected]
    for (_, text), (_, marker) in zip(got, expected, strict=True):
        assert marker in text
        if len(text) < 40:  # a junk line or fragment: gone from the text
            assert text not in source.text.split("\n\n")


def test_junk_named_in_product_md_is_gone_from_text(seed_brief: Brief) -> None:
    text = "\n".join(s.text for s in seed_brief.sources)
    for junk in ("RU  UA  EN", "22 November", "Getty Images", "See also", "Leave a Reply", "→", "br>"):
        assert junk not in text
    assert not re.search(r"(^|\n)world(\n|$)", text)
    assert not re.search(r"\batch\b", text)


def test_repeated_paragraphs_of_the_second_article_are_kept_once(seed_brief: Brief, seeds_dir: Path) -> None:
    raw = (seeds_dir / Path(_source(seed_brief, "001").path or "").name).read_text(encoding="utf-8")
    lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
    repeated = {ln for ln in lines if lines.count(ln) > 1}
    assert repeated, "the seed should print a paragraph twice"
    text = _source(seed_brief, "001").text
    for paragraph in repeated:
        assert text.count(paragraph) == 1
    # the caption printed a second time with a credit appended: its words appear once
    caption = next(r.text for r in _source(seed_brief, "001").removed if "Getty Images" in r.text)
    first_sentence = caption.split(". ")[0]
    assert text.count(first_sentence) == 1


def test_no_real_sentence_is_lost(seed_brief: Brief, seeds_dir: Path) -> None:
    """Every line of every seed is in title + text, unless removed whole (and listed) as junk."""
    for source in seed_brief.sources:
        raw = (seeds_dir / Path(source.path or "").name).read_text(encoding="utf-8")
        kept = _squash((source.title or "") + source.text)
        whole = {_squash(r.text) for r in source.removed}
        fragments = [r.text for r in source.removed if len(r.text) < 12]
        for line in raw.split("\n"):
            if not line.strip() or _squash(line) in whole:
                continue
            for fragment in fragments:  # a cut word or tag, never the middle of a word ("dispatch")
                line = re.sub(rf"(?<!\w){re.escape(fragment)}(?!\w)", "", line)
            assert _squash(line) in kept, f"{source.id}: lost {line[:60]!r}…"


def test_removed_text_is_a_small_share_of_each_article(seed_brief: Brief) -> None:
    for source in seed_brief.sources:
        junk = sum(len(r.text) for r in source.removed if r.reason != "duplicate")
        assert junk < 0.15 * len(source.text)
