"""Public reads from a PostgreSQL streaming replica; everything else on the primary.

Configured by DATABASE_REPLICA_URL (settings.py); without it this module does nothing. What may go to
the replica is decided per request by `ReplicaReadsMiddleware`, and per query by `ReplicaRouter`:

- only GET and HEAD requests of people not signed in (the public site, the open data, the API's
  public reads) — staff pages read their own writes and are few;
- not for a client that wrote something in the last SUJARIT_REPLICA_PIN_SECONDS (a cookie set on
  every unsafe request: the citizen who just filed a request or answered a survey sees it at once,
  whatever the replication lag);
- within such a request, no longer once the request wrote anything (a page that counts a visit or
  opens a standard questionnaire), nor inside a transaction on the primary, nor for the queries Django
  makes "for write" (get_or_create, select_for_update), which the router sends to the primary anyway.

Writes, migrations and everything else go to the primary ("default").
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "sujarit_primary"
SAFE_METHODS = ("GET", "HEAD")

_replica_allowed: ContextVar[bool] = ContextVar("sujarit_replica_allowed", default=False)
_wrote: ContextVar[bool] = ContextVar("sujarit_request_wrote", default=False)


def replica_configured():
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _replica_allowed.get() or _wrote.get():
            return None  # the primary
        from django.db import connections

        if connections["default"].in_atomic_block:
            return None  # a transaction on the primary reads what it wrote
        return REPLICA

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        safe = request.method in SAFE_METHODS
        allowed = safe and PIN_COOKIE not in request.COOKIES and not request.user.is_authenticated
        allowed_token, wrote_token = _replica_allowed.set(allowed), _wrote.set(False)
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(allowed_token)
            _wrote.reset(wrote_token)
        if not safe:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.SUJARIT_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
