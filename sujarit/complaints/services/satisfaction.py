"""The satisfaction questionnaire asked on a resolved or closed case's page (plan outcome: ≥ 80 %).

The questions, the answers and their count belong to the survey engine (the organization's
questionnaire attached to the survey context "complaints.closed_case", the standard complaint
questionnaire unless staff chose another); this module only says which cases may be rated and draws
the engine's questions on its own case pages, so a corruption reporter answers inside the protected
page. Ratings given before the move stay on the case (`Case.satisfaction`) and are counted with the
engine's answers (`tally`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.registry import registry

from ..models import EventType
from ..queries.satisfaction import CONTEXT, ratable
from .cases import add_event


def _query(key):
    found = registry.query(key)
    if found is None:
        raise ValidationError(_("This questionnaire is not open for answers."))
    return found


def survey_for(case, *, values=None, errors=None):
    """The engine's questions to draw on the case page, or None (nothing to ask now)."""
    embedded = registry.query("surveys.embedded_form")
    if embedded is None or not ratable(case):
        return None
    return embedded(case.org, CONTEXT, case.pk, values=values, errors=errors)


def answer(case, getlist, form_token, *, by_complainant=True):
    """Store the complainant's answers about the case through the engine, once."""
    response = _query("surveys.answer_embedded")(case.org, CONTEXT, case.pk, getlist, form_token)
    add_event(case, EventType.SATISFACTION, by_complainant=by_complainant, data={})
    audit.record(case, "complaints.rated", by_complainant=by_complainant)
    return response
