"""Public pages, the back office's forms and the red-flag review, with tenancy."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sujarit.core.models import AuditEvent
from sujarit.procurement.models import FlagReview, Method, Project, Vendor

from .helpers import egp_file, project, vendor


@pytest.fixture
def year(org):
    a, b = vendor(org, "หจก.หนึ่ง"), vendor(org, "หจก.สอง")
    project(org, method=Method.E_BIDDING, day=dt.date(2025, 1, 20), budget=500_000, ref=500_000, agreed=499_000,
            winner=a, bidders=[(a, 499_000)], name="จ้างก่อสร้างถนน")  # fmt: skip
    project(org, day=dt.date(2025, 3, 2), agreed=9_000, winner=b, bidders=[(b, 9_000)], name="จัดซื้อวัสดุ")
    return a, b


def test_the_public_page_lists_the_year_by_month(client, org, year):
    page = client.get(f"/{org.slug}/procurement/?fy=2568").content.decode()
    assert "จ้างก่อสร้างถนน" in page and "จัดซื้อวัสดุ" in page
    assert "ไม่มีการจัดซื้อจัดจ้าง" in page  # February 2568
    assert 'name="viewport"' in page


def test_the_public_month_page_and_its_files(client, org, year):
    page = client.get(f"/{org.slug}/procurement/2568-01/").content.decode()
    assert "จ้างก่อสร้างถนน" in page and "499,000" in page
    assert "ไม่มีการจัดซื้อจัดจ้าง" in client.get(f"/{org.slug}/procurement/2568-02/").content.decode()
    pdf = client.get(f"/{org.slug}/procurement/2568-01.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"/{org.slug}/procurement/2568-01.xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert client.get(f"/{org.slug}/procurement/2568-13/").status_code == 404
    assert client.get(f"/{org.slug}/procurement/2568-01.exe").status_code == 404


def test_the_public_page_shows_no_other_organization(client, org, other_org, year):
    assert "จ้างก่อสร้างถนน" not in client.get(f"/{other_org.slug}/procurement/2568-01/").content.decode()


def test_the_public_page_reads_in_a_fixed_number_of_queries(client, org, year, django_assert_max_num_queries):
    for i in range(10):
        project(org, day=dt.date(2025, 1, 3 + i), agreed=1000, winner=year[0], bidders=[(year[0], 1000)])
    with django_assert_max_num_queries(40):
        client.get(f"/{org.slug}/procurement/?fy=2568")
    with django_assert_max_num_queries(10):
        client.get(f"/{org.slug}/procurement/2568-01/")


def test_a_finance_officer_enters_a_vendor_and_a_project_with_thai_dates(client, org, finance_officer):
    client.force_login(finance_officer)
    base = f"/{org.slug}/staff/procurement"
    resp = client.post(f"{base}/vendors/new/", {"name": "หจก.ใหม่", "tax_id": "0-9940-00165-51-0",
                                                 "directors": "นายหนึ่ง | 1101700230708"})  # fmt: skip
    assert resp.status_code == 302
    v = Vendor.objects.get(name="หจก.ใหม่")
    assert v.tax_id == "0994000165510" and v.directors.get().id_number == "1101700230708"
    resp = client.post(
        f"{base}/projects/new/",
        {
            "egp_number": "68019000123", "name": "จัดซื้อครุภัณฑ์", "budget": "50000", "reference_price": "50000",
            "method": Method.SPECIFIC, "budget_source": "เงินงบประมาณ", "contract_date": "15/01/2568",
            "winner": v.pk, "agreed_price": "49000", "bids_text": "0994000165510 | 49,000",
        },
    )  # fmt: skip
    assert resp.status_code == 302, resp.content.decode()[:2000]
    p = Project.objects.get(egp_number="68019000123")
    assert p.contract_date == dt.date(2025, 1, 15) and p.agreed_price == Decimal("49000")
    assert AuditEvent.objects.filter(action="procurement.project_created", target_id=str(p.pk)).exists()
    page = client.get(f"{base}/projects/{p.pk}/").content.decode()
    assert 'value="15/01/2568"' in page  # shown in the Buddhist Era


def test_a_bad_tax_id_is_refused_in_thai_and_nothing_is_stored(client, org, finance_officer):
    client.force_login(finance_officer)
    resp = client.post(
        f"/{org.slug}/staff/procurement/vendors/new/", {"name": "x", "tax_id": "0994000165511"}
    )
    assert resp.status_code == 200 and "เลขตรวจสอบ" in resp.content.decode()
    assert not Vendor.objects.exists()


def test_the_import_page_reports_every_bad_line(client, org, finance_officer):
    from .helpers import EGP_HEADER_26, csv_file, egp_row

    client.force_login(finance_officer)
    bad = csv_file([EGP_HEADER_26, egp_row(1, tid="1.23457E+12"), egp_row(2)])
    resp = client.post(f"/{org.slug}/staff/procurement/import/", {"file": SimpleUploadedFile("x.csv", bad)})
    page = resp.content.decode()
    assert resp.status_code == 400 and "บรรทัด 2" in page and "เลขยกกำลัง" in page
    assert not Project.objects.exists()
    resp = client.post(
        f"/{org.slug}/staff/procurement/import/", {"file": SimpleUploadedFile("x.csv", egp_file(2))}
    )
    assert resp.status_code == 200 and Project.objects.count() == 2
    assert "e-GP" in resp.content.decode()
    assert client.get(f"/{org.slug}/staff/procurement/import/template.xlsx").content.startswith(b"PK")


def test_an_integrity_officer_records_a_flag_review_and_it_is_audited(client, org, year, integrity_officer):
    client.force_login(integrity_officer)
    page = client.get(f"/{org.slug}/staff/procurement/flags/?fy=2568").content.decode()
    assert "single_bidder" in page and "near_reference" in page
    p = Project.objects.get(name="จ้างก่อสร้างถนน")
    url = f"/{org.slug}/staff/procurement/flags/2568/single_bidder/p{p.pk}/"
    assert client.post(url, {"outcome": "explained", "note": ""}).status_code == 200  # a note is required
    assert not FlagReview.objects.exists()
    resp = client.post(url, {"outcome": "explained", "note": "ประกาศซ้ำสองครั้งแล้วมีผู้ยื่นรายเดียว"})
    assert resp.status_code == 302
    review = FlagReview.objects.get()
    assert (review.code, review.outcome, review.reviewed_by) == (
        "single_bidder",
        "explained",
        integrity_officer,
    )
    event = AuditEvent.objects.get(action="procurement.flag_reviewed")
    assert event.data["evidence"] == {"bidders": 1, "method": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"}
    assert "ประกาศซ้ำ" in client.get(f"/{org.slug}/staff/procurement/flags/?fy=2568").content.decode()


def test_the_finance_officer_cannot_clear_flags(client, org, year, finance_officer):
    client.force_login(finance_officer)
    p = Project.objects.get(name="จ้างก่อสร้างถนน")
    url = f"/{org.slug}/staff/procurement/flags/2568/single_bidder/p{p.pk}/"
    assert client.post(url, {"outcome": "explained", "note": "x"}).status_code == 403


def test_an_unknown_flag_is_404(client, org, year, integrity_officer):
    client.force_login(integrity_officer)
    assert client.get(f"/{org.slug}/staff/procurement/flags/2568/single_bidder/p999999/").status_code == 404


def test_staff_of_another_organization_see_nothing_of_ours(client, org, year, other_org, other_org_officer):
    client.force_login(other_org_officer)
    assert client.get(f"/{org.slug}/staff/procurement/").status_code == 403
    page = client.get(f"/{other_org.slug}/staff/procurement/?fy=2568").content.decode()
    assert "จ้างก่อสร้างถนน" not in page
    p = Project.objects.get(name="จ้างก่อสร้างถนน")
    assert client.get(f"/{other_org.slug}/staff/procurement/projects/{p.pk}/").status_code == 404


def test_the_api_lists_the_year(client, org, year):
    rows = client.get(f"/api/v1/orgs/{org.slug}/procurement/2568").json()
    assert {r["name"] for r in rows} == {"จ้างก่อสร้างถนน", "จัดซื้อวัสดุ"}
    assert client.get("/api/v1/orgs/nosuch/procurement/2568").status_code == 404
    assert client.get(f"/api/v1/orgs/{org.slug}/procurement/99").status_code == 400


def test_a_month_that_has_not_begun_has_no_summary_page(client, org):
    assert client.get(f"/{org.slug}/procurement/2999-01/").status_code == 404
    assert client.get(f"/{org.slug}/procurement/2999-01.pdf").status_code == 404


def test_editing_an_egp_project_without_bidders_keeps_it_winner_only(client, org, finance_officer):
    from sujarit.procurement.services.importing import import_file

    from .helpers import EGP_HEADER_26, csv_file, egp_row

    import_file(
        org,
        csv_file([EGP_HEADER_26, egp_row(1, method="ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)")]),
        "x.csv",
        by=None,
    )
    p = Project.objects.get()
    client.force_login(finance_officer)
    data = {"egp_number": p.egp_number, "name": p.name, "budget": "50000", "method": Method.E_BIDDING,
            "budget_source": "เงินงบประมาณ", "winner": p.winner_id, "agreed_price": "49500"}  # fmt: skip
    assert client.post(f"/{org.slug}/staff/procurement/projects/{p.pk}/", data).status_code == 302
    p.refresh_from_db()
    assert not p.bids_complete and p.bids.count() == 0


def test_the_year_in_the_ita_format_is_public(client, org, year):
    resp = client.get(f"/{org.slug}/procurement/ita-2568.csv")
    assert resp.status_code == 200 and "จ้างก่อสร้างถนน" in resp.content.decode("utf-8-sig")
    assert client.get(f"/{org.slug}/procurement/ita-2568.xlsx").content.startswith(b"PK")
    assert client.get(f"/{org.slug}/procurement/ita-2999.csv").status_code == 404
    assert client.get(f"/{org.slug}/procurement/ita-2568.exe").status_code == 404
