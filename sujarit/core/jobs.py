"""Background work of the core (django-tasks, enqueued on commit by the services)."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import RoleChange
from .permissions import role_confirmers

log = logging.getLogger(__name__)


@task()
def notify_role_change(change_id):
    """E-mail every holder of a guarded role and every confirmer that a change of it was asked for or
    decided; returns how many messages were sent (0 when no one has an address)."""
    change = RoleChange.objects.select_related("org", "person", "requested_by", "decided_by").get(
        pk=change_id
    )
    to = sorted({p.user.email for p in role_confirmers(change.org, change.role) if p.user.email})
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("core_staff:home", kwargs={"org_slug": change.org.slug})
        words = {
            "person": change.person.full_name,
            "role": change.get_role_display(),
            "action": change.get_action_display(),
            "status": change.get_status_display(),
            "by": (change.decided_by or change.requested_by or "").__str__(),
            "link": settings.SUJARIT_SITE_URL.rstrip("/") + path,
        }
        subject = f"[{change.org.name}] " + _("%(role)s role of %(person)s: %(status)s") % words
        body = (
            _(
                "%(action)s the %(role)s role of %(person)s — %(status)s (by %(by)s).\n"
                "Changes of this role need a second person's confirmation. If you did not expect it, "
                "refuse it or tell the executive.\nOpen %(link)s to see it."
            )
            % words
        )
    try:
        return send_mass_mail([(subject, body, None, [addr]) for addr in to], fail_silently=False)
    except OSError:  # no mail server reachable: the change is on the back office's home page anyway
        log.warning("could not send the notice of role change %s", change_id, exc_info=True)
        return 0


@task()
def send_setup_link(user_id, link):
    """E-mail a new organization's first administrator their one-time set-up link."""
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your organization on Sujarit: set your password")
        body = _(
            "An account was made for you: %(username)s.\nOpen this link once to set your password and "
            "two-factor sign-in:\n%(link)s\nThe link works once and for three days; ask the platform "
            "operator for a new one if it has expired."
        ) % {"username": user.get_username(), "link": link}
    try:
        return send_mail(subject, body, None, [user.email], fail_silently=False)
    except OSError:  # no mail server: the operator has the link on the page or the command's output
        log.warning("could not send the set-up link of user %s", user_id, exc_info=True)
        return 0
