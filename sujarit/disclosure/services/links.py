"""Links offered as publications: this site's pages must exist, other sites must answer.

The server fetches what staff typed, so it refuses addresses of private, loopback and link-local
networks (and redirects to them): a link check must not become a way to probe the office LAN.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from sujarit.core.models import Organization
from sujarit.core.registry import registry

from ..models import Publication, PublicationVersion, VersionState

LINK_TIMEOUT = 5


def public_address(url):
    """True when every address the URL's host resolves to is a public one (no SSRF into the LAN)."""
    host = urlsplit(url).hostname
    if not host:
        return False
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global or ip.is_multicast:
            return False
    return bool(infos)


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another public address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https") or not public_address(newurl):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_link(url):
    """True when an external address answers (HEAD, then GET) within 5 seconds without an error.

    The server fetches what staff typed, so it refuses addresses of private, loopback and link-local
    networks (and redirects to them): a link check must not become a way to probe the office LAN.
    """
    if not public_address(url):
        return False
    opener = urllib.request.build_opener(_PublicRedirects)
    for method in ("HEAD", "GET"):
        req = urllib.request.Request(url, method=method, headers={"User-Agent": "Sujarit link check"})
        try:
            with opener.open(req, timeout=LINK_TIMEOUT) as resp:  # noqa: S310 (http/https only)
                if resp.status < 400:
                    return True
        except urllib.error.HTTPError as e:
            if method == "HEAD" and e.code in (403, 405, 501):
                continue  # servers that refuse HEAD may answer GET
            return False
        except (urllib.error.URLError, OSError, ValueError):
            return False
    return False


def _own_hosts():
    hosts = {h.lower() for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")}
    if settings.SUJARIT_SITE_URL:
        hosts.add(urlsplit(settings.SUJARIT_SITE_URL).hostname or "")
    return hosts


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
