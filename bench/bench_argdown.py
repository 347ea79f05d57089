"""The whole map of a large debate as SVG: argmap beside Argdown's own command line, run
side by side on the same debate (argmap's Argdown export of it).

Paired runs, alternating: ``argmap render DEBATE -o map.svg`` (load, check, DOT, layout
by Graphviz's ``dot``, accessible SVG) against ``argdown map DEBATE.argdown OUT --format
svg`` (Argdown's parser and its Graphviz, compiled to WebAssembly). Then native ``dot``
alone on each tool's graph, which tells the graph from the tool.

Target (issue 10): argmap within 1.2x Argdown at 10,000 arguments.

Argdown is not a dependency of argmap: this script looks for its command line in
``bench/.argdown`` (``--install`` puts it there with npm, from the npm registry) or in
``$ARGDOWN``, and says so and stops where there is none.

    .venv/bin/python -m bench.bench_argdown [--arguments N] [--repeat N] [--install]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import argmap
from bench.generate import write

ROOT = Path(__file__).resolve().parent.parent
PREFIX = ROOT / "bench" / ".argdown"
VERSION = "1.7.5"


def argdown_command() -> str | None:
    """Argdown's command line, if it is here."""
    found = os.environ.get("ARGDOWN") or str(PREFIX / "node_modules" / ".bin" / "argdown")
    return found if Path(found).exists() else shutil.which("argdown")


def install() -> None:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not installed: Argdown's command line needs Node.js and npm")
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(PREFIX),
            f"@argdown/cli@{VERSION}",
        ],
        check=True,
    )


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arguments", type=int, default=10_000, help="size of the debate")
    parser.add_argument("--repeat", type=int, default=3, help="paired runs (median)")
    parser.add_argument("--install", action="store_true", help="install Argdown's CLI with npm")
    args = parser.parse_args()
    if args.install:
        install()
    argdown = argdown_command()
    if argdown is None:
        sys.exit(
            "Argdown's command line is not installed: run with --install (needs Node.js and "
            "npm), or point $ARGDOWN at it"
        )
    script = shutil.which("argmap", path=str(Path(sys.executable).parent)) or "argmap"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        debate = write(args.arguments, folder / "debate.yaml")
        text = argmap.dumps(argmap.load(debate))  # the same debate, canonical
        (folder / "debate.yaml").write_text(text, encoding="utf-8")
        subprocess.run(
            [script, "convert", str(debate), str(folder / "debate.argdown")],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        ours_cmd = [script, "render", str(debate), "-o", str(folder / "ours.svg")]
        theirs_cmd = [
            argdown,
            "map",
            str(folder / "debate.argdown"),
            str(folder / "out"),
            "--format",
            "svg",
        ]
        ours, theirs = [], []
        for _ in range(args.repeat):  # alternating, so both meet the same machine
            ours.append(seconds(ours_cmd))
            theirs.append(seconds(theirs_cmd))
        subprocess.run(
            [script, "render", str(debate), "-o", str(folder / "ours.dot")],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        subprocess.run(
            [
                argdown,
                "map",
                str(folder / "debate.argdown"),
                str(folder / "dot"),
                "--format",
                "dot",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        dot = shutil.which("dot") or "dot"
        native_ours = seconds([dot, "-Tsvg", str(folder / "ours.dot"), "-o", os.devnull])
        native_theirs = seconds(
            [dot, "-Tsvg", str(folder / "dot" / "debate.dot"), "-o", os.devnull]
        )
    version = subprocess.run([argdown, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{args.arguments:,} arguments, median of {args.repeat} paired runs (Argdown {version}):")
    print(f"  argmap render -o map.svg        {median(ours):7.2f} s")
    print(f"  argdown map --format svg        {median(theirs):7.2f} s")
    print(f"  ratio                           {median(ours) / median(theirs):7.2f}x")
    print(f"  native dot -Tsvg, argmap's graph {native_ours:6.2f} s")
    print(f"  native dot -Tsvg, Argdown's graph {native_theirs:5.2f} s")


if __name__ == "__main__":
    main()
