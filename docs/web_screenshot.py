"""Take docs/web-page.png: the page of a running `partials serve` in headless Chromium.

    partials serve --port 8000 &
    python docs/web_screenshot.py [http://127.0.0.1:8000] [--chromium /usr/bin/chromium]
"""
import argparse
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

PROBLEM = "z = u^2 ln v, u = y/x, v = x^2 + y^2"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=options.chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 960, "height": 900}, device_scale_factor=1)
        page.goto(f"{options.url}/?q={quote(PROBLEM)}&d=x&d=y")
        page.wait_for_selector("#answers .answer math")
        page.get_by_label("Your answer").fill("az/ax = 2u ln v·(-y/x^2) + u^2/v·2x")
        page.get_by_role("button", name="Check").click()
        page.wait_for_selector("#verdict .verdict-right, #verdict .verdict-wrong")
        page.screenshot(path=str(Path(__file__).parent / "web-page.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
