"""The public portal, without signing in: areas, years, OIT items, a publication with its history,
files (never a draft's), announcements and their feed, and the open-data API."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from sujarit.disclosure.models import Kind
from sujarit.disclosure.services import publishing

from .test_publishing import FY, make_doc, pdf, published

pytestmark = pytest.mark.django_db


def url(name, org, **kw):
    return reverse(f"disclosure:{name}", kwargs={"org_slug": org.slug, **kw})


def announce(org, officer, approver, title):
    pub = publishing.create(
        org,
        by=officer,
        kind=Kind.ANNOUNCEMENT,
        title=title,
        area="administration",
        fiscal_year=FY,
        body=title,
    )
    v = pub.versions.get()
    publishing.submit(v, by=officer)
    publishing.approve(v, by=approver)
    return pub


def test_portal_shows_areas_counts_and_announcements(client, org, unit_officer, executive):
    published(org, unit_officer, executive)
    announce(org, unit_officer, executive, "ประกาศรับสมัครพนักงานจ้าง")
    make_doc(org, unit_officer, title="ร่างที่ยังไม่อนุมัติ")
    resp = client.get(url("portal", org))
    assert resp.status_code == 200
    text = resp.content.decode()
    assert "ประกาศรับสมัครพนักงานจ้าง" in text
    assert "ร่างที่ยังไม่อนุมัติ" not in text
    areas = {value: n for value, _label, n in resp.context["areas"]}
    assert areas["budget"] == 1 and areas["administration"] == 1 and areas["hr"] == 0


def test_area_year_and_item_pages_list_public_publications(client, org, unit_officer, executive):
    pub = published(org, unit_officer, executive)
    for resp in (
        client.get(url("area", org, area="budget"), {"fy": FY}),
        client.get(url("year", org, fy=FY)),
        client.get(url("item", org, code="O16")),
        client.get(url("item", org, code="o16")),
    ):
        assert resp.status_code == 200
        assert pub.title in resp.content.decode()
    assert pub.title not in client.get(url("area", org, area="budget"), {"fy": FY - 1}).content.decode()
    assert pub.title not in client.get(url("item", org, code="O17")).content.decode()
    assert client.get(url("area", org, area="nope")).status_code == 404


def test_publication_page_shows_current_version_and_history(client, org, unit_officer, executive):
    pub = published(org, unit_officer, executive)
    v2 = publishing.revise(pub, by=unit_officer, upload=pdf("v2"), note="ฉบับแก้ไข")
    publishing.submit(v2, by=unit_officer)
    publishing.approve(v2, by=executive)
    resp = client.get(url("publication", org, pk=pub.pk))
    text = resp.content.decode()
    assert resp.status_code == 200
    assert url("file", org, pk=pub.pk, number=2) in text
    assert (
        url("version", org, pk=pub.pk, number=1) in text and url("version", org, pk=pub.pk, number=2) in text
    )
    old = client.get(url("version", org, pk=pub.pk, number=1))
    assert old.status_code == 200 and url("file", org, pk=pub.pk, number=1) in old.content.decode()
    f1 = client.get(url("file", org, pk=pub.pk, number=1))
    assert f1.status_code == 200 and b"".join(f1.streaming_content).endswith(b"%%EOF\n")
    assert f1["X-Content-Type-Options"] == "nosniff" and "v1.pdf" in f1["Content-Disposition"]


def test_drafts_are_never_served(client, org, unit_officer, executive):
    draft = make_doc(org, unit_officer)
    assert client.get(url("publication", org, pk=draft.pk)).status_code == 404
    assert client.get(url("file", org, pk=draft.pk, number=1)).status_code == 404
    pub = published(org, unit_officer, executive)
    publishing.revise(pub, by=unit_officer, upload=pdf("v2"))
    assert client.get(url("version", org, pk=pub.pk, number=2)).status_code == 404
    assert client.get(url("file", org, pk=pub.pk, number=2)).status_code == 404


def test_withdrawn_publication_leaves_lists_but_keeps_its_page(client, org, unit_officer, executive):
    pub = published(org, unit_officer, executive)
    publishing.withdraw(pub, by=executive, reason="เผยแพร่ผิดเดือน")
    for name, kw in (("portal", {}), ("year", {"fy": FY}), ("item", {"code": "O16"})):
        assert pub.title not in client.get(url(name, org, **kw)).content.decode(), name
    page = client.get(url("publication", org, pk=pub.pk)).content.decode()
    assert "เผยแพร่ผิดเดือน" in page and url("version", org, pk=pub.pk, number=1) in page
    assert client.get(url("version", org, pk=pub.pk, number=1)).status_code == 200


def test_other_orgs_publications_are_not_shown(client, org, other_org, unit_officer, executive):
    pub = published(org, unit_officer, executive)
    assert client.get(url("publication", other_org, pk=pub.pk)).status_code == 404
    assert pub.title not in client.get(url("portal", other_org)).content.decode()


def test_news_newest_first_and_atom_feed(client, org, unit_officer, executive):
    announce(org, unit_officer, executive, "ประกาศฉบับแรก")
    announce(org, unit_officer, executive, "ประกาศฉบับที่สอง")
    text = client.get(url("news", org)).content.decode()
    assert text.index("ประกาศฉบับที่สอง") < text.index("ประกาศฉบับแรก")
    resp = client.get(url("news_feed", org))
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(resp.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == [
        "ประกาศฉบับที่สอง",
        "ประกาศฉบับแรก",
    ]


def test_list_pages_query_counts_do_not_grow(
    client, org, unit_officer, executive, django_assert_max_num_queries
):
    for n in range(12):
        published(org, unit_officer, executive, title=f"รายงานฉบับที่ {n}", oit_codes=["O16", "O17"])
        announce(org, unit_officer, executive, f"ประกาศ {n}")
    pages = [
        url("portal", org),
        url("area", org, area="budget"),
        url("year", org, fy=FY),
        url("item", org, code="O16"),
        url("news", org),
        url("news_feed", org),
    ]
    for page in pages:
        with django_assert_max_num_queries(8):
            assert client.get(page).status_code == 200, page


def test_api_lists_public_publications_with_filters(client, org, unit_officer, executive):
    pub = published(org, unit_officer, executive)
    make_doc(org, unit_officer, title="ร่าง")
    announce(org, unit_officer, executive, "ประกาศ")
    base = f"/api/v1/orgs/{org.slug}/publications"
    data = client.get(base).json()
    assert data["count"] == 2 and {r["title"] for r in data["results"]} == {pub.title, "ประกาศ"}
    data = client.get(base, {"oit": "o16", "fiscal_year": FY, "area": "budget", "kind": "document"}).json()
    assert [r["id"] for r in data["results"]] == [pub.pk] and data["results"][0]["oit_codes"] == ["O16"]
    assert client.get(base, {"page_size": 1, "page": 2}).json()["results"]
    assert client.get(base, {"area": "x"}).status_code == 400
    huge = client.get(base, {"page": "99999999999999999999"})  # beyond what a database offset can hold
    assert huge.status_code == 400 and huge.json()["code"] == "bad_page"
    assert client.get("/api/v1/orgs/nope/publications").status_code == 404


def test_api_detail_lists_published_versions_only(client, org, unit_officer, executive):
    pub = published(org, unit_officer, executive)
    publishing.revise(pub, by=unit_officer, upload=pdf("v2"))
    data = client.get(f"/api/v1/orgs/{org.slug}/publications/{pub.pk}").json()
    assert [v["number"] for v in data["versions"]] == [1]
    assert data["versions"][0]["sha256"] == pub.current_version.sha256
    assert data["versions"][0]["file_url"].endswith(url("file", org, pk=pub.pk, number=1))
    draft = make_doc(org, unit_officer)
    assert client.get(f"/api/v1/orgs/{org.slug}/publications/{draft.pk}").status_code == 404


def test_odd_fiscal_years_in_the_address_fall_back_to_this_year(client, org):
    page = reverse("disclosure:area", kwargs={"org_slug": org.slug, "area": "budget"})
    for fy in ("99999999999999999999", "²", "x", "-1"):
        assert client.get(page, {"fy": fy}).status_code == 200, fy
