"""Cell values of procurement files: baht amounts, dates (BE or CE), methods. Each parser returns the
value or raises ValueError with a Thai reason."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ..models import Method

_MONEY_JUNK = re.compile(r"[,\s฿]|บาท")
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
THAI_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        zip(
            "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม".split(),
            "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split(),
            strict=True,
        )
    )
    for name in names
}
_THAI_DATE = re.compile(r"^(\d{1,2})\s*(" + "|".join(re.escape(m) for m in THAI_MONTHS) + r")\s*(\d{4})$")
MAX_BAHT = Decimal("99999999999999")


def money(text, *, required=False, label="จำนวนเงิน"):
    """A baht amount as Decimal (None when blank and not required)."""
    cleaned = _MONEY_JUNK.sub("", text or "")
    if cleaned in ("", "-"):
        if required:
            raise ValueError(f"ไม่มี{label}")
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{label} «{text[:30]}» ไม่ใช่ตัวเลข") from None
    if not value.is_finite() or value < 0 or value > MAX_BAHT:
        raise ValueError(f"{label} «{text[:30]}» อยู่นอกช่วงที่เป็นไปได้")
    return value.quantize(Decimal("0.01"))


def _year(y):
    return y - 543 if y > 2400 else y


def date(text, *, label="วันที่"):
    """A date from d/m/yyyy (BE or CE), yyyy-mm-dd or '5 ม.ค. 2568'; None when blank."""
    text = (text or "").strip()
    if text in ("", "-"):
        return None
    try:
        if m := _DMY.match(text):
            return dt.date(_year(int(m[3])), int(m[2]), int(m[1]))
        if m := _ISO.match(text):
            return dt.date(_year(int(m[1])), int(m[2]), int(m[3]))
        if m := _THAI_DATE.match(text):
            return dt.date(_year(int(m[3])), THAI_MONTHS[m[2]], int(m[1]))
    except ValueError:
        pass
    raise ValueError(f"{label} «{text[:30]}» ไม่ใช่วันที่ที่อ่านได้ (เช่น 15/01/2568)")


_METHODS = [
    (re.compile(r"e-?bidding|ประกวดราคาอิเล็กทรอนิกส์|ประกวดราคา", re.I), Method.E_BIDDING),
    (re.compile(r"e-?market|ตลาดอิเล็กทรอนิกส์|สอบราคา", re.I), Method.E_MARKET),
    (re.compile(r"คัดเลือก|selection", re.I), Method.SELECTION),
    (re.compile(r"เฉพาะเจาะจง|specific|ตกลงราคา", re.I), Method.SPECIFIC),
]


def method(text):
    """The method code for a published method name; ValueError when none fits."""
    for pattern, code in _METHODS:
        if pattern.search(text or ""):
            return code
    if (text or "").strip() in Method.values:
        return text.strip()
    raise ValueError(f"วิธีจัดซื้อจัดจ้าง «{(text or '')[:40]}» ไม่รู้จัก")
