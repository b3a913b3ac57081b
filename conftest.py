"""Test-wide settings: fast password hashing, a private media root, and the personas."""

import shutil

import pytest

pytest_plugins = ["sujarit.core.tests.personas"]


@pytest.fixture(autouse=True)
def _fast_and_private(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "th"
    settings.SUJARIT_KDF_OPSLIMIT = 1  # libsodium's minimum cost, as the MD5 hasher for passwords
    settings.SUJARIT_KDF_MEMLIMIT = 8192
    settings.SUJARIT_POW_BITS = 4
    from django.core.cache import cache

    cache.clear()
    yield


def pytest_report_header(config):
    chromium = shutil.which("chromium")
    pdftotext = shutil.which("pdftotext")
    lines = []
    if not chromium:
        lines.append(
            "NOTE: Debian's chromium is missing: the browser tests will be SKIPPED (apt-get install chromium)."
        )
    if not pdftotext:
        lines.append(
            "NOTE: pdftotext is missing: PDF text checks will be SKIPPED (apt-get install poppler-utils)."
        )
    return lines


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    browser = [r for r in skipped if "browser" in str(getattr(r, "longrepr", ""))]
    if browser:
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED ({len(browser)}): Debian's chromium was not found. "
            "Install it with `apt-get install chromium` to run them.",
            yellow=True,
            bold=True,
        )
