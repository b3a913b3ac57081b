"""Links offered as publications: this site's pages must exist, other sites must answer.

The server fetches what staff typed, so it must not become a way to probe the office LAN (SSRF). The
host is resolved once, every address it resolves to must be public, and the connection goes to the
address that was checked — never to a second lookup, which a hostile name server could answer with
127.0.0.1 (DNS rebinding). TLS is still verified against the host name. Redirects are followed by hand,
each hop checked the same way. This site's own host names are looked up in the URLconf, never fetched,
and only on this site's own port.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from sujarit.core.models import Organization
from sujarit.core.registry import registry

from ..models import Publication, PublicationVersion, VersionState

LINK_TIMEOUT = 5
MAX_REDIRECTS = 5
MAX_ADDRESSES = 3  # of one host, tried in turn: a name with many addresses must not hold the form up
DEFAULT_PORTS = {"http": 80, "https": 443}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _is_public(ip):
    """A global unicast address, also when it wraps an IPv4 one (mapped, 6to4, NAT64, Teredo)."""
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is None and ip.teredo:
            embedded = ip.teredo[1]
        if embedded is not None and not _is_public(embedded):
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_unspecified or ip.is_reserved or ip.is_loopback)


def public_ips(host, port):
    """The addresses `host` resolves to when every one is public, else [] (one lookup, no SSRF)."""
    if not host:
        return []
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    ips = []
    for info in infos:
        try:
            ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        except ValueError:
            return []
        if not _is_public(ip):
            return []
        if str(ip) not in ips:
            ips.append(str(ip))
    return ips


def _port(parts):
    try:
        return parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:  # a port out of range
        return None


def public_address(url):
    """True when every address the URL's host resolves to is a public one."""
    parts = urlsplit(url)
    return bool(public_ips(parts.hostname, _port(parts)))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to the address that was checked; the Host header still names the host."""

    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout)
        self.ip = ip

    def connect(self):
        self.sock = socket.create_connection((self.ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the address that was checked; SNI and the certificate check use the host name."""

    def __init__(self, host, port, ip, timeout):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.ip = ip

    def connect(self):
        sock = socket.create_connection((self.ip, self.port), self.timeout)
        try:
            self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def _request(url, method):
    """(status, Location) of one request to a checked public address; None when it is refused or fails."""
    parts = urlsplit(url)
    port = _port(parts)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or port is None:
        return None
    ips = public_ips(parts.hostname, port)
    if not ips:
        return None
    cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    for ip in ips[:MAX_ADDRESSES]:
        conn = cls(parts.hostname, port, ip, LINK_TIMEOUT)
        try:
            conn.request(method, path, headers={"User-Agent": "Sujarit link check"})
            resp = conn.getresponse()
            return resp.status, resp.getheader("Location")
        except (OSError, http.client.HTTPException, ValueError):
            continue  # the next checked address of the host, if any
        finally:
            conn.close()
    return None


def _answers(url, method):
    """The final status of `url` (following up to 5 redirects, each to a public address), or None."""
    for _hop in range(MAX_REDIRECTS + 1):
        answer = _request(url, method)
        if answer is None:
            return None
        status, location = answer
        if status in (301, 302, 303, 307, 308) and location:
            url = urljoin(url, location)
            continue
        return status
    return None


def check_link(url):
    """True when an external address answers (HEAD, then GET) within 5 seconds without an error.

    Only public addresses are contacted, at the address that was checked (see the module docstring).
    """
    for method in ("HEAD", "GET"):
        status = _answers(url, method)
        if status is None:
            return False
        if status < 400:
            return True
        if method == "HEAD" and status in (403, 405, 501):
            continue  # servers that refuse HEAD may answer GET
        return False
    return False


def _own_hosts():
    hosts = {h.lower() for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")}
    if settings.SUJARIT_SITE_URL:
        hosts.add(urlsplit(settings.SUJARIT_SITE_URL).hostname or "")
    return hosts


def _own_ports():
    """The ports this site answers on: the default ones and SUJARIT_SITE_URL's."""
    ports = set(DEFAULT_PORTS.values())
    if settings.SUJARIT_SITE_URL:
        ports.add(_port(urlsplit(settings.SUJARIT_SITE_URL)))
    return ports


def _internal_exists(match):
    """Whether the page a resolved path of this site names exists (organization, publication, plan)."""
    kw = match.kwargs
    org = None
    if "org_slug" in kw:
        org = Organization.objects.filter(slug=kw["org_slug"]).first()
        if org is None:
            return False
    name = f"{match.namespace}:{match.url_name}"
    if name in ("disclosure:publication", "disclosure:version", "disclosure:file"):
        pubs = Publication.objects.for_org(org).filter(pk=kw["pk"], current_version__isnull=False)
        if "number" not in kw:
            return pubs.exists()
        return PublicationVersion.objects.filter(
            publication__in=pubs, number=kw["number"], state=VersionState.PUBLISHED
        ).exists()
    # Another module's page: that module says whether it exists (its "<namespace>.page_exists" query).
    page_exists = registry.query(f"{match.namespace}.page_exists")
    if page_exists is not None and org is not None:
        return page_exists(org, match.url_name, kw)
    return True


def check_address(url):
    """A link's address, checked: http/https only; this site's pages must exist, others must answer."""
    url = (url or "").strip()
    if not url:
        raise ValidationError(_("Give the link's address."))
    parts = urlsplit(url)
    internal = url.startswith("/") and not url.startswith("//")
    if not internal:
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValidationError(_("The address must start with http:// or https://."))
        internal = parts.hostname.lower() in _own_hosts()
        if internal and _port(parts) not in _own_ports():
            # another service on this machine (or a port scan of it): neither a page of this site nor
            # an external address to fetch
            raise ValidationError(_("This address is not a page of this site: %(url)s") % {"url": url})
    if internal:
        try:
            match = resolve(parts.path or "/")
        except Resolver404:
            match = None
        if match is None or not _internal_exists(match):
            raise ValidationError(_("This address is not a page of this site: %(url)s") % {"url": url})
        return url
    if not check_link(url):
        raise ValidationError(
            _("The address did not answer (checked for 5 seconds): %(url)s. Check it and try again.")
            % {"url": url}
        )
    return url
