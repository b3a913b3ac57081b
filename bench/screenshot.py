"""The README's screenshot: the demo organization's public plan page, seed imported, in Debian's chromium.

    .venv/bin/python -m bench.screenshot [--out docs/screenshot.png] [--width 1280] [--height 900]

A throwaway SQLite database, the app served by waitress in a second process, Playwright driving
/usr/bin/chromium (never a browser of its own download). Not a benchmark: `python -m bench` skips it.
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/screenshot.py`
    sys.path.insert(0, str(ROOT))

from bench import pages  # noqa: E402
from tests.browser.chromium import CHROMIUM_ARGS  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench.screenshot", description=__doc__.split("\n")[0])
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    p.add_argument("--width", type=int, default=1280)
    p.add_argument("--height", type=int, default=900)
    args = p.parse_args(argv)
    chromium = shutil.which("chromium")
    if not chromium:
        print("bench.screenshot: Debian's chromium is needed (apt-get install chromium)", file=sys.stderr)
        return 1
    tmp, pg_name = pages.use_throwaway_database("sqlite")
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0, interactive=False)
        call_command("compilemessages-py", verbosity=0)  # the Thai catalogue, as `make` does
        org, _plan, _item = pages.load_demo()
        path = pages.plan_path(org)
        connections.close_all()
        server, port = pages.start_server(2, path)

        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(
                locale="th-TH",
                timezone_id="Asia/Bangkok",
                viewport={"width": args.width, "height": args.height},
            )
            page = context.new_page()
            page.goto(f"http://{pages.HOST}:{port}{path}")
            page.wait_for_load_state("networkidle")
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=args.out)
            browser.close()
        print(f"saved {args.out} ({os.path.getsize(args.out)} bytes)")
        return 0
    finally:
        if server is not None:
            pages.stop_server(server)
        pages.drop_throwaway_database(tmp, pg_name)


if __name__ == "__main__":
    sys.exit(main())
