"""The organization profile as the public OIT pages show it: structure (O1), executives (O2),
contacts (O4), and when any of it last changed."""

from urllib.parse import quote

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import AuditEvent, Person, Role, Unit

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
        "map_url": "https://www.openstreetmap.org/search?query=" + quote(query),
        "has_channel": bool(org.address or org.phone or org.email),
    }


def last_change(org):
    """When the profile, a unit or a person of org last changed (audit log), else the org's creation."""
    last = AuditEvent.objects.filter(org=org, target_type__in=PROFILE_TARGETS).aggregate(m=Max("created_at"))[
        "m"
    ]
    return timezone.localdate(last or org.created_at)
