"""Write the compiled form of each of argmap's own templates beside it
(argmap/templates/NAME.py.txt): the Python Jinja makes of it, so that a process renders
the brief without compiling its template first.

    .venv/bin/python scripts/compile_templates.py

A compiled form is used only when it was made from the template's very text, by the
installed Jinja and argmap's settings (``argmap.exporters.templates.fingerprint``); else
the template is compiled as usual. tests/test_templates.py checks that they are in step.
"""

from __future__ import annotations

from pathlib import Path

from argmap.exporters.templates import COMPILED, OWN_TEMPLATES, compiled_text

FOLDER = Path(__file__).resolve().parent.parent / "argmap" / "templates"


def main() -> None:
    for name in OWN_TEMPLATES:
        path = FOLDER / (name + COMPILED)
        path.write_text(compiled_text(name), encoding="utf-8")
        print(f"wrote {path.relative_to(FOLDER.parent.parent)}")


if __name__ == "__main__":
    main()
