"""https through the fetcher's own transport (TLS started inside the deadline-keeping streams), on
127.0.0.1 with a certificate made for the test by the openssl command."""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.fetch import Fetcher, FetchError
from tests.unit.fetch.conftest import fast


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = b"" if self.path == "/robots.txt" else b"over tls"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(origin, certificate file) of an https server on 127.0.0.1 with a self-signed certificate."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_an_untrusted_certificate_is_one_line(tls_server: tuple[str, Path]) -> None:
    origin, _ = tls_server
    with Fetcher(fast()) as f, pytest.raises(FetchError) as caught:
        f.get(origin + "/page")
    assert caught.value.problem.startswith("TLS certificate not trusted (self-signed certificate")


def test_a_trusted_certificate_fetches_over_tls(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    origin, cert = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # read by httpx's TLS context, as for a company's own CA
    with Fetcher(fast()) as f:
        assert f.get(origin + "/page").body == b"over tls"
        assert f.requests_made == 2
