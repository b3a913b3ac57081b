"""Rendered public pages read in Thai: no English left over from a missing translation, no internal
codes (lint codes, "---------" as a drop-down's first choice), no stray space in place names."""

import re
from html.parser import HTMLParser

import pytest

from sujarit.core import services
from sujarit.core.models import Role
from sujarit.core.registry import registry
from sujarit.core.tests.personas import make_staff

# Latin words a Thai government site writes in Latin: names of formats, programs and standards.
ALLOWED = {
    "pdf", "excel", "xlsx", "csv", "json", "atom", "rss", "oit", "ita", "kpi", "kpis", "api", "id", "qr",
    "e-mail", "email", "e-service", "line", "facebook", "www", "http", "https", "open", "data", "ocds",
    "nacc", "e-plannacc", "pdpa", "english", "word", "javascript", "openstreetmap", "address",
    # words of the demo plan itself (its text is the organization's, quoted as written)
    "no", "gift", "policy", "website", "cross", "check", "sujarit", "laemsom", "ocr", "sms", "url", "egp", "e-gp", "gps", "the",
}  # fmt: skip
CODE = re.compile(r"\b[a-z]+\.[a-z]+_[a-z_]+\b")  # summary.grand_total_mismatch
WORD = re.compile(r"[A-Za-z][A-Za-z\-]{2,}")


class _Text(HTMLParser):
    """The text a reader sees, and the options of drop-downs (skipping scripts and styles)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code", "kbd", "samp"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code", "kbd", "samp") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html):
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_words(text):
    # URLs, e-mail addresses and file names are not prose
    text = re.sub(r"\S+@\S+|\S+://\S+|\S+\.(pdf|xlsx|csv|json|jpg|png)\b|/\S*|\S*_\S*", " ", text)
    return sorted({w for w in WORD.findall(text) if w.lower() not in ALLOWED})


@pytest.fixture
def demo_org(org):
    admin = make_staff(org, "t_admin", Role.ADMIN)
    services.update_organization(org, by=admin, district="ปะเหลียน", province="ตรัง")
    for loader in registry.demo_loaders:
        loader.func(org)
    return org


def public_pages(org):
    s = org.slug
    return [
        f"/{s}/", f"/{s}/plan/", f"/{s}/plan/items/1/", f"/{s}/plan/goals/", f"/{s}/plan/summary/",
        f"/{s}/plan/reports/", f"/{s}/complaints/", f"/{s}/complaints/new/", f"/{s}/complaints/track/",
        f"/{s}/integrity/", f"/{s}/integrity/follow/", f"/{s}/disclosure/", f"/{s}/disclosure/news/",
        f"/{s}/disclosure/structure/", f"/{s}/disclosure/executives/", f"/{s}/disclosure/contact/",
        f"/{s}/disclosure/oit/board/",
    ]  # fmt: skip


@pytest.mark.django_db
def test_public_pages_read_in_thai(client, demo_org):
    leftovers = {}
    for url in public_pages(demo_org):
        resp = client.get(url, follow=True)
        assert resp.status_code == 200, url
        html = resp.content.decode()
        text = visible_text(html)
        found = english_words(text) + CODE.findall(text)
        if "---------" in html:
            found.append("---------")
        if re.search(r"อำเภอ\s+\S|จังหวัด\s+\S", text):
            found.append("space after อำเภอ/จังหวัด")
        if found:
            leftovers[url] = found
    assert not leftovers, leftovers
