"""An officer opens the year's fraud-risk assessment, rates a risk, answers it with a treatment, marks
the treatment done and publishes; the heat map counts the risk in its cell, and the public page shows
the assessment with its treatment (plan item 23, OIT O28/O29)."""

import pytest

from sujarit.registers.models import RiskAssessment, Treatment

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_officer_rates_a_risk_treats_it_and_the_heat_map_shows_it(page, site, org, unit_officer):
    sign_in(page, site, "t_officer", "pw-t_officer", f"/{org.slug}/staff/registers/risk/")
    page.fill("#id_fiscal_year", "2568")
    page.fill("#id_title", "รายงานการประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. 2568")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assessment = RiskAssessment.objects.get(org=org, fiscal_year=2568)
    assert page.url.endswith(f"/staff/registers/risk/{assessment.pk}/")

    # A likelihood off the scale is refused in Thai; the register stays empty.
    page.fill("#id_risk-process", "การจัดซื้อจัดจ้าง")
    page.fill("#id_risk-event", "กำหนดคุณลักษณะเฉพาะเอื้อประโยชน์แก่ผู้ขายบางราย")
    page.fill("#id_risk-likelihood", "7")
    page.fill("#id_risk-impact", "4")
    with page.expect_navigation():
        page.locator("#risk-form button[type=submit]").click()
    assert "ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 5" in page.locator("#risk-form").inner_text()
    assert not assessment.risks.exists()

    page.fill("#id_risk-likelihood", "3")
    with page.expect_navigation():
        page.locator("#risk-form button[type=submit]").click()
    heat = page.locator("svg.heatmap")
    assert heat.locator('text[data-cell="3-4"]').text_content() == "1"

    page.select_option("#id_treatment-risk", index=1)
    page.fill("#id_treatment-measure", "เผยแพร่ร่างขอบเขตงานรับฟังความคิดเห็นก่อนประกาศ")
    page.fill("#id_treatment-owner", "กองคลัง")
    with page.expect_navigation():
        page.locator("#treatment-form button[type=submit]").click()
    row = page.locator("div.treatment", has_text="เผยแพร่ร่างขอบเขตงาน")
    row.locator("select[name=status]").select_option("done")
    row.locator("input[name=done_on]").fill("2025-03-15")
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    assert Treatment.objects.get().status == Treatment.Status.DONE
    assert "ดำเนินการตามมาตรการแล้ว 1 จาก 1 มาตรการ" in page.locator("main").inner_text()

    page.fill("#id_publish-published_on", "2025-03-20")
    page.fill("#id_publish-channels", "เว็บไซต์ อบต.\nบอร์ดประชาสัมพันธ์")
    with page.expect_navigation():
        page.locator("#publish-form button[type=submit]").click()

    # The public sees the published assessment: the heat map and the treatment's progress.
    page.goto(f"{site}/{org.slug}/registers/?year=2568")
    with page.expect_navigation():
        page.get_by_role("link", name="รายงานการประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. 2568").click()
    assert page.locator('svg.heatmap text[data-cell="3-4"]').text_content() == "1"
    body = page.locator("main").inner_text()
    assert "เผยแพร่ร่างขอบเขตงานรับฟังความคิดเห็นก่อนประกาศ — ดำเนินการแล้ว" in body
    assert page.locator("select[name=status]").count() == 0
