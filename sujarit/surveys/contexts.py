"""Invitation links: signed, one response each, and the records other modules attach surveys to.

A link carries (organization, questionnaire, context key, reference, phase) signed with the site
key, so nothing needs storing before someone answers and nobody can make a link for a record they
were not given. The response's unique constraint on (questionnaire, context, reference, phase) keeps
the first answer. The survey module's own context, "surveys.invitation", numbers the links staff
hand out (one per employee, one per training participant); other modules register theirs
(registry.add_survey_context) and ask for a record's link with registry.query("surveys.link_for").
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core.registry import SurveyContext, registry

from .models import Phase, Questionnaire, Response, State
from .services.standard import load_standard
from .standard import catalogue

SALT = "sujarit.surveys.invitation"
NUMBERED = "surveys.invitation"


class BadLink(ValidationError):
    """The link is forged, cut, for another organization, or its record cannot be surveyed."""


def token(questionnaire, context_key, ref, phase=""):
    return signing.dumps(
        [questionnaire.org_id, questionnaire.pk, context_key, str(ref), phase], salt=SALT, compress=True
    )


def invitation_url(questionnaire, context_key, ref, phase=""):
    kwargs = {"org_slug": questionnaire.org.slug, "token": token(questionnaire, context_key, ref, phase)}
    return reverse("surveys:invitation", kwargs=kwargs)


def read(org, value):
    """(questionnaire, context_key, ref, phase, label) of a link, or BadLink with a Thai message."""
    try:
        org_id, q_id, context_key, ref, phase = signing.loads(value or "", salt=SALT)
    except (signing.BadSignature, ValueError, TypeError) as e:
        raise BadLink(_("This survey link is not valid. Check that it was copied whole.")) from e
    if org_id != org.pk or phase not in Phase.values:
        raise BadLink(_("This survey link is not valid. Check that it was copied whole."))
    questionnaire = Questionnaire.objects.for_org(org).filter(pk=q_id).first()
    context = registry.survey_contexts.get(context_key)
    if questionnaire is None or context is None:
        raise BadLink(_("This survey is no longer available."))
    found = context.resolve(org, ref)
    if found is None:
        raise BadLink(_("The record this survey is about cannot be rated now."))
    return questionnaire, context_key, ref, phase, found.get("label", "")


def questionnaire_for(org, context_key):
    """The open questionnaire attached to context_key; the standard one is set up and opened when the
    organization has none for it yet; None when staff keep theirs closed or in draft."""
    attached = Questionnaire.objects.for_org(org).filter(context_key=context_key).order_by("pk")
    found = attached.filter(state=State.OPEN).first()
    if found is not None or attached.exists():
        return found
    standard = [k for k, d in catalogue().items() if d.get("context") == context_key]
    if not standard or context_key not in registry.survey_contexts:
        return None
    with transaction.atomic():
        if Questionnaire.objects.for_org(org).filter(standard=standard[0]).exists():
            return None  # staff set it up and detached it on purpose
        (made,) = load_standard(org, keys=standard[:1], state=State.OPEN)
    return made


def link_for(org, context_key, ref):
    """The invitation link for a record of another module, or None (no open questionnaire for it)."""
    questionnaire = questionnaire_for(org, context_key)
    context = registry.survey_contexts.get(context_key)
    if questionnaire is None or context is None or context.resolve(org, str(ref)) is None:
        return None
    return invitation_url(questionnaire, context_key, ref)


def paper_entry_url(org, context_key):
    """The back-office page where staff type in the paper forms of the questionnaire attached to
    context_key (the standard one is set up when there is none yet), or None when staff keep theirs
    closed or in draft."""
    questionnaire = questionnaire_for(org, context_key)
    if questionnaire is None:
        return None
    return reverse("surveys_staff:paper", kwargs={"org_slug": org.slug, "pk": questionnaire.pk})


def answered(org, context_key, ref):
    """True when someone answered a survey about this record (the module may then say thank you)."""
    return Response.objects.for_org(org).filter(context_key=context_key, context_ref=str(ref)).exists()


def _numbered(org, ref):
    # Any number the organization issued is a valid invitation; the signature proves it was issued.
    return {"label": ""} if str(ref).isdigit() else None


def register(reg):
    reg.add_survey_context(
        SurveyContext(NUMBERED, gettext_lazy("Numbered invitation links"), "surveys", _numbered)
    )
