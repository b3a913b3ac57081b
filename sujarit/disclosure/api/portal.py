"""/api/v1/orgs/{slug}/publications: the public portal's publications as open data.

Public metadata only: what is public now (approved, not withdrawn), its published versions with
their dates, files' names, sizes and sha256, and the addresses to read them. Never drafts.
"""

from datetime import date, datetime

from ninja import Router, Schema, Status

from sujarit.api.schemas import ErrorOut, org_not_found
from sujarit.core.models import Organization

from ..models import Area, Kind, VersionState
from ..queries import publications

router = Router(tags=["disclosure"])
MAX_PAGE_SIZE = 100


class PublicationOut(Schema):
    id: int
    kind: str
    title: str
    area: str
    fiscal_year: int
    period_kind: str
    period: int | None
    unit: str | None
    publish_date: date | None
    oit_codes: list[str]
    current_version: int
    url: str


class VersionOut(Schema):
    number: int
    published_at: datetime | None
    note: str
    body: str
    link: str
    file_name: str
    content_type: str
    size: int | None
    sha256: str
    file_url: str
    url: str


class PublicationDetailOut(PublicationOut):
    versions: list[VersionOut]


class PageOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[PublicationOut]


def _org(slug):
    return Organization.objects.filter(slug=slug).first()


def _out(request, p):
    return {
        "id": p.pk,
        "kind": p.kind,
        "title": p.title,
        "area": p.area,
        "fiscal_year": p.fiscal_year,
        "period_kind": p.period_kind,
        "period": p.period,
        "unit": p.unit.name if p.unit else None,
        "publish_date": p.publish_date,
        "oit_codes": sorted(
            (t.code for t in p.tags.all()), key=lambda c: int(c[1:]) if c[1:].isdigit() else 0
        ),
        "current_version": p.current_version.number,
        "url": request.build_absolute_uri(publications.publication_url(p)),
    }


def _version_out(request, v):
    return {
        "number": v.number,
        "published_at": v.published_at,
        "note": v.note,
        "body": v.body,
        "link": v.url,
        "file_name": v.file_name,
        "content_type": v.content_type if v.file else "",
        "size": v.size if v.file else None,
        "sha256": v.sha256,
        "file_url": request.build_absolute_uri(publications.file_url(v)) if v.file else "",
        "url": request.build_absolute_uri(publications.version_url(v)),
    }


@router.get(
    "{slug}/publications",
    response={200: PageOut, 400: ErrorOut, 404: ErrorOut},
    summary="An organization's public publications",
    description="Publications that are public now, newest first. Filters: fiscal_year (Buddhist Era), "
    "area (basic, administration, budget, hr, transparency), oit (an OIT item code such as O16) and kind "
    "(document, page, link, announcement). page starts at 1; page_size is at most 100.",
)
def list_publications(
    request,
    slug: str,
    fiscal_year: int | None = None,
    area: str | None = None,
    oit: str | None = None,
    kind: str | None = None,
    page: int = 1,
    page_size: int = 50,
):
    org = _org(slug)
    if org is None:
        return org_not_found(slug)
    if area and area not in Area.values:
        return Status(400, {"detail": "area ไม่ถูกต้อง", "code": "bad_area"})
    if kind and kind not in Kind.values:
        return Status(400, {"detail": "kind ไม่ถูกต้อง", "code": "bad_kind"})
    if not 1 <= page <= 10_000 or not 1 <= page_size <= MAX_PAGE_SIZE:
        return Status(400, {"detail": "page ต้องเริ่มที่ 1 และ page_size 1–100", "code": "bad_page"})
    qs = publications.public_publications(org)
    if fiscal_year is not None:
        qs = qs.filter(fiscal_year=fiscal_year)
    if area:
        qs = qs.filter(area=area)
    if kind:
        qs = qs.filter(kind=kind)
    if oit:
        qs = qs.filter(tags__code=oit.strip().upper())
    count = qs.count()
    start = (page - 1) * page_size
    rows = (
        qs.select_related("org", "unit", "current_version")
        .prefetch_related("tags")
        .order_by("-publish_date", "-pk")[start : start + page_size]
    )
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "results": [_out(request, p) for p in rows],
    }


@router.get(
    "{slug}/publications/{pub_id}",
    response={200: PublicationDetailOut, 404: ErrorOut},
    summary="One public publication with its published versions",
    description="Every published version stays listed (newest first): an update never erases what "
    "was published before.",
)
def get_publication(request, slug: str, pub_id: int):
    org = _org(slug)
    if org is None:
        return org_not_found(slug)
    p = (
        publications.public_publications(org)
        .select_related("org", "unit", "current_version")
        .prefetch_related("tags")
        .filter(pk=pub_id)
        .first()
    )
    if p is None:
        return Status(404, {"detail": "ไม่พบเอกสารที่เผยแพร่", "code": "publication_not_found"})
    versions = p.versions.filter(state=VersionState.PUBLISHED).select_related("publication__org")
    return {**_out(request, p), "versions": [_version_out(request, v) for v in versions.order_by("-number")]}
