"""OIT evidence the disclosure module proves by itself (codes of the 2567 catalogue).

- O1 structure, O2 executives, O4 contacts ("disclosure.profile"): public pages rendered from the
  units, people and profile the core keeps (views/public/profile.py); nothing is uploaded for them.
  Dated by the last change of the profile, its units or its people in the audit log.
- O6 Q&A ("disclosure.qa"): a channel where outsiders ask and get answers. Proven for a fiscal year
  once a question was answered on the board within it; dated by the latest answer of that year.

Publications tagged with an item's code are evidence too, but the compliance board reads them
directly (queries/compliance.py), so they need no provider.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Unit
from sujarit.core.periods import Period
from sujarit.core.registry import OITProvider

from .models import Question
from .queries.profile import contact, executives, last_change


def profile_evidence(org, fiscal_year):
    """O1 structure (with units), O2 executives (when named), O4 contacts (address, phone or e-mail)."""
    if not Period.for_fiscal_year(fiscal_year).has_started:
        return []
    date = last_change(org)
    found = []
    if Unit.objects.for_org(org).exists():
        found.append(("O1", "โครงสร้างหน่วยงาน", "disclosure:structure"))
    if executives(org):
        found.append(("O2", "ข้อมูลผู้บริหาร", "disclosure:executives"))
    if contact(org)["has_channel"]:
        found.append(("O4", "ข้อมูลการติดต่อ", "disclosure:contact"))
    return [
        {
            "oit": code,
            "title": f"{title} {org.name}",
            "url": reverse(name, kwargs={"org_slug": org.slug}),
            "date": date,
        }
        for code, title, name in found
    ]


def qa_evidence(org, fiscal_year):
    """O6: the public board, dated by the latest answer published in the fiscal year."""
    start, end = Period.for_fiscal_year(fiscal_year).datetime_bounds()
    last = (
        Question.objects.for_org(org)
        .public()
        .filter(answered_at__gte=start, answered_at__lt=end)
        .aggregate(last=Max("answered_at"))["last"]
    )
    if last is None:
        return []
    return [
        {
            "oit": "O6",
            "title": "Q&A — กระดานถาม-ตอบ",
            "url": reverse("disclosure:qa", kwargs={"org_slug": org.slug}),
            "date": timezone.localdate(last),
        }
    ]


def register(registry):
    registry.add_oit_provider(
        OITProvider(
            "disclosure.profile",
            ("O1", "O2", "O4"),
            _("Structure, executives and contacts from the organization profile"),
            profile_evidence,
            "disclosure",
        )
    )
    registry.add_oit_provider(
        OITProvider("disclosure.qa", ("O6",), _("Q&A board"), qa_evidence, "disclosure")
    )
