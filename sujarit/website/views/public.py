"""The public site. Every page's body is cached under the site's version (queries.site_version), so
an edit shows at once and an unchanged site is served from the cache; anonymous visitors' pages are
cached whole and answered by core.pagecache's middleware (docs/ARCHITECTURE.md, "Public page caching")."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sujarit.core import files, pagecache
from sujarit.core.models import Attachment
from sujarit.core.registry import registry
from sujarit.core.tenancy import public_view

from .. import queries
from ..models import ExecutiveGroup, PageKind

CACHE_SECONDS = 600
NEWS_PER_PAGE = 12


def _page(request, org, name, build):
    """Render (and cache) a page; build() returns (title, template, context) or None for 404.

    A visitor with no cookie of the site (core.pagecache.anonymous) sees exactly what every such visitor
    of the same URL sees, but for the CSRF token of the language form: the whole page is cached with a
    placeholder there, each answer puts the visitor's own token in, and the page is offered to
    core.pagecache's middleware, which answers the next such visitors before sessions and queries.
    """
    seq, day = queries.site_version(org)
    key = f"sujarit:website:{org.pk}:{name}:{seq}-{day}:{get_language()}"
    if not pagecache.anonymous(request):
        return _render(request, org, key, name, build)
    full_key = f"{key}:{request.get_full_path()}"
    html = cache.get(full_key)
    if html is None:
        response = _render(request, org, key, name, build, csrf_token=pagecache.CSRF_PLACEHOLDER)
        html = response.content.decode()
        cache.set(full_key, html, CACHE_SECONDS)
    response = HttpResponse(html.replace(pagecache.CSRF_PLACEHOLDER, get_token(request)))
    return pagecache.offer(response, org, seq, day, html)


def _render(request, org, key, name, build, **extra):
    page = cache.get(key)
    if page is None:
        built = build()
        if built is None:
            raise Http404(_("This page does not exist."))
        title, template, ctx = built
        site = queries.site_settings(org)
        ctx = {**ctx, "site": site, "section": name, "page_menu": queries.page_menu(org)}
        page = {
            "page_title": title,
            "colour": site.colour,
            "body": render_to_string(template, ctx, request),
        }
        cache.set(key, page, CACHE_SECONDS)
    return render(request, "website/public/cached.html", {**page, "body": mark_safe(page["body"]), **extra})


def front_page(request, org):
    """The organization's home page (registry query "website.front_page", called by core:org_home)."""

    def build():
        posts = list(queries.published_posts(org).select_related("photo")[:6])
        groups = dict(queries.executives_by_group(org))
        return (
            org.name,
            "website/public/home.html",
            {
                "posts": posts,
                "executives": groups.get(ExecutiveGroup.EXECUTIVE.label, []),
                "eservices": queries.eservices(org),
                "public_entries": [e for e in registry.nav if e.area == "public"],
                "map": queries.map_view(queries.site_settings(org)),
            },
        )

    request.org = org
    return _page(request, org, "home", build)


@public_view
def news(request, org):
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1

    def build():
        qs = queries.published_posts(org).select_related("photo")
        start = (number - 1) * NEWS_PER_PAGE
        posts = list(qs[start : start + NEWS_PER_PAGE + 1])
        if number > 1 and not posts:
            return None
        return (
            _("News and activities"),
            "website/public/news.html",
            {"posts": posts[:NEWS_PER_PAGE], "number": number, "has_next": len(posts) > NEWS_PER_PAGE},
        )

    return _page(request, org, f"news{number}", build)


@public_view
def post(request, org, pk):
    def build():
        found = queries.published_posts(org).select_related("photo").filter(pk=pk).first()
        if found is None:
            return None
        return found.title, "website/public/post.html", {"post": found}

    return _page(request, org, f"post{pk}", build)


@public_view
def executives(request, org):
    return _page(
        request,
        org,
        "executives",
        lambda: (
            _("Executives"),
            "website/public/executives.html",
            {"groups": queries.executives_by_group(org)},
        ),
    )


@public_view
def about_index(request, org):
    return _page(
        request,
        org,
        "about",
        lambda: (_("About us"), "website/public/about_index.html", {"pages": queries.pages(org)}),
    )


@public_view
def about(request, org, kind):
    if kind not in PageKind.values:
        raise Http404(_("This page does not exist."))

    def build():
        return (
            PageKind(kind).label,
            "website/public/about.html",
            {"page": queries.pages(org).get(kind), "kind": kind, "label": PageKind(kind).label},
        )

    return _page(request, org, f"about-{kind}", build)


@public_view
def eservice(request, org):
    return _page(
        request,
        org,
        "eservice",
        lambda: (_("e-Service"), "website/public/eservice.html", {"eservices": queries.eservices(org)}),
    )


@public_view
def ita(request, org):
    return _page(
        request, org, "ita", lambda: (_("ITA"), "website/public/ita.html", {"menu": queries.oit_menu(org)})
    )


@public_view
def contact(request, org):
    return _page(
        request,
        org,
        "contact",
        lambda: (
            _("Contact us"),
            "website/public/contact.html",
            {"map": queries.map_view(queries.site_settings(org))},
        ),
    )


@public_view
def image(request, org, pk):
    """A picture the public site shows; any other attachment of the organization stays private."""
    if pk not in queries.public_image_ids(org):
        raise Http404(_("This picture does not exist."))
    att = Attachment.objects.for_org(org).filter(pk=pk).first()
    if att is None:
        raise Http404(_("This picture does not exist."))
    try:
        content = att.file.open("rb")
    except OSError:
        raise Http404(_("This picture does not exist.")) from None
    response = files.serve(content, att.original_name, att.content_type, inline=True)
    # An attachment's content never changes (a new upload is a new attachment with a new number).
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
