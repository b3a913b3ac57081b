"""Progress reports: the responsible unit writes and submits, the plan coordinator approves or returns.

State machine (ReportState): draft → submitted → approved (locked)
                                        submitted → returned → submitted → …
A report is late when it was first submitted after its round's due date, or is still not submitted
once that date has passed (see "Progress reporting" in docs/ARCHITECTURE.md).
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit, files, thai
from sujarit.core.periods import ROUNDS, Period

from ..jobs import notify_report
from ..models import CannotDoReason, ItemStatus, KPIResult, Plan, ProgressReport, ReportState
from ..permissions import (
    can_see_evidence,
    can_see_internal_evidence,
    ensure_can_approve,
    ensure_can_report_on,
)

DEFAULT_DUE = {6: "04-30", 12: "10-31"}
EDITABLE = frozenset({ReportState.DRAFT, ReportState.RETURNED})
# verb -> (states it may start from, state it leads to)
TRANSITIONS = {
    "submit": (frozenset({ReportState.DRAFT, ReportState.RETURNED}), ReportState.SUBMITTED),
    "approve": (frozenset({ReportState.SUBMITTED}), ReportState.APPROVED),
    "return": (frozenset({ReportState.SUBMITTED}), ReportState.RETURNED),
}


class ReportError(ValidationError):
    """A progress-report action that cannot be done; the message is for the person who tried."""


class IllegalTransition(ReportError):
    pass


# --- due dates and lateness -------------------------------------------------------------------


def _due_setting():
    raw = getattr(settings, "SUJARIT_PLAN_REPORT_DUE", None) or DEFAULT_DUE
    out = {}
    for round_months, month_day in raw.items():
        month, day = (int(x) for x in str(month_day).split("-"))
        out[int(round_months)] = (month, day)
    return out


def due_date(fiscal_year, round_months):
    """The first configured month-day (SUJARIT_PLAN_REPORT_DUE) after the round ends."""
    month, day = _due_setting()[int(round_months)]
    end = Period.for_round(fiscal_year, round_months).end
    due = dt.date(end.year, month, day)
    if due <= end:
        due = dt.date(end.year + 1, month, day)
    return due


def opens_on(fiscal_year, round_months):
    """The first day a round's report may be submitted: the day its period starts."""
    return Period.for_round(fiscal_year, round_months).start


def submitted_on(report):
    if report is None or report.submitted_at is None:
        return None
    return timezone.localtime(report.submitted_at).date()


def is_late(report, fiscal_year, round_months, today=None):
    """First submitted after the due date, or not submitted although the due date has passed."""
    today = today or timezone.localdate()
    due = due_date(fiscal_year, round_months)
    sent = submitted_on(report)
    return (sent is None and today > due) or (sent is not None and sent > due)


def is_overdue(report, fiscal_year, round_months, today=None):
    """Past its due date and still not submitted."""
    today = today or timezone.localdate()
    return submitted_on(report) is None and today > due_date(fiscal_year, round_months)


# --- reading ----------------------------------------------------------------------------------


def plan_for_year(org, fiscal_year):
    """The organization's plan whose cycle includes fiscal_year, or None."""
    return (
        Plan.objects.for_org(org)
        .filter(first_year__lte=fiscal_year, last_year__gte=fiscal_year)
        .order_by("-first_year")
        .defer("parsed", "stated_summary", "intro")
        .first()
    )


def report_for(item, fiscal_year, round_months):
    return (
        ProgressReport.objects.for_org(item.org)
        .filter(item=item, fiscal_year=fiscal_year, round=round_months)
        .first()
    )


def done_in(item, before=None):
    """The first approved report that marked the item done (before the (fiscal year, round) `before`),
    or None. From that round on the item is done and locked for the rest of the cycle, as in E-PlanNACC."""
    reports = ProgressReport.objects.for_org(item.org).filter(
        item=item, status=ItemStatus.DONE, state=ReportState.APPROVED
    )
    found = sorted(reports, key=lambda r: (r.fiscal_year, r.round))
    if before is not None:
        found = [r for r in found if (r.fiscal_year, r.round) < tuple(before)]
    return found[0] if found else None


def done_slots(org, plan):
    """{item pk: (fiscal year, round)} of the first approved "done" report of each item of the plan."""
    out: dict[int, tuple[int, int]] = {}
    reports = (
        ProgressReport.objects.for_org(org)
        .filter(item__plan=plan, status=ItemStatus.DONE, state=ReportState.APPROVED)
        .values_list("item_id", "fiscal_year", "round")
    )
    for item_id, year, round_months in reports:
        slot = (year, round_months)
        if item_id not in out or slot < out[item_id]:
            out[item_id] = slot
    return out


# --- writing ----------------------------------------------------------------------------------


def _check_round(item, fiscal_year, round_months):
    plan = item.plan
    if int(round_months) not in ROUNDS:
        raise ReportError(_("A report round is 6 or 12 months."))
    if not plan.first_year <= int(fiscal_year) <= plan.last_year:
        raise ReportError(
            _("Fiscal year %(year)s is outside the plan's cycle %(first)s–%(last)s.")
            % {"year": fiscal_year, "first": plan.first_year, "last": plan.last_year}
        )


def _decimal(value, field):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ReportError(_("%(field)s must be a number.") % {"field": field}) from None


def _locked(report):
    return ProgressReport.objects.select_for_update().select_related("item", "org").get(pk=report.pk)


def _transition(report, verb):
    sources, target = TRANSITIONS[verb]
    if report.state not in sources:
        raise IllegalTransition(
            _("A report that is “%(state)s” cannot be %(verb)s.")
            % {"state": ReportState(report.state).label, "verb": _VERB_LABELS[verb]()}
        )
    report.state = target


_VERB_LABELS = {
    "submit": lambda: _("submitted"),
    "approve": lambda: _("approved"),
    "return": lambda: _("returned"),
}


def _notify(report, event):
    pk = report.pk
    transaction.on_commit(lambda: notify_report.enqueue(pk, event))


@transaction.atomic
def save_report(
    item,
    fiscal_year,
    round_months,
    *,
    by,
    status,
    percent_done,
    spent,
    work_done="",
    problems="",
    next_steps="",
    kpi_values=None,
    evidence=(),
    submit=False,
    ordinance_amount=None,
    in_ordinance=None,
    reason="",
    reason_text="",
    remark="",
    activity_start=None,
    activity_end=None,
    participants=None,
    participant_groups="",
    published_url="",
    internal_evidence=(),
):
    """Create or update the item's draft (or returned) report for a round; optionally submit it.

    `kpi_values` maps KPI pk -> value (Decimal or None); `evidence` are uploaded files, each checked
    by core.files: one bad file and nothing at all is saved. The E-PlanNACC fields: `ordinance_amount`
    (baht in the budget ordinance), `in_ordinance` (True/False/None), and for the status "cannot be
    carried out" a `reason` (CannotDoReason; "other" needs `reason_text`); `remark` is free text.
    An item approved as done in an earlier round is locked for the rest of the cycle.
    The activity: its dates (within the fiscal year, the end not before the start), the number of
    participants and their groups, and the http(s) link where it was published. `internal_evidence`
    are files never shown in public (attendance sheets, ID copies). A report first written after its
    round's due date is marked as entered afterwards (a back-filled round).
    """
    ensure_can_report_on(by, item)
    _check_round(item, fiscal_year, round_months)
    done = done_in(item, before=(int(fiscal_year), int(round_months)))
    if done is not None:
        raise IllegalTransition(
            _(
                "This item was reported done in fiscal year %(year)s, %(round)s-month round; "
                "a done item is locked for the rest of the plan's cycle."
            )
            % {"year": done.fiscal_year, "round": done.round}
        )
    if status not in ItemStatus.values:
        raise ReportError(_("Choose the item's status from the list."))
    reason = (reason or "").strip()
    reason_text = (reason_text or "").strip()
    if status == ItemStatus.CANNOT_DO:
        if reason not in CannotDoReason.values:
            raise ReportError(_("Say why the item cannot be carried out: choose a reason from the list."))
        if reason == CannotDoReason.OTHER and not reason_text:
            raise ReportError(_("Write the other reason why the item cannot be carried out."))
        if reason != CannotDoReason.OTHER:
            reason_text = ""
    else:  # a reason belongs only to an item that cannot be carried out
        reason, reason_text = "", ""
    ordinance = _decimal(ordinance_amount, _("Amount in the budget ordinance"))
    if ordinance is not None and ordinance < 0:
        raise ReportError(_("The amount in the budget ordinance cannot be negative."))
    if in_ordinance not in (None, True, False):
        raise ReportError(_("Say whether the item is in the budget ordinance or operation plan."))
    percent = _decimal(percent_done, _("Percent done"))
    if percent is None or percent != percent.to_integral_value() or not 0 <= percent <= 100:
        raise ReportError(_("Percent done must be a whole number from 0 to 100."))
    spent = _decimal(spent, _("Budget spent")) or Decimal(0)
    if spent < 0:
        raise ReportError(_("The budget spent cannot be negative."))
    _check_activity(fiscal_year, activity_start, activity_end)
    if participants is not None and (not isinstance(participants, int) or participants < 0):
        raise ReportError(_("The number of participants must be a whole number, 0 or more."))
    published_url = (published_url or "").strip()
    if published_url:
        try:
            URLValidator(schemes=["http", "https"])(published_url)
        except ValidationError:
            raise ReportError(
                _("The link where the activity was published must start with http:// or https://.")
            ) from None

    report = (
        ProgressReport.objects.select_for_update()
        .filter(item=item, fiscal_year=fiscal_year, round=round_months)
        .first()
    )
    created = report is None
    if report is None:
        report = ProgressReport(org=item.org, item=item, fiscal_year=fiscal_year, round=round_months)
        report.entered_afterwards = timezone.localdate() > due_date(fiscal_year, round_months)
    elif report.state not in EDITABLE:
        raise IllegalTransition(
            _("This report is “%(state)s” and can no longer be changed.")
            % {"state": report.get_state_display()}
        )
    report.status = status
    report.percent_done = int(percent)
    report.spent = spent
    report.work_done = work_done or ""
    report.problems = problems or ""
    report.next_steps = next_steps or ""
    report.ordinance_amount = ordinance
    report.in_ordinance = in_ordinance
    report.reason = reason
    report.reason_text = reason_text
    report.remark = (remark or "").strip()
    report.activity_start = activity_start
    report.activity_end = activity_end
    report.participants = participants
    report.participant_groups = (participant_groups or "").strip()
    report.published_url = published_url
    report.save()

    kpis = {k.pk: k for k in item.kpis.all()}
    for kpi_pk, value in (kpi_values or {}).items():
        if int(kpi_pk) not in kpis:
            raise ReportError(_("A KPI value was given for a KPI of another item."))
        KPIResult.objects.update_or_create(
            report=report,
            kpi_id=int(kpi_pk),
            defaults={"org": item.org, "value": _decimal(value, _("KPI value"))},
        )

    stored, internal = [], []
    for upload in evidence:
        att = files.store(item.org, upload, by=by)  # ValidationError rolls everything back
        report.evidence.add(att)
        stored.append(att.original_name)
    for upload in internal_evidence:
        att = files.store(item.org, upload, by=by)
        report.internal_evidence.add(att)
        internal.append(att.original_name)

    audit.record(
        report,
        "plans.report_created" if created else "plans.report_updated",
        actor=by,
        item=item.number,
        fiscal_year=int(fiscal_year),
        round=int(round_months),
        status=status,
        percent_done=report.percent_done,
        spent=spent,
        ordinance_amount=ordinance,
        in_ordinance=in_ordinance,
        reason=reason,
        evidence=stored,
        internal_evidence=internal,
        entered_afterwards=report.entered_afterwards,
        activity_start=activity_start.isoformat() if activity_start else None,
        activity_end=activity_end.isoformat() if activity_end else None,
        participants=participants,
        published_url=published_url,
    )
    if submit:
        report = submit_report(report, by=by)
    return report


def _check_activity(fiscal_year, start, end):
    """The activity's dates lie in the fiscal year, and it does not end before it starts."""
    year = Period.for_round(fiscal_year, 12)
    for day in (start, end):
        if day is not None and not isinstance(day, dt.date):
            raise ReportError(_("The activity's dates must be dates."))
        if day is not None and not year.start <= day <= year.end:
            raise ReportError(
                _("The activity's dates must lie in fiscal year %(year)s (%(start)s – %(end)s).")
                % {"year": fiscal_year, "start": thai.thai_date(year.start), "end": thai.thai_date(year.end)}
            )
    if start is not None and end is not None and end < start:
        raise ReportError(_("The activity cannot end before it starts."))


@transaction.atomic
def remove_evidence(report, attachment_pk, *, by):
    report = _locked(report)
    ensure_can_report_on(by, report.item)
    if report.state not in EDITABLE:
        raise IllegalTransition(_("This report can no longer be changed."))
    att = (
        report.evidence.filter(pk=attachment_pk).first()
        or report.internal_evidence.filter(pk=attachment_pk).first()
    )
    if att is None:
        raise ReportError(_("That file is not part of this report."))
    report.evidence.remove(att)
    report.internal_evidence.remove(att)
    audit.record(report, "plans.report_evidence_removed", actor=by, attachment=att.pk, name=att.original_name)
    return report


@transaction.atomic
def mark_evidence(report, attachment_pk, *, internal, by):
    """Move a file between the public evidence and the internal files (never public), while editable."""
    report = _locked(report)
    ensure_can_report_on(by, report.item)
    if report.state not in EDITABLE:
        raise IllegalTransition(_("This report can no longer be changed."))
    source, target = (
        (report.evidence, report.internal_evidence)
        if internal
        else (report.internal_evidence, report.evidence)
    )
    att = source.filter(pk=attachment_pk).first()
    if att is None:
        raise ReportError(_("That file is not part of this report."))
    source.remove(att)
    target.add(att)
    audit.record(
        report,
        "plans.report_evidence_marked",
        actor=by,
        attachment=att.pk,
        name=att.original_name,
        internal=internal,
    )
    return report


@transaction.atomic
def submit_report(report, *, by):
    report = _locked(report)
    ensure_can_report_on(by, report.item)
    _check_round(report.item, report.fiscal_year, report.round)
    starts = opens_on(report.fiscal_year, report.round)
    if timezone.localdate() < starts:
        raise ReportError(
            _("This round has not started yet; its report can be submitted from %(date)s.")
            % {"date": thai.thai_date(starts)}
        )
    resubmitted = report.state == ReportState.RETURNED
    _transition(report, "submit")
    fields = ["state", "updated_at"]
    if report.submitted_at is None:  # the first submission is what counts for lateness
        report.submitted_at = timezone.now()
        report.submitted_by = by
        fields += ["submitted_at", "submitted_by"]
    report.save(update_fields=fields)
    audit.record(
        report,
        "plans.report_submitted",
        actor=by,
        resubmitted=resubmitted,
        late=is_late(report, report.fiscal_year, report.round),
    )
    _notify(report, "submitted")
    return report


@transaction.atomic
def approve_report(report, *, by, comment=""):
    report = _locked(report)
    ensure_can_approve(by, report.org)
    _transition(report, "approve")
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report.review_comment = (comment or "").strip()
    report.save(update_fields=["state", "reviewed_at", "reviewed_by", "review_comment", "updated_at"])
    audit.record(report, "plans.report_approved", actor=by, comment=report.review_comment)
    _notify(report, "approved")
    return report


@transaction.atomic
def return_report(report, *, by, comment):
    report = _locked(report)
    ensure_can_approve(by, report.org)
    comment = (comment or "").strip()
    if not comment:
        raise ReportError(_("Say what needs changing: a comment is required to return a report."))
    _transition(report, "return")
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report.review_comment = comment
    report.save(update_fields=["state", "reviewed_at", "reviewed_by", "review_comment", "updated_at"])
    audit.record(report, "plans.report_returned", actor=by, comment=comment)
    _notify(report, "returned")
    return report


def open_evidence(report, attachment_pk, *, by=None):
    """The report's evidence file, if `by` may see it; staff downloads are audited. An internal file
    opens only for staff, whatever the report's state."""
    att = report.evidence.filter(pk=attachment_pk).first()
    if att is None:
        att = report.internal_evidence.filter(pk=attachment_pk).first()
        if att is None:
            return None
        if not can_see_internal_evidence(by, report):
            raise PermissionDenied(_("This file is internal to the organization."))
    elif not can_see_evidence(by, report):
        raise PermissionDenied(_("This report's evidence is not public yet."))
    if by is not None and by.is_authenticated:
        audit.record(report, "plans.evidence_downloaded", actor=by, attachment=att.pk, name=att.original_name)
    return att
