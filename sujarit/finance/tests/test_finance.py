"""Budget control (plan item 12): lines, transfers, disbursements and their cross-check, the flags, the
spending reports, OIT evidence and the KPI measures."""

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from sujarit.core.models import AuditEvent, Role
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.core.tests.personas import make_staff
from sujarit.finance import exports, oit, queries, services
from sujarit.finance.models import BudgetLine, Disbursement, Transfer

FY = 2568


@pytest.fixture
def second_officer(org):
    return make_staff(org, "t_finance2", Role.FINANCE_OFFICER, "กองคลัง")


@pytest.fixture
def lines(org, finance_officer):
    def add(item, amount, category="ค่าวัสดุ"):
        return services.add_line(org, fiscal_year=FY, plan="แผนงานบริหารงานทั่วไป", work="งานบริหารทั่วไป",
                                 category=category, item=item, amount=amount, by=finance_officer)  # fmt: skip

    return add("วัสดุสำนักงาน", "100,000"), add("วัสดุคอมพิวเตอร์", 50000)


def pay(org, line, voucher, amount, by, day=dt.date(2025, 1, 10)):
    return services.record_disbursement(org, line=line, voucher=voucher, on=day, amount=amount,
                                        payee="ร้านทดสอบ", description="ซื้อวัสดุ", by=by)  # fmt: skip


@pytest.mark.parametrize("bad", ["หนึ่งพัน", "", "-5", "0", "1.005", "nan", "1e999", None, True])
def test_an_amount_that_is_not_a_number_is_refused_in_thai(org, finance_officer, bad):
    with pytest.raises(ValidationError) as e:
        services.add_line(org, fiscal_year=FY, plan="ก", work="ข", category="ค", item="ง", amount=bad,
                          by=finance_officer)  # fmt: skip
    assert "บาท" in e.value.messages[0] or "ศูนย์" in e.value.messages[0]
    assert not BudgetLine.objects.exists()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=20))
def test_amount_of_returns_a_positive_amount_or_a_thai_refusal(text):
    try:
        amount = services.amount_of(text, "จำนวนเงิน")
    except ValidationError as exc:
        assert "จำนวนเงิน" in exc.messages[0]
    else:
        assert amount > 0 and amount == amount.quantize(Decimal("0.01"))


def test_thai_digits_and_commas_are_read(org, finance_officer):
    line = services.add_line(org, fiscal_year=FY, plan="ก", work="ข", category="ค", item="ง", amount="๑,๒๕๐.๕๐",
                             by=finance_officer)  # fmt: skip
    assert line.amount == Decimal("1250.50")


def test_a_transfer_that_would_make_a_line_negative_is_refused(org, finance_officer, lines):
    office, computers = lines
    pay(org, office, "1/2568", 80000, finance_officer)
    with pytest.raises(ValidationError, match="ต่ำกว่าศูนย์"):
        services.transfer(org, source=office, target=computers, amount=30000, on=dt.date(2025, 2, 1),
                          reason="โอน", by=finance_officer)  # fmt: skip
    assert not Transfer.objects.exists()
    services.transfer(org, source=office, target=computers, amount=20000, on=dt.date(2025, 2, 1), reason="โอน",
                      by=finance_officer)  # fmt: skip
    assert office.figures()[2] == Decimal(80000) and computers.figures()[2] == Decimal(70000)


def test_an_officer_cannot_cross_check_their_own_disbursement(org, finance_officer, second_officer, lines):
    d = pay(org, lines[0], "1/2568", 5000, finance_officer)
    with pytest.raises(ValidationError, match="ไม่สามารถตรวจสอบ"):
        services.cross_check(org, d, result="correct", by=finance_officer)
    d.refresh_from_db()
    assert d.check_result == "" and d.checked_by is None
    with pytest.raises(ValidationError):
        services.cross_check(org, d, result="error", note="", by=second_officer)  # an error needs its note
    services.cross_check(org, d, result="correct", by=second_officer)
    d.refresh_from_db()
    assert d.checked_by == second_officer
    assert AuditEvent.objects.filter(action="finance.cross_checked").count() == 1


def test_who_may_do_what(
    org, lines, finance_officer, unit_officer, integrity_officer, auditor, other_org_officer
):
    with pytest.raises(PermissionDenied):
        pay(org, lines[0], "1/2568", 100, unit_officer)
    d = pay(org, lines[0], "1/2568", 100, finance_officer)
    for who in (unit_officer, integrity_officer, other_org_officer):
        with pytest.raises(PermissionDenied):
            services.cross_check(org, d, result="correct", by=who)
    services.cross_check(org, d, result="correct", by=auditor)


def test_a_duplicate_voucher_and_a_date_outside_the_year_are_refused(org, finance_officer, lines):
    pay(org, lines[0], "1/2568", 100, finance_officer)
    with pytest.raises(ValidationError, match="1/2568"):
        pay(org, lines[0], "1/2568", 100, finance_officer)
    with pytest.raises(ValidationError, match="ปีงบประมาณ"):
        pay(org, lines[0], "2/2568", 100, finance_officer, day=dt.date(2023, 1, 1))
    assert Disbursement.objects.count() == 1


def test_the_flags_find_an_overspent_line_an_unchecked_payment_and_procurement_without_a_line(
    org, finance_officer, second_officer, lines
):
    from sujarit.procurement.tests.helpers import project

    office, computers = lines
    d = pay(org, computers, "1/2568", 30000, finance_officer)
    services.cross_check(org, d, result="correct", by=second_officer)
    pay(org, computers, "2/2568", 25000, finance_officer)  # 55,000 of 50,000, unchecked
    project(org, day=dt.date(2025, 1, 5), agreed=9000, budget_line="วัสดุสำนักงาน", name="ซื้อกระดาษ")
    project(org, day=dt.date(2025, 1, 6), agreed=9000, budget_line="", name="ซื้อเก้าอี้")
    project(org, day=dt.date(2025, 1, 7), agreed=9000, budget_line="ครุภัณฑ์การเกษตร", name="ซื้อเครื่องตัดหญ้า")
    found = queries.flags(org, FY)
    by_code = {}
    for f in found:
        by_code.setdefault(f.code, []).append(f)
    assert [f.evidence["over"] for f in by_code["overspent"]] == ["5000.00"]
    assert [f.evidence["voucher"] for f in by_code["unchecked"]] == ["2/2568"]
    named = {f.message.split(" (")[0] for f in by_code["procurement_without_line"]}
    assert named == {"ซื้อเครื่องตัดหญ้า", "ซื้อเก้าอี้"}


def test_the_quarter_report_adds_up_and_its_files_say_so(org, finance_officer, lines, tmp_path):
    office, computers = lines
    pay(org, office, "1/2568", 10000, finance_officer, day=dt.date(2024, 11, 1))  # Q1
    pay(org, office, "2/2568", 15000, finance_officer, day=dt.date(2025, 2, 1))  # Q2
    services.transfer(org, source=office, target=computers, amount=5000, on=dt.date(2025, 1, 2), reason="โอน",
                      by=finance_officer)  # fmt: skip
    q2 = queries.period_of("2568-q2")
    assert (q2.start, q2.end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    rows = {r.line.item: r for r in queries.report(org, q2)}
    r = rows["วัสดุสำนักงาน"]
    assert (r.current, r.in_period, r.to_date, r.remaining) == (Decimal(95000), Decimal(15000), Decimal(25000),
                                                                 Decimal(70000))  # fmt: skip
    _n, _t, data = exports.report_file(org, q2, "xlsx")
    cells = [
        c for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True) for c in row
    ]
    assert "วัสดุสำนักงาน" in cells and 70000 in cells and 15000 in cells
    if shutil.which("pdftotext"):
        _n, _t, pdf = exports.report_file(org, q2, "pdf")
        (tmp_path / "r.pdf").write_bytes(pdf)
        text = "".join(subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                                      check=True).stdout.decode().split())  # fmt: skip
        assert "รายงานการใช้จ่ายงบประมาณไตรมาสที่2ปีงบประมาณพ.ศ.2568" in text and "70,000" in text
        assert org.name in text and "ปลัด" in text


def test_ended_quarters_are_o13_evidence(org, finance_officer, lines):
    pay(org, lines[0], "1/2568", 100, finance_officer, day=dt.date(2025, 5, 1))
    evidence = oit.spending_evidence(org, FY)
    assert [e["period"] for e in evidence] == [1, 2, 3] and {e["topic"] for e in evidence} == {
        "budget monitoring"
    }
    assert "finance.spending_report" in registry.oit_providers


def test_the_measures_move_with_cross_checks(org, finance_officer, second_officer, lines):
    cross = registry.measures["finance.cross_checked"].func
    done = registry.measures["finance.cross_check_done"].func
    down = registry.measures["finance.errors_down"].func
    period = Period.for_fiscal_year(FY)
    assert cross(org, period) is None and done(org, period) is None
    last_year = services.add_line(org, fiscal_year=FY - 1, plan="ก", work="ข", category="ค", item="ง",
                                  amount=100000, by=finance_officer)  # fmt: skip
    for n in range(5):
        d = pay(org, last_year, f"{n}/2567", 100, finance_officer, day=dt.date(2024, 3, 1))
        services.cross_check(org, d, result="error", note="เอกสารไม่ครบ", by=second_officer)
    d1 = pay(org, lines[0], "1/2568", 100, finance_officer)
    pay(org, lines[0], "2/2568", 100, finance_officer)
    assert done(org, period) == 0  # disbursements, none checked yet
    services.cross_check(org, d1, result="error", note="ยอดไม่ตรง", by=second_officer)
    assert done(org, period) == 1
    assert cross(org, period) == Decimal(50)
    assert down(org, period) == Decimal(80)  # 5 errors last year, 1 this year


def test_the_hints_bind_item_12s_indicators():
    from sujarit.plans.services.kpis import suggested_measure

    assert suggested_measure(
        "มีการดำเนินการตรวจสอบการเบิกจ่ายงบประมาณในลักษณะการสอบยันความถูกต้อง (Cross Check)"
    ) == ("finance.cross_check_done")
    assert suggested_measure("ข้อผิดพลาดในการเบิกจ่ายงบประมาณลดลงร้อยละ 80") == "finance.errors_down"


def test_the_pages_refuse_what_the_services_refuse(client, org, finance_officer, unit_officer, lines):
    url = reverse("finance_staff:disbursements", kwargs={"org_slug": org.slug}) + f"?fy={FY}"
    client.force_login(unit_officer)
    assert client.get(url).status_code == 200
    form = {"fy": FY, "line": lines[0].pk, "voucher": "9/2568", "on": "10/01/2568", "amount": "สองพัน",
            "payee": "ร้าน", "description": "ซื้อ"}  # fmt: skip
    assert client.post(url, form).status_code == 403
    client.force_login(finance_officer)
    r = client.post(url, form)
    assert r.status_code == 400 and "ต้องเป็นจำนวนเงิน" in r.content.decode()
    assert not Disbursement.objects.exists()
    form["amount"] = "2,000"
    assert client.post(url, form).status_code == 302
    d = Disbursement.objects.get()
    check = reverse("finance_staff:check", kwargs={"org_slug": org.slug, "pk": d.pk})
    r = client.post(check, {"result": "correct"})
    assert r.status_code == 400 and "ไม่สามารถตรวจสอบ" in r.content.decode()
    client.logout()
    page = client.get(reverse("finance:spending", kwargs={"org_slug": org.slug, "slug": "2568-q2"}))
    assert page.status_code == 200 and "วัสดุสำนักงาน" in page.content.decode()
    assert (
        client.get(reverse("finance:spending", kwargs={"org_slug": org.slug, "slug": "2568-q9"})).status_code
        == 404
    )


def test_other_orgs_staff_see_nothing(client, org, other_org_officer, lines):
    client.force_login(other_org_officer)
    assert client.get(reverse("finance_staff:lines", kwargs={"org_slug": org.slug})).status_code == 403


@pytest.mark.django_db
def test_the_demo_year_shows_every_flag(client):
    from sujarit.core import demo as core_demo
    from sujarit.finance import demo

    demo_org, _accounts = core_demo.load_org()
    assert demo.load(demo_org) == len(demo.PAYMENTS) and demo.load(demo_org) == 0
    from sujarit.core import thai

    fy = thai.current_fiscal_year() - 1
    codes = {f.code for f in queries.flags(demo_org, fy)}
    assert {"overspent", "unchecked"} <= codes
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="finance"))
    page = client.get(reverse("finance_staff:lines", kwargs={"org_slug": demo_org.slug}) + f"?fy={fy}")
    text = page.content.decode()
    assert page.status_code == 200 and "เกินงบประมาณที่มี" in text and "ประชุมติดตามความก้าวหน้า" in text


def test_monitoring_meetings_count_the_quarters_that_had_one(org, finance_officer, unit_officer):
    measure = registry.measures["finance.monitoring_meetings"].func
    period = Period.for_fiscal_year(FY)
    assert measure(org, period) == Decimal(0)
    for day in (dt.date(2024, 11, 20), dt.date(2024, 12, 18), dt.date(2025, 5, 2)):
        services.record_meeting(org, on=day, title="ประชุมติดตามการเบิกจ่าย", attendees="๑๒",
                                summary="ติดตามผลการเบิกจ่ายรายไตรมาส", by=finance_officer)  # fmt: skip
    assert measure(org, period) == Decimal(2)  # quarters 1 and 3
    with pytest.raises(ValidationError, match="จำนวนเต็ม"):
        services.record_meeting(org, on=dt.date(2025, 2, 1), title="ประชุม", attendees="สิบ", summary="x",
                                by=finance_officer)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.record_meeting(org, on=dt.date(2025, 2, 1), title="ประชุม", attendees=5, summary="x",
                                by=unit_officer)  # fmt: skip
    assert measure(org, period) == Decimal(2)
    from sujarit.plans.services.kpis import suggested_measure

    text = "มีการจัดประชุมเพื่อติดตามความก้าวหน้า/รายงานการใช้จ่ายงบประมาณ อย่างน้อย ไตรมาสละ 1 ครั้ง"
    assert suggested_measure(text) == "finance.monitoring_meetings"


def test_the_lines_page_stays_at_a_few_queries(
    client, org, finance_officer, lines, django_assert_max_num_queries
):
    for n in range(6):
        services.add_line(org, fiscal_year=FY, plan="ก", work="ข", category="ค", item=f"รายการ {n}", amount=1000,
                          by=finance_officer)  # fmt: skip
        pay(org, lines[0], f"{n}/2568", 10, finance_officer)
    client.force_login(finance_officer)
    url = reverse("finance_staff:lines", kwargs={"org_slug": org.slug}) + f"?fy={FY}"
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200
