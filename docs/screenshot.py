"""Takes the README's pictures of the page: docs/page.png (a 1366×768 laptop) and docs/page-phone.png (a
390×844 phone, an entity tapped). ``make screenshot`` builds the demo and runs this on output/graph.html.

    python docs/screenshot.py output/graph.html docs/
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def take(page_file: Path, folder: Path, chromium: str) -> list[Path]:
    """The two pictures of ``page_file``, saved in ``folder``; the phone's with the most important person tapped."""
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        laptop = _open(browser, page_file, LAPTOP)
        laptop.screenshot(path=folder / "page.png")
        phone = _open(browser, page_file, PHONE, touch=True)
        person = phone.evaluate("""() => { const d = JSON.parse(document.getElementById("kg-data").textContent);
            return d.nodes.filter(n => n.entity_type === "person").sort((a, b) => b.value - a.value)[0].id; }""")
        phone.evaluate("(id) => kgSelect(id, true)", person)
        phone.wait_for_timeout(600)  # the centring animation
        phone.screenshot(path=folder / "page-phone.png")
        browser.close()
    return [folder / "page.png", folder / "page-phone.png"]


def _open(browser, page_file: Path, viewport: dict, touch: bool = False):
    page = browser.new_page(viewport=viewport, device_scale_factor=2 if touch else 1, has_touch=touch,
                            is_mobile=touch)
    page.goto(page_file.resolve().as_uri())
    page.wait_for_function("window.kgReady === true", timeout=60000)
    return page


if __name__ == "__main__":
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if len(sys.argv) != 3 or not chromium:
        sys.exit("usage: python docs/screenshot.py PAGE.html FOLDER  (needs chromium: make browser)")
    for path in take(Path(sys.argv[1]), Path(sys.argv[2]), chromium):
        print(path)
