"""Reads of publications shared by the portal, the back office, the API and open data: what the public
sees, the addresses of a publication, its version and file, its public history and period label."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sujarit.core import thai

from ..models import PeriodKind, Publication, VersionState


def public_publications(org):
    """What the public sees: approved at least once and not withdrawn."""
    return Publication.objects.for_org(org).public()


def publication_url(publication):
    return reverse("disclosure:publication", kwargs={"org_slug": publication.org.slug, "pk": publication.pk})


def version_url(version):
    p = version.publication
    return reverse(
        "disclosure:version", kwargs={"org_slug": p.org.slug, "pk": p.pk, "number": version.number}
    )


def file_url(version):
    p = version.publication
    return reverse("disclosure:file", kwargs={"org_slug": p.org.slug, "pk": p.pk, "number": version.number})


def history(publication):
    """Every published version, newest first (the public history)."""
    return publication.versions.filter(state=VersionState.PUBLISHED).order_by("-number")


def period_label(publication):
    """'มีนาคม 2568', 'ไตรมาส 2' …; empty for a whole-year publication."""
    kind, n, fy = publication.period_kind, publication.period, publication.fiscal_year
    if kind == PeriodKind.MONTH and n:
        year = fy - 1 if n >= 10 else fy
        return f"{thai.MONTHS[n - 1]} {year}"
    if kind == PeriodKind.QUARTER and n:
        return _("Quarter %(n)s") % {"n": n}
    if kind == PeriodKind.HALF and n:
        return _("Half-year %(n)s") % {"n": n}
    return ""
