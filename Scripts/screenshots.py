#!/usr/bin/env python3
"""Makes the README screenshots: headless Chromium at 390 px and 1280 px wide, light and
dark (prefers-color-scheme emulated), of the home page and one article of a built site.

    swift run -c release hub build --output /tmp/hub-public
    python3 Scripts/screenshots.py /tmp/hub-public docs/screenshots

Needs what the accessibility tests need: apt-get install chromium chromium-driver;
pip install selenium.
"""
import functools
import http.server
import os
import shutil
import sys
import threading

PAGES = {"home": "", "article": "peer-support/"}
SIZES = {390: 844, 1280: 800}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(root, out):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        sys.exit("screenshots: pip install selenium (and apt-get install chromium chromium-driver)")
    browser, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not browser or not driver_path:
        sys.exit("screenshots: apt-get install chromium chromium-driver")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-color-profile=srgb"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    os.makedirs(out, exist_ok=True)
    try:
        for name, path in PAGES.items():
            for width, height in SIZES.items():
                for scheme in ("light", "dark"):
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
                    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                        "features": [{"name": "prefers-color-scheme", "value": scheme}]})
                    driver.get(f"http://127.0.0.1:{server.server_address[1]}/{path}")
                    file = os.path.join(out, f"{name}-{width}-{scheme}.png")
                    with open(file, "wb") as f:
                        f.write(driver.get_screenshot_as_png())
                    print(file)
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
