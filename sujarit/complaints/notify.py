"""Background notices to general complainants (django-tasks, enqueued on commit by the verbs).

Only general cases with an e-mail address: a corruption reporter's contact is sealed and must never
leave the case key. The notice carries no secret and no reply text — the complainant reads the reply
on their case page after giving the tracking code and follow secret.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

log = logging.getLogger(__name__)


@task()
def notify_reply(case_id):
    """E-mail a general complainant that an officer replied; returns how many messages were sent."""
    from .models import Case, Kind

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
