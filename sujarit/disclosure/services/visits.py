"""Visitor statistics without personal data: a daily page-view counter per organization and page group.

Views call `count(request, org, group)`. Nothing about the visitor is kept — no address, no cookie,
no browser string; obvious robots are skipped by a look at the user agent, which is then forgotten.
A count is a number per (organization, day, group); the public summary adds them up by month
(queries/visits.py).
"""

import logging
from functools import wraps

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import PageGroup, VisitCount

log = logging.getLogger(__name__)

# Lower-case substrings of user agents that announce a robot, a crawler or a script.
ROBOTS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "fetch",
    "monitor",
    "preview",
    "scan",
    "curl",
    "wget",
    "python",
    "java/",
    "go-http",
    "okhttp",
    "httpclient",
    "headless",
    "lighthouse",
    "facebookexternalhit",
    "whatsapp",
)


def is_robot(user_agent):
    ua = (user_agent or "").lower()
    return not ua or any(word in ua for word in ROBOTS)


def count(request, org, group):
    """Count one page view of `group` for org today; never fails the page it is called from."""
    if request.method != "GET" or group not in PageGroup.values:
        return
    if is_robot(request.META.get("HTTP_USER_AGENT")):
        return
    try:
        add(org, group)
    except DatabaseError:  # a busy database must not cost the visitor the page
        log.warning("visit not counted", exc_info=True)


def counted(group):
    """Decorate a public view (under @public_view): count the page view when it answers 200."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, org, *args, **kwargs):
            response = view(request, org, *args, **kwargs)
            if response.status_code == 200:
                count(request, org, group)
            return response

        return wrapper

    return decorate


def add(org, group, day=None, n=1):
    """Add n views of group on day (today) to org's counter."""
    day = day or timezone.localdate()
    with transaction.atomic():
        rows = VisitCount.objects.filter(org=org, day=day, group=group)
        if rows.update(count=F("count") + n):
            return
        try:
            with transaction.atomic():
                VisitCount.objects.create(org=org, day=day, group=group, count=n)
        except IntegrityError:  # another view created today's row first
            rows.update(count=F("count") + n)
