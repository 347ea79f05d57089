"""``python -m argmap`` and the ``argmap`` console script: the command line.

``argmap --version`` is answered here, before the command line (typer, and what it
imports) is built; everything else goes to :mod:`argmap.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line."""
    if sys.argv[1:] == ["--version"]:
        from argmap import __version__

        sys.stdout.write(f"argmap {__version__}\n")
        return
    from argmap.cli import main as run

    run()


if __name__ == "__main__":
    main()
