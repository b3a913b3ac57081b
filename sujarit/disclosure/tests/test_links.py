"""The link checker contacts only the public address it checked: no DNS rebinding, no redirect into the LAN.

Real HTTP servers run on 127.0.0.1. What cannot run here — a public internet address and a hostile name
server — is a resolver stub (`socket.getaddrinfo`) and a route from the "public" address to a local
server, so a test can see where the checker really connected.
"""

import http.server
import shutil
import socket
import ssl
import subprocess
import threading

import pytest
from django.core.exceptions import ValidationError

from sujarit.disclosure.services import links

PUBLIC_IP = "93.184.216.34"  # a global address; connections to it are routed to a local server
_real_getaddrinfo = socket.getaddrinfo
_real_create_connection = socket.create_connection


class Server:
    """A local HTTP(S) server that records every request and answers with `status` (and `location`)."""

    def __init__(self, status=200, location=None, tls=None):
        self.hits, self.status, self.location = [], status, location
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                outer.hits.append((self.command, self.path, self.headers.get("Host")))
                self.send_response(outer.status)
                if outer.location:
                    self.send_header("Location", outer.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_HEAD = do_GET = _answer

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers():
    started = []

    def start(**kw):
        server = Server(**kw)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


@pytest.fixture
def internet(monkeypatch):
    """names: host → list of answers (one per lookup, the last repeats); routes: (ip, port) → local port."""
    names, routes, connects = {}, {}, []

    def getaddrinfo(host, port, *args, **kwargs):
        if host in names:
            answers = names[host]
            ip = answers.pop(0) if len(answers) > 1 else answers[0]
            family = socket.AF_INET6 if ":" in ip else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (ip, port or 0))]
        return _real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        connects.append(tuple(address[:2]))
        if tuple(address[:2]) in routes:
            return _real_create_connection(("127.0.0.1", routes[tuple(address[:2])]), *args, **kwargs)
        return _real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return names, routes, connects


def test_dns_rebinding_cannot_turn_the_check_to_a_private_address(servers, internet):
    names, routes, connects = internet
    private, public = servers(), servers()
    # the hostile name server answers a public address first, then 127.0.0.1
    names["rebind.example"] = [PUBLIC_IP, "127.0.0.1"]
    routes[(PUBLIC_IP, private.port)] = public.port

    assert links.check_link(f"http://rebind.example:{private.port}/report.pdf") is True

    assert private.hits == []  # the office machine was never contacted
    assert public.hits == [("HEAD", "/report.pdf", f"rebind.example:{private.port}")]
    assert connects == [(PUBLIC_IP, private.port)]


def test_a_name_that_resolves_to_a_private_address_is_never_contacted(servers, internet):
    names, _routes, connects = internet
    private = servers()
    for ip in ("127.0.0.1", "::ffff:127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "0.0.0.0", "100.64.0.1"):
        names["inside.example"] = [ip]
        assert links.check_link(f"http://inside.example:{private.port}/") is False, ip
        assert links.public_address(f"http://inside.example:{private.port}/") is False, ip
    for url in (f"http://127.0.0.1:{private.port}/", f"http://localhost:{private.port}/"):
        assert links.check_link(url) is False
    assert private.hits == [] and connects == []


def test_a_redirect_is_followed_only_to_a_checked_public_address(servers, internet):
    names, routes, connects = internet
    private = servers()
    names["good.example"] = [PUBLIC_IP]
    names["rebind.example"] = [PUBLIC_IP, "127.0.0.1"]
    to_private = servers(status=302, location=f"http://127.0.0.1:{private.port}/admin")
    to_rebinding = servers(status=301, location=f"http://rebind.example:{private.port}/")
    routes[(PUBLIC_IP, 8001)] = to_private.port
    routes[(PUBLIC_IP, 8002)] = to_rebinding.port
    final = servers()
    routes[(PUBLIC_IP, private.port)] = final.port

    assert links.check_link("http://good.example:8001/") is False
    assert (
        links.check_link("http://good.example:8002/") is True
    )  # on to the address rebind.example was checked at
    assert private.hits == []
    assert final.hits and all(host == f"rebind.example:{private.port}" for _m, _p, host in final.hits)
    assert ("127.0.0.1", private.port) not in connects


def test_this_sites_host_on_another_port_is_not_a_page_of_this_site(servers, settings, org):
    local = servers()
    settings.SUJARIT_SITE_URL = "https://sujarit.example.go.th"
    settings.ALLOWED_HOSTS = ["sujarit.example.go.th", "127.0.0.1", "localhost", "testserver"]
    assert links.check_address(f"https://sujarit.example.go.th/{org.slug}/")
    assert links.check_address(f"http://sujarit.example.go.th:443/{org.slug}/")
    for url in (
        f"https://sujarit.example.go.th:8443/{org.slug}/",
        f"http://127.0.0.1:{local.port}/{org.slug}/",
        f"http://localhost:{local.port}/",
        "http://testserver:6379/",
    ):
        with pytest.raises(ValidationError):
            links.check_address(url)
    assert local.hits == []

    settings.SUJARIT_SITE_URL = "http://sujarit.example.go.th:8000"
    assert links.check_address(f"http://sujarit.example.go.th:8000/{org.slug}/")


def _tls(tmp_path, name):
    """(client context trusting a fresh CA, server context with a certificate for `name`)."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is missing")

    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=tmp_path)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Test CA")  # fmt: skip
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-out",
        "leaf.csr",
        "-subj",
        f"/CN={name}",
    )
    (tmp_path / "ext").write_text(f"subjectAltName=DNS:{name}\n")
    run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "leaf.pem", "-days", "2", "-extfile", "ext")  # fmt: skip
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tmp_path / "leaf.pem", tmp_path / "leaf.key")
    return str(tmp_path / "ca.pem"), server


def test_https_goes_to_the_checked_address_and_verifies_the_host_name(
    servers, internet, tmp_path, monkeypatch
):
    names, routes, connects = internet
    cafile, server_tls = _tls(tmp_path, "secure.example")
    real_context = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda *a, **kw: real_context(cafile=cafile))
    site = servers(tls=server_tls)
    names["secure.example"] = [PUBLIC_IP, "127.0.0.1"]
    names["other.example"] = [PUBLIC_IP]
    routes[(PUBLIC_IP, 443)] = site.port

    assert links.check_link("https://secure.example/") is True
    assert connects == [(PUBLIC_IP, 443)]
    assert site.hits == [("HEAD", "/", "secure.example")]
    # the same server under a name its certificate does not carry: refused, verification is on
    assert links.check_link("https://other.example/") is False
    assert len(site.hits) == 1
