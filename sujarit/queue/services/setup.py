"""Setting up the queue: services, counters with their officers, the published priority policy."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.permissions import can

from ..errors import QueueError
from ..models import Counter, Policy, PriorityGroup, Service


def ensure_can_manage(org, by):
    if by is not None and not can(by, org, "queue.manage"):
        raise QueueError(_("You may not change the queue's set-up."), "forbidden")


@transaction.atomic
def create_service(org, *, code, name, standard_minutes, prefix="A", manual_url="", order=0, by=None):
    ensure_can_manage(org, by)
    _check_service_fields(name, prefix, standard_minutes)
    if Service.objects.for_org(org).filter(code=code).exists():
        raise QueueError(_("A service with this code already exists."), "duplicate")
    service = Service.objects.create(
        org=org,
        code=code,
        name=name,
        standard_minutes=standard_minutes,
        prefix=prefix,
        manual_url=manual_url,
        order=order,
    )
    audit.record(service, "queue.service_created", by, code=code, standard_minutes=standard_minutes)
    return service


@transaction.atomic
def create_counter(org, *, number, services, officers=(), name="", by=None):
    ensure_can_manage(org, by)
    if Counter.objects.for_org(org).filter(number=number).exists():
        raise QueueError(_("A counter with this number already exists."), "duplicate")
    if not services:
        raise QueueError(_("An open counter serves at least one service."), "no_service")
    if any(s.org_id != org.pk for s in services) or any(p.org_id != org.pk for p in officers):
        raise QueueError(_("Services and officers must belong to this organization."), "other_org")
    counter = Counter.objects.create(org=org, number=number, name=name)
    counter.services.set(services)
    counter.officers.set(officers)
    audit.record(
        counter,
        "queue.counter_created",
        by,
        number=number,
        services=[s.code for s in services],
        officers=[p.pk for p in officers],
    )
    return counter


@transaction.atomic
def publish_policy(org, *, priority_groups, note="", by=None):
    """Set and publish the calling order; the public policy page shows it from now on."""
    ensure_can_manage(org, by)
    unknown = set(priority_groups) - set(PriorityGroup.values)
    if unknown:
        raise QueueError(_("Unknown priority group."), "bad_group")
    policy, _created = Policy.objects.get_or_create(org=org)
    policy.priority_groups = [g for g in PriorityGroup.values if g in priority_groups]
    policy.note = note
    policy.published_at = timezone.now()
    policy.save(update_fields=["priority_groups", "note", "published_at"])
    audit.record(policy, "queue.policy_published", by, priority_groups=policy.priority_groups)
    return policy


def _check_service_fields(name, prefix, standard_minutes):
    if not name.strip():
        raise QueueError(_("Give the service a name."), "bad_name")
    if not (1 <= len(prefix) <= 3 and prefix.isalnum()):
        raise QueueError(_("The ticket prefix is one to three letters or digits, e.g. A."), "bad_prefix")
    if not 1 <= standard_minutes <= 480:
        raise QueueError(_("The standard time is between 1 and 480 minutes."), "bad_minutes")


@transaction.atomic
def update_service(service, *, name, prefix, standard_minutes, manual_url="", active=True, by=None):
    """Change a service; its code (in kiosk links and the API) and its tickets stay."""
    ensure_can_manage(service.org, by)
    _check_service_fields(name, prefix, standard_minutes)
    before = {"name": service.name, "prefix": service.prefix, "standard_minutes": service.standard_minutes,
              "active": service.active}  # fmt: skip
    service.name, service.prefix, service.standard_minutes = name.strip(), prefix, standard_minutes
    service.manual_url, service.active = manual_url, active
    service.save()
    after = {"name": service.name, "prefix": prefix, "standard_minutes": standard_minutes, "active": active}
    changed = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    audit.record(service, "queue.service_changed", by, code=service.code, changed=changed)
    return service


@transaction.atomic
def update_counter(counter, *, name="", services, officers=(), active=True, by=None):
    """Change a counter's name, services, officers or whether it is open; its number stays."""
    org = counter.org
    ensure_can_manage(org, by)
    if any(s.org_id != org.pk for s in services) or any(p.org_id != org.pk for p in officers):
        raise QueueError(_("Services and officers must belong to this organization."), "other_org")
    if active and not services:
        raise QueueError(_("An open counter serves at least one service."), "no_service")
    counter.name, counter.active = name, active
    counter.save()
    counter.services.set(services)
    counter.officers.set(officers)
    audit.record(
        counter, "queue.counter_changed", by, number=counter.number, active=active,
        services=[s.code for s in services], officers=[p.pk for p in officers],
    )  # fmt: skip
    return counter
