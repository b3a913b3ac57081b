"""Reads of the public site: what each page shows, the version its cache is keyed on, the map."""

import math

from django.conf import settings
from django.utils import timezone

from sujarit.core import audit
from sujarit.core.registry import registry

from .models import Executive, ExecutiveGroup, Page, PageKind, Post, SiteSettings


def site_version(org):
    """(org_version, ISO day): changes whenever anything the public site shows may change — every
    audited change of the organization's data (site edits, the emblem, publications, the OIT board's
    evidence) and the day (a news item dated tomorrow appears tomorrow; the OIT board's periods move
    with the date)."""
    return audit.org_version(org.pk), timezone.localdate().isoformat()


def site_settings(org):
    return SiteSettings.objects.filter(org=org).select_related("banner").first() or SiteSettings(org=org)


def published_posts(org):
    return Post.objects.for_org(org).filter(published_on__lte=timezone.localdate())


def executives_by_group(org):
    """[(group label, [Executive])] in the groups' order, empty groups left out."""
    people = list(Executive.objects.for_org(org))
    return [
        (label, [p for p in people if p.group == value])
        for value, label in ExecutiveGroup.choices
        if any(p.group == value for p in people)
    ]


def pages(org):
    """{kind: Page} of the pages written so far."""
    return {p.kind: p for p in Page.objects.for_org(org)}


def page_menu(org):
    """[(kind, label, written)] of every page the site has, in order."""
    written = set(Page.objects.for_org(org).exclude(body="").values_list("kind", flat=True))
    return [(value, label, value in written) for value, label in PageKind.choices]


def public_image_ids(org):
    """The attachments the public site shows (only these are served by the image view)."""
    ids = set()
    site = SiteSettings.objects.filter(org=org).values_list("banner_id", flat=True).first()
    ids.add(site)
    ids.add(org.emblem_id)
    for model, field in ((Post, "photo_id"), (Executive, "photo_id"), (Page, "image_id")):
        ids.update(model.objects.for_org(org).values_list(field, flat=True))
    ids.discard(None)
    return ids


def eservices(org):
    """The e-Service menu: the public entries of the modules installed, found through the registry."""
    wanted = (
        ("complaints:new", "complaints:index"),
        ("complaints:integrity_report",),
        ("disclosure:infocentre",),
        ("disclosure:qa",),
        ("queue:kiosk",),
        ("queue:follow",),
        ("surveys:index",),
    )
    found = []
    public = {e.url_name: e for e in registry.nav if e.area == "public"}
    for names in wanted:
        entry = next((public[n] for n in names if n in public), None)
        if entry is not None:
            found.append(entry)
    return found


def oit_menu(org):
    """The OIT board as a menu, when the disclosure module is installed; else None."""
    query = registry.query("disclosure.oit_menu")
    return query(org) if query else None


# --- the map -----------------------------------------------------------------------------------------

ZOOM = 16


def map_view(site):
    """What the contact page shows of the office's place: None without coordinates; else its links,
    and the tiles of a 3 × 3 map around it when the operator set SUJARIT_MAP_TILE_URL."""
    if site.latitude is None or site.longitude is None:
        return None
    lat, lon = float(site.latitude), float(site.longitude)
    out = {
        "lat": f"{lat:.6f}",
        "lon": f"{lon:.6f}",
        "geo": f"geo:{lat:.6f},{lon:.6f}",
        "osm": f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}#map=17/{lat:.6f}/{lon:.6f}",
        "tiles": [],
    }
    template = getattr(settings, "SUJARIT_MAP_TILE_URL", "")
    if template:
        n = 2**ZOOM
        xf = (lon + 180) / 360 * n
        yf = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
        x, y = int(xf), int(yf)
        out["tiles"] = [template.format(z=ZOOM, x=x + dx, y=y + dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
        out["marker_left"] = f"{(xf - (x - 1)) / 3 * 100:.2f}"
        out["marker_top"] = f"{(yf - (y - 1)) / 3 * 100:.2f}"
    return out
