"""A template folder's brief rendered in a process of its own, bounded in CPU time and
memory (:class:`~argmap.exporters.template_limits.TemplateLimits`).

    python -I -m argmap.exporters.template_child < request > result.json

argmap sends the request (the folder, the template's name, the brief's values, the
limits) as a pickle it made itself; the process sets its own limits before it renders,
and answers in JSON: the HTML, or the failure in words, and the files it read from the
folder (which no output may replace). A process that runs out of CPU time is stopped by
the kernel; one that runs out of memory says so. Nothing the template does can reach
argmap's own process.
"""

from __future__ import annotations

import json
import math
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

from argmap.errors import UsageError
from argmap.exporters.templates import TemplateFolder, render_here
from argmap.io.files import InputFile

_SLACK_SECONDS = 10.0
"""Wall-clock time the process may take beyond its CPU time (starting, waiting)."""


def render_bounded(folder: TemplateFolder, name: str, variables: dict[str, Any]) -> str:
    """Render ``name`` from ``folder`` in a bounded process (see the module)."""
    limits = folder.limits
    request = pickle.dumps(
        {
            "folder": str(folder.path),
            "name": name,
            "variables": variables,
            "seconds": limits.seconds,
            "memory": limits.memory_mb,
        }
    )
    too_long = UsageError(
        f"the brief template ran longer than {limits.seconds:g} s (--template-seconds); "
        "nothing was written"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-m", "argmap.exporters.template_child"],
            input=request,
            capture_output=True,
            timeout=limits.seconds + _SLACK_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise too_long from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        if done.returncode in (-24, -9):  # SIGXCPU, then SIGKILL: the CPU limit
            raise too_long
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            "the brief template failed: its process stopped "
            f"({said[-1] if said else f'exit status {done.returncode}'}); nothing was written"
        )
    for read_name, identity in answer.get("read", []):
        folder.read_files.append(InputFile(read_name, tuple(identity) if identity else None))
    if "memory" in answer:
        raise UsageError(
            f"the brief template needed more than {limits.memory_mb:,} MiB of memory "
            "(--template-memory); nothing was written"
        )
    if "error" in answer:
        raise UsageError(str(answer["error"]))
    return str(answer["html"])


def main() -> int:
    """Read a request on standard input, render it, answer on standard output."""
    request = pickle.loads(sys.stdin.buffer.read())  # argmap's own request, never a file
    _limit(float(request["seconds"]), int(request["memory"]))
    folder = TemplateFolder(Path(request["folder"]))
    answer: dict[str, Any]
    try:
        answer = {"html": render_here(folder, request["name"], **request["variables"])}
    except UsageError as exc:
        answer = {"error": str(exc)}
    except MemoryError:
        answer = {"memory": True}
    answer["read"] = [[f.name, list(f.identity) if f.identity else None] for f in folder.read_files]
    sys.stdout.write(json.dumps(answer))
    return 0


def _limit(seconds: float, memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX: the parent's wall clock bounds it
        return
    cpu = max(1, math.ceil(seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


if __name__ == "__main__":
    sys.exit(main())
