"""Reads shared by the pages, exports, OIT evidence and measures."""

from django.db.models import Count, Max, Sum
from django.utils import timezone

from sujarit.core import thai

from . import summary
from .models import Project


def summarised_months(org, fy):
    """The fiscal year's months whose summary is evidence: ended months up to the last one with records.

    A month with records counts; an ended month without records counts as "ไม่มีการจัดซื้อจัดจ้าง"
    only when a later month has records (the officer has entered that far). Months after the last
    recorded one are not claimed: the system cannot tell a quiet month from one not yet entered.
    """
    start, end = thai.fiscal_year_bounds(fy)
    dates = Project.objects.for_org(org).in_range(start, end).values_list("contract_date", "announced_on")
    recorded = {(d.year, d.month) for pair in dates for d in [pair[0] or pair[1]] if d}
    if not recorded:
        return []
    last = max(recorded)
    today = timezone.localdate()
    return [
        m
        for m in summary.fiscal_months(fy)
        if (m.year, m.month) <= last and (m.last < today or (m.year, m.month) in recorded)
    ]


def year_totals(org, fy):
    start, end = thai.fiscal_year_bounds(fy)
    qs = Project.objects.for_org(org).in_range(start, end)
    totals = qs.aggregate(n=Count("pk"), budget=Sum("budget"), agreed=Sum("agreed_price"))
    totals["by_method"] = list(
        qs.values("method").annotate(n=Count("pk"), agreed=Sum("agreed_price")).order_by("method")
    )
    totals["updated"] = qs.aggregate(last=Max("updated_at"))["last"]
    return totals


def fiscal_years(org):
    """Fiscal years that have procurement records, newest first (the current year always)."""
    years = {thai.current_fiscal_year()}
    for c, a in Project.objects.for_org(org).values_list("contract_date", "announced_on"):
        if c or a:
            years.add(thai.fiscal_year_of(c or a))
    return sorted(years, reverse=True)


def project_by_number(org, egp_number):
    """{"name", "url"} of org's procurement project with that e-GP number, or None; offered as the
    "procurement.project_by_number" query (the registers link watchdog observers to projects)."""
    from django.urls import reverse

    project = (
        Project.objects.for_org(org).filter(egp_number=str(egp_number).strip()).only("pk", "name").first()
    )
    if project is None:
        return None
    url = reverse("procurement_staff:project_edit", kwargs={"org_slug": org.slug, "pk": project.pk})
    return {"name": project.name, "url": url}


def year_projects(org, fy):
    """The fiscal year's procurement as plain dicts, for other modules (registry query
    "procurement.year_projects"): e-GP number or #pk, name, the budget line as entered, amount, date."""
    start, end = thai.fiscal_year_bounds(fy)
    rows = Project.objects.for_org(org).in_range(start, end).order_by("contract_date", "announced_on", "pk")
    return [
        {
            "ref": p.egp_number or f"#{p.pk}",
            "name": p.name,
            "budget_line": p.budget_line,
            "amount": p.agreed_price if p.agreed_price is not None else p.budget,
            "date": p.summary_date,
        }
        for p in rows
    ]


def counterparties(org, fy=None):
    """Who the organization deals with, for the conflict-of-interest check (registry query
    "procurement.counterparties"): plain dicts, so the caller never touches procurement's models.

    {"vendors": [{id, name, tax_id, address, phone}], "directors": [{vendor_id, name, id_number}],
     "bids": [{vendor_id, project_id, price}], "projects": [{id, name, egp_number, winner_id, date}]}.
    With `fy` only the projects of that fiscal year (and the vendors who won or bid in them).
    """
    from .models import Bid, Director, Vendor

    projects = Project.objects.for_org(org)
    if fy:
        projects = projects.in_range(*thai.fiscal_year_bounds(int(fy)))
    project_rows = [
        {
            "id": p.pk,
            "name": p.name,
            "egp_number": p.egp_number,
            "winner_id": p.winner_id,
            "date": p.contract_date or p.announced_on,
        }
        for p in projects.only("name", "egp_number", "winner_id", "contract_date", "announced_on")
    ]
    bids = [
        {"vendor_id": v, "project_id": p, "price": price}
        for v, p, price in Bid.objects.filter(project__in=projects).values_list(
            "vendor_id", "project_id", "price"
        )
    ]
    vendors = Vendor.objects.for_org(org)
    if fy:
        ids = {b["vendor_id"] for b in bids} | {p["winner_id"] for p in project_rows if p["winner_id"]}
        vendors = vendors.filter(pk__in=ids)
    return {
        "vendors": list(vendors.values("id", "name", "tax_id", "address", "phone")),
        "directors": list(
            Director.objects.filter(vendor__in=vendors).values("vendor_id", "name", "id_number")
        ),
        "bids": bids,
        "projects": project_rows,
    }
