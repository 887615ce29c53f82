#!/usr/bin/env python3
"""Runs axe-core in headless Chromium on every HTML page of one or more built sites,
in light and in dark mode (prefers-color-scheme emulated), and fails on any violation
of the WCAG 2.0, 2.1 and 2.2 A and AA rules.

    python3 Tests/a11y/axe_check.py PUBLIC_DIR [PUBLIC_DIR ...]

Each folder is served over HTTP on 127.0.0.1 (so the 404 page's root-relative links and
the Content-Security-Policy behave as on a real host). Exit status: 0 clean, 1 violations,
3 a tool is missing (the message names what to install).

Needs: apt-get install chromium chromium-driver; pip install selenium axe-selenium-python;
pip install --no-deps axe-playwright-python==0.1.8 (only for its newer axe-core:
axe-selenium-python bundles axe-core 3.1, which has no WCAG 2.1/2.2 rules).
"""
import functools
import http.server
import importlib.util
import json
import os
import shutil
import sys
import threading

INSTALL = ("apt-get install -y chromium chromium-driver && "
           "pip install selenium axe-selenium-python && "
           "pip install --no-deps axe-playwright-python==0.1.8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def missing(what):
    print(f"axe_check: {what} is missing. Install with:\n  {INSTALL}", file=sys.stderr)
    sys.exit(3)


def newer_axe_script():
    """The axe.min.js shipped inside axe-playwright-python (found without importing the
    package, which would need Playwright)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        missing("the Python package axe-playwright-python (for axe-core 4.x)")
    path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    if not os.path.exists(path):
        missing(f"{path}")
    return path


def pages(root):
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(".html"):
                yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")


def serve(root):
    handler = functools.partial(QuietHandler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(roots):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("the Python package selenium")
    try:
        from axe_selenium_python import Axe
    except ImportError:
        missing("the Python package axe-selenium-python")
    script = newer_axe_script()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not browser:
        missing("Chromium (the chromium program)")
    if not driver_path:
        missing("chromedriver (Debian package chromium-driver)")

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    failures = 0
    checked = 0
    try:
        for root in roots:
            server = serve(os.path.abspath(root))
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            try:
                for page in pages(root):
                    # Pages that only redirect (aliases) are left as soon as they load.
                    with open(os.path.join(root, page), encoding="utf-8") as f:
                        if 'http-equiv="refresh"' in f.read():
                            continue
                    url = base + ("" if page == "index.html" else page.removesuffix("index.html"))
                    for scheme in ("light", "dark"):
                        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                            "features": [{"name": "prefers-color-scheme", "value": scheme},
                                         {"name": "prefers-reduced-motion", "value": "reduce"}]})
                        driver.get(url)
                        axe = Axe(driver, script_url=script)
                        axe.inject()
                        result = axe.run(options=json.dumps({"runOnly": {"type": "tag", "values": TAGS}}))
                        checked += 1
                        for violation in result["violations"]:
                            failures += 1
                            print(f"{root}/{page} [{scheme}]: {violation['id']} ({violation['impact']}): "
                                  f"{violation['help']}")
                            for node in violation["nodes"][:5]:
                                print(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
            finally:
                server.shutdown()
    finally:
        driver.quit()
    if checked == 0:
        print("axe_check: no pages found", file=sys.stderr)
        return 1
    print(f"axe-core {version(script)}: {checked} page renderings checked, {failures} violations")
    return 1 if failures else 0


def version(script):
    with open(script, encoding="utf-8") as f:
        head = f.read(400)
    marker = "axe v"
    return head[head.find(marker) + len(marker):].split()[0] if marker in head else "?"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
