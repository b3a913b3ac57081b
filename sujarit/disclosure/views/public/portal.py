"""The public disclosure portal (no sign-in): areas, fiscal years, OIT items, publications with
their public history, files, and the announcements (news) with an Atom feed."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from sujarit.core import files, thai
from sujarit.core.tenancy import public_view

from ...models import Area, Kind, PageGroup, Publication, PublicationVersion, VersionState
from ...queries import publications
from ...services import visits

PAGE_SIZE = 30


def _listed(org):
    return (
        publications.public_publications(org)
        .select_related("org", "unit", "current_version")
        .prefetch_related("tags")
        .order_by("-publish_date", "-pk")
    )


def _rows(listed):
    return [(p, publications.period_label(p)) for p in listed]


def _link(name, org):
    """The URL of another part of the portal, or '' while that part is not installed."""
    try:
        return reverse(name, kwargs={"org_slug": org.slug})
    except NoReverseMatch:
        return ""


def _years(org):
    years = set(
        publications.public_publications(org).order_by().values_list("fiscal_year", flat=True).distinct()
    )
    years.add(thai.current_fiscal_year())
    return sorted(years, reverse=True)


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


@public_view
@visits.counted(PageGroup.PORTAL)
def portal(request, org):
    fy = thai.current_fiscal_year()
    counts = dict(
        publications.public_publications(org)
        .filter(fiscal_year=fy)
        .values_list("area")
        .annotate(n=Count("pk"))
        .values_list("area", "n")
    )
    ctx = {
        "fiscal_year": fy,
        "areas": [(value, label, counts.get(value, 0)) for value, label in Area.choices],
        "announcements": _rows(_listed(org).filter(kind=Kind.ANNOUNCEMENT)[:5]),
        "latest": _rows(_listed(org).exclude(kind=Kind.ANNOUNCEMENT)[:10]),
        "years": _years(org),
        "links": {
            "oit": _link("disclosure:oit", org),
            "search": _link("disclosure:search", org),
            "infocentre": _link("disclosure:infocentre", org),
        },
    }
    return render(request, "disclosure/public/portal.html", ctx)


def _fiscal_year(request, default):
    return thai.parse_fiscal_year(request.GET.get("fy"), default)[0]


@public_view
@visits.counted(PageGroup.PORTAL)
def area(request, org, area):
    if area not in Area.values:
        raise Http404(_("There is no such disclosure area."))
    fy = _fiscal_year(request, thai.current_fiscal_year())
    page = _page(request, _listed(org).filter(area=area, fiscal_year=fy))
    ctx = {
        "area": area,
        "area_label": Area(area).label,
        "fiscal_year": fy,
        "years": _years(org),
        "page": page,
        "rows": _rows(page.object_list),
    }
    return render(request, "disclosure/public/portal_area.html", ctx)


@public_view
@visits.counted(PageGroup.PORTAL)
def year(request, org, fy):
    by_area = {value: [] for value in Area.values}
    for row in _rows(_listed(org).filter(fiscal_year=fy)):
        by_area[row[0].area].append(row)
    ctx = {
        "fiscal_year": fy,
        "years": _years(org),
        "groups": [(value, label, by_area[value]) for value, label in Area.choices],
    }
    return render(request, "disclosure/public/portal_year.html", ctx)


@public_view
@visits.counted(PageGroup.PORTAL)
def item(request, org, code):
    code = code.upper()
    page = _page(request, _listed(org).filter(tags__code=code))
    ctx = {
        "code": code,
        "page": page,
        "rows": _rows(page.object_list),
        "oit_url": _link("disclosure:oit", org),
    }
    return render(request, "disclosure/public/portal_item.html", ctx)


def _ever_published(org, pk):
    """A publication that was public at least once (a withdrawn one keeps its page and history)."""
    qs = Publication.objects.for_org(org).filter(current_version__isnull=False)
    return get_object_or_404(qs.select_related("unit", "current_version"), pk=pk)


def _published_version(publication, number):
    return get_object_or_404(
        PublicationVersion, publication=publication, number=number, state=VersionState.PUBLISHED
    )


@public_view
@visits.counted(PageGroup.PUBLICATION)
def publication(request, org, pk):
    pub = _ever_published(org, pk)
    ctx = {
        "publication": pub,
        "version": pub.current_version,
        "period": publications.period_label(pub),
        "history": list(publications.history(pub)),
        "tags": [t.code for t in pub.tags.all()],
    }
    return render(request, "disclosure/public/publication.html", ctx)


@public_view
@visits.counted(PageGroup.PUBLICATION)
def version(request, org, pk, number):
    pub = _ever_published(org, pk)
    ctx = {
        "publication": pub,
        "version": _published_version(pub, number),
        "period": publications.period_label(pub),
        "history": list(publications.history(pub)),
    }
    return render(request, "disclosure/public/publication_version.html", ctx)


@public_view
def file(request, org, pk, number):
    """A published version's file; drafts and versions awaiting approval are never served here."""
    pub = _ever_published(org, pk)
    v = _published_version(pub, number)
    if not v.file:
        raise Http404(_("This version has no file."))
    return files.serve(v.file.open("rb"), v.file_name, v.content_type, inline=True)


def _announcements(org):
    return _listed(org).filter(kind=Kind.ANNOUNCEMENT)


@public_view
@visits.counted(PageGroup.PORTAL)
def news(request, org):
    page = _page(request, _announcements(org))
    return render(request, "disclosure/public/news.html", {"page": page, "rows": _rows(page.object_list)})


@public_view
def news_feed(request, org):
    link = request.build_absolute_uri(reverse("disclosure:news", kwargs={"org_slug": org.slug}))
    feed = Atom1Feed(
        title=_("Announcements of %(org)s") % {"org": org.name},
        link=link,
        description="",
        language="th",
        feed_url=request.build_absolute_uri(),
    )
    for p in _announcements(org)[:50]:
        v = p.current_version
        if v is not None:
            v.publication = p  # already loaded: no query per entry
        feed.add_item(
            title=p.title,
            link=request.build_absolute_uri(publications.publication_url(p)),
            description=(v.body if v else "")[:1000],
            unique_id=request.build_absolute_uri(publications.version_url(v)) if v else None,
            updateddate=v.published_at if v else None,
            pubdate=v.published_at if v else None,
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")
