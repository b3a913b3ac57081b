"""Reads of the integrity module: who is covered, whom they may deal with, the gift report's figures."""

from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from sujarit.core import thai
from sujarit.core.models import Person, Role, RoleGrant
from sujarit.core.registry import registry

from . import matching
from .models import Activity, Announcement, Declaration, Gift

# Section 126 of the NACC Act 2561: which positions are covered and which relatives count were not
# verified (domain/procurement.md) — settings, with everyone and every declared relative by default.
COI_DEFAULTS = {
    "positions": ("executive", "council", "staff"),
    "relations": ("spouse", "parent", "child", "sibling"),
    **matching.DEFAULTS,
}


def coi_options():
    return {**COI_DEFAULTS, **getattr(settings, "SUJARIT_INTEGRITY_COI", {})}


def position_of(person, roles):
    if Role.EXECUTIVE in roles:
        return "executive"
    if person.is_council or Role.COUNCIL_MEMBER in roles:
        return "council"
    return "staff"


def covered_people(org, options=None):
    """The active people of org whose position the check covers, each with its position."""
    opts = options or coi_options()
    grants: dict[int, set[str]] = {}
    for pid, role in RoleGrant.objects.filter(person__org=org).values_list("person_id", "role"):
        grants.setdefault(pid, set()).add(role)
    people = Person.objects.for_org(org).filter(active=True).order_by("pk")
    return [
        (p, position_of(p, grants.get(p.pk, set())))
        for p in people
        if position_of(p, grants.get(p.pk, set())) in opts["positions"]
    ]


def subjects(org, options=None):
    """Covered people and their declared relatives, as the matcher's Subjects."""
    opts = options or coi_options()
    covered = covered_people(org, opts)
    declarations = {
        d.person_id: d for d in Declaration.objects.for_org(org).prefetch_related("relatives", "interests")
    }
    out = []
    for person, _position in covered:
        label = f"{person.full_name} ({person.position})" if person.position else person.full_name
        d = declarations.get(person.pk)
        out.append(
            matching.Subject(
                f"person:{person.pk}",
                person.full_name,
                d.id_number if d else "",
                d.address if d else "",
                d.former() if d else (),
                "",
                label,
            )
        )
        for r in d.relatives.all() if d else ():
            if r.relation in opts["relations"]:
                out.append(
                    matching.Subject(
                        f"relative:{r.pk}", r.name, r.id_number, r.address, r.former(), r.relation, label
                    )
                )
    return out


def procurement_data(org, fy=None):
    """procurement.counterparties(org, fy), or empty lists when procurement is not installed."""
    query = registry.query("procurement.counterparties")
    if query is None:
        return {"vendors": [], "directors": [], "bids": [], "projects": []}
    return query(org, fy)


def counterparties(org, fy=None, data=None):
    """Vendors, their directors and the business interests covered people declared in vendors."""
    data = data or procurement_data(org, fy)
    vendors = {v["id"]: v for v in data["vendors"]}
    by_tax_id = {v["tax_id"]: v for v in data["vendors"] if v["tax_id"]}
    bidders = {b["vendor_id"] for b in data["bids"]}
    winners = {p["winner_id"] for p in data["projects"]}
    out = []
    for v in vendors.values():
        kind = "bidder" if v["id"] in bidders and v["id"] not in winners else "vendor"
        out.append(
            matching.Counterparty(
                f"vendor:{v['id']}",
                kind,
                v["name"],
                v["tax_id"],
                v["address"],
                v["name"],
                f"vendor:{v['id']}",
            )
        )
    for d in data["directors"]:
        v = vendors.get(d["vendor_id"])
        if v is None:
            continue
        out.append(
            matching.Counterparty(
                f"director:{d['vendor_id']}:{d['id_number'] or d['name']}"[:90],
                "director",
                d["name"],
                d["id_number"],
                "",
                v["name"],
                f"vendor:{v['id']}",
            )
        )
    for d in Declaration.objects.for_org(org).prefetch_related("interests"):
        for interest in d.interests.all():
            v = by_tax_id.get(interest.firm_tax_id)
            if v is None:
                continue
            out.append(
                matching.Counterparty(
                    f"interest:{interest.pk}",
                    "shareholder",
                    interest.firm_name,
                    interest.firm_tax_id,
                    "",
                    v["name"],
                    f"vendor:{v['id']}",
                    interest.share_percent,
                    interest.role,
                    f"person:{d.person_id}",
                )
            )
    return out


def projects(org, fy=None):
    return procurement_data(org, fy)["projects"]


def gifts_of_year(org, fy):
    start, end = thai.fiscal_year_bounds(int(fy))
    return Gift.objects.for_org(org).filter(offered_on__range=(start, end))


def gift_report(org, fy):
    """The yearly No Gift report's figures: gifts by handling, their value, the list."""
    gifts = list(gifts_of_year(org, fy).order_by("offered_on", "pk"))
    counts = Counter(g.status for g in gifts)
    return {
        "fiscal_year": fy,
        "gifts": gifts,
        "by_status": [(label, counts.get(value, 0)) for value, label in Gift.Handling.choices],
        "total_value": sum((g.value for g in gifts), Decimal(0)),
        "announcement": announcements_of_year(org, fy, Announcement.Kind.NO_GIFT).first(),
        "activities": list(activities_of_year(org, fy)),
    }


def announcements_of_year(org, fy, kind):
    start, end = thai.fiscal_year_bounds(int(fy))
    return Announcement.objects.for_org(org).filter(kind=kind, signed_on__range=(start, end))


def activities_of_year(org, fy):
    start, end = thai.fiscal_year_bounds(int(fy))
    return Activity.objects.for_org(org).filter(held_on__range=(start, end)).order_by("held_on")


def gift_value_of_year(org, fy):
    return gifts_of_year(org, fy).aggregate(total=Sum("value"))["total"] or Decimal(0)
