"""What tests/localhttp.py cannot script, on raw sockets bound to 127.0.0.1: a server dripping its
headers, one closing the connection without an answer, one answering garbage."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from newsfuse.fetch import Fetcher, FetchError
from tests.unit.fetch.conftest import fast

Answer = Callable[[socket.socket, bytes], bool]  # sends its answer; False: close the connection
Start = Callable[[Answer], tuple[str, list[bytes]]]


@pytest.fixture
def raw_server() -> Iterator[Start]:
    """`start(answer)` -> (origin, request lines seen): robots.txt is answered 404, every other
    request by `answer`."""
    listeners: list[socket.socket] = []

    def start(answer: Answer) -> tuple[str, list[bytes]]:
        seen: list[bytes] = []
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listeners.append(listener)

        def connection(conn: socket.socket) -> None:
            with conn:
                try:
                    while request := conn.recv(65536):
                        seen.append(request.split(b"\r\n", 1)[0])
                        if b" /robots.txt " in request:
                            conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                        elif not answer(conn, request):
                            return
                except OSError:
                    return

        def accept() -> None:
            while True:
                try:
                    conn, _ = listener.accept()
                except OSError:
                    return
                threading.Thread(target=connection, args=(conn,), daemon=True).start()

        threading.Thread(target=accept, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}", seen

    yield start
    for listener in listeners:
        listener.close()


def test_a_server_dripping_its_headers_is_cut_off_at_the_deadline(raw_server: Start) -> None:
    def drip(conn: socket.socket, request: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        for _ in range(100):  # a header line every 0.1 s: each read is within fetch_timeout
            conn.sendall(b"X-Filler: still here\r\n")
            time.sleep(0.1)
        return False

    origin, seen = raw_server(drip)
    with Fetcher(fast(fetch_timeout=0.5)) as f, pytest.raises(FetchError) as caught:
        f.get(origin + "/slow-headers")
    assert caught.value.problem == "server too slow (response not complete in 1 s; setting fetch_timeout)"
    assert seen == [b"GET /robots.txt HTTP/1.1", b"GET /slow-headers HTTP/1.1"]


def test_a_connection_closed_without_an_answer_is_retried(raw_server: Start) -> None:
    answers = iter([b"", b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"])

    def flaky(conn: socket.socket, request: bytes) -> bool:
        reply = next(answers)
        conn.sendall(reply)
        return bool(reply)

    origin, seen = raw_server(flaky)
    with Fetcher(fast(fetch_retries=1)) as f:
        assert f.get(origin + "/flaky").body == b"ok"
        assert f.requests_made == 3
    assert seen.count(b"GET /flaky HTTP/1.1") == 2


def test_a_cut_body_and_a_garbage_status_line_are_one_line_each(raw_server: Start) -> None:
    def short(conn: socket.socket, request: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")
        return False

    def garbage(conn: socket.socket, request: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 2x0 WHAT\r\n\r\n")
        return False

    (short_origin, _), (garbage_origin, seen) = raw_server(short), raw_server(garbage)
    with Fetcher(fast(fetch_retries=0)) as f:
        with pytest.raises(FetchError) as caught:
            f.get(short_origin + "/cut")
        assert caught.value.problem == "server closed the connection before its answer was complete"
        with pytest.raises(FetchError) as caught:
            f.get(garbage_origin + "/garbage")
        assert caught.value.problem.startswith("malformed HTTP answer (illegal status line")
        assert seen.count(b"GET /garbage HTTP/1.1") == 1  # not retried
