"""Thai 13-digit IDs: the check digit, and the two ways spreadsheets damage them."""

import pytest

from sujarit.procurement import ids
from sujarit.procurement.demo import tax_id


def test_the_check_digit_is_the_thai_rule():
    # weights 13..2 over the first 12 digits; check = (11 - sum mod 11) mod 10
    assert tax_id("099400016551") == "0994000165510"
    assert ids.check("0994000165510") == (ids.OK, "0994000165510")
    assert ids.check("0994000165511")[0] == ids.BAD_CHECK


@pytest.mark.parametrize(
    "raw,status",
    [
        ("1.23457E+12", ids.SCIENTIFIC),
        ("9.94000165510e+11", ids.SCIENTIFIC),
        ("12345", ids.MALFORMED),
        ("บริษัท", ids.MALFORMED),
        ("", ids.EMPTY),
        (None, ids.EMPTY),
    ],
)
def test_damaged_or_missing_ids_are_recognised(raw, status):
    assert ids.check(raw)[0] == status


def test_a_lost_leading_zero_is_repaired_only_when_the_check_digit_agrees():
    assert ids.check("994000165510") == (ids.REPAIRED, "0994000165510")
    assert ids.check("994000165510.0") == (ids.REPAIRED, "0994000165510")
    assert ids.check("994000165511")[0] == ids.MALFORMED  # 12 digits, padded one fails the check


def test_separators_and_thai_digits_are_read():
    assert ids.check("0-9940-00165-51-0") == (ids.OK, "0994000165510")
    assert ids.check("๐๙๙๔๐๐๐๑๖๕๕๑๐") == (ids.OK, "0994000165510")


def test_reasons_are_thai_and_name_the_value():
    assert "1.23457E+12" in ids.reason(ids.SCIENTIFIC, "1.23457E+12")
    assert "เลขยกกำลัง" in ids.reason(ids.SCIENTIFIC, "1.23457E+12")
