"""A visitor reads the plan: the public plan page, then one item's page (Thai text, Buddhist Era years)."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_visitor_reads_the_plan_and_opens_an_item(page, site, seed_plan):
    org = seed_plan.org
    first = seed_plan.items.order_by("number").first()

    page.goto(f"{site}/{org.slug}/plan/")
    main = page.locator("main")
    assert page.locator("h1").inner_text() == seed_plan.title
    text = main.inner_text()
    assert org.name in text
    # The cycle's fiscal years are Buddhist Era years (2566–2570), never Common Era ones.
    years = [str(y) for y in seed_plan.fiscal_years]
    assert (
        main.locator("table.plan-items").first.locator("thead th.num").all_inner_texts()[: len(years)]
        == years
    )
    for year in seed_plan.fiscal_years:
        assert not re.search(rf"\b{year - 543}\b", text), f"the Common Era year {year - 543} is shown"
    # Every dimension and every item of the plan is listed.
    for dimension in seed_plan.dimensions.all():
        assert dimension.name in text
    assert main.locator("table.plan-items tbody tr").count() == seed_plan.items.count()

    page.get_by_role("link", name=first.name, exact=True).first.click()
    page.wait_for_url(f"**/{org.slug}/plan/items/{first.number}/")
    heading = page.locator("h1").inner_text()
    assert first.name in heading and str(first.number) in heading
    item_text = page.locator("main").inner_text()
    budget_years = page.locator("main table").first.locator("tbody th").all_inner_texts()
    assert budget_years == [str(y) for y in seed_plan.fiscal_years]
    if first.responsible_unit:
        assert first.responsible_unit.name in item_text
    for kpi in first.kpis.all():
        assert kpi.text in item_text
    # The page is a readable Thai page: Thai script renders as text, not as escaped entities.
    assert "&#" not in item_text and re.search(r"[\u0E00-\u0E7F]{10}", item_text)
