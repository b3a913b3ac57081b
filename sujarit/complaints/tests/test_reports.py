"""The 6- and 12-month complaint summary reports: figures, problem analysis, page, PDF, Excel, access."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from sujarit.complaints.documents import reports
from sujarit.complaints.models import Kind

from .test_stats import YEAR, make_case, year_cases  # noqa: F401

ORG = "องค์การบริหารส่วนตำบลแหลมสอม"
PLACE = "หน้าโรงเรียนบ้านแหลมสอม หมู่ 3"
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")


def pdftotext(data, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True).stdout.decode()


@pytest.fixture
def repeated(org, categories, year_cases):  # noqa: F811
    """Two more road complaints at one place in the first half year (one by its GPS pair)."""
    road = categories["road"]
    make_case(org, received=dt.date(2024, 12, 1), category=road, location=PLACE)
    make_case(org, received=dt.date(2024, 12, 9), category=road, location=f"  {PLACE} ")
    make_case(org, received=dt.date(2025, 1, 5), category=road, lat="7.123401", lon="99.654301")
    make_case(org, received=dt.date(2025, 1, 6), category=road, lat="7.123420", lon="99.654320")


def test_six_month_round_counts_october_to_march_only(org, year_cases):  # noqa: F811
    six = reports.build(org, YEAR, 6)
    twelve = reports.build(org, YEAR, 12)
    assert six.general["total"] == 3 and twelve.general["total"] == 4
    assert len(six.general["by_month"]) == 6 and len(twelve.general["by_month"]) == 12
    assert six.integrity["total"] == 2 and six.substantiated == 1
    assert six.title == f"รายงานสรุปผลการจัดการเรื่องร้องเรียน รอบ 6 เดือน ปีงบประมาณ พ.ศ. {YEAR}"


def test_problem_analysis_names_the_top_category_late_answers_and_repeated_places(org, repeated):
    report = reports.build(org, YEAR, 12)
    assert report.top_categories[0]["label"] == "ถนนชำรุด" and report.top_categories[0]["count"] == 7
    text = " ".join(report.findings)
    assert "ถนนชำรุด" in text and "ตุลาคม 2567" in text
    assert {r["count"] for r in report.repeats} == {2} and len(report.repeats) == 2
    assert any(PLACE in r["place"] for r in report.repeats)
    assert PLACE in text
    assert report.recommendations


def test_public_copy_leaves_places_out(client, org, repeated):
    report = reports.build(org, YEAR, 12, public=True)
    assert report.repeats == [] and PLACE not in " ".join(report.findings)
    resp = client.get(f"/{org.slug}/complaints/reports/{YEAR}/12/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "ถนนชำรุด" in html and PLACE not in html and "<svg" in html


def test_public_report_index_and_unknown_round(client, org, year_cases):  # noqa: F811
    resp = client.get(f"/{org.slug}/complaints/reports/")
    assert resp.status_code == 200
    assert f"/complaints/reports/{YEAR}/6/" in resp.content.decode()
    assert client.get(f"/{org.slug}/complaints/reports/{YEAR}/9/").status_code == 404
    assert client.get(f"/{org.slug}/complaints/reports/12/12/").status_code == 404
    assert client.get(f"/{org.slug}/complaints/reports/2999/6/").status_code == 404  # not begun


def test_staff_report_needs_the_reports_permission(client, org, repeated, executive, council_member, citizen):
    url = f"/{org.slug}/staff/complaints/reports/{YEAR}/12/"
    assert client.get(url).status_code == 302  # to sign-in
    client.force_login(council_member)
    assert client.get(url).status_code == 403
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    client.force_login(executive)
    resp = client.get(url)
    assert resp.status_code == 200 and PLACE in resp.content.decode()
    assert client.get(f"/{org.slug}/staff/complaints/reports/").status_code == 200


def test_other_org_officer_cannot_open_the_staff_report(client, org, year_cases, other_org_officer):  # noqa: F811
    client.force_login(other_org_officer)
    assert client.get(f"/{org.slug}/staff/complaints/reports/{YEAR}/12/").status_code == 403


def test_excel_report_has_summary_months_and_analysis(client, org, repeated):
    resp = client.get(f"/{org.slug}/complaints/reports/{YEAR}/12.xlsx")
    assert resp.status_code == 200
    book = load_workbook(io.BytesIO(resp.content))
    flat = [
        c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None
    ]
    assert any(ORG in str(v) for v in flat)
    assert "ตุลาคม 2567" in flat and "ถนนชำรุด" in flat
    assert not any(PLACE in str(v) for v in flat)  # public copy
    summary = book.worksheets[0]
    rows = list(summary.iter_rows(values_only=True))
    assert any(r[1] == 8 and r[2] == 2 for r in rows)  # received: 8 general, 2 corruption


@needs_pdftotext
def test_pdf_report_text(client, org, repeated, tmp_path):
    resp = client.get(f"/{org.slug}/complaints/reports/{YEAR}/6.pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    text = "".join(pdftotext(resp.content, tmp_path).split())
    assert ORG in text and "ถนนชำรุด" in text and "รอบ6เดือน" in text and str(YEAR) in text


def test_export_centre_serves_the_report_and_statistics(client, org, year_cases, executive):  # noqa: F811
    client.force_login(executive)
    assert "complaints.report" in client.get(f"/{org.slug}/staff/exports/").content.decode()
    resp = client.get(f"/{org.slug}/staff/exports/complaints.report/xlsx/?fiscal_year={YEAR}&round=6")
    assert resp.status_code == 200
    resp = client.get(f"/{org.slug}/staff/exports/complaints.stats/csv/?fiscal_year={YEAR}")
    assert resp.status_code == 200
    body = resp.content.decode("utf-8-sig")
    assert Kind.INTEGRITY.value in body and "ถนนชำรุด" in body


@pytest.mark.parametrize("suffix", ["pdf", "xlsx"])
def test_a_second_download_is_not_rebuilt_and_a_new_case_gives_a_new_file(
    client,
    org,
    categories,
    year_cases,  # noqa: F811
    django_assert_max_num_queries,
    suffix,
):
    url = f"/{org.slug}/complaints/reports/{YEAR}/12.{suffix}"
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_max_num_queries(4):  # organization and the data's version only
        again = client.get(url)
    assert again.content == first.content
    make_case(org, received=dt.date(2025, 5, 2), category=categories["waste"], answered=1)
    fresh = client.get(url)
    assert fresh.content != first.content
    if suffix == "xlsx":
        summary = list(load_workbook(io.BytesIO(fresh.content)).worksheets[0].iter_rows(values_only=True))
        assert any(r[1] == 5 for r in summary)  # received: 5 general now
