"""A reporter sees who would receive a corruption report, leaves an officer out, and the receipt page
says who can read it; the officers of the unit complained about are greyed out as soon as it is chosen,
and the page says when no one is left."""

import pytest
from django.urls import reverse

from sujarit.complaints.models import Case, CaseKey, Category
from sujarit.complaints.tests.conftest import (  # noqa: F401
    categories,
    keyed_integrity_officer,
    policy,
    second_integrity_officer,
)
from sujarit.core.models import Person

pytestmark = pytest.mark.browser

REPORT = "เจ้าหน้าที่การเงินเรียกเงินทอนจากผู้รับเหมาโครงการขุดลอกคลองหมู่ที่ 2"


@pytest.mark.usefixtures("categories", "keyed_integrity_officer", "second_integrity_officer")
def test_reporter_chooses_who_receives_the_report(page, site, org):
    palad = Person.objects.get(org=org, user__username="t_integrity")  # สำนักปลัด
    palad.full_name = "นายสมชาย ใจดี"
    palad.save(update_fields=["full_name"])
    treasury = Person.objects.get(org=org, user__username="t_integrity2")  # กองคลัง
    page.goto(f"{site}{reverse('complaints:integrity_report', kwargs={'org_slug': org.slug})}")

    # Both officers are listed, name and unit, and ticked.
    boxes = page.locator("input[name=recipients]")
    assert boxes.count() == 2
    assert page.locator(f"input[name=recipients][value='{palad.pk}']").is_checked()
    assert page.locator(f"input[name=recipients][value='{treasury.pk}']").is_checked()
    assert f"{treasury.full_name} — กองคลัง" in page.locator("#recipients").inner_text()

    # Choosing the treasury as the accused unit greys its officer out at once.
    page.select_option("#id_accused_unit", label="กองคลัง")
    treasury_row = page.locator(f"input[name=recipients][value='{treasury.pk}']").locator(
        "xpath=ancestor::li"
    )
    assert treasury_row.locator("[data-excluded=unit]").is_visible()
    # Unticking the other officer leaves no one: the page says so.
    page.locator(f"input[name=recipients][value='{palad.pk}']").uncheck()
    assert page.locator("[data-nobody]").is_visible()
    page.locator(f"input[name=recipients][value='{palad.pk}']").check()
    assert page.locator("[data-nobody]").is_hidden()
    # Naming him, however it is written, marks him too (asked from the server as the name is typed).
    palad_row = page.locator(f"input[name=recipients][value='{palad.pk}']").locator("xpath=ancestor::li")
    page.fill("#id_accused_name", "ดร.สมชาย")
    palad_row.locator("[data-excluded=named]").wait_for(state="visible", timeout=10_000)
    assert page.locator("[data-nobody]").is_visible()
    page.fill("#id_accused_name", "หัวหน้าฝ่ายการเงิน")
    palad_row.locator("[data-excluded=named]").wait_for(state="hidden", timeout=10_000)
    assert page.locator("[data-nobody]").is_hidden()

    page.select_option("#id_category", label=Category.objects.get(org=org, code="bribe").name)
    page.fill("#id_text", REPORT)
    page.locator("form[data-pow] button[type=submit]").click()
    page.locator(".receipt strong").wait_for(timeout=30_000)
    readers = page.locator("#readers").inner_text()
    assert palad.full_name in readers and treasury.full_name not in readers

    case = Case.objects.get(org=org)
    assert set(CaseKey.objects.filter(case=case).values_list("person", flat=True)) == {palad.pk}
