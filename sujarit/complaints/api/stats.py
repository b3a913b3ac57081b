"""/api/v1/orgs/{slug}/complaints/stats: a fiscal year's complaint statistics as open data.

The same figures as the public statistics pages (counts and shares only; decimals as strings). For
corruption complaints (kind=integrity) no text, reporter or person reported is ever part of it.
"""

from ninja import Router, Schema, Status

from sujarit.api.schemas import ErrorOut, org_not_found
from sujarit.core import thai
from sujarit.core.models import Organization

from ..models import Kind
from ..queries import stats

router = Router(tags=["complaints"])


class OrgOut(Schema):
    slug: str
    name: str


class CountOut(Schema):
    code: str
    label: str
    count: int


class MonthOut(Schema):
    month: str
    label: str
    short: str
    count: int
    answered_within_due: int
    late: int
    closed: int


class DueOut(Schema):
    judged: int
    within: int
    late: int
    pending: int
    share: str | None


class SatisfactionOut(Schema):
    rated: int
    satisfied: int
    share: str | None


class StatsOut(Schema):
    organization: OrgOut
    kind: str
    fiscal_year: int
    start: str
    end: str
    total: int
    open: int
    closed: int
    mean_days_to_close: str | None
    by_channel: list[CountOut]
    by_category: list[CountOut]
    by_state: list[CountOut]
    by_month: list[MonthOut]
    by_outcome: list[CountOut] | None = None
    due: DueOut
    satisfaction: SatisfactionOut


@router.get(
    "{slug}/complaints/stats",
    response={200: StatsOut, 400: ErrorOut, 404: ErrorOut},
    summary="An organization's complaint statistics for a fiscal year",
    description="Counts by channel, category, state and month (October to September), the share answered "
    "within the due date, mean days to close and satisfaction. kind is general or integrity "
    "(corruption and misconduct complaints: counts only); fiscal_year is a Buddhist Era year.",
)
def get_stats(request, slug: str, fiscal_year: int | None = None, kind: str = Kind.GENERAL.value):
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return org_not_found(slug)
    if kind not in Kind.values:
        return Status(400, {"detail": "kind ต้องเป็น general หรือ integrity", "code": "bad_kind"})
    year = fiscal_year if fiscal_year is not None else thai.current_fiscal_year()
    if not 2400 <= year <= 3000:
        return Status(400, {"detail": "ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น 2568", "code": "bad_fiscal_year"})
    return stats.as_json(org, stats.yearly(org, kind, year))
