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
