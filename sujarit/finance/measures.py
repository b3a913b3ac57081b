"""Finance's KPI measures for plan item 12 ("ควบคุมการเบิกจ่ายเงินตามข้อบัญญัติงบประมาณรายจ่ายประจำปี").

- `finance.cross_checked` (percent): disbursements of the period cross-checked by a second officer;
  None without disbursements. Bound by its hint to "…ตรวจสอบการเบิกจ่ายงบประมาณในลักษณะการสอบยัน
  ความถูกต้อง (Cross Check)".
- `finance.errors_down` (percent): how much fewer errors the cross-checks found in the period's fiscal
  year than in the year before ((before − now) / before × 100; negative when errors rose); None when
  the year before found none (nothing to reduce) or either year has no checked disbursement. Bound to
  "ข้อผิดพลาดในการเบิกจ่ายงบประมาณลดลงร้อยละ 80".
- `finance.monitoring_meetings` (count): quarters of the period in which a budget monitoring meeting
  was recorded (a whole fiscal year: 0–4). Bound to "มีการจัดประชุมเพื่อติดตามความก้าวหน้า/รายงานการใช้จ่าย
  งบประมาณ อย่างน้อย ไตรมาสละ 1 ครั้ง" (target 4).
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.figures import percent
from sujarit.core.registry import Measure

from . import queries


def cross_checked(org, period):
    n, checked, _errors = queries.check_counts(org, period.start, period.end)
    return percent(checked, n) if n else None


def cross_check_done(org, period):
    """1 when a second officer cross-checked at least one of the period's disbursements, 0 when there
    were disbursements and none was checked; None without disbursements."""
    n, checked, _errors = queries.check_counts(org, period.start, period.end)
    return (Decimal(1) if checked else Decimal(0)) if n else None


def errors_down(org, period):
    fy = period.fiscal_year or thai.fiscal_year_of(period.end)
    now_start, now_end = thai.fiscal_year_bounds(fy)
    before_start, before_end = thai.fiscal_year_bounds(fy - 1)
    _n, checked_now, errors_now = queries.check_counts(org, now_start, min(now_end, period.end))
    _n, checked_before, errors_before = queries.check_counts(org, before_start, before_end)
    if not checked_now or not checked_before or not errors_before:
        return None
    return percent(errors_before - errors_now, errors_before)


def monitoring_meetings(org, period):
    return Decimal(len(queries.meeting_quarters(org, period.start, period.end)))


MEASURES = (
    Measure(
        "finance.cross_checked",
        _("Disbursements cross-checked by a second officer"),
        "percent",
        cross_checked,
        "finance",
        _("Share of the period's disbursements whose correctness a second officer checked (Cross Check)."),
    ),
    Measure(
        "finance.cross_check_done",
        _("Disbursements are cross-checked (Cross Check)"),
        "yesno",
        cross_check_done,
        "finance",
        _(
            "Yes when a second officer cross-checked the period's disbursements (at least one); no when none was."
        ),
        hints=(r"สอบ\s*ยัน\s*ความ\s*ถูกต้อง",),
    ),
    Measure(
        "finance.errors_down",
        _("Fewer disbursement errors than last year"),
        "percent",
        errors_down,
        "finance",
        _("How much fewer errors the cross-checks found this fiscal year than the year before, in percent."),
        hints=(r"ข้อ\s*ผิด\s*พลาด\s*ใน\s*การ\s*เบิก\s*จ่าย",),
    ),
    Measure(
        "finance.monitoring_meetings",
        _("Quarters with a budget monitoring meeting"),
        "count",
        monitoring_meetings,
        "finance",
        _("Quarters of the period in which a meeting followed the spending of the budget."),
        hints=(r"ประชุม\s*เพื่อ\s*ติดตาม\s*ความ\s*ก้าวหน้า.*(?:เบิก\s*จ่าย|ใช้\s*จ่าย)\s*งบประมาณ",),
    ),
)


def register(registry):
    for measure in MEASURES:
        registry.add_measure(measure)
