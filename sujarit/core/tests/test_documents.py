"""What official documents share: the emblem uploaded on the organization profile, and who signs."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sujarit.core import documents
from sujarit.core.models import Attachment, AuditEvent, Organization, OrgType


def _picture(fmt="JPEG", size=(1200, 900)):
    out = io.BytesIO()
    Image.new("RGB", size, "darkgreen").save(out, fmt)
    return out.getvalue()


def _post(client, org, data, name="ตรา.jpg"):
    upload = SimpleUploadedFile(name, data)
    return client.post(
        f"/{org.slug}/staff/organization/", {"action": "emblem", "emblem-file": upload}, format="multipart"
    )


def test_administrator_uploads_the_emblem_and_sees_it_on_the_profile(client, org, admin_user):
    client.force_login(admin_user)
    resp = _post(client, org, _picture())
    assert resp.status_code == 302
    org.refresh_from_db()
    assert org.emblem.content_type == "image/png"
    with org.emblem.file.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        assert max(stored.size) == documents.EMBLEM_MAX_PIXELS  # downscaled: printed 3 cm high
    assert AuditEvent.objects.filter(action="core.emblem_set").count() == 1
    page = client.get(f"/{org.slug}/staff/organization/").content.decode()
    assert 'src="data:image/png;base64,' in page


@pytest.mark.parametrize(
    "data",
    [
        "ตราสัญลักษณ์".encode(),  # text
        b"%PDF-1.4\n%%EOF\n",  # a PDF
        b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 10,  # a PNG signature over garbage
    ],
)
def test_a_file_that_is_not_a_picture_is_refused_and_changes_nothing(client, org, admin_user, data):
    client.force_login(admin_user)
    resp = _post(client, org, data, name="ตรา.png")
    assert resp.status_code == 400
    assert "errorlist" in resp.content.decode()
    org.refresh_from_db()
    assert org.emblem is None and not Attachment.objects.exists()
    assert not AuditEvent.objects.filter(action="core.emblem_set").exists()


def test_removing_the_emblem(client, org, admin_user):
    client.force_login(admin_user)
    _post(client, org, _picture("PNG", (300, 300)))
    resp = client.post(f"/{org.slug}/staff/organization/", {"action": "emblem", "emblem-remove": "on"})
    assert resp.status_code == 302
    org.refresh_from_db()
    assert org.emblem is None and documents.emblem_data_uri(org) == ""


def test_only_who_manages_the_organization_uploads_the_emblem(client, org, coordinator):
    client.force_login(coordinator)
    assert _post(client, org, _picture()).status_code == 403
    org.refresh_from_db()
    assert org.emblem is None


@pytest.mark.parametrize(
    "org_type,name,title",
    [
        (OrgType.SAO, "องค์การบริหารส่วนตำบลแหลมสอม", "นายกองค์การบริหารส่วนตำบลแหลมสอม"),
        (OrgType.SUBDISTRICT_MUNICIPALITY, "เทศบาลตำบลย่านตาขาว", "นายกเทศมนตรีตำบลย่านตาขาว"),
        (OrgType.CITY, "เทศบาลนครตรัง", "นายกเทศมนตรีนครตรัง"),
        (OrgType.PAO, "องค์การบริหารส่วนจังหวัดตรัง", "นายกองค์การบริหารส่วนจังหวัดตรัง"),
        (OrgType.BANGKOK, "กรุงเทพมหานคร", "ผู้ว่าราชการกรุงเทพมหานคร"),
        (OrgType.PATTAYA, "เมืองพัทยา", "นายกเมืองพัทยา"),
    ],
)
def test_the_executive_signs_under_the_title_of_the_organization_type(org_type, name, title):
    org = Organization(name=name, org_type=org_type)
    preparer, reviewer, executive = documents.signers(org, preparer_position="ผู้ประสานงานแผน")
    assert executive.position == title
    assert reviewer.position == "ปลัด" + name
    assert preparer.position == "ผู้ประสานงานแผน"
    assert (
        documents.executive_title(Organization(name=name, org_type=org_type, head_title="ผู้บริหาร")) == "ผู้บริหาร"
    )
