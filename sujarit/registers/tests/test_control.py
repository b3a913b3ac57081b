"""Internal control (item 22): the improvement plan (ปค.5) followed to done moves the KPI, the
report's dates are checked, and ปค.5 prints in its official columns."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.plans import demo as plan_demo
from sujarit.plans.models import KPI

from ..models import Improvement
from ..services import control

pytestmark = pytest.mark.django_db


def _evaluation(org, by, fy=2567, rows=3):
    e = control.open_evaluation(org, fiscal_year=fy, by=by)
    for n in range(rows):
        control.add_improvement(e, mission=f"ภารกิจ {n}", risk="เอกสารไม่ครบถ้วน", improvement="จัดทำแบบตรวจสอบเอกสาร",
                                owner="กองคลัง", by=by)  # fmt: skip
    return e


def _measure(key, org, fy):
    return registry.measures[f"registers.{key}"].func(org, Period.for_fiscal_year(fy))


def test_item_22_is_bound_and_moves_with_the_follow_up(org, coordinator):
    plan = plan_demo.load(org).plan
    keys = set(KPI.objects.filter(item__plan=plan, item__number=22).values_list("measure_key", flat=True))
    assert {"registers.control_report", "registers.control_improvements_done"} <= keys
    e = _evaluation(org, coordinator, fy=2567, rows=5)
    assert _measure("control_improvements_done", org, 2568) == 0
    for row in list(e.improvements.all())[:4]:
        control.set_improvement_status(row, status="done", done_on=dt.date(2025, 3, 1), by=coordinator)
    assert _measure("control_improvements_done", org, 2568) == 80  # the target: ร้อยละ 80
    control.record_steps(e, certified_on=dt.date(2024, 11, 25), sent_on=dt.date(2024, 11, 26), by=coordinator)
    assert _measure("control_report", org, 2568) == 1 and _measure("control_report", org, 2567) == 0


def test_sending_before_certifying_is_refused_and_changes_nothing(org, coordinator):
    e = _evaluation(org, coordinator)
    with pytest.raises(ValidationError) as exc:
        control.record_steps(
            e, certified_on=dt.date(2024, 11, 25), sent_on=dt.date(2024, 11, 1), by=coordinator
        )
    assert "ส่งรายงานก่อนวันที่รับรอง" in " ".join(exc.value.messages)
    e.refresh_from_db()
    assert e.certified_on is None and e.sent_on is None


def test_pc5_page_and_pdf_in_the_official_columns(client, org, coordinator, tmp_path):
    client.force_login(coordinator)
    url = reverse("registers_staff:control", kwargs={"org_slug": org.slug})
    client.post(url + "?year=2567", {"action": "open"})
    client.post(url + "?year=2567", {"action": "improvement", "pc5-mission": "การจัดเก็บรายได้",
                                     "pc5-risk": "ลูกหนี้ภาษีค้างชำระ", "pc5-improvement": "ออกหนังสือเตือนทุกไตรมาส"})  # fmt: skip
    row = Improvement.objects.get()
    client.post(
        url + "?year=2567", {"action": "status", "row": row.pk, "status": "done", "done_on": "2025-01-10"}
    )
    row.refresh_from_db()
    assert row.status == "done"
    page = client.get(url, {"year": 2567}).content.decode()
    assert "ออกหนังสือเตือนทุกไตรมาส" in page
    resp = client.get(
        reverse("registers_staff:control_pdf", kwargs={"org_slug": org.slug, "fiscal_year": 2567})
    )
    assert resp["Content-Type"] == "application/pdf"
    if shutil.which("pdftotext"):
        path = tmp_path / "pc5.pdf"
        path.write_bytes(resp.content)
        flat = "".join(
            subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
            .stdout.decode()
            .split()
        )
        for words in ("แบบปค.5", "การปรับปรุงการควบคุมภายใน", "ความเสี่ยงที่ยังมีอยู่", "ออกหนังสือเตือนทุกไตรมาส"):
            assert words in flat, words


def test_the_export_centre_offers_the_assessment_and_pc5(org, coordinator):

    e = _evaluation(org, coordinator, fy=2567, rows=2)
    name, content_type, data = registry.exports["registers.pc5"].func(org, "xlsx", fiscal_year=2567)
    assert name.endswith(".xlsx") and e.improvements.count() == 2

    cells = [c.value for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert "การปรับปรุงการควบคุมภายใน" in cells and "ภารกิจ 1" in cells
    with pytest.raises(LookupError):
        registry.exports["registers.risk"].func(org, "pdf", fiscal_year=2567)
