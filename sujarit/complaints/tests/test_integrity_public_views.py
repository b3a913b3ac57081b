"""The reporter's pages: the O22 page and form, the receipt, following and answering a report."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from sujarit.complaints.models import Case, EventType, State
from sujarit.complaints.protection import pow
from sujarit.complaints.services import cases, intake
from sujarit.core.models import AuditEvent
from sujarit.core.tests.samples import pdf_marker, tiny_pdf
from sujarit.surveys.models import Response

TEXT = "หัวหน้าฝ่ายพัสดุรับเงินทอนจากผู้รับเหมาโครงการถนนหมู่ 5"


def _url(org, name):
    return reverse(f"complaints:{name}", kwargs={"org_slug": org.slug})


def _token(html):
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def _post_report(client, org, categories, token=None, nonce=None, **extra):
    page = client.get(_url(org, "integrity_report")).content.decode()
    token = token or _token(page)
    data = {
        "category": categories["bribe"].pk,
        "text": TEXT,
        "token": token,
        "nonce": pow.solve(token) if nonce is None else nonce,
        # What a browser sends: the officers ticked on the page (all of them, at first).
        "recipients": _ticked(page),
    }
    data.update(extra)
    return client.post(_url(org, "integrity_report"), data)


def _ticked(html):
    return re.findall(r'name="recipients" value="(\d+)"[^>]*\bchecked', html)


def _follow(client, org, receipt, **extra):
    """Open a report with its receipt the way the page does: a fresh challenge, solved, sent once."""
    token = _token(client.get(_url(org, "integrity_follow"), **extra).content.decode())
    data = {"receipt": receipt, "token": token, "nonce": pow.solve(token)}
    return client.post(_url(org, "integrity_follow"), data, **extra)


def _receipt(response):
    digits = re.search(r'class="receipt"[^>]*><strong[^>]*>([\d ]+)<', response.content.decode()).group(1)
    return digits.replace(" ", "")


def _headers_protect(response):
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"  # "no-referrer" would make forms send Origin: null


def test_page_explains_protection_and_loads_nothing_from_elsewhere(
    client, org, categories, keyed_integrity_officer
):
    response = client.get(_url(org, "integrity_report"))
    assert response.status_code == 200
    _headers_protect(response)
    html = response.content.decode()
    assert 'name="text"' in html and 'name="name"' in html and "data-pow" in html
    assert "complaints/pow.js" in html and "<noscript>" in html
    assert not re.search(r'(src|href|action)="(https?:)?//', html)  # no third-party asset
    assert "<script>" not in html  # no inline script (CSP)
    assert categories["bribe"].name in html and categories["road"].name not in html


def test_channel_not_ready_shows_the_phone_instead_of_the_form(client, org, categories):
    response = client.get(_url(org, "integrity_report"))
    html = response.content.decode()
    assert "0 7536 0000" in html and 'name="text"' not in html


def test_submit_shows_the_receipt_once_and_it_opens_the_report(
    client, org, categories, keyed_integrity_officer
):
    response = _post_report(client, org, categories, name="สมชาย")
    assert response.status_code == 200
    _headers_protect(response)
    receipt = _receipt(response)
    assert receipt not in response.get("Location", "")
    case = Case.objects.get(org=org)
    assert intake.open_with_receipt(org, receipt)[0] == case
    assert intake.read_case(*intake.open_with_receipt(org, receipt))["name"] == "สมชาย"

    follow = _follow(client, org, receipt)
    assert follow.status_code == 302 and follow["Location"] == _url(org, "integrity_case")
    assert receipt not in follow["Location"]
    page = client.get(_url(org, "integrity_case"))
    assert page.status_code == 200
    _headers_protect(page)
    assert TEXT in page.content.decode()  # the reporter can read back what they sent
    assert str(State.RECEIVED.label) in page.content.decode()


def test_double_submit_makes_one_case_and_shows_the_same_receipt(
    client, org, categories, keyed_integrity_officer
):
    token = _token(client.get(_url(org, "integrity_report")).content.decode())
    nonce = pow.solve(token)
    first = _post_report(client, org, categories, token=token, nonce=nonce)
    second = _post_report(client, org, categories, token=token, nonce=nonce)
    assert _receipt(first) == _receipt(second)
    assert Case.objects.filter(org=org).count() == 1


def test_missing_or_wrong_proof_of_work_is_refused(
    client, org, categories, keyed_integrity_officer, settings
):
    settings.SUJARIT_POW_BITS = 12
    assert _post_report(client, org, categories, nonce="").status_code == 400
    token = _token(client.get(_url(org, "integrity_report")).content.decode())
    wrong = next(str(n) for n in range(10_000) if not pow.solved(token, str(n)))
    response = _post_report(client, org, categories, token=token, nonce=wrong)
    assert response.status_code == 400
    assert TEXT in response.content.decode()  # what the reporter wrote is kept in the form
    assert not Case.objects.exists()


def test_replayed_form_with_other_content_is_refused(client, org, categories, keyed_integrity_officer):
    token = _token(client.get(_url(org, "integrity_report")).content.decode())
    _post_report(client, org, categories, token=token)
    replay = _post_report(client, org, categories, token=token, text="เรื่องใหม่ทั้งหมด")
    assert replay.status_code == 400 and Case.objects.count() == 1


def test_a_flooding_client_is_stopped_and_another_reporter_still_gets_through(
    client, org, categories, keyed_integrity_officer, settings
):
    settings.SUJARIT_REPORTS_PER_CLIENT = 3
    for i in range(3):
        assert _post_report(client, org, categories, text=f"เรื่องที่ {i}").status_code == 200
    response = _post_report(client, org, categories, text="อีกเรื่อง")
    assert response.status_code == 429 and "อีกเรื่อง" in response.content.decode()  # the text is kept
    honest = Client(REMOTE_ADDR="198.51.100.40")
    assert _post_report(honest, org, categories, text="เรื่องจริง").status_code == 200
    assert Case.objects.count() == 4


def test_a_busy_channel_asks_more_work_but_stays_open(
    client, org, categories, keyed_integrity_officer, settings
):
    settings.SUJARIT_SUBMISSIONS_PER_MINUTE = 1
    for i in range(3):
        other = Client(REMOTE_ADDR=f"198.51.100.{50 + i}")
        assert _post_report(other, org, categories, text=f"เรื่องที่ {i}").status_code == 200
    page = client.get(_url(org, "integrity_report")).content.decode()
    assert f'data-bits="{pow.bits() + 2}"' in page  # 3 reports in the minute: over twice the normal rate
    assert _post_report(client, org, categories).status_code == 200
    assert Case.objects.count() == 4


def test_receipt_is_not_looked_up_without_the_pages_work(client, org, categories, keyed_integrity_officer):
    receipt = _receipt(_post_report(client, org, categories))
    response = client.post(_url(org, "integrity_follow"), {"receipt": receipt})
    assert response.status_code == 400 and 'name="token"' in response.content.decode()
    assert client.get(_url(org, "integrity_case")).status_code == 302  # nothing opened
    html = client.get(_url(org, "integrity_follow")).content.decode()
    assert "data-pow" in html and "complaints/pow.js" in html


def test_bad_files_get_a_message_and_no_case(client, org, categories, keyed_integrity_officer):
    exe = SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 100)
    response = _post_report(client, org, categories, files=[exe])
    assert response.status_code == 400 and not Case.objects.exists()
    too_many = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4 x") for i in range(6)]
    assert _post_report(client, org, categories, files=too_many).status_code == 400
    assert not Case.objects.exists()


def test_photo_is_stored_without_exif(client, org, categories, keyed_integrity_officer):
    img, out = Image.new("RGB", (30, 20), (0, 128, 0)), io.BytesIO()
    exif = Image.Exif()
    exif[0x0110] = "SecretPhone 12"  # Model
    img.save(out, format="JPEG", exif=exif)
    photo = SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")
    receipt = _receipt(_post_report(client, org, categories, files=[photo]))
    case, key = intake.open_with_receipt(org, receipt)
    data, _name = cases.read_file(case.files.get(), key)
    assert b"SecretPhone" not in data and not Image.open(io.BytesIO(data)).getexif()


def test_wrong_receipt_is_refused_then_rate_limited(client, org, categories, keyed_integrity_officer):
    receipt = _receipt(_post_report(client, org, categories))
    wrong = ("9" if receipt[0] != "9" else "8") + receipt[1:]
    response = _follow(client, org, wrong)
    assert response.status_code == 400
    _headers_protect(response)
    assert client.get(_url(org, "integrity_case")).status_code == 302  # nothing opened
    for _ in range(pow.RECEIPT_FAILURES - 1):
        _follow(client, org, "garbage")
    assert _follow(client, org, receipt).status_code == 429


def test_reporter_reads_reply_and_answers_with_a_file(client, org, categories, keyed_integrity_officer):
    receipt = _receipt(_post_report(client, org, categories))
    case, key = intake.open_with_receipt(org, receipt)
    cases.add_event(case, EventType.REPLY, by=keyed_integrity_officer, body="กรุณาส่งภาพใบเสร็จ", key=key)
    cases.add_event(case, EventType.NOTE, by=keyed_integrity_officer, body="บันทึกภายในลับ", key=key)
    _follow(client, org, receipt)
    html = client.get(_url(org, "integrity_case")).content.decode()
    assert "กรุณาส่งภาพใบเสร็จ" in html and "บันทึกภายในลับ" not in html
    assert keyed_integrity_officer.username not in html  # officers stay unnamed

    pdf = SimpleUploadedFile("receipt.pdf", tiny_pdf("slip"))
    response = client.post(
        _url(org, "integrity_case"), {"action": "reply", "text": "ส่งให้แล้วครับ", "files": [pdf]}
    )
    assert response.status_code == 302
    event = case.events.get(type=EventType.COMPLAINANT)
    assert cases.event_text(event, key) == "ส่งให้แล้วครับ"
    html = client.get(_url(org, "integrity_case")).content.decode()
    assert "ส่งให้แล้วครับ" in html and "receipt.pdf" in html
    file_url = reverse(
        "complaints:integrity_case_file", kwargs={"org_slug": org.slug, "pk": event.files.get().pk}
    )
    download = client.get(file_url)
    assert download.status_code == 200 and pdf_marker(download.content) == "slip"
    assert "no-store" in download["Cache-Control"]


def test_empty_message_is_refused(client, org, categories, keyed_integrity_officer):
    receipt = _receipt(_post_report(client, org, categories))
    _follow(client, org, receipt)
    response = client.post(_url(org, "integrity_case"), {"action": "reply", "text": "  "})
    assert response.status_code == 400


def test_leaving_drops_access(client, org, categories, keyed_integrity_officer):
    receipt = _receipt(_post_report(client, org, categories))
    _follow(client, org, receipt)
    assert client.get(_url(org, "integrity_case")).status_code == 200
    client.post(_url(org, "integrity_case"), {"action": "leave"})
    assert client.get(_url(org, "integrity_case")).status_code == 302


def test_case_page_of_another_session_is_not_reachable(client, org, categories, keyed_integrity_officer):
    _post_report(client, org, categories)
    assert client.get(_url(org, "integrity_case")).status_code == 302
    file_url = reverse("complaints:integrity_case_file", kwargs={"org_slug": org.slug, "pk": 1})
    assert client.get(file_url).status_code == 404


def test_nothing_about_the_reporter_in_the_audit_log(client, org, categories, keyed_integrity_officer):
    receipt = _receipt(_post_report(client, org, categories, name="สมศรี มีสุข", phone="0899999999"))
    _follow(client, org, receipt, REMOTE_ADDR="203.0.113.77")
    client.post(_url(org, "integrity_case"), {"action": "reply", "text": "ข้อมูลเพิ่ม"})
    dump = repr(list(AuditEvent.objects.values()))
    for secret in ("สมศรี", "0899999999", TEXT, "ข้อมูลเพิ่ม", "203.0.113.77", receipt, "127.0.0.1"):
        assert secret not in dump


def test_reporter_rates_a_closed_case(client, org, categories, keyed_integrity_officer):
    receipt = _receipt(_post_report(client, org, categories))
    case, _key = intake.open_with_receipt(org, receipt)
    Case.objects.filter(pk=case.pk).update(state=State.CLOSED)
    _follow(client, org, receipt)
    page = client.get(_url(org, "integrity_case")).content.decode()
    # The engine's questions are drawn inside the protected page and posted back to it.
    assert 'id="survey-form"' in page and "/surveys/" not in page
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    answers = {q: "5" for q in re.findall(r'name="(q\d+)" value="5"', page)}
    response = client.post(_url(org, "integrity_case"), {"action": "rate", "token": token, **answers})
    assert response.status_code == 302
    assert Response.objects.get().context_ref == str(case.pk)
    assert 'id="survey-form"' not in client.get(_url(org, "integrity_case")).content.decode()
