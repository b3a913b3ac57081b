"""The plain records the rules read — one per project and one per vendor — built from the ORM by
`from_projects`, or by a generator without a database (bench/procurement_flags.py builds a million).
Keeping the rules off the ORM is what lets one code path serve the back office and the benchmark."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..models import COMPETITIVE


@dataclass(slots=True)
class VendorRec:
    id: int
    name: str
    tax_id: str = ""
    address: str = ""
    phone: str = ""
    directors: tuple = ()  # ((name, 13-digit ID or ""), ...)


@dataclass(slots=True)
class ProjectRec:
    id: int
    ref: str  # the e-GP number, else "#pk": how a person finds the project
    name: str
    method: str
    budget: Decimal
    reference: Decimal | None = None
    agreed: Decimal | None = None
    contract_amount: Decimal | None = None
    day: dt.date | None = None  # the summary date: contract, else announcement
    announced: dt.date | None = None
    closing: dt.date | None = None
    contract_date: dt.date | None = None
    winner: int | None = None
    bids: tuple = ()  # ((vendor id, offered price), ...)
    bids_complete: bool = True
    budget_line: str = ""
    method_label: str = ""  # the method as published, for the evidence

    @property
    def competitive(self):
        return self.method in COMPETITIVE

    @property
    def amount(self):
        """What the purchase cost: the agreed price, else the budget."""
        return self.agreed if self.agreed is not None else self.budget


def from_projects(projects):
    """(project records, {vendor id: vendor record}) from Projects prefetched as redflags.year_projects does."""
    vendors, recs = {}, []
    for p in projects:
        for v in [p.winner, *(b.vendor for b in p.bids.all())]:
            if v is not None and v.pk not in vendors:
                vendors[v.pk] = VendorRec(
                    v.pk,
                    v.name,
                    v.tax_id,
                    v.address,
                    v.phone,
                    tuple((d.name, d.id_number) for d in v.directors.all()),
                )
        recs.append(
            ProjectRec(
                id=p.pk,
                ref=p.egp_number or f"#{p.pk}",
                name=p.name,
                method=p.method,
                budget=p.budget,
                reference=p.reference_price,
                agreed=p.agreed_price,
                contract_amount=p.contract_amount,
                day=p.summary_date,
                announced=p.announced_on,
                closing=p.closing_on,
                contract_date=p.contract_date,
                winner=p.winner_id,
                bids=tuple((b.vendor_id, b.price) for b in p.bids.all()),
                bids_complete=p.bids_complete,
                budget_line=p.budget_line,
                method_label=p.method_label,
            )
        )
    return recs, vendors
