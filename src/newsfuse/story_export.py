"""CSV (and row-shaped JSON) exports: the story list, and one story's figures, one row per claim.

CSV is UTF-8 with a header row, and safe to open in a spreadsheet: a cell that begins with
`=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that article text is never
read as a formula (OWASP's advice on CSV injection). Numbers stay numbers (they are not text).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsfuse.models import Brief

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

LIST_COLUMNS = (
    "id",
    "title",
    "first_seen",
    "last_seen",
    "dated_by",
    "key_figure",
    "places",
    "languages",
    "independent_sources",
    "copies",
    "articles",
    "claims",
    "comparisons",
    "conflicts",
    "figures",
    "page",
)

FIGURE_COLUMNS = (
    "claim",
    "source",
    "outlet",
    "label",
    "measure",
    "victims",
    "value_lo",
    "value_hi",
    "value_text",
    "place",
    "attributed_to",
    "reported",
    "status",
    "scope",
    "comparison",
    "verdict",
    "quote",
)


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: formula-looking strings get a leading `'`."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """A CSV document: the header, then each row's `columns` (lists joined by "; ", None empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        cells = []
        for name in columns:
            value = row.get(name)
            if isinstance(value, list | tuple):
                value = "; ".join(str(v) for v in value)
            cells.append("" if value is None else safe_cell(value))
        writer.writerow(cells)
    return out.getvalue()


def list_csv(document: Mapping[str, Any]) -> str:
    """The story list (`story_list.list_document`) as CSV, one row per story."""
    return csv_text(LIST_COLUMNS, document["stories"])


def figure_rows(brief: Brief) -> list[dict[str, Any]]:
    """One row per claim: its source (id, outlet, label), value, measure, victims, who said it, when,
    status, the comparison it is in (index into `comparisons`) and that comparison's verdict, quote."""
    from newsfuse.render.common import source_label

    sources = {s.id: s for s in brief.sources}
    compared: dict[str, int] = {}
    for n, comparison in enumerate(brief.comparisons):
        for claim_id in comparison.claims:
            compared.setdefault(claim_id, n)
    rows = []
    for claim in brief.claims:
        source = sources.get(claim.source)
        index = compared.get(claim.id)
        rows.append(
            {
                "claim": claim.id,
                "source": claim.source,
                "outlet": source.outlet if source else None,
                "label": source_label(source) if source else None,
                "measure": claim.measure,
                "victims": claim.victims,
                "value_lo": claim.value.lo,
                "value_hi": claim.value.hi,
                "value_text": claim.value.text,
                "place": claim.place,
                "attributed_to": claim.attributed_to,
                "reported": claim.reported.isoformat() if claim.reported else None,
                "status": claim.status,
                "scope": claim.scope,
                "comparison": index,
                "verdict": brief.comparisons[index].verdict if index is not None else None,
                "quote": claim.quote,
            }
        )
    return rows


def figures_csv(brief: Brief) -> str:
    return csv_text(FIGURE_COLUMNS, figure_rows(brief))


def download_name(stem: str, suffix: str) -> str:
    """A Content-Disposition value naming the file: ASCII letters, digits, - and _ only."""
    clean = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in stem)[:80] or "export"
    return f'attachment; filename="{clean}.{suffix}"'
