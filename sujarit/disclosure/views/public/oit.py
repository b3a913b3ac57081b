"""The public OIT board of an assessment year, and the catalogue lookup and board context the staff
board shares."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core.tenancy import public_view

from ...models import Area
from ...queries import compliance, ita
from ...services import catalogue


def catalogue_or_404(org, year):
    """The OITYear of `year` (default: the one org shows), or 404."""
    year = year or catalogue.current_assessment_year(org)
    cat = catalogue.catalogue_for(year) if year else None
    if cat is None:
        raise Http404(_("There is no OIT catalogue for %(year)s.") % {"year": year})
    return cat


def board_context(org, cat):
    """The board of `cat` for org: rows grouped by area, counts, the estimated score, the years."""
    rows = compliance.board(org, cat.year)
    areas = [(value, label, [r for r in rows if r["item"].area == value]) for value, label in Area.choices]
    return {
        "catalogue": cat,
        "rows": rows,
        "areas": areas,
        "counts": compliance.counts(rows),
        "score": compliance.score_of(rows),
        "years": catalogue.years(),
        "today": timezone.localdate(),
    }


@public_view
def oit_board(request, org, year=None):
    cat = catalogue_or_404(org, year)
    ctx = board_context(org, cat)
    ctx["readiness"] = ita.readiness(org, cat.year, rows=ctx["rows"])
    return render(request, "disclosure/public/oit.html", ctx)
