"""Import a procurement file (e-GP open data or Sujarit's template): all of it, or nothing.

The same file (by sha256) imported again is recognised and writes nothing; a different file with the
same content writes nothing either, since each project is compared field by field before saving.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.db import transaction

from sujarit.core import audit
from sujarit.core.models import Unit
from sujarit.core.permissions import ensure

from .. import ingest
from ..models import Bid, ImportBatch, Project, Source, Vendor

_SPACES = re.compile(r"\s+")


@dataclass
class ImportResult:
    layout: str = ""
    layout_name: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    already_imported: bool = False
    notes: list = field(default_factory=list)


def _norm(text):
    return _SPACES.sub("", text or "")


def agency_matcher(org):
    """Whether an e-GP agency name is this organization (spaces ignored; name or short name)."""
    names = {_norm(org.name), _norm(org.short_name)} - {""}
    return lambda name: _norm(name) in names


def _vendor(org, tax_id, name, cache):
    key = tax_id or "name:" + name
    if key in cache:
        return cache[key]
    qs = Vendor.objects.for_org(org)
    vendor = qs.filter(tax_id=tax_id).first() if tax_id else qs.filter(tax_id="", name=name).first()
    if vendor is None:
        vendor = Vendor.objects.create(org=org, tax_id=tax_id, name=name)
    cache[key] = vendor
    return vendor


def _find(org, record):
    qs = Project.objects.for_org(org)
    if record.egp_number:
        return qs.filter(egp_number=record.egp_number).first()
    return qs.filter(egp_number="", contract_number=record.contract_number).first()


def _store(org, record, source, units, vendors):
    """Create or update one project; returns "created", "updated" or "unchanged"."""
    values = {
        name: getattr(record, name)
        for name in (
            "egp_number", "name", "budget_line", "budget", "reference_price", "method", "method_detail",
            "announced_on", "closing_on", "agreed_price", "reason", "contract_number", "contract_date",
            "contract_amount", "delivery_date", "delivery_note", "status", "bids_complete",
        )
    }  # fmt: skip
    if record.budget_source:
        values["budget_source"] = record.budget_source
    values["unit"] = units.get(record.unit_name)
    values["winner"] = _vendor(org, record.winner[0], record.winner[1], vendors) if record.winner else None
    bids = {(_vendor(org, t, n, vendors).pk, p) for t, n, p in record.bids}
    project = _find(org, record)
    if project is None:
        project = Project.objects.create(org=org, source=source, **values)
        Bid.objects.bulk_create([Bid(project=project, vendor_id=v, price=p) for v, p in bids])
        return "created"
    changed = [name for name, value in values.items() if getattr(project, name) != value]
    old_bids = set(project.bids.values_list("vendor_id", "price"))
    if not changed and (not record.bids_complete or old_bids == bids):
        return "unchanged"
    for name in changed:
        setattr(project, name, values[name])
    if changed:
        project.save(update_fields=[*changed, "updated_at"])
    if record.bids_complete and old_bids != bids:
        project.bids.all().delete()
        Bid.objects.bulk_create([Bid(project=project, vendor_id=v, price=p) for v, p in bids])
    return "updated"


def import_file(org, data, filename, *, by):
    """Parse and store a file; raises ingest.ImportRejected (nothing stored) or returns an ImportResult."""
    if by is not None:
        ensure(by, org, "procurement.manage")
    digest = hashlib.sha256(data).hexdigest()
    known = ImportBatch.objects.for_org(org).filter(sha256=digest).first()
    if known is not None:
        return ImportResult(
            known.layout,
            ingest.LAYOUT_NAMES.get(known.layout, known.layout),
            known.rows,
            already_imported=True,
        )
    parsed = ingest.parse(data, agency=agency_matcher(org))
    return _store_all(org, parsed, digest, filename, by)


@transaction.atomic
def _store_all(org, parsed, digest, filename, by):
    source = Source.EGP if parsed.layout == ingest.EGP_LAYOUT else Source.TEMPLATE
    names = {r.unit_name for r in parsed.records if r.unit_name}
    units = {u.name: u for u in Unit.objects.for_org(org).filter(name__in=names)}
    result = ImportResult(parsed.layout, parsed.layout_name, len(parsed.records), notes=list(parsed.notes))
    unknown = sorted(names - set(units))
    if unknown:
        result.notes.append("หน่วยงานย่อยที่ไม่พบในระบบ (บันทึกโดยไม่ระบุหน่วยงาน): " + ", ".join(unknown[:10]))
    vendors: dict[str, Vendor] = {}
    for record in parsed.records:
        outcome = _store(org, record, source, units, vendors)
        setattr(result, outcome, getattr(result, outcome) + 1)
    batch = ImportBatch.objects.create(
        org=org,
        sha256=digest,
        filename=filename[-255:],
        layout=parsed.layout,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        notes=result.notes,
        imported_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(
        batch,
        "procurement.file_imported",
        actor=by,
        layout=parsed.layout,
        sha256=digest,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
    )
    return result
