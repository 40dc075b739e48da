"""Per-host politeness: a cap on requests in flight, a minimum interval between starts, the
server's own Retry-After, and one cap over all hosts; every wait wakes early on a stop.

A host is an origin: (scheme, host name, port). A request takes a host place (at most
`fetch_host_concurrency` at once), then waits until the host's last start is `interval` ago
(`fetch_host_interval`, or the robots.txt Crawl-delay when larger) and any Retry-After has
passed, then takes one of the `fetch_concurrency` places over all hosts, and only then starts.
Starts are stamped under a lock after all waits, so two requests to a host never start closer
than the interval, whatever the other hosts are doing.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["HostGate", "Origin", "Waiter"]

Origin = tuple[str, str, int]  # scheme, host (lower-case), port
_TICK = 0.05  # seconds between looks at the stop flags while waiting


class Waiter:
    """Sleeps that end early when a stop is asked (the process's stop flag, the fetcher closing,
    a caller's event); `stopped` raises the caller's exception for that."""

    def __init__(self, events: list[threading.Event], stopped: Callable[[], Exception]) -> None:
        self._events = events
        self._stopped = stopped

    def check(self) -> None:
        from newsfuse.engine import stop  # here: the engine package imports the readers

        if stop.requested() is not None or any(event.is_set() for event in self._events):
            raise self._stopped()

    def sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while True:
            self.check()
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, _TICK))

    def wait_for(self, acquire: Callable[[float], bool]) -> None:
        """Retry `acquire(timeout)` until it succeeds, looking at the stop flags in between."""
        while True:
            self.check()
            if acquire(_TICK):
                return


@dataclass
class _Host:
    interval: float
    in_flight: int = 0
    last_start: float = float("-inf")
    not_before: float = 0.0  # a Retry-After in force
    blocked_until: float = 0.0  # a Retry-After longer than we wait: fail at once until then
    blocked_problem: str = ""


class HostGate:
    """The places and clocks of every host one fetcher talks to."""

    def __init__(self, *, interval: float, host_concurrency: int, concurrency: int) -> None:
        self._interval = interval
        self._host_cap = max(1, host_concurrency)
        self._all = threading.BoundedSemaphore(max(1, concurrency))
        self._lock = threading.Condition()
        self._hosts: dict[Origin, _Host] = {}

    def _host(self, origin: Origin) -> _Host:
        host = self._hosts.get(origin)
        if host is None:
            host = self._hosts[origin] = _Host(self._interval)
        return host

    def set_interval(self, origin: Origin, seconds: float) -> None:
        """A larger interval for one host (a robots.txt Crawl-delay); never below the setting."""
        with self._lock:
            self._host(origin).interval = max(self._interval, seconds)

    def hold_off(self, origin: Origin, seconds: float) -> None:
        """No new request to this host for `seconds` (the server's Retry-After, or our backoff)."""
        with self._lock:
            host = self._host(origin)
            host.not_before = max(host.not_before, time.monotonic() + seconds)

    def block(self, origin: Origin, seconds: float, problem: str) -> None:
        """The server asked for a longer wait than we make: requests to it fail until then."""
        with self._lock:
            host = self._host(origin)
            host.blocked_until = max(host.blocked_until, time.monotonic() + seconds)
            host.blocked_problem = problem

    def next_start(self, origin: Origin) -> tuple[float, float]:
        """When a request to this host could start (monotonic clock), and the host's interval."""
        with self._lock:
            host = self._host(origin)
            return max(host.last_start + host.interval, host.not_before), host.interval

    def blocked(self, origin: Origin) -> str | None:
        with self._lock:
            host = self._host(origin)
            return host.blocked_problem if time.monotonic() < host.blocked_until else None

    @contextlib.contextmanager
    def slot(self, origin: Origin, waiter: Waiter) -> Iterator[None]:
        """Within: this request may be sent now (host place, interval and overall place held)."""
        with self._lock:
            host = self._host(origin)

        def host_place(timeout: float) -> bool:
            with self._lock:
                if host.in_flight < self._host_cap:
                    host.in_flight += 1
                    return True
                self._lock.wait(timeout)
                return False

        waiter.wait_for(host_place)
        try:
            while True:
                with self._lock:
                    wait = max(host.last_start + host.interval, host.not_before) - time.monotonic()
                if wait > 0:
                    waiter.sleep(wait)
                    continue
                waiter.wait_for(lambda timeout: self._all.acquire(timeout=timeout))
                with self._lock:
                    now = time.monotonic()
                    if now >= host.last_start + host.interval and now >= host.not_before:
                        host.last_start = now
                        break
                self._all.release()  # the host's other place started first: wait our turn again
            try:
                yield
            finally:
                self._all.release()
        finally:
            with self._lock:
                host.in_flight -= 1
                self._lock.notify_all()
