"""A citizen reports corruption anonymously with a photo and keeps the receipt; an integrity officer
replies in the back office; the citizen reads the reply with the receipt and answers; the officer
sees the answer."""

import io
import re
from urllib.parse import unquote

import pyotp
import pytest
from django.urls import reverse

from sujarit.complaints.models import Case, Category, Kind
from sujarit.complaints.tests.conftest import categories, keyed_integrity_officer, policy  # noqa: F401

from .conftest import sign_in

pytestmark = pytest.mark.browser

REPORT = "หัวหน้าช่างเรียกเงินใต้โต๊ะห้าพันบาทก่อนเซ็นตรวจรับงานถนนลาดยางหมู่ที่ 4"
REPLY = "ได้รับเรื่องแล้ว ขอทราบวันที่จ่ายเงินและชื่อร้านที่นัดพบ"
ANSWER = "จ่ายเมื่อวันศุกร์ที่ 12 ที่ร้านกาแฟหน้าตลาด มีพยานหนึ่งคน"
GPS = {1: "N", 2: (7.0, 30.0, 15.5), 3: "E", 4: (99.0, 35.0, 10.0)}  # a place in Trang


def jpeg_with_gps():
    """A small JPEG whose EXIF names the phone and holds the place it was taken (checked here)."""
    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ProbePhone"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    out = io.BytesIO()
    Image.new("RGB", (96, 64), (40, 120, 200)).save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert gps_of(data), "the test photo has no GPS to strip"
    return data


def gps_of(data):
    from PIL import ExifTags, Image

    exif = Image.open(io.BytesIO(data)).getexif()
    return dict(exif.get_ifd(ExifTags.IFD.GPSInfo)) or exif.get(ExifTags.Base.Make)


@pytest.mark.usefixtures("categories", "keyed_integrity_officer")
def test_citizen_reports_anonymously_officer_replies_citizen_answers(new_page, page, site, org, tmp_path):
    photo = tmp_path / "หลักฐาน.jpg"
    photo.write_bytes(jpeg_with_gps())
    report_url = reverse("complaints:integrity_report", kwargs={"org_slug": org.slug})
    urls_seen = []
    page.on("request", lambda r: urls_seen.append(r.url))

    # The citizen finds the corruption channel from the organization's home page.
    page.goto(f"{site}/{org.slug}/")
    page.locator(f"a[href='{report_url}']").first.click()
    page.wait_for_url(f"**{report_url}")

    # They file anonymously (no name, no contact) with the photo; the page works out its proof-of-work.
    page.select_option("#id_category", label=Category.objects.get(org=org, code="bribe").name)
    page.fill("#id_text", REPORT)
    page.fill("#id_where", "ถนนลาดยางหมู่ที่ 4")
    page.set_input_files("#id_files", str(photo))
    assert page.input_value("#id_name") == "" and page.input_value("#id_phone") == ""
    page.locator("form[data-pow] button[type=submit]").click()
    receipt_box = page.locator(".receipt strong")
    receipt_box.wait_for(timeout=30_000)
    receipt = receipt_box.inner_text().strip()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", receipt), receipt

    case = Case.objects.get(org=org, kind=Kind.INTEGRITY)
    assert not case.identity_given and case.files.count() == 1
    assert case.number not in page.content()  # the reporter gets the receipt, nothing else to trace

    # The integrity officer signs in through the login page (which unlocks their key), opens the case.
    opage = new_page()
    inbox = reverse("complaints_staff:integrity_inbox", kwargs={"org_slug": org.slug})
    sign_in(opage, site, "t_integrity", "pw-t_integrity", inbox)
    # an integrity officer is asked to turn on two-factor sign-in first: they scan the key and type the code
    assert "/accounts/2fa/setup/" in opage.url
    secret = opage.locator("main code").inner_text().strip()
    opage.fill("#id_code", pyotp.TOTP(secret).now())
    with opage.expect_navigation():
        opage.get_by_role("button", name="เปิดใช้งาน").click()
    assert opage.url.endswith(inbox), opage.url
    opage.get_by_role("link", name=case.number).click()
    opage.wait_for_url(f"**/staff/integrity/{case.pk}/")
    main = opage.locator("main")
    assert REPORT in main.inner_text()
    # Anonymous: no identity to reveal, only the photo's own name (behind a stated reason).
    reveal = opage.locator("form:has(#id_reveal-reason) button")
    assert reveal.count() == 1 and "ชื่อไฟล์" in reveal.inner_text(), "an anonymous report offers an identity"

    # The photo reached the officer without its place or phone model, under a neutral name.
    link = main.locator("a[href*='/files/']").first
    assert link.inner_text().strip() == "ไฟล์แนบ 1.jpg" and photo.stem not in main.inner_text()
    stored = opage.request.get(site + link.get_attribute("href"))
    assert stored.ok and stored.body().startswith(b"\xff\xd8")
    assert not gps_of(stored.body()), "the stored photo still carries EXIF/GPS"

    # The officer replies to the reporter.
    opage.fill("#id_reply-text", REPLY)
    with opage.expect_navigation():
        opage.locator("form:has(#id_reply-text) button[type=submit]").click()
    assert REPLY in opage.locator("main").inner_text()

    # The citizen, with only the receipt, opens the report, reads the reply and answers.
    follow_url = reverse("complaints:integrity_follow", kwargs={"org_slug": org.slug})
    page.locator(f"main a[href='{follow_url}']").first.click()
    page.wait_for_url(f"**{follow_url}")
    page.fill("#id_receipt", receipt)
    with page.expect_navigation(timeout=30_000):  # the page works out its proof-of-work first
        page.locator("main form button[type=submit]").click()
    assert REPLY in page.locator("main").inner_text(), page.locator("main").inner_text()
    page.locator("main details summary").first.click()  # what they reported, folded away
    assert REPORT in page.locator("main details").first.inner_text()
    page.fill("#id_text", ANSWER)
    with page.expect_navigation():
        page.locator("form:has(#id_text) button[type=submit]").click()
    assert ANSWER in page.locator("main").inner_text()

    # The officer sees the answer on the case.
    opage.reload()
    assert ANSWER in opage.locator("main").inner_text()

    digits = receipt.replace(" ", "")
    leaked = [u for u in urls_seen if digits in re.sub(r"\s|\+|%20", "", unquote(u))]
    assert leaked == [], "the receipt was put in a URL"
