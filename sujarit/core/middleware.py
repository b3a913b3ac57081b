import time
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation

SEEN = "sujarit_seen"  # when a signed-in session last moved its end ahead (seconds since the epoch)


def mark_seen(sender, request, user, **kwargs):
    """On sign-in (Django's user_logged_in): the session is being written anyway, so the first page
    after it need not write it again."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN] = int(time.time())


class SessionExpiryMiddleware:
    """How long a session lasts.

    A signed-in person's session ends SESSION_COOKIE_AGE (SUJARIT_SESSION_IDLE_MINUTES, a working
    day) after their last request: each request moves the end ahead, written at most every
    TOUCH_EVERY seconds so a busy page does not write the session table each time. Anyone else who
    holds a session — a reporter with their case key, a citizen who opened their complaint with its
    secret — keeps it only until the browser closes (and never longer than SESSION_COOKIE_AGE on the
    server), so the next person at a shared computer does not find it open.
    """

    TOUCH_EVERY = 5 * 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is None or user is None:
            return response
        if user.is_authenticated:
            now = int(time.time())
            if session.get(SEEN, 0) <= now - self.TOUCH_EVERY:
                session[SEEN] = now  # a saved session gets a new end: SESSION_COOKIE_AGE from now
            if session.get_expire_at_browser_close():  # e.g. a reporter's session before signing in
                session.set_expiry(None)
        elif session.modified and not session.is_empty() and not session.get_expire_at_browser_close():
            session.set_expiry(0)
        return response


class SecurityHeadersMiddleware:
    """No asset from another site: a strict Content-Security-Policy on every response."""

    CSP = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = self.CSP
        tiles = urlsplit(settings.SUJARIT_MAP_TILES)
        if tiles.scheme in ("https", "http") and tiles.hostname:  # the operator's map tiles (settings)
            self.csp = self.CSP.replace(
                "img-src 'self' data:", f"img-src 'self' data: {tiles.scheme}://{tiles.netloc}"
            )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


def chosen_language(request):
    """The language of this request's pages: the one the visitor chose (the cookie), else Thai."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ThaiFirstLocaleMiddleware:
    """Thai unless the person chose another language (the language cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a phone set to English
    would get an English government site it never asked for; the choice is the person's, made once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RetiredOrganizationMiddleware:
    """Every address of a retired organization (moved to another deployment, `sujarit org retire`)
    answers 410 Gone with a page that says where it went. Its lookups find nothing (the default manager
    leaves it out), so only a 404 under /<slug>/ costs the one query that tells "moved" from "never"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        slug = request.path_info.lstrip("/").split("/", 1)[0]
        if not slug:
            return response
        from django.shortcuts import render

        from .models import Organization

        org = Organization.everywhere.filter(slug=slug, retired_at__isnull=False).first()
        if org is None:
            return response
        return render(request, "410_moved.html", {"moved": org}, status=410)
