"""Disclosure on the back office's home page: publications to approve, information requests and
questions waiting for an answer (registry.add_work)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sujarit.core.permissions import can
from sujarit.core.registry import WorkItem

from .models import InfoRequest, PublicationVersion, Question, QuestionState, VersionState


def work(org, user):
    items = []
    kw = {"org_slug": org.slug}
    if can(user, org, "disclosure.approve"):
        n = PublicationVersion.objects.filter(
            publication__org=org, publication__withdrawn_at__isnull=True, state=VersionState.PENDING
        ).count()
        if n:
            url = reverse("disclosure_staff:approvals", kwargs=kw)
            items.append(WorkItem("approve", _("Publications waiting for your approval"), n, url))
    if can(user, org, "disclosure.infocentre"):
        n = InfoRequest.objects.for_org(org).open().count()
        if n:
            url = reverse("disclosure_staff:infocentre", kwargs=kw)
            items.append(WorkItem("waiting", _("Information requests waiting for an answer"), n, url))
        n = Question.objects.for_org(org).filter(state=QuestionState.PENDING).count()
        if n:
            url = reverse("disclosure_staff:qa", kwargs=kw)
            items.append(WorkItem("waiting", _("Questions on the Q&A board waiting for moderation"), n, url))
    return items
