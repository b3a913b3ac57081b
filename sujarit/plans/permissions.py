"""Who may do what with the plan's progress reports and KPIs, as plain functions."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sujarit.core.models import Role
from sujarit.core.permissions import can, roles_of, unit_of

from .models import ReportState

# Roles that may report on any item, whatever its responsible unit.
REPORT_ANY_ROLES = frozenset({Role.PLAN_COORDINATOR, Role.ADMIN})


def can_report_on(user, item):
    """A unit officer reports on their own unit's items; the coordinator and admin on any item."""
    org = item.org
    if not can(user, org, "plans.report"):
        return False
    if roles_of(user, org) & REPORT_ANY_ROLES:
        return True
    unit = unit_of(user, org)
    return unit is not None and item.responsible_unit_id == unit.pk


def ensure_can_report_on(user, item):
    if not can_report_on(user, item):
        raise PermissionDenied(
            _("Only the item's responsible unit or the plan coordinator may report on it.")
        )


def can_approve(user, org):
    return can(user, org, "plans.approve")


def ensure_can_approve(user, org):
    if not can_approve(user, org):
        raise PermissionDenied(_("Only the plan coordinator may approve or return progress reports."))


def can_bind_measure(user, org):
    """The coordinator (plans.approve) or an administrator binds KPIs to registry measures."""
    return can(user, org, "plans.approve") or Role.ADMIN in roles_of(user, org)


def ensure_can_bind_measure(user, org):
    if not can_bind_measure(user, org):
        raise PermissionDenied(
            _("Only the plan coordinator or an administrator may bind a KPI to a measure.")
        )


def can_see_evidence(user, report):
    """The public sees the evidence of approved reports; staff with plans.view see every report's."""
    if report.state == ReportState.APPROVED:
        return True
    return user is not None and user.is_authenticated and can(user, report.org, "plans.view")


def can_see_internal_evidence(user, report):
    """Internal files (attendance sheets, ID copies: personal data) are for staff with plans.view only."""
    return user is not None and user.is_authenticated and can(user, report.org, "plans.view")
