"""The complainant's pages: landing, the complaint form, the one-time secret, following a case."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sujarit.surveys.models import Response

from ..models import Case, CaseFile, Channel, EventType, State
from ..protection import casefiles
from ..services import general, workflow


def url(org, name, **kw):
    return reverse(f"complaints:{name}", kwargs={"org_slug": org.slug, **kw})


def form_token(client, org):
    page = client.get(url(org, "new")).content.decode()
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def photo(name="p.jpg"):
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buf, format="JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def post_complaint(client, org, categories, token=None, **extra):
    data = {
        "token": token or form_token(client, org),
        "category": categories["road"].pk,
        "subject": "ถนนเป็นหลุมลึก",
        "description": "หน้าโรงเรียนบ้านแหลมสอม รถจักรยานยนต์ล้ม",
        "location": "หมู่ 2",
        "latitude": "7.123456",
        "longitude": "99.654321",
        "name": "สมหญิง",
        "phone": "0899999999",
        "email": "",
    }
    data.update(extra)
    return client.post(url(org, "new"), data)


def open_case(client, org, code, secret):
    return client.post(url(org, "track"), {"code": code, "secret": secret})


def sent_secret(response):
    html = response.content.decode()
    code = re.search(r'id="tracking-code">([^<]+)<', html).group(1)
    secret = re.search(r'id="follow-secret">([^<]+)<', html)
    return code, secret.group(1) if secret else ""


def test_landing_shows_both_channels_separately(client, org, policy):
    html = client.get(url(org, "index")).content.decode()
    assert url(org, "new") in html
    assert url(org, "integrity_report") in html
    assert url(org, "track") in html and url(org, "stats") in html
    assert url(org, "manual") in html and url(org, "integrity_manual") in html


def test_form_is_phone_first_and_offers_only_general_categories(client, org, categories):
    html = client.get(url(org, "new")).content.decode()
    assert 'name="viewport"' in html and "data-geolocate" in html and "complaints/general.js" in html
    assert "ถนนชำรุด" in html and "เรียกรับสินบน" not in html
    assert 'inputmode="tel"' in html and "PDPA" in html
    assert "<script>" not in html  # CSP: no inline script


def test_submit_shows_code_and_secret_once_not_in_url(client, org, categories):
    response = post_complaint(client, org, categories, files=[photo()])
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    code, secret = sent_secret(response)
    case = Case.objects.get()
    assert case.tracking_code == code and case.channel == Channel.WEB and case.unit.name == "กองช่าง"
    assert secret and general.follow(org, code, secret, client="citizen") == case
    assert case.files.count() == 1
    assert str(case.latitude) == "7.123456"


def test_double_submit_makes_one_case(client, org, categories):
    token = form_token(client, org)
    first = post_complaint(client, org, categories, token=token)
    second = post_complaint(client, org, categories, token=token)
    assert Case.objects.count() == 1
    code1, _s1 = sent_secret(first)
    code2, secret2 = sent_secret(second)
    assert code1 == code2
    assert 'id="resent"' in second.content.decode()
    # the page that was actually seen carries a working secret
    assert general.follow(org, code2, secret2, client="citizen") == Case.objects.get()


def test_bad_form_changes_nothing(client, org, categories):
    response = post_complaint(client, org, categories, subject="", token="forged")
    assert response.status_code == 200 and not Case.objects.exists()
    assert 'class="errorlist' in response.content.decode()
    # the page comes back with a fresh token: sending it again corrected works
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    assert token != "forged"
    assert post_complaint(client, org, categories, token=token).status_code == 200
    assert Case.objects.count() == 1


def test_follow_with_code_and_secret_opens_the_case(client, org, categories, unit_officer):
    case, secret = general.submit(
        org, channel=Channel.WEB, category=categories["waste"], subject="ขยะล้น", description="ไม่มีคนเก็บ"
    )
    response = open_case(client, org, case.tracking_code, secret)
    assert response.status_code == 302 and response["Location"] == url(org, "case", code=case.tracking_code)
    assert secret not in response["Location"]
    workflow.reply(case, "จะเก็บวันพรุ่งนี้", by=unit_officer)
    page = client.get(response["Location"]).content.decode()
    assert "ขยะล้น" in page and "จะเก็บวันพรุ่งนี้" in page


def test_a_saved_case_link_in_a_fresh_browser_asks_for_the_secret(client, org, categories):
    case, secret = general.submit(
        org, channel=Channel.WEB, category=categories["waste"], subject="ขยะล้น", description="ไม่มีคนเก็บ"
    )
    response = client.get(url(org, "case", code=case.tracking_code), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "ขยะล้น" not in html
    assert "กรุณากรอกรหัสลับ" in html and f'value="{case.tracking_code}"' in html
    # an unknown code is asked for in the same way: the link does not tell whether a case exists
    unknown = client.get(url(org, "case", code="ZZZZZZZZ"), follow=True).content.decode()
    assert "กรุณากรอกรหัสลับ" in unknown and 'value="ZZZZZZZZ"' in unknown
    # with the secret the case opens
    assert open_case(client, org, case.tracking_code, secret).status_code == 302
    assert "ขยะล้น" in client.get(url(org, "case", code=case.tracking_code)).content.decode()


def test_wrong_secret_reveals_nothing(client, org, categories):
    case, secret = general.submit(
        org, channel=Channel.WEB, category=categories["waste"], subject="ขยะล้น", description="ไม่มีคนเก็บ"
    )
    wrong = open_case(client, org, case.tracking_code, "00000000" if secret != "00000000" else "11111111")
    unknown = open_case(client, org, "ZZZZZZZZ", secret)
    assert wrong.status_code == unknown.status_code == 200
    for response in (wrong, unknown):
        html = response.content.decode()
        assert "ขยะล้น" not in html and 'role="alert"' in html
    # the same message whichever was wrong
    strip = lambda r: re.sub(r'value="[^"]+"', "", r.content.decode())  # noqa: E731
    assert strip(wrong) == strip(unknown)
    assert "ขยะล้น" not in client.get(url(org, "case", code=case.tracking_code), follow=True).content.decode()


def test_internal_notes_never_on_the_public_page(client, org, categories, unit_officer):
    case, secret = general.submit(
        org, channel=Channel.WEB, category=categories["waste"], subject="ขยะล้น", description="ไม่มีคนเก็บ"
    )
    workflow.add_note(case, "ผู้ร้องเป็นญาตินายก", by=unit_officer, checked_files=[_checked("internal.png")])
    workflow.change_state(case, State.ACCEPTED, by=unit_officer, note="รับเรื่องแล้ว")
    open_case(client, org, case.tracking_code, secret)
    html = client.get(url(org, "case", code=case.tracking_code)).content.decode()
    assert "รับเรื่องแล้ว" in html
    assert "ผู้ร้องเป็นญาตินายก" not in html and "internal.png" not in html
    assert unit_officer.username not in html  # officers are not named to the public
    internal = CaseFile.objects.get(public=False)
    download = reverse(
        "complaints:case_file",
        kwargs={"org_slug": org.slug, "code": case.tracking_code, "file_pk": internal.pk},
    )
    assert client.get(download).status_code == 404


def _checked(name):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, format="PNG")
    return casefiles.check_upload(SimpleUploadedFile(name, buf.getvalue(), content_type="image/png"))


def test_complainant_adds_information_and_files(client, org, categories):
    case, secret = general.submit(
        org, channel=Channel.WEB, category=categories["waste"], subject="ขยะล้น", description="ไม่มีคนเก็บ"
    )
    open_case(client, org, case.tracking_code, secret)
    response = client.post(url(org, "case", code=case.tracking_code), {"text": "ส่งรูปเพิ่ม", "files": [photo()]})
    assert response.status_code == 302
    event = case.events.get(type=EventType.COMPLAINANT)
    assert event.body == "ส่งรูปเพิ่ม" and event.files.count() == 1
    f = event.files.get()
    download = url(org, "case_file", code=case.tracking_code, file_pk=f.pk)
    assert client.get(download).status_code == 200


def test_empty_addition_refused(client, org, categories):
    case, secret = general.submit(
        org, channel=Channel.WEB, category=categories["waste"], subject="ขยะล้น", description="ไม่มีคนเก็บ"
    )
    open_case(client, org, case.tracking_code, secret)
    response = client.post(url(org, "case", code=case.tracking_code), {"text": "  "})
    assert response.status_code == 200 and not case.events.filter(type=EventType.COMPLAINANT).exists()


@pytest.mark.parametrize("name", ["index", "new", "track"])
def test_pages_render_for_anonymous(client, org, categories, name):
    assert client.get(url(org, name)).status_code == 200


def test_complainant_rates_a_resolved_case_once(client, org, categories, admin_user):
    case, secret = general.submit(
        org, channel=Channel.WEB, category=categories["waste"], subject="ขยะล้น", description="ไม่มีคนเก็บ"
    )
    page_url = open_case(client, org, case.tracking_code, secret)["Location"]
    assert 'id="survey-form"' not in client.get(page_url).content.decode()  # not before it is resolved
    for state in (State.ACCEPTED, State.IN_PROGRESS, State.RESOLVED):
        workflow.change_state(case, state, by=admin_user)
    page = client.get(page_url).content.decode()
    assert 'id="survey-form"' in page and "แบบสำรวจความพึงพอใจ" in page  # the engine's questionnaire
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    questions = re.findall(r'name="(q\d+)" value="5"', page)
    assert len(questions) == 5
    refused = client.post(page_url, {"action": "rate", "token": token, **{q: "²" for q in questions}})
    assert refused.status_code == 400 and not Response.objects.exists()  # not a rating: nothing stored
    assert "1" in refused.content.decode() and 'id="survey-form"' in refused.content.decode()
    client.post(page_url, {"action": "rate", "token": token, **{q: "5" for q in questions}})
    assert Response.objects.get().satisfied is True
    page = client.get(page_url).content.decode()
    assert 'id="survey-form"' not in page and "ขอบคุณ" in page
    assert case.events.filter(type=EventType.SATISFACTION).count() == 1


def test_a_stranger_guessing_secrets_cannot_lock_the_complainant_out(client, org, categories):
    """Open311 lists every tracking code: wrong secrets lock the guesser, not the case (issue 8, 10)."""
    from sujarit.core import codes

    code, secret = sent_secret(post_complaint(client, org, categories))
    client.cookies.clear()
    stranger, citizen = {"REMOTE_ADDR": "203.0.113.9"}, {"REMOTE_ADDR": "198.51.100.7"}
    for _i in range(codes.FOLLOW_FAILURES):
        client.post(url(org, "track"), {"code": code, "secret": "0000-0000"}, **stranger)
    refused = client.post(url(org, "track"), {"code": code, "secret": secret}, **stranger)
    assert refused.status_code == 200 and 'role="alert"' in refused.content.decode()
    opened = client.post(url(org, "track"), {"code": code, "secret": secret}, **citizen)
    assert opened.status_code == 302 and opened["Location"] == url(org, "case", code=code)


def test_citizen_picks_the_village_from_the_organizations_list(client, org, categories, admin_user):
    from sujarit.registers.services import civic  # the villages are the registers' (reached by query)

    civic.add_village(org, number=3, name="บ้านนาโต๊ะหมิง", population=812, by=admin_user)
    civic.add_village(org, number=5, name="บ้านแหลมสอม", population=640, by=admin_user)
    page = client.get(url(org, "new")).content.decode()
    assert 'name="village"' in page and "หมู่ที่ 5 บ้านแหลมสอม" in page and "— เลือกหมู่บ้าน —" in page
    assert "---------" not in page
    response = post_complaint(client, org, categories, village="5", location="ข้างศาลาประชาคม")
    assert response.status_code == 200 and sent_secret(response)
    assert Case.objects.get().location == "หมู่ที่ 5 บ้านแหลมสอม ข้างศาลาประชาคม"


def test_a_village_not_on_the_list_is_refused_in_thai_and_nothing_is_saved(
    client, org, categories, admin_user
):
    from sujarit.registers.services import civic

    civic.add_village(org, number=3, name="บ้านนาโต๊ะหมิง", population=812, by=admin_user)
    response = post_complaint(client, org, categories, village="9")
    assert response.status_code == 200 and Case.objects.count() == 0
    assert "ตัวเลือกที่ถูกต้อง" in response.content.decode()  # Django's own Thai message


def test_without_a_village_register_the_form_asks_the_place_in_words_only(client, org, categories):
    page = client.get(url(org, "new")).content.decode()
    assert 'name="village"' not in page and 'name="location"' in page
    assert "data-tile-map" not in page  # no tile server configured: nothing is fetched from elsewhere


def test_a_configured_tile_server_adds_the_map_layer_and_only_its_origin_to_the_csp(
    client, org, categories, settings
):
    settings.SUJARIT_MAP_TILES = "https://tiles.example.go.th/{z}/{x}/{y}.png"
    response = client.get(url(org, "new"))
    assert 'data-tiles="https://tiles.example.go.th/{z}/{x}/{y}.png"' in response.content.decode()
    assert "img-src 'self' data: https://tiles.example.go.th;" in response["Content-Security-Policy"]
