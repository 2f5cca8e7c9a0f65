"""Download a source from a URL (httpx): http(s) only, public addresses only, bounded in time and size.

Every hop of a redirect is checked again: its scheme, and every address its
host resolves to (loopback, private, link-local, multicast and reserved
addresses are refused unless ``allow_private`` is set, for a local test
server). The connection then goes to the address that was checked (the host
name travels in the Host header and, for https, in SNI and the certificate
check), so a name cannot resolve to a public address for the check and to a
private one for the connection. At most :data:`MAX_REDIRECTS` redirects; the body is streamed and
cut off at ``max_bytes``; the whole download must finish within ``timeout``
seconds. The content type must be one of the formats a source can have.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

from briefing.ingest.extracted import IngestError, Kind, sniff

if TYPE_CHECKING:
    import httpx

MAX_REDIRECTS = 5
MAX_BYTES = 50 * 1024 * 1024
TIMEOUT = 30.0
_TYPES: dict[str, Kind] = {
    "text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text", "text/markdown": "text",
}


@dataclass(frozen=True)
class Download:
    """A downloaded document: the address it came from at last, its bytes, format and date."""

    url: str
    raw: bytes
    kind: Kind
    retrieved: dt.date


def download(url: str, *, allow_private: bool = False, timeout: float = TIMEOUT,
             max_bytes: int = MAX_BYTES, verify: "ssl.SSLContext | bool" = True) -> Download:
    """Fetch ``url`` under the rules above, or raise :class:`IngestError` saying what went wrong.

    ``verify`` is the TLS check (the system's certificate authorities by default).
    """
    import httpx

    deadline = time.monotonic() + timeout
    seen: list[str] = []
    with httpx.Client(follow_redirects=False, timeout=httpx.Timeout(timeout), trust_env=False, verify=verify,
                      headers={"User-Agent": "briefing (sources add)"}) as client:
        while True:
            address = check_address(url, allow_private)
            seen.append(url)
            target, headers, extensions = _pinned(url, address)
            try:
                with client.stream("GET", target, headers=headers, extensions=extensions) as response:
                    if response.is_redirect:
                        target = urljoin(url, response.headers.get("location", ""))
                        if target in seen:
                            raise IngestError(f"{seen[0]} redirects in a loop (back to {target})")
                        if len(seen) > MAX_REDIRECTS:
                            raise IngestError(f"{seen[0]} redirects more than {MAX_REDIRECTS} times: give the "
                                              "address it finally serves")
                        url = target
                        continue
                    if response.status_code != 200:
                        raise IngestError(f"{url} answered {response.status_code} {response.reason_phrase}: "
                                          "check the address")
                    raw = _body(response, url, max_bytes, deadline)
                    kind = _kind(response.headers.get("content-type", ""), raw, url)
                    return Download(url, raw, kind, dt.date.today())
            except httpx.TimeoutException:
                raise IngestError(f"{url} did not answer within {timeout:g} s: try again later") from None
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as error:
                raise IngestError(f"cannot download {url} ({type(error).__name__}: {error})") from None


def check_address(url: str, allow_private: bool) -> str:
    """The address to connect to for ``url``; refused when not http(s) or not public (unless allowed)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:                     # "http://[::1", "http://host:99999"
        raise IngestError(f"{url} is not a valid address ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IngestError(f"{url}: only http:// and https:// addresses can be downloaded")
    try:
        infos = socket.getaddrinfo(parts.hostname, port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise IngestError(f"{url}: the host {parts.hostname} cannot be found ({error})") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses if not allow_private else []:
        if not address.is_global or address.is_multicast:
            raise IngestError(f"{url}: {parts.hostname} is a private, loopback or link-local address "
                              f"({address}); only public web addresses are downloaded (for a local test server, "
                              "pass --allow-private)")
    return str(addresses[0])


def _pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """``url`` addressed to ``address``, with the Host header (and SNI name) of its own host."""
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = host + (f":{parts.port}" if parts.port else "")
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    headers = {"Host": parts.netloc.rsplit("@", 1)[-1]}
    return target, headers, ({"sni_hostname": parts.hostname} if parts.scheme == "https" else {})


def _body(response: "httpx.Response", url: str, max_bytes: int, deadline: float) -> bytes:
    """The body, streamed: refused when it is (or says it is) larger than ``max_bytes`` or too slow."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(f"{url} is {int(declared):,} bytes, more than the {max_bytes:,} a source may have")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"{url} sent more than {max_bytes:,} bytes, the most a source may have: "
                              "download the document itself, not an archive")
        if time.monotonic() > deadline:
            raise IngestError(f"{url} took longer than the time allowed: try again later")
        chunks.append(chunk)
    return b"".join(chunks)


def _kind(content_type: str, raw: bytes, url: str) -> Kind:
    """The format from the content type (a generic binary type is identified by the bytes)."""
    media = content_type.split(";")[0].strip().lower()
    if media in _TYPES:
        return _TYPES[media]
    sniffed = sniff(raw) if media in ("", "application/octet-stream", "binary/octet-stream") else None
    if sniffed:
        return sniffed
    raise IngestError(f"{url} is {media or 'of no stated type'}, not a web page, PDF, Word document or text: "
                      "give the address of the document itself")
