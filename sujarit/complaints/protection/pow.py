"""Flood protection of the corruption channel: proof-of-work tokens and rate limits without IP records.

- A form (or API client) gets a signed one-time challenge token; before submitting it must find a
  nonce such that sha256(token + ":" + nonce) starts with SUJARIT_POW_BITS zero bits. One try costs
  the server one hash; a flood costs the flooder ~2**bits hashes per report.
- A token is single use: the case it made keeps its digest (Case.submission_token).
- Submissions per organization per minute are counted from Case.received_at (no client data at all).
- Wrong receipts are counted in the cache under an HMAC of the client address with a key that
  changes every day, so the counter cannot be turned back into an address and is gone within
  minutes; nothing about the client reaches the database or the logs.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import codes, throttle

from ..models import Case, Kind

SALT = "sujarit.complaints.pow"
TOKEN_MAX_AGE = 2 * 3600  # seconds a challenge stays valid (a long report takes time to write)
RECEIPT_FAILURES = 10  # wrong receipts a client may enter …
RECEIPT_WINDOW = 15 * 60  # … per this many seconds


class PowError(ValidationError):
    """The form's challenge is missing, expired, forged, for another organization or unsolved."""


class Flood(ValidationError):
    """Too many submissions or wrong receipts: the client must wait (HTTP 429)."""


# --- challenge tokens ----------------------------------------------------------------------------


def issue(org):
    """A new signed challenge token bound to the organization (random + timestamp)."""
    return codes.new_form_token(org, SALT)


def bits():
    return max(0, int(settings.SUJARIT_POW_BITS))


def read(org, token):
    """Check the token's signature, age and organization; PowError when it cannot be used."""
    if not isinstance(token, str) or not token or len(token) > 500:
        raise PowError(_("The form has expired. Open the report page again and send your report."))
    try:
        data = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as e:
        raise PowError(
            _("The form was open too long and has expired. Copy your text, reload the page and send again.")
        ) from e
    except (signing.BadSignature, ValueError, TypeError) as e:
        raise PowError(_("The form has expired. Open the report page again and send your report.")) from e
    if not isinstance(data, dict) or data.get("o") != org.pk:
        raise PowError(_("The form has expired. Open the report page again and send your report."))
    return data


def leading_zero_bits(digest):
    count = 0
    for byte in digest:
        if byte == 0:
            count += 8
            continue
        return count + (8 - byte.bit_length())
    return count


def solved(token, nonce, need=None):
    """True when sha256(token:nonce) has the required leading zero bits."""
    need = bits() if need is None else need
    if not isinstance(nonce, str) or not nonce or len(nonce) > 40:
        return False
    digest = hashlib.sha256(f"{token}:{nonce}".encode()).digest()
    return leading_zero_bits(digest) >= need


def check(org, token, nonce):
    """Signature, age, organization and work of a submission; PowError otherwise."""
    read(org, token)
    if not solved(token, nonce):
        raise PowError(
            _(
                "The page did not finish its security check before sending. Turn on JavaScript, "
                "wait for the check to finish and send again."
            )
        )


def solve(token, need=None):
    """Find a nonce for a token (for tests, the demo and API clients written in Python)."""
    need = bits() if need is None else need
    n = 0
    while not solved(token, str(n), need):
        n += 1
    return str(n)


# --- rate limits ---------------------------------------------------------------------------------


def check_flood(org):
    """Flood when the organization received its per-minute limit of corruption reports already."""
    limit = settings.SUJARIT_SUBMISSIONS_PER_MINUTE
    since = timezone.now() - timedelta(minutes=1)
    if Case.objects.filter(org=org, kind=Kind.INTEGRITY, received_at__gte=since).count() >= limit:
        raise Flood(_("Too many reports are arriving right now. Please wait a minute and send again."))


def _receipt_key(request):
    return f"sujarit:complaints:receipt-fail:{throttle.client_tag(request)}"


def check_receipt_rate(request):
    """Flood when this client entered too many wrong receipts lately."""
    if throttle.over(_receipt_key(request), RECEIPT_FAILURES):
        raise Flood(
            _("Too many wrong receipts were entered. Please wait %(minutes)s minutes and try again.")
            % {"minutes": RECEIPT_WINDOW // 60}
        )


def receipt_failed(request):
    """Count one wrong receipt for this client (the window starts at the first failure)."""
    throttle.hit(_receipt_key(request), RECEIPT_WINDOW)
