"""The registers' KPI measures (plan items 3–5, 17, 18, 20, 21, 23–25): each counts what a register
holds for the period, so filling the register moves the plan's dashboard.

Each is `func(org, period) -> Decimal | None`; None means there is nothing to measure yet. The
`hints` are regular expressions over the seed plan's Thai wording; a KPI matched by one measure only
is bound to it on import.
"""

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.figures import percent
from sujarit.core.registry import Measure

from . import queries
from .models import ForumIssue, Honour, Network, Treatment


def _fiscal_year(period):
    return period.fiscal_year or thai.fiscal_year_of(period.end)


def risk_report(org, period):
    """Risk assessments of the fiscal year published by the end of the period."""
    qs = queries.published_assessments(org).filter(
        fiscal_year=_fiscal_year(period), published_on__lte=period.end
    )
    return Decimal(qs.count())


def risk_publication_channels(org, period):
    """Channels the fiscal year's published assessments went out on (distinct names)."""
    qs = queries.published_assessments(org).filter(
        fiscal_year=_fiscal_year(period), published_on__lte=period.end
    )
    return Decimal(len({c for a in qs for c in a.channel_list}))


def risk_measures(org, period):
    """Treatment measures planned in the fiscal year's assessments."""
    return Decimal(queries.treatments_of_year(org, _fiscal_year(period)).count())


def risk_treatments_done(org, period):
    """Share of the fiscal year's treatment measures done by the end of the period (percent)."""
    qs = queries.treatments_of_year(org, _fiscal_year(period))
    done = qs.filter(status=Treatment.Status.DONE, done_on__lte=period.end).count()
    return percent(done, qs.count())


def delegation_orders(org, period):
    """Delegation orders in force at some time in the period."""
    return Decimal(queries.orders_in_force(org, period.start, period.end).count())


def trainings_leaders(org, period):
    """Training sessions in the period whose target groups include executives or council members."""
    qs = queries.trainings_between(org, period.start, period.end)
    return Decimal(sum(1 for t in qs if t.executives_expected or t.council_expected))


def trainings_council(org, period):
    """Training sessions in the period for council members."""
    return Decimal(
        queries.trainings_between(org, period.start, period.end).filter(council_expected__gt=0).count()
    )


def training_attendance(org, period):
    """Participants who attended against the target groups of the period's sessions (percent)."""
    fields = [f"{g}_{k}" for g in ("executives", "council", "staff") for k in ("expected", "attended")]
    sums = queries.trainings_between(org, period.start, period.end).aggregate(**{f: Sum(f) for f in fields})
    expected = sum(sums[f"{g}_expected"] or 0 for g in ("executives", "council", "staff"))
    attended = sum(sums[f"{g}_attended"] or 0 for g in ("executives", "council", "staff"))
    return percent(attended, expected)


def _honours(category):
    def measure(org, period):
        return Decimal(
            queries.honours_between(org, period.start, period.end).filter(category=category).count()
        )

    measure.__doc__ = f"Honours of category {category} awarded in the period."
    return measure


def forum_village_coverage(org, period):
    """Share of the organization's villages that held at least one community forum in the period."""
    rows = queries.village_coverage(org, period.start, period.end)
    return percent(sum(1 for r in rows if r["forums"]), len(rows))


def networks(org, period):
    """Watchdog communities and cooperation networks active in the period."""
    return Decimal(queries.networks_active(org, period.start, period.end).count())


def watchdog_communities(org, period):
    qs = queries.networks_active(org, period.start, period.end).filter(kind=Network.Kind.WATCHDOG)
    return Decimal(qs.count())


def control_report(org, period):
    """Internal control reports certified by the head (ปค.1) within the period.

    The report "as at 30 September" of one fiscal year is certified in the first months of the next,
    so a fiscal year's KPI counts the report made during it (of the year before).
    """
    return Decimal(
        queries.control_evaluations(org).filter(certified_on__range=(period.start, period.end)).count()
    )


def control_report_published(org, period):
    """Internal control reports published within the period."""
    return Decimal(
        queries.control_evaluations(org).filter(published_on__range=(period.start, period.end)).count()
    )


def control_improvements_done(org, period):
    """Share of the improvements planned in the previous year's report (ปค.5), which are carried out in
    this fiscal year, done by the end of the period (percent)."""
    qs = queries.improvements_of_year(org, _fiscal_year(period) - 1)
    return percent(qs.filter(status="done", done_on__lte=period.end).count(), qs.count())


def ethics_code_channels(org, period):
    """Channels the code of ethics in force was published on by the end of the period (item 1)."""
    code = queries.code_in_force(org, period.end)
    if code is None or not code.published_on or code.published_on > period.end:
        return Decimal(0)
    return Decimal(len(set(code.channel_list)))


def ethics_acknowledged(org, period):
    """Share of active staff who acknowledged the code of ethics in force by the end of the period."""
    code = queries.code_in_force(org, period.end)
    staff = queries.staff(org)
    if code is None:
        return percent(0, staff.count())
    acknowledged = code.acknowledgements.filter(acknowledged_on__lte=period.end, person__in=staff).count()
    return percent(acknowledged, staff.count())


def ethics_activities(org, period):
    """Activities of the ethics drive held in the period."""
    return Decimal(queries.ethics_activities_between(org, period.start, period.end).count())


def hr_measures(org, period):
    """HR management measures (the HR policy, which states them) published in the period; the criteria,
    plan and report are its evidence (O19, O20), not measures of their own."""
    qs = queries.hr_documents(org).filter(published_on__range=(period.start, period.end), kind="policy")
    return Decimal(qs.count())


def salary_rounds_published(org, period):
    """Salary-promotion rounds of the fiscal year whose criteria and results were both published."""
    qs = queries.salary_rounds(org, _fiscal_year(period)).filter(
        criteria_published_on__lte=period.end, results_published_on__lte=period.end
    )
    return Decimal(qs.count())


def salary_appeals_reduction(org, period):
    """How much fewer appeals against salary promotion than the fiscal year before, in percent
    (negative = more); None when the year before recorded no round or no appeal."""
    year = _fiscal_year(period)
    before = queries.salary_rounds(org, year - 1).aggregate(n=Sum("appeals"))["n"]
    now = queries.salary_rounds(org, year).aggregate(n=Sum("appeals"))["n"]
    if not before or now is None:
        return None
    return (Decimal(before - now) * 100 / Decimal(before)).quantize(Decimal("0.01"))


def committee_terms_honoured(org, period):
    """Share of community committee members who completed their 4-year term in the period and were
    honoured (an honour of that category in their name, awarded by the end of the period)."""
    members = queries.completed_terms(org, period.start, period.end)
    if not members:
        return None
    honoured = set(
        queries.honours_between(org, period.start.replace(year=period.start.year - 1), period.end)
        .filter(category=Honour.Category.COMMUNITY_COMMITTEE)
        .values_list("name", flat=True)
    )
    return percent(sum(1 for m in members if m.name in honoured), len(members))


def forum_issue_villages(org, period):
    """Share of villages whose forums in the period recorded at least one issue and proposal."""
    rows = queries.villages(org)
    with_issues = set(
        queries.forum_issues_between(org, period.start, period.end).values_list(
            "forum__village_id", flat=True
        )
    )
    return percent(sum(1 for v in rows if v.pk in with_issues), rows.count())


def forum_proposals_decided(org, period):
    """Share of the period's forum proposals put in the local development plan or carried out."""
    qs = queries.forum_issues_between(org, period.start, period.end)
    taken = qs.filter(outcome__in=(ForumIssue.Outcome.IN_PLAN, ForumIssue.Outcome.CARRIED_OUT)).count()
    return percent(taken, qs.count())


def observer_invitations(org, period):
    """Procurement and budget steps a watchdog observer was invited to and attended in the period."""
    return Decimal(queries.invitations_between(org, period.start, period.end).filter(attended=True).count())


def _m(key, label, unit, func, description, *hints):
    return Measure(f"registers.{key}", label, unit, func, "registers", description, hints=hints)


MEASURES = (
    _m("risk_report", _("Risk assessment reports published"), "count", risk_report,
       _("Risk assessments of the fiscal year published by the end of the period (fraud and bribery)."),
       r"มีรายงานการประเมินความเสี่ยง"),  # item 23: "…จำนวน 1 ชุด"
    _m("risk_publication_channels", _("Channels the risk assessment was published on"), "count",
       risk_publication_channels,
       _("Distinct channels (website, notice board …) the year's published risk assessments went out on."),
       r"เผยแพร่ผลการประเมินความเสี่ยง"),
    _m("risk_measures", _("Risk-management measures"), "count", risk_measures,
       _("Treatment measures planned against the risks of the fiscal year's assessments."),
       r"บริหารจัดการความเสี่ยง"),  # item 23: "…อย่างน้อยจำนวน 5 เรื่อง"
    _m("risk_treatments_done", _("Risk treatments done"), "percent", risk_treatments_done,
       _("Share of the fiscal year's risk treatment measures marked done by the end of the period.")),
    _m("delegation_orders", _("Delegation orders in force"), "count", delegation_orders,
       _("Delegation orders in force at some time in the period."),
       r"คำสั่งมอบหมายงาน"),  # item 17: "…จำนวนไม่น้อยกว่า 4 ฉบับ"
    _m("trainings_leaders", _("Trainings for executives and council"), "count", trainings_leaders,
       _("Training sessions in the period whose target groups include executives or council members."),
       r"อบรม.*สำหรับผู้บริหารและสมาชิกสภา"),  # item 24
    _m("trainings_council", _("Trainings for council members"), "count", trainings_council,
       _("Training sessions in the period with council members among their target groups."),
       r"อบรม.*อำนาจหน้าที่ของสมาชิกสภา"),  # item 25
    _m("training_attendance", _("Training attendance"), "percent", training_attendance,
       _("Participants who attended the period's training sessions against the size of their target groups.")),
    _m("honours_integrity", _("Role models of integrity honoured"), "count",
       _honours(Honour.Category.INTEGRITY),
       _("People and organizations honoured in the period as role models of integrity."),
       r"หน่วยงานและบุคคลที่ได้รับการยกย่อง", r"หน่วยงานและบุคคลต้นแบบ"),  # item 3
    _m("honours_public_benefit", _("Contributors honoured"), "count", _honours(Honour.Category.PUBLIC_BENEFIT),
       _("People and organizations honoured in the period for their public benefit."),
       r"องค์กรดีเด่น.*ยกย่องเชิดชูเกียรติ"),  # item 5
    _m("honours_community_committee", _("Community committee members honoured"), "count",
       _honours(Honour.Category.COMMUNITY_COMMITTEE),
       _("Community committee members honoured in the period."),
       r"คณะกรรมการชุมชนต้นแบบ"),  # item 4 (outcome)
    _m("forum_village_coverage", _("Villages that held a community forum"), "percent", forum_village_coverage,
       _("Share of the organization's villages (หมู่) that held at least one community forum in the period."),
       r"เวทีประชาคม"),  # item 18
    _m("networks", _("Anti-corruption networks"), "count", networks,
       _("Watchdog communities and cooperation networks active in the period."),
       r"เกิดเครือข่าย"),  # items 18 and 21
    _m("watchdog_communities", _("Watchdog communities"), "count", watchdog_communities,
       _("Communities watching for corruption active in the period."),
       r"ชุมชนเฝ้าระวังการทุจริต"),  # item 20
    _m("control_report", _("Internal control report"), "count", control_report,
       _("Internal control reports certified by the head (ปค.1) within the period (the report on the year before)."),
       r"^มีรายงานการประเมินผลการควบคุมภายใน"),  # item 22 (not its satisfaction outcome)
    _m("control_report_published", _("Internal control report published"), "count", control_report_published,
       _("Internal control reports published within the period."),
       r"เผยแพร่รายงานการควบคุมภายใน"),  # item 22 outcome
    _m("control_improvements_done", _("Internal control improvements done"), "percent", control_improvements_done,
       _("Share of the improvements planned in the previous year's report (ปค.5) done by the end of the period."),
       r"แผนปรับปรุงงาน"),  # item 22: "…ร้อยละ 80 ได้ดำเนินการแก้ไข"
    _m("ethics_code_channels", _("Channels the code of ethics was published on"), "count", ethics_code_channels,
       _("Distinct channels the code of ethics in force was published on by the end of the period."),
       r"เผยแพร่ประมวลจริยธรรม"),  # item 1: "…อย่างน้อย 3 ช่องทาง"
    _m("ethics_acknowledged", _("Staff who acknowledged the code of ethics"), "percent", ethics_acknowledged,
       _("Share of active staff who acknowledged the code of ethics in force by the end of the period.")),
    _m("ethics_activities", _("Ethics drive activities"), "count", ethics_activities,
       _("Activities of the yearly ethics drive held in the period.")),
    _m("hr_measures", _("HR management measures published"), "count", hr_measures,
       _("HR management policies (the measures of item 10) published in the period."),
       r"มาตรการดำเนินงานด้านบริหารงานบุคคล"),  # item 10: "…จำนวน 1 มาตรการ"
    _m("salary_rounds_published", _("Salary-promotion rounds published"), "count", salary_rounds_published,
       _("Salary-promotion rounds of the fiscal year whose criteria and results were both published.")),
    _m("salary_appeals_reduction", _("Fewer appeals against salary promotion"), "percent", salary_appeals_reduction,
       _("How much fewer appeals against salary promotion than in the fiscal year before (percent)."),
       r"อุทธรณ์.*เลื่อนขั้นเงินเดือน"),  # a plan that counts appeals (the seed's item 11 counts complaints)
    _m("committee_terms_honoured", _("Committee members honoured after a full term"), "percent",
       committee_terms_honoured,
       _("Share of community committee members who completed their 4-year term in the period and were honoured."),
       r"ครบวาระ\s*4\s*ปี"),  # item 4: "…ได้รับการยกย่องเชิดชูเกียรติ ร้อยละ 100"
    _m("forum_issue_villages", _("Villages whose problems were heard"), "percent", forum_issue_villages,
       _("Share of villages whose community forums in the period recorded at least one issue and proposal."),
       r"ทราบปัญหาและความต้องการ"),  # item 18
    _m("forum_proposals_decided", _("Forum proposals taken into the local plan"), "percent",
       forum_proposals_decided,
       _("Share of the period's forum proposals put in the local development plan or carried out.")),
    _m("observer_invitations", _("Steps watched by community observers"), "count", observer_invitations,
       _("Procurement and budget steps a watchdog observer was invited to and attended in the period.")),
)  # fmt: skip


def register(registry):
    for measure in MEASURES:
        registry.add_measure(measure)
