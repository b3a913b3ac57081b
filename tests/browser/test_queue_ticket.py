"""A citizen takes a ticket at the kiosk; the counter officer calls it; the TV board shows it (and a
phone following the ticket is told which counter to go to)."""

import pytest

from sujarit.core.models import Person
from sujarit.queue.models import Ticket
from sujarit.queue.services.setup import create_counter, create_service

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_kiosk_ticket_is_called_at_the_counter_and_shown_on_the_board(new_page, site, org, unit_officer):
    service = create_service(org, code="tax", name="ชำระภาษีที่ดิน", prefix="A", standard_minutes=10)
    counter = create_counter(
        org, number=1, services=[service], officers=[Person.objects.get(user=unit_officer)]
    )

    kiosk = new_page()
    kiosk.goto(f"{site}/{org.slug}/queue/")
    with kiosk.expect_navigation():
        kiosk.get_by_role("button", name="ชำระภาษีที่ดิน").click()
    assert kiosk.get_by_test_id("ticket-number").inner_text() == "A001"
    assert kiosk.locator(".qr svg").count() == 1

    board = new_page()
    board.goto(f"{site}/{org.slug}/queue/board/")
    assert "A001" not in board.locator("#live").inner_text()

    officer = new_page()
    sign_in(officer, site, "t_officer", "pw-t_officer", f"/{org.slug}/staff/queue/counter/{counter.pk}/")
    with officer.expect_navigation():
        officer.get_by_test_id("call-next").click()
    assert officer.get_by_test_id("current").inner_text() == "A001"

    # The board polls every 3 s (htmx): the called number appears without a reload.
    board.locator("#live td.num", has_text="A001").wait_for(timeout=10_000)
    assert "ช่องบริการ 1" in board.locator("#live").inner_text()
    # The phone that scanned the QR code is told where to go.
    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(f"{site}/{org.slug}/queue/t/{Ticket.objects.get().follow_token}/")
    assert "ถึงคิวของท่านแล้ว เชิญที่ ช่องบริการ 1" in phone.locator("main").inner_text()


def test_the_served_citizen_answers_the_survey_from_the_phone_and_item_15_moves(
    new_page, site, org, unit_officer
):
    """Kiosk → counter → board → served → the phone that followed the QR link answers the service
    survey → the satisfaction KPI of plan item 15 shows the new value on the public item page."""
    from sujarit.plans import demo as plan_demo
    from sujarit.surveys.models import State
    from sujarit.surveys.services.standard import load_standard

    plan_demo.load(org)
    (survey,) = load_standard(org, keys=["service"], state=State.OPEN)
    assert survey.context_key == "queue.served_ticket"
    service = create_service(org, code="reg", name="ขอสำเนาทะเบียนบ้าน", prefix="B", standard_minutes=10)
    counter = create_counter(
        org, number=2, services=[service], officers=[Person.objects.get(user=unit_officer)]
    )

    citizen = new_page()
    citizen.goto(f"{site}/{org.slug}/plan/items/15/")
    kpi_row = citizen.locator("tr", has_text="พึงพอใจในการให้บริการ").first
    assert "ยังไม่ได้วัดผล" in kpi_row.inner_text() or "100" not in kpi_row.inner_text()

    kiosk = new_page()
    kiosk.goto(f"{site}/{org.slug}/queue/")
    with kiosk.expect_navigation():
        kiosk.get_by_role("button", name="ขอสำเนาทะเบียนบ้าน").click()
    assert kiosk.get_by_test_id("ticket-number").inner_text() == "B001"
    qr_target = Ticket.objects.get().follow_token

    officer = new_page()
    sign_in(officer, site, "t_officer", "pw-t_officer", f"/{org.slug}/staff/queue/counter/{counter.pk}/")
    with officer.expect_navigation():
        officer.get_by_test_id("call-next").click()
    board = new_page()
    board.goto(f"{site}/{org.slug}/queue/board/")
    board.locator("#live td.num", has_text="B001").wait_for(timeout=10_000)
    with officer.expect_navigation():
        officer.get_by_role("button", name="ให้บริการแล้ว").click()

    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(f"{site}/{org.slug}/queue/t/{qr_target}/")
    with phone.expect_navigation():
        phone.get_by_role("link", name="ประเมินความพึงพอใจต่อการให้บริการ").click()
    for five in phone.locator("input[type=radio][value='5']").all():
        five.check()
    with phone.expect_navigation():
        phone.locator("#survey-form button[type=submit]").click()
    assert "ขอบคุณ" in phone.locator("#survey-thanks").inner_text()

    citizen.reload()
    kpi_row = citizen.locator("tr", has_text="พึงพอใจในการให้บริการ").first
    assert "100" in kpi_row.inner_text(), kpi_row.inner_text()
