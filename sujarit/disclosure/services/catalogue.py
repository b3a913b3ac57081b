"""The OIT catalogue as data: load the shipped years, find a year's items, edit an item, copy a year.

The catalogue is shared by every organization (NACC's checklist is national), so only a platform
operator corrects it or starts a year: one organization must not change another's board. What an
organization owns is its owners, publications and ITA results, which loading never touches;
`disclosure.configure` covers those.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit, thai
from sujarit.core.permissions import ensure, ensure_platform_operator

from ..models import Area, DisclosurePolicy, Frequency, OITItem, OITOwner, OITYear

DATA = Path(__file__).resolve().parent.parent / "data"
ITEM_FIELDS = ("title", "area", "requirement", "frequency", "previous_code", "order")


class CatalogueError(ValueError):
    """A catalogue file that cannot be loaded; nothing was changed."""


def shipped_years():
    return sorted(int(p.stem.split("_")[1]) for p in DATA.glob("oit_*.json"))


def _read(path):
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CatalogueError(str(e)) from e
    items = doc.get("items")
    if not isinstance(doc.get("year"), int) or not isinstance(items, list) or not items:
        raise CatalogueError(f"{path}: needs a year and a list of items")
    codes = [i.get("code") for i in items]
    if len(set(codes)) != len(codes):
        raise CatalogueError(f"{path}: an item code appears twice")
    for i in items:
        if (
            i.get("area") not in Area.values
            or i.get("frequency") not in Frequency.values
            or not i.get("title")
        ):
            raise CatalogueError(f"{path}: item {i.get('code')} has no title or an unknown area/frequency")
    return doc


def _paths(path_or_year):
    if path_or_year is None:
        return sorted(DATA.glob("oit_*.json"))
    if isinstance(path_or_year, int) or str(path_or_year).isdigit():
        path = DATA / f"oit_{int(path_or_year)}.json"
        if not path.exists():
            raise CatalogueError(f"no catalogue is shipped for {path_or_year}")
        return [path]
    return [Path(path_or_year)]


@transaction.atomic
def load(path_or_year=None):
    """Load shipped catalogues (all, one year, or a file); idempotent. Returns {year: item count}."""
    docs = [_read(p) for p in _paths(path_or_year)]  # read all first: a bad file changes nothing
    loaded = {}
    for doc in docs:
        year, _created = OITYear.objects.update_or_create(
            year=doc["year"],
            defaults={
                "fiscal_year": doc.get("fiscal_year", doc["year"]),
                "title": doc.get("title") or f"OIT {doc['year']}",
                "source": (doc.get("source") or "")[:300],
            },
        )
        for i in doc["items"]:
            OITItem.objects.update_or_create(
                catalogue=year,
                code=i["code"],
                defaults={
                    "order": i.get("order", 0),
                    "title": i["title"],
                    "area": i["area"],
                    "requirement": i.get("requirement", ""),
                    "frequency": i["frequency"],
                    "previous_code": i.get("previous_code", ""),
                },
            )
        loaded[year.year] = year.items.count()
    return loaded


def ensure_loaded(year=None):
    """Load the shipped catalogue of `year` (or all) when the database has none of it yet."""
    qs = OITYear.objects.all() if year is None else OITYear.objects.filter(year=year)
    if qs.exists():
        return
    if year is None or year in shipped_years():
        load(year)


def catalogue_for(year):
    """The OITYear of assessment year `year` (its items prefetched), or None."""
    ensure_loaded(int(year))
    return OITYear.objects.filter(year=int(year)).prefetch_related("items").first()


def current_assessment_year(org):
    """The assessment year shown for org: its policy's choice, else the latest catalogue not ahead of today."""
    ensure_loaded()
    policy = DisclosurePolicy.objects.filter(org=org).only("assessment_year").first()
    years = list(OITYear.objects.values_list("year", "fiscal_year"))
    if policy and policy.assessment_year and any(y == policy.assessment_year for y, _fy in years):
        return policy.assessment_year
    today_fy = thai.current_fiscal_year()
    open_years = [y for y, fy in years if fy <= today_fy]
    if open_years:
        return max(open_years)
    return min((y for y, _fy in years), default=None)


def years():
    ensure_loaded()
    return list(OITYear.objects.values_list("year", flat=True).order_by("-year"))


# --- verbs of the catalogue pages (platform operators only) -------------------------------------


@transaction.atomic
def update_item(item, *, by, **fields):
    """Correct an item's title, area, requirement, frequency, previous code or order."""
    ensure_platform_operator(by)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "area" in fields and fields["area"] not in Area.values:
        raise ValidationError(_("Choose one of the five disclosure areas."))
    if "frequency" in fields and fields["frequency"] not in Frequency.values:
        raise ValidationError(_("Choose how often the item must be published."))
    if "title" in fields and not (fields["title"] or "").strip():
        raise ValidationError(_("An item needs a title."))
    changed = [k for k, v in fields.items() if getattr(item, k) != v]
    for k in changed:
        setattr(item, k, fields[k])
    if changed:
        item.save(update_fields=changed)
        audit.record(
            item, "disclosure.oit_item_updated", actor=by, year=item.catalogue.year, code=item.code,
            fields=changed,
        )  # fmt: skip
    return item


@transaction.atomic
def copy_year(source_year, new_year, *, by, fiscal_year=None):
    """A new assessment year with the items of `source_year` (each one's previous code is its own code)."""
    ensure_platform_operator(by)
    source = OITYear.objects.filter(year=source_year).first()
    if source is None:
        raise ValidationError(_("There is no catalogue for %(year)s to copy.") % {"year": source_year})
    if not 2500 <= int(new_year) <= 2700:
        raise ValidationError(_("Give the new assessment year in the Buddhist Era (for example 2569)."))
    if OITYear.objects.filter(year=new_year).exists():
        raise ValidationError(_("The catalogue for %(year)s already exists.") % {"year": new_year})
    target = OITYear.objects.create(
        year=new_year,
        fiscal_year=fiscal_year or new_year,
        title=source.title.replace(str(source.year), str(new_year)),
        source=_("Copied from %(year)s; correct it against NACC's manual.") % {"year": source.year},
    )
    OITItem.objects.bulk_create(
        OITItem(
            catalogue=target,
            code=i.code,
            order=i.order,
            title=i.title,
            area=i.area,
            requirement=i.requirement,
            frequency=i.frequency,
            previous_code=i.code,
        )  # fmt: skip
        for i in source.items.all()
    )
    audit.record(target, "disclosure.oit_year_copied", actor=by, source=source.year, year=new_year)
    return target


# --- the organization's own: owners of items (disclosure.configure) ------------------------------


@transaction.atomic
def set_owner(org, code, *, unit=None, person=None, by):
    """Make a unit and/or person of org the owner of an OIT item (by code); both None removes it."""
    ensure(by, org, "disclosure.configure")
    if (unit and unit.org_id != org.pk) or (person and person.org_id != org.pk):
        raise ValidationError(_("Choose a unit and a person of this organization."))
    if unit is None and person is None:
        OITOwner.objects.for_org(org).filter(code=code).delete()
    else:
        OITOwner.objects.update_or_create(org=org, code=code, defaults={"unit": unit, "person": person})
    audit.record(
        org, "disclosure.oit_owner_set", actor=by, code=code,
        unit=unit.pk if unit else None, person=person.pk if person else None,
    )  # fmt: skip
    return OITOwner.objects.for_org(org).filter(code=code).first()
