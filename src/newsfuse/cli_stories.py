"""`newsfuse stories` and `newsfuse show`: the stored stories, listed and briefed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsfuse.cli import (
    Address,
    EngineChoice,
    FormatName,
    Output,
    Quiet,
    SettingPairs,
    SettingsFile,
    StorePath,
    Workers,
    _emit,
    _engine,
    _format,
    _progress,
    _say,
    _settings,
    app,
)
from newsfuse.errors import NewsfuseError

if TYPE_CHECKING:
    from newsfuse.store import Store


@app.command()
def stories(
    db: StorePath = Path("newsfuse.db"),
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document: the list's one shape.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV, one row per story (as /stories.csv).")] = False,
    words: Annotated[
        str | None, typer.Option("--words", "-w", help="Words all found in a story's titles or texts.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Stories still reported on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Stories first reported on or before this date.")
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="A main place of the story contains this.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="An article is in this language (e.g. en).")
    ] = None,
    conflict: Annotated[
        str | None, typer.Option("--conflict", help="yes: its brief found conflicts; no: briefed, none.")
    ] = None,
    sort: Annotated[
        str, typer.Option("--sort", help="latest, earliest, sources (most first) or conflicts (most first).")
    ] = "latest",
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most N stories (500).")
    ] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip the first N.")] = 0,
    setting: SettingPairs = None,
    settings_file: SettingsFile = None,
) -> None:
    """List the stored stories, most recently active first: dates, key figure, sources, conflicts."""
    from newsfuse.api import list_stories
    from newsfuse.store import open_reader
    from newsfuse.story_export import list_csv
    from newsfuse.story_list import ListQueryError, parse_query

    if as_json and as_csv:
        raise typer.BadParameter("cannot be combined with --json", param_hint="--csv")
    params = {"q": words, "since": since, "until": until, "place": place, "lang": lang}
    params |= {"conflict": conflict, "sort": sort, "limit": str(limit or ""), "offset": str(offset or "")}
    try:
        query = parse_query(params)
    except ListQueryError as exc:
        name, _, message = str(exc).partition(": ")
        raise typer.BadParameter(message, param_hint=f"--{'words' if name == 'q' else name}") from None
    settings = _settings(setting, settings_file)
    if not db.exists():
        raise NewsfuseError(f"{db}: no such store (run `newsfuse ingest` first)")
    with open_reader(db) as store:
        document = list_stories(store, query, settings)
    if as_json:
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif as_csv:
        sys.stdout.write(list_csv(document))
    else:
        for item in document["stories"]:
            print(_story_line(item))
        if document["next"]:
            shown = query.offset + len(document["stories"])
            _say(f"{document['total']} stories in all: --offset {shown} for more")


def _story_line(item: dict[str, Any]) -> str:
    """One story as `newsfuse stories` prints it: id, sources, dates, badge, title, key figure."""
    span = f"{item['first_seen'] or '?'} → {item['last_seen'] or '?'}" if item["first_seen"] else "undated"
    conflicts = item["conflicts"]
    badge = (
        f"{conflicts} conflict{'s' * (conflicts != 1)}" if item["figures"] == "conflict" else item["figures"]
    )
    sources = f"{item['independent_sources']:>3} src"
    line = f"{item['id']:>6}  {sources}  {span:<25}  {badge:<13}  {item['title'] or ''}"
    return line + (f"  [{item['key_figure']}]" if item["key_figure"] else "")


@app.command()
def show(
    story: Annotated[
        str,
        typer.Argument(
            help="The story: its number as `newsfuse stories` lists it (12), or the id a brief "
            "of its articles gives (story-1a2b3c4d5e)."
        ),
    ],
    db: StorePath = Path("newsfuse.db"),
    output: Output = None,
    fmt: FormatName = None,
    quiet: Quiet = False,
    setting: SettingPairs = None,
    settings_file: SettingsFile = None,
    engine: EngineChoice = "local",
    workers: Workers = None,
    address: Address = None,
) -> None:
    """Brief one stored story (its current articles; the store's copies count once).

    The brief kept in the store for this state of the story is shown when there is one (as the
    web app keeps them); a brief made here is kept for the next time.
    """
    from newsfuse.api import story_brief
    from newsfuse.store import open_reader

    chosen = _format(fmt, output)
    settings = _settings(setting, settings_file)
    if not db.exists():
        raise NewsfuseError(f"{db}: no such store (run `newsfuse ingest` first)")
    with open_reader(db) as store:
        number = find_story_number(store, story)
    with _engine(engine, workers, address) as runner, _progress(quiet) as progress, open_reader(db) as store:
        result = story_brief(store, number, settings, engine=runner, progress=progress)
    _emit(result, chosen, output, quiet=quiet, what=f"story {number}, ")


def find_story_number(store: Store, ref: str) -> int:
    """The stored story `ref` names: a story number, or a brief's `story-…` id (see `story_ids`)."""
    from newsfuse.story_ids import StoryRefError, resolve_story

    try:
        return resolve_story(store, ref)
    except StoryRefError as exc:
        raise NewsfuseError(f"{store.path}: {exc}") from None
