"""The newsfuse exception tree.

    NewsfuseError                 anything newsfuse raises on purpose
    ├── InputError                one input (file, record, stdin) could not be read; the batch goes on
    ├── NoArticlesError           nothing usable was found in any input
    ├── StoreBusyError            another process holds the store's writer lock
    └── ModelMissingError         a spaCy pipeline newsfuse needs is not installed

Bad input is expected, not exceptional: ingest *yields* an `InputError` for each bad file or
record instead of raising it, so one broken file never costs the good ones. Its `str()` is the
one line the CLI prints: "path: problem".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsfuse.models import RawArticle


class NewsfuseError(Exception):
    """Base class of every error newsfuse raises on purpose."""


class InputError(NewsfuseError):
    """One input could not be turned into an article."""

    def __init__(self, path: str, problem: str, record: int | None = None) -> None:
        from newsfuse.models import display_safe  # a file name that is not UTF-8 is printed, stored

        self.path = display_safe(path)
        self.problem = display_safe(problem)
        self.record = record
        super().__init__(str(self))

    @property
    def where(self) -> str:
        """The file, with the record's line or index when the file holds many articles."""
        return self.path if self.record is None else f"{self.path}:{self.record}"

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        # pickled whole (not as `args`), so a worker process can hand one back to the driver
        return (InputError, (self.path, self.problem, self.record))


class NoArticlesError(NewsfuseError):
    """No input yielded an article, so there is nothing to brief."""


class StoreBusyError(NewsfuseError):
    """Another process is writing to the store (it holds the writer lock): try again later."""


class ModelMissingError(NewsfuseError):
    """A spaCy pipeline that newsfuse needs is not installed."""


def processing_failed(raw: RawArticle, error: BaseException) -> InputError:
    """The problem standing for an article whose processing raised (one article, not its batch)."""
    problem = f"could not be processed ({type(error).__name__}: {error})"
    return InputError(raw.path or "-", problem, raw.record)
