"""Screenshots of what a citizen and an officer see, at 390 px (a phone) and 1280 px, into docs/screenshots.

    .venv/bin/python -m bench.screenshots [--out docs/screenshots] [--widths 390,1280] [--readme docs/screenshot.png]

Pages: the public home, the plan, one item, the complaint form, and the executive's back-office home
(their work and one-page summary). A throwaway SQLite database with every module's demo data
(`demo load`), the app served by waitress in a second process (bench.load), Playwright driving
Debian's chromium. Full-page PNGs, reduced to a 48-colour palette so the repository stays small; the
README's picture (--readme) is the plan page's first screen at 1280 px.
Not a benchmark: `python -m bench` skips it.
"""

import argparse
import io
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/screenshots.py`
    sys.path.insert(0, str(ROOT))

from bench import load, pages  # noqa: E402
from tests.browser.chromium import CHROMIUM_ARGS  # noqa: E402

MAX_HEIGHT = 4000  # px: a longer page is cut (the top is what the screenshot is for)
STAFF_USER = "executive"


def _paths(org, item):
    from django.urls import reverse

    kw = {"org_slug": org.slug}
    return [
        ("home", reverse("core:org_home", kwargs=kw), False),
        ("plan", reverse("plans:plan", kwargs=kw), False),
        ("item", reverse("plans:item", kwargs={**kw, "number": item.number}), False),
        ("complaint-form", reverse("complaints:new", kwargs=kw), False),
        ("staff-home", reverse("core_staff:home", kwargs=kw), True),
    ]


def _staff_session(username):
    """A signed-in session (second factor done) for the demo account, as after the sign-in form."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.utils.module_loading import import_string

    from sujarit.core.tenancy import SESSION_2FA

    user = get_user_model().objects.get(username=username)
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[SESSION_2FA] = True
    store.save()
    return settings.SESSION_COOKIE_NAME, store.session_key


def _small_png(data, path):
    from PIL import Image

    img = Image.open(io.BytesIO(data)).convert("RGB")
    if img.height > MAX_HEIGHT:
        img = img.crop((0, 0, img.width, MAX_HEIGHT))
    img.quantize(colors=48, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench.screenshots", description=__doc__.split("\n")[0])
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--widths", default="390,1280")
    p.add_argument("--readme", default=str(ROOT / "docs" / "screenshot.png"), help="'' to skip")
    args = p.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",")]
    chromium = shutil.which("chromium")
    if not chromium:
        print("bench.screenshots: Debian's chromium is needed (apt-get install chromium)", file=sys.stderr)
        return 1
    tmp, pg_name = pages.use_throwaway_database("sqlite")
    server = None
    try:
        pages.prepare_database("sqlite", tmp)
        from django.core.management import call_command
        from django.db import connections

        call_command("demo", "load", stdout=io.StringIO())  # every module's demo data
        org, _plan, item = pages.load_demo()
        shots = _paths(org, item)
        cookie_name, session_key = _staff_session(STAFF_USER)
        connections.close_all()
        server, port = load.start_server(2, shots[0][1])
        base = f"http://{load.HOST}:{port}"

        from playwright.sync_api import sync_playwright

        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            for width in widths:
                context = browser.new_context(
                    locale="th-TH",
                    timezone_id="Asia/Bangkok",
                    viewport={"width": width, "height": 844 if width < 600 else 900},
                    device_scale_factor=1,
                )
                context.add_cookies([{"name": cookie_name, "value": session_key, "url": base}])
                page = context.new_page()
                for name, path, _staff in shots:
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{width}.png"
                    _small_png(page.screenshot(full_page=True), target)
                    print(f"saved {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} "
                          f"({target.stat().st_size // 1024} KB)")  # fmt: skip
                context.close()
            if args.readme:  # the README's picture: what a citizen sees first, nobody signed in
                context = browser.new_context(
                    locale="th-TH", timezone_id="Asia/Bangkok", viewport={"width": 1280, "height": 900}
                )
                page = context.new_page()
                page.goto(base + dict((n, path) for n, path, _ in shots)["plan"])
                page.wait_for_load_state("networkidle")
                Path(args.readme).write_bytes(page.screenshot())
                print(f"saved {args.readme}")
                context.close()
            browser.close()
        return 0
    finally:
        if server is not None:
            load.stop_server(server)
        pages.drop_throwaway_database(tmp, pg_name)


if __name__ == "__main__":
    sys.exit(main())
