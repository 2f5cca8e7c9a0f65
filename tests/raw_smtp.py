"""A scripted, misbehaving SMTP server on 127.0.0.1 for the send attack tests (a raw socket server).

aiosmtpd is a well-behaved server; the attacks need one that closes the
connection at a chosen step, answers garbage, floods, or never answers.
``script`` maps a command verb (``EHLO``, ``MAIL``, ``RCPT``, ``DATA``, and
``END`` for the reply to the message itself) to the bytes to answer, or to
:data:`CLOSE`, :data:`HANG` or :data:`FLOOD`.
"""
from __future__ import annotations

import socket
import threading
from typing import BinaryIO

CLOSE, HANG, FLOOD = "close", "hang", "flood"
Reply = bytes | str
DEFAULTS = {"EHLO": b"250-hi\r\n250 8BITMIME\r\n", "HELO": b"250 hi\r\n", "MAIL": b"250 ok\r\n",
            "RCPT": b"250 ok\r\n", "DATA": b"354 go ahead\r\n", "RSET": b"250 ok\r\n", "NOOP": b"250 ok\r\n",
            "QUIT": b"221 bye\r\n", "END": b"250 queued\r\n"}


class RawSmtp:
    """Serves each connection by ``script``; counts the whole messages it received."""

    def __init__(self, script: dict[str, Reply], greeting: Reply = b"220 raw test server\r\n") -> None:
        self.script, self.greeting = script, greeting
        self.messages = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self) -> str:
        """The BRIEFING_SMTP_URL of this server."""
        return f"smtp://127.0.0.1:{self.port}"

    def close(self) -> None:
        """Stop accepting and release every waiting connection."""
        self._stop.set()
        self._listener.close()

    def __enter__(self) -> "RawSmtp":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket, reply: Reply) -> bool:
        """Send ``reply``; False when the connection is over."""
        if reply == CLOSE:
            connection.close()
            return False
        if reply == HANG:
            self._stop.wait(300)
            return False
        try:
            if reply == FLOOD:
                while not self._stop.is_set():
                    connection.sendall(b"250-" + b"x" * 100 + b"\r\n")
                return False
            assert isinstance(reply, bytes)
            connection.sendall(reply)
        except OSError:
            return False
        return True

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            if self._answer(connection, self.greeting):
                self._dialogue(connection, connection.makefile("rb"))

    def _dialogue(self, connection: socket.socket, lines: BinaryIO) -> None:
        in_data = False
        while True:
            try:
                line = lines.readline()
            except OSError:
                return
            if not line:
                return
            if in_data:
                if line == b".\r\n":
                    in_data = False
                    self.messages += 1
                    if not self._answer(connection, self.script.get("END", DEFAULTS["END"])):
                        return
                continue
            verb = line.split(b" ")[0].split(b":")[0].strip().upper().decode("latin-1")
            reply = self.script.get(verb, DEFAULTS.get(verb, b"500 unknown command\r\n"))
            in_data = verb == "DATA" and isinstance(reply, bytes) and reply.startswith(b"354")
            if not self._answer(connection, reply) or verb == "QUIT":
                return

