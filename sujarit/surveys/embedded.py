"""A questionnaire asked inside another module's page, about one of its records.

The complaint case page and the information request page ask their satisfaction question this way:
the questions are the engine's (the organization's open questionnaire attached to the module's survey
context), drawn by the engine, posted to the module's own page (so a whistleblower's protected page
never links out to a page whose address would tell that a report exists), and stored and counted by
the engine, once per record. Other modules reach this through registry queries
("surveys.embedded_form", "surveys.answer_embedded", "surveys.context_tally"), never by import.

An organization that never set up the questionnaire a context needs gets the standard one declaring
that context, opened, the first time a record can be rated (standard questionnaires carry their
context); a questionnaire staff closed or left in draft is respected: nothing is asked then.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from sujarit.core.registry import registry

from .contexts import questionnaire_for
from .models import Channel, Response
from .services import answering
from .views.public import items, likert_scale


@dataclass(frozen=True)
class Embedded:
    """What a module's page draws: the title, the engine's questions as HTML (inputs named as the
    answer form's), and the one-time form token to post back with them."""

    title: str
    html: str
    token: str
    questions: tuple  # (pk, kind) in order: what a demo loader or a test needs to answer


def _ratable(org, context_key, ref):
    context = registry.survey_contexts.get(context_key)
    return context is not None and context.resolve(org, str(ref)) is not None


def embedded_form(org, context_key, ref, *, values=None, errors=None):
    """The questions to draw for record ref, or None (nothing to ask, or already answered)."""
    if not _ratable(org, context_key, ref):
        return None
    q = questionnaire_for(org, context_key)
    if q is None or q.responses.filter(context_key=context_key, context_ref=str(ref)).exists():
        return None
    version = q.current_version()
    questions = list(version.questions.all())
    html = render_to_string(
        "surveys/_questions.html",
        {"items": items(questions, values or {}, errors or {}), "likert_scale": likert_scale()},
    )
    token = answering.new_form_token(q)
    return Embedded(q.title, html, token, tuple((x.pk, x.kind) for x in questions))


def answer_embedded(org, context_key, ref, getlist, form_token):
    """Store the answers about record ref (once); ValidationError with a Thai message otherwise —
    answering.Invalid carries the message of each question that needs attention."""
    if not _ratable(org, context_key, ref):
        raise ValidationError(_("This record cannot be rated now."))
    q = questionnaire_for(org, context_key)
    if q is None:
        raise ValidationError(_("This questionnaire is not open for answers."))
    return answering.submit(
        q, getlist, channel=Channel.INVITATION, form_token=form_token, context_key=context_key, ref=str(ref)
    )


def context_tally(org, context_key, refs):
    """(satisfied, counted) of the responses about the given records of a context."""
    refs = [str(r) for r in refs]
    flags = list(
        Response.objects.for_org(org)
        .filter(context_key=context_key, context_ref__in=refs, satisfied__isnull=False)
        .values_list("satisfied", flat=True)
    )
    return sum(1 for f in flags if f), len(flags)
