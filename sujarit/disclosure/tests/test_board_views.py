"""The OIT board on the demo organization's shape: what the platform proves by itself, with working links."""

import pytest
from django.urls import reverse

from sujarit.complaints.tests.conftest import keyed_integrity_officer, policy  # noqa: F401
from sujarit.core import services, thai
from sujarit.core.models import Role
from sujarit.core.tests.personas import make_staff
from sujarit.disclosure.models import ITAResult, OITOwner
from sujarit.disclosure.queries import compliance
from sujarit.disclosure.services import catalogue
from sujarit.plans import demo as plans_demo

# What the platform proves by itself, by topic: each year's catalogue maps them to its own codes.
PROVEN_BY_PLATFORM = {"complaint manual", "complaint channel", "complaint statistics", "anti-corruption plan"}
CURRENT = thai.current_fiscal_year()


def proven_by_platform(rows):
    return {r["item"].code for r in rows if set(r["item"].topics) & PROVEN_BY_PLATFORM}


@pytest.fixture
def demo_org(org, admin_user, keyed_integrity_officer):  # noqa: F811
    """อบต.แหลมสอม as `sujarit demo` makes it: profile, units, an executive, the seed plan, complaints on."""
    services.update_organization(
        org, by=admin_user, address="99 หมู่ 1", phone="0 7500 0000", email="saraban@laemsom.go.th",
        head_name="นายสมชาย ใจดี", head_title="นายกองค์การบริหารส่วนตำบลแหลมสอม",
    )  # fmt: skip
    make_staff(org, "t_exec", Role.EXECUTIVE)
    plans_demo.load(org)
    return org


def test_current_board_proves_what_the_platform_holds_and_says_what_is_missing(client, demo_org):
    url = reverse("disclosure:oit", kwargs={"org_slug": demo_org.slug, "year": CURRENT})
    response = client.get(url)
    assert response.status_code == 200
    rows = compliance.board(demo_org, CURRENT)
    by_code = {r["item"].code: r for r in rows}
    proven = {r["item"].code for r in rows if r["status"] == "proven"}
    assert len(proven_by_platform(rows)) == 4 and proven_by_platform(rows) <= proven
    page = response.content.decode()
    for row in rows:
        assert f'id="{row["item"].code}"' in page
        if row["item"].code in proven:
            assert row["evidence"], row["item"].code
            for e in row["evidence"]:
                assert e["url"] in page.replace("&amp;", "&")
                assert client.get(e["url"]).status_code == 200, (row["item"].code, e["url"])
                assert e["date"] is not None
    executives = next(r for r in rows if "executives" in r["item"].topics)
    assert executives["status"] == "incomplete"  # one executive named, no photographs: ITA says no
    assert "รูปถ่ายของผู้บริหารแต่ละคน" in executives["unmet"]
    assert "รูปถ่ายของผู้บริหารแต่ละคน" in page
    assert by_code["O3"]["status"] == "incomplete"  # contact complete, but no Q&A answered yet
    assert "ยังไม่ยืนยัน" in page and "เผยแพร่ล่าช้า" in page  # the summary counts late items


def test_the_same_evidence_goes_late_on_a_past_board(demo_org):
    """The 2567 board is of a year that has ended: the contact page was made today, after it; the
    year's complaint statistics are dated within it and still prove 2567 O23 (2568 O19)."""
    rows = {r["item"].code: r for r in compliance.board(demo_org, 2567)}
    assert rows["O4"]["status"] == "late" and rows["O4"]["evidence"][0]["late"]
    assert rows["O23"]["status"] == "proven"
    assert {r["item"].code: r for r in compliance.board(demo_org, 2568)}["O19"]["status"] == "proven"


def test_api_returns_every_item_with_status_evidence_and_dates(client, demo_org):
    response = client.get(f"/api/v1/orgs/{demo_org.slug}/oit")
    assert response.status_code == 200
    data = response.json()
    assert data["assessment_year"] == CURRENT  # the default is the running assessment year
    by_code = {i["code"]: i for i in data["items"]}
    rows = compliance.board(demo_org, CURRENT)
    for code in proven_by_platform(rows):
        item = by_code[code]
        assert item["status"] == "proven" and not item["verified"]
        assert item["evidence"][0]["url"].startswith("/") and item["evidence"][0]["date"]
    assert data["counts"]["total"] == len(rows)
    assert data["counts"]["incomplete"] >= 1 and any(i["unmet"] for i in data["items"])


def test_api_unknown_year_is_a_thai_400_and_unknown_org_404(client, org):
    response = client.get(f"/api/v1/orgs/{org.slug}/oit?year=2400")
    assert response.status_code == 400
    assert "ไม่มีรายการตรวจ OIT ของปี 2400" in response.json()["detail"]
    assert client.get("/api/v1/orgs/nowhere/oit?year=2567").status_code == 404


def test_without_complaints_configured_their_items_are_left_to_manual_evidence(client, org):
    rows = {r["item"].code: r for r in compliance.board(org, 2567)}
    assert rows["O22"]["status"] == "missing"  # no integrity officer holds a key: the channel is shut
    assert rows["O4"]["status"] == "missing"  # no address, phone or e-mail in the profile


def test_structure_executives_and_contact_pages_show_the_profile(client, demo_org):
    slug = {"org_slug": demo_org.slug}
    structure = client.get(reverse("disclosure:structure", kwargs=slug)).content.decode()
    assert "สำนักปลัด" in structure and "t_integrity" in structure
    executives = client.get(reverse("disclosure:executives", kwargs=slug)).content.decode()
    assert "นายสมชาย ใจดี" in executives and "t_exec" in executives
    contact = client.get(reverse("disclosure:contact", kwargs=slug)).content.decode()
    assert "0 7500 0000" in contact and "saraban@laemsom.go.th" in contact
    assert "openstreetmap.org/search?query=" in contact
    assert "<iframe" not in contact


def test_public_board_default_year_and_unknown_year(client, org):
    default = client.get(reverse("disclosure:oit", kwargs={"org_slug": org.slug}))
    assert default.status_code == 200 and default.context["catalogue"].year == CURRENT
    for year in (2569, CURRENT):
        assert (
            client.get(reverse("disclosure:oit", kwargs={"org_slug": org.slug, "year": year})).status_code
            == 200
        )
    assert (
        client.get(reverse("disclosure:oit", kwargs={"org_slug": org.slug, "year": 2400})).status_code == 404
    )


def test_staff_board_shows_owners_and_counts(client, demo_org, coordinator):
    unit = services.ensure_unit(demo_org, "กองคลัง")
    client.force_login(coordinator)
    url = reverse(
        "disclosure_staff:owner_set", kwargs={"org_slug": demo_org.slug, "year": 2567, "code": "O16"}
    )
    response = client.post(url, {"unit": unit.pk})
    assert response.status_code == 302
    assert OITOwner.objects.get(org=demo_org, code="O16").unit == unit
    page = client.get(reverse("disclosure_staff:board", kwargs={"org_slug": demo_org.slug, "year": 2567}))
    assert page.status_code == 200
    assert "กองคลัง" in page.content.decode()
    assert page.context["counts"]["total"] == 33


def test_owner_of_another_org_unit_is_refused(client, org, other_org, coordinator):
    foreign = services.ensure_unit(other_org, "กองคลัง")
    client.force_login(coordinator)
    url = reverse("disclosure_staff:owner_set", kwargs={"org_slug": org.slug, "year": 2567, "code": "O16"})
    client.post(url, {"unit": foreign.pk})
    assert not OITOwner.objects.filter(org=org).exists()


def test_staff_pages_refuse_anonymous_and_officers_without_permission(client, org, auditor, unit_officer):
    board = reverse("disclosure_staff:board", kwargs={"org_slug": org.slug})
    assert client.get(board).status_code == 302  # to sign-in
    client.force_login(auditor)
    assert client.get(board).status_code == 200  # auditors may read the board
    cat = reverse("disclosure_site:catalogue", kwargs={"year": 2567})
    assert client.get(cat).status_code == 403
    client.force_login(unit_officer)
    ita_url = reverse("disclosure_staff:ita", kwargs={"org_slug": org.slug})
    assert client.post(ita_url, {"year": 2567, "total": "90"}).status_code == 403
    assert not ITAResult.objects.exists()


def test_catalogue_item_edit_and_copy_year(client, platform_operator):
    catalogue.load()
    client.force_login(platform_operator)
    url = reverse("disclosure_site:catalogue_item", kwargs={"year": 2568, "code": "O5"})
    data = {"title": "ข่าวประชาสัมพันธ์", "area": "basic", "frequency": "monthly", "requirement": "ทุกเดือน",
            "previous_code": "O5", "order": 5}  # fmt: skip
    assert client.post(url, data).status_code == 302
    copy = reverse("disclosure_site:catalogue", kwargs={"year": 2568})
    assert client.post(copy, {"source": 2568, "year": 2572}).status_code == 302
    new = catalogue.catalogue_for(2572)
    assert new.items.count() == 27
    assert new.items.get(code="O5").frequency == "monthly"
    again = client.post(copy, {"source": 2568, "year": 2572})
    assert again.status_code == 400
    assert "มีอยู่แล้ว" in again.content.decode() or "already exists" in again.content.decode()


def test_board_pages_keep_their_query_count(client, demo_org, coordinator, django_assert_max_num_queries):
    catalogue.load()
    url = reverse("disclosure:oit", kwargs={"org_slug": demo_org.slug, "year": 2567})
    client.get(url)  # warm the catalogue
    # One or two queries per evidence provider (finance, integrity and the public site added theirs);
    # the count must not grow with the number of documents.
    with django_assert_max_num_queries(48):
        assert client.get(url).status_code == 200
    client.force_login(coordinator)
    staff = reverse("disclosure_staff:board", kwargs={"org_slug": demo_org.slug, "year": 2567})
    with django_assert_max_num_queries(53):
        assert client.get(staff).status_code == 200


def test_another_organizations_administrator_cannot_change_this_organizations_board(
    client, org, other_org, other_org_officer
):
    """The catalogue is shared: an organization's staff, however senior, do not edit it (issue 8.8)."""
    catalogue.load()
    item = catalogue.catalogue_for(2567).items.get(code="O5")
    before = (item.title, item.frequency)
    client.force_login(other_org_officer)  # the administrator of *another* organization
    data = {"title": "ลบแล้ว", "area": "basic", "frequency": "monthly", "requirement": "",
            "previous_code": "", "order": 5}  # fmt: skip
    edits = [
        f"/{other_org.slug}/staff/disclosure/catalogue/2567/O5/",  # where the editor used to be
        reverse("disclosure_site:catalogue_item", kwargs={"year": 2567, "code": "O5"}),
    ]
    for url in edits:
        assert client.post(url, data).status_code in (403, 404), url
    item.refresh_from_db()
    assert (item.title, item.frequency) == before
    public = client.get(reverse("disclosure:oit", kwargs={"org_slug": org.slug, "year": 2567}))
    assert "ลบแล้ว" not in public.content.decode()


def test_menu_links_every_item_even_one_carried_over_under_last_years_number(client, org):
    """The public site's ITA menu on 2569's catalogue, whose items still bear 2568's numbers (68-O5)."""
    from sujarit.disclosure.models import DisclosurePolicy
    from sujarit.disclosure.queries.menu import oit_menu

    catalogue.ensure_loaded()
    DisclosurePolicy.objects.update_or_create(org=org, defaults={"assessment_year": 2569})
    menu = oit_menu(org)
    assert menu["year"] == 2569
    urls = {e["code"]: e["url"] for _label, entries in menu["areas"] for e in entries}
    board = reverse("disclosure:oit", kwargs={"org_slug": org.slug, "year": 2569})
    assert urls["68-O5"] == f"{board}#68-O5"
    assert urls["O3"] == reverse("disclosure:item", kwargs={"org_slug": org.slug, "code": "O3"})
    assert 'id="68-O5"' in client.get(board).content.decode()
