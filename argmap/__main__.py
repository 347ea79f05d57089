"""``python -m argmap`` and the ``argmap`` console script: the command line.

``argmap --version`` is answered here, before the command line (typer, and what it
imports) is built; everything else goes to :mod:`argmap.cli`.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the command line."""
    # the command line loads no pydantic plugins: looking for them in every installed
    # package's metadata took 10-15 ms of each command (a user may still ask for them)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:] == ["--version"]:
        from argmap import __version__

        sys.stdout.write(f"argmap {__version__}\n")
        return
    from argmap.cli import main as run

    run()


if __name__ == "__main__":
    main()
