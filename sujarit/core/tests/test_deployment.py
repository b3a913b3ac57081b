"""Deployment settings (issue 8, item 14): no server starts with the development key unless DEBUG is
on; HSTS and the HTTPS redirect are settings, so `check --deploy` can come out clean."""

import os
import subprocess
import sys

from django.conf import settings

STRONG_KEY = "k" * 20 + "-a-long-random-production-key-0123456789"


def run(tmp_path, argv, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECRET_KEY", "DEBUG", "SECURE_", "SUJARIT_"))
    }
    base.update(SUJARIT_VAR_DIR=str(tmp_path), ALLOWED_HOSTS="sujarit.example.go.th", **env)
    return subprocess.run(
        [sys.executable, *argv],
        cwd=settings.BASE_DIR,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def sujarit(tmp_path, *args, **env):
    return run(tmp_path, ["-m", "sujarit.cli", *args], **env)


SERVE = ["-c", "from sujarit.wsgi import application"]  # what waitress, gunicorn and runserver load
SERVE_ASGI = ["-c", "from sujarit.asgi import application"]


def test_without_a_secret_key_no_server_starts_unless_debug_is_on(tmp_path):
    for argv in (SERVE, SERVE_ASGI):
        for env in ({}, {"SECRET_KEY": "dev-only-" + "a-copy-of-the-development-key"}):
            refused = run(tmp_path, argv, **env)
            assert refused.returncode != 0 and "Set the SECRET_KEY environment variable" in refused.stderr
    assert run(tmp_path, SERVE, DEBUG="1").returncode == 0  # `make run`
    assert run(tmp_path, SERVE, SECRET_KEY=STRONG_KEY).returncode == 0
    # Command-line tools compute no receipt: they run without a key.
    assert sujarit(tmp_path, "check").returncode == 0


def test_hsts_and_the_https_redirect_can_be_turned_on(tmp_path):
    https = {"SECRET_KEY": STRONG_KEY, "SECURE_COOKIES": "1", "SECURE_SSL_REDIRECT": "1",
             "SUJARIT_TRUST_X_FORWARDED_PROTO": "1", "SUJARIT_HSTS_SECONDS": "31536000"}  # fmt: skip
    done = sujarit(tmp_path, "check", "--deploy", **https)
    report = done.stdout + done.stderr
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016", "sujarit.W"):
        assert warning not in report, report
    # A redirect whose proxy is not trusted would loop: the check says so.
    https.pop("SUJARIT_TRUST_X_FORWARDED_PROTO")
    loop = sujarit(tmp_path, "check", "--deploy", **https)
    assert "sujarit.W002" in loop.stdout + loop.stderr
