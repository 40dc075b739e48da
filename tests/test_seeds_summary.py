"""The summary of the five real seed articles (../shared/seeds): cited, within budget, clean.

Only checks that follow from the rules are made here (no seed sentence is stored): every sentence is
cited by sources that say it, the translated article with visible damage is flagged, no damaged
or junk sentence is chosen, and what an editor expects of the story is in it, in general terms: the
Russian-led alliance's troops, a casualty figure cited by the sources that give it, the banks or
the internet shut, several short facts rather than a few long sentences.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

import newsfuse
from newsfuse.api import clean_articles
from newsfuse.config import Settings
from newsfuse.consolidate.facts import read_articles
from newsfuse.consolidate.similarity import sentence_units, similarity_matrix
from newsfuse.consolidate.summary import SAME
from newsfuse.ingest import read_inputs
from newsfuse.models import Brief, RawArticle

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def seed_brief(seeds_dir: Path) -> Brief:
    return newsfuse.brief(seeds_dir)


def test_summary_is_within_budget_and_cited(seed_brief: Brief) -> None:
    assert "summary" not in seed_brief.pending_sections
    assert len(seed_brief.summary) >= 2
    assert sum(len(s.text.split()) for s in seed_brief.summary) <= Settings().summary_words
    assert all(s.sources for s in seed_brief.summary)


def test_summary_tells_the_core_of_the_story(seed_brief: Brief) -> None:
    text = " ".join(s.text for s in seed_brief.summary)
    assert "Kazakhstan" in text
    assert any(w in text for w in ("paratroopers", "troops", "CSTO"))
    assert any(w in text for w in ("injured", "killed", "dead", "murdered"))
    assert any(len(s.sources) >= 3 for s in seed_brief.summary)  # corroborated facts come first


_FIGURE = re.compile(
    r"\b(\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|tens|hundreds?|"
    r"thousands?)\b",
    re.I,
)
_CASUALTY = re.compile(r"\b(killed|injured|wounded|dead|died|murdered)\b", re.I)


def test_summary_names_the_alliance_sent_in(seed_brief: Brief) -> None:
    text = " ".join(s.text for s in seed_brief.summary)
    assert re.search(r"CSTO|Collective Security Treaty|Russian-led|Moscow-led", text)
    assert re.search(r"request", text, re.I)  # sent in at the government's request


def test_summary_gives_a_casualty_figure_with_its_sources(seed_brief: Brief) -> None:
    cited = [s for s in seed_brief.summary if _FIGURE.search(s.text) and _CASUALTY.search(s.text)]
    assert cited and max(len(s.sources) for s in cited) >= 3


def test_summary_says_banks_or_the_internet_were_shut(seed_brief: Brief) -> None:
    assert re.search(r"\bbanks?\b|\binternet\b", " ".join(s.text for s in seed_brief.summary), re.I)


@pytest.mark.xfail(strict=True, reason="the fuel/gas price cause loses to corroborated facts at 80 words")
def test_summary_says_what_set_the_protests_off(seed_brief: Brief) -> None:
    assert re.search(r"\b(fuel|gas)\b[^.]*\bprices?\b", " ".join(s.text for s in seed_brief.summary), re.I)


def test_summary_spends_the_budget_on_several_short_facts(seed_brief: Brief) -> None:
    assert len(seed_brief.summary) >= 4
    assert all(len(s.text.split()) <= 30 for s in seed_brief.summary)


def test_the_damaged_translation_is_flagged(seed_brief: Brief) -> None:
    flagged = [Path(s.path or "").name[:3] for s in seed_brief.sources if "translation-damage" in s.quality]
    assert flagged == ["002"]


def test_no_junk_or_damaged_sentence_is_chosen(seed_brief: Brief) -> None:
    for sentence in seed_brief.summary:
        words = sentence.text.split()
        assert len(words) >= 6
        assert sentence.text[0].isupper() or sentence.text[0] in '“"'
        lowered = [w.lower().strip(".,") for w in words]
        assert not any(a == b for a, b in itertools.pairwise(lowered) if a.isalpha())


def test_citations_point_to_sources_that_say_it(seed_brief: Brief, seeds_dir: Path) -> None:
    raws = [r for r in read_inputs([str(seeds_dir)], Settings()) if isinstance(r, RawArticle)]
    analyzed = read_articles(clean_articles(raws))
    units = sentence_units(analyzed)
    sim = similarity_matrix(units)
    for sentence in seed_brief.summary:
        own = [i for i, u in enumerate(units) if " ".join(u.text.split()).endswith(sentence.text)]
        assert own, sentence.text
        for source_id in sentence.sources:
            n = int(source_id[1:]) - 1
            assert any(sim[own[0], j] >= SAME for j, u in enumerate(units) if u.source == n), source_id
