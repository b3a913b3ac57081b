"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

One chromium per session (a fresh, empty profile), one browser context per test. Where chromium or
the playwright package is missing the tests are skipped with a reason naming the browser, which the
root conftest turns into a plain "BROWSER TESTS SKIPPED" line. A failing test leaves a screenshot in
test-artifacts/<test name>.png.
"""

import os
import re
from pathlib import Path

import pytest

from sujarit.plans.tests.conftest import seed_plan  # noqa: F401  (the demo org's imported seed plan)

from .chromium import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# An IPv4 address, so chromium never tries ::1 first; pytest-django adds it to ALLOWED_HOSTS.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


def _missing():
    if not CHROMIUM:
        return "browser tests skipped: Debian's chromium was not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: the playwright package is not installed (make install-test)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if reason is None:
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the main thread; Django's ORM refuses to run
    # beside one unless told the calls are really synchronous (they are: greenlets, one thread).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    pw = sync_playwright().start()
    # launch() gives chromium a new, empty temporary profile (user-data dir) and removes it after.
    chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
        pw.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL (no trailing slash); data written by the test is visible to it."""
    return live_server.url.rstrip("/")


@pytest.fixture
def new_page(request, browser, site):
    """Make pages, each in a browser context of its own (one person each: no shared cookies).

    When the test fails, every page's screenshot is kept in test-artifacts/<test name>[-N].png.
    """
    contexts = []

    def make():
        context = browser.new_context(
            locale="th-TH",
            timezone_id="Asia/Bangkok",
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "_report_call", None)
    failed = report is not None and report.failed
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for n, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for pg in context.pages:
                try:
                    pg.screenshot(path=str(ARTIFACTS / f"{name}{f'-{n}' if n else ''}.png"), full_page=True)
                except Exception as exc:  # a crashed page must not hide the test's own failure
                    print(f"could not save a screenshot: {exc}")
        context.close()


@pytest.fixture
def page(new_page):
    """A fresh page for the test's first person (a visitor, or the first to sign in)."""
    return new_page()


def sign_in(page, site, username, password, next_url=""):
    """Sign in through the real login form, as a person would."""
    from urllib.parse import quote

    page.goto(f"{site}/accounts/login/" + (f"?next={quote(next_url)}" if next_url else ""))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/accounts/login/" not in page.url, page.locator("main").inner_text()
