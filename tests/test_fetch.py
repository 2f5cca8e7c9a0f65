"""`briefing sources add URL` against a real HTTP server on 127.0.0.1 started by the test."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from conftest import run_cli
from source_documents import ARTICLE, build_pdf, cite_page_two

from briefing.ingest.extracted import IngestError
from briefing.ingest.fetch import download


class _Handler(BaseHTTPRequestHandler):
    pdf: bytes = b""

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", headers.pop("length", str(len(body))))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        routes = {
            "/report.pdf": lambda: self._send(200, self.pdf, "application/pdf"),
            "/statement": lambda: self._send(200, ARTICLE.encode(), "text/html; charset=utf-8"),
            "/moved": lambda: self._send(302, b"", "text/plain", Location="/report.pdf"),
            "/loop-a": lambda: self._send(302, b"", "text/plain", Location="/loop-b"),
            "/loop-b": lambda: self._send(302, b"", "text/plain", Location="/loop-a"),
            "/image.png": lambda: self._send(200, b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png"),
        }
        if self.path == "/host":              # echoes the Host header it received
            self._send(200, self.headers.get("Host", "").encode(), "text/plain")
        elif self.path in routes:
            routes[self.path]()
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, b"late", "text/plain")
        elif self.path == "/huge":            # says nothing of its size, then sends more than the cap
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"x" * 65536)
            except ConnectionError:           # the client stopped reading at its cap, as it should
                pass
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A local HTTP server; yields its base URL."""
    _Handler.pdf = build_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf").read_bytes()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_host_name_is_sent_to_the_checked_address(server: str) -> None:
    by_name = server.replace("127.0.0.1", "localhost")
    fetched = download(f"{by_name}/host", allow_private=True)
    assert fetched.raw.decode() == by_name.removeprefix("http://")


def test_redirect_is_followed_and_recorded(server: str) -> None:
    fetched = download(f"{server}/moved", allow_private=True)
    assert (fetched.url, fetched.kind, fetched.raw) == (f"{server}/report.pdf", "pdf", _Handler.pdf)


@pytest.mark.parametrize("path, kwargs, message", [
    ("/loop-a", {}, "redirects in a loop"),
    ("/missing", {}, "answered 404"),
    ("/slow", {"timeout": 0.5}, "did not answer within 0.5 s"),
    ("/huge", {"max_bytes": 1_000_000}, "more than 1,000,000 bytes"),
    ("/image.png", {}, "is image/png, not a web page"),
])
def test_bad_answers_are_clear_errors(server: str, path: str, kwargs: dict, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        download(server + path, allow_private=True, **kwargs)


@pytest.mark.parametrize("url", ["http://127.0.0.1/x", "http://localhost/x", "http://10.1.2.3/x",
                                 "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://192.168.0.1/"])
def test_private_addresses_refused_without_the_flag(url: str) -> None:
    with pytest.raises(IngestError, match="private, loopback or link-local"):
        download(url)


@pytest.mark.parametrize("url", ["ftp://example.org/x.pdf", "file:///etc/passwd", "javascript:alert(1)"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(IngestError, match="only http:// and https://"):
        download(url, allow_private=True)


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999/x", "http://exa mple.org/x"])
def test_malformed_addresses_are_clear_errors(url: str) -> None:
    with pytest.raises(IngestError):
        download(url, allow_private=True, timeout=2)


def test_add_url_records_url_and_retrieved_and_cites_page_two(server: str, tmp_path: Path) -> None:
    assert run_cli("init", "proj", cwd=tmp_path).returncode == 0
    project = tmp_path / "proj"
    refused = run_cli("sources", "add", f"{server}/moved", cwd=project)
    assert refused.returncode == 1 and "--allow-private" in refused.stdout
    result = run_cli("sources", "add", f"{server}/moved", "--allow-private", "--id", "report", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (project / "facts.yaml").read_text(encoding="utf-8")
    import datetime as dt
    assert f'url: "{server}/report.pdf"' in text and f"retrieved: {dt.date.today().isoformat()}" in text
    assert (project / "sources" / "report.pdf").read_bytes() == _Handler.pdf
    html = run_cli("sources", "add", f"{server}/statement", "--allow-private", cwd=project)
    assert html.returncode == 0 and (project / "sources" / "statement.html").read_bytes() == ARTICLE.encode()
    cite_page_two(project / "facts.yaml", "report")
    record = json.loads(run_cli("check", "--format", "json", cwd=project).stdout)
    assert record["ok"], record["findings"]
    assert record["facts"]["rubio-dar-call"]["citations"][0]["location"] == "page 2"
    for path in ("/missing", "/loop-a", "/image.png"):
        before = (project / "facts.yaml").read_bytes(), sorted((project / "sources").iterdir())
        failed = run_cli("sources", "add", server + path, "--allow-private", cwd=project)
        assert failed.returncode == 1 and "Nothing added" in failed.stdout
        assert ((project / "facts.yaml").read_bytes(), sorted((project / "sources").iterdir())) == before


def test_https_checks_the_certificate_of_the_host_name(tmp_path: Path) -> None:
    """Connecting to the checked address keeps TLS honest: SNI and the certificate check use the name."""
    import ssl

    import trustme

    authority = trustme.CA()
    certificate = authority.issue_cert("localhost")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(server_context)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.socket = server_context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        port = httpd.server_address[1]
        client_context = ssl.create_default_context()
        authority.configure_trust(client_context)
        fetched = download(f"https://localhost:{port}/statement", allow_private=True, verify=client_context)
        assert fetched.kind == "html" and fetched.raw == ARTICLE.encode()
        with pytest.raises(IngestError, match="cannot download"):   # the certificate does not name 127.0.0.1
            download(f"https://127.0.0.1:{port}/statement", allow_private=True, verify=client_context)
        with pytest.raises(IngestError, match="cannot download"):   # an authority this machine does not trust
            download(f"https://localhost:{port}/statement", allow_private=True)
    finally:
        httpd.shutdown()
        httpd.server_close()
