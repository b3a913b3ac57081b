"""ปค.4, ปค.6 and ปค.1: written through the staff page, refused when incomplete, printed on the
organization's letterhead with Thai text that survives pdftotext, and offered as Excel."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from sujarit.core.registry import registry

from ..services import control

pytestmark = pytest.mark.django_db

CONCLUSIONS = {
    "environment": "ผู้บริหารให้ความสำคัญกับจริยธรรม",
    "risk": "ระบุความเสี่ยงของทุกภารกิจ",
    "activities": "ตรวจสอบเอกสารยังไม่ครบ",
    "information": "มีช่องทางสื่อสารเพียงพอ",
    "monitoring": "ติดตามผลทุกไตรมาส",
}


def _flat_text(pdf, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    return "".join(out.split())


def _evaluation(org, by):
    e = control.open_evaluation(org, fiscal_year=2567, by=by)
    control.add_improvement(e, mission="การจัดเก็บรายได้", risk="ลูกหนี้ภาษีค้างชำระ",
                            improvement="ออกหนังสือเตือนทุกไตรมาส", owner="กองคลัง", by=by)  # fmt: skip
    return e


def test_a_missing_component_is_refused_in_thai_and_nothing_is_kept(org, coordinator):
    e = _evaluation(org, coordinator)
    with pytest.raises(ValidationError) as exc:
        control.record_components(e, overall="เพียงพอ", by=coordinator, **{**CONCLUSIONS, "monitoring": " "})
    assert "กิจกรรมการติดตามผล" in " ".join(exc.value.messages)
    e.refresh_from_db()
    assert e.components == {} and e.overall == ""


def test_the_review_waits_for_pc4(org, coordinator):
    e = _evaluation(org, coordinator)
    with pytest.raises(ValidationError) as exc:
        control.record_review(e, findings="เป็นไปตามหลักเกณฑ์", auditor_name="นางสาวพิมพ์ใจ",
                              reviewed_on=dt.date(2024, 11, 10), by=coordinator)  # fmt: skip
    assert "ปค.4" in " ".join(exc.value.messages)
    e.refresh_from_db()
    assert e.reviewed_on is None and e.auditor_name == ""


def test_the_three_forms_from_the_staff_page_to_pdf(client, org, coordinator, tmp_path):
    org.district, org.head_name = "เมืองตรัง", "นายสมชาย ใจงาม"
    org.save(update_fields=["district", "head_name"])
    e = _evaluation(org, coordinator)
    client.force_login(coordinator)
    url = reverse("registers_staff:control", kwargs={"org_slug": org.slug}) + "?year=2567"
    pc4 = {f"pc4-{k}": v for k, v in CONCLUSIONS.items()}
    client.post(url, {"action": "components", **pc4, "pc4-overall": "การควบคุมภายในเพียงพอ"})
    client.post(url, {"action": "review", "pc6-findings": "การประเมินเป็นไปตามหลักเกณฑ์",
                      "pc6-auditor_name": "นางสาวพิมพ์ใจ ตรวจดี", "pc6-reviewed_on": "2024-11-10"})  # fmt: skip
    e.refresh_from_db()
    assert e.components_done and e.reviewed_on == dt.date(2024, 11, 10)
    page = client.get(url).content.decode()
    for form in ("pc4", "pc6", "pc1"):
        link = reverse(
            "registers_staff:control_form_pdf",
            kwargs={"org_slug": org.slug, "fiscal_year": 2567, "form": form},
        )
        assert link in page
        resp = client.get(link)
        assert resp["Content-Type"] == "application/pdf", form
        if shutil.which("pdftotext"):
            text = _flat_text(resp.content, tmp_path)
            expected = {
                "pc4": ["แบบปค.4", "สภาพแวดล้อมการควบคุม", "ผลการประเมินโดยรวม", "ติดตามผลทุกไตรมาส"],
                "pc6": ["แบบปค.6", "ผลการสอบทาน", "นางสาวพิมพ์ใจตรวจดี", "การประเมินเป็นไปตามหลักเกณฑ์"],
                "pc1": ["แบบปค.1", "เรียนนายอำเภอเมืองตรัง", "นายสมชายใจงาม", "ออกหนังสือเตือนทุกไตรมาส"],
            }[form]
            for words in expected:
                assert words in text, (form, words)


def test_forms_not_reached_yet_are_not_exported(org, coordinator):
    _evaluation(org, coordinator)
    for form in ("pc4", "pc6"):
        with pytest.raises(LookupError):
            registry.exports[f"registers.{form}"].func(org, "pdf", fiscal_year=2567)
    name, _type, data = registry.exports["registers.pc1"].func(org, "xlsx", fiscal_year=2567)
    cells = [c.value for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert any("ออกหนังสือเตือนทุกไตรมาส" in str(c) for c in cells)


def test_the_pc4_excel_lists_the_five_components(org, coordinator):
    e = _evaluation(org, coordinator)
    control.record_components(e, overall="เพียงพอ", by=coordinator, **CONCLUSIONS)
    _name, _type, data = registry.exports["registers.pc4"].func(org, "xlsx", fiscal_year=2567)
    cells = [c.value for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert "5. กิจกรรมการติดตามผล" in cells and "ผลการประเมินโดยรวม" in cells
