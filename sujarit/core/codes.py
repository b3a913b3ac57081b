"""Codes people copy by hand: tracking codes (no 0/O/1/I to misread) and numeric follow secrets."""

import secrets

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
SECRET_DIGITS = 8


def new_code(taken):
    """A random tracking code for which taken(code) is False."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        if not taken(code):
            return code


def normalize_code(text):
    """A code as typed (spaces, dashes, lower case) → its canonical form."""
    return "".join(c for c in str(text or "").upper() if c.isalnum())[:20]


def new_secret():
    return "".join(secrets.choice("0123456789") for _i in range(SECRET_DIGITS))


def format_secret(secret):
    """12345678 → 1234-5678 (easier to copy)."""
    return f"{secret[:4]}-{secret[4:]}" if len(secret) == SECRET_DIGITS else secret


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalize_secret(text):
    """A secret as typed (Thai digits, dashes, spaces) → its digits."""
    return "".join(c for c in str(text or "").translate(_THAI_DIGITS) if c.isdigit())[:20]


def new_form_token(org, salt):
    """A signed one-time token for a public form of org (a hidden field; a resent form carries it)."""
    return signing.dumps({"o": org.pk, "r": secrets.token_urlsafe(16)}, salt=salt, compress=False)


def read_form_token(org, token, salt, max_age):
    """ValidationError (Thai) when the token is missing, forged, expired or for another organization."""
    try:
        data = signing.loads(token or "", salt=salt, max_age=max_age)
    except signing.BadSignature as e:
        raise ValidationError(
            _("The form has expired. Copy your text, reload the page and send again.")
        ) from e
    if not isinstance(data, dict) or data.get("o") != org.pk:
        raise ValidationError(_("The form has expired. Copy your text, reload the page and send again."))


FOLLOW_FAILURES = 10  # wrong secrets allowed per code and client …
FOLLOW_CEILING = 100  # … and per code from every client together …
FOLLOW_WINDOW = 15 * 60  # … per this many seconds


class TooManyTries(ValidationError):
    """A code was tried with wrong secrets too often: wait (HTTP 429)."""


def follow(queryset, field, code, secret, *, scope, client):
    """The row of queryset whose `field` is the code and whose secret_hash matches the secret, or None.

    Nothing tells which of the two was wrong. Tracking codes are public (Open311 lists them), so the
    wrong secrets are counted per code *and* client (`core.throttle.client_tag`): whoever guesses locks
    only themselves out, 10 tries in 15 minutes. Per code, 100 wrong secrets from every client
    together lock it for everyone — a ceiling one client never reaches alone, which bounds a guess
    spread over many addresses (the secret has 10^8 values). The hasher runs even for an unknown
    code, so timing tells codes apart no better than the answer does. Each try is counted before the
    (slow) hasher runs and given back when the secret is right, so parallel guesses cannot all slip
    past the limits.
    """
    from django.contrib.auth.hashers import check_password

    from . import throttle

    code, secret = normalize_code(code), normalize_secret(secret)
    per_code = f"sujarit:follow:{scope}:{code}"
    per_client = f"{per_code}:{client}"
    # A client out of tries is refused before it counts against the code, so it cannot lock others out.
    if not throttle.take(per_client, FOLLOW_FAILURES, FOLLOW_WINDOW):
        raise TooManyTries(_("Too many wrong tries. Wait 15 minutes and try again."))
    if not throttle.take(per_code, FOLLOW_CEILING, FOLLOW_WINDOW):
        throttle.give_back(per_client)
        raise TooManyTries(_("Too many wrong tries. Wait 15 minutes and try again."))
    found = queryset.filter(**{field: code}).first() if code else None
    if check_password(secret, found.secret_hash if found else "!") and found is not None:
        throttle.give_back(per_client)
        throttle.give_back(per_code)
        return found
    return None
