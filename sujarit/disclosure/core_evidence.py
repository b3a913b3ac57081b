"""OIT O1, O2 and O4 from the organization profile: public pages of structure, executives and contacts.

Nothing is uploaded for these: the pages render the units, people and profile the core keeps, and
the provider "disclosure.profile" offers them as evidence (2567 codes), dated by the last change of
the profile, its units or its people in the audit log.
"""

from django.db.models import Max, Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import AuditEvent, Person, Role, Unit
from sujarit.core.periods import Period
from sujarit.core.registry import OITProvider
from sujarit.core.tenancy import public_view

PROFILE_TARGETS = ("core.organization", "core.unit", "core.person", "core.rolegrant")


def _people(org):
    return Person.objects.for_org(org).filter(active=True, is_council=False)


def structure_units(org):
    """Units in order with their active staff; people of no unit come last (unit None)."""
    units = list(
        Unit.objects.for_org(org).prefetch_related(
            Prefetch("people", queryset=_people(org).order_by("full_name"), to_attr="staff")
        )
    )
    loose = list(_people(org).filter(unit__isnull=True).order_by("full_name"))
    return units, loose


def executives(org):
    """[(name, position)]: the head and the palad of the profile, then people holding the executive role."""
    rows = []
    if org.head_name:
        rows.append((org.head_name, org.head_title or _("Chief executive")))
    if org.palad_name:
        rows.append((org.palad_name, _("Permanent secretary (ปลัด)")))
    names = {name for name, _p in rows}
    execs = _people(org).filter(grants__role=Role.EXECUTIVE).distinct().order_by("full_name")
    for p in execs:
        if p.full_name not in names:
            rows.append((p.full_name, p.position or _("Executive")))
    return rows


def contact(org):
    """The contact lines of the profile; `map_url` is a plain link (no third-party embed)."""
    place = " ".join(
        x for x in (org.address, org.subdistrict and f"ต.{org.subdistrict}", org.district and f"อ.{org.district}",
                    org.province and f"จ.{org.province}", org.postcode) if x
    )  # fmt: skip
    query = f"{org.name} {place}".strip()
    return {
        "address": place,
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "map_url": "https://www.openstreetmap.org/search?query=" + _quote(query),
        "has_channel": bool(org.address or org.phone or org.email),
    }


def _quote(text):
    from urllib.parse import quote

    return quote(text)


def last_change(org):
    """When the profile, a unit or a person of org last changed (audit log), else the org's creation."""
    last = AuditEvent.objects.filter(org=org, target_type__in=PROFILE_TARGETS).aggregate(m=Max("created_at"))[
        "m"
    ]
    return timezone.localdate(last or org.created_at)


def profile_evidence(org, fiscal_year):
    """O1 structure (with units), O2 executives (when named), O4 contacts (address, phone or e-mail)."""
    if not Period.for_fiscal_year(fiscal_year).has_started:
        return []
    date = last_change(org)
    found = []
    if Unit.objects.for_org(org).exists():
        found.append(("O1", "โครงสร้างหน่วยงาน", "disclosure:structure"))
    if executives(org):
        found.append(("O2", "ข้อมูลผู้บริหาร", "disclosure:executives"))
    if contact(org)["has_channel"]:
        found.append(("O4", "ข้อมูลการติดต่อ", "disclosure:contact"))
    return [
        {
            "oit": code,
            "title": f"{title} {org.name}",
            "url": reverse(name, kwargs={"org_slug": org.slug}),
            "date": date,
        }
        for code, title, name in found
    ]


def register(registry):
    registry.add_oit_provider(
        OITProvider(
            "disclosure.profile",
            ("O1", "O2", "O4"),
            _("Structure, executives and contacts from the organization profile"),
            profile_evidence,
            "disclosure",
        )
    )


# --- the public pages ---------------------------------------------------------------------------


@public_view
def structure(request, org):
    units, loose = structure_units(org)
    return render(
        request,
        "disclosure/public/structure.html",
        {"units": units, "loose": loose, "updated": last_change(org), "executives": executives(org)},
    )


@public_view
def executives_page(request, org):
    return render(
        request,
        "disclosure/public/executives.html",
        {"executives": executives(org), "contact": contact(org), "updated": last_change(org)},
    )


@public_view
def contact_page(request, org):
    return render(
        request, "disclosure/public/contact.html", {"contact": contact(org), "updated": last_change(org)}
    )
