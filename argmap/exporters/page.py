"""Self-contained pages other than the brief (a diff, a student's feedback sheet), under
the brief's rules: one file that works offline, a Content Security Policy that allows
nothing but its own stylesheet and inline pictures, and every text from a debate escaped
(autoescape is on in argmap's templates)."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from argmap.exporters.brief import _sha256
from argmap.exporters.templates import asset, render


def page(template: str, **variables: Any) -> str:
    """Render one of argmap's own page templates with ``page.css`` inlined and a policy
    that runs no script."""
    css = asset("page.css", None)
    csp = (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    html = render(None, template, css=Markup(css), csp=csp, **variables)
    return re.sub(r"[ \t]+\n", "\n", html)
