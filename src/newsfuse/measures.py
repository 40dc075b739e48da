"""What a casualty figure counts: the one list of measures and victim classes every stage imports."""

from __future__ import annotations

from typing import Literal, get_args

# what happened to the people a figure counts, in the order a brief lists its key figures
Measure = Literal[
    "killed", "injured", "shot", "hospitalized", "intensive_care", "missing", "kidnapped", "arrested",
    "displaced", "evacuated", "other",
]  # fmt: skip
MEASURE_ORDER: tuple[str, ...] = tuple(m for m in get_args(Measure) if m != "other")  # key figures
VictimClass = Literal[
    "people", "civilians", "children", "protesters", "security_forces", "armed_group", "other"
]
