"""A minimal Language Server Protocol client, for tests and benchmarks of ``argmap lsp``:
a real server process, Content-Length framed JSON-RPC over its pipes."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from typing import Any

GUARD = 60.0
"""Seconds after which an answer that never comes is a failure (not a speed target)."""


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC over a server's pipes."""

    def __init__(self, stderr: Any = subprocess.DEVNULL) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notes: list[dict[str, Any]] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.messages.put(json.loads(out.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def write(self, data: bytes) -> None:
        """Bytes as they are, framed or not."""
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        answer = self.answer({"method": method, "params": params})
        assert "error" not in answer, answer["error"]
        return answer.get("result")

    def answer(self, message: dict[str, Any], ident: Any = None) -> dict[str, Any]:
        """The whole response to a request (its result or its error); ``ident`` is the id
        to send (a new number when None) and to wait for."""
        if ident is None:
            self.next_id += 1
            ident = self.next_id
        self.send({"id": ident, **message})
        return self.response(ident)

    def response(self, ident: Any) -> dict[str, Any]:
        """The next response whose id is ``ident``."""
        deadline = time.monotonic() + GUARD
        while True:
            message = self.messages.get(timeout=max(0.1, deadline - time.monotonic()))
            if message.get("id") == ident and "method" not in message:
                return message
            self._note(message)

    def _note(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:  # a request of the server's
            self.send({"id": message["id"], "result": None})
        self.notes.append(message)

    def diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        """The diagnostics published for this version of the file."""
        deadline = time.monotonic() + GUARD
        while True:
            for note in self.notes:
                params = note.get("params") or {}
                if (
                    note.get("method") == "textDocument/publishDiagnostics"
                    and params.get("uri") == uri
                    and params.get("version") == version
                ):
                    self.notes.remove(note)
                    return list(params["diagnostics"])
            self._note(self.messages.get(timeout=max(0.1, deadline - time.monotonic())))

    def start(self, root_uri: str) -> None:
        self.request("initialize", {"processId": None, "rootUri": root_uri, "capabilities": {}})
        self.notify("initialized", {})

    def stop(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=GUARD)
        for pipe in (self.process.stdout, self.process.stdin):
            if pipe is not None:
                pipe.close()
