"""Network failures in a few words, and whether one is worth a retry.

Retried: a connection the server broke or closed before its answer was complete (a stale
keep-alive connection, a reset). Not retried: timeouts (a server that hangs would cost
`fetch_retries` times `fetch_timeout`), refused connections and unknown hosts (they will not
change within seconds), TLS failures and malformed answers.
"""

from __future__ import annotations

import socket
import ssl

import httpcore
import httpx

from newsfuse.fetch.result import one_line

__all__ = ["network_problem"]


def network_problem(exc: BaseException, timeout: float, answered: bool) -> tuple[str, bool]:
    """(problem, retry) for an exception raised while sending a request or reading its answer."""
    causes = _chain(exc)
    if any(isinstance(c, (httpcore.ConnectTimeout, httpx.ConnectTimeout)) for c in causes):
        return f"server does not answer (no connection in {timeout:g} s; setting fetch_timeout)", False
    if any(isinstance(c, (httpcore.PoolTimeout, httpx.PoolTimeout)) for c in causes):
        return f"no free connection in {timeout:g} s (setting fetch_timeout)", False
    if any(isinstance(c, (httpcore.TimeoutException, httpx.TimeoutException, TimeoutError)) for c in causes):
        if answered:
            return f"server stopped sending (nothing received in {timeout:g} s; setting fetch_timeout)", False
        return f"server does not answer (no response in {timeout:g} s; setting fetch_timeout)", False
    if any(isinstance(c, socket.gaierror) for c in causes):
        return "host not found", False
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate not trusted ({one_line(cause.verify_message or str(cause), 100)})", False
        if isinstance(cause, ssl.SSLError):
            return f"TLS error ({one_line(cause.reason or str(cause), 100)})", False
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return "cannot connect (connection refused)", False
    if any(isinstance(c, (httpcore.ConnectError, httpx.ConnectError)) for c in causes):
        return f"cannot connect ({_words(exc)})", False
    if any(isinstance(c, ConnectionResetError) for c in causes):
        return "connection reset by the server", True
    if any(isinstance(c, (httpcore.RemoteProtocolError, httpx.RemoteProtocolError)) for c in causes):
        text = str(exc).lower()
        if "disconnect" in text or "closed" in text or "incomplete" in text:
            return "server closed the connection before its answer was complete", True
        return f"malformed HTTP answer ({_words(exc)})", False
    if any(
        isinstance(c, (httpcore.ReadError, httpcore.WriteError, httpx.ReadError, httpx.WriteError))
        for c in causes
    ):
        return f"connection broken ({_words(exc)})", True
    if any(
        isinstance(c, (httpcore.UnsupportedProtocol, httpcore.LocalProtocolError, httpx.InvalidURL))
        for c in causes
    ):
        return f"malformed URL or header ({_words(exc)})", False
    return f"fetch failed ({type(exc).__name__}: {_words(exc)})", False


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _words(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, OSError) and exc.errno is not None and exc.strerror:
        text = exc.strerror
    elif text.startswith("[Errno"):
        text = text.split("]", 1)[-1].strip()
    return one_line(text.lower() if text[:1].isupper() and not text[1:2].isupper() else text, 120)
