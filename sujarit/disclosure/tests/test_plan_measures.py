"""Items 2 and 7 of the plan measured from the portal's publications."""

from sujarit.core import thai
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.disclosure.services import publishing

from .test_publishing import published


def measure(key, org, period):
    return registry.measures[key].func(org, period)


def test_anti_corruption_publications_are_counted_once_public(org, unit_officer, executive):
    now = Period.for_fiscal_year(thai.current_fiscal_year())
    key = "disclosure.transparency_publications"
    assert measure(key, org, now) == 0
    pub = published(org, unit_officer, executive, area="transparency", title="มาตรการป้องกันการรับสินบน")
    published(org, unit_officer, executive, area="budget", title="แผนการจัดซื้อจัดจ้าง")  # another area
    assert measure(key, org, now) == 1
    assert measure(key, org, Period.for_fiscal_year(thai.current_fiscal_year() - 3)) == 0  # dated today
    publishing.withdraw(pub, by=executive, reason="ประกาศผิดฉบับ")
    assert measure(key, org, now) == 0


def test_the_five_disclosure_areas_are_counted_by_what_was_published(org, unit_officer, executive):
    now = Period.for_fiscal_year(thai.current_fiscal_year())
    key = "disclosure.areas_disclosed"
    assert measure(key, org, now) == 0
    for n, area in enumerate(("basic", "budget", "budget", "hr")):
        published(org, unit_officer, executive, area=area, title=f"เอกสารที่ {n}")
    assert measure(key, org, now) == 3
    published(org, unit_officer, executive, area="administration", title="แผนอัตรากำลัง")
    published(org, unit_officer, executive, area="transparency", title="รายงานผลการดำเนินงาน")
    assert measure(key, org, now) == 5
