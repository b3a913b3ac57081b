"""The oversight board: an area's organizations with their figures, the area's child areas with the
figures added up (counts summed, flags counted, percentages, scores and days averaged), sorted and
filtered by any column. Pages, JSON, CSV and Excel all read `board`."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.registry import registry

from . import services
from .scopes import NOT_GIVEN, Area, region_of

ORG_FIELDS = ("id", "slug", "name", "province", "district", "nacc_region", "local_code")


@dataclass(slots=True)
class OrgInfo:
    """What the board shows of an organization (a model instance each would cost 7,850 of them)."""

    id: int
    slug: str
    name: str
    province: str
    district: str
    nacc_region: int | None
    local_code: str


FILTER_OPS = ("lt", "gt", "eq", "empty", "red")


def figures(public_only=False):
    return [f for f in registry.figures if f.public or not public_only]


@dataclass
class Row:
    label: str
    values: dict  # figure key -> value (for groups: the aggregate)
    area: Area | None = None  # a group's area, to drill into
    org: Any = None  # an organization row's OrgInfo
    orgs: int = 1

    def colour(self, figure):
        """The figure's colour for this row, computed when asked (most of a country's rows never are)."""
        return figure.colour(self.values.get(figure.key)) if figure.colour else ""

    def cells(self, shown):
        """[Cell] for a table row, in the order of `shown`."""
        out = []
        for f in shown:
            colour = self.colour(f)
            out.append(Cell(f, text(f, self.values.get(f.key), self), colour, *COLOURS.get(colour, ("", ""))))
        return out


# colour -> (CSS class, the word written beside the value: colour never carries meaning alone)
COLOURS = {"green": ("ok", "เขียว"), "orange": ("warn", "ส้ม"), "red": ("bad", "แดง")}


@dataclass
class Cell:
    figure: object
    text: str
    colour: str
    css: str
    word: str


def text(figure, value, row):
    """A value as the table writes it: a flag as มี/ไม่มี (an area: how many of its organizations)."""
    if figure.unit == "flag":
        if row.org is None:
            return f"{value or 0:,} / {row.orgs:,}"
        return "–" if value is None else ("มี" if value else "ไม่มี")
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}"


@dataclass
class Board:
    area: Area
    fiscal_year: int
    figures: list
    total: Row
    groups: list  # child areas (empty at district level)
    orgs: list  # organization rows after filter and sort
    pending: int = 0  # organizations whose figures are still being recomputed
    sort: str = "name"
    descending: bool = False
    filter_key: str = ""
    filter_op: str = ""
    filter_value: float | None = None
    q: str = ""


def aggregate(shown, rows):
    """{key: value} over organization rows by each figure's unit."""
    out: dict[str, Any] = {}
    for f in shown:
        key = f.key
        present = [v for v in (r.values.get(key) for r in rows) if v is not None]
        if f.unit == "flag":
            out[f.key] = sum(1 for v in present if v)
        elif f.unit == "count":
            out[f.key] = sum(present) if present else None
        else:
            out[f.key] = round(sum(present) / len(present), 1) if present else None
    return out


def _group_key(area, org):
    if area.district:
        return None
    if area.province:
        return org.district or NOT_GIVEN
    if area.region is not None:
        return org.province or NOT_GIVEN
    return region_of(org)


def _child(area, key):
    if area.province:
        return Area(area.region, area.province, key)
    if area.region is not None:
        return Area(area.region, key)
    return Area(key)


def _child_label(area, key):
    if key == NOT_GIVEN:
        return _("Not given")
    if area.province:
        return f"อำเภอ{key}"
    if area.region is not None:
        return f"จังหวัด{key}"
    return thai.region_label(key)


def _thai_order(names):
    """{name: rank} in Thai dictionary order."""
    from pythainlp.util import collate

    return {name: i for i, name in enumerate(collate(set(names)))}


def _matches(row, key, op, value):
    got = row.values.get(key)
    if op == "empty":
        return got is None
    if op == "red":
        return row.colour(registry.oversight_figures[key]) == "red"
    if got is None or value is None:
        return False
    return {"lt": got < value, "gt": got > value, "eq": got == value}[op]


def board(area, fiscal_year, *, public_only=False, sort="name", descending=False, q="",
          filter_key="", filter_op="", filter_value=None, pending=0):  # fmt: skip
    """The board of an area from the stored snapshots (services.refresh_pending brings them up to date)."""
    shown = figures(public_only)
    orgs_qs = area.organizations()
    values = services.values_of(orgs_qs, fiscal_year)
    rows = []
    for info in orgs_qs.order_by("province", "district", "name").values_list(*ORG_FIELDS):
        org = OrgInfo(*info)
        found = values.get(org.id) or {}
        rows.append(Row(org.name, {f.key: found.get(f.key) for f in shown}, org=org))

    groups = []
    if area.level != "district":
        by_key: dict = {}
        for row in rows:
            by_key.setdefault(_group_key(area, row.org), []).append(row)
        rank = _thai_order(k for k in by_key if isinstance(k, str))
        for key in sorted(by_key, key=lambda k: (k == NOT_GIVEN, k if isinstance(k, int) else rank[k])):
            members = by_key[key]
            groups.append(
                Row(
                    _child_label(area, key),
                    aggregate(shown, members),
                    area=_child(area, key),
                    orgs=len(members),
                )
            )
    total = Row(area.label, aggregate(shown, rows), area=area, orgs=len(rows))

    q = " ".join((q or "").split())
    if q:
        folded = q.casefold()
        rows = [r for r in rows if folded in r.org.name.casefold() or q == r.org.local_code]
    keys = {f.key for f in shown}
    if filter_key in keys and filter_op in FILTER_OPS:
        rows = [r for r in rows if _matches(r, filter_key, filter_op, filter_value)]
    else:
        filter_key = filter_op = ""
    if sort in keys:
        present = [r for r in rows if r.values.get(sort) is not None]
        missing = [r for r in rows if r.values.get(sort) is None]
        present.sort(key=lambda r: r.values[sort], reverse=descending)
        rows = present + missing  # an organization without the figure goes last either way
    else:
        sort = "name"
        rank = _thai_order(r.org.name for r in rows)
        rows.sort(key=lambda r: rank[r.org.name], reverse=descending)
    return Board(area, fiscal_year, shown, total, groups, rows, pending, sort, descending, filter_key,
                 filter_op, filter_value, q)  # fmt: skip


def as_json(b):
    def row(r):
        colours = {f.key: r.colour(f) for f in b.figures}
        out = {"label": r.label, "organizations": r.orgs, "values": r.values, "colours": colours}
        if r.org is not None:
            out.update(slug=r.org.slug, local_code=r.org.local_code, province=r.org.province,
                       district=r.org.district)  # fmt: skip
        if r.area is not None:
            out["area"] = r.area.query()
        return out

    return {
        "fiscal_year": b.fiscal_year,
        "area": {"label": b.area.label, "level": str(b.area.level), **b.area.query()},
        "figures": [{"key": f.key, "label": str(f.label), "unit": f.unit} for f in b.figures],
        "pending": b.pending,
        "total": row(b.total),
        "areas": [row(g) for g in b.groups],
        "organizations": [row(r) for r in b.orgs],
    }


def table(b):
    """(header, rows) of the organizations, for CSV and Excel."""
    header = [
        _("Name of the organization"),
        _("local government code"),
        _("province"),
        _("district"),
        _("NACC region"),
    ]
    header += [str(f.label) for f in b.figures]
    rows = [
        [r.org.name, r.org.local_code, r.org.province, r.org.district, thai.region_label(region_of(r.org))]
        + [r.values.get(f.key) for f in b.figures]
        for r in b.orgs
    ]
    return header, rows
