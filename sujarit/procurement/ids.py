"""Thai 13-digit IDs (juristic-person/tax IDs and personal IDs): clean, check, and recognise damage.

The check digit is python-stdnum's (`stdnum.th.tin`, which accepts both kinds). Spreadsheet programs
damage IDs in two ways (domain/procurement.md): scientific notation ("1.23457E+12", digits lost for
good) and a lost leading zero (a juristic-person number saved as a number has 12 digits). The first
cannot be repaired; the second is repaired only when the zero-padded number passes its check digit.
"""

import re

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.th import tin

_SCIENTIFIC = re.compile(r"^\s*[0-9](?:\.[0-9]+)?[eE]\+?[0-9]+\s*$")
_SEPARATORS = re.compile(r"[\s\-.]")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

OK, REPAIRED, EMPTY, SCIENTIFIC, MALFORMED, BAD_CHECK = (
    "ok",
    "repaired",
    "empty",
    "scientific",
    "malformed",
    "bad_check",
)
REASONS = {
    SCIENTIFIC: "เลขประจำตัว {raw} ถูกโปรแกรมตารางคำนวณแปลงเป็นเลขยกกำลัง ตัวเลขสูญหาย ไม่อาจกู้คืนได้",
    MALFORMED: "เลขประจำตัว {raw} ไม่ใช่ตัวเลข 13 หลัก",
    BAD_CHECK: "เลขประจำตัว {raw} มีเลขตรวจสอบ (หลักที่ 13) ไม่ถูกต้อง",
}


def is_valid(value):
    """A clean 13-digit ID whose check digit is right."""
    return bool(value) and len(value) == 13 and value.isdigit() and tin.is_valid(value)


def check(raw):
    """(status, the 13-digit ID or ""): ok, repaired (a lost leading zero), empty, or why it is bad."""
    text = "" if raw is None else str(raw).translate(_THAI_DIGITS).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]  # a number cell read as a float
    if not text:
        return EMPTY, ""
    if _SCIENTIFIC.match(text):
        return SCIENTIFIC, ""
    digits = _SEPARATORS.sub("", text)
    if not digits.isdigit():
        return MALFORMED, ""
    if len(digits) == 12 and is_valid("0" + digits):
        return REPAIRED, "0" + digits
    if len(digits) != 13:
        return MALFORMED, ""
    try:
        return OK, tin.validate(digits)
    except StdnumError:
        return BAD_CHECK, ""


def reason(status, raw):
    return REASONS[status].format(raw=str(raw).strip()[:40])
