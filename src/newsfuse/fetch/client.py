"""The Fetcher: one httpx client, redirects followed one hop at a time, retries, robots.txt."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import queue
import threading
import time
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from newsfuse.config import Settings
from newsfuse.fetch.exchange import Answer, NetworkCut, fetched, header_value, hide_location, send
from newsfuse.fetch.politeness import HostGate, Origin, Waiter
from newsfuse.fetch.result import Fetched, FetchError, FetchRequest, one_line
from newsfuse.fetch.robots import PARSE_LIMIT, Robots, parse_robots
from newsfuse.fetch.transport import DeadlineTransport
from newsfuse.fetch.urls import loop_key, origin_of, origin_or_none, parse_url

__all__ = ["Fetcher", "user_agent"]

ROBOTS_TTL = 24 * 3600.0  # a robots.txt read is trusted this long
ROBOTS_RETRY = 300.0  # an unreachable robots.txt (everything denied) is asked again after this
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_END = object()  # the end of get_many's input
LOOKAHEAD = 10_000  # requests get_many reads ahead of the fetches (a few hundred bytes each)
PACE_LEAD = 0.05  # seconds before a host's turn that a request is handed to a thread
READY = 64  # results get_many holds for a busy consumer (a cleaning chunk's worth; each within fetch_max_mb)


@dataclass(frozen=True)
class _Ended:
    """The end of get_many's results: the input's own error, if reading it raised one."""

    error: BaseException | None = None


def _put(ready: queue.Queue[Any], item: object, cancel: threading.Event) -> bool:
    """Hand `item` to the consumer, waiting while its queue is full; False once `cancel` is set."""
    while not cancel.is_set():
        try:
            ready.put(item, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


BACKOFF = 1.0  # first wait before a retry without Retry-After; doubled each time
DEFAULT_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.8"
)


def user_agent(settings: Settings) -> str:
    """`newsfuse/<version> (+<contact>)`, the contact from `user_agent_contact` when set."""
    import newsfuse

    version = getattr(newsfuse, "__version__", "0")
    contact = "".join(c for c in settings.user_agent_contact if " " <= c <= "~").strip()
    return f"newsfuse/{version} (+{contact})" if contact else f"newsfuse/{version}"


class Fetcher:
    """Fetches http(s) URLs politely (see the package docstring); thread-safe, a context manager.

    Nothing touches the network before the first `get`; `close()` (or leaving the `with`) ends
    the keep-alive connections and wakes every wait (those fetches fail as "stopped").
    `stop_event`, when given, does the same when set (e.g. a watch thread beside the web app).
    """

    def __init__(self, settings: Settings, *, stop_event: threading.Event | None = None) -> None:
        self._settings = settings
        self._events = [threading.Event()] + ([stop_event] if stop_event is not None else [])
        self._lock = threading.Lock()
        self._client: httpx.Client | None = None
        self._requests = 0
        self._gate = HostGate(
            interval=settings.fetch_host_interval,
            host_concurrency=settings.fetch_host_concurrency,
            concurrency=settings.fetch_concurrency,
        )
        self._robots: dict[Origin, tuple[Robots, float]] = {}
        self._robots_locks: dict[Origin, threading.Lock] = {}

    # --- the interface ---------------------------------------------------------------------
    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._events[0].set()
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far (robots.txt, redirects and retries included)."""
        with self._lock:
            return self._requests

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Fetched:
        """The response for `url` (after redirects), or a 304 when the validators still hold;
        raises FetchError."""
        return self._get(FetchRequest(url, etag, last_modified, accept), None)

    def get_many(
        self, requests: Iterable[FetchRequest | str]
    ) -> Iterator[tuple[FetchRequest, Fetched | FetchError]]:
        """Fetch concurrently, yielding (request, result) as each completes.

        At most `fetch_concurrency` run at once, and only as many per host as the host cap allows,
        so one slow host does not take every thread. The input is read ahead up to `LOOKAHEAD`
        requests into one queue per host, and the hosts take turns: a feed's twenty pages on one
        site never hold back the next feed's pages on another (a window of a few dozen requests
        held two or three hosts at a time and made a watch's first poll 3× slower than its pacing).

        The fetching is scheduled by a thread of its own, which keeps up to `READY` results waiting:
        a consumer busy with what it got (a watch cleaning a chunk of articles) does not hold the
        fetches back, so fetching and processing overlap instead of taking turns.
        Raises `Stopped` between two results when the process is asked to stop.
        """
        from newsfuse.engine import stop

        ready: queue.Queue[tuple[FetchRequest, Fetched | FetchError] | _Ended] = queue.Queue(READY)
        cancel = threading.Event()
        producer = threading.Thread(
            target=self._produce, args=(requests, ready, cancel), name="newsfuse-fetch-schedule", daemon=True
        )
        producer.start()
        try:
            while True:
                stop.check()
                try:
                    item = ready.get(timeout=0.2)
                except queue.Empty:
                    continue
                if isinstance(item, _Ended):
                    if item.error is not None:
                        raise item.error
                    return
                stop.check()
                yield item
        finally:
            cancel.set()
            producer.join()  # the fetches under way end at their next wait (or deadline)

    def _produce(
        self,
        requests: Iterable[FetchRequest | str],
        ready: queue.Queue[tuple[FetchRequest, Fetched | FetchError] | _Ended],
        cancel: threading.Event,
    ) -> None:
        """`get_many`'s scheduling thread: results into `ready`, then an `_Ended` (with the input's
        error, if reading it failed); gives up as soon as `cancel` is set."""
        end = _Ended()
        try:
            with contextlib.closing(self._schedule(requests, cancel)) as results:
                for result in results:
                    if not _put(ready, result, cancel):
                        return
        except BaseException as exc:  # the caller's input failed: raised again in the caller's thread
            end = _Ended(exc)
        _put(ready, end, cancel)

    def _schedule(
        self, requests: Iterable[FetchRequest | str], cancel: threading.Event
    ) -> Generator[tuple[FetchRequest, Fetched | FetchError], None, None]:
        """The fetches of `requests`, per-host queues taking turns, yielded as they complete."""
        settings = self._settings
        workers = max(1, settings.fetch_concurrency)
        host_cap = max(1, settings.fetch_host_concurrency)
        source = iter(requests)
        queues: dict[Origin | None, deque[FetchRequest]] = {}  # per host, hosts in order of arrival
        buffered = 0
        running: dict[Future[Fetched | FetchError], tuple[FetchRequest, Origin | None]] = {}
        per_host: Counter[Origin | None] = Counter()
        exhausted = False
        planned: dict[Origin, float] = {}  # per host: when the request handed out last may start next
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsfuse-fetch")
        try:
            while not cancel.is_set():
                while not exhausted and buffered < LOOKAHEAD:
                    item = next(source, _END)
                    if item is _END:
                        exhausted = True
                    else:
                        request = item if isinstance(item, FetchRequest) else FetchRequest(str(item))
                        queues.setdefault(origin_or_none(request.url), deque()).append(request)
                        buffered += 1
                now = time.monotonic()
                soonest = now + 0.2
                for origin in list(queues):  # each host in turn, up to its cap, when its turn comes
                    waiting = queues[origin]
                    room = host_cap if origin is not None else workers
                    while waiting and len(running) < workers and per_host[origin] < room:
                        if origin is not None:  # a thread is handed a request only when it may start
                            start, interval = self._gate.next_start(origin)
                            start = max(start, planned.get(origin, start))
                            if start > now + PACE_LEAD:
                                soonest = min(soonest, start)
                                break
                            planned[origin] = max(start, now) + interval
                        request = waiting.popleft()
                        buffered -= 1
                        per_host[origin] += 1
                        running[pool.submit(self._result, request, cancel)] = (request, origin)
                    if not waiting:
                        del queues[origin]
                    if len(running) >= workers:
                        break
                if not running and not queues:
                    break
                if not running:  # every host waits out its interval
                    cancel.wait(max(0.0, soonest - time.monotonic()))
                    continue
                done, _ = wait(running, timeout=max(0.005, soonest - now), return_when=FIRST_COMPLETED)
                for future in done:
                    request, origin = running.pop(future)
                    per_host[origin] -= 1
                    yield request, future.result()
        finally:  # abandoned (`cancel` set by the consumer): the fetches under way end at their next wait
            pool.shutdown(wait=True, cancel_futures=True)

    # --- one URL ---------------------------------------------------------------------------
    def _result(self, request: FetchRequest, cancel: threading.Event) -> Fetched | FetchError:
        try:
            return self._get(request, cancel)
        except FetchError as error:
            return error

    def _get(self, request: FetchRequest, cancel: threading.Event | None) -> Fetched:
        url = request.url
        waiter = Waiter(
            self._events + ([cancel] if cancel is not None else []), lambda: FetchError(url, "stopped")
        )
        try:
            return self._follow(request, waiter)
        except FetchError:
            raise
        except Exception as exc:  # a malformed URL, header or status is one bad input, never a crash
            raise FetchError(url, f"unexpected failure ({type(exc).__name__}: {exc})") from exc

    def _follow(self, request: FetchRequest, waiter: Waiter) -> Fetched:
        settings, url = self._settings, request.url
        target = parse_url(url, url, "")
        headers = self._headers(request)
        seen = {loop_key(target)}
        for hop in range(settings.fetch_max_redirects + 1):
            at = "" if hop == 0 else f" (redirected to {one_line(str(target), 200)})"
            origin = origin_of(target)
            robots = self._robots_for(origin, target, waiter)
            if not robots.allowed(target.raw_path.decode("ascii", "replace")):
                if robots.unreachable:  # the site does not answer: say so, not "disallowed"
                    raise FetchError(url, f"{robots.unavailable}{at}")
                why = f" ({robots.unavailable})" if robots.unavailable else ""
                raise FetchError(url, f"disallowed by robots.txt{why}{at}")
            answer = self._exchange(target, headers, waiter, url, settings.fetch_max_bytes)
            if answer.status in REDIRECTS:
                location = answer.location
                if not location:
                    raise FetchError(
                        url, f"{answer.status_line}: a redirect without a Location{at}", status=answer.status
                    )
                target_next = parse_url(location, url, at, base=target)
                key = loop_key(target_next)
                if key in seen:
                    raise FetchError(url, "redirect loop" + at)
                if hop == settings.fetch_max_redirects:
                    break
                seen.add(key)
                target = target_next
                continue
            if answer.status == 304 or 200 <= answer.status < 300:
                return fetched(request, answer)
            tries = f" after {answer.tries} tries (setting fetch_retries)" if answer.tries > 1 else ""
            raise FetchError(
                url,
                f"{answer.status_line}{tries}{at}",
                status=answer.status,
                retry_after=answer.retry_after(),
            )
        raise FetchError(url, f"over {settings.fetch_max_redirects} redirects (setting fetch_max_redirects)")

    def _headers(self, request: FetchRequest) -> dict[str, str]:
        headers = {
            "User-Agent": user_agent(self._settings),
            "Accept-Encoding": "gzip, deflate, br" if _has_brotli() else "gzip, deflate",
            "Accept": header_value(request.accept) or DEFAULT_ACCEPT,
        }
        etag, modified = header_value(request.etag), header_value(request.last_modified)
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return headers

    # --- one exchange, with retries --------------------------------------------------------
    def _exchange(
        self,
        target: httpx.URL,
        headers: dict[str, str],
        waiter: Waiter,
        shown: str,
        limit: int,
        *,
        truncate: bool = False,
        retries: int | None = None,
    ) -> Answer:
        """One request and its retries (429/5xx, a broken connection); never a timeout retried."""
        settings = self._settings
        retries = settings.fetch_retries if retries is None else retries
        origin = origin_of(target)
        attempt = 0
        while True:
            blocked = self._gate.blocked(origin)
            if blocked:
                raise FetchError(shown, blocked)
            client = self._http()  # made before the start is stamped: its set-up is no request's time
            if client is None:
                raise FetchError(shown, "stopped")
            cut: NetworkCut | None = None
            with self._gate.slot(origin, waiter):
                with self._lock:
                    self._requests += 1
                try:
                    answer = send(
                        client, target, headers, shown, limit, settings.fetch_timeout, truncate=truncate
                    )
                except NetworkCut as exc:
                    cut = exc
            if cut is None and answer.status not in RETRY_STATUSES:
                return answer
            asked = None if cut is not None else answer.retry_after()
            if asked is not None and asked > settings.fetch_max_wait:
                problem = (
                    f"{answer.status_line}: the server asks to wait {asked:.0f} s (Retry-After), "
                    f"over fetch_max_wait ({settings.fetch_max_wait:g} s)"
                )
                self._gate.block(origin, asked, problem)
                raise FetchError(shown, problem, status=answer.status, retry_after=asked)
            if asked is not None:
                self._gate.hold_off(origin, asked)
            if attempt >= retries:
                if cut is not None:
                    tries = f" after {attempt + 1} tries" if attempt else ""
                    raise FetchError(shown, cut.problem + tries)
                return Answer(
                    answer.url, answer.status, answer.reason, answer.headers, answer.body, attempt + 1
                )
            if asked is None:
                self._gate.hold_off(origin, min(BACKOFF * 2**attempt, settings.fetch_max_wait))
            attempt += 1

    def _http(self) -> httpx.Client | None:
        """The client, made at the first request; None once the fetcher is closed."""
        with self._lock:
            if self._events[0].is_set():
                return None
            if self._client is None:
                timeout = self._settings.fetch_timeout
                concurrency = max(1, self._settings.fetch_concurrency)
                self._client = httpx.Client(
                    transport=DeadlineTransport(
                        max_connections=concurrency + 4, keepalive=concurrency, keepalive_expiry=15.0
                    ),
                    timeout=httpx.Timeout(timeout),
                    follow_redirects=False,
                    event_hooks={"response": [hide_location]},
                    trust_env=False,
                )
            return self._client

    # --- robots.txt --------------------------------------------------------------------------
    def _robots_for(self, origin: Origin, target: httpx.URL, waiter: Waiter) -> Robots:
        """The origin's robots.txt rules, read once per ROBOTS_TTL (one reader at a time)."""
        with self._lock:
            cached = self._robots.get(origin)
            if cached is not None and cached[1] > time.monotonic():
                return cached[0]
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        waiter.wait_for(lambda timeout: lock.acquire(timeout=timeout))
        try:
            with self._lock:
                cached = self._robots.get(origin)
            if cached is not None and cached[1] > time.monotonic():
                return cached[0]
            robots = self._read_robots(target, waiter)
            if robots.unavailable is not None and cached is not None and cached[0].unavailable is None:
                robots = cached[0]  # RFC 9309: a cached copy may stand in for an unreachable file
            ttl = ROBOTS_TTL if robots.unavailable is None else ROBOTS_RETRY
            with self._lock:
                self._robots[origin] = (robots, time.monotonic() + ttl)
            if robots.crawl_delay:
                self._gate.set_interval(origin, min(robots.crawl_delay, self._settings.fetch_max_wait))
            return robots
        finally:
            lock.release()

    def _read_robots(self, target: httpx.URL, waiter: Waiter) -> Robots:
        """4xx: everything allowed; 5xx, 429 or no answer: everything denied for now (RFC 9309)."""
        url = target.join("/robots.txt")
        headers = self._headers(FetchRequest(str(url), accept="text/plain,*/*;q=0.5"))
        try:
            for _ in range(max(5, self._settings.fetch_max_redirects) + 1):
                answer = self._exchange(url, headers, waiter, str(url), PARSE_LIMIT, truncate=True, retries=0)
                if 200 <= answer.status < 300:
                    return parse_robots(answer.body)
                location = answer.location
                if answer.status in REDIRECTS and location:
                    url = parse_url(location, str(url), "", base=url)
                    continue
                if 300 <= answer.status < 500 and answer.status != 429:
                    return Robots.allow_all()  # unavailable (4xx, a redirect nowhere): no rules
                return Robots.deny_all(f"robots.txt answered {answer.status_line}")
        except FetchError as error:
            if error.problem == "stopped":
                raise
            if "only http and https" in error.problem or "malformed URL" in error.problem:
                return Robots.allow_all()  # a redirect nowhere: robots.txt unavailable
            return Robots.deny_all(error.problem, unreachable=True)
        return Robots.allow_all()  # too many redirects: unavailable, as RFC 9309 reads it


@functools.cache
def _has_brotli() -> bool:
    """Whether `br` can be offered in Accept-Encoding (the brotli package is importable)."""
    return importlib.util.find_spec("brotli") is not None
