"""Vendors and procurement projects entered in the back office."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.permissions import ensure

from .. import ids
from ..models import Bid, Director, Project, Source, Vendor


def _ensure(by, org):
    if by is not None:  # None: the command line, run by whoever runs the server
        ensure(by, org, "procurement.manage")


def _check_id(value, label):
    status, clean = ids.check(value)
    if status in (ids.OK, ids.EMPTY):
        return clean
    raise ValidationError(_("%(label)s: not a valid 13-digit Thai ID (check digit).") % {"label": label})


@transaction.atomic
def save_vendor(org, *, by, vendor=None, name, tax_id="", address="", phone="", directors=()):
    """Create or change a vendor; `directors` is [(name, id_number)] and replaces the vendor's list."""
    _ensure(by, org)
    tax_id = _check_id(tax_id, _("Tax ID"))
    directors = [(n.strip(), _check_id(i, n)) for n, i in directors if n.strip()]
    clash = Vendor.objects.for_org(org).filter(tax_id=tax_id).exclude(pk=getattr(vendor, "pk", None))
    if tax_id and clash.exists():
        raise ValidationError(_("Another vendor already has this tax ID."))
    created = vendor is None
    vendor = vendor or Vendor(org=org)
    vendor.name, vendor.tax_id, vendor.address = name.strip(), tax_id, address.strip()
    vendor.phone = phone.strip()
    vendor.save()
    vendor.directors.all().delete()
    Director.objects.bulk_create([Director(vendor=vendor, name=n, id_number=i) for n, i in directors])
    audit.record(
        vendor,
        "procurement.vendor_created" if created else "procurement.vendor_changed",
        actor=by,
        tax_id=tax_id,
        directors=len(directors),
    )
    return vendor


PROJECT_FIELDS = (
    "egp_number", "name", "unit", "budget_line", "budget_source", "budget", "reference_price", "method",
    "method_detail", "announced_on", "closing_on", "winner", "agreed_price", "reason", "contract_number",
    "contract_date", "contract_amount", "delivery_date", "delivery_note", "status",
)  # fmt: skip


def check_project(org, values, bids):
    """Rules a project must keep whoever enters it; ValidationError in Thai."""
    number = values.get("egp_number") or ""
    if number and not (len(number) == 11 and number.isdigit()):
        raise ValidationError(_("The e-GP project number has 11 digits."))
    winner = values.get("winner")
    if winner is not None and bids and winner.pk not in {v.pk for v, _p in bids}:
        raise ValidationError(_("The chosen vendor must be one of the bidders."))
    if len({v.pk for v, _p in bids}) != len(bids):
        raise ValidationError(_("A vendor is listed twice among the bidders."))
    for v, _p in bids:
        if v.org_id != org.pk:
            raise ValidationError(_("Unknown vendor."))


@transaction.atomic
def save_project(org, values, bids, *, by, project=None):
    """Create or change a project with its bidders ([(vendor, price)], replacing the list)."""
    _ensure(by, org)
    check_project(org, values, bids)
    number = values.get("egp_number") or ""
    others = Project.objects.for_org(org).exclude(pk=getattr(project, "pk", None))
    if number and others.filter(egp_number=number).exists():
        raise ValidationError(_("Another project already has this e-GP number."))
    created = project is None
    project = project or Project(org=org)
    for name in PROJECT_FIELDS:
        if name in values:
            setattr(project, name, values[name])
    # Entered by hand, the list of bidders is the officer's; an imported e-GP project stays "winner
    # only" until someone enters its bidders.
    project.bids_complete = bool(bids) or project.source == Source.MANUAL
    project.save()
    project.bids.all().delete()
    Bid.objects.bulk_create([Bid(project=project, vendor=v, price=p) for v, p in bids])
    audit.record(
        project,
        "procurement.project_created" if created else "procurement.project_changed",
        actor=by,
        egp_number=number,
        bids=len(bids),
        agreed_price=values.get("agreed_price"),
    )
    return project
