"""The text of each page of a PDF, as a JSON list: run by argmap as its own process.

    python -I pdf_text.py < file.pdf > pages.json

A PDF is a program of sorts (compressed streams, object graphs, fonts): a hostile one
can take minutes or gigabytes. This process bounds its own memory before it reads a
byte, and argmap bounds its time; a failure is one line on standard error and exit 3.
It imports only pypdf and the standard library (not argmap), so it starts quickly.
"""

from __future__ import annotations

import io
import json
import sys

MEMORY = 1024 * 1024 * 1024  # keep in step with argmap.io.source_text.PDF_MEMORY


def main() -> int:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not POSIX, or not allowed
        pass
    data = sys.stdin.buffer.read()
    try:
        import logging

        logging.disable(logging.CRITICAL)  # pypdf warns on every quirk; argmap says one line
        from pypdf import PdfReader
        from pypdf.errors import FileNotDecryptedError, PdfReadError

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")  # many PDFs are encrypted with an empty password
                _ = len(reader.pages)
            except (FileNotDecryptedError, PdfReadError, NotImplementedError):
                sys.stderr.write("it is encrypted (save a copy without a password)\n")
                return 3
        pages = [page.extract_text() or "" for page in reader.pages]
    except MemoryError:
        sys.stderr.write("it needs more than 1 GiB of memory to read\n")
        return 3
    except RecursionError:
        sys.stderr.write("its objects nest too deeply\n")
        return 3
    except Exception as exc:  # a broken PDF fails in many ways: one line for each
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(f"it is damaged ({reason[:200]})\n")
        return 3
    sys.stdout.write(json.dumps(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
