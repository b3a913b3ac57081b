"""Flood protection of the corruption channel: proof-of-work tokens and rate limits without IP records.

- A form (or API client) gets a signed one-time challenge token; before submitting it must find a
  nonce such that sha256(token + ":" + nonce) starts with the token's number of zero bits. One try
  costs the server one hash; a report costs its sender ~2**bits hashes.
- The number of bits is fixed when the token is issued: SUJARIT_POW_BITS for a client asking at a
  normal rate, one bit more for every challenge beyond the first few the same client asked for within
  ten minutes, and one bit more per doubling of the organization's reports in the last minute beyond
  SUJARIT_SUBMISSIONS_PER_MINUTE, up to SUJARIT_POW_MAX_BITS. The flooder pays; a reporter at a normal
  rate pays what they always did, even while someone else floods.
- A client may send SUJARIT_REPORTS_PER_CLIENT reports an hour; the limit is per client, so a flood
  from one client never closes the channel for others.
- Receipt look-ups (each one an Argon2id derivation of 64 MiB) need a solved token too, used once.
- A report token is single use through the case it made (Case.submission_token); a receipt token
  through a cache entry kept for the token's lifetime.
- Every counter is kept in the cache under an HMAC of the client address with a key that changes
  every day, so it cannot be turned back into an address and is gone within the hour; nothing about
  the client reaches the database or the logs. Counts are taken before the work they guard, in one
  atomic step (throttle.take), so parallel requests cannot all pass a check made before any counted.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import throttle

SALT = "sujarit.complaints.pow"
TOKEN_MAX_AGE = 2 * 3600  # seconds a challenge stays valid (a long report takes time to write)
REPORT, RECEIPT = "report", "receipt"  # what a challenge token may be used for
PURPOSES = (REPORT, RECEIPT)
RECEIPT_FAILURES = 10  # wrong receipts a client may enter …
RECEIPT_WINDOW = 15 * 60  # … per this many seconds
REPORT_WINDOW = 3600  # SUJARIT_REPORTS_PER_CLIENT counts reports within this many seconds
CHALLENGE_WINDOW = 10 * 60  # challenges a client asked for are counted this long …
FREE_CHALLENGES = 5  # … and this many of them cost no more than the base difficulty


class PowError(ValidationError):
    """The form's challenge is missing, expired, forged, for another organization or unsolved."""


class Flood(ValidationError):
    """Too many submissions or wrong receipts: the client must wait (HTTP 429)."""


# --- challenge tokens ----------------------------------------------------------------------------


def bits():
    """The base difficulty (a reporter at a normal rate); 0 turns the proof-of-work off."""
    return max(0, int(settings.SUJARIT_POW_BITS))


def max_bits():
    return max(bits(), int(settings.SUJARIT_POW_MAX_BITS))


def _challenges_key(request):
    return f"sujarit:complaints:pow-issued:{throttle.client_tag(request)}"


def _org_extra(org):
    """One bit per doubling of the organization's reports in the last minute beyond the normal rate."""
    from ..models import Case, Kind

    limit = max(1, int(settings.SUJARIT_SUBMISSIONS_PER_MINUTE))
    since = timezone.now() - timedelta(minutes=1)
    recent = Case.objects.filter(org=org, kind=Kind.INTEGRITY, received_at__gte=since).count()
    return (recent // limit).bit_length()


def difficulty(org, request=None):
    """Bits a new challenge needs now; with the request, this challenge is counted for its client."""
    base = bits()
    if base == 0:
        return 0
    extra = 0
    if request is not None:
        asked = throttle.hit(_challenges_key(request), CHALLENGE_WINDOW)
        extra += max(0, asked - FREE_CHALLENGES)
    extra += _org_extra(org)
    return min(base + extra, max_bits())


def issue(org, request=None, purpose=REPORT):
    """A new signed challenge token bound to the organization, its purpose and its difficulty.

    With the request, the client's challenge counter goes up by one and the difficulty follows it;
    without (the demo, tests), the difficulty is the organization's current one.
    """
    assert purpose in PURPOSES
    data = {"o": org.pk, "r": secrets.token_urlsafe(16), "b": difficulty(org, request), "p": purpose}
    return signing.dumps(data, salt=SALT, compress=False)


def need(data):
    """Bits a read token's work must have (tokens from before the difficulty was written in: the base)."""
    b = data.get("b")
    return b if isinstance(b, int) and 0 <= b <= 64 else bits()


def bits_of(token):
    """The difficulty written in a token this server issued (for the form's data-bits)."""
    return need(signing.loads(token, salt=SALT))


def read(org, token, purpose=REPORT):
    """Check the token's signature, age, organization and purpose; PowError when it cannot be used."""
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
    if not isinstance(data, dict) or data.get("o") != org.pk or data.get("p", REPORT) != purpose:
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


def check(org, token, nonce, purpose=REPORT):
    """Signature, age, organization, purpose and work of a submission; PowError otherwise."""
    data = read(org, token, purpose)
    if not solved(token, nonce, need(data)):
        raise PowError(
            _(
                "The page did not finish its security check before sending. Turn on JavaScript, "
                "wait for the check to finish and send again."
            )
        )
    return data


def solve(token, need=None):
    """Find a nonce for a token (for tests, the demo and API clients written in Python)."""
    if need is None:
        try:
            need = bits_of(token)
        except signing.BadSignature:
            need = bits()
    n = 0
    while not solved(token, str(n), need):
        n += 1
    return str(n)


# --- what the form and the API let through -------------------------------------------------------


def _reports_key(request):
    return f"sujarit:complaints:reports:{throttle.client_tag(request)}"


def admit_report(request, org, token, nonce):
    """A report may go on: its work is done and the client has reports left this hour.

    PowError (HTTP 403) or Flood (HTTP 429) otherwise. The form and the JSON API both call this.
    """
    check(org, token, nonce, REPORT)
    if not throttle.take(_reports_key(request), max(1, settings.SUJARIT_REPORTS_PER_CLIENT), REPORT_WINDOW):
        raise Flood(_("You have sent many reports in a short while. Please wait an hour and send again."))


def _receipt_key(request):
    return f"sujarit:complaints:receipt-fail:{throttle.client_tag(request)}"


def admit_receipt(request, org, token, nonce):
    """A receipt may be looked up: work done on an unused receipt token, and wrong tries left.

    The token is spent and the try counted before the slow look-up runs (call `receipt_matched` when
    the receipt was right), so parallel guesses get no more tries than the limit.
    """
    data = check(org, token, nonce, RECEIPT)
    digest = hashlib.sha256(f"{data.get('r')}".encode()).hexdigest()
    if not cache.add(f"sujarit:complaints:pow-spent:{digest}", 1, TOKEN_MAX_AGE):
        raise PowError(_("This form was already used. Open the page again and enter your receipt."))
    if not throttle.take(_receipt_key(request), RECEIPT_FAILURES, RECEIPT_WINDOW):
        raise Flood(
            _("Too many wrong receipts were entered. Please wait %(minutes)s minutes and try again.")
            % {"minutes": RECEIPT_WINDOW // 60}
        )


def receipt_matched(request):
    """The receipt was right: the try does not count against the client."""
    throttle.give_back(_receipt_key(request))
