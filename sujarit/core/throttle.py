"""Sign-in throttling, counted from the audit log: too many failures lock a name for a while."""

import datetime as dt

from django.conf import settings
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
