"""The language server is as robust as its best peers (issue 21): a broken stream is
logged and ends the server with status 1, never a hang; a message over the size argmap
reads is refused by its header, unread; every request gets an answer, an error for
what does not validate; every answer reflects every change sent before it; the preview
it starts ends with it, however it ends."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.lsp_io import MAX_MESSAGE, FramingError, read_message
from tests.conftest import example_copy
from tests.lsp_client import GUARD, Client
from tests.test_lsp import _at, _change, _open


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    client = Client(stderr=subprocess.PIPE)
    client.start(tmp_path.as_uri())
    yield client
    if client.process.poll() is None:
        client.stop()
    else:
        client.process.wait()
    for pipe in (client.process.stdout, client.process.stdin, client.process.stderr):
        if pipe is not None and not pipe.closed:
            pipe.close()


def _ended(client: Client) -> tuple[int, str]:
    """The server's exit status and what it said on standard error, once it has ended
    by itself (the test fails if it has not within the guard)."""
    status = client.process.wait(timeout=GUARD)
    assert client.process.stderr is not None
    return status, client.process.stderr.read().decode("utf-8")


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"Content-Length: 1000000000000\r\n\r\n", "a message of 1,000,000,000,000 bytes"),
        (b"Content-Length: 12abc\r\n\r\n{}", "a Content-Length that is not a number"),
        (b"Content-Length: -5\r\n\r\n{}", "a Content-Length that is not a number"),
        (b"Content-Type: application/json\r\n\r\n{}", "a message without a Content-Length"),
        (b'{"jsonrpc": "2.0", "id": 9, "method": "shutdown"}\n', "does not end in CRLF"),
        (b"Content-Length 10\r\n\r\n", "a header line that is not 'Name: value'"),
        (b"X" * 5000, "does not end in CRLF within 1024 bytes"),
    ],
)
def test_a_broken_stream_is_logged_and_ends_the_server_at_once(
    client: Client, data: bytes, said: str
) -> None:
    client.write(data)  # standard input stays open: a server that waits would hang here
    status, err = _ended(client)
    assert status == 1
    assert err.startswith("argmap lsp: ")
    assert said in err
    assert err.rstrip().endswith("the stream cannot be read any further, so the server stops")


def test_a_stream_that_ends_inside_a_message_ends_the_server(client: Client) -> None:
    client.write(b"Content-Length: 100\r\n\r\n{}")
    assert client.process.stdin is not None
    client.process.stdin.close()
    status, err = _ended(client)
    assert (status, "the stream ended inside a message (2 of 100 bytes)" in err) == (1, True)


def test_a_client_that_leaves_without_exit_ends_the_server_with_status_1(client: Client) -> None:
    assert client.process.stdin is not None
    client.process.stdin.close()
    status, err = _ended(client)
    assert (status, err) == (
        1,
        "argmap lsp: the client closed the connection without 'shutdown' and 'exit'\n",
    )


def test_the_reader_refuses_an_oversized_message_by_its_header_alone() -> None:
    class Exploding(io.BytesIO):
        def read(self, size: int | None = -1, /) -> bytes:
            raise AssertionError("the body was read")

    stream = Exploding(b"Content-Length: %d\r\n\r\n" % (MAX_MESSAGE + 1))
    with pytest.raises(FramingError, match="it was not read"):
        read_message(stream)
    assert read_message(io.BytesIO(b"")) is None
    assert read_message(io.BytesIO(b"content-length: 2\r\nX-Y: z\r\n\r\n{}")) == b"{}"


def test_every_request_gets_an_answer(client: Client, tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    uri, _ = _open(client, path)
    client.diagnostics(uri, 1)
    negative = client.answer(
        {
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}},
        }
    )
    assert negative["error"] == {
        "code": -32602,
        "message": "Invalid Params: Position.line should be in range [0:2147483647], but was -1.",
    }
    wrong_type = client.answer(
        {"method": "textDocument/definition", "params": {"textDocument": {"uri": 5}}}
    )
    assert wrong_type["error"]["code"] == -32602
    unknown = client.answer({"method": "argmap/unknown", "params": {}})
    assert unknown["error"]["code"] == -32601
    body = b"this is not JSON"
    client.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    assert client.response(None) == {
        "jsonrpc": "2.0",
        "id": None,
        "error": {"code": -32700, "message": "the message is not JSON"},
    }
    bad_id = json.dumps({"jsonrpc": "2.0", "id": [1], "method": "shutdown"}).encode()
    client.write(b"Content-Length: %d\r\n\r\n" % len(bad_id) + bad_id)
    assert client.response(None)["error"]["code"] == -32600
    assert client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert client.request("shutdown", None) is None
    late = client.answer({"method": "textDocument/documentSymbol", "params": {}})
    assert late["error"] == {"code": -32600, "message": "the server is shutting down"}
    client.notify("exit", None)
    assert client.process.wait(timeout=GUARD) == 0


def test_every_answer_reflects_every_change_sent_before_it(client: Client, tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    uri, text = _open(client, path)
    client.diagnostics(uri, 1)
    changed = text.replace("lesson-ban", "lessons-only")  # renamed throughout: it loads
    assert changed.count("lessons-only") > 2
    # the change and the requests go out together, well within the debounce
    _change(client, uri, 2, changed)
    where = _at(changed, "lessons-only", nth=1)
    definition = client.request(
        "textDocument/definition", {"textDocument": {"uri": uri}, "position": where}
    )
    assert definition["range"]["start"] == _at(changed, "id: lessons-only", offset=4)
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": where})
    assert hover["contents"]["value"].startswith("**Option 2 Ban in lessons**")  # the new id
    renamed = client.request(
        "textDocument/rename",
        {"textDocument": {"uri": uri}, "position": where, "newName": "in-lessons"},
    )
    assert len(renamed["changes"][uri]) == changed.count("lessons-only")
    assert client.diagnostics(uri, 2) is not None  # published for the version answered from
    _change(client, uri, 3, text)  # and back: answered from version 3, not 2
    back = client.request(
        "textDocument/references",
        {
            "textDocument": {"uri": uri},
            "position": _at(text, "lesson-ban", nth=1),
            "context": {"includeDeclaration": True},
        },
    )
    assert len(back) == text.count("lesson-ban")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "state", timeout=5):
            return True
    except (urllib.error.URLError, OSError):
        return False


@pytest.mark.parametrize("how", ["killed", "exit"])
def test_the_preview_ends_when_the_server_ends_however_it_ends(
    client: Client, tmp_path: Path, how: str
) -> None:
    path = example_copy(tmp_path)
    uri, _ = _open(client, path)
    client.diagnostics(uri, 1)
    url = client.request(
        "workspace/executeCommand", {"command": "argmap.preview", "arguments": [uri]}
    )
    assert _answers(url)
    if how == "killed":
        os.kill(client.process.pid, signal.SIGKILL)
        client.process.wait(timeout=GUARD)
    else:
        client.notify("exit", None)
        assert client.process.wait(timeout=GUARD) == 1  # exit without shutdown
    deadline = time.monotonic() + GUARD
    while _answers(url):
        assert time.monotonic() < deadline, "the preview outlived its server"
        time.sleep(0.2)
