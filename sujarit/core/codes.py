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
