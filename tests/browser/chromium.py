"""How Sujarit starts Debian's chromium (tests and the README screenshot): headless, no network chatter."""

import shutil

CHROMIUM = shutil.which("chromium")
# Without the background-networking flags chromium keeps calling Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
