import datetime as dt
from decimal import Decimal

from sujarit.core import thai


def test_fiscal_year_runs_from_october_to_september():
    assert thai.fiscal_year_of(dt.date(2023, 9, 30)) == 2566
    assert thai.fiscal_year_of(dt.date(2023, 10, 1)) == 2567
    assert thai.fiscal_year_bounds(2567) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


def test_dates_are_buddhist_era_with_thai_months():
    assert thai.thai_date(dt.date(2026, 11, 26)) == "26 พฤศจิกายน 2569"
    assert thai.thai_date(dt.date(2026, 11, 26), short=True) == "26 พ.ย. 2569"
    assert thai.thai_date(dt.date(2026, 11, 26), thai_digits=True) == "๒๖ พฤศจิกายน ๒๕๖๙"


def test_baht_in_figures_and_words():
    assert thai.baht(Decimal("70000")) == "70,000"
    assert thai.baht(Decimal("1234.5")) == "1,234.50"
    assert thai.baht_text(Decimal("70000")) == "เจ็ดหมื่นบาทถ้วน"
    assert thai.baht_text(Decimal("0")) == "ศูนย์บาทถ้วน"
    assert thai.baht_text(Decimal("21.25")) == "ยี่สิบเอ็ดบาทยี่สิบห้าสตางค์"
