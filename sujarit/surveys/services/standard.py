"""Loading the standard questionnaires into an organization (command, demo loader, staff button)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.permissions import ensure
from sujarit.core.registry import registry

from ..models import Question, Questionnaire, State, Version
from ..standard import catalogue
from .common import MANAGE


def _make(org, d, state):
    key = d["key"]
    if Questionnaire.objects.for_org(org).filter(key=key).exists():
        key = f"{key}-{Questionnaire.objects.for_org(org).filter(standard=d['key']).count() + 1}"
    q = Questionnaire.objects.create(
        org=org,
        key=key,
        title=d["title"],
        description=d.get("description", ""),
        kind=d["kind"],
        purpose=d.get("purpose", ""),
        open_link=d.get("open_link", True),
        pass_mark=d.get("pass_mark", 80),
        standard=d["key"],
        state=state,
        # Attached to its module's records once that module registers the context (it may come later).
        context_key=d["context"] if d.get("context") in registry.survey_contexts else "",
    )
    version = Version.objects.create(questionnaire=q, number=1)
    order = 0
    rows = []
    for section in d["sections"]:
        for item in section["questions"]:
            order += 1
            rows.append(
                Question(
                    version=version,
                    order=order,
                    section=section.get("title", ""),
                    text=item["text"],
                    kind=item["kind"],
                    choices=item.get("choices", []),
                    correct=item.get("correct", []) if d["kind"] == "test" else [],
                    required=item.get("required", True),
                )
            )
    Question.objects.bulk_create(rows)
    return q


@transaction.atomic
def load_standard(org, *, by=None, keys=None, state=State.DRAFT):
    """Add the standard questionnaires org lacks (all, or those named); returns those made.

    by=None is the operator's command line or the demo loader; a person needs surveys.manage.
    """
    if by is not None:
        ensure(by, org, MANAGE)
    known = catalogue()
    unknown = [k for k in keys or () if k not in known]
    if unknown:
        raise ValidationError(_("There is no standard questionnaire %(key)s.") % {"key": ", ".join(unknown)})
    have = set(Questionnaire.objects.for_org(org).exclude(standard="").values_list("standard", flat=True))
    made = []
    for key, d in known.items():
        if (keys and key not in keys) or (not keys and key in have):
            continue
        q = _make(org, d, state)
        audit.record(q, "surveys.standard_loaded", actor=by, standard=key)
        made.append(q)
    return made
