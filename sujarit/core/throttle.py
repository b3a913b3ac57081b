"""Throttling. Sign-in is counted from the audit log (failures are audited anyway); public forms and
code guessing are counted in the cache, keyed by what is guessed or by an unlinkable client tag, so
no address of a citizen is ever stored.
"""

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import AuditEvent


def _window():
    return timezone.now() - dt.timedelta(minutes=settings.SUJARIT_SIGNIN_LOCK_MINUTES)


def password_locked(username):
    """True when `username` failed to sign in too often within the lock window."""
    if not username:
        return False
    failures = AuditEvent.objects.filter(
        action="core.sign_in_failed", data__username=username, created_at__gte=_window()
    ).count()
    return failures >= settings.SUJARIT_SIGNIN_MAX_FAILURES


def totp_locked(user):
    """True when the user typed too many wrong two-factor codes within the lock window."""
    failures = AuditEvent.objects.filter(
        action="core.totp_failed", actor=user, created_at__gte=_window()
    ).count()
    return failures >= settings.SUJARIT_TOTP_MAX_FAILURES


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
    return hmac.new(day_key, (request.META.get("REMOTE_ADDR") or "").encode(), hashlib.sha256).hexdigest()[
        :32
    ]


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
