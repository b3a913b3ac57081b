"""Oversight's writes: supervisors granted and withdrawn by platform operators, and the snapshots of
every organization's figures.

Freshness: every change of an organization's data is audited (core.audit), so an audit event of an
organization — a progress report approved, a case answered, an ITA result entered — marks its
snapshots dirty in the same transaction (`mark_dirty`, connected in apps.py); a reading recomputes the
dirty and missing snapshots of its area before it answers (`refresh_pending`, at most SYNC_LIMIT of
them), so a page shows figures as of the last change. What time alone changes (a case passing its
deadline overnight) is recomputed by `sujarit oversight refresh`, which the scheduler runs at night.
"""

import hashlib
import logging
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import accounts, audit, onboarding, thai
from sujarit.core.models import Organization
from sujarit.core.permissions import ensure_platform_operator
from sujarit.core.registry import registry

from .models import ScopeKind, Snapshot, Supervisor

log = logging.getLogger(__name__)


# --- snapshots -----------------------------------------------------------------------------------


def compute(org, fiscal_year):
    """{figure key: number or None} of one organization; a figure that fails is None and logged (one
    module's bug must not blank a province's page)."""
    memo: dict = {}
    values = {}
    for figure in registry.figures:
        try:
            value = figure.compute(org, fiscal_year, memo)
        except Exception:
            log.exception("oversight figure %s failed for %s", figure.key, org.slug)
            value = None
        if isinstance(value, Decimal):
            value = float(value)
        values[figure.key] = value
    return values


def refresh(org, fiscal_year):
    values = compute(org, fiscal_year)
    snap, _created = Snapshot.objects.update_or_create(
        org=org,
        fiscal_year=fiscal_year,
        defaults={"values": values, "computed_at": timezone.now(), "dirty": False},
    )
    return snap


# A reading recomputes at most this many organizations' snapshots before it answers; the rest show
# their stored figures and the page says how many are being updated (`sujarit oversight refresh
# --pending`, run every minute, recomputes them; the nightly run recomputes every snapshot).
SYNC_LIMIT = 10


def refresh_pending(orgs, fiscal_year, limit=None):
    """Recompute the dirty and missing snapshots of the organizations (a queryset), at most `limit`
    (SYNC_LIMIT) of them; returns how many are still pending."""
    limit = SYNC_LIMIT if limit is None else limit
    dirty = Snapshot.objects.filter(fiscal_year=fiscal_year, dirty=True, org__in=orgs).values_list(
        "org_id", flat=True
    )
    missing = orgs.exclude(
        id__in=Snapshot.objects.filter(fiscal_year=fiscal_year).values("org_id")
    ).values_list("id", flat=True)
    pending = list(missing[: limit + 1]) + list(dirty[: limit + 1])
    for org in Organization.objects.filter(id__in=pending[:limit]):
        refresh(org, fiscal_year)
    if len(pending) <= limit:
        return 0
    return missing.count() + dirty.count()


def version(orgs, fiscal_year):
    """A key that changes whenever the organizations' snapshots (or the organizations) change."""
    snaps = Snapshot.objects.filter(fiscal_year=fiscal_year, org__in=orgs).aggregate(
        n=Count("id"), last=Max("computed_at"), dirty=Count("id", filter=Q(dirty=True))
    )
    orgs_agg = orgs.aggregate(n=Count("id"), last=Max("id"))
    last = snaps["last"].timestamp() if snaps["last"] else 0
    return f"{snaps['n']}-{last}-{snaps['dirty']}-{orgs_agg['n']}-{orgs_agg['last']}"


# A board's rendering is kept in the cache under its organizations' snapshot version (CACHE_SECONDS
# only bounds memory). A rendering that was expensive to make (a whole country, whose version changes
# every few seconds) is served for up to GRACE_SECONDS after a change: supervisors' national figures
# may lag a change by that much, never more.
CACHE_SECONDS = 3600
GRACE_SECONDS = 30
EXPENSIVE_SECONDS = 0.5


def cached_rendering(key, orgs, fiscal_year, build):
    """What `build(pending)` returns for the organizations (a queryset), from the cache when their
    snapshots have not changed since. Otherwise their dirty and missing snapshots are recomputed first
    (at most SYNC_LIMIT: `pending` says how many still wait) and the result is built and kept — unless
    an expensive result younger than GRACE_SECONDS is at hand. `key` names the rendering (the area,
    the options, the language): the caller's to choose."""
    base = "oversight:" + hashlib.sha256(key.encode()).hexdigest()
    found = cache.get(f"{base}:{version(orgs, fiscal_year)}")
    if found is not None:
        return found
    recent = cache.get(base)
    if (
        recent is not None
        and recent["cost"] > EXPENSIVE_SECONDS
        and time.time() - recent["built"] < GRACE_SECONDS
    ):
        return recent["value"]
    pending = refresh_pending(orgs, fiscal_year)
    started = time.perf_counter()  # the rendering's own cost (snapshots recomputed are a one-off)
    found = build(pending)
    cost = time.perf_counter() - started
    cache.set(f"{base}:{version(orgs, fiscal_year)}", found, CACHE_SECONDS)
    cache.set(base, {"built": time.time(), "cost": cost, "value": found}, CACHE_SECONDS)
    return found


def values_of(orgs, fiscal_year):
    """{org pk: {figure key: value}} of the organizations' stored snapshots."""
    return dict(
        Snapshot.objects.filter(fiscal_year=fiscal_year, org__in=orgs).values_list("org_id", "values")
    )


def mark_dirty(sender, instance, created=False, **kwargs):
    """post_save receiver of core.AuditEvent: the organization's data changed."""
    if created and instance.org_id is not None:
        Snapshot.objects.filter(org_id=instance.org_id, dirty=False).update(dirty=True)


# --- supervisors ---------------------------------------------------------------------------------


def _clean_scope(scope, region, province, district):
    errors = []
    province = " ".join(str(province or "").split())
    district = " ".join(str(district or "").split())
    if scope not in ScopeKind.values:
        errors.append(_("Choose a scope: the whole country, a NACC region, a province or a district."))
        return errors, None, "", ""
    if scope == ScopeKind.REGION:
        if region in (None, "") or str(region) not in {str(n) for n in range(0, 10)}:
            errors.append(_("Choose the NACC region (1–9, or 0 for the head office's Bangkok)."))
        else:
            region = int(region)
        province = district = ""
    elif scope in (ScopeKind.PROVINCE, ScopeKind.DISTRICT):
        try:
            region = thai.province_region(province) if province else None
        except KeyError:
            errors.append(_("%(name)s is not a province of Thailand.") % {"name": province})
        if not province:
            errors.append(_("Name the province."))
        if scope == ScopeKind.DISTRICT and not district:
            errors.append(_("Name the district."))
        if scope == ScopeKind.PROVINCE:
            district = ""
    else:
        region, province, district = None, "", ""
    return errors, region, province, district


@transaction.atomic
def grant(*, username, full_name, scope, by, office="", region=None, province="", district="", email=""):
    """Make an account a supervisor of a scope; a new account gets a one-time set-up link.

    Returns (supervisor, link or ""). A platform operator grants (by=None: the server's shell); an
    account that holds a role in an organization cannot also supervise (one person, one hat)."""
    if by is not None:
        ensure_platform_operator(by)
    errors, region, province, district = _clean_scope(scope, region, province, district)
    username = accounts.normalize_username(username or "")
    if not username:
        errors.append(_("Give the account a user name."))
    if not (full_name or "").strip():
        errors.append(_("Give the supervisor's full name."))
    if errors:
        raise ValidationError(errors)
    user = accounts.find_user(username)
    link = ""
    if user is None:
        user = get_user_model().objects.create_user(username=username, email=email or "", password=None)
        link = onboarding.setup_link(user)
    elif user.people.exists():
        raise ValidationError(
            _("%(user)s works for an organization; a supervisor needs an account of their own.")
            % {"user": username}
        )
    supervisor, _created = Supervisor.objects.update_or_create(
        user=user,
        defaults={
            "full_name": full_name.strip(),
            "office": (office or "").strip(),
            "scope": scope,
            "region": region,
            "province": province,
            "district": district,
        },
    )
    audit.record(
        None,
        "oversight.supervisor_granted",
        actor=by,
        username=user.get_username(),
        scope=scope,
        region=region,
        province=province,
        district=district,
    )
    return supervisor, link


@transaction.atomic
def withdraw(supervisor, *, by):
    if by is not None:
        ensure_platform_operator(by)
    username = supervisor.user.get_username()
    supervisor.delete()
    audit.record(None, "oversight.supervisor_withdrawn", actor=by, username=username)
