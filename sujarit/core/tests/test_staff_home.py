"""The back office's home page shows each person their own work (from every module, through the
registry), the executive a one-page summary with corruption cases as numbers only, and asks every
integrity officer to set up two-factor sign-in at their first sign-in."""

import datetime as dt

import pyotp
import pytest
from django.urls import reverse
from django.utils import timezone

from sujarit.complaints.models import Kind, Outcome
from sujarit.complaints.tests.test_stats import make_case
from sujarit.core import services, thai
from sujarit.core.models import Role, Unit
from sujarit.core.tests.personas import make_staff
from sujarit.plans import work as plan_work
from sujarit.plans.models import ProgressReport, ReportState

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_plan(org):
    from sujarit.plans import demo

    return demo.load(org).plan


def home(client, org):
    return client.get(reverse("core_staff:home", kwargs={"org_slug": org.slug})).content.decode()


def test_a_unit_officer_sees_the_reports_their_unit_owes(client, org, demo_plan):
    unit_id = (
        demo_plan.items.exclude(responsible_unit=None).values_list("responsible_unit", flat=True).first()
    )
    unit = Unit.objects.get(pk=unit_id)
    owed = demo_plan.items.filter(responsible_unit=unit).count()
    officer = make_staff(org, "t_unit", Role.UNIT_OFFICER, unit_name=unit.name)
    today = dt.date(2027, 3, 15)  # fiscal year 2570: its 6-month round is open, due 30 April 2570
    lines = [w for w in plan_work.work(org, officer, today=today) if w.kind == "due"]
    six = [w for w in lines if "รอบ 6 เดือน ปีงบประมาณ 2570" in str(w.label)]
    assert six and six[0].count == owed and not six[0].overdue
    # once the unit has sent one, one fewer is owed
    item = demo_plan.items.filter(responsible_unit=unit).first()
    ProgressReport.objects.create(org=org, item=item, fiscal_year=2570, round=6, state=ReportState.SUBMITTED)
    again = [
        w for w in plan_work.work(org, officer, today=today) if "รอบ 6 เดือน ปีงบประมาณ 2570" in str(w.label)
    ]
    assert again[0].count == owed - 1
    # after the due date the line turns overdue
    late = plan_work.work(org, officer, today=dt.date(2027, 5, 10))
    assert any(w.overdue for w in late if "รอบ 6 เดือน ปีงบประมาณ 2570" in str(w.label))
    client.force_login(officer)
    page = home(client, org)
    assert 'id="my-work"' in page and "งานของฉัน" in page


def test_the_coordinator_sees_what_waits_for_approval(client, org, demo_plan, coordinator):
    for item in demo_plan.items.order_by("number")[:2]:
        ProgressReport.objects.create(
            org=org, item=item, fiscal_year=thai.current_fiscal_year(), round=6, state=ReportState.SUBMITTED
        )
    client.force_login(coordinator)
    page = home(client, org)
    assert "รายงานผลการดำเนินงานที่รอท่านอนุมัติ" in page
    assert '<strong class="count">2</strong> รายงานผลการดำเนินงานที่รอท่านอนุมัติ' in page


def test_the_executive_reads_a_summary_with_corruption_cases_as_numbers_only(client, org, executive):
    today = timezone.localdate()
    secret = make_case(org, Kind.INTEGRITY, received=today, outcome=Outcome.SUBSTANTIATED)
    secret.subject = "ปลัดเรียกรับเงินค่าเซ็นใบอนุญาต"
    secret.save()
    make_case(org, Kind.INTEGRITY, received=today)
    make_case(org, received=today)
    client.force_login(executive)
    page = home(client, org)
    assert 'id="executive-summary"' in page
    assert '<th scope="row">เรื่องร้องเรียนการทุจริตที่รับ</th><td class="num">2</td>' in page
    assert '<th scope="row">เรื่องร้องเรียนการทุจริตที่มีมูล</th><td class="num">1</td>' in page
    assert "ปลัดเรียกรับเงิน" not in page  # numbers only


def test_others_do_not_get_the_executive_summary(client, org, unit_officer):
    client.force_login(unit_officer)
    assert 'id="executive-summary"' not in home(client, org)


def test_an_integrity_officer_is_asked_for_two_factor_at_first_sign_in(client, org, integrity_officer):
    response = client.post(
        reverse("core_site:login"),
        {"username": "t_integrity", "password": "pw-t_integrity", "next": f"/{org.slug}/staff/"},
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("core_site:totp_setup"))
    setup = client.get(response["Location"]).content.decode()
    assert "ไว้ภายหลัง" in setup  # they may continue; the home page keeps asking
    assert 'id="totp-prompt"' in home(client, org)
    # with two-factor on, no more prompt
    device = services.start_totp(integrity_officer)
    assert services.confirm_totp(integrity_officer, pyotp.TOTP(device.secret).now())
    assert not services.should_set_up_totp(integrity_officer)


def test_other_staff_are_not_sent_to_two_factor_set_up(client, org, unit_officer):
    response = client.post(
        reverse("core_site:login"),
        {"username": "t_officer", "password": "pw-t_officer", "next": f"/{org.slug}/staff/"},
    )
    assert response["Location"] == f"/{org.slug}/staff/"


def test_the_executive_sees_publications_waiting_for_approval(client, org, executive, unit_officer):
    from sujarit.disclosure.services import publishing
    from sujarit.disclosure.tests.test_publishing import make_doc

    for n in range(3):
        publishing.submit(
            make_doc(org, unit_officer, title=f"สรุปผลการจัดซื้อจัดจ้าง เดือนที่ {n}").versions.get(), by=unit_officer
        )
    client.force_login(executive)
    assert '<strong class="count">3</strong> ข้อมูลเผยแพร่ที่รอท่านอนุมัติ' in home(client, org)
    client.force_login(unit_officer)  # who prepared them does not approve them
    assert "ข้อมูลเผยแพร่ที่รอท่านอนุมัติ" not in home(client, org)
