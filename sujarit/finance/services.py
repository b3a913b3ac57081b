"""Every write of the finance module: budget lines, transfers, disbursements and their cross-check.

Each verb is atomic, checks permission, refuses bad input with a Thai message before writing anything
and records one audit event. Amounts arrive as typed text or numbers and are read by `amount_of`.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit, thai
from sujarit.core.models import Organization
from sujarit.core.permissions import ensure

from .models import BudgetLine, CheckResult, Disbursement, MonitoringMeeting, Transfer

MAX_AMOUNT = Decimal("99999999999999.99")


def amount_of(value: object, label: str) -> Decimal:
    """A positive baht amount from '1,250.50', '๑๒๕๐', 1250 or Decimal; ValidationError in Thai otherwise."""
    if isinstance(value, bool) or value is None:
        raise ValidationError(_("%(label)s must be a number of baht.") % {"label": label})
    text = thai.arabic_digits(value).replace(",", "").replace("บาท", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("%(label)s must be a number of baht.") % {"label": label}) from None
    if (
        not amount.is_finite()
        or amount <= 0
        or amount > MAX_AMOUNT
        or amount != amount.quantize(Decimal("0.01"))
    ):
        raise ValidationError(
            _("%(label)s must be more than zero, with at most two decimals.") % {"label": label}
        )
    return amount


def _text(value: object, label: str, max_length: int) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationError(_("Fill in %(label)s.") % {"label": label})
    if len(text) > max_length:
        raise ValidationError(_("%(label)s is too long.") % {"label": label})
    return text


def _day(value: object, fiscal_year: int) -> dt.date:
    start, end = thai.fiscal_year_bounds(fiscal_year)
    if not isinstance(value, dt.date) or not start <= value <= end:
        raise ValidationError(
            _("The date must fall in fiscal year %(fy)s (%(start)s – %(end)s).")
            % {"fy": fiscal_year, "start": thai.thai_date(start), "end": thai.thai_date(end)}
        )
    if value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    return value


@transaction.atomic
def add_line(
    org: Organization,
    *,
    fiscal_year: int,
    plan: str,
    work: str,
    category: str,
    item: str,
    amount: object,
    code: str = "",
    by: User,
) -> BudgetLine:
    """Add a line of the year's budget ordinance."""
    ensure(by, org, "finance.manage")
    values = {
        "plan": _text(plan, _("the plan"), 200),
        "work": _text(work, _("the work"), 200),
        "category": _text(category, _("the category"), 200),
        "item": _text(item, _("the item"), 300),
    }
    money = amount_of(amount, _("The amount"))
    if not 2500 <= int(fiscal_year) <= 2700:
        raise ValidationError(_("Choose a fiscal year."))
    if BudgetLine.objects.for_org(org).filter(fiscal_year=fiscal_year, **values).exists():
        raise ValidationError(_("This line is already in the year's ordinance."))
    line = BudgetLine.objects.create(
        org=org, fiscal_year=fiscal_year, code=str(code or "").strip()[:40], amount=money, **values
    )
    audit.record(line, "finance.line_added", actor=by, fiscal_year=fiscal_year, amount=str(money))
    return line


@transaction.atomic
def transfer(
    org: Organization,
    *,
    source: BudgetLine,
    target: BudgetLine,
    amount: object,
    on: dt.date,
    reason: str,
    by: User,
) -> Transfer:
    """Move money from one line to another of the same year; the source may not go below what it has
    already paid out, nor below zero."""
    ensure(by, org, "finance.manage")
    if source.org_id != org.pk or target.org_id != org.pk or source.pk == target.pk:
        raise ValidationError(_("Choose two different lines of this organization's ordinance."))
    if source.fiscal_year != target.fiscal_year:
        raise ValidationError(_("A transfer stays within one fiscal year."))
    money = amount_of(amount, _("The amount"))
    day = _day(on, source.fiscal_year)
    why = _text(reason, _("the reason"), 300)
    BudgetLine.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).count()
    _tin, _tout, current, spent = source.figures()
    if money > current - spent:
        raise ValidationError(
            _(
                "The transfer would leave the line %(line)s below zero: it has %(left)s baht left and "
                "%(amount)s baht was asked."
            )
            % {"line": source.item, "left": thai.baht(current - spent), "amount": thai.baht(money)}
        )
    row = Transfer.objects.create(
        org=org, source=source, target=target, amount=money, on=day, reason=why, by=by
    )
    audit.record(
        row, "finance.transferred", actor=by, from_line=source.pk, to_line=target.pk, amount=str(money)
    )
    return row


@transaction.atomic
def record_disbursement(
    org: Organization,
    *,
    line: BudgetLine,
    voucher: str,
    on: dt.date,
    amount: object,
    payee: str,
    description: str,
    by: User,
) -> Disbursement:
    """Record a payment against a line (it may overspend the line: that is a flag, not a refusal, because
    the payment happened and hiding it would be worse)."""
    ensure(by, org, "finance.manage")
    if line.org_id != org.pk:
        raise ValidationError(_("Choose a line of this organization's ordinance."))
    number = _text(voucher, _("the voucher number"), 60)
    money = amount_of(amount, _("The amount"))
    day = _day(on, line.fiscal_year)
    if Disbursement.objects.for_org(org).filter(voucher=number).exists():
        raise ValidationError(_("Voucher %(number)s is already recorded.") % {"number": number})
    row = Disbursement.objects.create(
        org=org,
        line=line,
        voucher=number,
        on=day,
        amount=money,
        payee=_text(payee, _("the payee"), 300),
        description=_text(description, _("what was paid for"), 500),
        recorded_by=by,
    )
    audit.record(row, "finance.disbursed", actor=by, line=line.pk, amount=str(money), voucher=number)
    return row


@transaction.atomic
def cross_check(
    org: Organization, disbursement: Disbursement, *, result: str, note: str = "", by: User
) -> Disbursement:
    """A second officer's cross-check of a disbursement: never the officer who recorded it."""
    ensure(by, org, "finance.check")
    row = Disbursement.objects.select_for_update().get(pk=disbursement.pk, org=org)
    if row.recorded_by_id == by.pk:
        raise ValidationError(
            _("The officer who recorded a disbursement cannot check it; ask a second officer.")
        )
    if result not in CheckResult.values:
        raise ValidationError(_("Choose the result of the check."))
    note = str(note or "").strip()[:500]
    if result == CheckResult.ERROR and not note:
        raise ValidationError(_("Write what was wrong."))
    previous = row.check_result
    row.checked_by, row.checked_at, row.check_result, row.check_note = by, timezone.now(), result, note
    row.save(update_fields=["checked_by", "checked_at", "check_result", "check_note"])
    audit.record(
        row, "finance.cross_checked", actor=by, result=result, previous=previous, voucher=row.voucher
    )
    disbursement.check_result = result
    return row


@transaction.atomic
def record_meeting(
    org: Organization, *, on: dt.date, title: str, attendees: object, summary: str, by: User
) -> MonitoringMeeting:
    """Record a meeting that followed the spending of the budget (its minutes in short)."""
    ensure(by, org, "finance.manage")
    if not isinstance(on, dt.date) or on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    try:
        count = int(thai.arabic_digits(attendees).strip())
    except ValueError:
        raise ValidationError(_("The number of attendees must be a whole number.")) from None
    if not 1 <= count <= 10000:
        raise ValidationError(_("The number of attendees must be a whole number."))
    row = MonitoringMeeting.objects.create(
        org=org,
        on=on,
        title=_text(title, _("the meeting"), 300),
        attendees=count,
        summary=_text(summary, _("what was followed and decided"), 10000),
        recorded_by=by,
    )
    audit.record(row, "finance.meeting_recorded", actor=by, on=on.isoformat(), attendees=count)
    return row
