"""Screenshot a brief and print it to PDF in headless Chromium, as a reader would see it.

    .venv/bin/python scripts/screenshot_brief.py exports/hikvision-2019.brief.html OUT.png [OUT.pdf]

Used to make exports/hikvision-2019.brief.png; needs Debian's chromium and playwright
(a dev dependency).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(brief: Path, png: Path, pdf: Path | None) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is not installed: sudo apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1500})
        page.goto(brief.resolve().as_uri())
        page.screenshot(path=str(png))
        if pdf is not None:
            page.pdf(path=str(pdf), format="A4")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
