"""A visitor downloads the monitoring report as PDF: Thai text comes back intact through pdftotext."""

import shutil
import subprocess

import pytest

from sujarit.plans import monitoring_report as reports
from sujarit.plans.services import progress

pytestmark = pytest.mark.browser

ORG_NAME = "องค์การบริหารส่วนตำบลแหลมสอม"


def test_visitor_downloads_the_monitoring_report_pdf(
    page, site, seed_plan, unit_officer, coordinator, tmp_path
):
    org = seed_plan.org
    fiscal_year, round_months = reports.available_rounds(org)[0]
    item = seed_plan.items.filter(responsible_unit__name="สำนักปลัด").order_by("number").first()
    report = progress.save_report(
        item, fiscal_year, round_months, by=unit_officer, status="done", percent_done=100, spent="15000",
        work_done="ประชุมชี้แจงพนักงานครบทุกกอง", submit=True,
    )  # fmt: skip
    progress.approve_report(report, by=coordinator)

    page.goto(f"{site}/{org.slug}/plan/reports/")
    page.locator(f"main a[href$='/plan/reports/{fiscal_year}/{round_months}/']").click()
    page.wait_for_url(f"**/plan/reports/{fiscal_year}/{round_months}/")
    assert ORG_NAME in page.locator("main").inner_text()

    # The link opens the PDF (served inline) in chromium's viewer, which hides the bytes from the page:
    # keep them as they arrive from the server and hand the browser the same response.
    arrived = {}

    def keep(route):
        response = route.fetch(timeout=120_000)
        arrived.update(status=response.status, headers=response.headers, body=response.body())
        route.fulfill(response=response)

    page.route("**/*.pdf", keep)
    link = page.locator(f"main a[href$='/plan/reports/{fiscal_year}/{round_months}.pdf']")
    # WeasyPrint takes seconds for the whole report on a busy 2-core machine: wait for it.
    with page.expect_response(lambda r: r.url.endswith(".pdf"), timeout=120_000):
        link.click(timeout=120_000)
    assert arrived["status"] == 200 and arrived["headers"]["content-type"] == "application/pdf"
    assert ".pdf" in arrived["headers"].get("content-disposition", "")
    data = arrived["body"]
    assert data.startswith(b"%PDF"), data[:40]
    path = tmp_path / "report.pdf"
    path.write_bytes(data)

    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
        assert ORG_NAME in text
        assert item.name.split()[0] in text
