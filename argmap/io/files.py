"""Files in and out, safely.

Reading: argmap reads regular files only, of bounded size. A named pipe, a device or a
folder given as input is refused at once (reading ``/dev/zero`` or a pipe with no writer
would never end), and what was read is remembered by device and inode, so that no
output can later replace it.

Writing, all of a request or none of it:

- no output may be one of the inputs: the same path, ``./`` forms, symlinks and hard
  links count (compared by device and inode), nor may two outputs be one file;
- a regular file is replaced atomically: the new content goes to a temporary file beside
  it, reaches the disk (``fsync``), and replaces the old file only when every output of
  the request is ready; if a later replacement fails, the earlier ones are rolled back;
  an existing file keeps its permissions (a read-only one is not replaced), and a
  symlink is written through, not replaced;
- a character device (``/dev/null``, a terminal) or a named pipe with a reader is
  written straight through; never replaced by a regular file;
- a failure (full disk, read-only folder, a folder or a block device in the way, a
  parent that is a file) removes every temporary file and every folder the request made,
  leaves the previous outputs as they were, and raises :class:`WriteError` with one line
  that names the path and the reason.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeAlias

from argmap.errors import ArgmapError, UsageError, WriteError

_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)  # POSIX; where it is missing, opening waits
FileId: TypeAlias = tuple[int, int]
"""A file's identity: (device, inode)."""


@dataclass(frozen=True)
class InputFile:
    """A file argmap read: the name it was given and, if known, its identity."""

    name: str
    identity: FileId | None = None


class NotAFileError(ArgmapError, OSError):
    """An input path names a folder, a pipe, a device or a socket, not a regular file."""

    def __init__(self, path: str, kind: str) -> None:
        self.kind = kind
        super().__init__(errno.EINVAL, f"it is {kind}, not a regular file", path)


class TooLargeError(ArgmapError, OSError):
    """An input file is larger than the caller reads."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        self.size, self.limit = size, limit
        super().__init__(errno.EFBIG, f"it is {size:,} bytes; the limit is {limit:,}", path)


def kind_of(mode: int) -> str:
    """What a file mode describes, in words: ``a folder``, ``a named pipe (FIFO)``…"""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a regular file" if stat.S_ISREG(mode) else "a special file"


def read_file(path: str | os.PathLike[str], limit: int) -> tuple[bytes, InputFile]:
    """The bytes of a regular file of at most ``limit`` bytes, and what it was.

    Raises :class:`NotAFileError` for anything but a regular file (checked before it is
    opened, so a pipe or a device is never opened), :class:`TooLargeError` past
    ``limit``, and :class:`OSError` when the file cannot be read.
    """
    name = os.fspath(path)
    info = os.stat(name)
    if not stat.S_ISREG(info.st_mode):
        raise NotAFileError(name, kind_of(info.st_mode))
    if info.st_size > limit:
        raise TooLargeError(name, info.st_size, limit)
    flags = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(name, flags)
    try:
        opened = os.fstat(fd)  # the file may have been swapped since the stat above
        if not stat.S_ISREG(opened.st_mode):
            raise NotAFileError(name, kind_of(opened.st_mode))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise TooLargeError(name, size, limit)
    return b"".join(chunks), InputFile(name, (opened.st_dev, opened.st_ino))


# -- writing ---------------------------------------------------------------------------

_NEW: Final = "new"
_FILE: Final = "file"
_STREAM: Final = "stream"


@dataclass
class _Target:
    path: Path  # as the caller named it: messages use this
    real: Path  # with symlinks resolved: this is what gets written
    kind: str  # _NEW, _FILE (an existing regular file) or _STREAM (device or pipe)
    identity: FileId | None = None
    mode: int | None = None


def _failure(path: Path, exc: OSError, what: str = "") -> WriteError:
    reason = exc.strerror or str(exc)
    return WriteError(f"could not write '{path}': {what or reason}")


def _target(path: Path) -> _Target:
    """What writing to ``path`` would mean, or a :class:`WriteError` saying why it cannot."""
    try:
        info = os.stat(path)  # follows symlinks: a link is written through
    except FileNotFoundError:
        return _Target(path, Path(os.path.realpath(path)), _NEW)
    except NotADirectoryError:
        raise WriteError(
            f"could not write '{path}': a parent of it is a file, not a folder"
        ) from None
    except OSError as exc:
        raise _failure(path, exc) from None
    mode = info.st_mode
    identity = (info.st_dev, info.st_ino)
    if stat.S_ISREG(mode):
        real = Path(os.path.realpath(path))
        if not os.access(real, os.W_OK):  # replacing it would work, but it says "keep me"
            raise WriteError(f"could not write '{path}': the file is read-only")
        return _Target(path, real, _FILE, identity, stat.S_IMODE(mode))
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return _Target(path, path, _STREAM, identity)
    raise WriteError(
        f"could not write '{path}': it is {kind_of(mode)}; argmap writes regular files, "
        "character devices and named pipes only"
    )


def _input_identities(inputs: Iterable[InputFile]) -> dict[FileId, str]:
    found: dict[FileId, str] = {}
    for item in inputs:
        try:
            info = os.stat(item.name)
            found[(info.st_dev, info.st_ino)] = item.name
        except OSError:
            pass
        if item.identity is not None:
            found.setdefault(item.identity, item.name)
    return found


def guard_outputs(paths: Iterable[Path], inputs: Iterable[InputFile]) -> None:
    """Refuse (:class:`UsageError`) an output that is one of the inputs, or two outputs
    that are one file. Nothing is written."""
    protected = _input_identities(inputs)
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            target = _target(path)
        except WriteError as exc:
            raise WriteError(f"{exc}; nothing was written") from None
        if target.identity is not None and target.identity in protected:
            source = protected[target.identity]
            same = (
                "is" if os.path.abspath(source) == os.path.abspath(path) else "is the same file as"
            )
            raise UsageError(
                f"'{path}' {same} the input '{source}'; argmap never writes over its "
                "input: choose another output name"
            )
        key = str(target.real)
        if key in seen and seen[key] != path:
            raise UsageError(f"'{seen[key]}' and '{path}' are the same file: name two outputs")
        seen[key] = path


def write_files(
    outputs: Mapping[Path, bytes], *, inputs: Iterable[InputFile] = ()
) -> tuple[Path, ...]:
    """Write every output or none (see the module's docstring); return the paths written.

    Raises :class:`UsageError` when an output is one of ``inputs`` (nothing is written)
    and :class:`WriteError` when writing fails (nothing is left behind).
    """
    inputs = list(inputs)
    paths = [Path(p) for p in outputs]
    guard_outputs(paths, inputs)
    made_dirs: list[Path] = []
    staged: list[tuple[Path, _Target]] = []
    backups: list[tuple[Path, Path]] = []
    replaced: list[_Target] = []
    streamed: list[Path] = []
    done = False
    try:
        targets = [_target(p) for p in paths]
        for target in targets:
            if target.kind != _STREAM:
                made_dirs += _make_parents(target)
        umask = _umask()
        for target, data in zip(targets, outputs.values(), strict=True):
            if target.kind != _STREAM:
                staged.append((_stage(target, data, umask), target))
        for target, data in zip(targets, outputs.values(), strict=True):
            if target.kind == _STREAM:
                _write_through(target, data)
                streamed.append(target.path)
        for temp, target in staged:
            backup = _backup(target) if target.kind == _FILE else None
            if backup is not None:
                backups.append((backup, target.real))
            try:
                os.replace(temp, target.real)
            except OSError as exc:
                raise _failure(target.path, exc) from None
            replaced.append(target)
        done = True
    except WriteError as exc:
        if streamed:
            sent = ", ".join(f"'{p}'" for p in streamed)
            raise WriteError(f"{exc}; only {sent} received its output") from None
        raise WriteError(f"{exc}; nothing was written") from None
    finally:
        if not done:
            _roll_back(replaced, backups)
        for temp, _ in staged:
            _remove(temp)
        for backup, _ in backups:
            _remove(backup)
        if not done:
            for folder in reversed(made_dirs):
                with contextlib.suppress(OSError):
                    folder.rmdir()
    return tuple(paths)


def _short(name: str) -> str:
    """At most 100 bytes of a file name, so that a temporary name built on it stays
    under the 255 bytes a file name may have."""
    return name.encode("utf-8", "surrogateescape")[:100].decode("utf-8", "ignore")


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _make_parents(target: _Target) -> list[Path]:
    """Create the missing folders above the target; return those made, outermost first."""
    parent = target.real.parent
    missing: list[Path] = []
    while not parent.exists() and not parent.is_symlink():
        missing.append(parent)
        if parent.parent == parent:
            break
        parent = parent.parent
    made: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            if not folder.is_dir():
                raise WriteError(
                    f"could not write '{target.path}': '{folder}' is a file, not a folder"
                ) from None
        except NotADirectoryError:
            raise WriteError(
                f"could not write '{target.path}': a parent of it is a file, not a folder"
            ) from None
        except OSError as exc:
            raise WriteError(
                f"could not write '{target.path}': cannot create the folder '{folder}': "
                f"{exc.strerror or exc}"
            ) from None
        else:
            made.append(folder)
    if not target.real.parent.is_dir():
        raise WriteError(f"could not write '{target.path}': '{target.real.parent}' is not a folder")
    return made


def _stage(target: _Target, data: bytes, umask: int) -> Path:
    """The content in a temporary file beside the target, on the disk; its path."""
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{_short(target.real.name)}.", suffix=".part", dir=target.real.parent
        )
    except OSError as exc:
        raise _failure(target.path, exc) from None
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            # an existing file keeps its permissions; a new one gets an ordinary file's
            mode = target.mode if target.mode is not None else 0o666 & ~umask
            if hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)
    except OSError as exc:
        _remove(temp)
        raise _failure(target.path, exc) from None
    return temp


PIPE_WAIT_SECONDS: Final = 10.0
"""How long a write to a named pipe waits for a program to start reading it."""


def _write_through(target: _Target, data: bytes) -> None:
    """Write to a character device or a named pipe, in place."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    deadline = time.monotonic() + PIPE_WAIT_SECONDS
    while True:
        try:
            # a pipe that nobody reads would block forever: ask without waiting, and
            # give a reader started just after argmap some time to come
            fd = os.open(target.path, flags | _NONBLOCK)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise _failure(target.path, exc) from None
            if time.monotonic() >= deadline:
                raise WriteError(
                    f"could not write '{target.path}': it is a named pipe that no program "
                    f"read within {PIPE_WAIT_SECONDS:g} s"
                ) from None
            time.sleep(0.05)
    try:
        if _NONBLOCK:
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise _failure(target.path, exc) from None
    finally:
        os.close(fd)


def _backup(target: _Target) -> Path | None:
    """A hard link to the file about to be replaced, so a failed request can restore it."""
    for attempt in range(100):
        backup = target.real.with_name(f".{_short(target.real.name)}.{os.getpid()}-{attempt}.bak")
        try:
            os.link(target.real, backup)
        except FileExistsError:
            continue
        except OSError:
            return None  # no hard links here: the replacement is still atomic on its own
        return backup
    return None


def _roll_back(replaced: list[_Target], backups: list[tuple[Path, Path]]) -> None:
    saved = {real: backup for backup, real in backups}
    for target in replaced:
        backup = saved.get(target.real)
        try:
            if backup is not None:
                os.replace(backup, target.real)
            elif target.kind == _NEW:
                target.real.unlink()
        except OSError:
            pass


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def same_as_input(fd: int, inputs: Iterable[InputFile]) -> str | None:
    """The input that the open file ``fd`` (standard output, say) is, if it is one."""
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return _input_identities(inputs).get((info.st_dev, info.st_ino))
