"""The only place that runs Graphviz's ``dot`` (files are written by :mod:`argmap.io.files`).

``dot`` runs as a subprocess with a fixed set of output formats, a timeout, and an
environment that confines the layout engine: ``SERVER_NAME`` and ``GV_FILE_PATH`` make
Graphviz refuse to read image or shape files from anywhere but an empty folder of our
own. DOT goes in on standard input and the drawing comes out on standard output, so no
``.gv`` file is ever left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from typing import Final

from argmap.errors import RenderError, UsageError

FORMATS: Final = ("svg", "png", "pdf")
"""What ``dot`` may be asked to produce (its ``-T`` allowlist)."""
TIMEOUT_SECONDS: Final = 120.0
_SETTING: Final = re.compile(r"size|margin|pad")
_NUMBERS: Final = re.compile(r"[0-9.]+(,[0-9.]+)?")


def find_dot() -> str:
    """The path of ``dot``, or a :class:`RenderError` that says how to install it."""
    path = shutil.which("dot")
    if path is None:
        raise RenderError(
            "Graphviz's 'dot' is not installed, so only .dot files can be written. "
            "Install it with 'sudo apt-get install graphviz' (Debian/Ubuntu), "
            "'brew install graphviz' (macOS) or from https://graphviz.org/download/"
        )
    return path


def run_dot(
    dot_source: str,
    fmt: str,
    *,
    dpi: int | None = None,
    settings: Mapping[str, str] | None = None,
    describe: Callable[[str], str] | None = None,
    warn: Callable[[str], None] | None = None,
) -> bytes:
    """Lay out DOT text and return the drawing in ``fmt`` (svg, png or pdf).

    A failure, or a drawing that is not whole (``dot`` exiting 0 with garbage), raises
    :class:`RenderError`; ``describe`` turns a DOT node name into words for the user
    (``argument 'pro' (1.1)``), so an error never names a node the user never wrote.
    What ``dot`` warns of on success (a bitmap too large, scaled down) goes to ``warn``.
    ``settings`` are graph attributes argmap sets for the output (``size``, ``margin``:
    numbers it computed, never text from a debate).
    """
    if fmt not in FORMATS:
        raise UsageError(f"cannot render to {fmt!r}: use one of {', '.join(FORMATS)}")
    command = [find_dot(), f"-T{fmt}"]
    if dpi is not None:
        command.append(f"-Gdpi={int(dpi)}")
    for name, value in (settings or {}).items():
        if not _SETTING.fullmatch(name) or not _NUMBERS.fullmatch(value):
            raise ValueError(f"not a graph setting argmap makes: {name}={value}")
        command.append(f"-G{name}={value}")
    with tempfile.TemporaryDirectory(prefix="argmap-dot-") as sandbox:
        # the drawing goes to a file and is read in one piece: collected from a pipe, a
        # 26 MB SVG was held twice while its chunks were joined
        drawing = os.path.join(sandbox, f"drawing.{fmt}")
        command.append(f"-o{drawing}")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "SERVER_NAME": "argmap",  # Graphviz: running as a service, restrict file access
            "GV_FILE_PATH": sandbox,  # ... to this empty folder
            "HOME": sandbox,
            "LANG": "C.UTF-8",
        }
        try:
            done = subprocess.run(
                command,
                input=dot_source.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=TIMEOUT_SECONDS,
                env=env,
                cwd=sandbox,
                check=False,
            )
            output = b""
            if os.path.isfile(drawing):
                with open(drawing, "rb") as stream:
                    output = stream.read()
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"'dot' took longer than {TIMEOUT_SECONDS:g} s to lay out the map; nothing was "
                "written. Draw less at once: --split positions, or --focus ID --depth 2"
            ) from None
        except OSError as exc:
            raise RenderError(f"could not run 'dot': {exc.strerror or exc}") from None
    if done.returncode != 0 or not output:
        raise RenderError(_failure(fmt, done.returncode, done.stderr, describe))
    if warn is not None:
        for warning in _warnings(done.stderr, describe):
            warn(warning)
    problem = drawing_problem(fmt, output)
    if problem is not None:
        raise RenderError(
            f"'dot' returned no usable {fmt.upper()} ({problem}); nothing was written. "
            "Check the Graphviz installation: 'dot -V'"
        )
    return output


_NODE: Final = re.compile(r"in label of node (\S+)")
_SCALED: Final = re.compile(r"too large for cairo-renderer bitmaps\. Scaling by ([0-9.e+-]+)")


def _warnings(stderr: bytes, describe: Callable[[str], str] | None = None) -> list[str]:
    """What ``dot`` warned of, in words for the user (naming the element a warning is
    about, where ``dot`` says which node it was)."""
    found: list[str] = []
    for line in stderr.decode("utf-8", "replace").splitlines():
        line = line.strip()
        node = _NODE.match(line)
        if node is not None and found:
            name = describe(node.group(1)) if describe else f"node {node.group(1)}"
            found[-1] += f" (in the label of {name})"
            continue
        if line.startswith("in label of graph") and found:
            found[-1] += " (in the map's title)"
            continue
        scaled = _SCALED.search(line)
        if scaled is not None:
            found.append(
                f"the bitmap would be wider or taller than Graphviz draws (32,767 pixels), so "
                f"it was scaled by {float(scaled[1]):.3g}: lower --dpi, or write SVG or PDF"
            )
        elif line.startswith(("Warning:", "dot: ")):
            found.append("Graphviz warns: " + line.removeprefix("Warning:").strip())
    return found


def _failure(fmt: str, status: int, stderr: bytes, describe: Callable[[str], str] | None) -> str:
    """What went wrong in ``dot``, naming debate elements rather than DOT's node names."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line and not line.startswith("...")]
    if status < 0:
        reason = f"it was stopped by signal {-status} (out of memory?)"
    elif not lines:
        reason = f"exit status {status}, and it said nothing"
    else:
        first = lines[0].removeprefix("Error: ").strip()
        node = next((m for m in map(_NODE.search, lines) if m), None)
        if node is not None:
            name = describe(node.group(1)) if describe else f"node {node.group(1)}"
            return (
                f"'dot' failed to render {fmt.upper()}: {first}, in the label of {name}; "
                "nothing was written. This is a bug in argmap: please report it with the "
                "debate file"
            )
        reason = first if len(lines) == 1 else f"{first} ({lines[-1]})"
    return f"'dot' failed to render {fmt.upper()}: {reason}; nothing was written"


def drawing_problem(fmt: str, data: bytes) -> str | None:
    """What is wrong with a drawing ``dot`` returned, or None if it looks whole: the
    format's signature at the start and its end marker at the end."""
    if fmt == "png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            return "it does not start as a PNG does"
        if b"IEND" not in data[-12:]:
            return "the PNG is cut short"
    elif fmt == "pdf":
        if not data.startswith(b"%PDF-"):
            return "it does not start as a PDF does"
        if b"%%EOF" not in data[-1024:]:
            return "the PDF is cut short"
    elif fmt == "svg":
        if b"<svg" not in data[:4096]:
            return "it holds no <svg> element"
        if not data.rstrip().endswith(b"</svg>"):
            return "the SVG is cut short"
    return None


_SIZE: Final = re.compile(rb'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')


def svg_size(svg: bytes) -> tuple[float, float]:
    """The width and height in points that Graphviz gave an SVG drawing."""
    found = _SIZE.search(svg)
    if found is None:  # pragma: no cover - Graphviz always writes them
        return (0.0, 0.0)
    return float(found.group(1)), float(found.group(2))
