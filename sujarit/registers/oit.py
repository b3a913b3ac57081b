"""OIT evidence the registers prove (by topic; the 2567 codes are named for orientation):

O28 การประเมินความเสี่ยงการทุจริตประจำปี — the published assessment of the fiscal year;
O29 การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต — its treatments and their progress (same page);
O24 การเปิดโอกาสให้เกิดการมีส่วนร่วม — the community forums held in the fiscal year, and their proposals
    with what became of each in the local development plan;
O18–O20 the HR policy, criteria and plan, and the yearly HR report.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.registry import OITProvider

from . import queries


def risk_evidence(org, fiscal_year):
    """The published fraud-risk assessment (O28) and the report of its treatments (O29)."""
    evidence = []
    for assessment in queries.published_assessments(org).filter(fiscal_year=fiscal_year, kind="fraud"):
        url = reverse("registers:assessment", kwargs={"org_slug": org.slug, "pk": assessment.pk})
        evidence.append(
            {
                "topic": "risk assessment",
                "title": assessment.title,
                "url": url,
                "date": assessment.published_on,
            }
        )
        last_done = queries.treatments_of_year(org, fiscal_year).aggregate(last=Max("done_on"))["last"]
        evidence.append(
            {
                "topic": "risk treatment",
                "title": f"มาตรการและผลการดำเนินการจัดการความเสี่ยงการทุจริต ปีงบประมาณ พ.ศ. {fiscal_year}",
                "url": url + "#treatments",
                "date": last_done or assessment.published_on,
            }
        )
    return evidence


def bribery_evidence(org, fiscal_year):
    """The bribery-risk assessment ITA 2568 asks for, published, with its treatments (O28)."""
    evidence = []
    for assessment in queries.published_assessments(org).filter(fiscal_year=fiscal_year, kind="bribery"):
        url = reverse("registers:assessment", kwargs={"org_slug": org.slug, "pk": assessment.pk})
        evidence.append(
            {"topic": "bribery risk", "title": assessment.title, "url": url, "date": assessment.published_on}
        )
    return evidence


def forum_evidence(org, fiscal_year):
    start, end = thai.fiscal_year_bounds(int(fiscal_year))
    last = queries.forums_between(org, start, end).aggregate(last=Max("held_on"))["last"]
    if last is None:
        return []
    url = reverse("registers:index", kwargs={"org_slug": org.slug}) + f"?year={fiscal_year}#forums"
    title = f"การจัดเวทีประชาคมหมู่บ้าน ปีงบประมาณ พ.ศ. {fiscal_year}"
    return [{"topic": "participation", "title": title, "url": url, "date": last}]


HR_TOPICS = {"policy": "hr policy", "criteria": "hr criteria", "plan": "hr policy", "report": "hr report"}


def hr_evidence(org, fiscal_year):
    """The HR policy (O18), criteria and HR plan (O19) and the yearly HR report (O20) published."""
    url = reverse("registers:index", kwargs={"org_slug": org.slug}) + f"?year={fiscal_year}#hr"
    return [
        {"topic": HR_TOPICS[d.kind], "title": d.title, "url": d.link or url, "date": d.published_on}
        for d in queries.hr_documents(org, int(fiscal_year))
    ]


def proposals_evidence(org, fiscal_year):
    """The forums' proposals and what became of each in the local development plan (O24)."""
    start, end = thai.fiscal_year_bounds(int(fiscal_year))
    last = queries.forum_issues_between(org, start, end).aggregate(last=Max("decided_on"))["last"]
    if last is None:
        return []
    url = reverse("registers:index", kwargs={"org_slug": org.slug}) + f"?year={fiscal_year}#proposals"
    title = f"ข้อเสนอจากเวทีประชาคมและผลการบรรจุในแผนพัฒนาท้องถิ่น ปีงบประมาณ พ.ศ. {fiscal_year}"
    return [{"topic": "participation", "title": title, "url": url, "date": last}]


def register(registry):
    registry.add_oit_provider(
        OITProvider(
            "registers.risk",
            ("risk assessment", "risk treatment"),
            _("Fraud risk assessment and its treatment"),
            risk_evidence,
            "registers",
        )
    )
    registry.add_oit_provider(
        OITProvider(
            "registers.bribery",
            ("bribery risk",),
            _("Bribery risk assessment (ITA 2568)"),
            bribery_evidence,
            "registers",
        )
    )
    registry.add_oit_provider(
        OITProvider(
            "registers.forums", ("participation",), _("Community forums"), forum_evidence, "registers"
        )
    )
    registry.add_oit_provider(
        OITProvider(
            "registers.hr",
            ("hr policy", "hr criteria", "hr report"),
            _("HR transparency documents"),
            hr_evidence,
            "registers",
        )
    )
    registry.add_oit_provider(
        OITProvider(
            "registers.proposals",
            ("participation",),
            _("Forum proposals and their outcome"),
            proposals_evidence,
            "registers",
        )
    )
