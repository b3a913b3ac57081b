"""OIT evidence the disclosure module proves by itself (by topic; 2567 codes named for orientation).

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


def executives_missing(org, rows):
    """What the executives page lacks against ITA's requirement (chief and deputies with name,
    position, photo and contact)."""
    missing = []
    if len(rows) < 2:
        missing.append(_("the deputies (only one executive is listed)"))
    if any(not position for _name, position in rows):
        missing.append(_("the position of every executive"))
    # The profile keeps no photographs of people: the page cannot show them until someone publishes
    # them (a publication tagged with the item's code then proves the item).
    missing.append(_("a photograph of each executive"))
    if not (org.phone or org.email):
        missing.append(_("a phone number or e-mail to contact the executives"))
    return missing


def contact_missing(info):
    """What the contact page lacks against ITA's requirement (address, phone, e-mail, map)."""
    missing = []
    if not info["address"]:
        missing.append(_("the office address (and so the map)"))
    if not info["phone"]:
        missing.append(_("a phone number"))
    if not info["email"]:
        missing.append(_("an e-mail address"))
    return missing


def profile_evidence(org, fiscal_year):
    """Structure (with units), executives (when named), contact (any channel); each with what its
    requirement still lacks under "missing"."""
    if not Period.for_fiscal_year(fiscal_year).has_started:
        return []
    date = last_change(org)
    found = []
    if Unit.objects.for_org(org).exists():
        found.append(("structure", "โครงสร้างหน่วยงาน", "disclosure:structure", []))
    rows = executives(org)
    if rows:
        found.append(("executives", "ข้อมูลผู้บริหาร", "disclosure:executives", executives_missing(org, rows)))
    info = contact(org)
    if info["has_channel"]:
        found.append(("contact", "ข้อมูลการติดต่อ", "disclosure:contact", contact_missing(info)))
    return [
        {
            "topic": topic,
            "title": f"{title} {org.name}",
            "url": reverse(name, kwargs={"org_slug": org.slug}),
            "date": date,
            "missing": missing,
        }
        for topic, title, name, missing in found
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
            "topic": "qa",
            "title": "Q&A — กระดานถาม-ตอบ",
            "url": reverse("disclosure:qa", kwargs={"org_slug": org.slug}),
            "date": timezone.localdate(last),
        }
    ]


def register(registry):
    registry.add_oit_provider(
        OITProvider(
            "disclosure.profile",
            ("structure", "executives", "contact"),
            _("Structure, executives and contacts from the organization profile"),
            profile_evidence,
            "disclosure",
        )
    )
    registry.add_oit_provider(
        OITProvider("disclosure.qa", ("qa",), _("Q&A board"), qa_evidence, "disclosure")
    )
