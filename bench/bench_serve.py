"""How soon the live preview shows a save: ``argmap serve`` run as a real process.

For the Hikvision example and synthetic debates of 100 and 1,000 arguments: start
``argmap serve`` on a free port, listen to its server-sent events as the page does, save
the file with a new title (written in place, as most editors do) and time, from the
save to the event, how long the page waits to hear of it; then fetch ``/state`` to be
sure the new title is in it. Every fifth save writes a broken file instead, and the
next one mends it, so the time to show located errors is measured too. Beside it, the
median time of the work alone (``Preview.rebuild``: check, draw, brief) in this process.
Target (issue 14): the page hears of a save within a second.

    .venv/bin/python -m bench.bench_serve [--saves N]
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from argmap.serve import Preview
from bench.generate import write
from bench.timing import median

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1_000)


class Page:
    """What the browser does: one long GET of /events, read line by line."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.connection.request("GET", "/events", headers={"Host": f"127.0.0.1:{port}"})
        self.stream = self.connection.getresponse()

    def next_version(self) -> int:
        while True:
            line = self.stream.readline().decode("utf-8").strip()
            if line.startswith("data: "):
                return int(line.removeprefix("data: "))

    def state(self) -> dict[str, Any]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", "/state", headers={"Host": f"127.0.0.1:{self.port}"})
        state: dict[str, Any] = json.loads(connection.getresponse().read())
        connection.close()
        return state


def _start(path: Path) -> tuple[subprocess.Popen[str], int]:
    argmap = Path(sys.executable).with_name("argmap")
    process = subprocess.Popen(
        [str(argmap), "serve", str(path), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # "serving http://127.0.0.1:PORT/ (Ctrl-C to stop)"
    port = int(line.split("127.0.0.1:", 1)[1].split("/", 1)[0])
    return process, port


def updates(path: Path, saves: int) -> dict[str, list[float]]:
    """Seconds from each save until the page shows its map, its brief, or its errors."""
    text = path.read_text(encoding="utf-8")
    process, port = _start(path)
    took: dict[str, list[float]] = {"map": [], "brief": [], "errors": []}
    try:
        page = Page(port)
        state = page.state()
        while state["ok"] and state["good_brief"] < state["good"]:  # the first brief is coming
            page.next_version()
            state = page.state()
        for n in range(saves):
            time.sleep(0.3)  # a person saves now and then, never twice in a tenth
            breaking = n % 5 == 4
            new = text.replace("\ntitle: ", f"\ntitle: Save {n} of ", 1)
            if breaking:
                new = new.replace("\narguments:\n", "\narguments:\n  - id: [\n", 1)
            before = state
            start = time.perf_counter()
            with path.open("w", encoding="utf-8") as out:  # in place, as editors save
                out.write(new)
            while True:
                page.next_version()
                now = time.perf_counter() - start
                state = page.state()
                if breaking and state["ok"] is False:
                    assert state["problems"], "errors not shown"
                    took["errors"].append(now)
                    break
                if not breaking and state["good"] != before["good"]:
                    assert f"Save {n} of " in str(state["svg"]), "new title not drawn"
                    took["map"].append(now)
                    while state["good_brief"] < state["good"]:
                        page.next_version()
                        state = page.state()
                    took["brief"].append(time.perf_counter() - start)
                    break
    finally:
        process.terminate()
        process.wait(10)
        path.write_text(text, encoding="utf-8")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10, help="saves per debate")
    args = parser.parse_args()
    print(f"{'debate':>18} {'rebuild':>8} {'map':>6} {'max':>6} {'brief':>6} {'errors':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("hikvision-2019", Path(tmp) / "hikvision-2019.yaml")]
        shutil.copy(ROOT / "debates" / "hikvision-2019.yaml", cases[0][1])
        for size in SIZES:
            cases.append((f"{size:,} arguments", write(size, Path(tmp) / f"d{size}.yaml")))
        for name, path in cases:
            work = median(Preview(path).rebuild, 3)
            took = updates(path, args.saves)
            mid = {k: statistics.median(v) for k, v in took.items()}
            print(
                f"{name:>18} {work:>7.2f}s {mid['map']:>5.2f}s {max(took['map']):>5.2f}s "
                f"{mid['brief']:>5.2f}s {mid['errors']:>6.2f}s"
            )


if __name__ == "__main__":
    main()
