"""Test helpers: a real aiosmtpd SMTP server on 127.0.0.1 and TLS material from trustme.

The server runs on its own event loop in a thread, bound to port 0 (the OS
picks a free port, no race), and is always stopped by the context manager.
Its handler records every message and can be told to answer an RCPT with a
given reply (``451 ...``, ``550 ...``) and optionally drop the connection
right after, a given number of times.
"""
from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Callable, Iterator

import trustme
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

HOST = "127.0.0.1"


@dataclass
class Received:
    """One message as the server got it."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        """The message parsed with the modern email API."""
        return message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class Recorder:
    """aiosmtpd handler: records messages; ``rcpt_faults[address]`` lists (reply, drop) to play first."""

    rcpt_faults: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    rcpt_seen: list[str] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    rcpt_hook: Callable[[str], object] | None = None   # called with each RCPT address (e.g. to kill a client)
    data_hook: Callable[[list[str]], object] | None = None   # called once a message is accepted, before the 250
    data_faults: dict[str, list[str]] = field(default_factory=dict)   # address -> replies to DATA instead of 250
    data_delay: float = 0.0                            # seconds to wait before answering DATA (a hanging server)
    rcpt_delay: float = 0.0                            # seconds to wait before answering RCPT

    async def handle_RCPT(self, server: SMTP, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if self.rcpt_hook is not None and self.rcpt_hook(address):
            return "421 closing"   # the hook acted (killed the client): accept nothing for this address
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        with self.lock:
            self.rcpt_seen.append(address)
            faults = self.rcpt_faults.get(address)
            fault = faults.pop(0) if faults else None
        if fault is None:
            envelope.rcpt_tos.append(address)
            return "250 OK"
        reply, drop = fault
        if drop:  # the reply is written first; the transport closes right after it
            asyncio.get_running_loop().call_soon(server.transport.close)
        return reply

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        with self.lock:
            faults = [self.data_faults[a] for a in envelope.rcpt_tos if self.data_faults.get(a)]
            if faults:
                return faults[0].pop(0)     # refused: the message is not delivered
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        if self.data_hook is not None:
            self.data_hook(list(envelope.rcpt_tos))
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        """The messages delivered to ``address``."""
        return [item for item in self.received if address in item.rcpt_tos]


class Authenticator:
    """Accepts exactly one user/password; records every attempt (to prove none was made)."""

    def __init__(self, recorder: Recorder, user: str, password: str) -> None:
        self.recorder, self.user, self.password = recorder, user, password

    def __call__(self, server: SMTP, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.recorder.logins.append((login, password))
        return AuthResult(success=(login, password) == (self.user, self.password), handled=False)


@dataclass
class Server:
    """A running server: where it listens and what it recorded."""

    port: int
    recorder: Recorder

    def url(self, scheme: str = "smtp") -> str:
        """The BRIEFING_SMTP_URL for this server."""
        return f"{scheme}://{HOST}:{self.port}"


@contextlib.contextmanager
def smtp_server(recorder: Recorder | None = None, *, starttls: ssl.SSLContext | None = None,
                implicit_tls: ssl.SSLContext | None = None, authenticator: Authenticator | None = None,
                auth_require_tls: bool = True) -> Iterator[Server]:
    """Run an aiosmtpd server on 127.0.0.1:<free port> until the block ends."""
    recorder = recorder or Recorder()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, Any] = {}

    def factory() -> SMTP:
        return SMTP(recorder, hostname="localhost", tls_context=starttls, authenticator=authenticator,
                    auth_require_tls=auth_require_tls, loop=loop)

    async def start() -> None:
        holder["server"] = await loop.create_server(factory, host=HOST, port=0, ssl=implicit_tls)

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(start())
        except BaseException as error:  # reported to the caller below
            holder["error"] = error
        ready.set()
        if "error" not in holder:
            loop.run_forever()

    thread = threading.Thread(target=run, name="test-smtp", daemon=True)
    thread.start()
    ready.wait(10)
    if "error" in holder:
        raise holder["error"]

    async def shutdown() -> None:
        holder["server"].close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    try:
        yield Server(holder["server"].sockets[0].getsockname()[1], recorder)
    finally:
        asyncio.run_coroutine_threadsafe(shutdown(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@dataclass
class Tls:
    """A test CA, a server context with a certificate for 127.0.0.1/localhost, and the CA file."""

    ca: trustme.CA
    server_context: ssl.SSLContext
    ca_file: Path


def make_tls(folder: Path) -> Tls:
    """Fresh TLS material; trust it in a test with ``monkeypatch.setenv("SSL_CERT_FILE", tls.ca_file)``."""
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    ca_file = folder / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return Tls(ca, context, ca_file)
