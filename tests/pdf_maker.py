"""Small PDFs made for tests, by pypdf: each page's content stream written by hand, so
that a test can draw text visibly, invisibly (text render mode 3) or over an image."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def line(text: str, y: int, *, mode: int = 0) -> str:
    """A content-stream line of Helvetica at height ``y``, drawn in render ``mode``
    (0 filled, 3 invisible)."""
    return f"BT /F1 11 Tf {mode} Tr 72 {y} Td ({_escape(text)}) Tj ET\n"


def pdf(*pages: str, image: bool = False) -> bytes:
    """A PDF of letter pages, each drawn by its content stream (see :func:`line`); with
    ``image``, each page first draws a grey image over the whole page, as a scan does."""
    writer = PdfWriter()
    for content in pages:
        page = writer.add_blank_page(612, 792)
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        resources = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        if image:
            picture = DecodedStreamObject()
            picture.set_data(b"\x80")
            picture.update(
                {
                    NameObject("/Type"): NameObject("/XObject"),
                    NameObject("/Subtype"): NameObject("/Image"),
                    NameObject("/Width"): NumberObject(1),
                    NameObject("/Height"): NumberObject(1),
                    NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                    NameObject("/BitsPerComponent"): NumberObject(8),
                }
            )
            resources[NameObject("/XObject")] = DictionaryObject(
                {NameObject("/Im1"): writer._add_object(picture)}
            )
            content = "q 612 0 0 792 0 0 cm /Im1 Do Q\n" + content
        page[NameObject("/Resources")] = resources
        stream = DecodedStreamObject()
        stream.set_data(content.encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
