"""OIT evidence of the Q&A board: O6 (Q&A) of the 2567 catalogue — a channel where outsiders ask and
get answers. Proven for a fiscal year once a question was answered on the board within it; dated by
the latest answer of that year.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sujarit.core.periods import Period
from sujarit.core.registry import OITProvider

from .models import Question


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
        OITProvider("disclosure.qa", ("O6",), _("Q&A board"), qa_evidence, "disclosure")
    )
