"""The reporter's services: a sealed report, a receipt that opens it, resends, replies, refusals."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from sujarit.complaints.models import Case, CaseKey, EventType
from sujarit.complaints.protection import casefiles, crypto, pow
from sujarit.complaints.services import cases, intake, keys
from sujarit.core.models import AuditEvent
from sujarit.core.services import ensure_unit
from sujarit.core.tests.samples import pdf_marker, tiny_pdf

TEXT = "ปลัดเรียกเงินห้าพันบาทเพื่อให้ผ่านใบอนุญาตก่อสร้าง"


def _submit(org, categories, token=None, **extra):
    fields = dict(
        category=categories["bribe"],
        accused_unit=None,
        accused_name="",
        text=TEXT,
        token=token or pow.issue(org),
    )
    fields.update(extra)
    return intake.submit_report(org, **fields)


def test_receipt_opens_the_report_and_reads_back_the_text(org, categories, keyed_integrity_officer):
    case, receipt = _submit(org, categories, name="สมศรี ใจกล้า", phone="0812345678", where="ที่ทำการ")
    assert len(receipt) == 16 and receipt.isdigit()
    assert case.is_integrity and case.identity_given
    opened = intake.open_with_receipt(org, crypto.format_receipt(receipt))
    assert opened is not None and opened[0] == case
    data = intake.read_case(*opened)
    assert data["text"] == TEXT and data["name"] == "สมศรี ใจกล้า" and data["where"] == "ที่ทำการ"
    # Nothing readable in the row; the integrity officer holds the key.
    assert TEXT.encode() not in bytes(case.sealed) and case.description == "" and case.name == ""
    assert CaseKey.objects.filter(case=case, person__user=keyed_integrity_officer).exists()


def test_thai_digits_and_spaces_in_the_receipt_are_accepted(org, categories, keyed_integrity_officer):
    case, receipt = _submit(org, categories)
    thai = receipt.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert intake.open_with_receipt(org, f" {thai[:8]}-{thai[8:]} ")[0] == case


def test_anonymous_by_default(org, categories, keyed_integrity_officer):
    case, _receipt = _submit(org, categories)
    assert not case.identity_given


def test_wrong_receipt_gives_no_access(org, other_org, categories, keyed_integrity_officer):
    _case, receipt = _submit(org, categories)
    wrong = ("1" if receipt[0] != "1" else "2") + receipt[1:]
    assert intake.open_with_receipt(org, wrong) is None
    assert intake.open_with_receipt(other_org, receipt) is None
    assert intake.open_with_receipt(org, "not a receipt") is None


def test_resent_form_makes_one_case_with_the_same_receipt(org, categories, keyed_integrity_officer):
    token = pow.issue(org)
    first, receipt1 = _submit(org, categories, token=token)
    again, receipt2 = _submit(org, categories, token=token)
    assert first == again and receipt1 == receipt2
    assert Case.objects.filter(org=org).count() == 1
    assert Case.objects.get().submission_token != token  # only the digest is kept


def test_used_form_cannot_carry_another_report(org, categories, keyed_integrity_officer):
    token = pow.issue(org)
    _submit(org, categories, token=token)
    with pytest.raises(ValidationError):
        _submit(org, categories, token=token, text="อีกเรื่องหนึ่ง")
    assert Case.objects.count() == 1


def test_used_form_is_refused_after_an_hour(org, categories, keyed_integrity_officer):
    token = pow.issue(org)
    case, _receipt = _submit(org, categories, token=token)
    Case.objects.filter(pk=case.pk).update(received_at=timezone.now() - timedelta(hours=2))
    with pytest.raises(ValidationError):
        _submit(org, categories, token=token)


def test_forged_token_is_refused(org, other_org, categories, keyed_integrity_officer):
    with pytest.raises(pow.PowError):
        _submit(org, categories, token="made-up")
    with pytest.raises(pow.PowError):
        _submit(org, categories, token=pow.issue(other_org))
    assert not Case.objects.exists()


def test_channel_not_ready_refuses(org, categories):
    assert not keys.channel_ready(org)
    with pytest.raises(ValidationError):
        _submit(org, categories)
    assert not Case.objects.exists()


def test_bad_fields_are_refused(org, other_org, categories, keyed_integrity_officer):
    with pytest.raises(ValidationError):
        _submit(org, categories, text="   ")
    with pytest.raises(ValidationError):
        _submit(org, categories, category=categories["road"])  # a general category
    with pytest.raises(ValidationError):
        _submit(org, categories, accused_unit=ensure_unit(other_org, "กองช่าง"))
    with pytest.raises(ValidationError):
        _submit(org, categories, email="not-an-address")
    with pytest.raises(ValidationError):
        _submit(org, categories, text="ก" * 10_001)
    assert not Case.objects.exists()


def test_a_busy_minute_no_longer_closes_the_channel(org, categories, keyed_integrity_officer, settings):
    settings.SUJARIT_SUBMISSIONS_PER_MINUTE = 2
    for text in ("หนึ่ง", "สอง", "สาม"):
        _submit(org, categories, text=text)  # the rate raises the next challenges' work (test_pow)
    assert Case.objects.count() == 3


def test_officer_of_the_accused_unit_is_kept_off(
    org, categories, keyed_integrity_officer, second_integrity_officer
):
    finance = ensure_unit(org, "กองคลัง")
    case, _receipt = _submit(org, categories, accused_unit=finance)
    holders = set(CaseKey.objects.filter(case=case).values_list("person__user__username", flat=True))
    assert holders == {keyed_integrity_officer.username}


def test_audit_has_only_the_number(org, categories, keyed_integrity_officer):
    case, _receipt = _submit(org, categories, name="สมศรี", phone="0812345678")
    event = AuditEvent.objects.get(action="complaints.integrity_received")
    assert event.actor_id is None and event.data == {"number": case.number}


def _jpeg_with_gps():
    img = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (13.0, 45.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_photo_is_stored_encrypted_without_exif(org, categories, keyed_integrity_officer):
    raw = _jpeg_with_gps()
    assert b"PhoneMaker" in raw
    checked = casefiles.check_uploads([SimpleUploadedFile("IMG_0001.jpg", raw)])
    case, receipt = _submit(org, categories, checked_files=checked)
    stored = case.files.get()
    with stored.blob.open("rb") as fh:
        assert not fh.read().startswith(b"\xff\xd8")  # encrypted at rest
    _case, key = intake.open_with_receipt(org, receipt)
    data, name = cases.read_file(stored, key)
    assert name == "IMG_0001.jpg" and data.startswith(b"\xff\xd8")
    assert b"PhoneMaker" not in data and not Image.open(io.BytesIO(data)).getexif()


def test_bad_files_are_refused_before_anything_is_stored(org, categories, keyed_integrity_officer):
    with pytest.raises(ValidationError):
        casefiles.check_uploads([SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10)])
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4 " + b"0" * (casefiles.MAX_CASE_FILE_BYTES + 1))
    with pytest.raises(ValidationError):
        casefiles.check_uploads([big])
    assert not Case.objects.exists()


def test_reporter_message_is_sealed_and_readable_with_the_key(org, categories, keyed_integrity_officer):
    case, receipt = _submit(org, categories)
    _case, key = intake.open_with_receipt(org, receipt)
    pdf = casefiles.check_uploads([SimpleUploadedFile("slip.pdf", tiny_pdf("payment slip"))])
    event = intake.reporter_message(case, key, "มีหลักฐานเพิ่มเติม", pdf)
    assert event.type == EventType.COMPLAINANT and event.by_complainant and event.body == ""
    assert cases.event_text(event, key) == "มีหลักฐานเพิ่มเติม"
    assert pdf_marker(cases.read_file(event.files.get(), key)[0]) == "payment slip"
    audit = AuditEvent.objects.get(action="complaints.integrity_reporter_message")
    assert audit.data == {"number": case.number} and audit.actor_id is None


def test_reporter_message_refuses_empty_text_and_a_wrong_key(org, categories, keyed_integrity_officer):
    case, receipt = _submit(org, categories)
    _case, key = intake.open_with_receipt(org, receipt)
    with pytest.raises(ValidationError):
        intake.reporter_message(case, key, "  ")
    with pytest.raises(ValidationError):
        intake.reporter_message(case, crypto.new_key(), "ข้อความ")
    assert not case.events.filter(type=EventType.COMPLAINANT).exists()
