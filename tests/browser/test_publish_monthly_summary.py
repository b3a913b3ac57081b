"""An officer publishes the monthly procurement summary (O16) as a PDF; the executive approves it; the
public page shows it and the OIT board marks the month proven; a revision is approved and the first
version stays reachable from the public history."""

import datetime as dt
import hashlib

import pytest

from sujarit.core import pdf, thai
from sujarit.disclosure.models import Publication, VersionState
from sujarit.disclosure.queries import compliance
from sujarit.disclosure.services import catalogue

from .conftest import sign_in

pytestmark = pytest.mark.browser


def summary_pdf(text):
    return pdf.html_to_pdf(f"<h1>สรุปผลการจัดซื้อจัดจ้าง</h1><p>{text}</p>")


def monthly_code(fy):
    """This year's code of the monthly procurement summary (2567 O16, 2569 O11): found by its topic."""
    items = catalogue.catalogue_for(fy).items.all()
    return next(
        i.code for i in items if "monthly procurement summary" in i.topics and i.frequency == "monthly"
    )


def o16(org, fy):
    """The monthly summary's row of the board for the fiscal year, judged after its first month ends."""
    rows = compliance.board(org, fy, today=dt.date(thai.ce_year(fy) - 1, 11, 1))
    return next(r for r in rows if r["item"].code == monthly_code(fy))


def test_officer_publishes_monthly_procurement_summary_and_revision_keeps_history(
    new_page, page, site, org, unit_officer, executive, admin_user, platform_operator
):
    fy = thai.current_fiscal_year()
    # The current assessment year always has a board (carried over until NACC's list is imported).
    code = monthly_code(fy)
    october = f"ตุลาคม {fy - 1}"
    title = f"สรุปผลการจัดซื้อจัดจ้างประจำเดือน{october}"
    before = o16(org, fy)
    assert before["status"] == compliance.MISSING
    assert not before["periods"][0][1], "October already counted as published"

    # The officer signs in, starts a new document from the list and fills it in.
    sign_in(page, site, "t_officer", "pw-t_officer", f"/{org.slug}/staff/disclosure/publications/")
    page.locator("#new-publication a[href$='?kind=document']").click()
    page.wait_for_url("**/staff/disclosure/publications/new/?kind=document")
    page.fill("#id_title", title)
    page.select_option("#id_area", "budget")
    page.fill("#id_fiscal_year", str(fy))
    page.select_option("#id_period_kind", "month")
    page.fill("#id_period", "10")
    page.fill("#id_oit_codes", code)
    page.set_input_files(
        "#id_upload",
        files=[{"name": "สรุปผล-ต.ค.pdf", "mimeType": "application/pdf", "buffer": summary_pdf("ฉบับที่ 1")}],
    )
    with page.expect_navigation():
        page.locator("#publication-form button[type=submit]").click()
    assert "/staff/disclosure/publications/" in page.url and "/new/" not in page.url, page.locator(
        "main"
    ).inner_text()
    publication = Publication.objects.get(title=title)
    with page.expect_navigation():
        page.locator("#v1 button[value=submit]").click()
    assert publication.versions.get(number=1).state == VersionState.PENDING

    # The executive, in a browser of their own, approves it from the approvals queue.
    epage = new_page()
    sign_in(epage, site, "t_exec", "pw-t_exec", f"/{org.slug}/staff/disclosure/approvals/")
    epage.locator("#pending a", has_text=title).click()
    with epage.expect_navigation():
        epage.locator("#v1 button[value=approve]").click()
    publication.refresh_from_db()
    assert publication.is_public and publication.current_version.number == 1

    # Anyone sees it on the public page, with its month; the file is the PDF that was uploaded.
    visitor = new_page()
    visitor.goto(f"{site}/{org.slug}/disclosure/p/{publication.pk}/")
    main = visitor.locator("main").inner_text()
    assert title in main and october in main
    href = visitor.locator("#content a").first.get_attribute("href")
    body = visitor.request.get(site + href)
    assert body.ok and body.body().startswith(b"%PDF-")
    first_sha = publication.current_version.sha256

    # O16 turns from missing to proven for October, on the officer's OIT board too.
    after = o16(org, fy)
    assert after["status"] == compliance.PROVEN and after["periods"][0][1]
    page.goto(f"{site}/{org.slug}/staff/disclosure/board/{fy}/")
    row = page.locator(f"tr#{code}")
    assert "✓" in row.inner_text() and row.locator("a", has_text=title).count() == 1

    # A corrected summary: the officer revises with a second PDF; the executive approves it.
    page.goto(f"{site}/{org.slug}/staff/disclosure/publications/{publication.pk}/")
    page.set_input_files(
        "#id_revise-upload",
        files=[
            {"name": "สรุปผล-ต.ค.-แก้ไข.pdf", "mimeType": "application/pdf", "buffer": summary_pdf("ฉบับแก้ไข")}
        ],
    )
    page.fill("#id_revise-note", "แก้ไขยอดรวมรายการที่ 3")
    with page.expect_navigation():
        page.locator("#revise-form button[value=revise]").click()
    with page.expect_navigation():
        page.locator("#v2 button[value=submit]").click()
    epage.goto(f"{site}/{org.slug}/staff/disclosure/approvals/")
    epage.locator("#pending a", has_text=title).click()
    with epage.expect_navigation():
        epage.locator("#v2 button[value=approve]").click()
    publication.refresh_from_db()
    assert publication.current_version.number == 2 and publication.current_version.sha256 != first_sha

    # The public page shows version 2; version 1 stays reachable from the history, with its file.
    visitor.goto(f"{site}/{org.slug}/disclosure/p/{publication.pk}/")
    assert "สรุปผล-ต.ค.-แก้ไข.pdf" in visitor.locator("#content").inner_text()
    history = visitor.locator("#history li")
    assert history.count() == 2 and "แก้ไขยอดรวมรายการที่ 3" in history.first.inner_text()
    with visitor.expect_navigation():
        visitor.locator(f"#history a[href$='/p/{publication.pk}/v/1/']").click()
    assert visitor.url.endswith(f"/disclosure/p/{publication.pk}/v/1/")
    assert "สรุปผล-ต.ค.pdf" in visitor.locator("#content").inner_text()
    old = visitor.request.get(site + visitor.locator("#content a").first.get_attribute("href"))
    assert old.ok and old.body().startswith(b"%PDF-")
    assert hashlib.sha256(old.body()).hexdigest() == first_sha
