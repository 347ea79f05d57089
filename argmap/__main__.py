"""``python -m argmap`` and the ``argmap`` console script: the command line.

``argmap --version`` is answered here, before the command line (typer, and what it
imports) is built; everything else goes to :mod:`argmap.cli`.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any, Final


def main() -> None:
    """Run the command line."""
    # the command line loads no pydantic plugins: looking for them in every installed
    # package's metadata took 10-15 ms of each command (a user may still ask for them)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _no_plugin_search()
    if sys.argv[1:] == ["--version"]:
        from argmap import __version__

        sys.stdout.write(f"argmap {__version__}\n")
        return
    from argmap.cli import main as run

    try:
        run()
    finally:
        _leaving()


def _leaving() -> None:
    """Spare the interpreter's cycle collector at exit: everything it tracks is frozen
    (``gc.freeze``), so the full passes it makes while it clears the modules scan
    nothing. They scanned every object the command made (pydantic's schemas, the
    debate, its drawings): 50-130 ms of each command, a quarter of ``check`` of a small
    file. Objects are still freed as the modules are cleared, and files closed with
    them; what is left is only garbage in reference cycles, whose memory the process's
    end gives back. argmap writes every file within a ``with`` (closed before this)."""
    import gc

    gc.freeze()


_LOADER: Final = "pydantic.plugin._loader"


def _no_plugin_search() -> None:
    """Spare pydantic's plugin loader when plugins are off.

    pydantic asks its loader for plugins at the first model it builds; the loader's
    module imports ``importlib.metadata`` (and with it the ``email`` package) before it
    reads ``PYDANTIC_DISABLE_PLUGINS``: 40-55 ms of every command, to be told there are
    none. When that setting turns every plugin off, the loader is a module whose
    ``get_plugins`` says so at once, as the real one would; anything else asked of it is
    the real module's (imported then), so a pydantic that asks more of its loader still
    gets it."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    if _LOADER in sys.modules:
        return
    loader = types.ModuleType(_LOADER, "pydantic's plugin loader, plugins off (argmap)")

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> Any:
        if name.startswith("__"):  # what the import system asks of any module
            raise AttributeError(name)
        sys.modules.pop(_LOADER, None)
        return getattr(importlib.import_module(_LOADER), name)

    loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    loader.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[_LOADER] = loader


if __name__ == "__main__":
    main()
