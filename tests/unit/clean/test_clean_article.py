"""clean_article end to end on a scraped article built in code: what goes, why, and what stays."""

from __future__ import annotations

from newsfuse.clean import clean_article, fingerprint
from newsfuse.models import RawArticle, Removal

LEXICON = frozenset({"watch", "the", "crews"})

BODY = [
    "Fourteen people were killed when a chemical warehouse exploded in the port of Kessara late on Tuesday, "
    "the regional fire service said.",
    "More than 200 people were injured, according to the city hospital network, and up to 90 were admitted.",
    "Police detained three managers of the warehouse company on Thursday, a spokeswoman told reporters.",
]

SCRAPED = "\n".join(
    [
        "EN | DE | FR",
        "Monday, 3 November",
        "world",
        "Fourteen dead as explosions tear through a warehouse in Kessara",
        BODY[0],
        "Getty Images",
        "See also  Rail strike enters its second week",
        BODY[1],
        BODY[1],
        "Smoke rises above the harbour at dawn. (Photo: Milo Danek/AFP)",
        BODY[2] + "br>",
        "Residents waited in a school gym. atch crews fight the fire",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Name *",
        "Email *",
        "Save my name, email, and website in this browser for the next time I comment.",
    ]
)


def clean(text: str, **raw: object) -> tuple[str, str | None, list[Removal]]:
    article = clean_article(RawArticle(text=text, path="x.txt", **raw), language="en", lexicon=LEXICON)  # type: ignore[arg-type]
    return article.text, article.title, list(article.removed)


def test_scraped_article_is_cleaned_with_every_removal_recorded() -> None:
    text, title, removed = clean(SCRAPED)
    assert title == "Fourteen dead as explosions tear through a warehouse in Kessara"
    assert text.split("\n\n") == [
        BODY[0],
        BODY[1],
        BODY[2],
        "Residents waited in a school gym. crews fight the fire",
    ]
    assert [(r.reason, r.rule) for r in removed] == [
        ("navigation", "language-switcher"),
        ("boilerplate", "page-date"),
        ("navigation", "section-label"),
        ("caption", "photo-credit"),
        ("navigation", "cross-promotion"),
        ("duplicate", "repeated-paragraph"),
        ("caption", "photo-caption"),
        ("other", "stray-html"),
        ("other", "truncated-word"),
        ("boilerplate", "comment-form"),
        ("boilerplate", "comment-form"),
        ("boilerplate", "form-field"),
        ("boilerplate", "form-field"),
        ("boilerplate", "comment-form"),
    ]


def test_nothing_is_lost_silently() -> None:
    text, title, removed = clean(SCRAPED)
    kept = " ".join([title or "", text, *(r.text for r in removed)])
    for line in SCRAPED.split("\n"):
        for word in line.replace("br>", " ").split():
            assert word in kept, f"{word!r} vanished without a removal record"


def test_a_title_repeated_at_the_top_of_the_body_is_not_kept_twice() -> None:
    text, title, removed = clean(
        "Big fire in the port\n" + "\n".join(BODY), title="Big fire in the port", fmt="html"
    )
    assert title == "Big fire in the port"
    assert text.split("\n\n") == BODY
    assert removed == []


def test_html_input_never_has_its_first_line_taken_as_a_title() -> None:
    text, title, _ = clean("A short first line\n" + "\n".join(BODY), fmt="html")
    assert title is None
    assert text.startswith("A short first line")


def test_clean_text_is_left_exactly_as_it_was() -> None:
    french = (
        "Le port est fermé : « nous ne savons pas » , dit-il .\n"
        "Les secours sont sur place depuis mardi soir !"
    )
    text, _, removed = clean(french)
    assert text == french.replace("\n", "\n\n")
    assert removed == []


def test_entities_and_odd_spaces_are_normalised() -> None:
    text, _, _ = clean("Fire &amp; rescue crews\u00a0arrived   at the port at 6 a.m. on Wednesday morning.")
    assert text == "Fire & rescue crews arrived at the port at 6 a.m. on Wednesday morning."


def test_fingerprint_ignores_case_punctuation_and_spacing() -> None:
    assert fingerprint("Fourteen dead, officials say.") == fingerprint("fourteen  DEAD officials say")
    assert fingerprint("Fourteen dead") != fingerprint("Seventeen dead")
