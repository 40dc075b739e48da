"""Key figures come first in every rendering: the toll, who and when, what it replaced, a linked flag."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from newsfuse.models import Brief
from newsfuse.render.common import key_figure_lines
from tests.unit.render.briefs import DAY1, toll_brief


class _Ids(HTMLParser):
    """Element ids in page order and the hrefs of each <li class="key-figure">'s links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")


def _section(page: str, element_id: str) -> str:
    return page.split(f'id="{element_id}"', 1)[1].split("</section>", 1)[0]


def test_markdown_shows_the_key_figures_between_the_status_line_and_the_summary() -> None:
    text = toll_brief().to_markdown()
    lines = text.splitlines()
    assert lines[2].startswith("_3 sources") and lines[4] == "## Key figures"
    assert text.index("## Key figures") < text.index("## What happened") < text.index("## Figures")
    block = text.split("## Key figures", 1)[1].split("\n## ", 1)[0].strip().splitlines()
    assert len(block) == 2  # one line per key figure
    killed, injured = block
    assert killed.startswith("- **killed** (people, Brenholt): **22** — labour ministry, 6 Jun [s3]")
    assert "earlier: at least six (4 Jun, Lowmoor Gazette) → 11 (5 Jun, river police) → 23 (6 Jun" in killed
    assert "revised down — [see below](#comparison-1)" in killed
    assert (
        "⚠ sources conflict — [see below](#comparison-2)" in injured
        and "Brenholt clinic, mill union" in injured
    )


def test_markdown_conflict_link_lands_on_its_comparison() -> None:
    text = toll_brief().to_markdown()
    target = re.search(r"⚠ sources conflict — \[see below\]\(#([\w-]+)\)", text)
    assert target is not None
    anchored = next(line for line in text.splitlines() if f'<a id="{target.group(1)}"></a>' in line)
    assert "**⚠ CONFLICT** injured" in anchored and "(5 Jun)" in anchored  # kind and window


def test_markdown_comparisons_say_their_kind_and_window() -> None:
    text = toll_brief().to_markdown()
    comparisons = text.split("## Where the sources agree and conflict", 1)[1].split("\n## ", 1)[0]
    assert "**revision** killed / people in Brenholt (6 Jun)" in comparisons
    assert comparisons.index("CONFLICT") < comparisons.index("revision")  # conflicts first


def test_markdown_figures_table_marks_superseded_partial_hedged_and_the_reported_date() -> None:
    rows = {
        line.split(" | ")[1]: line
        for line in toll_brief().to_markdown().splitlines()
        if line.startswith("| ")
    }
    assert rows["c1"].startswith("| superseded, reportedly | c1 |")
    assert rows["c3"].startswith("| superseded | c3 |") and "| 6 Jun |" in rows["c3"]
    assert rows["c7"].startswith("| part of the toll | c7 |")
    assert rows["c4"].startswith("|  | c4 |")  # the current toll carries no mark
    assert rows["c5"].startswith("| ⚠ conflict | c5 |")


def test_no_key_figures_no_block() -> None:
    brief = toll_brief().model_copy(update={"key_figures": []})
    assert "Key figures" not in brief.to_markdown()
    assert 'id="key-figures"' not in brief.to_html()


def test_html_key_figures_come_first_and_link_to_the_comparison_and_the_sources() -> None:
    page = toll_brief().to_html()
    parser = _Ids()
    parser.feed(page)
    assert parser.ids.index("key-figures") < parser.ids.index("summary") < parser.ids.index("figures")
    figures = _section(page, "key-figures")
    flag = re.search(r'<a class="kf-flag conflict" href="#([\w-]+)">⚠ sources conflict', figures)
    assert flag is not None
    comparison = page.split(f'id="{flag.group(1)}"', 1)[1].split("</li>", 1)[0]
    assert "conflict" in comparison and "mill union" in comparison  # the explanation it lands on
    assert 'href="#comparison-1">revised down' in figures
    # every link of the block lands on an element of the page (the sources' cards, as their text does
    # not hold these invented quotes, and comparisons)
    links = re.findall(r'href="#([\w-]+)"', figures)
    assert {"src-s1", "src-s2", "src-s3", "comparison-1", "comparison-2"} == set(links)
    assert set(links) <= set(parser.ids)
    assert "earlier:" in figures and "11 (5 Jun, river police" in figures


def test_html_figures_table_shows_marks_and_reported_date() -> None:
    claims = _section(toll_brief().to_html(), "figures")
    row = claims.split('<tr id="claim-c1"', 1)[1].split("</tr>", 1)[0]
    assert "superseded" in row and "reportedly" in row and '<time datetime="2031-06-04">4 Jun</time>' in row
    assert "part of the toll" in claims.split('<tr id="claim-c7"', 1)[1].split("</tr>", 1)[0]


def test_the_history_does_not_repeat_the_current_toll() -> None:
    (killed, injured) = key_figure_lines(toll_brief())
    assert [step.value for step in killed.earlier] == ["at least six", "11", "23"]
    assert killed.who == "labour ministry" and killed.when == "6 Jun"
    assert injured.earlier == [] and injured.conflict and injured.comparison == "comparison-2"


def test_without_a_sayer_or_an_outlet_the_source_ids_say_who() -> None:
    brief = toll_brief()
    brief = brief.model_copy(
        update={"sources": [s.model_copy(update={"outlet": None}) for s in brief.sources]}
    )
    assert "earlier: at least six (4 Jun, s1) → 11 (5 Jun, river police)" in brief.to_markdown()
    figures = brief.to_html().split('id="key-figures"', 1)[1].split("</section>", 1)[0]
    assert 'at least six (4 Jun, <a href="#src-s1">s1</a>)' in figures  # the id once, as a link


def test_figures_of_one_day_are_not_shown_as_a_sequence() -> None:
    brief = toll_brief()
    killed = brief.key_figures[0]
    history = list(killed.history)
    history[1] = history[1].model_copy(
        update={"reported": DAY1}
    )  # the 11 said the same day as "at least six"
    brief = brief.model_copy(update={"key_figures": [killed.model_copy(update={"history": history})]})
    expected = "at least six (4 Jun, Lowmoor Gazette); 11 (4 Jun, river police) → 23 (6 Jun"
    assert expected in brief.to_markdown()
    figures = brief.to_html().split('id="key-figures"', 1)[1].split("</section>", 1)[0]
    assert re.search(r"s1</a>\)</span>; <span class=\"kf-step\">11 \(4 Jun.*s2</a>\)</span> → <span", figures)


def test_a_comparison_index_out_of_range_is_no_link() -> None:
    brief = toll_brief()
    broken = brief.key_figures[1].model_copy(update={"comparison": 9})
    brief = Brief.model_validate({**brief.model_dump(), "key_figures": [broken.model_dump()]})
    (line,) = key_figure_lines(brief)
    assert line.comparison is None and line.conflict
    assert "⚠ sources conflict" in brief.to_markdown() and "#comparison-10" not in brief.to_html()
