"""An officer records a law training for executives and council members (plan item 24), a participant
takes the post-training law test from its public link (survey engine), and the training register and
item 24's KPIs show both — the training held and the share who passed — without anyone typing a value."""

import json

import pytest
from django.conf import settings
from django.utils import timezone

from sujarit.core import thai
from sujarit.registers.models import Training
from sujarit.surveys.models import State
from sujarit.surveys.services.standard import load_standard

from .conftest import sign_in

pytestmark = pytest.mark.browser
LAW_TEST = settings.PACKAGE_DIR / "surveys" / "data" / "standard" / "09_law-test.json"


def _submit(page, action):
    with page.expect_navigation():
        page.locator(f"form:has(input[name=action][value={action}]) button[type=submit]").click()


def test_training_then_its_test_moves_item_24(new_page, page, site, org, coordinator, seed_plan):
    (test,) = load_standard(org, keys=["law-test"], state=State.OPEN)
    held = min(timezone.localdate(), thai.fiscal_year_bounds(thai.current_fiscal_year())[0])
    citizen = new_page()
    citizen.goto(f"{site}/{org.slug}/plan/items/24/")
    assert "100" not in citizen.locator("tr", has_text="มีองค์ความรู้ด้านกฎหมาย").first.inner_text()

    sign_in(page, site, "t_coord", "pw-t_coord", f"/{org.slug}/staff/registers/trainings/")
    page.fill("#id_title", "อบรมความรู้ด้านกฎหมายและระเบียบสำหรับผู้บริหารและสมาชิกสภา")
    page.fill("#id_held_on", held.isoformat())
    page.fill("#id_plan_item", "24")
    page.fill("#id_executives_expected", "4")
    page.fill("#id_executives_attended", "3")
    page.fill("#id_council_expected", "12")
    page.fill("#id_council_attended", "13")  # more than the council has: refused, nothing kept
    _submit(page, "add")
    assert "มากกว่าจำนวนกลุ่มเป้าหมาย" in page.locator("main").inner_text()
    assert not Training.objects.exists()
    page.fill("#id_council_attended", "10")
    _submit(page, "add")
    row = page.locator("tr", has_text="อบรมความรู้ด้านกฎหมาย").inner_text()
    assert "3/4" in row and "10/12" in row
    assert "แบบทดสอบความรู้ของลำดับที่ 24 (แบบสำรวจ): ผ่านเกณฑ์ –" in page.locator("main").inner_text()

    # A participant takes the post-training test from its public link and answers every question right.
    participant = new_page()
    participant.goto(f"{site}/{org.slug}/surveys/{test.key}/?phase=post")
    spec = json.loads(LAW_TEST.read_text(encoding="utf-8"))
    answers = [q for section in spec["sections"] for q in section["questions"]]
    for question, data in zip(test.current_version().questions.all(), answers, strict=True):
        right = data["choices"][data["correct"][0]]
        participant.locator(f"#question-{question.pk} label", has_text=right).first.click()
    with participant.expect_navigation():
        participant.locator("#survey-form button[type=submit]").click()

    page.reload()
    assert "ผ่านเกณฑ์ 100 % (1 จาก 1 คำตอบ)" in page.locator("main").inner_text()
    citizen.goto(f"{site}/{org.slug}/plan/items/24/")
    knowledge = citizen.locator("tr", has_text="มีองค์ความรู้ด้านกฎหมาย").first.inner_text()
    assert "100" in knowledge, knowledge
    held_row = citizen.locator("tr", has_text="มีการจัดอบรมความรู้ด้านกฎหมาย").first.inner_text()
    assert "1" in held_row, held_row
