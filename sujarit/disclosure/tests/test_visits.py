"""Visitor statistics: a daily number per page group, nothing about the visitor."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from sujarit.core.models import AuditEvent

from ..models import PageGroup, VisitCount
from ..queries import visits as visit_stats
from ..services import visits

BROWSER = "Mozilla/5.0 (Linux; Android 14; SM-A146P) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


def get(ua=BROWSER, method="get"):
    return getattr(RequestFactory(), method)("/", HTTP_USER_AGENT=ua, REMOTE_ADDR="203.0.113.9")


def test_views_are_counted_per_day_and_group(org):
    for _i in range(3):
        visits.count(get(), org, PageGroup.PORTAL)
    visits.count(get(), org, PageGroup.QA)
    counts = dict(VisitCount.objects.values_list("group", "count"))
    assert counts == {"portal": 3, "qa": 1}


@pytest.mark.parametrize(
    "ua",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "curl/8.5.0",
        "python-requests/2.31",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 HeadlessChrome/120",
    ],
)
def test_robots_are_not_counted(org, ua):
    visits.count(get(ua), org, PageGroup.PORTAL)
    assert not VisitCount.objects.exists()


def test_posts_and_unknown_groups_are_not_counted(org):
    visits.count(get(method="post"), org, PageGroup.PORTAL)
    visits.count(get(), org, "admin")
    assert not VisitCount.objects.exists()


def test_nothing_about_the_visitor_is_stored(org):
    visits.count(get(), org, PageGroup.INFOCENTRE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM disclosure_visitcount")
        rows = cursor.fetchall()
    assert rows and not any("203.0.113.9" in str(r) or "Android" in str(r) for r in rows)
    assert not any("203.0.113.9" in str(e.data) or "Android" in str(e.data) for e in AuditEvent.objects.all())
    columns = {f.name for f in VisitCount._meta.get_fields()}
    assert columns == {"id", "org", "day", "group", "count"}


def test_monthly_summary_of_a_fiscal_year(org):
    visits.add(org, PageGroup.PORTAL, day=dt.date(2023, 10, 5), n=10)
    visits.add(org, PageGroup.PORTAL, day=dt.date(2023, 10, 6), n=5)
    visits.add(org, PageGroup.QA, day=dt.date(2024, 9, 30), n=2)
    visits.add(org, PageGroup.QA, day=dt.date(2024, 10, 1), n=99)  # FY 2568
    months = visit_stats.monthly(org, 2567)
    assert [m["label"] for m in months][:2] == ["ต.ค. 2566", "พ.ย. 2566"]
    assert months[0]["groups"]["portal"] == 15 and months[0]["total"] == 15
    assert months[-1]["groups"]["qa"] == 2
    assert sum(m["total"] for m in months) == 17  # the 99 views of FY 2568 are not counted


def test_other_organizations_counts_stay_apart(org, other_org):
    visits.count(get(), org, PageGroup.PORTAL)
    visits.count(get(), other_org, PageGroup.PORTAL)
    visits.count(get(), other_org, PageGroup.PORTAL)
    assert visit_stats.monthly(org, 2567) and VisitCount.objects.get(org=org).count == 1


def test_the_infocentre_and_board_pages_count_themselves_and_show_the_summary(client, org):
    client.get(reverse("disclosure:qa", kwargs={"org_slug": org.slug}), HTTP_USER_AGENT=BROWSER)
    page = client.get(
        reverse("disclosure:infocentre", kwargs={"org_slug": org.slug}), HTTP_USER_AGENT=BROWSER
    )
    assert dict(VisitCount.objects.values_list("group", "count")) == {"qa": 1, "infocentre": 1}
    assert 'id="visit-total">2<' in page.content.decode()
    client.get(reverse("disclosure:qa", kwargs={"org_slug": org.slug}), HTTP_USER_AGENT="Googlebot")
    assert VisitCount.objects.get(group="qa").count == 1


def test_portal_and_publication_pages_count_their_visitors(client, org):
    from django.urls import reverse

    from sujarit.disclosure.models import PageGroup, VisitCount

    browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 10) Chrome/120 Mobile"}
    client.get(reverse("disclosure:portal", kwargs={"org_slug": org.slug}), **browser)
    client.get(reverse("disclosure:news", kwargs={"org_slug": org.slug}), **browser)
    client.get(reverse("disclosure:publication", kwargs={"org_slug": org.slug, "pk": 999}), **browser)  # 404
    counts = dict(VisitCount.objects.filter(org=org).values_list("group", "count"))
    assert counts.get(PageGroup.PORTAL) == 2 and PageGroup.PUBLICATION not in counts
