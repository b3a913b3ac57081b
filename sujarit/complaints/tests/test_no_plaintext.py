"""A copy of the database, its dump or the logs does not reveal a corruption reporter (issue 3).

Reports go in through the real form and the JSON API, with a name, a phone, an e-mail, a sentence,
a named file, from a distinctive address and browser; an officer reveals the identity with a
reason and replies; the reporter reads the reply with the receipt and answers. Then:
(a) every byte of a file-based SQLite database (with its -wal and -shm, copied while open, and the
    media files and anything else under the server's data directory),
(b) a pg_dump of a PostgreSQL database that went through the same,
(c) every log line (the server's stderr at LOG_LEVEL=DEBUG, with every SQL statement and its
    parameters, and caplog in-process) and the audit log
hold none of those in plain text — UTF-8, JSON/Python escapes, URL encoding, hex (bytea) or UTF-16.
The "django" logger stays at the INFO level Django gives it (settings do not change it): below
that, django.template dumps whole template contexts when a variable is missing.

(a) and (b) run the scenario in a subprocess against a throwaway database (`python -m
sujarit.complaints.tests.test_no_plaintext DIR`), so the files are real and the logs are the
server's own; (c) also runs it in-process on the test database.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, quote_plus, urlparse, urlunparse

import pytest

ROOT = Path(__file__).resolve().parents[3]
SLUG = "laemsom"
NAME = "สมหญิง ปิดลับวิเศษกุล"
PHONE = "081-739-4462"
EMAIL = "somying.secret.reporter@example.net"
SENTENCE = "ปลัดเรียกรับเงินสามหมื่นบาทจากผู้รับเหมาถนนสายบ้านหนองปลิงในห้องเก็บพัสดุ"
ACCUSED = "นายพิสุทธิ์ ฉ้อฉลทดสอบ"
FILE_NAME = "ใบเสร็จปลอมของกำนันหนองปลิง.png"
REPLY = "เจ้าหน้าที่ขอสำเนาใบเสร็จและวันที่จ่ายเงินให้ผู้รับเหมาเพิ่มเติม"
ANSWER = "จ่ายเงินเมื่อวันจันทร์ที่สามต่อหน้าพยานสองคนที่ร้านกาแฟหน้าวัด"
IP = "203.0.113.77"
USER_AGENT = "SujaritPlaintextProbe/9.7 (Linux; Android 14) ทดสอบ"
REVEAL_REASON = "ต้องนัดหมายผู้ร้องเพื่อคุ้มครองพยาน"

SECRETS = {
    "name": NAME,
    "phone": PHONE,
    "phone digits": PHONE.replace("-", ""),
    "e-mail": EMAIL,
    "sentence": SENTENCE,
    "accused": ACCUSED,
    "file name": FILE_NAME,
    "reply": REPLY,
    "answer": ANSWER,
    "IP address": IP,
    "user agent": USER_AGENT,
}


# --- what "in plain text" means -------------------------------------------------------------------


def encodings(text):
    """The byte forms a secret could leak in: raw, escaped, URL-encoded, hex, UTF-16."""
    raw = text.encode()
    json_lower = json.dumps(text)[1:-1]
    forms = {
        raw,
        json_lower.encode(),
        re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), json_lower).encode(),
        json.dumps(text)[1:-1].replace("\\", "\\\\").encode(),  # JSON inside JSON
        quote(text).encode(),
        quote(text).lower().encode(),
        quote_plus(text).encode(),
        raw.hex().encode(),  # PostgreSQL's bytea in a dump
        raw.hex().upper().encode(),
        text.encode("utf-16-le"),
        "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in text).encode(),
    }
    return forms


def leaks(blob, where):
    """[(secret, where)] for each secret found in blob (bytes) in any of its forms."""
    found = []
    for label, text in SECRETS.items():
        if any(form in blob for form in encodings(text)):
            found.append(f"{label} in {where}")
    return found


def test_the_search_finds_what_it_looks_for():
    """The needles are found when they are there, in each form (a search that cannot fail proves nothing)."""
    for text in SECRETS.values():
        for form in encodings(text):
            assert leaks(b"x" + form + b"y", "probe"), form
    dumped = json.dumps({"t": SENTENCE}).encode()  # ensure_ascii: \u0e1b…
    assert leaks(dumped, "json") == ["sentence in json"]
    assert leaks(b"\\x" + NAME.encode().hex().encode(), "bytea") == ["name in bytea"]
    assert leaks(b"nothing of the kind", "clean") == []


# --- the scenario: real form, real API, real back office ---------------------------------------------


def prepare():
    """An organization whose corruption channel is open: one integrity officer signs in once."""
    from django.test import Client

    from sujarit.complaints.models import Category, ComplaintPolicy, Kind
    from sujarit.core.models import Role
    from sujarit.core.services import ensure_unit
    from sujarit.core.tests.personas import make_org, make_staff

    org = make_org(SLUG)
    unit = ensure_unit(org, "สำนักปลัด")
    ComplaintPolicy.objects.create(org=org, general_unit=unit, integrity_unit=unit, phone="0 7536 0000")
    Category.objects.create(org=org, kind=Kind.INTEGRITY, code="bribe", name="เรียกรับสินบน")
    make_staff(org, "t_integrity", Role.INTEGRITY_OFFICER)
    officer = Client()
    response = officer.post("/accounts/login/", {"username": "t_integrity", "password": "pw-t_integrity"})
    assert response.status_code == 302, response.content[:500]
    return org, officer


def tiny_png():
    """A valid 2×2 PNG made by Pillow (the upload check re-encodes images)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def scenario():
    """Everything a reporter and an officer do; returns what they saw (to prove it happened)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from sujarit.complaints.models import Case, Category, Kind
    from sujarit.complaints.protection import pow

    org, officer = prepare()
    category = Category.objects.get(org=org, code="bribe")
    citizen = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": USER_AGENT}
    seen = {}

    # 1. Through the web form, with a named photo.
    web = Client(**citizen)
    page = web.get(f"/{SLUG}/integrity/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    response = web.post(
        f"/{SLUG}/integrity/",
        {
            "category": category.pk,
            "accused_name": ACCUSED,
            "text": SENTENCE,
            "when": "มีนาคม 2570",
            "where": "ห้องเก็บพัสดุ",
            "name": NAME,
            "phone": PHONE,
            "email": EMAIL,
            "token": token,
            "nonce": pow.solve(token),
            "recipients": re.findall(r'name="recipients" value="(\d+)"[^>]*\bchecked', page),
            "files": [SimpleUploadedFile(FILE_NAME, tiny_png(), content_type="image/png")],
        },
    )
    html = response.content.decode()
    seen["form_status"] = response.status_code
    receipt_web = re.sub(r"\s", "", re.search(r'class="receipt"[^>]*><strong[^>]*>([\d ]+)<', html).group(1))

    # 2. Through the JSON API.
    api = Client(**citizen)
    challenge = api.get(f"/api/v1/orgs/{SLUG}/integrity-reports/challenge").json()
    body = {
        "token": challenge["token"],
        "nonce": pow.solve(challenge["token"]),
        "category": "bribe",
        "accused_name": ACCUSED,
        "text": SENTENCE,
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
    }
    response = api.post(f"/api/v1/orgs/{SLUG}/integrity-reports", body, content_type="application/json")
    seen["api_status"] = response.status_code
    receipt_api = response.json()["receipt"]

    # 3. The officer opens each case, reveals the identity with a reason, and replies.
    seen["officer_saw_report"] = seen["officer_saw_identity"] = 0
    for case in Case.objects.filter(org=org, kind=Kind.INTEGRITY):
        url = f"/{SLUG}/staff/integrity/{case.pk}/"
        seen["officer_saw_report"] += SENTENCE in officer.get(url).content.decode()
        officer.post(url, {"action": "reveal", "reveal-reason": REVEAL_REASON})
        seen["officer_saw_identity"] += NAME in officer.get(url).content.decode()
        officer.post(url, {"action": "reply", "reply-text": REPLY})

    # 4. The reporter reads the reply with the receipt (form, then API) and answers.
    web = Client(**citizen)
    token = re.search(r'name="token" value="([^"]+)"', web.get(f"/{SLUG}/integrity/follow/").content.decode())
    web.post(
        f"/{SLUG}/integrity/follow/",
        {"receipt": receipt_web, "token": token.group(1), "nonce": pow.solve(token.group(1))},
    )
    seen["web_reporter_saw_reply"] = REPLY in web.get(f"/{SLUG}/integrity/case/").content.decode()
    web.post(f"/{SLUG}/integrity/case/", {"action": "message", "text": ANSWER})

    def work():
        challenge = api.get(f"/api/v1/orgs/{SLUG}/integrity-reports/challenge?purpose=receipt").json()
        return {"token": challenge["token"], "nonce": pow.solve(challenge["token"])}

    follow = api.post(
        f"/api/v1/orgs/{SLUG}/integrity-reports/follow",
        {"receipt": receipt_api, **work()},
        content_type="application/json",
    )
    seen["api_reporter_saw_reply"] = any(e["text"] == REPLY for e in follow.json()["events"])
    response = api.post(
        f"/api/v1/orgs/{SLUG}/integrity-reports/messages",
        {"receipt": receipt_api, "text": ANSWER, **work()},
        content_type="application/json",
    )
    seen["api_message_status"] = response.status_code

    # 5. The officer sees both answers.
    seen["officer_saw_answer"] = sum(
        ANSWER in officer.get(f"/{SLUG}/staff/integrity/{case.pk}/").content.decode()
        for case in Case.objects.filter(org=org, kind=Kind.INTEGRITY)
    )
    seen["cases"] = Case.objects.filter(org=org, kind=Kind.INTEGRITY).count()
    seen["files"] = sum(c.files.count() for c in Case.objects.filter(org=org, kind=Kind.INTEGRITY))
    return seen


EXPECTED = {
    "form_status": 200,
    "api_status": 201,
    "officer_saw_report": 2,
    "officer_saw_identity": 2,
    "web_reporter_saw_reply": True,
    "api_reporter_saw_reply": True,
    "api_message_status": 201,
    "officer_saw_answer": 2,
    "cases": 2,
    "files": 1,
}


def audit_leaks():
    from sujarit.core.models import AuditEvent

    rows = list(AuditEvent.objects.values())
    assert rows, "nothing was audited"
    blob = json.dumps(rows, default=str, ensure_ascii=False).encode()
    return leaks(blob + json.dumps(rows, default=str).encode(), "the audit log")


# --- (a) and (b): a real database in a subprocess -----------------------------------------------


def run_in_subprocess(tmp, database_url=""):
    """Run the scenario against a throwaway database under tmp; (what it saw, its stderr)."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")},
        "DJANGO_SETTINGS_MODULE": "sujarit.settings",
        "SUJARIT_VAR_DIR": str(tmp),
        "SQLITE_PATH": str(tmp / "db.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "DEBUG": "true",  # Django logs every SQL statement with its parameters only in DEBUG
        "LOG_LEVEL": "DEBUG",
        "ALLOWED_HOSTS": "testserver",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SUJARIT_KDF_OPSLIMIT": "1",
        "SUJARIT_KDF_MEMLIMIT": "8192",
        "SUJARIT_POW_BITS": "4",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    done = subprocess.run(
        [sys.executable, "-m", "sujarit.complaints.tests.test_no_plaintext", str(tmp)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-5000:]
    return json.loads((tmp / "seen.json").read_text()), done.stderr + done.stdout


def _script(tmp):
    """The subprocess: migrate, run the scenario, keep copies of the SQLite files while still open."""
    import django

    django.setup()
    import logging

    from django.core.management import call_command
    from django.db import connection

    # LOG_LEVEL=DEBUG opens the root logger; Django's own "django" logger stays at INFO as settings
    # leave it, but its SQL logger is opened too: every statement, with its parameters.
    logging.getLogger("django.db.backends").setLevel(logging.DEBUG)
    call_command("migrate", verbosity=0, interactive=False)
    seen = scenario()
    seen["audit_leaks"] = audit_leaks()
    if connection.vendor == "sqlite":
        snapshot = tmp / "open-copy"
        snapshot.mkdir()
        for suffix in ("", "-wal", "-shm"):
            path = Path(str(tmp / "db.sqlite3") + suffix)
            if path.exists():
                shutil.copyfile(path, snapshot / path.name)
        seen["wal_copied"] = (snapshot / "db.sqlite3-wal").exists()
    (tmp / "seen.json").write_text(json.dumps(seen))


def test_sqlite_file_wal_media_and_server_log_hold_no_plaintext(tmp_path):
    seen, log = run_in_subprocess(tmp_path)
    seen.pop("wal_copied", None)
    audit = seen.pop("audit_leaks")
    assert seen == EXPECTED, "the scenario did not run through: nothing to search"
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "seen.json"]
    assert any(p.name == "db.sqlite3" for p in files)
    assert any(p.name.endswith("-wal") for p in files), "no -wal file was searched"
    assert any("media" in p.parts for p in files), "no stored attachment was searched"
    found = audit + leaks(log, "the server's stderr")
    for path in files:
        found += leaks(path.read_bytes(), str(path.relative_to(tmp_path)))
    assert found == []
    assert b"SELECT" in log and b"INSERT" in log, "the server did not log its SQL at DEBUG"


# --- (b) -----------------------------------------------------------------------------------------


def _postgres_server():
    """A PostgreSQL URL to create a throwaway database on: the test database's server, else DATABASE_URL."""
    from django.db import connection

    if connection.vendor == "postgresql":
        s = connection.settings_dict
        auth = quote(s["USER"] or "", safe="") + (
            f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
        )
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/postgres"
    return os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"


def test_postgres_dump_holds_no_plaintext(tmp_path):
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: no PostgreSQL dump to search")
    pg_dump = shutil.which("pg_dump")
    if not pg_dump:
        pytest.skip("pg_dump is missing (apt-get install postgresql-client): no PostgreSQL dump to search")
    server = _postgres_server()
    name = f"sujarit_plaintext_{os.getpid()}"
    try:
        with psycopg.connect(_with_db(server, "postgres"), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as e:
        pytest.skip(f"no PostgreSQL server to dump ({urlparse(server).hostname}): {e}".splitlines()[0])
    url = _with_db(server, name)
    try:
        seen, log = run_in_subprocess(tmp_path, url)
        audit = seen.pop("audit_leaks")
        assert seen == EXPECTED, "the scenario did not run through: nothing to search"
        dump = subprocess.run(
            [pg_dump, "--no-owner", url], capture_output=True, timeout=300, check=True
        ).stdout
        assert b"complaints_case" in dump and b"COPY" in dump
        assert audit + leaks(dump, "the pg_dump") + leaks(log, "the server's stderr") == []
    finally:
        with psycopg.connect(_with_db(server, "postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _with_db(url, name):
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


# --- (c): in-process, every log record and the audit log ----------------------------------------------


def test_log_records_and_audit_hold_no_plaintext(db, caplog, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    caplog.set_level("DEBUG")
    caplog.set_level("DEBUG", logger="django.db.backends")  # Django's default for "django" is INFO
    # CaptureQueriesContext turns on the debug cursor: every SQL statement is logged with its parameters.
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        seen = scenario()
    assert seen == EXPECTED, "the scenario did not run through: nothing to search"
    assert any(r.name == "django.db.backends" for r in caplog.records), "SQL was not logged"
    lines = "\n".join(
        f"{r.name} {r.levelname} {r.getMessage()} {r.args!r} {r.__dict__.get('sql', '')} "
        f"{r.__dict__.get('params', '')!r}"
        for r in caplog.records
    )
    sql = "\n".join(q["sql"] for q in queries.captured_queries)
    assert leaks(lines.encode(), "the log records") + leaks(sql.encode(), "the SQL") + audit_leaks() == []


if __name__ == "__main__":
    _script(Path(sys.argv[1]))
