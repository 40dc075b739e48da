"""One copy rule: `brief` and the store (ingest, then the brief of each stored story) mark the same copies.

Invented articles in real files: reprints, excerpts (after and before the fuller report), near-
identical pairs, a reprint of a reprint, a story sharing a quote with another, and a new revision.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsfuse.api import brief, brief_story, ingest
from newsfuse.store import open_store

FIRE = (
    "Fourteen people were killed when a chemical warehouse exploded in the port of Kessara late on "
    "Tuesday, the regional fire service said. More than 200 people were injured, according to the city "
    "hospital network. Mayor Ilse Varga ordered the evacuation of some 4,000 residents living within two "
    "kilometres of the port. Firefighters fought the blaze through the night and said on Wednesday "
    "morning that the fire was under control. The cause of the explosion was not yet known, and the "
    "port authority said it had suspended all traffic at the container terminal until further notice."
)
STRIKE = (
    "Rail workers in Norland extended their strike into a second week after talks with the transport "
    "ministry collapsed on Monday. Union leader Petra Holm said train drivers would stay out until the "
    "government offered a wage rise that kept pace with prices. Commuters crowded onto buses and ferries, "
    "and the national rail operator said only one train in ten was running on the main northern lines. "
    "The ministry said it would not return to the table while the walkout continued."
)
DAM = (
    "Engineers inspected the cracked Orvel dam on Thursday after heavy rain raised the reservoir to its "
    "highest level in thirty years. The water agency lowered the level by opening two spillways and told "
    "villages downstream to prepare for flooding. Agency director Tomas Lind said the crack was in the "
    "outer wall and posed no immediate danger, but that inspectors would stay on site through the weekend. "
    "Farmers in the valley moved livestock to higher ground as a precaution."
)
QUOTE = "“We stand at the side of the families and we will rebuild,” the mayor said on Wednesday."
ARREST = (
    "Police in Kessara detained three managers of the warehouse company on Thursday, prosecutors said, "
    "and the health ministry raised the death toll to seventeen. Investigators were examining how "
    "chemicals were stored at the site and whether safety inspections had been skipped last year. " + QUOTE
)

# (file, date, url, text): the copy rule's cases
ARTICLES = [
    ("01-fire.json", "2025-03-11", "https://wire.example/a", FIRE + " " + QUOTE),
    ("02-fire-reprint.json", "2025-03-11", "https://coast.example/a", FIRE + " " + QUOTE + " Coastal Times"),
    ("03-fire-excerpt.json", "2025-03-12", "https://brief.example/a", FIRE.split(". Firefighters")[0] + "."),
    ("04-strike.json", "2025-03-12", "https://rail.example/a", STRIKE),
    ("05-strike-near.json", "2025-03-13", "https://daily.example/a", STRIKE.replace("Monday", "Tuesday")),
    ("06-dam-flash.json", "2025-03-10", "https://flash.example/a", DAM.split(". The water")[0] + "."),
    ("07-dam.json", "2025-03-11", "https://water.example/a", DAM),
    ("08-arrest.json", "2025-03-13", "https://court.example/a", ARREST),
    ("09-reprint-again.json", "2025-03-14", "https://late.example/a", FIRE + " " + QUOTE + " Coastal Times."),
    ("10-strike-same-day.json", "2025-03-13", "https://other.example/a", STRIKE.replace("Monday", "Tuesday")),
]
EXPECTED = {
    "02-fire-reprint.json": "01-fire.json",
    "03-fire-excerpt.json": "01-fire.json",
    "05-strike-near.json": "04-strike.json",
    "09-reprint-again.json": "01-fire.json",  # at the original, never at the reprint
    "10-strike-same-day.json": "04-strike.json",
}


def _write(folder: Path) -> None:
    folder.mkdir()
    for name, published, url, text in ARTICLES:
        title = text.split(",")[0][:60]
        record = {"title": title, "text": text, "url": url, "published": published, "outlet": url[8:]}
        (folder / name).write_text(json.dumps(record), encoding="utf-8")


def _name(path: str | None) -> str:
    return Path(path or "").name


def test_brief_and_store_mark_the_same_copies(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    _write(folder)

    told = brief(folder, group=False)
    by_id = {s.id: _name(s.path) for s in told.sources}
    in_brief = {_name(s.path): by_id[s.duplicate_of] for s in told.sources if s.duplicate_of}
    assert in_brief == EXPECTED

    db = tmp_path / "store.db"
    report = ingest(folder, db)
    assert report.added == len(ARTICLES) and report.copies == len(EXPECTED)
    with open_store(db, readonly=True) as store:
        stored = [a for story in store.stories() for a in store.story_articles(story.id)]
        stories = [story.id for story in store.stories()]
    path_of = {a.id: _name(a.article.raw.path) for a in stored}
    in_store = {path_of[a.id]: path_of[a.duplicate_of] for a in stored if a.duplicate_of is not None}
    assert in_store == EXPECTED

    # the brief of each stored story carries the store's marks
    shown: dict[str, str] = {}
    for story_id in stories:
        sources = brief_story(story_id, db).sources
        ids = {s.id: _name(s.path) for s in sources}
        shown.update({_name(s.path): ids[s.duplicate_of] for s in sources if s.duplicate_of})
    assert shown == EXPECTED


def test_a_new_revision_is_not_a_copy_of_its_older_self(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n, (published, text) in enumerate([("2025-03-11", FIRE), ("2025-03-12", FIRE + " Updated at noon.")]):
        record = {"text": text, "url": "https://wire.example/fire?utm_source=x", "published": published}
        (folder / f"{n}.json").write_text(json.dumps(record), encoding="utf-8")
    db = tmp_path / "store.db"
    report = ingest(folder, db)
    assert report.revisions == 1 and report.copies == 0


def test_the_store_marks_the_same_copies_across_restarts(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    _write(folder)
    db = tmp_path / "store.db"
    files = sorted(folder.iterdir())
    for part in (files[:4], files[4:8], files[8:]):  # three ingests: the grouper restored twice
        ingest(part, db)
    with open_store(db, readonly=True) as store:
        stored = [a for story in store.stories() for a in store.story_articles(story.id)]
    path_of = {a.id: _name(a.article.raw.path) for a in stored}
    assert {path_of[a.id]: path_of[a.duplicate_of] for a in stored if a.duplicate_of} == EXPECTED
