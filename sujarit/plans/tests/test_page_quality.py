"""Pages any citizen or officer opens: no asset from another site, every form field labelled,
the language declared, a single h1 — checked on the real pages with the seed plan imported."""

from html.parser import HTMLParser

import pytest

from sujarit.core.models import Role
from sujarit.core.tests.personas import make_staff


class PageAudit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.foreign_assets, self.inputs, self.labels, self.h1, self.lang = [], [], set(), 0, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "h1":
            self.h1 += 1
        src = a.get("src") if tag in ("script", "img", "iframe", "source") else None
        href = a.get("href") if tag == "link" else None
        for url in (src, href):
            if url and (url.startswith("http:") or url.startswith("https:") or url.startswith("//")):
                self.foreign_assets.append(url)
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit", "button"):
            self.inputs.append(a)
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])


def audit(html):
    page = PageAudit()
    page.feed(html)
    return page


def assert_good_page(resp, url):
    assert resp.status_code == 200, url
    assert "Content-Security-Policy" in resp.headers
    page = audit(resp.content.decode())
    assert page.lang in ("th", "en"), url
    assert page.foreign_assets == [], f"{url} loads assets from other sites: {page.foreign_assets}"
    assert page.h1 == 1, f"{url} has {page.h1} h1 headings"
    unlabelled = [
        i
        for i in page.inputs
        if i.get("id") not in page.labels and not i.get("aria-label") and not i.get("title")
    ]
    assert unlabelled == [], f"{url} has form fields without a label: {unlabelled}"


@pytest.mark.django_db
def test_public_pages_are_self_contained_and_accessible(client, org, seed_plan):
    for url in [
        f"/{org.slug}/",
        f"/{org.slug}/plan/",
        f"/{org.slug}/plan/items/1/",
        f"/{org.slug}/plan/items/27/",
        f"/{org.slug}/plan/goals/",
        f"/{org.slug}/plan/summary/",
        f"/{org.slug}/plan/reports/",
        "/accounts/login/",
    ]:
        assert_good_page(client.get(url), url)


@pytest.mark.django_db
def test_back_office_pages_are_self_contained_and_accessible(client, org, seed_plan):
    client.force_login(make_staff(org, "qa_admin", Role.ADMIN))
    coordinator = make_staff(org, "qa_coord", Role.PLAN_COORDINATOR)
    for url in [
        f"/{org.slug}/staff/",
        f"/{org.slug}/staff/people/",
        f"/{org.slug}/staff/people/add/",
        f"/{org.slug}/staff/organization/",
        f"/{org.slug}/staff/audit/",
        f"/{org.slug}/staff/plan/",
        f"/{org.slug}/staff/plan/import/",
        f"/{org.slug}/staff/plan/lint/",
        f"/{org.slug}/staff/plan/monitoring/",
    ]:
        assert_good_page(client.get(url), url)
    client.force_login(coordinator)
    for url in [f"/{org.slug}/staff/plan/kpis/", f"/{org.slug}/staff/plan/items/1/report/2567/6/"]:
        assert_good_page(client.get(url), url)
