"""The load side of the benchmarks: the app served by waitress in a second process, and loaded on
loopback by wrk (when installed) or a pool of Python processes, each page beside its static copy.

`serve_beside_static` is the one way a benchmark measures pages against the same HTML served as a
static file (bench.pages, bench.many_orgs, bench.disclosure_portal); `start_server`/`stop_server`
serve the app for benchmarks that send their own requests. The server process is
`python -m bench.load --serve PORT --threads N`.
"""

import argparse
import http.client
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/load.py`
    sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(95), e.connect + e.read + e.write + e.status + e.timeout))
end
"""


# --- pages beside their static copies -------------------------------------------------------------


@dataclass
class Served:
    """The app being served on `port`, each of `paths` beside its static copy in `static_paths`."""

    args: argparse.Namespace  # .threads, .seconds, .connections, .python_load, .smoke
    port: int
    paths: dict
    static_paths: dict

    @property
    def use_wrk(self):
        return bool(shutil.which("wrk")) and not self.args.python_load

    @property
    def tool(self):
        """The load generator, as the reports print it."""
        if self.use_wrk:
            return f"wrk, 2 threads, {self.args.connections} connections"
        return f"Python load generator, {self.args.connections} processes with one keep-alive connection each"

    def load_each(self, *, warmup=2.0):
        """{(name, "page"|"static"): figures} of --seconds of load on each URL, after a warm-up of at
        most `warmup` s that is not counted (none with --smoke)."""
        load = _wrk if self.use_wrk else _python_load
        a = self.args
        results = {}
        for name in self.paths:
            for kind, path in (("page", self.paths[name]), ("static", self.static_paths[name])):
                if not a.smoke:
                    load(self.port, path, min(warmup, a.seconds), a.connections)
                results[(name, kind)] = load(self.port, path, a.seconds, a.connections)
        return results


@contextmanager
def serve_beside_static(args, paths):
    """Save each page's HTML as a static file, then serve the app (args.threads) until the block ends;
    yields a `Served`. The database connections are closed first: the server has its own."""
    from django.conf import settings
    from django.db import connections

    static_paths = save_static_copies(paths, Path(settings.STATIC_ROOT), settings.STATIC_URL)
    connections.close_all()
    server, port = start_server(args.threads, next(iter(static_paths.values())))
    try:
        yield Served(args, port, paths, static_paths)
    finally:
        stop_server(server)


def save_static_copies(paths, static_root, static_url):
    """Each page's HTML, rendered once, saved under STATIC_ROOT/bench/ for whitenoise to serve."""
    from django.test import Client

    out = static_root / "bench"
    out.mkdir(parents=True, exist_ok=True)
    static_paths = {}
    for name, path in paths.items():
        file_name = name.replace("/", "-")
        (out / f"{file_name}.html").write_bytes(Client().get(path).content)
        static_paths[name] = f"{static_url}bench/{file_name}.html"
    return static_paths


# --- the server -----------------------------------------------------------------------------------


def start_server(threads, probe_path):
    """waitress serving the app in a second process, on a free loopback port; returns (process, port)."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.load", "--serve", str(port), "--threads", str(threads)],
        cwd=ROOT,
        env={**os.environ},
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(port, probe_path, server)
    except BaseException:
        stop_server(server)
        raise
    return server, port


def stop_server(server):
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- load generators ------------------------------------------------------------------------------


def _wrk(port, path, seconds, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT)
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",  # a slow answer is a slow answer (wrk's default 2 s would count it as an error)
                "-s",
                f.name,
                f"http://{HOST}:{port}{path}",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(f.name)
    m = re.search(r"BENCH (\d+) (\d+) (\d+) (\d+)", out)
    if not m:
        raise SystemExit(f"bench.load: could not read wrk's output:\n{out}")
    requests, duration_us, p95_us, errors = map(int, m.groups())
    return {
        "requests": requests,
        "rps": requests / (duration_us / 1e6),
        "p95_ms": p95_us / 1000,
        "errors": errors,
    }


def _python_load(port, path, seconds, connections):
    """`connections` processes, each a keep-alive http.client connection sending GETs until time is up."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(connections) as pool:
        # The pool's processes start before the clock does: each waits for the common start time.
        start = time.time() + 1.0
        parts = pool.map(_client, [(port, path, start, seconds)] * connections)
    latencies = sorted(x for lat, _errors, _span in parts for x in lat)
    errors = sum(e for _lat, e, _span in parts)
    if not latencies:
        return {"requests": 0, "rps": 0.0, "p95_ms": float("nan"), "errors": errors}
    # Wall time from the first request sent to the last answer received, over all the processes.
    elapsed = max(s[1] for *_, s in parts) - min(s[0] for *_, s in parts)
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p95_ms": p95 * 1000,
        "errors": errors,
    }


def _client(job):
    port, path, start, seconds = job
    time.sleep(max(0.0, start - time.time()))
    began = time.time()
    deadline = time.perf_counter() + seconds
    latencies, errors = [], 0
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    while True:
        t0 = time.perf_counter()
        if t0 >= deadline:
            break
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            continue
        if response.status == 200:
            latencies.append(time.perf_counter() - t0)
        else:
            errors += 1
        if response.will_close:
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.close()
    return latencies, errors, (began, time.time())


# --- the server process and helpers ---------------------------------------------------------------


def _serve(port, threads):
    import waitress

    from sujarit.wsgi import application

    waitress.serve(application, host=HOST, port=port, threads=threads, ident="sujarit", _quiet=True)
    return 0


def _free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait_until_up(port, path, server, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"bench.load: the server exited with status {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("bench.load: the server did not answer in time")


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="python -m bench.load", description="the server process of the benchmarks"
    )
    p.add_argument("--serve", type=int, metavar="PORT", required=True)
    p.add_argument("--threads", type=int, default=4)
    args = p.parse_args(argv)
    return _serve(args.serve, args.threads)


if __name__ == "__main__":
    sys.exit(main())
