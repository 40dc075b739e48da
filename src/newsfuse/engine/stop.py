"""Stopping on request: SIGINT/SIGTERM turned into a flag that long loops check at safe points.

A command that writes (`newsfuse ingest`, a future `watch`) wraps its work in `stop_signals()`.
The first SIGINT or SIGTERM only sets the flag: the loop notices it at its next safe point
(`check()` between two write transactions, or before reading the next input) and raises
`Stopped`, so the store is left between transactions and the engine closes its workers. A second
signal raises `Stopped` at once, wherever the main thread is: an open transaction is rolled back
(`Store` rolls back on any exception), nothing half-written is committed.

Library code calls `check()` (or reads `requested()`); without `stop_signals()` around it the
flag is never set and both cost a dictionary look-up.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

__all__ = ["Stopped", "check", "request", "requested", "stop_signals"]

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_state: dict[str, int | None] = {"signal": None}  # the signal that asked to stop, if any


class Stopped(BaseException):
    """The process was asked to stop (a BaseException: no `except Exception` swallows it)."""

    def __init__(self, signum: int, report: object = None) -> None:
        self.signum = signum
        self.report = report  # what was done before the stop (e.g. an `IngestReport`), when known
        super().__init__(f"stopped by {self.name}")

    @property
    def name(self) -> str:
        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"

    @property
    def exit_code(self) -> int:
        """128 + the signal number, as a shell reports a process a signal ended."""
        return 128 + self.signum


def requested() -> int | None:
    """The signal that asked this process to stop, or None."""
    return _state["signal"]


def request(signum: int = signal.SIGTERM) -> None:
    """Ask the loops of this process to stop at their next safe point (as a first signal does)."""
    _state["signal"] = signum


def check() -> None:
    """Raise `Stopped` if a stop was requested: call it at safe points of a long loop."""
    signum = _state["signal"]
    if signum is not None:
        raise Stopped(signum)


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """Within: SIGINT and SIGTERM request a stop (the second one raises `Stopped` at once).

    Only the main thread can install handlers; elsewhere this does nothing. The handlers and
    the flag are restored on exit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if _state["signal"] is not None:
            raise Stopped(signum)
        _state["signal"] = signum

    previous = {s: signal.signal(s, handler) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)
        _state["signal"] = None
