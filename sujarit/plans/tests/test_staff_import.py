"""Back office: upload the plan document, preview findings and changes, confirm; review the current plan."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sujarit.core.models import Attachment, AuditEvent
from sujarit.plans import demo
from sujarit.plans.models import Plan, ProgressReport


def upload(client, org, name, data):
    return client.post(f"/{org.slug}/staff/plan/import/", {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def seed_bytes():
    return demo.SEED.read_bytes()


def test_upload_preview_confirm(client, org, coordinator, seed_bytes):
    client.force_login(coordinator)
    assert client.get(f"/{org.slug}/staff/plan/import/").status_code == 200
    resp = upload(client, org, "plan.txt", seed_bytes)
    assert resp.status_code == 302
    preview_url = resp["Location"]
    assert not Plan.objects.exists()  # nothing imported before confirming

    page = client.get(preview_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "summary.grand_total_mismatch" in html  # the lint findings of the document
    assert "27" in html

    resp = client.post(preview_url, {"base": ""})
    assert resp.status_code == 400 and not Plan.objects.exists()  # the seed has errors: asked first
    assert "confirm_errors" in resp.content.decode()
    resp = client.post(preview_url, {"base": "", "confirm_errors": "1"})
    assert resp.status_code == 302 and resp["Location"].endswith("/staff/plan/lint/")
    plan = Plan.objects.get(org=org)
    assert plan.items.count() == 27 and plan.imported_by == coordinator
    assert plan.source_name == "plan.txt"
    assert AuditEvent.objects.filter(action="plans.imported", actor=coordinator).exists()


def test_revision_preview_shows_the_diff_and_keeps_progress(client, org, coordinator, seed_plan, seed_bytes):
    item2 = seed_plan.items.get(number=2)
    report = ProgressReport.objects.create(org=org, item=item2, fiscal_year=2566, round=6, state="approved")
    old = "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต"
    revised = seed_bytes.decode().replace(old, "โครงการอบรมคุณธรรมจริยธรรมพนักงาน").encode()
    client.force_login(coordinator)
    preview_url = upload(client, org, "revised.txt", revised)["Location"]
    html = client.get(preview_url).content.decode()
    assert "โครงการอบรมคุณธรรมจริยธรรมพนักงาน" in html and old in html
    assert seed_plan.items.get(number=2).name == old  # the preview changed nothing
    base = client.get(preview_url).context["base"]
    client.post(preview_url, {"base": base, "confirm_errors": "1"})
    assert seed_plan.items.get(number=2).name == "โครงการอบรมคุณธรรมจริยธรรมพนักงาน"
    assert ProgressReport.objects.filter(pk=report.pk, item=item2).exists()


def test_stale_preview_is_not_imported(client, org, coordinator, seed_plan, seed_bytes):
    revised = seed_bytes.decode().replace("โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต", "ชื่อใหม่").encode()
    client.force_login(coordinator)
    preview_url = upload(client, org, "revised.txt", revised)["Location"]
    resp = client.post(preview_url, {"base": "something older"})
    assert resp.status_code == 302 and resp["Location"] == preview_url
    assert seed_plan.items.get(number=2).name != "ชื่อใหม่"


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.txt", b""),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ("notes.txt", "บันทึกการประชุม ไม่ใช่แผน\n".encode()),
        ("latin1.txt", "caf\xe9".encode("latin-1")),
    ],
)
def test_bad_file_gets_a_message_and_changes_nothing(client, org, coordinator, name, data):
    client.force_login(coordinator)
    resp = upload(client, org, name, data)
    assert resp.status_code == 400
    assert resp.context["form"].errors["file"]
    assert 'class="bad"' in resp.content.decode()
    assert not Plan.objects.exists() and not Attachment.objects.exists()


def test_docx_upload(client, org, coordinator):
    document = docx.Document()
    for line in demo.SEED.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    client.force_login(coordinator)
    resp = upload(client, org, "plan.docx", buf.getvalue())
    # either the reader takes this rough .docx, or it says plainly why not; never a traceback
    assert resp.status_code in (302, 400)
    if resp.status_code == 302:
        assert client.get(resp["Location"]).status_code == 200


def test_preview_of_another_orgs_upload_is_404(
    client, org, other_org, coordinator, other_org_officer, seed_bytes
):
    client.force_login(other_org_officer)
    foreign = upload(client, other_org, "plan.txt", seed_bytes)["Location"]
    pk = foreign.rstrip("/").rsplit("/", 1)[1]
    client.force_login(coordinator)
    assert client.get(f"/{org.slug}/staff/plan/import/{pk}/").status_code == 404


def test_unit_officer_cannot_import_but_can_review(client, org, unit_officer, seed_plan, seed_bytes):
    client.force_login(unit_officer)
    assert client.get(f"/{org.slug}/staff/plan/import/").status_code == 403
    assert upload(client, org, "plan.txt", seed_bytes).status_code == 403
    page = client.get(f"/{org.slug}/staff/plan/lint/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "summary.grand_total_mismatch" in html and seed_plan.title in html
    assert "/staff/plan/import/" not in html


def test_review_page_without_plan(client, org, coordinator):
    client.force_login(coordinator)
    page = client.get(f"/{org.slug}/staff/plan/lint/")
    assert page.status_code == 200 and "/staff/plan/import/" in page.content.decode()
