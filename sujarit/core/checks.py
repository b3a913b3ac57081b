"""Deployment checks (`sujarit check --deploy`), and the refusal to serve with the development key."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


def refuse_development_key():
    """Called by wsgi.py and asgi.py (so by every server, runserver too): with DEBUG off, no start
    without a SECRET_KEY of this deployment's own — receipts and form tokens are HMACs under it."""
    if not settings.DEBUG and settings.SECRET_KEY.startswith("dev-only-"):
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable (a long random string, kept secret and unchanged): "
            "receipts and form tokens are HMACs under it. Only a development server (DEBUG=1) runs "
            "without one. See docs/OPERATIONS.md."
        )


@register(Tags.security, deploy=True)
def development_secret_key(app_configs, **kwargs):
    if settings.SECRET_KEY.startswith("dev-only-"):
        return [
            Warning(
                "SECRET_KEY is the development key.",
                hint="Set the SECRET_KEY environment variable (docs/OPERATIONS.md).",
                id="sujarit.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def ssl_redirect_behind_a_proxy(app_configs, **kwargs):
    # Sujarit's server (waitress) speaks plain HTTP behind a TLS proxy: without the proxy's word that
    # the request came over HTTPS, SECURE_SSL_REDIRECT sends every request round in a loop.
    if settings.SECURE_SSL_REDIRECT and not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return [
            Warning(
                "SECURE_SSL_REDIRECT is on but the proxy's X-Forwarded-Proto is not trusted.",
                hint="Behind a TLS-terminating proxy that sets X-Forwarded-Proto, set "
                "SUJARIT_TRUST_X_FORWARDED_PROTO=1 (docs/OPERATIONS.md).",
                id="sujarit.W002",
            )
        ]
    return []
