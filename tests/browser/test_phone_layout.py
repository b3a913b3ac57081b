"""On a 390 px phone: a staff page keeps its menus to one folded line (under a quarter of the screen)
and never scrolls sideways; the public plan's tables fit inside the page; the summary stays short."""

import pytest

from sujarit.core.models import Role
from sujarit.core.tests.personas import make_staff

from .conftest import sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_staff_page_on_a_phone_keeps_its_menus_small(page, site, org, seed_plan):
    make_staff(org, "t_coord", Role.PLAN_COORDINATOR)
    page.set_viewport_size(PHONE)
    sign_in(page, site, "t_coord", "pw-t_coord", f"/{org.slug}/staff/plan/")
    menus = page.evaluate(
        "(() => { const m = document.querySelector('main').getBoundingClientRect(); return m.top + window.scrollY; })()"
    )
    assert menus < 0.25 * PHONE["height"], f"the menus take {menus:.0f} px of {PHONE['height']}"
    assert _overflow(page) <= 0, "the staff page scrolls sideways"
    # the folded menu opens with one tap and shows every back-office entry
    page.locator("details.staffmenu > summary").click()
    assert page.locator(".staffbar a").first.is_visible()
    page.goto(f"{site}/{org.slug}/staff/")
    assert _overflow(page) <= 0


def test_public_plan_and_summary_fit_a_phone(page, site, org, seed_plan):
    page.set_viewport_size(PHONE)
    for path in ("plan/", "plan/items/1/", "plan/summary/", "plan/goals/"):
        page.goto(f"{site}/{org.slug}/{path}")
        assert _overflow(page) <= 0, f"{path} scrolls sideways"
    page.goto(f"{site}/{org.slug}/plan/summary/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6_000, f"the summary page is {height} px long"
