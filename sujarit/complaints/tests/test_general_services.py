"""General grievances: submission and routing, tracking code and secret, double submission, following."""

import datetime as dt
import io
import threading

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.utils import timezone
from PIL import Image

from sujarit.core import codes
from sujarit.core.models import AuditEvent

from ..models import Case, CaseFile, Category, Channel, EventType, Kind, State
from ..protection import casefiles
from ..services import general


def send(org, category, **kw):
    fields = {
        "channel": Channel.WEB,
        "category": category,
        "subject": "ไฟถนนดับ",
        "description": "ซอย 3 มืดทั้งซอย",
    }
    fields.update(kw)
    return general.submit(org, **fields)


def photo():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buf.getvalue(), content_type="image/jpeg")


def test_routed_to_the_category_unit(org, categories):
    case, _secret = send(org, categories["road"])
    assert case.unit == categories["road"].unit and case.unit.name == "กองช่าง"
    assert case.kind == Kind.GENERAL and case.state == State.RECEIVED
    assert case.number.startswith("ร")


def test_category_without_unit_goes_to_the_complaint_centre(org, categories, policy):
    categories["road"].unit = None
    categories["road"].save()
    case, _secret = send(org, categories["road"])
    assert case.unit == policy.general_unit


def test_tracking_code_is_short_and_unambiguous(org, categories):
    codes = {send(org, categories["waste"])[0].tracking_code for _i in range(5)}
    assert len(codes) == 5
    for code in codes:
        assert len(code) == 8 and not set(code) & set("0O1I")


def test_secret_is_shown_once_and_stored_hashed(org, categories):
    case, secret = send(org, categories["waste"])
    assert len(secret) == 8 and secret.isdigit()
    assert secret not in case.secret_hash
    assert general.follow(org, case.tracking_code, secret, client="citizen") == case
    assert (
        general.follow(org, case.tracking_code.lower(), codes.format_secret(secret), client="citizen") == case
    )


def test_secret_and_code_never_in_the_audit_log(org, categories):
    case, secret = send(org, categories["waste"], name="สมชาย ใจดี", phone="0812345678")
    event = AuditEvent.objects.get(action="complaints.submitted")
    text = str(event.data)
    for private in (secret, case.tracking_code, "สมชาย", "0812345678", "ซอย 3"):
        assert private not in text


def test_wrong_secret_or_code_gives_nothing(org, other_org, categories):
    case, secret = send(org, categories["waste"])
    wrong = "0" * 8 if secret != "0" * 8 else "1" * 8
    assert general.follow(org, case.tracking_code, wrong, client="citizen") is None
    assert general.follow(org, "ZZZZZZZZ", secret, client="citizen") is None
    assert (
        general.follow(other_org, case.tracking_code, secret, client="citizen") is None
    )  # another org's page


def test_too_many_wrong_secrets_lock_the_code(org, categories):
    cache.clear()
    case, secret = send(org, categories["waste"])
    for _i in range(codes.FOLLOW_FAILURES):
        assert general.follow(org, case.tracking_code, "99999999x", client="citizen") is None
    with pytest.raises(general.TooManyTries):
        general.follow(org, case.tracking_code, secret, client="citizen")


class SlowerHasher(PBKDF2PasswordHasher):
    """A hasher as slow as a few ms (production's takes far longer), so parallel guesses overlap."""

    iterations = 20_000


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_secrets_get_no_more_tries_than_the_limit(org, categories, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.SlowerHasher"]
    case, _secret = send(org, categories["waste"])
    tries = 2 * codes.FOLLOW_FAILURES
    barrier, answers = threading.Barrier(tries), []

    def guess(n):
        try:
            barrier.wait()
            answers.append(general.follow(org, case.tracking_code, f"{n:08d}", client="guesser"))
        except general.TooManyTries:
            answers.append("locked")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(tries)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers.count(None) == codes.FOLLOW_FAILURES  # each of them a checked (wrong) secret
    assert answers.count("locked") == tries - codes.FOLLOW_FAILURES


def test_double_submission_makes_one_case(org, categories):
    token = general.new_form_token(org)
    first, secret = send(org, categories["waste"], token=token)
    again, second_secret = send(org, categories["waste"], token=token)
    assert again == first and second_secret == "" and secret
    assert Case.objects.count() == 1


def test_renewed_secret_for_a_lost_first_page(org, categories):
    case, secret = send(org, categories["waste"])
    fresh = general.renew_secret(case)
    assert fresh and general.follow(org, case.tracking_code, fresh, client="citizen") == case
    case.received_at = timezone.now() - dt.timedelta(hours=1)
    case.save()
    assert general.renew_secret(case) == ""  # only within minutes of sending


def test_form_token_of_another_org_refused(org, other_org):
    with pytest.raises(ValidationError):
        general.check_form_token(org, general.new_form_token(other_org))
    with pytest.raises(ValidationError):
        general.check_form_token(org, "forged")
    general.check_form_token(org, general.new_form_token(org))


def test_category_of_another_kind_or_org_refused(org, other_org, categories):
    with pytest.raises(ValidationError):
        send(org, categories["bribe"])  # a corruption category never makes a general case
    foreign = Category.objects.create(org=other_org, code="x", name="อื่น")
    with pytest.raises(ValidationError):
        send(org, foreign)
    assert not Case.objects.exists()


def test_subject_and_details_required(org, categories):
    with pytest.raises(ValidationError):
        send(org, categories["waste"], subject="  ")
    assert not Case.objects.exists()


def test_position_out_of_range_refused(org, categories):
    with pytest.raises(ValidationError):
        send(org, categories["waste"], latitude="123.4", longitude="99.1")
    case, _s = send(org, categories["waste"], latitude="7.5571234", longitude="99.6112")
    assert str(case.latitude) == "7.557123"


def test_files_stored_public_and_without_metadata(org, categories):
    checked = casefiles.check_uploads([photo()])
    case, _s = send(org, categories["waste"], checked_files=checked)
    f = CaseFile.objects.get(case=case)
    assert f.by_complainant and f.public and f.content_type == "image/jpeg"


def test_staff_register_keeps_the_received_date(org, categories, unit_officer):
    received = timezone.now() - dt.timedelta(days=3)
    case, secret = general.register(
        org,
        by=unit_officer,
        channel=Channel.DAMRONGDHAMA,
        received_at=received,
        category=categories["road"],
        subject="ถนนพัง",
        description="ส่งต่อจากศูนย์ดำรงธรรม",
    )
    assert case.channel == Channel.DAMRONGDHAMA and case.received_at == received and secret
    assert case.due_date == timezone.localtime(received).date() + dt.timedelta(days=15)
    assert case.created_by == unit_officer
    assert AuditEvent.objects.get(action="complaints.submitted").actor == unit_officer


def test_register_needs_a_staff_channel_and_permission(
    org, categories, unit_officer, executive, council_member
):
    kw = {
        "category": categories["road"],
        "subject": "ถนน",
        "description": "พัง",
        "received_at": timezone.now(),
    }
    with pytest.raises(ValidationError):
        general.register(org, by=unit_officer, channel=Channel.WEB, **kw)
    with pytest.raises(PermissionDenied):
        general.register(org, by=executive, channel=Channel.PHONE, **kw)
    with pytest.raises(PermissionDenied):  # the public cannot claim another channel
        general.submit(org, channel=Channel.PHONE, **kw)
    assert not Case.objects.exists()


def test_future_received_date_refused(org, categories, unit_officer):
    with pytest.raises(ValidationError):
        general.register(
            org,
            by=unit_officer,
            channel=Channel.LETTER,
            received_at=timezone.now() + dt.timedelta(days=2),
            category=categories["road"],
            subject="ถนน",
            description="พัง",
        )


def test_add_information(org, categories):
    case, _s = send(org, categories["waste"])
    event = general.add_information(case, "ส่งรูปเพิ่ม", casefiles.check_uploads([photo()]))
    assert event.type == EventType.COMPLAINANT and event.by_complainant and event.is_public
    assert case.files.get().event == event
    with pytest.raises(ValidationError):
        general.add_information(case, "  ")


def test_no_information_added_to_a_closed_case(org, categories):
    case, _s = send(org, categories["waste"])
    case.state = State.CLOSED
    case.save()
    with pytest.raises(ValidationError):
        general.add_information(case, "ยังไม่ได้แก้")
