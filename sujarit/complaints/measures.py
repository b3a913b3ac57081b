"""The complaint module's KPI measures (plan items 10, 11, 13, 14, 19, 20, 22, 26, 27 and the goal
"corruption cases down").

Each is `func(org, period) -> Decimal | None` and counts the cases *received* in the period, as the
published statistics do. None means there is nothing to measure yet (no case the rule can judge, no
rating, no baseline).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sujarit.core.figures import percent
from sujarit.core.models import Role
from sujarit.core.periods import Period
from sujarit.core.registry import Measure

from .models import Category, ComplaintPolicy, Kind, OfficerKey, Outcome, Topic
from .queries import stats
from .queries.satisfaction import tally as satisfaction_tally


def _within_due(org, period, kind):
    return stats.summarize(org, kind, period)["due"]["share"]


def answered_within_due(org, period):
    """Share of general complaints answered within the due date (percent)."""
    return _within_due(org, period, Kind.GENERAL)


def integrity_answered_within_due(org, period):
    """Share of corruption complaints answered within the due date (percent)."""
    return _within_due(org, period, Kind.INTEGRITY)


def satisfaction(org, period):
    """Share of complainants (both channels) satisfied with how their case was handled (percent)."""
    return percent(
        *satisfaction_tally(org, list(stats.cases_in(org, None, period).values("id", "satisfaction")))
    )


def integrity_substantiated(org, period):
    """Number of corruption complaints received in the period found substantiated."""
    return Decimal(stats.cases_in(org, Kind.INTEGRITY, period).filter(outcome=Outcome.SUBSTANTIATED).count())


def integrity_cases(org, period):
    """Number of corruption complaints received in the period."""
    return Decimal(stats.cases_in(org, Kind.INTEGRITY, period).count())


def integrity_cases_reduction(org, period):
    """How much fewer corruption complaints than in the baseline year, in percent (negative = more).

    The plan states its goal as a reduction ("ลดลงร้อยละ 5" against 2565), so the measure has the
    same sign as the target it is read beside.
    """
    policy = ComplaintPolicy.objects.filter(org=org).first()
    if policy is None or not policy.baseline_integrity_cases:
        return None
    base = Decimal(policy.baseline_integrity_cases)
    now = integrity_cases(org, period)
    return ((base - now) * 100 / base).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _year_earlier(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _this_and_last_year(period):
    """The period and the same span a year earlier; a period still running is cut at today on both
    sides, so a half-finished year is never compared with a whole one."""
    end = min(period.end, timezone.localdate())
    if end < period.start:
        return None, None
    now = Period(period.start, end, period.fiscal_year, period.round)
    before = Period(_year_earlier(period.start), _year_earlier(end))
    return now, before


def _reduction(count, period):
    """(last year − this year) / last year in percent over the same span; None when last year had none
    (a fall from nothing cannot be measured) or the period has not started."""
    now, before = _this_and_last_year(period)
    if now is None:
        return None
    base = Decimal(count(before))
    if not base:
        return None
    return ((base - Decimal(count(now))) * 100 / base).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _topic_reduction(topic):
    def measure(org, period):
        return _reduction(
            lambda p: stats.cases_in(org, None, p).filter(category__topic=topic).count(),
            period,
        )

    measure.__doc__ = (
        f"Complaints (both channels) in categories of topic {topic!r}, fewer than a year before (%)."
    )
    return measure


personnel_complaints_reduction = _topic_reduction(Topic.PERSONNEL)
salary_promotion_complaints_reduction = _topic_reduction(Topic.SALARY_PROMOTION)
procurement_complaints_reduction = _topic_reduction(Topic.PROCUREMENT)


def bribery_complaints(org, period):
    """Number of complaints (both channels) received in the period in categories about bribes and gifts."""
    return Decimal(stats.cases_in(org, None, period).filter(category__topic=Topic.BRIBERY).count())


def substantiated_corruption_reduction(org, period):
    """Substantiated corruption complaints, fewer than in the same span a year before (percent)."""
    return _reduction(
        lambda p: stats.cases_in(org, Kind.INTEGRITY, p).filter(outcome=Outcome.SUBSTANTIATED).count(),
        period,
    )


def _yes(flag):
    return Decimal(1 if flag else 0)


def _started(period):
    return period.start <= timezone.localdate()


def complaint_centre(org, period):
    """1 when the complaint settings name the unit running the complaint centre, else 0."""
    if not _started(period):
        return None
    policy = ComplaintPolicy.objects.filter(org=org).first()
    return _yes(policy is not None and policy.general_unit_id)


def designated_officers(org, period):
    """1 when the settings name the complaint centre's unit and every general category in use has the
    unit responsible for it, else 0."""
    if not _started(period):
        return None
    policy = ComplaintPolicy.objects.filter(org=org).first()
    categories = Category.objects.for_org(org).filter(kind=Kind.GENERAL, active=True)
    return _yes(
        policy is not None
        and policy.general_unit_id
        and categories.exists()
        and not categories.filter(unit__isnull=True).exists()
    )


def channels_and_manual_published(org, period):
    """1 when the public complaint page takes complaints (a unit runs the centre and a general category
    is in use): it lists the channels (web form, tracking page, the phone line and e-mail when set) and
    links the handling manual built from the settings; else 0."""
    if not _started(period):
        return None
    policy = ComplaintPolicy.objects.filter(org=org).first()
    return _yes(
        policy is not None
        and policy.general_unit_id
        and Category.objects.for_org(org).filter(kind=Kind.GENERAL, active=True).exists()
    )


def follow_up(org, period):
    """1 when complainants of the period were told the result or progress of their case (a first
    answer on at least one case; every case has its tracking page); 0 when none was; None with no case."""
    cases = stats.cases_in(org, None, period)
    if not cases.exists():
        return None
    return _yes(cases.filter(first_answer_at__isnull=False).exists())


def integrity_channel_ready(org, period):
    """1 when the protected corruption channel accepts reports (an active integrity officer holds a key
    by the end of the period), else 0."""
    if not _started(period):
        return None
    _start, end = period.datetime_bounds()
    return _yes(
        OfficerKey.objects.filter(
            person__org=org,
            person__active=True,
            person__grants__role=Role.INTEGRITY_OFFICER,
            created_at__lt=end,
        ).exists()
    )


MEASURES = (
    Measure(
        "complaints.answered_within_due",
        _("General complaints answered within the due date"),
        "percent",
        answered_within_due,
        "complaints",
        _(
            "Share of general complaints received in the period whose first answer came by the due date "
            "(15 days by default); open cases not yet due are not counted."
        ),
        hints=(r"ภายใน\s*15\s*วัน", r"แจ้งผลการดำเนินการ.*ผู้ร้องเรียน"),
    ),
    Measure(
        "complaints.integrity_answered_within_due",
        _("Corruption complaints answered within the due date"),
        "percent",
        integrity_answered_within_due,
        "complaints",
        _(
            "Share of corruption and misconduct complaints received in the period whose first answer came "
            "by the due date; open cases not yet due are not counted."
        ),
    ),
    Measure(
        "complaints.satisfaction",
        _("Satisfaction with complaint handling"),
        "percent",
        satisfaction,
        "complaints",
        _(
            "Share of the complainants answering the complaint satisfaction questionnaire (cases received "
            "in the period) who were satisfied or very satisfied (mean rating 3.5 of 5 or more; a rating "
            "given before the questionnaire moved to the survey engine counts when it was 4 or 5)."
        ),
        hints=(r"พึงพอใจ.*(ร้องทุกข์|ร้องเรียน)",),
    ),
    Measure(
        "complaints.integrity_substantiated",
        _("Substantiated corruption complaints"),
        "count",
        integrity_substantiated,
        "complaints",
        _("Number of corruption and misconduct complaints received in the period found substantiated."),
    ),
    Measure(
        "complaints.integrity_cases",
        _("Corruption complaints received"),
        "count",
        integrity_cases,
        "complaints",
        _("Number of corruption and misconduct complaints received in the period."),
        hints=(r"พิจารณาจากจำนวนข้อร้องเรียน",),
    ),
    Measure(
        "complaints.integrity_cases_reduction",
        _("Reduction in corruption complaints against the baseline year"),
        "percent",
        integrity_cases_reduction,
        "complaints",
        _(
            "How much fewer corruption and misconduct complaints were received in the period than in the "
            "baseline year set in the complaint settings, in percent (5 means 5 % fewer)."
        ),
        hints=(r"คดี\s*(การ)?ทุจริต.*ลดลง", r"ร้องเรียน\s*(การ)?ทุจริต.*ลดลง"),
    ),
)


YEAR_ON_YEAR = _(
    "Compared with the same span of the year before (a period still running is cut at today on both "
    "sides); 10 means 10 percent fewer, a negative value more; not measured when the year before had none."
)

MEASURES += (
    Measure(
        "complaints.personnel_reduction",
        _("Complaints about personnel management, fewer than a year before"),
        "percent",
        personnel_complaints_reduction,
        "complaints",
        format_lazy(
            "{} {}", _("Complaints in the categories whose topic is personnel management."), YEAR_ON_YEAR
        ),
        hints=(r"ร้องเรียน.*บริหารงานบุคคล.*ลดลง",),
    ),
    Measure(
        "complaints.salary_promotion_reduction",
        _("Complaints about salary promotion, fewer than a year before"),
        "percent",
        salary_promotion_complaints_reduction,
        "complaints",
        format_lazy(
            "{} {}", _("Complaints in the categories whose topic is salary promotion."), YEAR_ON_YEAR
        ),
        hints=(r"ร้องเรียน.*เลื่อนขั้นเงินเดือน.*ลดลง",),
    ),
    Measure(
        "complaints.procurement_reduction",
        _("Complaints about procurement, fewer than a year before"),
        "percent",
        procurement_complaints_reduction,
        "complaints",
        format_lazy(
            "{} {}",
            _("Complaints (both channels) in the categories whose topic is procurement."),
            YEAR_ON_YEAR,
        ),
        hints=(r"ร้องเรียน.*จัดซื้อจัดจ้าง.*ลดลง",),
    ),
    Measure(
        "complaints.bribery_complaints",
        _("Complaints about bribes and gifts"),
        "count",
        bribery_complaints,
        "complaints",
        _(
            "Number of complaints (both channels) received in the period in the categories whose topic is "
            "bribes and gifts; the plan's item 8 asks for none."
        ),
        hints=(r"ไม่มีเรื่องร้องเรียน.*สินบน",),
    ),
    Measure(
        "complaints.substantiated_corruption_reduction",
        _("Substantiated corruption, fewer cases than a year before"),
        "percent",
        substantiated_corruption_reduction,
        "complaints",
        format_lazy("{} {}", _("Corruption complaints found substantiated."), YEAR_ON_YEAR),
        hints=(r"^การทุจริต.*ลดลง",),
    ),
    Measure(
        "complaints.centre",
        _("There is a complaint centre"),
        "yesno",
        complaint_centre,
        "complaints",
        _("Yes when the complaint settings name the unit running the complaint centre."),
        hints=(r"^มีศูนย์.*(ร้องเรียน|ร้องทุกข์)",),
    ),
    Measure(
        "complaints.designated_officers",
        _("Officers and units are designated to receive complaints"),
        "yesno",
        designated_officers,
        "complaints",
        _(
            "Yes when the settings name the complaint centre's unit and every general complaint category "
            "in use names the unit responsible for it."
        ),
        hints=(r"แต่งตั้งเจ้าหน้าที่.*(ร้องเรียน|ร้องทุกข์)",),
    ),
    Measure(
        "complaints.channels_published",
        _("The complaint channels and handling steps are published"),
        "yesno",
        channels_and_manual_published,
        "complaints",
        _(
            "Yes when the public complaint page takes complaints (a unit runs the centre and a category is "
            "in use): it lists the channels (web form, tracking, phone and e-mail when set) and links the "
            "handling manual built from the complaint settings."
        ),
        hints=(r"ประชาสัมพันธ์.*ช่องทาง.*(ร้องทุกข์|ร้องเรียน).*ขั้นตอน",),
    ),
    Measure(
        "complaints.follow_up",
        _("Complainants are told the result and can follow their case"),
        "yesno",
        follow_up,
        "complaints",
        _(
            "Yes when at least one complaint received in the period had a first answer (every case has a "
            "tracking page the complainant follows with the code on the receipt)."
        ),
        hints=(r"แจ้งผลการดำเนินการ.*ผู้ร้องเรียน.*ติดตาม",),
    ),
    Measure(
        "complaints.integrity_channel",
        _("The protected corruption channel is open"),
        "yesno",
        integrity_channel_ready,
        "complaints",
        _("Yes when an active integrity officer holds a key, so the protected channel accepts reports."),
        hints=(r"ช่องทางการรับเรื่องร้องเรียนเกี่ยวกับการทุจริต",),
    ),
)


def register(registry):
    for measure in MEASURES:
        registry.add_measure(measure)
