"""Background work of the plan module (django-tasks, enqueued on commit by the services)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from sujarit.core.models import Role

from .models import ProgressReport

log = logging.getLogger(__name__)


def _recipients(report, event):
    """Submitted → the org's plan coordinators; approved/returned → whoever submitted it."""
    User = get_user_model()
    if event == "submitted":
        users = User.objects.filter(
            people__org=report.org, people__active=True, people__grants__role=Role.PLAN_COORDINATOR
        )
    else:
        users = User.objects.filter(pk=report.submitted_by_id)
    return sorted({u.email for u in users if u.email})


@task()
def notify_report(report_id, event):
    """E-mail the people a report's step concerns; returns how many messages were sent (0 when no one
    has an address)."""
    report = ProgressReport.objects.select_related("item", "org").filter(pk=report_id).first()
    if report is None:
        return 0
    to = _recipients(report, event)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subjects = {
            "submitted": _("Progress report submitted for review"),
            "approved": _("Progress report approved"),
            "returned": _("Progress report returned for changes"),
        }
        subject = f"[{report.org.name}] {subjects.get(event, event)}"
        body = _(
            "Item %(number)s. %(name)s\nFiscal year %(year)s, %(round)s-month round\nState: %(state)s\n%(comment)s"
        ) % {
            "number": report.item.number,
            "name": report.item.name,
            "year": report.fiscal_year,
            "round": report.round,
            "state": report.get_state_display(),
            "comment": report.review_comment,
        }
    messages = [(subject, body, None, [addr]) for addr in to]
    try:
        return send_mass_mail(messages, fail_silently=False)
    except OSError:  # no mail server reachable: the report itself is fine, the log says why
        log.warning("could not send report %s notifications", report_id, exc_info=True)
        return 0
