"""The brief's templates: argmap's own, or a folder of the user's, run in Jinja2's sandbox.

A template folder (``--template DIR``) is code chosen by the user, and it may come from
someone else. It runs in Jinja2's immutable sandbox, so it can show the values it is
given, loop, test and filter, but it cannot reach Python (no ``__globals__``, no
attributes starting with ``_``, no methods that change data) and ``range`` is capped.
It reads files only from inside its folder: names with ``..``, absolute names, and
symlinks whose target is outside the folder are refused; only regular files of at most
:data:`MAX_TEMPLATE_BYTES` are read, and every file read is remembered so that no output
can replace it. Autoescape is on for every template and undefined names are errors.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
from collections.abc import Callable, MutableMapping
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, Final

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from argmap.errors import UsageError
from argmap.exporters.template_limits import (
    DEFAULT_LIMITS,
    MAX_PRODUCT,
    CappedNamespace,
    TemplateLimits,
    capped_filters,
    check_binop,
    check_call,
    check_format,
    lipsum,
)
from argmap.io.files import InputFile, NotAFileError, TooLargeError, read_file

__all__ = ["MAX_PRODUCT", "TemplateFolder", "asset", "environment", "expose", "render"]

MAX_TEMPLATE_BYTES: Final = 1024 * 1024
"""The largest template, stylesheet or script argmap reads from a template folder."""


class TemplateFolder:
    """A folder of the user's templates, read only from inside, and run within
    ``limits`` (in a process of its own: see :func:`render`)."""

    def __init__(self, path: Path, limits: TemplateLimits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        if not path.is_dir():
            raise UsageError(f"--template {path}: no such folder")
        self.root = Path(os.path.realpath(path))
        self.read_files: list[InputFile] = []
        """Every file read from the folder, in order (the outputs must not replace them)."""

    def _resolve(self, name: str) -> Path:
        parts = PurePosixPath(name).parts
        if not parts or name.startswith(("/", "\\")) or ".." in parts or "\\" in name:
            raise UsageError(
                f"--template {self.path}: '{name}' is outside the template folder; "
                "a template reads only files inside its folder, by relative name"
            )
        return self.root.joinpath(*parts)

    def has(self, name: str) -> bool:
        """Whether the folder has a file of this (relative) name."""
        return os.path.lexists(self._resolve(name))

    def read(self, name: str) -> str:
        """The text of the file ``name`` in the folder (UTF-8), or a :class:`UsageError`."""
        path = self._resolve(name)
        real = Path(os.path.realpath(path))
        if not real.is_relative_to(self.root):
            raise UsageError(
                f"--template {self.path}: '{name}' is a link to '{real}', outside the "
                "template folder; a template reads only files inside its folder"
            )
        try:
            data, source = read_file(real, MAX_TEMPLATE_BYTES)
        except NotAFileError as exc:
            raise UsageError(f"--template {self.path}: '{name}' is {exc.kind}") from None
        except TooLargeError as exc:
            raise UsageError(
                f"--template {self.path}: '{name}' is {exc.size:,} bytes; templates, "
                f"stylesheets and scripts may have up to {MAX_TEMPLATE_BYTES:,}"
            ) from None
        except OSError as exc:
            raise UsageError(
                f"--template {self.path}: cannot read '{name}': {exc.strerror or exc}"
            ) from None
        self.read_files.append(source)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError(
                f"--template {self.path}: '{name}' is not UTF-8 text "
                f"(byte 0x{data[exc.start]:02X} at offset {exc.start})"
            ) from None


_FIELDS: dict[type, frozenset[str]] = {
    dict: frozenset({"get", "items", "keys", "values"}),  # reading only
    jinja2.runtime.LoopContext: frozenset(
        {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth"}
    ),
}
"""Types, and the attributes a template may read on them without the sandbox's checks:
argmap's own view classes (their data fields), and reading a mapping or a loop."""


def expose(*classes: type) -> None:
    """Let templates read the data fields of these dataclasses without the sandbox's
    checks of each access (the checks are for objects a template does not know; these
    hold plain data, and were 65% of the time of a brief of 10,000 arguments)."""
    for cls in classes:
        _FIELDS[cls] = frozenset(f.name for f in dataclasses.fields(cls))


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with every way of building a large value it knows
    of checked first (see :mod:`.template_limits`)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        fields = _FIELDS.get(type(obj))
        if fields is not None and attribute in fields:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        args = check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        return check_format(wrapped, value.__self__)


class _FolderLoader(jinja2.BaseLoader):
    """Templates from a :class:`TemplateFolder`; names it does not have fall through."""

    def __init__(self, folder: TemplateFolder) -> None:
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if not self.folder.has(template):
            raise jinja2.TemplateNotFound(template)
        return self.folder.read(template), None, lambda: True


def environment(folder: TemplateFolder | None) -> jinja2.Environment:
    """A sandboxed Jinja2 environment: the folder's templates first, then argmap's own.
    argmap's own environment is made once, so each template is compiled once per
    process (0.2 s for the brief's, paid again on every save of ``argmap serve``); a
    folder's gets a new one, so that an edited template is read again."""
    if folder is None:
        return _own_environment()
    return _environment(folder)


@functools.cache
def _own_environment() -> jinja2.Environment:
    return _environment(None)


OWN_TEMPLATES: Final = ("brief.html.j2", "diff.html.j2", "feedback.html.j2")
"""argmap's own templates, each shipped compiled beside it (see :class:`_OwnLoader`)."""
COMPILED: Final = ".py.txt"
"""What a template's compiled form adds to its name (``brief.html.j2.py.txt``): Python
that Jinja made of it, kept as text so that no tool takes it for argmap's code."""


class _OwnLoader(jinja2.PackageLoader):
    """argmap's own templates. Jinja compiles a template to Python each time a process
    first renders it (0.13 s for the brief's, parsing and generating code: a tenth of a
    small brief); so each is shipped compiled too (``scripts/compile_templates.py``),
    and its compiled form is used only when it was made from this very text, by this
    Jinja and this environment's settings (:func:`fingerprint`), else the template is
    compiled as any other is. The code run is the code Jinja would make."""

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        made = _compiled(environment, name, source)
        if made is None:
            return super().load(environment, name, globals)
        code = compile(made, filename or "<template>", "exec")
        return environment.template_class.from_code(environment, code, globals or {}, uptodate)


def fingerprint(environment: jinja2.Environment, name: str, source: str, version: str) -> str:
    """What a compiled template was made from: its name and text, the Jinja ``version``
    that compiled it, and every setting of the environment that changes the code."""
    settings = (
        type(environment).__qualname__,
        version,
        name,
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.autoescape,
        environment.undefined.__qualname__,
        sorted(environment.extensions),
        environment.is_async,
    )
    digest = hashlib.sha256(repr(settings).encode("utf-8"))
    digest.update(b"\0" + source.encode("utf-8"))
    return digest.hexdigest()


def compiled_text(name: str) -> str:
    """The compiled form of one of argmap's own templates, as it is shipped: a line
    with its :func:`fingerprint`, the Jinja that made it and the digest of the code,
    then Jinja's code."""
    environment = _own_environment()
    source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
    code = environment.compile(source, name, filename, raw=True) + "\n"
    version = jinja2.__version__
    made = fingerprint(environment, name, source, version)
    whole = _digest(code)
    return f"# {made} {version} {whole}\n# made from {name} by scripts/compile_templates.py\n{code}"


def _digest(code: str) -> str:
    """The digest of a compiled form's code, in its first line: a copy cut short or
    changed since it was made is not run."""
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def _compiled(environment: jinja2.Environment, name: str, source: str) -> str | None:
    """The shipped compiled form of ``name`` if it was made from ``source`` by this
    Jinja and these settings and is whole, else None."""
    if name not in OWN_TEMPLATES:
        return None
    try:
        text = resources.files("argmap").joinpath("templates", name + COMPILED).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    head, _, rest = text.partition("\n")
    code = rest.partition("\n")[2]  # after the line that says where it came from
    made, version, whole = [*head.removeprefix("# ").split(" "), "", "", ""][:3]
    if version != jinja2.__version__ or made != fingerprint(environment, name, source, version):
        return None
    return code if whole == _digest(code) else None


def _environment(folder: TemplateFolder | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if folder is not None:
        loaders.append(_FolderLoader(folder))
    loaders.append(_OwnLoader("argmap", "templates"))
    made = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,  # every template, whatever its name (select_autoescape misses .j2)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    made.filters = capped_filters(made.filters)
    made.globals["lipsum"] = lipsum
    made.globals["namespace"] = CappedNamespace
    return made


def asset(name: str, folder: TemplateFolder | None) -> str:
    """A stylesheet or script: the folder's, if it has one, else argmap's own."""
    if folder is not None and folder.has(name):
        return folder.read(name)
    return resources.files("argmap").joinpath("templates", name).read_text(encoding="utf-8")


def render(folder: TemplateFolder | None, name: str, **variables: Any) -> str:
    """Render a template; its failures (syntax, undefined names, what the sandbox refuses,
    runaway recursion, too much time or memory) become :class:`UsageError` with the
    template's own message. argmap's own template runs here; a folder's runs in a
    process of its own, within the folder's :class:`TemplateLimits`."""
    if folder is None:
        return render_here(None, name, **variables)
    from argmap.exporters.template_child import render_bounded

    return render_bounded(folder, name, variables)


def render_here(folder: TemplateFolder | None, name: str, **variables: Any) -> str:
    """Render a template in this process (see :func:`render`)."""
    try:
        template = environment(folder).get_template(name)
        result: str = template.render(**variables)
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(f"the brief template failed (line {exc.lineno}): {exc}") from None
    except jinja2.TemplateNotFound as exc:
        raise UsageError(f"the brief template failed: no template named '{exc.name}'") from None
    except jinja2.TemplateError as exc:  # the sandbox's SecurityError is one of these
        raise UsageError(f"the brief template failed: {exc}") from None
    except (UsageError, MemoryError):
        raise
    except RecursionError:
        raise UsageError("the brief template failed: it recurses too deeply") from None
    except Exception as exc:  # the template's own code failed (1/0, a bad filter argument)
        raise UsageError(f"the brief template failed: {type(exc).__name__}: {exc}") from None
    return result
