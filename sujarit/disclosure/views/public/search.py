"""The public search page of the disclosure portal: /<org>/disclosure/search/?q=…"""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from sujarit.core.tenancy import public_view

from ...queries import search

PAGE_SIZE = 20
MAX_PAGES = 50  # deeper pages are never read; a refined query is the answer


def _page_number(request):
    try:
        return min(max(1, int(request.GET.get("page", 1))), MAX_PAGES)
    except ValueError:
        return 1


def _publication_url(org, publication):
    try:
        return reverse("disclosure:publication", kwargs={"org_slug": org.slug, "pk": publication.pk})
    except NoReverseMatch:  # the portal's pages are not mounted (yet)
        return ""


@public_view
def search_page(request, org):
    query = " ".join(request.GET.get("q", "").split())
    page = _page_number(request)
    ctx = {"query": query, "page": page, "results": [], "message": "", "searched": False}
    if len(query) > search.MAX_QUERY_CHARS:
        ctx["message"] = _("Search words are too long: use at most %(n)d characters.") % {
            "n": search.MAX_QUERY_CHARS
        }
    elif query and not search.query_terms(query):
        ctx["message"] = _("Type a word of at least two letters, such as จัดซื้อจัดจ้าง or งบประมาณ.")
    elif query:
        found = search.search(org, query, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
        ctx.update(
            searched=True,
            matched_all=found.matched_all,
            has_next=len(found) > PAGE_SIZE and page < MAX_PAGES,
            start=(page - 1) * PAGE_SIZE + 1,
            results=[
                {
                    "publication": p,
                    "url": _publication_url(org, p),
                    "snippet": search.snippet(p, found.terms),
                }
                for p in found[:PAGE_SIZE]
            ],
        )
    return render(request, "disclosure/public/search.html", ctx)
