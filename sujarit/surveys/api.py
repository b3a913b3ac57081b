"""/api/v1/orgs/{slug}/surveys: questionnaires that are open or closed (never drafts) with their
results per fiscal year, as open data: counts and shares only, never an answer or a respondent."""

from decimal import Decimal

from ninja import Router, Schema

from sujarit.api.schemas import ErrorOut, org_not_found
from sujarit.core.models import Organization
from sujarit.core.periods import Period

from . import queries
from .models import Questionnaire, State

router = Router(tags=["surveys"])


class YearOut(Schema):
    fiscal_year: int
    respondents: int
    share: Decimal | None  # percent satisfied (surveys) or passing (tests)


class QuestionnaireOut(Schema):
    key: str
    title: str
    kind: str
    state: str
    measure: str | None
    years: list[YearOut]


@router.get(
    "{slug}/surveys",
    response={200: list[QuestionnaireOut], 404: ErrorOut},
    summary="An organization's surveys and knowledge tests with their yearly results",
    description="Open and closed questionnaires; for each fiscal year with answers, the number of respondents "
    "and the share satisfied or very satisfied (surveys) or passing (tests; pre-tests not counted).",
)
def list_surveys(request, slug: str):
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return org_not_found(slug)
    out = []
    for q in Questionnaire.objects.for_org(org).exclude(state=State.DRAFT).order_by("title"):
        years = []
        for fy in queries.fiscal_years(q):
            s = queries.overall(q, Period.for_fiscal_year(fy))
            years.append({"fiscal_year": fy, "respondents": s["respondents"], "share": s["share"]})
        out.append(
            {
                "key": q.key,
                "title": q.title,
                "kind": q.kind,
                "state": q.state,
                "measure": f"surveys.{q.purpose}" if q.purpose else None,
                "years": years,
            }
        )
    return out
