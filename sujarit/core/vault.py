"""Secrets held for one browser session without the server being able to read them at rest.

A secret (an integrity officer's private key, a reporter's case key) is stored in the session
encrypted with a random key that lives only in a separate HttpOnly cookie. A copy of the database
or its backups holds ciphertext whose key is in nobody's hands but the browser's; the cookie alone
holds nothing. Call `put` or `drop`, then `attach(request, response)` on the way out.
"""

import base64

import nacl.exceptions
import nacl.secret
import nacl.utils
from django.conf import settings

COOKIE = "sujarit_vault"
PREFIX = "vault:"


def _key(request, create=False):
    key = getattr(request, "_sujarit_vault_key", None)
    if key is None:
        raw = request.COOKIES.get(COOKIE, "")
        try:
            key = base64.urlsafe_b64decode(raw.encode()) if raw else None
        except (ValueError, TypeError):
            key = None
        if key is not None and len(key) != nacl.secret.SecretBox.KEY_SIZE:
            key = None
        if key is None and create:
            key = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
            request._sujarit_vault_new = True
        request._sujarit_vault_key = key
    return key


def put(request, name, secret):
    key = _key(request, create=True)
    box = nacl.secret.SecretBox(key).encrypt(bytes(secret))
    request.session[PREFIX + name] = base64.b64encode(bytes(box)).decode()


def get(request, name):
    """The secret, or None when the session or the cookie no longer holds it."""
    stored = request.session.get(PREFIX + name)
    key = _key(request)
    if not stored or key is None:
        return None
    try:
        return nacl.secret.SecretBox(key).decrypt(base64.b64decode(stored))
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        return None


def drop(request, name):
    request.session.pop(PREFIX + name, None)


def attach(request, response):
    """Set the vault cookie on the response when put() made a new key."""
    if getattr(request, "_sujarit_vault_new", False):
        response.set_cookie(
            COOKIE,
            base64.urlsafe_b64encode(request._sujarit_vault_key).decode(),
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        )
    return response
