"""A store of four invented stories for the story list's tests (sort, filter, page, export).

Built for real: the files are ingested into SQLite, then briefs are kept for three stories with
the facts the list shows (`Store.keep_brief`): briefing them with spaCy would take a minute and
say nothing more about the list.

- fire (Tallowford, 3-5 Mar 2025, English): 3 reports and a reprint (a copy); kept brief: 2 conflicts.
- strike (Greyhollow, 10-11 Jun 2025, English): 2 reports; kept brief: figures compared, they agree.
- usine (Montclervin, French plain text: no metadata date): 2 reports; kept brief dated 8-9 Apr
  2025 from the text, no figures.
- lighthouse (one English report whose title starts with "="): never briefed, undated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import newsfuse
from newsfuse import __version__
from newsfuse.config import Settings
from newsfuse.store import BriefFacts, open_store
from tests.two_stories import write_stories

USINE = {
    "usine-1.txt": """Incendie dans une usine de papier à Montclervin

Un incendie a ravagé dans la nuit de lundi à mardi une usine de papier de Montclervin, selon les \
pompiers du département. Le feu a pris dans un entrepôt de bobines.

Le maire de Montclervin, Aurélien Brossard, a demandé aux habitants du quartier de la gare de garder \
leurs fenêtres fermées à cause de la fumée épaisse qui recouvre la ville.
""",
    "usine-2.txt": """Montclervin : l'usine de papier détruite par les flammes

Le feu a détruit l'usine de papier de Montclervin, a indiqué mardi le maire Aurélien Brossard devant \
la presse. Les pompiers ont lutté toute la nuit contre les flammes.

La cause de l'incendie de Montclervin reste inconnue et une enquête a été ouverte par la gendarmerie \
du département.
""",
}

LIGHTHOUSE_TITLE = '=HYPERLINK("http://evil.example","click") Lighthouse keeper retires'
LIGHTHOUSE = f"""{LIGHTHOUSE_TITLE}

The keeper of the Carrowmere lighthouse, Edwin Lusk, climbed its 212 steps for the last time on \
Friday after forty years of service on the headland.

Lusk said the automated lamp installed last spring would keep the ships of the bay safe without him.
"""


@dataclass(frozen=True)
class ListStore:
    db: Path
    fire: int
    strike: int
    usine: int
    lighthouse: int


def build_list_store(folder: Path) -> ListStore:
    """Write the inputs under `folder`, ingest them into `folder/list.db`, keep three briefs' facts."""
    inputs = write_stories(folder / "in", fire=3, strike=2, dated=True)
    fire_1 = (inputs / "fire-1.md").read_text(encoding="utf-8")
    (inputs / "fire-4-reprint.md").write_text(fire_1 + "\nWharf Weekly\n", encoding="utf-8")
    for name, text in USINE.items():
        (inputs / name).write_text(text, encoding="utf-8")
    (inputs / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    db = folder / "list.db"
    report = newsfuse.ingest(inputs, db)
    assert (report.new_stories - report.merges, report.copies) == (4, 1), report
    key = Settings().fingerprint()
    with open_store(db) as store, store.writer():
        by_title = {s.title or "": s for s in store.stories()}

        def story(word: str) -> newsfuse.StoredStory:
            (found,) = [s for t, s in by_title.items() if word in t]
            return found

        fire, strike, usine, lighthouse = (
            story("Tallowford"),
            story("Greyhollow"),
            story("Montclervin"),
            story("Lighthouse"),
        )
        kept = {
            fire: (2, BriefFacts(None, None, "killed 2 (county fire service, 5 Mar)", ("Tallowford",), 6, 3)),
            strike: (0, BriefFacts(None, None, "killed 1 (union, 11 Jun)", ("Greyhollow",), 4, 2)),
            usine: (0, BriefFacts(dt.date(2025, 4, 8), dt.date(2025, 4, 9), None, ("Montclervin",), 0, 0)),
        }
        for s, (conflicts, facts) in kept.items():
            store.keep_brief(s.id, key, s.state, __version__, "{}", conflicts, facts)
    return ListStore(db, fire.id, strike.id, usine.id, lighthouse.id)
