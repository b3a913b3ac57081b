"""/api/v1/orgs/{slug}/oit: the OIT board of an assessment year as open data.

Every item of the catalogue with its status (proven / out_of_date / missing), evidence links (absolute
paths of this site, or a provider's own address) with dates, owner and due date.
"""

from datetime import date

from ninja import Router, Schema, Status

from sujarit.api.schemas import ErrorOut, org_not_found
from sujarit.core.models import Organization

from ..queries import compliance, opendata
from ..services import catalogue

router = Router(tags=["disclosure"])


class EvidenceOut(Schema):
    title: str
    url: str
    date: date | None
    source: str


class ItemOut(Schema):
    code: str
    title: str
    area: str
    frequency: str
    requirement: str
    status: str
    topics: list[str]
    verified: bool
    source: str
    unmet: list[str]
    owner: str
    due: date | None
    evidence: list[EvidenceOut]


class CountsOut(Schema):
    proven: int
    out_of_date: int
    incomplete: int
    late: int
    missing: int
    total: int


class BoardOut(Schema):
    organization: str
    assessment_year: int
    fiscal_year: int
    estimated_oit_score: str | None
    counts: CountsOut
    items: list[ItemOut]


@router.get(
    "{slug}/oit",
    response={200: BoardOut, 400: ErrorOut, 404: ErrorOut},
    summary="An organization's OIT compliance board",
    description="Every OIT item of the assessment year (Buddhist Era, e.g. 2567; default: the year the "
    "organization shows) with its status, evidence links and dates, owner and due date, and the estimated "
    "OIT score (proven 1, out of date or incomplete ½, late or missing 0, × 100 over the items). `unmet` says "
    "what an incomplete item's requirement still lacks; `verified`/`source` say how sure the catalogue is.",
)
def get_board(request, slug: str, year: int | None = None):
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return org_not_found(slug)
    year = year if year is not None else catalogue.current_assessment_year(org)
    cat = catalogue.catalogue_for(year) if year is not None and 2400 <= year <= 3000 else None
    if cat is None:
        known = ", ".join(str(y) for y in sorted(catalogue.years()))
        return Status(
            400,
            {"detail": f"ไม่มีรายการตรวจ OIT ของปี {year} (มีปี {known})", "code": "unknown_year"},
        )
    rows = compliance.board(org, cat.year)
    items = []
    for r in rows:
        item = r["item"]
        items.append(
            {
                "code": item.code,
                "title": item.title,
                "area": item.area,
                "frequency": item.frequency,
                "requirement": item.requirement,
                "status": r["status"],
                "topics": list(item.topics or []),
                "verified": item.verified,
                "source": item.source,
                "unmet": r["unmet"],
                "owner": opendata.owner_label(r["owner"]),
                "due": r["due"],
                "evidence": [
                    {"title": e["title"], "url": e["url"], "date": e["date"], "source": e["source"]}
                    for e in r["evidence"]
                ],
            }
        )
    score = compliance.score_of(rows)
    return {
        "organization": org.slug,
        "assessment_year": cat.year,
        "fiscal_year": cat.fiscal_year,
        "estimated_oit_score": str(score) if score is not None else None,
        "counts": compliance.counts(rows),
        "items": items,
    }
