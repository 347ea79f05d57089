"""How fast ``argmap lsp`` answers an editor, as a real server process over its pipes.

For synthetic debates of 100, 1,000 and 10,000 arguments (``generate.py``): open the
file, then change it (a new title) several times and time from each change to the
diagnostics of that version, less the server's debounce (the quiet it waits for before
checking); and time completion in a ``supports:`` list, hover, go to definition, find
references and the outline, each as medians and maxima. Target (issue 16): no request
takes longer than 200 ms on a 1,000-argument debate.

    .venv/bin/python -m bench.bench_lsp [--repeat N] [--sizes 100,1000,10000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.lsp import DEBOUNCE
from bench.generate import write
from tests.lsp_client import Client

SIZES = (100, 1_000, 10_000)


def _timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def measure(size: int, folder: Path, repeat: int) -> dict[str, list[float]]:
    path = write(size, folder / f"d{size}.yaml")
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    client = Client()
    client.start(folder.as_uri())
    try:
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        client.diagnostics(uri, 1)
        found: dict[str, list[float]] = {"diagnostics": []}
        for version in range(2, repeat + 2):
            changed = text.replace("\ntitle: ", f"\ntitle: Change {version} of ", 1)
            start = time.perf_counter()
            client.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": changed}],
                },
            )
            client.diagnostics(uri, version)
            found["diagnostics"].append(time.perf_counter() - start - DEBOUNCE)
        lines = changed.split("\n")
        line = next(n for n, t in enumerate(lines) if t == "  supports:") + 1  # "  - p0"
        at = {"line": line, "character": len("  - ")}
        ident = next(n for n, t in enumerate(lines) if t.startswith("- id: a"))
        on_id = {"line": ident, "character": len("- id: ") + 1}
        document = {"uri": uri}
        requests = {
            "completion": ("textDocument/completion", {"textDocument": document, "position": at}),
            "hover": ("textDocument/hover", {"textDocument": document, "position": on_id}),
            "definition": (
                "textDocument/definition",
                {"textDocument": document, "position": {**at, "character": at["character"] + 1}},
            ),
            "references": (
                "textDocument/references",
                {
                    "textDocument": document,
                    "position": on_id,
                    "context": {"includeDeclaration": True},
                },
            ),
            "outline": ("textDocument/documentSymbol", {"textDocument": document}),
        }
        for name, (method, params) in requests.items():

            def ask(method: str = method, params: Any = params) -> Any:
                return client.request(method, params)

            found[name] = _timed(ask, repeat)
    finally:
        client.stop()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement")
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="arguments, comma-separated"
    )
    args = parser.parse_args()
    print(f"{'arguments':>9} {'request':>12} {'median':>8} {'max':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(n) for n in args.sizes.split(",")):
            for name, times in measure(size, Path(tmp), args.repeat).items():
                print(
                    f"{size:>9,} {name:>12} {statistics.median(times) * 1000:>6.0f}ms "
                    f"{max(times) * 1000:>6.0f}ms"
                )


if __name__ == "__main__":
    main()
