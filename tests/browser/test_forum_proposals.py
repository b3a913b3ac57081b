"""An officer records a village's community forum, the issue it raised and its proposal, then what
became of the proposal in the local development plan; the public registers page shows the outcome
(O24 participation evidence) and plan item 18's KPI "ได้รับทราบปัญหาและความต้องการ…" moves by itself."""

import pytest
from django.utils import timezone

from sujarit.core import thai
from sujarit.registers.models import Forum, ForumIssue

from .conftest import sign_in

pytestmark = pytest.mark.browser


def _submit(page, action):
    with page.expect_navigation():
        page.locator(f"form:has(input[name=action][value={action}]) button[type=submit]").click()


def test_forum_to_proposal_to_outcome_moves_item_18(new_page, page, site, org, coordinator, seed_plan):
    today = timezone.localdate()
    held = thai.fiscal_year_bounds(thai.current_fiscal_year())[0]
    citizen = new_page()
    citizen.goto(f"{site}/{org.slug}/plan/items/18/")
    row = citizen.locator("tr", has_text="ได้รับทราบปัญหาและความต้องการ").first
    assert "100" not in row.inner_text()

    sign_in(page, site, "t_coord", "pw-t_coord", f"/{org.slug}/staff/registers/forums/")
    page.fill("#id_number", "1")
    page.fill("#id_name", "บ้านแหลมสอม")
    page.fill("#id_population", "300")
    _submit(page, "village")

    # More attendees than the village's people: refused in Thai, nothing kept.
    page.select_option("#id_village", index=1)
    page.fill("#id_held_on", held.isoformat())
    page.fill("#id_attendees", "301")
    _submit(page, "forum")
    assert "มากกว่าจำนวนประชากรของหมู่บ้าน" in page.locator("main").inner_text()
    assert not Forum.objects.exists()
    page.fill("#id_attendees", "60")
    _submit(page, "forum")
    assert Forum.objects.count() == 1

    page.goto(f"{site}/{org.slug}/staff/registers/forums/proposals/")
    page.select_option("#id_forum", index=1)
    page.fill("#id_issue", "ถนนในหมู่บ้านชำรุดเป็นหลุมบ่อ")
    page.fill("#id_proposal", "ซ่อมแซมถนนลาดยางสายกลางหมู่บ้าน")
    _submit(page, "issue")
    assert "ซ่อมแซมถนนลาดยางสายกลางหมู่บ้าน" in page.locator("table").inner_text()

    # "In the plan" without saying where is refused; then recorded with its page of the plan.
    page.select_option("#id_row", index=1)
    page.select_option("#id_outcome", "in_plan")
    page.fill("#id_decided_on", today.isoformat())
    _submit(page, "outcome")
    assert "บรรจุข้อเสนอไว้ที่ใดในแผนพัฒนาท้องถิ่น" in page.locator("main").inner_text()
    assert ForumIssue.objects.get().outcome == ForumIssue.Outcome.PENDING
    page.fill("#id_outcome_note", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) หน้า 45")
    _submit(page, "outcome")
    assert ForumIssue.objects.get().outcome == ForumIssue.Outcome.IN_PLAN

    citizen.goto(f"{site}/{org.slug}/registers/")
    outcome = citizen.locator("tr", has_text="ซ่อมแซมถนนลาดยางสายกลางหมู่บ้าน").inner_text()
    assert "บรรจุในแผนพัฒนาท้องถิ่น" in outcome and "หน้า 45" in outcome
    citizen.goto(f"{site}/{org.slug}/plan/items/18/")
    row = citizen.locator("tr", has_text="ได้รับทราบปัญหาและความต้องการ").first
    assert "100" in row.inner_text(), row.inner_text()
