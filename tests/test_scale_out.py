"""Scale-out, for real: two application processes behind one address share a Redis cache, and public
reads go to a PostgreSQL streaming replica while writes and a writer's next reads stay on the primary.

The primary and its replica are throwaway clusters made here (initdb, pg_basebackup -R) on two free
ports, both logging every statement, so the test reads in their logs which server answered what.
Runs in CI's PostgreSQL pass (DATABASE_URL set); it needs the server binaries and the `postgres`
system user, as the machines have them.
"""

import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
BINDIRS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
REDIS_DB = 14

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres")
    or not BINDIRS
    or shutil.which("runuser") is None,
    reason="runs in the PostgreSQL pass, with the PostgreSQL server binaries",
)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*cmd, **kw):
    return subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True, capture_output=True, **kw)


def _bin(name):
    return f"{BINDIRS[-1]}/{name}"


def _conf(datadir, **settings):
    with open(Path(datadir) / "postgresql.conf", "a") as f:
        for key, value in settings.items():
            f.write(f"{key} = {value}\n")


def _redis_up():
    try:
        import redis

        return redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_timeout=2).ping()
    except Exception:
        return False


@pytest.fixture(scope="module")
def clusters():
    base = Path(tempfile.mkdtemp(prefix="sujarit-replica-"))
    shutil.chown(base, "postgres")
    primary, replica = base / "primary", base / "replica"
    p1, p2 = _free_port(), _free_port()
    common = {"listen_addresses": "'127.0.0.1'", "unix_socket_directories": f"'{base}'", "fsync": "off"}
    try:
        _as_postgres(_bin("initdb"), "-D", str(primary), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        _conf(primary, port=p1, wal_level="replica", max_wal_senders=4, log_statement="'all'", **common)
        _as_postgres(_bin("pg_ctl"), "-D", str(primary), "-l", str(base / "primary.log"), "-w", "start")
        _as_postgres(
            _bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(p1), "-U", "postgres", "-D", str(replica),
            "-R", "-X", "stream",
        )  # fmt: skip
        _conf(replica, port=p2, hot_standby="on", log_statement="'all'", **common)
        _as_postgres(_bin("pg_ctl"), "-D", str(replica), "-l", str(base / "replica.log"), "-w", "start")
        _as_postgres(_bin("createdb"), "-h", "127.0.0.1", "-p", str(p1), "-U", "postgres", "sujarit")
        yield {
            "primary": f"postgres://postgres@127.0.0.1:{p1}/sujarit",
            "replica": f"postgres://postgres@127.0.0.1:{p2}/sujarit",
            "primary_log": base / "primary.log",
            "replica_log": base / "replica.log",
        }
    finally:
        for d in (replica, primary):
            if (d / "postmaster.pid").exists():
                subprocess.run(
                    [
                        "runuser",
                        "-u",
                        "postgres",
                        "--",
                        _bin("pg_ctl"),
                        "-D",
                        str(d),
                        "-m",
                        "immediate",
                        "stop",
                    ],
                    capture_output=True,
                )
        shutil.rmtree(base, ignore_errors=True)


def _wait_for_replica(url, timeout=30, phone=None):
    import psycopg

    deadline = time.time() + timeout
    where = "slug = 'replicated'" if phone is None else "slug = 'laemsom' and phone = %s"
    while time.time() < deadline:
        try:
            with psycopg.connect(url, connect_timeout=2) as c:
                found = c.execute(
                    f"select count(*) from core_organization where {where}", [phone] if phone else []
                )
                if found.fetchone()[0]:
                    return
        except psycopg.Error:
            pass
        time.sleep(0.2)
    raise AssertionError("the replica did not catch up with the primary")


@pytest.fixture(scope="module")
def app(clusters):
    if not _redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    prefix = f"sujarit-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": clusters["primary"],
        "DATABASE_REPLICA_URL": clusters["replica"],
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "SUJARIT_CACHE_PREFIX": prefix,
        "SUJARIT_SIGNIN_MAX_FAILURES": "3",
        # Only the commit's forgetting, never the version's expiry, can show a change within a test.
        "SUJARIT_PUBLIC_VERSION_SECONDS": "3600",
        "DEBUG": "1",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    make_org = (
        "from sujarit.core.services import create_organization as c;"
        "c(slug='laemsom', name='องค์การบริหารส่วนตำบลแหลมสอม');"
        "c(slug='replicated', name='ตรวจการทำสำเนา')"
    )
    subprocess.run([*manage, "shell", "-c", make_org], cwd=ROOT, env=env, check=True)
    _wait_for_replica(clusters["replica"])
    servers, ports = [], []
    for _i in range(2):  # two application processes, as behind one load balancer
        port = _free_port()
        code = f"import waitress; from sujarit.wsgi import application as a; waitress.serve(a, host='127.0.0.1', port={port}, threads=2, _quiet=True)"
        servers.append(subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env))
        ports.append(port)
    try:
        for port in ports:
            _wait_up(port)
        yield {"ports": ports, "prefix": prefix, "env": env, **clusters}
    finally:
        for s in servers:
            s.terminate()
            s.wait(10)
        import redis

        r = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
        for key in r.scan_iter(f"{prefix}:*"):
            r.delete(key)


def _wait_up(port, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/laemsom/", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise AssertionError("the application process did not start")


def _log_size(path):
    return Path(path).stat().st_size


def _log_since(path, offset):
    with open(path, encoding="utf-8", errors="replace") as f:
        f.seek(offset)
        return f.read()


def _settle():
    time.sleep(0.3)  # the server writes its log line after answering


def _uncached(path):
    """An address no one has asked for yet: a page kept by the page cache's middleware (core/pagecache.py)
    would be answered without reaching the database at all."""
    return f"{path}?fresh={uuid.uuid4().hex}"


def test_a_public_page_is_read_from_the_replica(app):
    before_r, before_p = _log_size(app["replica_log"]), _log_size(app["primary_log"])
    page = requests.get(f"http://127.0.0.1:{app['ports'][0]}{_uncached('/laemsom/')}", timeout=10)
    _settle()
    assert page.status_code == 200 and "แหลมสอม" in page.text
    assert re.search(r"statement: SELECT .*core_organization", _log_since(app["replica_log"], before_r))
    assert "core_organization" not in _log_since(app["primary_log"], before_p)


def test_a_client_that_wrote_reads_from_the_primary(app):
    a, b = (f"http://127.0.0.1:{p}" for p in app["ports"])
    client = requests.Session()
    client.get(f"{a}/laemsom/", timeout=10)
    client.cookies.set("csrftoken", "c" * 32)
    posted = client.post(
        f"{a}/i18n/setlang/", data={"language": "th", "next": "/laemsom/"},
        headers={"X-CSRFToken": "c" * 32, "Referer": f"{a}/"}, allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert posted.status_code == 302 and "sujarit_primary" in posted.cookies
    before_r, before_p = _log_size(app["replica_log"]), _log_size(app["primary_log"])
    page = client.get(f"{b}{_uncached('/laemsom/')}", timeout=10)  # the other process, the same client
    _settle()
    assert page.status_code == 200
    assert "core_organization" in _log_since(app["primary_log"], before_p)
    assert "core_organization" not in _log_since(app["replica_log"], before_r)


def test_a_change_committed_anywhere_shows_at_once_in_every_process(app):
    contact = "/laemsom/contact/"
    bases = [f"http://127.0.0.1:{p}" for p in app["ports"]]
    for base in bases * 2:  # kept by the page cache's middleware, then answered by it
        assert "075-123456" not in requests.get(f"{base}{contact}", timeout=10).text
    change = (
        "from django.db import transaction; from sujarit.core import audit;"
        "from sujarit.core.models import Organization as O\n"
        "with transaction.atomic():\n"
        "    o = O.objects.get(slug='laemsom'); o.phone = '075-123456'; o.save(update_fields=['phone'])\n"
        "    audit.record(o, 'core.org_profile_changed', fields=['phone'])\n"
    )  # a third process, as a management command or another server would commit it
    subprocess.run([sys.executable, "manage.py", "shell", "-c", change], cwd=ROOT, env=app["env"], check=True)
    _wait_for_replica(app["replica"], phone="075-123456")
    for base in bases:
        assert "075-123456" in requests.get(f"{base}{contact}", timeout=10).text


def test_two_processes_count_a_clients_sign_in_tries_together(app):
    a, b = (f"http://127.0.0.1:{p}" for p in app["ports"])
    client = requests.Session()

    def try_password(base):
        form = client.get(f"{base}/accounts/login/", timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        return client.post(
            f"{base}/accounts/login/", data={"csrfmiddlewaretoken": token, "username": "somchai", "password": "x" * 12},
            headers={"Referer": f"{base}/accounts/login/"}, timeout=10,
        )  # fmt: skip

    locked = "ลงชื่อเข้าใช้ผิดหลายครั้งเกินไป"
    for base in (a, b, a):  # three wrong passwords (the limit here), spread over both processes
        assert locked not in try_password(base).text
    assert locked in try_password(b).text  # the fourth, on the other process, is refused
    import redis

    keys = list(redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).scan_iter(f"{app['prefix']}:*"))
    assert keys  # the counters live in the shared cache, not in either process
