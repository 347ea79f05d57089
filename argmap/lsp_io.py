"""The language server's transport: Content-Length framed JSON-RPC on standard input and
output, read as strictly as the best servers read it (rust-analyzer, pyright).

pygls reads messages leniently: a missing or non-numeric length makes it wait forever,
a huge one makes it allocate it, and a request whose parameters do not validate (a
negative position) gets no answer at all. argmap reads the stream itself and hands
pygls only well-formed messages:

- a framing error (a header line that is not ``Name: value``, no ``Content-Length``, a
  length that is not a number, a stream that ends inside a message) is written to
  standard error and the server exits with status 1: the stream cannot be trusted after
  it, and a client restarts a server that exits, never one that hangs;
- a message longer than :data:`MAX_MESSAGE` bytes is refused by its header, before any
  of it is read, the same way;
- a body that is not JSON gets a ``ParseError`` response, a request that is not one an
  ``InvalidRequest``, a request whose parameters do not validate an ``InvalidParams``,
  and a request after ``shutdown`` an ``InvalidRequest``: every request gets an answer;
- the exit status follows the protocol: 0 after ``shutdown`` then ``exit``, else 1.

Messages are read by a thread of their own and handled, in order, on the server's event
loop, so a change is applied before any request that follows it is answered.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
from typing import Any, BinaryIO, Final, Protocol

from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
)
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer

MAX_MESSAGE: Final = 64 * 1024 * 1024
"""The longest message argmap reads (64 MiB; a debate file is at most 32 MiB)."""
MAX_HEADER_LINE: Final = 1024
"""The longest header line argmap reads."""
MAX_HEADERS: Final = 16


class FramingError(Exception):
    """The stream of messages is broken: what was wrong, in one line."""


class FdReader:
    """Lines and blocks read straight from a file descriptor, with a buffer of its own:
    the reader thread must not hold the lock of ``sys.stdin.buffer`` while it waits, or
    the interpreter cannot shut down around it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()
        self.ended = False

    def _fill(self) -> bool:
        if self.ended:
            return False
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self.ended = True
            return False
        self.buffer += chunk
        return True

    def readline(self, limit: int) -> bytes:
        """Up to and including the next LF, at most ``limit`` bytes; fewer at the end."""
        while True:
            at = self.buffer.find(b"\n", 0, limit)
            if at != -1:
                return self._take(at + 1)
            if len(self.buffer) >= limit or not self._fill():
                return self._take(min(limit, len(self.buffer)))

    def read(self, size: int) -> bytes:
        """``size`` bytes; fewer at the end of the stream."""
        while len(self.buffer) < size and self._fill():
            pass
        return self._take(min(size, len(self.buffer)))

    def _take(self, size: int) -> bytes:
        taken = bytes(self.buffer[:size])
        del self.buffer[:size]
        return taken


class _Stream(Protocol):
    def readline(self, limit: int, /) -> bytes: ...

    def read(self, size: int, /) -> bytes: ...


def read_message(stream: _Stream) -> bytes | None:
    """The body of the next message on ``stream``; None when the stream ends between
    messages; :class:`FramingError` when it is broken."""
    headers: dict[bytes, bytes] = {}
    while True:
        line = stream.readline(MAX_HEADER_LINE + 1)
        if not line:
            if headers:
                raise FramingError("the stream ended inside a message's headers")
            return None
        if line == b"\r\n":
            if not headers:
                raise FramingError("an empty line where a message's headers should start")
            break
        if len(line) > MAX_HEADER_LINE or not line.endswith(b"\r\n"):
            raise FramingError(
                f"a header line that does not end in CRLF within {MAX_HEADER_LINE} bytes: "
                f"{line[:60]!r}"
            )
        name, colon, value = line[:-2].partition(b":")
        if not colon or not name.strip():
            raise FramingError(f"a header line that is not 'Name: value': {line[:60]!r}")
        headers[name.strip().lower()] = value.strip()
        if len(headers) > MAX_HEADERS:
            raise FramingError(f"a message with more than {MAX_HEADERS} headers")
    raw = headers.get(b"content-length")
    if raw is None:
        raise FramingError("a message without a Content-Length header")
    if not raw.isdigit() or len(raw) > 18:
        raise FramingError(f"a Content-Length that is not a number of bytes: {raw[:40]!r}")
    length = int(raw)
    if length > MAX_MESSAGE:
        raise FramingError(
            f"a message of {length:,} bytes, more than the {MAX_MESSAGE:,} argmap reads; "
            "it was not read"
        )
    body = stream.read(length)
    if len(body) < length:
        raise FramingError(f"the stream ended inside a message ({len(body):,} of {length:,} bytes)")
    return body


def serve(server: LanguageServer, stdin: _Stream, stdout: BinaryIO) -> int:
    """Serve ``server`` over ``stdin`` (an :class:`FdReader`) and ``stdout`` until the
    client says exit, the stream ends or breaks; the exit status."""
    server.protocol.set_writer(StdoutWriter(stdout))
    server._stop_event = threading.Event()
    try:
        return asyncio.run(_serve(server, stdin))
    finally:
        server.shutdown()  # type: ignore[no-untyped-call]


async def _serve(server: LanguageServer, stdin: _Stream) -> int:
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[bytes | FramingError | None] = asyncio.Queue()

    def read() -> None:  # a thread of its own: reading blocks, handling must not
        while True:
            item: bytes | FramingError | None
            try:
                item = read_message(stdin)
            except FramingError as exc:
                item = exc
            except (OSError, ValueError) as exc:
                item = FramingError(f"standard input cannot be read: {exc}")
            loop.call_soon_threadsafe(inbox.put_nowait, item)
            if not isinstance(item, bytes):
                return

    threading.Thread(target=read, name="argmap-lsp-reader", daemon=True).start()
    while True:
        item = await inbox.get()
        if item is None:
            said = "" if server.protocol._shutdown else " without 'shutdown' and 'exit'"
            _log(f"the client closed the connection{said}")
            return 0 if server.protocol._shutdown else 1
        if isinstance(item, FramingError):
            _log(f"{item}; the stream cannot be read any further, so the server stops")
            return 1
        try:
            _dispatch(server, item)
        except SystemExit as done:  # pygls's 'exit': 0 after 'shutdown', else 1
            return done.code if isinstance(done.code, int) else 1
        await asyncio.sleep(0)  # let what the message started (a check) take its turn


def _dispatch(server: LanguageServer, body: bytes) -> None:
    """Hand one message to pygls; answer for it when pygls would not."""
    protocol = server.protocol
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError):
        _answer(server, None, JsonRpcParseError("the message is not JSON"))
        return
    ident = data.get("id") if isinstance(data, dict) else None
    if not isinstance(ident, int | str) or isinstance(ident, bool):
        ident = None
    is_request = isinstance(data, dict) and "method" in data and "id" in data
    if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
        _answer(server, ident, JsonRpcInvalidRequest("not a JSON-RPC 2.0 message"))
        return
    if is_request and ident is None:
        _answer(server, None, JsonRpcInvalidRequest("a request's id must be a number or text"))
        return
    if is_request and protocol._shutdown and data.get("method") != "exit":
        _answer(server, ident, JsonRpcInvalidRequest("the server is shutting down"))
        return
    try:
        message = protocol.structure_message(data)
    except JsonRpcException as exc:
        why = _leaf(exc.__cause__)
        said = f"{exc.message}: {why}" if why else exc.message
        if is_request:
            _answer(server, ident, type(exc)(said))
        else:
            _log(f"a '{data.get('method')}' notification was not understood: {said}")
        return
    protocol.handle_message(message)


def _leaf(error: BaseException | None) -> str:
    """The first plain reason inside an error (a group of validation errors holds the
    one that says which field was wrong, and how)."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return " ".join(str(error).split())[:300] if error is not None else ""


def _answer(server: LanguageServer, ident: int | str | None, error: JsonRpcException) -> None:
    """An error response, its id null when the message's could not be read (as JSON-RPC
    asks; pygls would leave the id out)."""
    server.protocol._send_data(
        {"jsonrpc": "2.0", "id": ident, "error": {"code": error.code, "message": error.message}}
    )


def _log(message: str) -> None:
    sys.stderr.write(f"argmap lsp: {message}\n")
    sys.stderr.flush()
