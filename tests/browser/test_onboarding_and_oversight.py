"""Issue 14's walk-through: a platform operator creates an organization, its first administrator sets a
password from the one-time link and turns on two-factor sign-in, imports the plan and sees the setup
checklist tick; the province's supervisor then finds the new organization on the oversight board, and
its staff pages stay shut to them."""

from pathlib import Path

import pyotp
import pytest

from sujarit.core.models import Organization
from sujarit.oversight.services import grant

from .conftest import sign_in

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[2] / "sujarit" / "demo" / "laemsom_plan_2566_2570.txt"


def test_operator_onboards_an_organization_that_the_province_supervisor_then_sees(
    new_page, site, platform_operator
):
    operator = new_page()
    sign_in(operator, site, "t_operator", "pw-operator", "/platform/orgs/new/")
    assert operator.locator("#id_org_type").input_value() == "sao"  # most local governments are อบต.
    operator.fill("#id_name", "องค์การบริหารส่วนตำบลแหลมสอม")
    operator.fill("#id_slug", "laemsom")
    operator.fill("#id_province", "ตรัง")
    operator.fill("#id_district", "ปะเหลียน")
    operator.fill("#id_local_code", "6920101")
    operator.fill("#id_admin_name", "นางสาวปลัด ทดสอบ")
    with operator.expect_navigation():
        operator.get_by_role("button", name="สร้าง").click()
    link = operator.locator("#link").inner_text().strip()
    assert "/accounts/setup/" in link
    org = Organization.objects.get(slug="laemsom")
    assert org.nacc_region == 9

    # The administrator opens the link in their own browser, sets a password, then enrols TOTP.
    admin = new_page()
    admin.goto(link if link.startswith("http") else site + link)
    admin.fill("#id_new_password1", "แหลมสอม-ตั้งรหัส-2570")
    admin.fill("#id_new_password2", "แหลมสอม-ตั้งรหัส-2570")
    with admin.expect_navigation():
        admin.locator("main form button[type=submit]").click()
    if "/accounts/2fa/setup/" not in admin.url:
        admin.goto(f"{site}/laemsom/staff/")
    assert "/accounts/2fa/setup/" in admin.url, admin.url
    secret = admin.locator("main code").inner_text().strip()
    admin.fill("#id_code", pyotp.TOTP(secret).now())
    with admin.expect_navigation():
        admin.get_by_role("button", name="เปิดใช้งาน").click()

    admin.goto(f"{site}/laemsom/staff/")
    step = admin.locator('#checklist li[data-step="plans.imported"]')
    assert step.get_attribute("class") == "warn"
    with admin.expect_navigation():
        step.get_by_role("link").click()
    admin.set_input_files("input[type=file]", str(SEED))
    with admin.expect_navigation():
        admin.locator("main form.card button[type=submit]").click()
    # The seed document has errors a reviewer would send back: importing them is a stated choice.
    admin.locator("input[name=confirm_errors]").check()
    with admin.expect_navigation():
        admin.get_by_role("button", name="นำเข้าแผน").click()
    admin.goto(f"{site}/laemsom/staff/")
    assert admin.locator('#checklist li[data-step="plans.imported"]').get_attribute("class") == "ok"

    # The province's supervisor sees the new organization with its plan, and nothing of its staff side.
    grant(username="sthj.trang", full_name="ผู้กำกับดูแลจังหวัดตรัง", scope="province", province="ตรัง", by=None)
    from django.contrib.auth import get_user_model

    supervisor = get_user_model().objects.get(username="sthj.trang")
    supervisor.set_password("pw-supervisor-2570")
    supervisor.save()
    watcher = new_page()
    sign_in(watcher, site, "sthj.trang", "pw-supervisor-2570", "/oversight/")
    assert watcher.locator("h1").inner_text().endswith("จังหวัดตรัง")
    row = watcher.locator("#orgs tbody tr", has_text="องค์การบริหารส่วนตำบลแหลมสอม")
    assert row.count() == 1
    assert "มี" in row.locator("td").first.inner_text()  # a plan for the cycle
    response = watcher.goto(f"{site}/laemsom/staff/")
    assert response.status == 403
    response = watcher.goto(f"{site}/laemsom/staff/plan/progress/")
    assert response.status == 403
