"""Debate files as a git repository holds them: ``REV:path`` (``HEAD~1:debates/x.yaml``).

``argmap diff`` compares a file with an earlier version of itself without checking it
out: a name that is not a file and has the shape ``REV:path`` is read with
``git cat-file``, as ``git show`` reads it (a path relative to the repository's top, or
``./path`` relative to the current folder). The name is passed to git as one argument,
never through a shell, and a name that git could take for an option is refused.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import Final

from argmap.errors import UsageError
from argmap.io.source_map import MAX_FILE_BYTES

_REVISION: Final = re.compile(r"[^:\s-][^:\s]*:[^\n\x00]+")
TIMEOUT_SECONDS: Final = 60.0


def is_revision(name: str) -> bool:
    """Whether ``name`` has the shape ``REV:path`` and names no file here."""
    return _REVISION.fullmatch(name) is not None and not os.path.lexists(name)


def read_revision(name: str) -> bytes:
    """The bytes git holds for ``REV:path``; a :class:`UsageError` that says why when git
    is missing, the folder is not in a repository, or the revision or path is unknown."""
    if not is_revision(name):
        raise UsageError(f"'{name}' is neither a file nor a git revision and path (REV:path)")
    git = shutil.which("git")
    if git is None:
        raise UsageError(f"'{name}' names a git revision, and git is not installed")
    try:
        done = subprocess.run(
            [git, "--no-pager", "cat-file", "blob", name],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"'{name}': git could not be run ({exc})") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = said[-1].removeprefix("fatal: ") if said else f"git exited with {done.returncode}"
        raise UsageError(f"'{name}': no such file, and git cannot read it: {why}")
    if len(done.stdout) > MAX_FILE_BYTES:
        raise UsageError(
            f"'{name}' is {len(done.stdout):,} bytes; argmap reads debate files of up to "
            f"{MAX_FILE_BYTES:,} bytes"
        )
    return done.stdout
