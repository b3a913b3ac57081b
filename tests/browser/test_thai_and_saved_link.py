"""A Thai government site stays Thai for an English browser until the person chooses; a citizen's saved
link to a complaint, opened in a fresh browser, asks for the follow secret instead of "not found"."""

import pytest

from sujarit.complaints.models import Category, Channel, ComplaintPolicy
from sujarit.complaints.services import general
from sujarit.core.services import ensure_unit

pytestmark = pytest.mark.browser


def test_an_english_browser_reads_thai_until_the_person_switches(browser, site, org):
    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    try:
        page = context.new_page()
        page.goto(f"{site}/{org.slug}/")
        assert page.locator("html").get_attribute("lang") == "th"
        assert "หน้าแรก" in page.locator("body").inner_text() or "เรื่องร้องเรียน" in page.inner_text("body")
        # the person's own choice switches, and is remembered on the next page
        with page.expect_navigation():
            page.get_by_role("button", name="English").click()
        assert page.locator("html").get_attribute("lang") == "en"
        page.goto(f"{site}/{org.slug}/complaints/")
        assert page.locator("html").get_attribute("lang") == "en"
        with page.expect_navigation():
            page.get_by_role("button", name="ภาษาไทย").click()
        assert page.locator("html").get_attribute("lang") == "th"
    finally:
        context.close()


def test_a_saved_complaint_link_asks_for_the_secret_in_a_fresh_browser(new_page, site, org):
    unit = ensure_unit(org, "สำนักปลัด")
    ComplaintPolicy.objects.create(org=org, general_unit=unit, integrity_unit=unit)
    waste = Category.objects.create(org=org, code="waste", name="ขยะ", unit=unit)
    case, secret = general.submit(
        org, channel=Channel.WEB, category=waste, subject="ขยะล้นถังหน้าวัด", description="ไม่มีคนเก็บสามวัน"
    )
    saved_link = f"{site}/{org.slug}/complaints/case/{case.tracking_code}/"

    page = new_page()  # another day, another browser: no session
    page.goto(saved_link)
    text = page.locator("main").inner_text()
    assert "ขยะล้นถังหน้าวัด" not in text and "ไม่พบ" not in text
    assert "กรุณากรอกรหัสลับ" in text
    assert page.locator("#id_code").input_value() == case.tracking_code
    page.fill("#id_secret", secret)
    with page.expect_navigation():
        page.get_by_role("button", name="เปิดดูเรื่องร้องเรียนของฉัน").click()
    assert page.url == saved_link
    assert "ขยะล้นถังหน้าวัด" in page.locator("main").inner_text()
