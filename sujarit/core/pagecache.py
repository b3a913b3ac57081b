"""Whole public pages answered before sessions and the database (docs/ARCHITECTURE.md, "Public page
caching").

A view that caches a page whole for anonymous visitors offers it (`offer`: the HTML with a placeholder
where the CSRF token goes, the organization, the version and day it was rendered under). On the way out,
`PublicPageMiddleware` keeps it with the headers the rest of the stack gave that answer; the next
anonymous GET or HEAD of the same address in the same language is answered by the middleware itself —
no session, user, messages or query — as long as the version the cache remembers for the organization
at that web name (`core.audit.remembered_version`) is the one the page was rendered under, on the same
day. Anything else goes through the whole stack untouched.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import timezone

from . import audit
from .middleware import chosen_language

# Where the visitor's own CSRF token goes in a page cached whole (the language form's).
CSRF_PLACEHOLDER = "__sujarit_csrf_token__"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage
SAFE_METHODS = ("GET", "HEAD")
# A kept page is checked against the version on every answer; this only bounds the memory it holds.
KEEP_SECONDS = 600
OFFER = "sujarit_page_offer"


def anonymous(request):
    """The visitor sees what every visitor of the address sees, but for the CSRF token: no session
    cookie — so nobody is signed in, since authentication lives in the session — and no pending message.

    The one rule for the whole-page cache, in the view (where request.user exists) and in the
    middleware (before the session and authentication middleware: the cookies alone decide).
    """
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def offer(response, org, seq, day, html):
    """Let the middleware keep this anonymous answer: `html` (with CSRF_PLACEHOLDER) is the page of `org`
    rendered under its audit version `seq` on `day` (ISO date)."""
    setattr(response, OFFER, (org.pk, org.slug, seq, day, html))
    return response


def _key(request):
    # Hashed: an address with a long query string would make a key longer than some caches take.
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"sujarit:page:{chosen_language(request)}:{address}"


class PublicPageMiddleware:
    """Placed after SecurityMiddleware and WhiteNoise (their work applies to both paths), before the
    session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        # Settings under which the stack behind would answer otherwise (a CSRF token in the session,
        # CommonMiddleware's redirects and refusals): then every request takes the whole stack.
        self.enabled = not (
            settings.CSRF_USE_SESSIONS or settings.PREPEND_WWW or settings.DISALLOWED_USER_AGENTS
        )

    def __call__(self, request):
        if not self.enabled or request.method not in SAFE_METHODS or not anonymous(request):
            return self.get_response(request)
        key = _key(request)
        kept = cache.get(key)
        if kept is not None and self._current(kept):
            return self._answer(request, kept)
        response = self.get_response(request)
        self._keep(key, response)
        return response

    def _current(self, kept):
        org_id, slug, seq, day, _headers, _html = kept
        return audit.remembered_version(slug) == (org_id, seq) and day == timezone.localdate().isoformat()

    def _answer(self, request, kept):
        *_, headers, html = kept
        request.get_host()  # a host outside ALLOWED_HOSTS is refused here as CommonMiddleware would
        self.csrf.process_request(request)  # the visitor's CSRF cookie, if any, read as Django does
        response = HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)), headers=headers)
        response["Content-Length"] = str(len(response.content))
        # Sets the CSRF cookie (a new one, or the visitor's renewed) exactly as the normal path does.
        return self.csrf.process_response(request, response)

    def _keep(self, key, response):
        offered = getattr(response, OFFER, None)
        if offered is None or response.status_code != 200 or response.streaming:
            return
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return  # the answer set something of this visitor's own
        org_id, slug, seq, day, html = offered
        cache.set(key, (org_id, slug, seq, day, dict(response.headers), html), KEEP_SECONDS)
        audit.remember_version(org_id, slug, seq)
