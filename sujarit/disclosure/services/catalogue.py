"""The OIT catalogue as data: load the shipped years, find a year's items, edit an item, copy a year.

The catalogue is shared by every organization (NACC's checklist is national), so only a platform
operator corrects it or starts a year: one organization must not change another's board. What an
organization owns is its owners, publications and ITA results, which loading never touches;
`disclosure.configure` covers those.
"""

import csv
import io
import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit, thai
from sujarit.core.permissions import ensure, ensure_platform_operator
from sujarit.core.registry import oit_topics

from ..models import Area, DisclosurePolicy, Frequency, OITItem, OITOwner, OITYear

DATA = Path(__file__).resolve().parent.parent / "data"
ITEM_FIELDS = (
    "title",
    "area",
    "requirement",
    "frequency",
    "previous_code",
    "order",
    "topics",
    "source",
    "verified",
)
# The CSV form of a catalogue: one row per item; `topics` separated by "|", `verified` yes/no.
CSV_COLUMNS = (
    "year", "fiscal_year", "code", "order", "title", "area", "frequency", "requirement", "topics",
    "source", "verified", "previous_code",
)  # fmt: skip
CODE = re.compile(r"^[A-Za-z0-9-]{1,10}$")
MAX_ITEMS = 200


class CatalogueError(ValueError):
    """A catalogue file that cannot be loaded (a Thai message for the operator); nothing was changed."""


def shipped_years():
    return sorted(int(p.stem.split("_")[1]) for p in DATA.glob("oit_*.json"))


def _year(value, what):
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        year = 0
    if not 2500 <= year <= 2700:
        raise CatalogueError(_("%(what)s must be a Buddhist Era year such as 2568.") % {"what": what})
    return year


def _flag(value):
    text = str(value).strip().lower()
    if value is True or text in ("1", "true", "yes", "y", "ใช่", "ยืนยันแล้ว"):
        return True
    if value is False or value is None or text in ("", "0", "false", "no", "n", "ไม่", "ยังไม่ยืนยัน"):
        return False
    raise CatalogueError(_("“verified” must be yes or no, not “%(value)s”.") % {"value": value})


def _item(raw, n):
    """One validated item dict from a parsed row or JSON object (n: its position, for messages)."""
    if not isinstance(raw, dict):
        raise CatalogueError(_("Item %(n)s is not a set of fields.") % {"n": n})
    code = str(raw.get("code") or "").strip()
    where = {"n": n, "code": code or "?"}
    if not CODE.match(code):
        raise CatalogueError(_("Item %(n)s: the code “%(code)s” is not a code such as O12.") % where)
    title = str(raw.get("title") or "").strip()
    if not title or len(title) > 300:
        raise CatalogueError(_("Item %(code)s has no title (or one longer than 300 characters).") % where)
    if raw.get("area") not in Area.values:
        raise CatalogueError(
            _("Item %(code)s: the area must be one of %(choices)s.")
            % dict(where, choices=", ".join(Area.values))
        )
    if raw.get("frequency") not in Frequency.values:
        raise CatalogueError(
            _("Item %(code)s: the frequency must be one of %(choices)s.")
            % dict(where, choices=", ".join(Frequency.values))
        )
    topics = raw.get("topics") or []
    if isinstance(topics, str):
        topics = [t.strip() for t in topics.split("|") if t.strip()]
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise CatalogueError(_("Item %(code)s: topics must be a list of topic names.") % where)
    unknown = [t for t in topics if t not in oit_topics()]
    if unknown:
        raise CatalogueError(
            _("Item %(code)s names an unknown topic: %(topic)s.") % dict(where, topic=", ".join(unknown))
        )
    order = raw.get("order", n)
    try:
        order = int(str(order).strip() or n)
    except ValueError:
        raise CatalogueError(_("Item %(code)s: the order must be a whole number.") % where) from None
    if not 0 <= order <= 32767:
        raise CatalogueError(_("Item %(code)s: the order must be a whole number.") % where)
    previous = str(raw.get("previous_code") or "").strip()
    if previous and not CODE.match(previous):
        raise CatalogueError(_("Item %(code)s: the previous code is not a code such as O12.") % where)
    return {
        "code": code,
        "order": order,
        "title": title,
        "area": raw["area"],
        "frequency": raw["frequency"],
        "requirement": str(raw.get("requirement") or ""),
        "topics": list(dict.fromkeys(topics)),
        "source": str(raw.get("source") or "")[:300],
        "verified": _flag(raw.get("verified", False)),
        "previous_code": previous,
    }


def _validated(doc):
    if not isinstance(doc, dict):
        raise CatalogueError(_("The file is not a catalogue: it needs a year and a list of items."))
    year = _year(doc.get("year"), _("The year"))
    fiscal_year = _year(doc.get("fiscal_year", year), _("The fiscal year"))
    raw_items = doc.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise CatalogueError(_("The file is not a catalogue: it needs a year and a list of items."))
    if len(raw_items) > MAX_ITEMS:
        raise CatalogueError(_("A catalogue has at most %(n)s items.") % {"n": MAX_ITEMS})
    items = [_item(raw, n) for n, raw in enumerate(raw_items, 1)]
    codes = [i["code"] for i in items]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise CatalogueError(_("The code %(code)s appears twice.") % {"code": ", ".join(twice)})
    return {
        "year": year,
        "fiscal_year": fiscal_year,
        "title": str(doc.get("title") or "").strip()[:200] or f"OIT {year}",
        "source": str(doc.get("source") or "")[:300],
        "items": items,
    }


def parse(content, fmt):
    """A validated catalogue dict from the bytes/text of a JSON or CSV file; CatalogueError otherwise."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CatalogueError(_("The file must be UTF-8 text.")) from None
    if fmt == "json":
        try:
            doc = json.loads(content)
        except ValueError:
            raise CatalogueError(_("The file is not valid JSON.")) from None
        return _validated(doc)
    if fmt == "csv":
        try:
            rows = list(csv.DictReader(io.StringIO(content)))
        except csv.Error:
            raise CatalogueError(_("The file is not valid CSV.")) from None
        if not rows:
            raise CatalogueError(_("The file is not a catalogue: it needs a year and a list of items."))
        missing = [c for c in ("year", "code", "title", "area", "frequency") if c not in rows[0]]
        if missing:
            raise CatalogueError(
                _("The CSV file lacks the columns: %(cols)s.") % {"cols": ", ".join(missing)}
            )
        years = {(r.get("year") or "").strip() for r in rows}
        fiscal = {(r.get("fiscal_year") or "").strip() for r in rows} - {""}
        if len(years) != 1 or len(fiscal) > 1:
            raise CatalogueError(_("Every row of the CSV file must have the same year and fiscal year."))
        year = years.pop()
        doc = {"year": year, "fiscal_year": fiscal.pop() if fiscal else year, "items": rows}
        current = OITYear.objects.filter(year=_year(year, _("The year"))).first()
        if current is not None:  # the CSV form carries items only: keep the year's title and source
            doc.update(title=current.title, source=current.source)
        return _validated(doc)
    raise CatalogueError(_("Choose a JSON or CSV file."))


def _read(path):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CatalogueError(str(e)) from e
    return parse(text, "csv" if str(path).lower().endswith(".csv") else "json")


def _paths(path_or_year):
    if path_or_year is None:
        return sorted(DATA.glob("oit_*.json"))
    if isinstance(path_or_year, int) or str(path_or_year).isdigit():
        path = DATA / f"oit_{int(path_or_year)}.json"
        if not path.exists():
            raise CatalogueError(_("No catalogue is shipped for %(year)s.") % {"year": path_or_year})
        return [path]
    return [Path(path_or_year)]


def _store(doc):
    """Make the database's catalogue of doc's year exactly doc (items not in it are removed)."""
    year, _created = OITYear.objects.update_or_create(
        year=doc["year"],
        defaults={"fiscal_year": doc["fiscal_year"], "title": doc["title"], "source": doc["source"]},
    )
    year.items.exclude(code__in=[i["code"] for i in doc["items"]]).delete()
    for i in doc["items"]:
        OITItem.objects.update_or_create(
            catalogue=year, code=i["code"], defaults={k: v for k, v in i.items() if k != "code"}
        )
    return year


@transaction.atomic
def load(path_or_year=None):
    """Load shipped catalogues (all, one year, or a file); idempotent. Returns {year: item count}."""
    docs = [_read(p) for p in _paths(path_or_year)]  # read all first: a bad file changes nothing
    loaded = {}
    for doc in docs:
        year = _store(doc)
        loaded[year.year] = year.items.count()
    return loaded


@transaction.atomic
def import_catalogue(content, fmt, *, by):
    """A platform operator replaces (or adds) one year's catalogue from a JSON/CSV file; returns it."""
    ensure_platform_operator(by)
    doc = parse(content, fmt)
    before = OITYear.objects.filter(year=doc["year"]).first()
    year = _store(doc)
    audit.record(
        year, "disclosure.oit_catalogue_imported", actor=by, year=year.year, items=len(doc["items"]),
        replaced=before is not None, format=fmt,
    )  # fmt: skip
    return year


def export_catalogue(cat, fmt):
    """The catalogue as the file `import_catalogue` reads back: (filename, content type, bytes)."""
    items = [
        {
            "code": i.code,
            "order": i.order,
            "title": i.title,
            "area": i.area,
            "frequency": i.frequency,
            "requirement": i.requirement,
            "topics": list(i.topics),
            "source": i.source,
            "verified": i.verified,
            "previous_code": i.previous_code,
        }  # fmt: skip
        for i in cat.items.all()
    ]
    if fmt == "json":
        doc = {
            "format": "sujarit.oit/2", "year": cat.year, "fiscal_year": cat.fiscal_year, "title": cat.title,
            "source": cat.source, "items": items,
        }  # fmt: skip
        body = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
        return f"oit_{cat.year}.json", "application/json", body.encode()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for i in items:
            row = dict(i, year=cat.year, fiscal_year=cat.fiscal_year, topics="|".join(i["topics"]))
            row["verified"] = "yes" if i["verified"] else "no"
            writer.writerow(row)
        return f"oit_{cat.year}.csv", "text/csv; charset=utf-8", ("\ufeff" + out.getvalue()).encode()
    raise CatalogueError(_("Choose a JSON or CSV file."))


def ensure_loaded(year=None):
    """Load the shipped catalogue of `year` (or all) when the database has none of it yet; the current
    assessment year always has a catalogue (see `provision_current_year`)."""
    qs = OITYear.objects.all() if year is None else OITYear.objects.filter(year=year)
    if not qs.exists() and (year is None or year in shipped_years()):
        load(year)
    if year is None or int(year) == thai.current_fiscal_year():
        if not OITYear.objects.exists():
            load()
        provision_current_year()


@transaction.atomic
def provision_current_year():
    """The current assessment year's board must exist before NACC's list is known: carry the latest
    catalogue over, every item unverified, until a platform operator imports the real one."""
    current = thai.current_fiscal_year()
    if OITYear.objects.filter(year=current).exists():
        return None
    source = OITYear.objects.filter(year__lt=current).order_by("-year").first()
    if source is None:
        return None
    target = OITYear.objects.create(
        year=current,
        fiscal_year=current,
        title=f"รายการตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ปี พ.ศ. {current} (ชั่วคราว)",
        source=f"ยังไม่มีรายการของปี {current}: ใช้รายการปี {source.year} ไปก่อน จนกว่าผู้ดูแลแพลตฟอร์มจะนำเข้ารายการที่ถูกต้อง",
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
            topics=i.topics,
            source=f"ยกมาจากปี {source.year}",
            verified=False,
        )  # fmt: skip
        for i in source.items.all()
    )
    audit.record(target, "disclosure.oit_year_provisioned", source=source.year, year=current)
    return target


def catalogue_for(year):
    """The OITYear of assessment year `year` (its items prefetched), or None."""
    ensure_loaded(int(year))
    return OITYear.objects.filter(year=int(year)).prefetch_related("items").first()


def current_assessment_year(org=None):
    """The assessment year shown by default: the organization's policy choice, else the current fiscal
    year's (ITA assesses the running fiscal year; its board exists, see `provision_current_year`)."""
    ensure_loaded()
    policy = DisclosurePolicy.objects.filter(org=org).only("assessment_year").first() if org else None
    years = set(OITYear.objects.values_list("year", flat=True))
    if policy and policy.assessment_year in years:
        return policy.assessment_year
    today_fy = thai.current_fiscal_year()
    if today_fy in years:
        return today_fy
    return max((y for y in years if y <= today_fy), default=min(years, default=None))


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
    if "topics" in fields and any(t not in oit_topics() for t in fields["topics"] or []):
        raise ValidationError(_("Choose topics from the list."))
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
            topics=i.topics,
            source=_("Copied from %(year)s") % {"year": source.year},
            verified=False,
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
