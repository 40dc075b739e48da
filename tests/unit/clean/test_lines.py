"""Line rules: each kind of page furniture is recognised, and look-alike news lines are left alone."""

from __future__ import annotations

import pytest

from newsfuse.clean.lines import date_stamp, is_language_switcher, is_section_label, match_line


def rule_for(line: str, zone: str = "any") -> str | None:
    rule = match_line(line, zone)  # type: ignore[arg-type]
    return rule.name if rule else None


@pytest.mark.parametrize(
    "line",
    ["RU  UA  EN", "EN | DE | FR", "FR / EN", "English · Français · Deutsch", "Русский | Українська"],
)
def test_language_switchers_are_navigation(line: str) -> None:
    assert is_language_switcher(line)
    assert rule_for(line) == "language-switcher"


@pytest.mark.parametrize("line", ["EN", "It is", "US and UK officials met", "UN"])
def test_language_switcher_needs_two_codes_in_capitals(line: str) -> None:
    assert not is_language_switcher(line)


@pytest.mark.parametrize(
    "line",
    [
        "Friday, 22 November",
        "Monday, 3 November 2025",
        "Wednesday, 12. March 2025, 18:40 o'clock",
        "12.03.2025",
        "2025-03-12T09:30:00+01:00",
        "Sept. 5, 2024 at 3:14 p.m.",
        "mardi 11 mars 2025",
        "11 марта 2025 г.",
    ],
)
def test_a_bare_date_line_is_a_page_stamp_at_the_edges_only(line: str) -> None:
    assert date_stamp(line) == (True, False)
    assert rule_for(line, "head") == "page-date"
    assert rule_for(line, "edge") == "page-date"
    # inside the article a date alone on a line can head a live blog's entries: kept
    assert rule_for(line, "any") is None


@pytest.mark.parametrize(
    "line",
    [
        "Updated: 12.03.2025, 10:15",
        "Published 5 March 2024",
        "Aktualisiert am 17.01.2021.",
        "Publié le 3 mars",
    ],
)
def test_a_labelled_date_stamp_is_removed_anywhere(line: str) -> None:
    assert date_stamp(line)[1] is True
    assert rule_for(line, "any") == "page-date"


@pytest.mark.parametrize(
    "line",
    [
        "May the force be with you",
        "Saturday marks the start of the holiday",
        "12 March 2025 – 14 March 2025",  # an event's dates, not a stamp
        "+81 158-23-2012",  # a phone number
        "On 12 March the port reopened.",
    ],
)
def test_text_with_dates_in_it_is_not_a_stamp(line: str) -> None:
    assert date_stamp(line)[0] is False


@pytest.mark.parametrize("line", ["world", "latest news", "Politics", "Home › World › Europe", "News / Asia"])
def test_section_labels_go_only_from_the_head(line: str) -> None:
    assert is_section_label(line)
    assert rule_for(line, "head") == "section-label"
    assert rule_for(line, "any") is None


@pytest.mark.parametrize(
    "line, rule",
    [
        ("See also  Rail strike enters its second week", "cross-promotion"),
        ("Read more: Marathon draws a record field despite rain", "cross-promotion"),
        ("READ MORE:", "cross-promotion"),
        ("Lire aussi : La grève des dockers continue", "cross-promotion"),
        ("Lesen Sie auch: Was der Hafen jetzt plant", "cross-promotion"),
        ("Читайте также: Что известно о пожаре", "cross-promotion"),
        ("More information can be found here.", "cross-promotion"),
        ("→ ANALYSIS. Why the harbour grew faster than its rules", "teaser"),
        ("► Watch the mayor's statement", "teaser"),
        ("Minister resigns over port scandal [VIDEO]", "teaser"),
        ("ANALYSIS. Why the harbour grew faster than its rules", "teaser"),
        ("Leave a Reply", "comment-form"),
        ("Your email address will not be published. Required fields are marked *", "comment-form"),
        ("12 Comments", "comment-form"),
        ("Sign up for our morning newsletter and get the top stories in your inbox.", "newsletter"),
        ("Share this article", "share-prompt"),
        ("Facebook Twitter WhatsApp Email", "share-prompt"),
        ("Follow us on Twitter and Instagram", "share-prompt"),
        ("© 2025 Coastal Times. All rights reserved.", "copyright"),
        ("5 min read", "reading-time"),
        ("Advertisement", "advertising"),
        ("Story continues below advertisement", "advertising"),
        ("(Reporting by Jane Roe; Editing by John Doe)", "sign-off"),
        ("Kategorie: News", "taxonomy"),
        ("This article was automatically translated from German.", "translation-notice"),
        ("Already a subscriber? Log in to read the full story.", "paywall"),
    ],
)
def test_page_furniture_is_recognised(line: str, rule: str) -> None:
    assert rule_for(line, "any") == rule


@pytest.mark.parametrize(
    "line",
    [
        # news that mentions the words page furniture is made of
        "Residents were told to sign up for evacuation alerts on the city's website.",
        "Small investors subscribed for so many shares that the offer closed early.",
        "“Sign up for our newsletter,” the minister joked before taking questions.",
        "Related to the blast, police detained three managers on Thursday.",
        "Watch crews worked through the night to contain the fire.",
        "The video shows firefighters entering the warehouse shortly after midnight.",
        "UPDATE: The death toll rose to 17, the health ministry said.",
        "Comments by the mayor drew criticism from the opposition.",
        "Share prices of the operator fell 12 percent in Orvin.",
        "Werbung nervt, sagt der Verband, doch die Zahlen steigen.",
        "| 65 g | Margarine oder Butter |",  # a table row is data
        "Firefighters battled the blaze for nine hours, officials said.",
    ],
)
def test_news_lines_that_resemble_junk_are_kept(line: str) -> None:
    assert rule_for(line, "any") is None


def test_edge_only_rules_leave_the_body_alone() -> None:
    assert rule_for("By Katrin Weller", "head") == "byline"
    assert rule_for("By Katrin Weller", "any") is None
    assert rule_for("Quellenangaben:", "edge") == "footer-label"
    assert rule_for("Quellenangaben:", "any") is None
    assert rule_for("Tel.: +49 40 300 30 1141", "edge") == "contact"
    assert rule_for("Tel.: +49 40 300 30 1141", "any") is None
    assert rule_for("Name *", "edge") == "form-field"
    assert rule_for("Name *", "any") is None


def test_word_caps_protect_long_paragraphs() -> None:
    long = "Read more: " + " ".join(["the fire service said crews were still at work"] * 6) + "."
    assert rule_for(long) is None
