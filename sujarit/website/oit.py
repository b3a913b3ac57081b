"""OIT evidence the public site proves, only when the catalogue's requirement is met:

- O2 executives: at least one executive, each with name, position, photo and a contact (phone or e-mail);
- O4 contact: address, phone, e-mail and the office's place on a map (coordinates);
- O5 news: news or activities dated in the fiscal year.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.registry import OITProvider

from .models import Executive, ExecutiveGroup, Post, SiteSettings


def _url(org, name):
    return reverse(name, kwargs={"org_slug": org.slug})


def executives_evidence(org, fiscal_year):
    people = list(Executive.objects.for_org(org).filter(group=ExecutiveGroup.EXECUTIVE))
    if not people or any(not (p.photo_id and (p.phone or p.email)) for p in people):
        return []
    last = max(p.updated_at for p in people)
    return [
        {
            "topic": "executives",
            "title": "ข้อมูลผู้บริหาร",
            "url": _url(org, "website:executives"),
            "date": last.date(),
        }
    ]


def contact_evidence(org, fiscal_year):
    site = SiteSettings.objects.filter(org=org).first()
    if site is None or not (org.address and org.phone and org.email and site.latitude is not None):
        return []
    return [
        {
            "topic": "contact",
            "title": "ข้อมูลการติดต่อ",
            "url": _url(org, "website:contact"),
            "date": site.updated_at.date(),
        }
    ]


def news_evidence(org, fiscal_year):
    start, end = thai.fiscal_year_bounds(fiscal_year)
    found = Post.objects.for_org(org).filter(published_on__gte=start, published_on__lte=end)
    last = found.aggregate(last=Max("published_on"))["last"]
    if last is None:
        return []
    return [
        {
            "topic": "news",
            "title": f"ข่าวประชาสัมพันธ์และกิจกรรม ปีงบประมาณ {fiscal_year} ({found.count()} เรื่อง)",
            "url": _url(org, "website:news"),
            "date": last,
        }
    ]


def register(registry):
    for key, codes, label, func in (
        (
            "website.executives",
            ("executives",),
            _("Executives with photos and contacts on the public site"),
            executives_evidence,
        ),
        ("website.contact", ("contact",), _("Contact page with phone, e-mail and map"), contact_evidence),
        ("website.news", ("news",), _("News and activities on the public site"), news_evidence),
    ):
        registry.add_oit_provider(OITProvider(key, codes, label, func, "website"))
