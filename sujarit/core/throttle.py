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


def password_locked(username, client):
    """True when this client may not try a password for `username` (normalized) now."""
    if not username:
        return False
    tried = cache.get(_signin_key(username, client)) or 0
    if tried >= settings.SUJARIT_SIGNIN_MAX_FAILURES:
        return True
    return tried >= SLOWED_FAILURES and account_failures(username) >= settings.SUJARIT_SIGNIN_ACCOUNT_CEILING


def password_failed(username, client):
    hit(_signin_key(username, client), settings.SUJARIT_SIGNIN_LOCK_MINUTES * 60)


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


def client_tag(request):
    """An unlinkable tag of the client address that changes every day (used only as a cache key)."""
    day = timezone.now().date().isoformat()
    day_key = hmac.new(
        settings.SECRET_KEY.encode(), f"sujarit.client:{day}".encode(), hashlib.sha256
    ).digest()
    return hmac.new(day_key, _client_address(request).encode(), hashlib.sha256).hexdigest()[:32]


def over(key, limit):
    """True when the counter `key` has reached `limit` within its window."""
    return (cache.get(key) or 0) >= limit


def hit(key, window):
    """Count one more under `key`; the window (seconds) starts at the first hit."""
    cache.add(key, 0, window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
