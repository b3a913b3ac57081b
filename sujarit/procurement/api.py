"""/api/v1/orgs/{slug}/procurement/{fiscal_year}: a fiscal year's procurement, as the public pages show it."""

from ninja import Router, Schema, Status

from sujarit.api.schemas import ErrorOut, org_not_found
from sujarit.core import thai
from sujarit.core.models import Organization

from .models import Project

router = Router(tags=["procurement"])


class ProjectOut(Schema):
    egp_number: str
    name: str
    method: str
    budget: str
    reference_price: str | None
    agreed_price: str | None
    winner: str | None
    winner_tax_id: str | None
    contract_number: str
    contract_date: str | None


def _money(value):
    return None if value is None else str(value)


@router.get(
    "/{slug}/procurement/{fiscal_year}", response={200: list[ProjectOut], 400: ErrorOut, 404: ErrorOut}
)
def projects(request, slug: str, fiscal_year: int):
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return org_not_found(slug)
    if not 2400 <= fiscal_year <= 3000:
        return Status(400, {"detail": "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568", "code": "bad_fiscal_year"})
    start, end = thai.fiscal_year_bounds(fiscal_year)
    rows = Project.objects.for_org(org).in_range(start, end).select_related("winner").order_by("pk")
    return [
        {
            "egp_number": p.egp_number,
            "name": p.name,
            "method": p.method,
            "budget": str(p.budget),
            "reference_price": _money(p.reference_price),
            "agreed_price": _money(p.agreed_price),
            "winner": p.winner.name if p.winner else None,
            "winner_tax_id": p.winner.tax_id if p.winner else None,
            "contract_number": p.contract_number,
            "contract_date": p.contract_date.isoformat() if p.contract_date else None,
        }
        for p in rows
    ]
