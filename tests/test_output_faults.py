"""Outputs that must not be written, and writes that fail: nothing lost, nothing left behind.

Every case checks the exit status, the exact message, that the input and any previous
output are byte for byte as they were, and that no temporary file is left. Cases that
need a tiny or read-only file system mount a tmpfs, which needs root (CI runs as root);
elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.io import files
from argmap.io.files import InputFile, write_files
from tests.conftest import ROOT

runner = CliRunner()
BASE = ROOT / "tests" / "zoo" / "valid-base.yaml"
FORMATS = ROOT / "tests" / "fixtures" / "formats"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def leftovers(folder: Path) -> list[str]:
    """Temporary or backup files a write left behind."""
    return sorted(p.name for p in folder.rglob(".*") if p.name.endswith((".part", ".bak")))


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """A debate whose map is larger than a tiny disk."""
    path = tmp_path / "big.yaml"
    shutil.copy(ROOT / "debates" / "hikvision-2019.yaml", path)
    return path


@pytest.fixture
def debate(tmp_path: Path) -> Path:
    path = tmp_path / "d.yaml"
    shutil.copy(BASE, path)
    return path


# -- an output that is an input --------------------------------------------------------


def _same_file_forms(debate: Path) -> dict[str, Path]:
    folder = debate.parent
    (folder / "link.yaml").symlink_to(debate.name)
    os.link(debate, folder / "hard.yaml")
    return {
        "same path": debate,
        "./ form": Path(os.path.relpath(debate)).parent / "." / debate.name,
        "symlink": folder / "link.yaml",
        "hard link": folder / "hard.yaml",
    }


@pytest.mark.parametrize("form", ["same path", "./ form", "symlink", "hard link"])
@pytest.mark.parametrize(
    "command",
    [
        ["brief", "{in}", "-o", "{out}", "--format", "html"],
        ["brief", "{in}", "-o", "{out}", "--format", "md"],
        ["convert", "{in}", "{out}", "--to", "kialo"],
        ["convert", "{in}", "{out}", "--to", "json"],
    ],
    ids=["brief-html", "brief-md", "convert-kialo", "convert-json"],
)
def test_no_command_writes_over_its_input(debate: Path, form: str, command: list[str]) -> None:
    before = debate.read_bytes()
    out = _same_file_forms(debate)[form]
    args = [a.replace("{in}", str(debate)).replace("{out}", str(out)) for a in command]
    code, stdout, err = run(*args)
    same = "is" if form in ("same path", "./ form") else "is the same file as"
    assert (code, stdout) == (2, "")
    assert err == (
        f"Error: '{Path(args[3] if args[0] == 'brief' else args[2])}' {same} the input "
        f"'{debate}'; argmap never writes over its input: choose another output name\n"
    )
    assert debate.read_bytes() == before
    assert leftovers(debate.parent) == []


def refused_as_the_input(debate: Path, output: Path, *args: str | Path) -> None:
    """Run a command whose ``output`` is a link to ``debate``: refused, debate intact."""
    before = debate.read_bytes()
    code, _, err = run(*args)
    assert code == 2
    assert err == (
        f"Error: '{output}' is the same file as the input '{debate}'; argmap never writes "
        "over its input: choose another output name\n"
    )
    assert debate.read_bytes() == before


def test_render_refuses_a_map_named_like_its_input_through_a_link(debate: Path) -> None:
    link = debate.parent / "map.svg"
    link.symlink_to(debate.name)
    refused_as_the_input(debate, link, "render", debate, "-o", link)


def test_a_split_name_that_is_the_input_is_refused_before_drawing(debate: Path) -> None:
    folder = debate.parent
    (folder / "m-1-go.dot").symlink_to(debate.name)
    code, _, err = run("render", debate, "-o", folder / "m.dot", "--split", "positions")
    assert code == 2
    assert "is the same file as the input" in err
    assert not (folder / "m-overview.dot").exists()  # nothing at all was written


def test_brief_cannot_overwrite_its_template(debate: Path, tmp_path: Path) -> None:
    template = tmp_path / "tpl"
    template.mkdir()
    (template / "brief.html.j2").write_text("<p>{{ brief.title }}</p>\n", encoding="utf-8")
    code, _, err = run("brief", debate, "-o", template / "brief.html.j2", "--template", template)
    assert code == 2
    assert "is the input" in err
    assert (template / "brief.html.j2").read_text(encoding="utf-8") == "<p>{{ brief.title }}</p>\n"


def test_build_refuses_an_output_that_is_an_input(debate: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "d.brief.html").symlink_to(debate)
    refused_as_the_input(debate, out / "d.brief.html", "build", debate, "-o", out)
    assert sorted(p.name for p in out.iterdir()) == ["d.brief.html"]


@pytest.mark.parametrize(
    ("fixture", "what"),
    [
        ("tram.kialo.txt", "a Kialo export"),
        ("council.aif.json", "an AIF file"),
        ("tram.argdown", "an Argdown file"),
        ("bins.micro.xml", "an Argumentative Microtexts file"),
    ],
)
def test_fmt_rewrites_only_argmaps_own_files(tmp_path: Path, fixture: str, what: str) -> None:
    path = tmp_path / fixture
    shutil.copy(FORMATS / fixture, path)
    before = path.read_bytes()
    code, _, err = run("fmt", "--write", path)
    assert code == 2
    assert err == (
        f"Error: '{path}' is {what}; fmt rewrites only argmap's own YAML and JSON files. "
        f"To make an argmap file of it: argmap convert {path} NAME.yaml\n"
    )
    assert path.read_bytes() == before


def test_stdout_appending_to_the_input_is_refused(debate: Path) -> None:
    before = debate.read_bytes()
    with debate.open("ab") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "analyse", str(debate)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == (
        f"Error: standard output is the input '{debate}'; argmap never writes over its "
        "input: redirect the output to another file\n"
    )
    assert debate.read_bytes() == before


def test_build_refuses_two_debates_with_one_name(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(BASE, tmp_path / folder / "x.yaml")
    out = tmp_path / "out"
    code, stdout, err = run("build", tmp_path / "a", tmp_path / "b", "-o", out)
    assert (code, stdout) == (2, "")
    assert err == (
        f"Error: '{tmp_path / 'a' / 'x.yaml'}' and '{tmp_path / 'b' / 'x.yaml'}' would both be "
        f"written to '{out / 'x.dot'}': rename one, or build them into separate folders\n"
    )
    assert not out.exists()


def test_build_refuses_names_that_differ_only_in_case_or_by_theme(tmp_path: Path) -> None:
    shutil.copy(BASE, tmp_path / "x.yaml")
    shutil.copy(BASE, tmp_path / "x.print.json")  # its x.print.svg is x's greyscale map
    code, _, err = run("build", tmp_path, "-o", tmp_path / "out")
    assert code == 2
    assert f"would both be written to '{tmp_path / 'out' / 'x.print.svg'}'" in err
    (tmp_path / "x.print.json").unlink()
    shutil.copy(BASE, tmp_path / "X.json")
    code, _, err = run("build", tmp_path, "-o", tmp_path / "out")
    assert code == 2
    assert "one file on disks that ignore case" in err
    assert not (tmp_path / "out").exists()


# -- devices, pipes, folders -------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_device_is_written_through_and_never_replaced(debate: Path) -> None:
    code, _, err = run("convert", debate, "/dev/full", "--to", "json")
    assert code == 4
    assert err == (
        "Error: could not write '/dev/full': No space left on device; nothing was written\n"
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_null_takes_output(debate: Path) -> None:
    assert run("convert", debate, "/dev/null", "--to", "json") == (0, "", "wrote /dev/null\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_pipe_nobody_reads_is_refused(debate: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "PIPE_WAIT_SECONDS", 0.2)
    fifo = debate.parent / "pipe.json"
    os.mkfifo(fifo)
    code, _, err = run("convert", debate, fifo, "--to", "json")
    assert code == 4
    assert err == (
        f"Error: could not write '{fifo}': it is a named pipe that no program read within "
        "0.2 s; nothing was written\n"
    )
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_pipe_gets_the_output_when_a_reader_comes(debate: Path) -> None:
    fifo = debate.parent / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        time.sleep(0.3)  # the reader starts after argmap, as in 'argmap … & cat pipe'
        with fifo.open("rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    assert run("convert", debate, fifo, "--to", "json") == (0, "", f"wrote {fifo}\n")
    reader.join(timeout=30)
    assert received
    assert received[0].startswith(b'{\n  "argmap": 1,')
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_in_the_way(debate: Path) -> None:
    folder = debate.parent / "out.json"
    folder.mkdir()
    code, _, err = run("convert", debate, folder, "--to", "json")
    assert code == 4
    assert err == (
        f"Error: could not write '{folder}': it is a folder; argmap writes regular files, "
        "character devices and named pipes only; nothing was written\n"
    )


def test_a_parent_that_is_a_file(debate: Path) -> None:
    target = debate.parent / "d.yaml" / "x.json"
    code, _, err = run("convert", debate, target, "--to", "json")
    assert code == 4
    assert err == (
        f"Error: could not write '{target}': a parent of it is a file, not a folder; "
        "nothing was written\n"
    )
    target = debate.parent / "d.yaml" / "deeper" / "x.json"
    assert run("convert", debate, target, "--to", "json")[0] == 4


def test_a_symlinked_output_is_written_through_and_keeps_its_permissions(
    debate: Path,
) -> None:
    real = debate.parent / "real.json"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o600)
    link = debate.parent / "link.json"
    link.symlink_to(real.name)
    assert run("convert", debate, link, "--to", "json")[0] == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith('{\n  "argmap": 1,')
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert leftovers(debate.parent) == []


def test_fmt_keeps_the_files_permissions(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("# a comment\n" + BASE.read_text(encoding="utf-8"), encoding="utf-8")
    path.chmod(0o640)
    assert run("fmt", "--write", path)[0] == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# -- failing file systems --------------------------------------------------------------


@contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at ``where`` (root only), unmounted afterwards."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tiny or read-only file system needs root (CI runs as root)")
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_a_full_disk_leaves_nothing_behind_and_the_old_output_intact(
    big: Path, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "small", "size=64k") as small:
        (small / "m.svg").write_text("previous map\n", encoding="utf-8")
        code, _, err = run("render", big, "-o", small / "m.svg", "-o", small / "m.png")
        assert code == 4
        assert err.startswith(f"Error: could not write '{small}/m.")
        assert err.endswith("': No space left on device; nothing was written\n")
        assert sorted(p.name for p in small.iterdir()) == ["m.svg"]
        assert (small / "m.svg").read_text(encoding="utf-8") == "previous map\n"


def test_a_full_disk_removes_the_folders_it_made(big: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "size=16k") as small:
        code, _, _ = run("render", big, "-o", small / "new" / "deeper" / "m.svg")
        assert code == 4
        assert list(small.iterdir()) == []


def test_a_read_only_folder(debate: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "ro,size=64k") as folder:
        code, _, err = run("brief", debate, "-o", folder / "b.html")
        assert code == 4
        assert err == (
            f"Error: could not write '{folder / 'b.html'}': Read-only file system; "
            "nothing was written\n"
        )
        code, _, err = run("brief", debate, "-o", folder / "sub" / "b.html")
        assert code == 4
        assert err == (
            f"Error: could not write '{folder / 'sub' / 'b.html'}': cannot create the folder "
            f"'{folder / 'sub'}': Read-only file system; nothing was written\n"
        )


def _chattr(path: Path, flag: str) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_an_immutable_folder(debate: Path, tmp_path: Path) -> None:
    folder = tmp_path / "frozen"
    folder.mkdir()
    if not _chattr(folder, "+i"):
        pytest.skip("chattr +i needs root and a file system that supports it")
    try:
        code, _, err = run("convert", debate, folder / "x.json", "--to", "json")
        assert code == 4
        assert err == (
            f"Error: could not write '{folder / 'x.json'}': Operation not permitted; "
            "nothing was written\n"
        )
    finally:
        _chattr(folder, "-i")


def test_a_failed_replacement_rolls_back_the_ones_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("old a\n", encoding="utf-8")
    second.write_text("old b\n", encoding="utf-8")
    replace = os.replace

    def failing(source: str | Path, target: str | Path) -> None:
        if Path(target) == second:  # the disk goes away between the two replacements
            raise OSError(5, "Input/output error")
        replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match=r"b\.txt': Input/output error; nothing was written"):
        write_files({first: b"new a\n", second: b"new b\n"})
    monkeypatch.undo()
    assert first.read_text(encoding="utf-8") == "old a\n"
    assert second.read_text(encoding="utf-8") == "old b\n"
    assert leftovers(tmp_path) == []


def test_write_files_refuses_inputs_in_the_library_too(debate: Path) -> None:
    with pytest.raises(ValueError, match="never writes over its input"):
        write_files({debate: b"x"}, inputs=[InputFile(str(debate))])
    (debate.parent / "x").write_bytes(b"0")
    (debate.parent / "y").symlink_to("x")
    with pytest.raises(ValueError, match="are the same file"):
        write_files({debate.parent / "x": b"1", debate.parent / "y": b"2"})


# -- standard output ---------------------------------------------------------------------


def _cli(*args: str, stdout: IO[bytes]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "args",
    [["analyse", "debates/hikvision-2019.yaml"], ["check", "debates"], ["schema"]],
    ids=["analyse", "check", "schema"],
)
def test_a_full_stdout_is_reported(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = _cli(*args, stdout=full)
    assert done.returncode == 4
    assert done.stderr == b"Error: could not write to standard output: No space left on device\n"


def test_a_closed_pipe_ends_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "render", "debates/hikvision-2019.yaml", "-f", "dot"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader goes away before a byte is written, as 'head' may
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait() == 141
    assert err == b""


def test_a_read_only_output_is_kept(debate: Path) -> None:
    kept = debate.parent / "kept.json"
    kept.write_text("keep me\n", encoding="utf-8")
    kept.chmod(0o444)
    immutable = os.geteuid() == 0 and _chattr(kept, "+i")  # root ignores mode bits
    if os.geteuid() == 0 and not immutable:
        pytest.skip("root may write any file, and chattr +i is not available here")
    try:
        code, _, err = run("convert", debate, kept, "--to", "json")
    finally:
        if immutable:
            _chattr(kept, "-i")
    assert (code, err) == (
        4,
        f"Error: could not write '{kept}': the file is read-only; nothing was written\n",
    )
    assert kept.read_text(encoding="utf-8") == "keep me\n"


def test_a_long_file_name_is_written_and_replaced(tmp_path: Path) -> None:
    long = tmp_path / ("é" * 120 + ".json")  # 244 bytes: a temporary name beside it must fit
    write_files({long: b"first"})
    write_files({long: b"second"})
    assert long.read_bytes() == b"second"
    assert leftovers(tmp_path) == []


def test_build_writes_every_debate_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The debates are drawn side by side and written at once: a file that cannot be
    written (the disk full at the last debate's brief) leaves no other debate's files
    behind, as exit 4 says ("nothing was written")."""
    debates = tmp_path / "debates"  # two debates: the other's files must not be left
    shutil.copytree(ROOT / "debates" / "sources", debates / "sources")
    for stem in ("school-phones", "uk-5g-huawei-2020"):
        shutil.copy(ROOT / "debates" / f"{stem}.yaml", debates)
    out = tmp_path / "out"
    full = out / "uk-5g-huawei-2020.brief.html"
    stage = files._stage

    def filling(target: files._Target, data: bytes, umask: int) -> Path:
        if target.path == full:
            raise files._failure(target.path, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        return stage(target, data, umask)

    monkeypatch.setattr(files, "_stage", filling)
    code, _, err = run("build", debates, "-o", out)
    assert code == 4
    assert err == f"Error: could not write '{full}': No space left on device; nothing was written\n"
    assert not out.exists() or list(out.iterdir()) == []
