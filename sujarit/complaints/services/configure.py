"""Verbs of the complaint settings page: the policy and the categories (holidays: holidays.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.permissions import ensure

from ..models import Category, Kind, Topic
from ..queries.policy import policy_for

POLICY_FIELDS = (
    "due_days",
    "day_count",
    "remind_days_before",
    "retention_days_general",
    "retention_days_integrity",
    "general_unit",
    "integrity_unit",
    "officer_display",
    "phone",
    "email",
    "baseline_year",
    "baseline_integrity_cases",
)
CATEGORY_FIELDS = ("kind", "code", "name", "description", "unit", "topic", "active", "order")


def _own_unit(org, unit):
    if unit is not None and unit.org_id != org.pk:
        raise ValidationError(_("Choose a unit of this organization."))


@transaction.atomic
def update_policy(org, *, by, **values):
    """Change the organization's complaint policy; audits which settings changed (not personal data)."""
    ensure(by, org, "complaints.configure")
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"not policy settings: {sorted(unknown)}")
    for name in ("general_unit", "integrity_unit"):
        _own_unit(org, values.get(name))
    policy = policy_for(org)
    due = values.get("due_days", policy.due_days)
    if values.get("remind_days_before", policy.remind_days_before) >= due:
        raise ValidationError(_("Reminders must come before the due date: fewer days than the days to act."))
    changed = [k for k, v in values.items() if getattr(policy, k) != v]
    for k in changed:
        setattr(policy, k, values[k])
    if changed:
        policy.save(update_fields=[*changed, "updated_at"])
        audit.record(policy, "complaints.policy_changed", actor=by, fields=sorted(changed))
    return policy


@transaction.atomic
def save_category(org, *, by, category=None, **values):
    """Add a category (category=None) or change one; a code is unique within the organization."""
    ensure(by, org, "complaints.configure")
    if category is not None and category.org_id != org.pk:
        raise ValidationError(_("This category does not exist."))
    _own_unit(org, values.get("unit"))
    code = values.get("code", category.code if category else "")
    taken = Category.objects.for_org(org).filter(code=code)
    if category is not None:
        taken = taken.exclude(pk=category.pk)
    if taken.exists():
        raise ValidationError(_("Another category already uses the code “%(code)s”.") % {"code": code})
    if values.get("topic", "") not in Topic.values:
        raise ValidationError(_("Choose one of the listed topics."))
    if values.get("kind", Kind.GENERAL) not in Kind.values:
        raise ValidationError(_("Choose general grievance or corruption."))
    if (
        category is not None
        and values.get("kind", category.kind) != category.kind
        and category.cases.exists()
    ):
        raise ValidationError(_("A category that already has cases cannot change its kind."))
    created = category is None
    category = category or Category(org=org)
    changed = [k for k, v in values.items() if getattr(category, k) != v]
    for k in changed:
        setattr(category, k, values[k])
    if created:
        category.save()
        audit.record(category, "complaints.category_added", actor=by, code=category.code, kind=category.kind)
    elif changed:
        category.save(update_fields=changed)
        audit.record(category, "complaints.category_changed", actor=by, fields=sorted(changed))
    return category
