"""Two invented, unrelated stories told by three reports each, for tests of grouping in `brief`.

A warehouse fire in the town of Tallowford and a miners' strike at the Greyhollow colliery. Both
report people killed and injured, with different numbers: briefed as one story, the fire's dead
would be compared with the strike's and found to conflict.
"""

from __future__ import annotations

from pathlib import Path

FIRE = {
    "fire-1.txt": """Fire destroys paint warehouse in Tallowford

TALLOWFORD, 3 March 2025 - A fire tore through a paint warehouse on the Tallowford canal wharf on \
Monday night, killing two workers and injuring 14 people, the county fire service said.

Fire chief Orla Quennell said crews from four stations fought the blaze for nine hours before the \
roof of the Sedgebrook Coatings warehouse collapsed. Solvent drums exploded through the night.

Residents of the wharf streets were told to keep their windows shut because of the thick smoke.
""",
    "fire-2.txt": """Tallowford warehouse blaze: two dead, dozens of homes evacuated

TALLOWFORD, 4 March 2025 - Two workers died and 14 people were hurt when fire gutted the Sedgebrook \
Coatings paint warehouse on the canal wharf, fire chief Orla Quennell told reporters on Tuesday.

About 60 households near the wharf were evacuated overnight as solvent drums exploded, and the \
canal towpath stays closed while engineers check the warehouse walls.

The cause of the Tallowford fire is not yet known. Sedgebrook Coatings said it was helping the \
county fire service with its investigation.
""",
    "fire-3.txt": """Inquiry opens into Tallowford paint warehouse fire

TALLOWFORD, 5 March 2025 - Investigators began searching the burnt-out Sedgebrook Coatings warehouse \
on the Tallowford canal wharf on Wednesday, two days after the fire that killed two workers.

Eleven of the 14 people injured have left hospital, the county fire service said. Fire chief Orla \
Quennell said the blaze appeared to have started in a storeroom where solvent drums were kept.

The canal wharf will stay closed to the public until the walls of the warehouse are made safe.
""",
}

STRIKE = {
    "strike-1.txt": """Greyhollow miners walk out over pit safety

GREYHOLLOW, 10 June 2025 - About 900 miners at the Greyhollow colliery stopped work on Tuesday in a \
strike over safety underground, the Vennard Mineworkers' Union said.

Union leader Bram Tolliver said the pit owner, Harrowgate Minerals, had ignored warnings about \
flooding in the lower seams. Pickets gathered at the colliery gates before dawn.
""",
    "strike-2.txt": """One killed as police clear Greyhollow colliery picket

GREYHOLLOW, 11 June 2025 - One miner was killed and nine people were injured when police broke up a \
picket line at the gates of the Greyhollow colliery on Wednesday, the Vennard Mineworkers' Union said.

Police said 31 strikers were arrested. Union leader Bram Tolliver called the death an outrage and \
said the strike against Harrowgate Minerals would go on.
""",
    "strike-3.txt": """Greyhollow strike talks collapse as picket death is mourned

GREYHOLLOW, 12 June 2025 - Talks between Harrowgate Minerals and the Vennard Mineworkers' Union \
broke down on Thursday, a day after a miner was killed at the Greyhollow colliery picket line.

Union leader Bram Tolliver said the 900 miners on strike would not return to the pit until the \
flooded lower seams were made safe. Seven of the nine injured pickets remain in hospital.
""",
}


# the dateline of each report, for Markdown files whose front matter dates them
DATES = {
    "fire-1.txt": "2025-03-03",
    "fire-2.txt": "2025-03-04",
    "fire-3.txt": "2025-03-05",
    "strike-1.txt": "2025-06-10",
    "strike-2.txt": "2025-06-11",
    "strike-3.txt": "2025-06-12",
}


def write_stories(folder: Path, *, fire: int = 3, strike: int = 3, dated: bool = False) -> Path:
    """Write the first `fire` fire reports and `strike` strike reports into `folder`; return it.

    `dated`: as Markdown files (fire-1.md, ...) with a publication date in their front matter.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in [*list(FIRE.items())[:fire], *list(STRIKE.items())[:strike]]:
        if dated:
            title, body = text.split("\n\n", 1)
            text = f'---\ntitle: "{title}"\ndate: {DATES[name]}\n---\n\n# {title}\n\n{body}'
            name = name.replace(".txt", ".md")
        (folder / name).write_text(text, encoding="utf-8")
    return folder
