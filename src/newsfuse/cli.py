"""The `newsfuse` command: parse, call the api, print. No logic of its own."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsfuse import __version__
from newsfuse.config import Settings, SettingsError, load_settings
from newsfuse.errors import InputError, NewsfuseError
from newsfuse.models import Brief
from newsfuse.render import Format, format_for, render

if TYPE_CHECKING:
    from newsfuse.store import Store

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="newsfuse: one brief a reader can trust from many news articles about a developing story.",
)


def _say(message: str, *, error: bool = False) -> None:
    """One line on stderr, coloured only on a terminal; never interpreted as markup."""
    prefix = "newsfuse: error: " if error else "newsfuse: "
    if sys.stderr.isatty() and not os.environ.get("NO_COLOR"):
        colour = "\033[31m" if error else "\033[2m"
        print(f"{colour}{prefix}\033[0m{message}", file=sys.stderr)
    else:
        print(f"{prefix}{message}", file=sys.stderr)


def _settings(pairs: list[str] | None, file: Path | None = None) -> Settings:
    """Settings from a `--settings FILE` (TOML) overridden by repeated `--setting NAME=VALUE` options."""
    try:
        return load_settings(file, pairs or ())
    except SettingsError as exc:
        raise typer.BadParameter(str(exc), param_hint="--settings" if exc.in_file else "--setting") from None


# options several commands share, declared once
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the brief to FILE (.md, .html or .json).")
]
FormatName = Annotated[
    str | None, typer.Option("--format", "-f", help="md, html or json (default: from -o's suffix, else md).")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or notes; errors only.")]
SettingPairs = Annotated[
    list[str] | None,
    typer.Option(
        "--setting", "-s", help="Override a setting: NAME=VALUE (repeatable; wins over --settings)."
    ),
]
SettingsFile = Annotated[
    Path | None,
    typer.Option(
        "--settings",
        help="A TOML file of settings (partial: it overrides only the defaults it names; "
        "`newsfuse settings --toml` writes a complete one).",
        envvar="NEWSFUSE_SETTINGS",
        show_envvar=True,
    ),
]
StorePath = Annotated[Path, typer.Option("--db", help="The store file (`ingest` creates it when missing).")]
EngineChoice = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where the per-article work runs: local (worker processes on this machine) or ray "
        "(a Ray cluster; needs pip install 'newsfuse[ray]').",
    ),
]
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="local: worker processes (default: one per core; 1 = no pool). ray: CPUs of the local "
        "cluster, or actors on the --address cluster (default: its free CPUs).",
    ),
]
Address = Annotated[
    str | None,
    typer.Option(
        "--address", help="ray: the cluster to join, e.g. auto or ray://HOST:10001 (default: start one here)."
    ),
]


def _engine(name: str, workers: int | None, address: str | None) -> Any:
    """The engine the options ask for (a context manager that stops its workers)."""
    from newsfuse.engine import make_engine

    try:
        return make_engine(name.lower(), workers=workers, address=address)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--engine") from None


@app.command()
def brief(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files or folders (searched recursively); - reads standard input."),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the brief to FILE (.md, .html or .json; - for standard output). With "
            "--all-stories, story 1 goes to FILE, story 2 to FILE-2 (out.json, out-2.json, ...).",
        ),
    ] = None,
    fmt: FormatName = None,
    quiet: Quiet = False,
    setting: SettingPairs = None,
    settings_file: SettingsFile = None,
    summary_words: Annotated[
        int | None,
        typer.Option("--summary-words", min=1, help="Word budget of the summary (default 80)."),
    ] = None,
    all_stories: Annotated[
        bool,
        typer.Option(
            "--all-stories",
            help="When the inputs hold several stories, write one brief per story, largest first "
            "(needs -o FILE).",
        ),
    ] = False,
    one_story: Annotated[
        bool,
        typer.Option(
            "--one-story",
            help="Do not group: brief every input as one story (when you know they tell one story).",
        ),
    ] = False,
    engine: EngineChoice = "local",
    workers: Workers = None,
    address: Address = None,
) -> None:
    """Brief one story from the given articles: Markdown on the terminal by default.

    The articles are grouped into stories as `ingest` groups them. When they hold several, each
    is named on stderr and the largest is briefed (the brief lists the others, and never compares
    figures across stories); --all-stories writes one brief per story, --one-story turns grouping off.
    """
    from newsfuse.api import brief as make_brief
    from newsfuse.api import brief_stories

    chosen = _format(fmt, output)
    settings = _settings(setting, settings_file)
    if summary_words is not None:
        settings = dataclasses.replace(settings, summary_words=summary_words)
    if output is not None and str(output) == "-":
        output = None
    if all_stories and one_story:
        raise typer.BadParameter("cannot be combined with --all-stories", param_hint="--one-story")
    if all_stories and output is None:
        raise typer.BadParameter(
            "needs -o FILE: one file per story (story 1 to FILE, story 2 to FILE-2, ...)",
            param_hint="--all-stories",
        )
    if output is not None and not (output.parent if str(output.parent) else Path(".")).is_dir():
        raise NewsfuseError(f"{output}: cannot write, folder {output.parent} does not exist")

    def report(problem: InputError) -> None:
        _say(str(problem), error=True)

    with _notes(quiet), _engine(engine, workers, address) as runner, _progress(quiet) as progress:
        if all_stories:
            results = brief_stories(
                paths, settings=settings, on_problem=report, progress=progress, engine=runner
            )
        else:
            results = [
                make_brief(
                    paths,
                    settings=settings,
                    on_problem=report,
                    progress=progress,
                    engine=runner,
                    group=not one_story,
                )
            ]
    if not quiet:
        _say_stories(results)
    for n, result in enumerate(results, start=1):
        where = story_file(output, n) if output is not None else None
        _emit(result, chosen, where, quiet=quiet, what=f"story {n}, " if len(results) > 1 else "")


def story_file(output: Path, n: int) -> Path:
    """Where --all-stories writes story `n`: story 1 to `output`, story 2 to out-2.json, ..."""
    return output if n == 1 else output.with_name(f"{output.stem}-{n}{output.suffix}")


def _say_stories(briefs: list[Brief]) -> None:
    """One stderr line per story when the inputs held several: articles, title, which were briefed."""
    first = briefs[0]
    total = 1 + len(first.other_stories)
    if total == 1:
        return
    listed = [(len(b.sources), b.story.title, True) for b in briefs]
    listed += [(len(o.paths), o.title, False) for o in first.other_stories[len(briefs) - 1 :]]
    if len(briefs) == 1:
        _say(
            f"these inputs hold {total} stories: briefing the largest "
            "(--all-stories for one brief each, --one-story to brief them as one)"
        )
    else:
        _say(f"these inputs hold {total} stories: one brief each")
    for n, (articles, title, briefed) in enumerate(listed, start=1):
        mark = " (briefed)" if briefed and len(briefs) == 1 else ""
        _say(f"story {n}: {articles} article{'s' if articles != 1 else ''}{mark}: {' '.join(title.split())}")


def _emit(result: Brief, chosen: Format, output: Path | None, *, quiet: bool, what: str = "") -> None:
    """The brief to standard output, or to `output` with a one-line note."""
    text = render(result, chosen)
    if output is None:
        sys.stdout.write(text)
        return
    _write(output, text)
    if not quiet:
        _say(f"wrote {output} ({chosen}, {what}{len(result.sources)} sources)")


def _format(fmt: str | None, output: Path | None) -> Format:
    """The format asked for by -f, else by -o's suffix, else Markdown.

    An output file's suffix must name what it will hold: `-o brief.pdf` is refused (newsfuse
    writes Markdown, HTML or JSON), as is `-f json -o brief.md`; a name without a suffix takes -f.
    """
    chosen: Format | None = None
    if fmt is not None:
        key = fmt.lower().lstrip(".")
        key = {"markdown": "md", "htm": "html"}.get(key, key)
        if key not in ("md", "html", "json"):
            raise typer.BadParameter(f"{fmt!r}: choose md, html or json", param_hint="--format")
        chosen = key  # type: ignore[assignment]
    if output is None or str(output) == "-" or not output.suffix:
        return chosen or "md"
    by_name = format_for(str(output))
    if by_name is None:
        raise typer.BadParameter(
            f"{output}: newsfuse writes Markdown, HTML or JSON, not {output.suffix}: "
            "name the file .md, .html or .json",
            param_hint="--output",
        )
    if chosen is not None and chosen != by_name:
        raise typer.BadParameter(
            f"{output} names {by_name} but --format asks for {chosen}", param_hint="--output"
        )
    return by_name


def _write(path: Path, text: str) -> None:
    """Write atomically: a reader never sees half a brief."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise NewsfuseError(f"{path}: cannot write, folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Bar:
    """A rich progress bar on stderr, shown only on a terminal."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(
            TextColumn("{task.description:>8}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> _Bar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total)
        self._progress.update(self._tasks[stage], completed=done, total=total)


@contextmanager
def _notes(quiet: bool) -> Iterator[None]:
    """What the readers note in passing (a WARC file's skipped records…), one line each on stderr."""
    if quiet:
        yield
        return

    class Say(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            _say(record.getMessage())

    logger, handler = logging.getLogger("newsfuse"), Say(logging.INFO)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _progress(quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return nullcontext(None)
    return _Bar()


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files or folders (searched recursively); - reads standard input."),
    ],
    db: StorePath = Path("newsfuse.db"),
    quiet: Quiet = False,
    setting: SettingPairs = None,
    settings_file: SettingsFile = None,
    engine: EngineChoice = "local",
    workers: Workers = None,
    address: Address = None,
) -> None:
    """Add articles to the store: copies marked, each article put in a story (new or existing)."""
    from newsfuse.api import IngestReport
    from newsfuse.api import ingest as ingest_paths
    from newsfuse.engine.stop import Stopped, stop_signals

    settings = _settings(setting, settings_file)

    def report(problem: InputError) -> None:
        _say(str(problem), error=True)

    try:
        # SIGINT/SIGTERM: stop between two write transactions, workers closed (a second one: at once)
        with (
            stop_signals(),
            _notes(quiet),
            _engine(engine, workers, address) as runner,
            _progress(quiet) as progress,
        ):
            done = ingest_paths(
                paths, db, settings=settings, on_problem=report, progress=progress, engine=runner
            )
    except Stopped as stopped:
        so_far = stopped.report
        added = f"{so_far.added} added before the stop, " if isinstance(so_far, IngestReport) else ""
        _say(f"{db}: stopped by {stopped.name}: {added}run the same command again to finish", error=True)
        sys.exit(stopped.exit_code)
    if not quiet:
        _say(
            f"{db}: {done.added} added ({done.revisions} new revisions, {done.copies} copies), "
            f"{done.unchanged} already stored, {done.new_stories} new stories, {done.merges} merged, "
            f"{done.problems} skipped"
        )
    if done.read == 0 and done.problems:
        sys.exit(1)


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


@app.command()
def serve(
    db: StorePath = Path("newsfuse.db"),
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    get: Annotated[
        str | None,
        typer.Option("--get", help="Answer one GET request for PATH in-process, print the body, exit."),
    ] = None,
    warm: Annotated[
        bool, typer.Option("--warm/--no-warm", help="Brief the newest stories in the background.")
    ] = True,
    setting: SettingPairs = None,
    settings_file: SettingsFile = None,
    create: Annotated[
        bool, typer.Option("--create", help="Start an empty store when --db names no file yet.")
    ] = False,
    watch: Annotated[
        list[str] | None,
        typer.Option(
            "--watch",
            help="Also poll feeds beside the web app, as `newsfuse watch` does: a feed URL, OPML or file "
            "of URLs (repeatable; --watch '' polls the store's feeds).",
        ),
    ] = None,
) -> None:
    """Serve the web app and JSON API over the store (pages at /, the API under /api, docs at /docs)."""
    from newsfuse.web import answer_once, create_app, run

    settings = _settings(setting, settings_file)
    if not db.exists() and not create:
        raise NewsfuseError(
            f"{db}: no such store: fill one with `newsfuse ingest --db {db} FILES`, "
            "or add --create to serve an empty one"
        )
    if get is not None:
        status, body = answer_once(create_app(db, settings, warm=False), get)
        sys.stdout.buffer.write(body if body.endswith(b"\n") or not body else body + b"\n")
        sys.stdout.flush()
        if status >= 400:
            _say(f"GET {get}: HTTP {status}", error=True)
            sys.exit(1)
        return
    with cli_watch.watching(db, settings, watch):
        run(create_app(db, settings, warm=warm, watching=watch is not None), host, port)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the schema to FILE.")] = None,
) -> None:
    """Print the JSON Schema of a brief (schema_version 1)."""
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsfuse.invalid/schema/brief-1.json",
        **Brief.model_json_schema(mode="serialization"),
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text)


@app.command("settings")
def list_settings(
    toml: Annotated[
        bool,
        typer.Option(
            "--toml", help="Print a complete settings file: each setting commented out at its default."
        ),
    ] = False,
    setting: SettingPairs = None,
    settings_file: SettingsFile = None,
) -> None:
    """List every setting with its value (the default unless --settings or -s change it) and what it does."""
    from newsfuse.config import sections, settings_toml

    settings = _settings(setting, settings_file)
    if toml:
        sys.stdout.write(settings_toml(settings))
        return
    described = {name: (value, help_text) for name, value, help_text in settings.describe()}
    for number, (title, names) in enumerate(sections()):
        if number:
            print()
        print(f"# {title}")
        for name in names:
            value, help_text = described[name]
            print(f"{name} = {value!r}\n    {help_text}")


@app.command()
def version() -> None:
    """Print newsfuse's version."""
    print(__version__)


def find_story_number(store: Store, ref: str) -> int:
    """The stored story `ref` names: a story number, or a brief's `story-…` id (see `story_ids`)."""
    from newsfuse.story_ids import StoryRefError, resolve_story

    try:
        return resolve_story(store, ref)
    except StoryRefError as exc:
        raise NewsfuseError(f"{store.path}: {exc}") from None


from newsfuse import cli_watch as cli_watch  # noqa: E402  (the `watch` command)


def main() -> None:
    try:
        app(standalone_mode=False)
    except NewsfuseError as exc:
        _say(str(exc), error=True)
        sys.exit(1)
    except typer.Abort:
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        import click

        # typer >= 0.22 bundles its own copy of click, whose usage errors are not click's classes
        # but derive from typer.TyperException; missed, they ended as a traceback with status 1
        usage_errors = (click.ClickException, getattr(typer, "TyperException", click.ClickException))
        show = getattr(exc, "show", None)
        if isinstance(exc, usage_errors) and callable(show):
            show()
            sys.exit(getattr(exc, "exit_code", 2))
        raise
