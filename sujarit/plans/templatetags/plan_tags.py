"""Plan wording for templates: the lint page's kind of check, a KPI's target in Thai words."""

from django import template
from django.utils.translation import gettext_lazy as _

from sujarit.plans.services.kpis import number_text

register = template.Library()

# The lint codes' first part names what was checked; the page shows that in words, never the code.
CHECK_KINDS = {
    "goals": _("Goals of the plan"),
    "items": _("Projects and activities"),
    "lint": _("The review itself"),
    "plan": _("The document"),
    "reader": _("Reading the file"),
    "risks": _("Risks and controls"),
    "summary": _("Summary tables"),
    "wording": _("Wording and names"),
}

TARGET_PHRASES = {
    ">=": _("at least %(value)s"),
    "<=": _("no more than %(value)s"),
    "=": _("exactly %(value)s"),
}


@register.filter
def lint_check_label(code):
    """'summary.grand_total_mismatch' → 'ตารางสรุป'."""
    return CHECK_KINDS.get(str(code).split(".", 1)[0], _("Other checks"))


@register.filter
def kpi_target(kpi):
    """'ไม่น้อยกว่าร้อยละ 80', 'ไม่น้อยกว่า 3 ช่องทาง', or '' without a numeric target."""
    from sujarit.plans.services.kpis import UNIT_LABELS

    phrase = TARGET_PHRASES.get(kpi.target_op)
    if phrase is None or kpi.target_value is None:
        return ""
    number = number_text(kpi.target_value)
    if kpi.target_unit == "percent":
        value = _("%(number)s percent") % {"number": number}
    else:
        value = f"{number} {UNIT_LABELS.get(kpi.target_unit, kpi.target_unit)}".strip()
    return phrase % {"value": value}
