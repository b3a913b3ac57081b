"""Reporting the way officers report: the activity's dates, participants and published link; one
"สถานะ" on the review page; past rounds back-filled and marked so; internal evidence never public;
a plan with lint errors imported only after confirmation; an item without a unit gets one."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from sujarit.core import thai
from sujarit.core.models import AuditEvent, Role
from sujarit.core.services import ensure_unit
from sujarit.core.tests.personas import make_staff
from sujarit.core.tests.samples import png_bytes
from sujarit.plans import demo
from sujarit.plans.exports import report_xlsx
from sujarit.plans.models import ProgressReport
from sujarit.plans.monitoring_report import build as build_report
from sujarit.plans.parsing.dates import DateError, parse_date
from sujarit.plans.permissions import can_report_on
from sujarit.plans.services import progress
from sujarit.plans.services.importing import assign_unit, import_plan, unassigned_items

from .factories import build_plan

CUR = thai.current_fiscal_year()
YEAR = CUR - 1  # both rounds over: writing it now is back-filling
PNG = png_bytes()


def png(name):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def plan(org):
    return build_plan(org, first_year=CUR - 3, last_year=CUR + 1)


@pytest.fixture
def item(plan):
    return plan.items.get(number=1)


def edit_url(org, item, year=YEAR, round_months=12):
    return reverse(
        "plans_staff:report_edit",
        kwargs={"org_slug": org.slug, "number": item.number, "fiscal_year": year, "round": round_months},
    )


def form(item, **over):
    data = {
        "status": "done",
        "percent_done": "100",
        "spent": "15000",
        "work_done": "จัดอบรมพนักงาน",
        f"kpi_{item.kpis.get().pk}": "3",
        "activity_start": f"15/01/{YEAR}",
        "activity_end": f"16/01/{YEAR}",
        "participants": "52",
        "participant_groups": "ประชาชน 40 คน, พนักงาน 12 คน",
        "published_url": "https://www.facebook.com/laemsom/posts/123",
        "action": "submit",
    }
    data.update(over)
    return data


def approve(report, coordinator):
    return progress.approve_report(report, by=coordinator)


def public_item(client, org, item):
    return client.get(
        reverse("plans:item", kwargs={"org_slug": org.slug, "number": item.number})
    ).content.decode()


# --- the activity -------------------------------------------------------------------------------


def test_officer_reports_dates_participants_and_link_and_the_public_sees_them(
    client, org, item, unit_officer, coordinator
):
    client.force_login(unit_officer)
    resp = client.post(edit_url(org, item), form(item))
    assert resp.status_code == 302
    report = ProgressReport.objects.get(item=item, fiscal_year=YEAR, round=12)
    assert report.activity_start == dt.date(YEAR - 543, 1, 15) and report.activity_end == dt.date(
        YEAR - 543, 1, 16
    )
    assert report.participants == 52 and report.participant_groups == "ประชาชน 40 คน, พนักงาน 12 คน"
    assert report.published_url == "https://www.facebook.com/laemsom/posts/123"

    client.force_login(coordinator)
    detail = client.get(reverse("plans_staff:report_detail", kwargs={"org_slug": org.slug, "pk": report.pk}))
    html = detail.content.decode()
    assert f"15 มกราคม {YEAR} – 16 มกราคม {YEAR}" in html
    assert "52 คน (ประชาชน 40 คน, พนักงาน 12 คน)" in html
    assert 'href="https://www.facebook.com/laemsom/posts/123"' in html

    client.logout()
    assert "facebook.com/laemsom" not in public_item(client, org, item)  # not before approval
    approve(report, coordinator)
    html = public_item(client, org, item)
    assert f"15 มกราคม {YEAR} – 16 มกราคม {YEAR}" in html and "52 คน" in html
    assert "https://www.facebook.com/laemsom/posts/123" in html


def test_the_monitoring_report_and_its_excel_carry_the_activity(client, org, item, unit_officer, coordinator):
    report = progress.save_report(
        item,
        YEAR,
        12,
        by=unit_officer,
        status="done",
        percent_done=100,
        spent=0,
        activity_start=dt.date(YEAR - 543, 3, 2),
        participants=30,
        published_url="https://laemsom.go.th/news/7",
        submit=True,
    )
    approve(report, coordinator)
    page = client.get(
        reverse("plans:report", kwargs={"org_slug": org.slug, "fiscal_year": YEAR, "round": 12})
    )
    html = page.content.decode()
    assert f"2 มีนาคม {YEAR}" in html and "30 คน" in html and "https://laemsom.go.th/news/7" in html
    _name, _type, data = report_xlsx(build_report(org, YEAR, 12))
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "https://laemsom.go.th/news/7" in values and "30 คน" in values and f"2 มีนาคม {YEAR}" in values


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"activity_start": f"20/01/{YEAR}", "activity_end": f"19/01/{YEAR}"}, "กิจกรรมจะสิ้นสุดก่อนวันเริ่มไม่ได้"),
        ({"activity_start": f"15/01/{YEAR - 3}", "activity_end": ""}, f"ปีงบประมาณ {YEAR}"),
        ({"activity_start": "พรุ่งนี้"}, "ไม่ใช่วันที่"),
        ({"activity_start": f"31/02/{YEAR}"}, "ไม่มีวันที่"),
        ({"published_url": "javascript:alert(1)"}, "URL"),
        ({"participants": "-3"}, "participants"),
    ],
)
def test_bad_activity_input_gives_a_thai_message_and_saves_nothing(
    client, org, item, unit_officer, over, message
):
    client.force_login(unit_officer)
    resp = client.post(edit_url(org, item), form(item, **over))
    assert resp.status_code == 200
    assert not ProgressReport.objects.filter(item=item).exists()
    html = resp.content.decode()
    assert "ไม่ได้บันทึก" in html
    if message not in ("URL", "participants"):
        assert message in html


# --- one สถานะ row --------------------------------------------------------------------------------


def test_the_review_page_has_one_status_row(client, org, item, unit_officer, coordinator):
    report = progress.save_report(
        item, YEAR, 6, by=unit_officer, status="in_progress", percent_done=40, spent=0, submit=True
    )
    client.force_login(coordinator)
    html = client.get(
        reverse("plans_staff:report_review", kwargs={"org_slug": org.slug, "pk": report.pk})
    ).content.decode()
    labels = re.findall(r"<dt>([^<]*)</dt>", html)
    assert labels.count("สถานะ") == 1
    assert "สถานะรายงาน" in labels  # the report's own state has its own name


# --- back-filling --------------------------------------------------------------------------------


def test_a_past_round_written_now_is_marked_entered_afterwards_in_public_and_reports(
    client, org, item, unit_officer, coordinator
):
    client.force_login(unit_officer)
    page = client.get(edit_url(org, item, YEAR - 1, 12)).content.decode()
    assert "บันทึกย้อนหลัง" in page  # the officer is told before writing
    report = progress.save_report(
        item, YEAR - 1, 12, by=unit_officer, status="done", percent_done=100, spent=0, submit=True
    )
    assert report.entered_afterwards
    approve(report, coordinator)
    client.logout()
    assert "บันทึกย้อนหลัง" in public_item(client, org, item)
    html = client.get(
        reverse("plans:report", kwargs={"org_slug": org.slug, "fiscal_year": YEAR - 1, "round": 12})
    ).content.decode()
    assert "บันทึกย้อนหลัง" in html
    assert AuditEvent.objects.get(action="plans.report_created").data["entered_afterwards"] is True


def test_a_round_written_before_its_due_date_is_not_marked(item, unit_officer):
    report = progress.save_report(
        item, CUR, 6, by=unit_officer, status="in_progress", percent_done=10, spent=0
    )
    assert timezone.localdate() <= progress.due_date(CUR, 6) or report.entered_afterwards
    if timezone.localdate() <= progress.due_date(CUR, 6):
        assert not report.entered_afterwards


# --- internal evidence (PDPA) ---------------------------------------------------------------------


def test_upload_form_says_evidence_becomes_public_and_offers_internal_files(client, org, item, unit_officer):
    client.force_login(unit_officer)
    html = client.get(edit_url(org, item)).content.decode()
    assert "เผยแพร่บนเว็บไซต์สาธารณะ" in html
    assert 'name="internal_evidence"' in html
    assert "สำเนาบัตรประชาชน" in html


def test_internal_files_never_reach_public_pages_or_exports(
    client, org, item, unit_officer, coordinator, executive
):
    client.force_login(unit_officer)
    client.post(
        edit_url(org, item),
        form(item, evidence=[png("photo.png")], internal_evidence=[png("attendance.png")]),
    )
    report = ProgressReport.objects.get(item=item)
    internal = report.internal_evidence.get()
    assert internal.original_name == "attendance.png"
    assert [a.original_name for a in report.evidence.all()] == ["photo.png"]
    approve(report, coordinator)

    client.logout()
    html = public_item(client, org, item)
    assert "photo.png" in html and "attendance.png" not in html
    api = client.get(f"/api/v1/orgs/{org.slug}/plan").content.decode()
    assert "photo.png" in api and "attendance.png" not in api
    url = reverse(
        "plans:evidence", kwargs={"org_slug": org.slug, "pk": report.pk, "attachment_pk": internal.pk}
    )
    assert client.get(url).status_code in (403, 404)

    client.force_login(executive)  # staff see and open it
    staff_url = reverse(
        "plans_staff:report_evidence",
        kwargs={"org_slug": org.slug, "pk": report.pk, "attachment_pk": internal.pk},
    )
    assert client.get(staff_url).status_code == 200
    detail = client.get(reverse("plans_staff:report_detail", kwargs={"org_slug": org.slug, "pk": report.pk}))
    assert "attendance.png" in detail.content.decode()


def test_a_file_is_marked_internal_before_approval(client, org, item, unit_officer):
    report = progress.save_report(
        item,
        YEAR,
        12,
        by=unit_officer,
        status="in_progress",
        percent_done=50,
        spent=0,
        evidence=[png("sheet.png")],
    )
    att = report.evidence.get()
    client.force_login(unit_officer)
    resp = client.post(edit_url(org, item), {"mark_internal": att.pk})
    assert resp.status_code == 302
    assert not report.evidence.exists() and report.internal_evidence.get() == att
    assert AuditEvent.objects.filter(action="plans.report_evidence_marked").get().data["internal"] is True
    client.post(edit_url(org, item), {"mark_public": att.pk})
    assert report.evidence.get() == att


# --- importing ------------------------------------------------------------------------------------


def test_placeholder_unit_stays_unassigned_and_the_coordinator_is_asked(client, org, coordinator):
    plan = demo.load(org).plan
    item7 = plan.items.get(number=7)
    assert item7.responsible_unit is None
    assert "ระบุ" not in " ".join(u.name for u in org.units.all())  # no placeholder became a unit
    assert [i.number for i in unassigned_items(plan)] == [7, 27]

    client.force_login(coordinator)
    html = client.get(reverse("plans_staff:lint", kwargs={"org_slug": org.slug})).content.decode()
    assert 'id="unassigned-7"' in html and 'id="unassigned-27"' in html
    unit = ensure_unit(org, "สำนักปลัด")
    resp = client.post(
        reverse("plans_staff:item_unit", kwargs={"org_slug": org.slug, "number": 7}), {"unit": unit.pk}
    )
    assert resp.status_code == 302
    item7.refresh_from_db()
    assert item7.responsible_unit == unit
    assert AuditEvent.objects.filter(action="plans.item_unit_assigned").get().data["unit"] == "สำนักปลัด"

    officer = make_staff(org, "t_officer_palad", Role.UNIT_OFFICER, "สำนักปลัด")
    assert can_report_on(officer, item7)  # item 7 is reportable now

    import_plan(org, demo.seed_parsed(), by=None)  # the same document again keeps the assignment
    item7.refresh_from_db()
    assert item7.responsible_unit == unit


def test_assigning_a_unit_of_another_organization_is_refused(org, other_org, coordinator):
    plan = demo.load(org).plan
    foreign = ensure_unit(other_org, "กองคลัง")
    with pytest.raises(Exception, match="หน่วยงาน"):
        assign_unit(plan.items.get(number=7), foreign, by=coordinator)
    assert plan.items.get(number=7).responsible_unit is None


def test_preview_warns_which_items_have_no_unit(client, org, coordinator):
    client.force_login(coordinator)
    resp = client.post(
        f"/{org.slug}/staff/plan/import/", {"file": SimpleUploadedFile("plan.txt", demo.SEED.read_bytes())}
    )
    html = client.get(resp["Location"]).content.decode()
    assert 'id="no-unit"' in html and "7, 27" in html


# --- the date parser --------------------------------------------------------------------------------


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_a_date_typed_in_the_buddhist_era_or_iso_reads_back(day):
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year + 543}") == day
    assert (
        parse_date(
            f"{day.day}/{day.month}/{day.year + 543}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        )
        == day
    )
    assert parse_date(day.isoformat()) == day


@given(st.text(max_size=30))
def test_any_text_is_a_date_none_or_a_thai_error(text):
    try:
        value = parse_date(text)
    except DateError as e:
        assert re.search(r"[ก-๙]", str(e))
    else:
        assert value is None or isinstance(value, dt.date)
