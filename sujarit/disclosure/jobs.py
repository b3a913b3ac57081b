"""The periodic work of `sujarit disclosure daily`: reminders to OIT item owners before an item falls
due, and erasing requesters' personal data past the organization's period.

Reminders are idempotent: each (organization, assessment year, item, due date) is claimed once by inserting an
OITReminder row under its unique constraint, so a second run the same day — or two runs at once —
sends nothing twice. The e-mail is a django-tasks task enqueued on commit.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from sujarit.core import audit, thai
from sujarit.core.models import Organization, Person
from sujarit.core.registry import registry

from .models import InfoCentrePolicy, InfoRequest, OITOwner, OITReminder, Question, QuestionState
from .queries import compliance
from .services import catalogue

log = logging.getLogger(__name__)


def remind_days():
    return settings.SUJARIT_OIT_REMIND_DAYS


def recipients(org, owner):
    """Active people to tell: the owning person, else the unit's people who may prepare publications."""
    if owner.person_id and owner.person.active:
        return [owner.person]
    if owner.unit_id is None:
        return []
    roles = registry.permissions["disclosure.prepare"].roles
    return list(
        Person.objects.for_org(org)
        .filter(unit_id=owner.unit_id, active=True, grants__role__in=roles)
        .distinct()
    )


def _claim(org, year, row, people):
    """Record the reminder of one item and period; False when it was already sent."""
    try:
        with transaction.atomic():
            reminder = OITReminder.objects.create(
                org=org, year=year, code=row["item"].code, due=row["due"], recipients=len(people)
            )
    except IntegrityError:
        return None
    return reminder


def remind_org(org, today, days):
    """Remind the owners of org's items due within `days`; returns how many reminders were recorded."""
    if not OITOwner.objects.for_org(org).exists():
        return 0
    year = catalogue.current_assessment_year(org)
    if year is None:
        return 0
    horizon = today + dt.timedelta(days=days)
    sent = 0
    for row in compliance.board(org, year, today=today):
        due, owner = row["due"], row["owner"]
        if row["status"] == compliance.PROVEN or owner is None or due is None or not today <= due <= horizon:
            continue
        people = recipients(org, owner)
        with transaction.atomic():
            reminder = _claim(org, year, row, people)
            if reminder is None:
                continue
            audit.record(
                org, "disclosure.oit_reminded", code=row["item"].code, year=year, due=due.isoformat(),
                people=len(people),
            )  # fmt: skip
            ids = [p.pk for p in people]
            rid = reminder.pk
            transaction.on_commit(lambda rid=rid, ids=ids: send_oit_reminder.enqueue(rid, ids))
        sent += 1
    return sent


def remind_owners(today=None, days=None):
    """The daily run over every organization; returns the number of reminders recorded."""
    today = today or timezone.localdate()
    days = remind_days() if days is None else days
    return sum(remind_org(org, today, days) for org in Organization.objects.all())


def _board_link(org):
    try:
        path = reverse("disclosure_staff:board", kwargs={"org_slug": org.slug})
    except NoReverseMatch:
        return ""
    return getattr(settings, "SUJARIT_SITE_URL", "").rstrip("/") + path


@task()
def send_oit_reminder(reminder_id, person_ids):
    """E-mail the owners that an OIT item falls due; returns how many messages were sent."""
    reminder = OITReminder.objects.select_related("org").filter(pk=reminder_id).first()
    if reminder is None:
        return 0
    org = reminder.org
    people = Person.objects.for_org(org).filter(pk__in=person_ids, active=True).select_related("user")
    to = sorted({p.user.email for p in people if p.user_id and p.user.email})
    if not to:
        return 0
    item_title = ""
    cat = catalogue.catalogue_for(reminder.year)
    if cat is not None:
        item = cat.items.filter(code=reminder.code).first()
        item_title = item.title if item else ""
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{org.name}] " + _("OIT %(code)s is due on %(due)s") % {
            "code": reminder.code,
            "due": thai.thai_date(reminder.due),
        }
        body = _(
            "The OIT item %(code)s %(title)s of the %(year)s assessment needs its evidence published "
            "by %(due)s.\n%(link)s"
        ) % {
            "code": reminder.code,
            "title": item_title,
            "year": reminder.year,
            "due": thai.thai_date(reminder.due),
            "link": _board_link(org),
        }
    try:
        return send_mass_mail([(subject, body, None, [a]) for a in to], fail_silently=False)
    except OSError:  # no mail server reachable: the staff board still shows the due date
        log.warning("could not send OIT reminder %s", reminder_id, exc_info=True)
        return 0


# --- personal data ------------------------------------------------------------------------------


@transaction.atomic
def purge_personal_data(today=None):
    """Erase requesters' names and contacts (and Q&A contacts) past each organization's period; a count."""
    today = today or timezone.localdate()
    days_by_org = dict(InfoCentrePolicy.objects.values_list("org_id", "purge_after_days"))
    default = InfoCentrePolicy._meta.get_field("purge_after_days").default
    erased = 0
    due = InfoRequest.objects.filter(purged_at__isnull=True, answered_on__isnull=False)
    for org_id in set(due.values_list("org_id", flat=True)):
        cutoff = today - dt.timedelta(days=days_by_org.get(org_id, default))
        rows = due.filter(org_id=org_id, answered_on__lte=cutoff)
        n = rows.update(requester_name="", requester_contact="", purged_at=timezone.now())
        if n:
            audit.record(
                None, "disclosure.info_requests_purged", org=Organization.objects.get(pk=org_id), count=n
            )
            erased += n
    questions = Question.objects.filter(purged_at__isnull=True).exclude(state=QuestionState.PENDING)
    for org_id in set(questions.values_list("org_id", flat=True)):
        cutoff = today - dt.timedelta(days=days_by_org.get(org_id, default))
        cutoff_at = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.max))
        rows = questions.filter(org_id=org_id, moderated_at__lte=cutoff_at)
        n = rows.update(contact="", purged_at=timezone.now())
        if n:
            audit.record(
                None, "disclosure.questions_purged", org=Organization.objects.get(pk=org_id), count=n
            )
            erased += n
    return erased
