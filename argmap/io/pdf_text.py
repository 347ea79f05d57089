"""The text of each page of a PDF, as a JSON list: run by argmap as its own process.

    python -I pdf_text.py < file.pdf > pages.json

Each page is ``[visible, invisible, scanned]``: the text a reader sees, the text the page
draws invisibly (text render mode 3 or 7: neither filled nor stroked), and whether the
page also draws an image. Invisible text over an image is how a scanned page carries the
text OCR read from it, so the caller treats it as the page's text (and says so);
invisible text anywhere else is not text a reader can see.

A PDF is a program of sorts (compressed streams, object graphs, fonts): a hostile one
can take minutes or gigabytes. This process bounds its own memory before it reads a
byte, and argmap bounds its time; a failure is one line on standard error and exit 3.
It imports only pypdf and the standard library (not argmap), so it starts quickly.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from typing import Any, Final

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
        pages = [_page(page) for page in reader.pages]
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


_SHOWS: Final = (b"Tj", b"TJ", b"'", b'"')
_INVISIBLE: Final = (3, 7)


def _page(page: Any) -> list[Any]:
    """[visible text, invisible text, whether the page draws an image]."""
    from pypdf.generic import ArrayObject, ByteStringObject

    modes: list[int] = [0]  # the text render mode, saved by q and Do, restored by Q
    saved: list[list[int]] = []
    blanked: list[tuple[list[Any], int, Any]] = []
    seen = {"invisible": False, "image": False}
    images = _image_names(page)

    def before(keep_invisible: bool) -> Any:
        def visit(operator: bytes, operands: list[Any], cm: Any, tm: Any) -> None:
            if operator in (b"q", b"Do"):
                saved.append(list(modes))
                if operator == b"Do" and operands and str(operands[0]) in images:
                    seen["image"] = True
            elif operator == b"Q":
                modes[:] = saved.pop() if saved else [0]
            elif operator == b"INLINE IMAGE":
                seen["image"] = True
            elif operator == b"Tr" and operands:
                with contextlib.suppress(TypeError, ValueError):
                    modes[0] = int(operands[0])
            elif operator in _SHOWS and operands:
                invisible = modes[0] in _INVISIBLE
                seen["invisible"] = seen["invisible"] or invisible
                if invisible != keep_invisible:  # blank what this pass leaves out
                    index = len(operands) - 1
                    blanked.append((operands, index, operands[index]))
                    if operator == b"TJ" and isinstance(operands[index], list):
                        operands[index] = ArrayObject(
                            [x for x in operands[index] if not isinstance(x, str | bytes)]
                        )
                    else:
                        operands[index] = ByteStringObject(b"")

        return visit

    def after(operator: bytes, operands: list[Any], cm: Any, tm: Any) -> None:
        if operator == b"Do":
            modes[:] = saved.pop() if saved else [0]

    def extract(keep_invisible: bool) -> str:
        modes[:], saved[:] = [0], []
        try:
            text: str = page.extract_text(
                visitor_operand_before=before(keep_invisible), visitor_operand_after=after
            )
        finally:
            for operands, index, value in reversed(blanked):  # the page as it was
                operands[index] = value
            blanked.clear()
        return text or ""

    visible = extract(False)
    invisible = extract(True) if seen["invisible"] else ""
    return [visible, invisible, seen["image"]]


def _image_names(page: Any) -> set[str]:
    """The names of the image XObjects among the page's resources."""
    try:
        xobjects = page["/Resources"]["/XObject"]
        return {str(k) for k, v in xobjects.items() if v.get_object().get("/Subtype") == "/Image"}
    except (KeyError, TypeError, AttributeError):
        return set()


if __name__ == "__main__":
    sys.exit(main())
