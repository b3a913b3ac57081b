import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sujarit.core.models import Attachment, AuditEvent

from .. import services
from ..models import Executive, Page, Post
from .conftest import png

TODAY = dt.date(2026, 12, 1)


def test_photo_is_reencoded_as_jpeg_without_the_original_bytes(org, editor):
    upload = png((3000, 2000))
    original = upload.read()
    upload.seek(0)
    post = services.save_post(org, by=editor, title="ข่าว", published_on=TODAY, photo=upload)
    att = post.photo
    assert att.content_type == "image/jpeg"
    data = att.file.open("rb").read()
    assert data.startswith(b"\xff\xd8\xff") and data != original
    from PIL import Image

    with Image.open(att.file.open("rb")) as img:
        assert max(img.size) == 1600  # scaled down for phones
    assert AuditEvent.objects.filter(action="website.post_created").exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("x.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg"), "ไม่รับ"),
        (SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * 2048, content_type="image/jpeg"), "ใหญ่เกิน"),
    ],
)
def test_bad_upload_is_refused_in_thai_and_nothing_changes(org, editor, settings, upload, message):
    settings.SUJARIT_WEBSITE_MAX_IMAGE_BYTES = 1024
    post = services.save_post(org, by=editor, title="เดิม", published_on=TODAY)
    before = (Attachment.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.save_post(org, post, by=editor, title="ใหม่", published_on=TODAY, photo=upload)
    assert message in " ".join(exc.value.messages)
    post.refresh_from_db()
    assert post.title == "เดิม" and post.photo is None
    assert (Attachment.objects.count(), AuditEvent.objects.count()) == before


def test_unit_officer_and_outsiders_cannot_edit(org, other_org, unit_officer):
    from sujarit.core.tests.personas import make_staff

    outsider = make_staff(other_org, "t_other_coord", "plan_coordinator")
    for user in (unit_officer, outsider):
        with pytest.raises(PermissionDenied):
            services.save_post(org, by=user, title="ข่าว", published_on=TODAY)
        with pytest.raises(PermissionDenied):
            services.save_page(org, "history", by=user, body="x")
    assert not Post.objects.exists() and not Page.objects.exists()


def test_colour_must_keep_white_text_readable(org, editor):
    with pytest.raises(ValidationError) as exc:
        services.save_settings(org, by=editor, colour="#ffdd00")
    assert "4.5" in exc.value.messages[0]
    site = services.save_settings(org, by=editor, colour="#155E75")
    assert site.colour == "#155e75"


def test_coordinates_come_in_pairs(org, editor):
    from decimal import Decimal

    with pytest.raises(ValidationError):
        services.save_settings(org, by=editor, latitude=Decimal("7.1"))


def test_executive_of_another_org_cannot_be_changed_through_this_one(org, other_org, editor):
    from sujarit.core.tests.personas import make_staff

    theirs = services.save_executive(
        other_org, by=make_staff(other_org, "t_oc", "admin"), full_name="ก", position="นายก"
    )
    with pytest.raises(ValidationError):
        services.save_executive(org, theirs, by=editor, full_name="ข", position="นายก")
    theirs.refresh_from_db()
    assert theirs.full_name == "ก" and Executive.objects.count() == 1
