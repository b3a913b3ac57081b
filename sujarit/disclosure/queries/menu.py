"""The OIT board as a menu other modules may show (the public site's ITA menu): registry query
"disclosure.oit_menu"."""

from django.urls import reverse

from ..models import Area
from ..services import catalogue
from ..services.publishing import CODE_RE
from . import compliance


def oit_menu(org):
    """{"year", "board_url", "areas": [(label, [{code, title, status, url}])]} of the year org shows, or None."""
    year = catalogue.current_assessment_year(org)
    cat = catalogue.catalogue_for(year) if year else None
    if cat is None:
        return None
    rows = compliance.board(org, cat.year)
    board_url = reverse("disclosure:oit", kwargs={"org_slug": org.slug})
    year_board = reverse("disclosure:oit", kwargs={"org_slug": org.slug, "year": cat.year})
    areas = []
    for value, label in Area.choices:
        entries = []
        for r in rows:
            if r["item"].area != value:
                continue
            first = next((e.get("url") for e in r["evidence"] if e.get("url")), "")
            code = r["item"].code
            # an item carried over under its previous year's number (68-O5) has no publications' page of
            # its own: its row on the board says what is published for it
            if not first and CODE_RE.match(code):
                first = reverse("disclosure:item", kwargs={"org_slug": org.slug, "code": code})
            url = first or f"{year_board}#{code}"
            entries.append({"code": code, "title": r["item"].title, "status": r["status"], "url": url})
        if entries:
            areas.append((label, entries))
    return {"year": cat.year, "board_url": board_url, "areas": areas}
