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
from typing import Final

from argmap.errors import ArgmapError, UsageError

FORMATS: Final = ("svg", "png", "pdf")
"""What ``dot`` may be asked to produce (its ``-T`` allowlist)."""
TIMEOUT_SECONDS: Final = 120.0


class RenderError(ArgmapError, RuntimeError):
    """``dot`` is missing, failed or timed out; nothing was written."""


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


def run_dot(dot_source: str, fmt: str, *, dpi: int | None = None) -> bytes:
    """Lay out DOT text and return the drawing in ``fmt`` (svg, png or pdf)."""
    if fmt not in FORMATS:
        raise UsageError(f"cannot render to {fmt!r}: use one of {', '.join(FORMATS)}")
    command = [find_dot(), f"-T{fmt}"]
    if dpi is not None:
        command.append(f"-Gdpi={int(dpi)}")
    with tempfile.TemporaryDirectory(prefix="argmap-dot-") as sandbox:
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
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                env=env,
                cwd=sandbox,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"'dot' took longer than {TIMEOUT_SECONDS:g} s to lay out the map; nothing was "
                "written. Draw less at once: --split positions, or --focus ID --depth 2"
            ) from None
        except OSError as exc:
            raise RenderError(f"could not run 'dot': {exc.strerror or exc}") from None
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit status {done.returncode}"
        raise RenderError(f"'dot' failed to render {fmt.upper()}: {reason}; nothing was written")
    return done.stdout


_SIZE: Final = re.compile(rb'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')
A4_POINTS: Final = (842.0, 595.0)


def svg_size(svg: bytes) -> tuple[float, float]:
    """The width and height in points that Graphviz gave an SVG drawing."""
    found = _SIZE.search(svg)
    if found is None:  # pragma: no cover - Graphviz always writes them
        return (0.0, 0.0)
    return float(found.group(1)), float(found.group(2))


def printed_font_size(svg: bytes, font_size: float) -> float:
    """The size text of ``font_size`` points would have with the drawing scaled to fit an A4
    page (either way round). Below about 6 points a printed map stops being readable."""
    width, height = svg_size(svg)
    if not width or not height:
        return font_size
    long_side, short_side = A4_POINTS
    scale = max(
        min(long_side / width, short_side / height), min(short_side / width, long_side / height)
    )
    return font_size * min(scale, 1.0)
