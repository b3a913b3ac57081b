"""Throttling without storing who a client is.

A client is an unlinkable tag: an HMAC of its address (an IPv6 address by its /64, which one
household or server holds whole) under a key that changes every day, used only as a cache key.

Sign-in: wrong passwords are counted per account *and* client (in the cache), so whoever knows a
user name can lock only their own attempts, never its owner out (Django's security guidance and
django-axes' documentation on locking by user name alone). A guess spread over many addresses is
counted per account from the audit log: past SUJARIT_SIGNIN_ACCOUNT_CEILING failures in the window,
every client gets only SLOWED_FAILURES tries — the guessing slows to a crawl, and the owner, who
types the right password, still signs in. Two-factor codes are counted per account: whoever reaches
that step has the password already, and the code's small space must be bounded across clients.

Public forms and code guessing are counted in the cache too, keyed by what is guessed and the
client, so no address of a citizen is ever stored.
"""

import datetime as dt
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import AuditEvent

SLOWED_FAILURES = 3  # tries per client and window for an account over its ceiling


def _window():
    return timezone.now() - dt.timedelta(minutes=settings.SUJARIT_SIGNIN_LOCK_MINUTES)


def _signin_key(username, client):
    return f"sujarit:signin:{client}:{hashlib.sha256(username.encode()).hexdigest()[:32]}"


def account_failures(username):
    """Failed passwords for `username` (normalized) from every client within the lock window."""
    return AuditEvent.objects.filter(
        action="core.sign_in_failed", data__username=username, created_at__gte=_window()
    ).count()


def take_password_try(username, client):
    """Count this client's try at a password for `username` (normalized) before the (slow) check.

    False when the client may not try now. The try is counted first, atomically (`take`), so parallel
    guesses cannot all pass a check made before any failure was counted; the right password clears
    the count again (`password_succeeded`).
    """
    if not username:
        return True
    tried = hit(_signin_key(username, client), settings.SUJARIT_SIGNIN_LOCK_MINUTES * 60)
    if tried > settings.SUJARIT_SIGNIN_MAX_FAILURES:
        return False
    return not (
        tried > SLOWED_FAILURES and account_failures(username) >= settings.SUJARIT_SIGNIN_ACCOUNT_CEILING
    )


def password_locked(username, client):
    """True when this client may not try a password for `username` (normalized) now (no try counted)."""
    if not username:
        return False
    tried = cache.get(_signin_key(username, client)) or 0
    if tried >= settings.SUJARIT_SIGNIN_MAX_FAILURES:
        return True
    return tried >= SLOWED_FAILURES and account_failures(username) >= settings.SUJARIT_SIGNIN_ACCOUNT_CEILING


def password_succeeded(username, client):
    """The right password clears this client's count (its typos are forgiven, not other clients')."""
    cache.delete(_signin_key(username, client))


def totp_locked(user):
    """True when the user typed too many wrong two-factor codes within the lock window."""
    failures = AuditEvent.objects.filter(
        action="core.totp_failed", actor=user, created_at__gte=_window()
    ).count()
    return failures >= settings.SUJARIT_TOTP_MAX_FAILURES


def _client_address(request):
    address = request.META.get("REMOTE_ADDR") or ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        # One subscriber gets a whole /64: counting each address would give them 2**64 counters.
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _try_key(scope, who):
    return f"sujarit:tries:{scope}:{hashlib.sha256(str(who).encode()).hexdigest()[:32]}"


def take_secret_try(scope, who, limit):
    """Count one try at a secret (a password, a 2FA code) before it is checked; False when none is left.

    The audit log keeps the durable count of failures (`password_locked`, `totp_locked`), but it is
    written only after the slow check, so parallel guesses would all pass a check made before any
    failure was recorded; this atomic count closes that gap. `secret_try_ok` returns a right one's slot.
    """
    return take(_try_key(scope, who), limit, settings.SUJARIT_SIGNIN_LOCK_MINUTES * 60)


def secret_try_ok(scope, who):
    give_back(_try_key(scope, who))


def client_tag(request):
    """An unlinkable tag of the client address that changes every day (used only as a cache key)."""
    day = timezone.now().date().isoformat()
    day_key = hmac.new(
        settings.SECRET_KEY.encode(), f"sujarit.client:{day}".encode(), hashlib.sha256
    ).digest()
    return hmac.new(day_key, _client_address(request).encode(), hashlib.sha256).hexdigest()[:32]


def hit(key, window):
    """Count one more under `key`, atomically; the window (seconds) starts at the first hit. The new count."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return 1


def take(key, limit, window):
    """Count one try under `key` before doing the work it guards; False when the limit is used up.

    Checking the count, doing the work, then counting lets parallel requests all pass the check before
    any of them counts; here the count is taken first in one atomic step (`cache.incr`, atomic in the
    local-memory, Redis and Memcached backends), so of N parallel tries at most `limit` get True.
    A try that turns out not to count (a right answer) gives its slot back with `give_back`.
    """
    return hit(key, window) <= limit


def give_back(key):
    """Undo one `take` (the try succeeded and should not count against the client)."""
    try:
        cache.decr(key)
    except ValueError:  # expired meanwhile: nothing to give back
        pass
