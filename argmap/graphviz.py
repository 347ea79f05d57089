"""The only place that runs Graphviz's ``dot`` (files are written by :mod:`argmap.io.files`).

``dot`` runs as a subprocess with a fixed set of output formats, a timeout, and an
environment that confines the layout engine: ``SERVER_NAME`` and ``GV_FILE_PATH`` make
Graphviz refuse to read image or shape files from anywhere but an empty folder of our
own. Three ways, one confinement:

- :func:`run_dot`: one drawing, DOT on standard input, the drawing into that folder;
- :func:`run_dot_each`: the pages of a printed map, up to :data:`BATCH` to a ``dot``,
  each page's DOT in a file of a private temporary folder of their own (removed with
  the drawings, whatever happens: no ``.gv`` file is left behind);
- :func:`measure_svg` and :func:`layout_size`: pages measured by a ``dot`` kept running
  (starting one takes longer than laying out a page), each size once per process.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import selectors
import shutil
import subprocess
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import IO, Final, TypeVar

from argmap.errors import RenderError, UsageError

FORMATS: Final = ("svg", "png", "pdf")
"""What ``dot`` may be asked to produce (its ``-T`` allowlist)."""
TIMEOUT_SECONDS: Final = 120.0
_SETTING: Final = re.compile(r"size|margin|pad")
_NUMBERS: Final = re.compile(r"[0-9.]+(,[0-9.]+)?")


_FOUND: dict[str | None, str] = {}
"""Where ``dot`` was found last, by the ``PATH`` it was found on."""


def find_dot() -> str:
    """The path of ``dot``, or a :class:`RenderError` that says how to install it (looked
    up again when ``PATH`` changes, or when the ``dot`` found last is gone)."""
    search = os.environ.get("PATH")
    found = _FOUND.get(search)
    if found is not None and os.access(found, os.X_OK):
        return found
    path = shutil.which("dot")
    if path is None:
        raise RenderError(
            "Graphviz's 'dot' is not installed, so only .dot files can be written. "
            "Install it with 'sudo apt-get install graphviz' (Debian/Ubuntu), "
            "'brew install graphviz' (macOS) or from https://graphviz.org/download/"
        )
    _FOUND.clear()
    _FOUND[search] = path
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
    command = _dot_command(fmt, dpi, settings)
    with tempfile.TemporaryDirectory(prefix="argmap-dot-") as sandbox:
        # the drawing goes to a file and is read in one piece: collected from a pipe, a
        # 26 MB SVG was held twice while its chunks were joined
        drawing = os.path.join(sandbox, f"drawing.{fmt}")
        done = _run_confined([*command, f"-o{drawing}"], sandbox, dot_source.encode("utf-8"))
        output = _read_drawing(drawing)
    return _drawings(fmt, done.returncode, done.stderr, [output], describe, warn)[0]


BATCH: Final = 40
"""Graphs one ``dot`` draws at most in :func:`run_dot_each` (each batch has the timeout)."""


def run_dot_each(
    dot_sources: list[str],
    fmt: str,
    *,
    settings: Mapping[str, str] | None = None,
    describe: Callable[[str], str] | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[bytes]:
    """Each DOT text laid out and drawn in ``fmt``, as :func:`run_dot` draws it, by one
    ``dot`` for up to :data:`BATCH` of them (``-O``: each graph from a file of its own in
    a folder of its own, its drawing written beside it): a map printed on 200 pages
    started ``dot`` 200 times. Fails as :func:`run_dot` does, naming the page whose graph
    ``dot`` refused."""
    if len(dot_sources) == 1:
        return [run_dot(dot_sources[0], fmt, settings=settings, describe=describe, warn=warn)]
    command = _dot_command(fmt, None, settings)
    drawings: list[bytes] = []
    for start in range(0, len(dot_sources), BATCH):
        batch = dot_sources[start : start + BATCH]
        with (
            tempfile.TemporaryDirectory(prefix="argmap-dot-") as sandbox,
            tempfile.TemporaryDirectory(prefix="argmap-dot-in-") as graphs,
        ):
            names = [os.path.join(graphs, f"page{n}.gv") for n in range(len(batch))]
            for name, source in zip(names, batch, strict=True):
                with open(name, "w", encoding="utf-8") as stream:
                    stream.write(source)
            done = _run_confined([*command, "-O", *names], sandbox, None)
            outputs = [_read_drawing(f"{name}.{fmt}") for name in names]
        said = done.stderr
        for n, name in enumerate(names, start + 1):  # graph files are ours: say the page
            said = said.replace(name.encode(), f"page {n}".encode())
        drawings += _drawings(fmt, done.returncode, said, outputs, describe, warn)
    return drawings


def _dot_command(fmt: str, dpi: int | None, settings: Mapping[str, str] | None) -> list[str]:
    """``dot`` asked for ``fmt`` with argmap's graph settings (numbers it computed, never
    text from a debate)."""
    if fmt not in FORMATS:
        raise UsageError(f"cannot render to {fmt!r}: use one of {', '.join(FORMATS)}")
    command = [find_dot(), f"-T{fmt}"]
    if dpi is not None:
        command.append(f"-Gdpi={int(dpi)}")
    for name, value in (settings or {}).items():
        if not _SETTING.fullmatch(name) or not _NUMBERS.fullmatch(value):
            raise ValueError(f"not a graph setting argmap makes: {name}={value}")
        command.append(f"-G{name}={value}")
    return command


def _run_confined(
    command: list[str], sandbox: str, data: bytes | None
) -> subprocess.CompletedProcess[bytes]:
    """``dot`` run to its end in ``sandbox`` (see :func:`_confined`), ``data`` on its
    standard input, what it says kept; too long a wait or no ``dot`` to run, said."""
    try:
        return subprocess.run(
            command,
            input=data,
            stdin=subprocess.DEVNULL if data is None else None,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT_SECONDS,
            env=_confined(sandbox),
            cwd=sandbox,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _too_slow() from None
    except OSError as exc:
        raise RenderError(f"could not run 'dot': {exc.strerror or exc}") from None


def _read_drawing(path: str) -> bytes:
    """The drawing ``dot`` wrote there, or nothing."""
    if not os.path.isfile(path):
        return b""
    with open(path, "rb") as stream:
        return stream.read()


def _drawings(
    fmt: str,
    status: int,
    said: bytes,
    drawings: list[bytes],
    describe: Callable[[str], str] | None,
    warn: Callable[[str], None] | None,
) -> list[bytes]:
    """The drawings of a ``dot`` run, once it is clear they are all whole: an error (its
    failure in the user's words) if ``dot`` failed or one is missing or not whole; what it
    warned of passed to ``warn``."""
    if status != 0 or not all(drawings):
        raise RenderError(_failure(fmt, status, said, describe))
    if warn is not None:
        for warning in _warnings(said, describe):
            warn(warning)
    for drawing in drawings:
        problem = drawing_problem(fmt, drawing)
        if problem is not None:
            raise RenderError(
                f"'dot' returned no usable {fmt.upper()} ({problem}); nothing was written. "
                "Check the Graphviz installation: 'dot -V'"
            )
    return drawings


def _confined(sandbox: str) -> dict[str, str]:
    """The environment ``dot`` runs in: Graphviz refuses to read files from anywhere but
    ``sandbox``, an empty folder."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "SERVER_NAME": "argmap",  # Graphviz: running as a service, restrict file access
        "GV_FILE_PATH": sandbox,  # ... to this empty folder
        "HOME": sandbox,
        "LANG": "C.UTF-8",
    }


def _too_slow() -> RenderError:
    return RenderError(
        f"'dot' took longer than {TIMEOUT_SECONDS:g} s to lay out the map; nothing was "
        "written. Draw less at once: --split positions, or --focus ID --depth 2"
    )


_LAST: Final = b"digraph argmap_layouts_end {}\n"
"""The graph sent after each one a :class:`_Layouts` lays out: its drawing marks the end
of the one before, whether or not that one gave a drawing."""
_LAST_TITLE: Final = b"<!-- Title: argmap_layouts_end Pages: 1 -->"
_LARGEST_KEPT: Final = 1 << 20
"""Larger DOT sources are laid out by a ``dot`` of their own (its start-up is nothing
beside their layout, and their drawings are not held twice)."""


class _Layouts:
    """One ``dot -Tsvg`` kept running to lay out graph after graph: starting ``dot`` takes
    longer than laying out a page of a map (15-20 ms against 1-5 ms), and a map on paper
    is measured a page at a time, hundreds of times. DOT goes in on standard input, each
    graph followed by an empty one whose drawing says the first is done; ``dot`` writes
    each drawing as soon as it is laid out. It runs confined as :func:`run_dot`'s does.
    A graph it gives no drawing of, or an error about, is laid out again by
    :func:`run_dot`, which says why."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.lock = threading.RLock()
        self.process: subprocess.Popen[bytes] | None = None
        self.sandbox: tempfile.TemporaryDirectory[str] | None = None
        self.said: IO[bytes] | None = None
        """What ``dot`` says, in an unnamed file (emptied after each graph)."""

    def start(self) -> subprocess.Popen[bytes]:
        self.sandbox = tempfile.TemporaryDirectory(prefix="argmap-dot-")
        self.said = tempfile.TemporaryFile(prefix="argmap-dot-")  # noqa: SIM115 (kept open)
        self.process = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.said,
            env=_confined(self.sandbox.name),
            cwd=self.sandbox.name,
        )
        return self.process

    def svg(self, dot_source: str) -> bytes | None:
        """The SVG drawing of ``dot_source``, or None where this ``dot`` gave none (it
        failed on it, or is gone): the caller then runs a ``dot`` of its own, which says
        why. Waits at most :data:`TIMEOUT_SECONDS`, then stops it and says so."""
        with self.lock:
            try:
                process = self.process if self.process is not None else self.start()
                out = self.exchange(process, dot_source.encode("utf-8") + b"\n" + _LAST)
            except TimeoutError:
                self.close()
                raise _too_slow() from None
            except (OSError, ValueError):
                out = None
            if out is None:
                self.close()
                return None
            if self.troubled():
                return None
            drawing = out[: out.rfind(b"<?xml", 0, out.find(_LAST_TITLE))]
            return drawing if drawing_problem("svg", drawing) is None else None

    def troubled(self) -> bool:
        """Whether ``dot`` said more than warnings of the graph just laid out (where a
        ``dot`` of its own would exit with an error, drawing or not); what it said is
        then forgotten. Its messages are all written by the time its drawing is: the file
        and ``dot`` share one offset, so emptying it is seeking back to its start."""
        assert self.said is not None
        self.said.seek(0)
        said = self.said.read()
        self.said.seek(0)
        self.said.truncate()
        lines = said.decode("utf-8", "replace").splitlines()
        return any(line.strip() and not line.startswith("Warning:") for line in lines)

    @staticmethod
    def exchange(process: subprocess.Popen[bytes], data: bytes) -> bytes | None:
        """Sends ``data``, reading what ``dot`` draws meanwhile, until the closing graph's
        drawing has come (None if ``dot`` ended first; TimeoutError if it takes longer
        than :data:`TIMEOUT_SECONDS`)."""
        assert process.stdin is not None
        assert process.stdout is not None
        deadline = time.monotonic() + TIMEOUT_SECONDS
        out = bytearray()
        sent = 0
        last = -1
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            selector.register(process.stdin, selectors.EVENT_WRITE)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                for key, _ in selector.select(left):
                    if key.fileobj is process.stdin:
                        sent += os.write(process.stdin.fileno(), data[sent : sent + 65536])
                        if sent == len(data):
                            selector.unregister(process.stdin)
                        continue
                    chunk = os.read(process.stdout.fileno(), 1 << 16)
                    if not chunk:
                        return None
                    out += chunk
                    if last < 0:  # where the closing graph's drawing starts, once it has
                        last = out.find(_LAST_TITLE, max(0, len(out) - len(chunk) - 64))
                    if last >= 0 and out.rstrip().endswith(b"</svg>"):
                        return bytes(out)

    def close(self) -> None:
        """Stops this ``dot`` (it is started again when next needed)."""
        with self.lock:
            process, self.process = self.process, None
            if process is not None:
                for stream in (process.stdin, process.stdout):
                    if stream is not None:
                        stream.close()
                process.kill()
                process.wait()
            if self.said is not None:
                self.said.close()
            if self.sandbox is not None:
                self.sandbox.cleanup()
            self.said = self.sandbox = None


_KEPT: dict[tuple[str, ...], list[_Layouts]] = {}
"""The ``dot`` processes kept running, by command line (the latest used last)."""
_KEPT_LOCK: Final = threading.Lock()
_KEPT_AT_MOST: Final = 2
"""Command lines kept (a map's pages are measured with one)."""


def _cores() -> int:
    """The cores this process may run on (where the system says; else all of them)."""
    allowed = getattr(os, "sched_getaffinity", None)  # Linux
    return len(allowed(0)) if allowed is not None else os.cpu_count() or 1


PARALLEL: Final = max(1, min(4, _cores()))
"""How many layouts run at once: one per core (at most 4)."""


_T = TypeVar("_T")


def side_by_side(work: list[Callable[[], _T]]) -> list[_T]:
    """Each piece of work's result, in order, done in threads (up to :data:`PARALLEL`)
    when there is more than one piece and more than one core: for work that waits on
    ``dot`` most of its time."""
    threads = min(len(work), PARALLEL)
    if threads < 2:
        return [do() for do in work]
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="argmap") as pool:
        return list(pool.map(lambda do: do(), work))


def _layouts_for(command: list[str]) -> _Layouts:
    """A kept ``dot`` of this command line that no one else is using, started if need be
    (up to :data:`PARALLEL` of them), its lock held for the caller."""
    key = tuple(command)
    with _KEPT_LOCK:
        group = _KEPT.pop(key, [])
        _KEPT[key] = group
        while len(_KEPT) > _KEPT_AT_MOST:
            for old in _KEPT.pop(next(iter(_KEPT))):
                old.close()
        for layouts in group:
            if layouts.lock.acquire(blocking=False):
                return layouts
        if len(group) < PARALLEL:
            layouts = _Layouts(command)
            layouts.lock.acquire()
            group.append(layouts)
            return layouts
        layouts = group[0]
    layouts.lock.acquire()
    return layouts


def measure_svg(
    dot_source: str,
    settings: Mapping[str, str] | None = None,
    describe: Callable[[str], str] | None = None,
) -> bytes:
    """An SVG drawing to measure, as :func:`run_dot` draws it (the same ``dot`` and
    settings: the same drawing but for its elements' ``id``), from a ``dot`` kept running
    for the purpose (:class:`_Layouts`); where that gives none, from :func:`run_dot`,
    whose error says why. Safe to call from several threads at once."""
    return _measured(_dot_command("svg", None, settings), dot_source, settings, describe)


def _measured(
    command: list[str],
    dot_source: str,
    settings: Mapping[str, str] | None,
    describe: Callable[[str], str] | None,
) -> bytes:
    """:func:`measure_svg` with its ``dot`` command line already made."""
    if len(dot_source) <= _LARGEST_KEPT:
        layouts = _layouts_for(command)
        try:
            drawing = layouts.svg(dot_source)
        finally:
            layouts.lock.release()
        if drawing is not None:
            return drawing
    return run_dot(dot_source, "svg", settings=settings, describe=describe)


SIZES_KEPT: Final = 50_000
"""Sizes of drawings :func:`layout_size` remembers (the most recently used)."""
_SIZES: OrderedDict[bytes, tuple[float, float]] = OrderedDict()
_SIZES_LOCK: Final = threading.Lock()


def layout_size(
    dot_source: str,
    settings: Mapping[str, str] | None = None,
    describe: Callable[[str], str] | None = None,
) -> tuple[float, float]:
    """The width and height in points of the SVG :func:`run_dot` would draw, measured by
    :func:`measure_svg` once per process for each graph and ``dot`` command line: a page
    measured again (another plan of the same map, another map of the same debate in
    ``build``, the brief after a save in the live preview) is not laid out again. Kept by
    a digest of the two, at most :data:`SIZES_KEPT`."""
    command = _dot_command("svg", None, settings)
    written = "\0".join([*command, dot_source])
    key = hashlib.blake2b(written.encode("utf-8"), digest_size=20).digest()
    with _SIZES_LOCK:
        size = _SIZES.get(key)
        if size is not None:
            _SIZES.move_to_end(key)
            return size
    size = svg_size(_measured(command, dot_source, settings, describe))
    with _SIZES_LOCK:
        _SIZES[key] = size
        if len(_SIZES) > SIZES_KEPT:
            _SIZES.popitem(last=False)
    return size


@atexit.register
def _close_kept() -> None:
    with _KEPT_LOCK:
        while _KEPT:
            for layouts in _KEPT.popitem()[1]:
                layouts.close()


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
