"""The Hikvision brief as a director first sees it: on screen, and on paper.

    .venv/bin/python scripts/screenshot_brief.py debates/hikvision-2019.yaml exports/

writes into the folder:

- ``STEM.brief.png``: the first screen of the HTML brief in headless Chromium (1000 x 1500);
- ``STEM.brief.pdf``: the brief printed to A4 by ``argmap brief -o STEM.brief.pdf`` (the
  command users run);
- ``STEM.brief.pdf-p1.png``: the first page of that PDF, rasterised by PDFium at 100 DPI,
  to look at without a PDF viewer.

Needs Debian's chromium, and playwright and pypdfium2 (dev dependencies).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARGMAP = Path(sys.executable).with_name("argmap")


def main(debate: Path, folder: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is not installed: sudo apt-get install chromium")
    stem = debate.stem
    pdf = folder / f"{stem}.brief.pdf"
    with tempfile.TemporaryDirectory() as scratch:
        html = Path(scratch) / f"{stem}.brief.html"
        for out in (html, pdf):
            subprocess.run([str(ARGMAP), "brief", str(debate), "-o", str(out)], check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1000, "height": 1500})
            page.goto(html.resolve().as_uri())
            page.screenshot(path=str(folder / f"{stem}.brief.png"))
            browser.close()
    document = pdfium.PdfDocument(str(pdf))
    document[0].render(scale=100 / 72).to_pil().save(folder / f"{stem}.brief.pdf-p1.png")
    document.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
