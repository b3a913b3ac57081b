"""The daily run of the 15-day rule: reminders, delay explanations, escalation, PDPA retention.

`sujarit complaints daily` calls run_daily once a day (cron or a systemd timer). It is idempotent:
each step claims its case with a conditional UPDATE on a timestamp (reminded_at, explained_at,
escalated_at), so a second run the same day — or two runs at once — sends nothing twice. E-mails are
django-tasks tasks (jobs.py) enqueued on commit, stored as rows, so a restart loses none. Each step
writes an event and an audit record, so the run is a verb module; its command is `sujarit complaints
daily`.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from sujarit.core import audit
from sujarit.core.models import Organization, Person, Role
from sujarit.core.registry import registry

from .. import jobs
from ..jobs import STANDARD_DELAY, delay_text
from ..models import Case, EventType
from ..queries.deadlines import add_days, remind_on
from ..queries.policy import policy_for
from . import retention
from .cases import add_event

# --- who is told --------------------------------------------------------------------------------


def _holders(org, permission):
    roles = registry.permissions[permission].roles
    return Person.objects.filter(org=org, active=True, grants__role__in=roles).distinct()


def officers_to_remind(case, policy):
    """The officers in charge: integrity cases only keyed integrity officers; else assignee or unit."""
    if case.is_integrity:
        keyed = _holders(case.org, "integrity.handle").filter(case_keys__case=case)
        if case.assignee_id and keyed.filter(pk=case.assignee_id).exists():
            return list(keyed.filter(pk=case.assignee_id))
        return list(keyed)
    if case.assignee_id and case.assignee.active:
        return [case.assignee]
    unit_id = case.unit_id or policy.general_unit_id
    if unit_id is None:
        return []
    return list(_holders(case.org, "complaints.handle").filter(unit_id=unit_id))


def executives(org):
    return list(Person.objects.filter(org=org, active=True, grants__role=Role.EXECUTIVE).distinct())


# --- the steps ----------------------------------------------------------------------------------


def _claim(case, field, now):
    """Set case.<field> = now unless already set; True when this run won it."""
    won = Case.objects.filter(pk=case.pk, **{f"{field}__isnull": True}).update(
        **{field: now, "updated_at": now}
    )
    setattr(case, field, now)
    return won == 1


@transaction.atomic
def remind(case, policy, now):
    """Remind the officers in charge once; True when a reminder was recorded."""
    if not _claim(case, "reminded_at", now):
        return False
    people = officers_to_remind(case, policy)
    add_event(case, EventType.REMINDER, data={"people": len(people), "due": case.due_date.isoformat()})
    audit.record(case, "complaints.reminded", people=len(people))
    ids = [p.pk for p in people]
    transaction.on_commit(lambda: jobs.send_reminder.enqueue(case.pk, ids))
    return True


@transaction.atomic
def explain_delay(case, policy, now):
    """Tell the complainant the case is still being examined, once; True when the notice was recorded."""
    if not _claim(case, "explained_at", now):
        return False
    until = add_days(case.org, timezone.localdate(now), policy.due_days, policy.day_count)
    data = {"standard": STANDARD_DELAY, "until": until.isoformat()}
    body = ""
    if not case.is_integrity:
        # A general case keeps the text too, in the site's language, so any timeline shows it. A
        # corruption case's text would have to be sealed with a key no job holds: the timeline
        # renders it from data (standard_text) instead.
        with translation.override(settings.LANGUAGE_CODE):
            body = delay_text(data["until"])
    add_event(case, EventType.EXPLANATION, body=body, data=data)
    audit.record(case, "complaints.delay_explained", standard=STANDARD_DELAY)
    if not case.is_integrity and case.email:
        transaction.on_commit(lambda: jobs.send_delay_notice.enqueue(case.pk))
    return True


@transaction.atomic
def escalate(case, now):
    """Escalate an overdue case to the executives, once; True when it was escalated."""
    if not _claim(case, "escalated_at", now):
        return False
    people = executives(case.org)
    add_event(case, EventType.ESCALATED, data={"people": len(people), "due": case.due_date.isoformat()})
    audit.record(case, "complaints.escalated", people=len(people))
    ids = [p.pk for p in people]
    transaction.on_commit(lambda: jobs.send_escalation.enqueue(case.pk, ids))
    return True


def run_org(org, now):
    """One organization's reminders, explanations and escalations; returns the counts."""
    counts = {"reminded": 0, "explained": 0, "escalated": 0}
    # Spam and tests are nobody's deadline: no reminders, explanations or escalations for them.
    waiting = (
        Case.objects.for_org(org)
        .open()
        .counted()
        .filter(first_answer_at__isnull=True, purged_at__isnull=True)
    )
    if not waiting.exists():
        return counts
    policy = policy_for(org)
    today = timezone.localdate(now)
    # Working days can stretch the reminder window; a month of slack is plenty to pre-filter.
    horizon = today + datetime.timedelta(days=policy.remind_days_before * 3 + 30)
    for case in waiting.filter(reminded_at__isnull=True, due_date__gte=today, due_date__lte=horizon):
        if remind_on(org, case, policy) <= today and remind(case, policy, now):
            counts["reminded"] += 1
    overdue = waiting.filter(due_date__lt=today).select_related("org")
    for case in overdue.filter(explained_at__isnull=True):
        counts["explained"] += explain_delay(case, policy, now)
    for case in overdue.filter(escalated_at__isnull=True):
        counts["escalated"] += escalate(case, now)
    return counts


def run_daily(now=None):
    """The whole daily run over every organization; returns the counts of what was done."""
    now = now or timezone.now()
    totals = {"reminded": 0, "explained": 0, "escalated": 0}
    for org in Organization.objects.order_by("pk"):
        for k, v in run_org(org, now).items():
            totals[k] += v
    totals["purged"] = retention.purge_expired(now=now)
    return totals
