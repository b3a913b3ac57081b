"""The module's background work: every e-mail it sends (django-tasks, database backend: queued rows
survive a restart), and the standard delay text the daily run writes and these e-mails quote.

The verbs enqueue these on commit: the daily run of the 15-day rule (services/daily.py) decides who is
reminded, told of a delay or escalated to; a reply (services/workflow.py) tells a general complainant.
Each task reads the case again when it runs and returns how many messages it sent. No message carries
a corruption report's content, a reporter's identity, a receipt or a follow secret; a corruption
reporter is never e-mailed at all (their contact is sealed with the case key).
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from sujarit.core import thai
from sujarit.core.models import Person

from .models import Case, EventType, Kind
from .queries.officers import integrity_people

log = logging.getLogger(__name__)

STANDARD_DELAY = "delay"


def delay_text(until):
    """The standard explanation of a delay; `until` (ISO date) is when the complainant will hear."""
    date = thai.thai_date(datetime.date.fromisoformat(until)) if until else ""
    return _(
        "Your complaint is still being examined and could not be completed within the time limit. "
        "The responsible officers will tell you of its progress or result by %(date)s."
    ) % {"date": date}


def standard_text(event):
    """The text of a standard event the job wrote (empty for any other event); timelines show it."""
    if event.type == EventType.EXPLANATION and (event.data or {}).get("standard") == STANDARD_DELAY:
        return delay_text(event.data.get("until"))
    return ""


def _link(name, org, **kwargs):
    try:
        path = reverse(name, kwargs={"org_slug": org.slug, **kwargs})
    except NoReverseMatch:  # the page is not mounted (yet): the message still says what to do
        return ""
    return settings.SUJARIT_SITE_URL.rstrip("/") + path


def _staff_link(case):
    if case.is_integrity:
        return _link("complaints_staff:integrity_case", case.org, pk=case.pk)
    return _link("complaints_staff:case", case.org, pk=case.pk) or _link("complaints_staff:inbox", case.org)


def _addresses(person_ids, org):
    people = Person.objects.filter(org=org, pk__in=person_ids, active=True).select_related("user")
    return sorted({p.user.email for p in people if p.user_id and p.user.email})


def _case(case_id):
    return Case.objects.select_related("org").filter(pk=case_id).first()


def _kind_label(case):
    return _("corruption or misconduct complaint") if case.is_integrity else _("complaint")


def _send_each(subject, body, to, what, case_id):
    try:
        return send_mass_mail([(subject, body, None, [addr]) for addr in to], fail_silently=False)
    except OSError:  # no mail server reachable: the case page and the inbox still show it
        log.warning("could not send the %s of case %s", what, case_id, exc_info=True)
        return 0


@task()
def send_reminder(case_id, person_ids):
    """Remind the officers in charge that a case falls due soon; returns how many were sent."""
    case = _case(case_id)
    if case is None or case.purged_at is not None:
        return 0
    to = _addresses(person_ids, case.org)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{case.org.name}] " + _("Reminder: %(kind)s %(number)s is due on %(due)s") % {
            "kind": _kind_label(case),
            "number": case.number,
            "due": thai.thai_date(case.due_date),
        }
        body = _(
            "The %(kind)s %(number)s must be acted on, or the complainant told why not yet, "
            "by %(due)s.\n%(link)s"
        ) % {
            "kind": _kind_label(case),
            "number": case.number,
            "due": thai.thai_date(case.due_date),
            "link": _staff_link(case),
        }
    return _send_each(subject, body, to, "reminder", case_id)


@task()
def send_escalation(case_id, person_ids):
    """Tell the executives that a case passed its due date unanswered; returns how many were sent."""
    case = _case(case_id)
    if case is None or case.purged_at is not None:
        return 0
    to = _addresses(person_ids, case.org)
    if not to:
        return 0
    today = timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{case.org.name}] " + _("Overdue: %(kind)s %(number)s") % {
            "kind": _kind_label(case),
            "number": case.number,
        }
        body = _(
            "The %(kind)s %(number)s received on %(received)s was due on %(due)s and has not been "
            "answered (%(days)s days late). The complainant has been told it is still being examined."
        ) % {
            "kind": _kind_label(case),
            "number": case.number,
            "received": thai.thai_date(timezone.localtime(case.received_at).date()),
            "due": thai.thai_date(case.due_date),
            "days": max((today - case.due_date).days, 0),
        }
    return _send_each(subject, body, to, "escalation", case_id)


@task()
def send_delay_notice(case_id):
    """E-mail a general complainant that their case is still being examined; returns 1 or 0."""
    case = _case(case_id)
    if case is None or case.kind != Kind.GENERAL or not case.email or not case.tracking_code:
        return 0
    event = case.events.filter(type="explanation").order_by("-created_at").first()
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{case.org.name}] " + _("Your complaint %(code)s is still being examined") % {
            "code": case.tracking_code
        }
        body = _(
            "Complaint %(code)s:\n%(text)s\nFollow your complaint at %(link)s with your tracking code."
        ) % {
            "code": case.tracking_code,
            "text": delay_text(event.data.get("until")) if event else "",
            "link": _link("complaints:track", case.org),
        }
    try:
        return send_mail(subject, body, None, [case.email], fail_silently=False)
    except OSError:
        log.warning("could not send the delay notice of case %s", case_id, exc_info=True)
        return 0


@task()
def notify_reply(case_id):
    """E-mail a general complainant that an officer replied; returns how many messages were sent."""
    case = Case.objects.select_related("org").filter(pk=case_id, kind=Kind.GENERAL).first()
    if case is None or not case.email or not case.tracking_code:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("complaints:track", kwargs={"org_slug": case.org.slug})
        link = settings.SUJARIT_SITE_URL.rstrip("/") + path
        subject = f"[{case.org.name}] " + _("Your complaint %(code)s has a reply") % {
            "code": case.tracking_code
        }
        body = _(
            "An officer replied to your complaint %(code)s (%(subject)s).\n"
            "Open %(link)s and give your tracking code and follow secret to read it."
        ) % {"code": case.tracking_code, "subject": case.subject, "link": link}
    try:
        return send_mail(subject, body, None, [case.email], fail_silently=False)
    except OSError:  # no mail server reachable: the reply is on the case page anyway
        log.warning("could not send the reply notice of case %s", case_id, exc_info=True)
        return 0


@task()
def send_new_key_notice(person_id):
    """Tell the other integrity officers that a colleague's key was replaced: whoever signs in as that
    officer from now on receives new reports, so an unexpected new key must be questioned."""
    person = Person.objects.select_related("org").filter(pk=person_id).first()
    if person is None:
        return 0
    others = [p.pk for p in integrity_people(person.org) if p.pk != person.pk]
    to = _addresses(others, person.org)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{person.org.name}] " + _("New integrity key for %(name)s") % {"name": person.full_name}
        body = _(
            "%(name)s made a new key for corruption reports (for example after a password reset). New "
            "reports will reach whoever signs in with that account. If %(name)s did not do this, tell "
            "the executive and do not give them any case."
        ) % {"name": person.full_name}
    return _send_each(subject, body, to, "new key notice", person_id)
