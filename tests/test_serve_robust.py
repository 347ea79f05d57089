"""The preview server (issue 21) caps its connections and times out idle ones, takes a
client that leaves as no error, and shows a debate file that is deleted, replaced or
unreadable as such."""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.serve import MAX_CONNECTIONS
from tests.conftest import example_copy

GUARD = 60.0
"""Seconds after which what never comes is a failure (not a speed target)."""


class Served:
    """``argmap serve`` as a real process that stops when its standard input closes."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "argmap",
                "serve",
                str(path),
                "--port",
                "0",
                "--until-stdin-closes",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line.startswith("serving "), line
        self.url = line.split()[1]
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def state(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + "state", timeout=GUARD) as answer:
            data: dict[str, Any] = json.loads(answer.read())
        return data

    def stop(self) -> str:
        """Stop the server as an editor that closes does; what it wrote on stderr."""
        assert self.process.stdin is not None
        assert self.process.stderr is not None
        self.process.stdin.close()
        self.process.wait(timeout=GUARD)
        err = self.process.stderr.read()
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()
        return err


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    made = Served(example_copy(tmp_path))
    yield made
    if made.process.poll() is None:
        made.stop()


def test_many_idle_connections_do_not_stop_the_page_answering(served: Served) -> None:
    idle = [socket.create_connection(("127.0.0.1", served.port)) for _ in range(500)]
    try:
        started = time.monotonic()
        assert served.state()["ok"] is True
        assert time.monotonic() - started < GUARD
        # the idle connections the server closed to make room: each read at once, as
        # its end arrives (a connection the server keeps is never waited on alone)
        closed = 0
        deadline = time.monotonic() + GUARD
        with selectors.DefaultSelector() as waiting:
            for connection in idle:
                waiting.register(connection, selectors.EVENT_READ)
            while closed < len(idle) - MAX_CONNECTIONS and time.monotonic() < deadline:
                for key, _ in waiting.select(timeout=1.0):
                    waiting.unregister(key.fileobj)
                    with contextlib.suppress(ConnectionResetError):
                        closed += key.fileobj.recv(64) == b""  # type: ignore[union-attr]
        assert closed >= len(idle) - MAX_CONNECTIONS
    finally:
        for connection in idle:
            connection.close()
    assert served.state()["ok"] is True
    assert served.stop() == ""


def test_an_idle_connection_is_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import serve as preview

    monkeypatch.setattr(preview, "IDLE_SECONDS", 0.5)
    read, write = os.pipe()
    path = example_copy(tmp_path)
    urls: list[str] = []
    thread = threading.Thread(
        target=preview.serve, args=(path, 0), kwargs={"ready": urls.append, "until": read}
    )
    thread.start()
    try:
        deadline = time.monotonic() + GUARD
        while not urls:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        port = int(urls[0].rsplit(":", 1)[1].strip("/"))
        with socket.create_connection(("127.0.0.1", port)) as idle:
            idle.settimeout(GUARD)
            assert idle.recv(64) == b""  # closed by the server, having said nothing
    finally:
        os.close(write)
        thread.join(GUARD)
        os.close(read)
    assert not thread.is_alive()


def test_clients_that_leave_early_are_no_traceback(served: Served) -> None:
    for request in (
        b"GET /state HTTP/1.1\r\nHost: 127.0.0.1",  # half a request
        b"GET /events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % served.port,  # a stream
        b"GET /brief HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % served.port,  # a large answer
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # TLS, to a plain server
    ):
        connection = socket.create_connection(("127.0.0.1", served.port))
        connection.sendall(request)
        connection.setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
        )
        connection.close()  # a reset, not a polite close
    time.sleep(0.5)
    assert served.state()["ok"] is True
    assert served.stop() == ""


def _status_becomes(served: Served, wanted: str) -> dict[str, Any]:
    deadline = time.monotonic() + GUARD
    while True:
        state = served.state()
        if wanted in state["status"]:
            return state
        assert time.monotonic() < deadline, state["status"]
        time.sleep(0.1)


def test_a_deleted_file_is_shown_as_gone(served: Served, tmp_path: Path) -> None:
    path = next(tmp_path.glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.unlink()
    state = _status_becomes(served, "the file is gone (deleted or renamed)")
    assert state["ok"] is False
    assert state["status"] == (
        "the file is gone (deleted or renamed): showing the last good map, greyed"
    )
    path.write_text(text, encoding="utf-8")  # put back: the page is whole again
    assert _status_becomes(served, "4 to look at")["ok"] is True  # the example's 4 notes


@pytest.mark.parametrize("replacement", ["folder", "fifo"])
def test_a_file_replaced_by_what_is_not_a_file_is_shown_as_unreadable(
    served: Served, tmp_path: Path, replacement: str
) -> None:
    path = next(tmp_path.glob("*.yaml"))
    path.unlink()
    if replacement == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    state = _status_becomes(served, "the file cannot be read")
    assert "not a regular file" in state["status"]
    if replacement == "folder":
        shutil.rmtree(path)
    else:
        path.unlink()
